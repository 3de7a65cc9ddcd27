import ArgumentParser
import AwardEngine
import AwardOutbox
import AwardPostgres
import AwardHTTP
import AwardWeb
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// awardd: Award Engine's HTTP daemon.
@main
struct Awardd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "awardd",
        abstract: "Award Engine's HTTP daemon: the nomination lifecycle over a JSON API.",
        discussion: """
            Database: --database-url, else AWARD_DATABASE_URL, else libpq's PG* variables. With none of them,
            awardd creates (initdb) and starts its own PostgreSQL cluster in --data-dir, listening only on a
            Unix socket inside it, and stops it on shutdown; awardctl uses that cluster by default.

            The schema is migrated at start-up. SIGTERM or SIGINT: stop accepting, finish requests in flight,
            close the pool, exit 0. API description: GET /openapi.json.
            """,
        version: EngineVersion.description)

    @Option(help: "Address to listen on: HOST:PORT (port 0 picks a free one).")
    var listen: String = "127.0.0.1:8080"
    @Option(name: .customLong("database-url"), help: "libpq connection string or URI.")
    var databaseURL: String?
    @Option(name: .customLong("data-dir"), help: "Where the embedded cluster lives when no database is configured.")
    var dataDirectory: String = "./.award/pg"
    @Option(name: .customLong("pool-size"), help: "Database connections (each with its own thread).")
    var poolSize: Int = 8
    @Option(name: .customLong("max-body"), help: "Largest request body in bytes (413 beyond).")
    var maxBody: Int = 1 << 20
    @Option(name: .customLong("request-timeout"), help: "Seconds a request's database work may take before it is cancelled.")
    var requestTimeout: Int = 30
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"
    @Flag(help: "Load the demo data set (Lào Cai province) and print a token per demo user.")
    var demo = false
    @Option(name: .customLong("demo-credentials"), help: "Where --demo keeps the demo users' tokens (default: demo.env beside --data-dir).")
    var demoCredentials: String?
    @Option(name: .customLong("webhook-interval"), help: "Seconds between polls for webhook deliveries when no notification wakes the worker; 0 turns deliveries off.")
    var webhookInterval: Int = 5
    @Option(name: .customLong("webhook-backoff"), help: "Milliseconds before a failed delivery's first retry (doubling after each failure).")
    var webhookBackoff: Int = 5000
    @Option(name: .customLong("webhook-max-backoff"), help: "Seconds a retry waits at most.")
    var webhookMaxBackoff: Int = 3600
    @Option(name: .customLong("webhook-attempts"), help: "Attempts before a delivery is marked dead.")
    var webhookAttempts: Int = 8
    @Option(name: .customLong("smtp-url"), help: "The SMTP relay for e-mail (smtp://HOST:PORT, smtp+starttls://[USER@]HOST:587 or smtps://[USER@]HOST:465); without it no e-mail is sent (it stays queued).")
    var smtpURL: String?
    @Option(name: .customLong("smtp-from"), help: "The sender address of the e-mail.")
    var smtpFrom: String = "thidua-khenthuong@localhost"
    @Option(name: .customLong("digest-hour"), help: "The hour (Vietnam time, 0–23) from which the daily digests are sent.")
    var digestHour: Int = 7
    @Option(name: .customLong("trusted-proxy"), parsing: .upToNextOption,
            help: "Networks (CIDR) of the proxies in front of awardd whose X-Forwarded-For and X-Forwarded-Proto are believed; from anyone else they are ignored.")
    var trustedProxies: [String] = []
    @Option(name: .customLong("metrics-allow"), parsing: .upToNextOption,
            help: "Networks (CIDR) of the clients that may read /metrics (default: loopback only).")
    var metricsAllow: [String] = ["127.0.0.0/8", "::1/128"]
    @Option(name: .customLong("header-timeout"), help: "Seconds a client has to send a request's headers (a slow client is disconnected).")
    var headerTimeout: Int = 10
    @Option(name: .customLong("body-timeout"), help: "Seconds a client has to send a request's body once its headers arrived.")
    var bodyTimeout: Int = 120
    @Option(name: .customLong("idle-timeout"), help: "Seconds an idle keep-alive connection stays open.")
    var idleTimeout: Int = 75
    @Flag(name: .customLong("migrate"), inversion: .prefixedNo,
          help: "Apply the schema migrations the database lacks at start-up (as the configured role, which must then own the schema). With --no-migrate awardd only checks that the schema is the one it runs on; migrate with `awardctl db migrate` as the owner role.")
    var migrate = true
    @Option(name: .customLong("log-format"), help: "text (one readable line an event) or json (one JSON object a line, for a log collector).")
    var logFormat: String = "text"
    @Option(name: .customLong("database-wait"), help: "Seconds to wait at start-up for a database that does not answer yet (retrying with backoff); 0 fails at once.")
    var databaseWait: Int = 60
    @Option(name: .customLong("timer-interval"), help: "Seconds between runs of the durable timers (public notices, deadlines); 0 turns them off.")
    var timerInterval: Int = 60

    func validate() throws {
        guard Self.address(listen) != nil else { throw ValidationError("--listen \(listen) is not HOST:PORT") }
        guard (1...256).contains(poolSize) else { throw ValidationError("--pool-size must be 1–256") }
        guard maxBody >= 1024 else { throw ValidationError("--max-body must be at least 1024") }
        guard requestTimeout >= 1 else { throw ValidationError("--request-timeout must be at least 1 second") }
        guard (0...3600).contains(databaseWait) else { throw ValidationError("--database-wait must be 0–3600 seconds") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level \(logLevel) is not a level") }
        guard ["text", "json"].contains(logFormat) else { throw ValidationError("--log-format must be text or json, not \(logFormat)") }
        for network in trustedProxies + metricsAllow where IPNetwork(network) == nil {
            throw ValidationError("\(network) is not a network in CIDR notation (e.g. 10.20.0.0/16 or 127.0.0.1)")
        }
        for (name, value) in [("--header-timeout", headerTimeout), ("--body-timeout", bodyTimeout), ("--idle-timeout", idleTimeout)]
        where !(1...3600).contains(value) {
            throw ValidationError("\(name) must be 1–3600 seconds")
        }
    }

    static func address(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let json = logFormat == "json"
        LoggingSystem.bootstrap { label in
            if json {
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "awardd")
        Telemetry.bootstrap()

        var cluster: LocalCluster? = nil
        var startedCluster = false
        let target: DatabaseTarget
        var ownerTarget: DatabaseTarget? = nil
        switch DatabaseTarget.resolve(explicit: databaseURL, environment: ProcessInfo.processInfo.environment, dataDirectory: dataDirectory) {
        case .configured(let configured):
            target = configured
        case .local(let local):
            startedCluster = try Self.fail { () throws(PostgresError) in try local.start(logger: logger) }
            cluster = local
            target = local.target
            ownerTarget = try Self.fail { () throws(PostgresError) in try local.ownerTarget() }
            logger.info("using the embedded PostgreSQL cluster", metadata: ["pg.data": "\(local.dataDirectory)"])
        }

        let engine = AwardEngine(database: target, poolSize: poolSize, applicationName: "awardd",
                                 statementTimeout: .seconds(requestTimeout), logger: logger)
        do {
            // A configured server may be starting or failing over: wait for it (the embedded cluster
            // was started above and answers).
            if ownerTarget == nil { try await Self.waitForDatabase(engine, seconds: databaseWait, logger: logger) }
            if migrate, let ownerTarget {
                // The embedded cluster: migrated as its owner, served as the application's role.
                let owner = AwardEngine(database: ownerTarget, poolSize: 1, applicationName: "awardd-migrate", logger: logger)
                let migrated: Result<MigrationReport, AwardError>
                do { migrated = .success(try await owner.migrate(grant: true)) } catch { migrated = .failure(error) }
                try? await owner.close()
                _ = try migrated.get()
            } else if migrate {
                // Migrations have no request's timeout: one that waits on a lock waits for it.
                let migrator = AwardEngine(database: target, poolSize: 1, applicationName: "awardd-migrate", logger: logger)
                let migrated: Result<MigrationReport, AwardError>
                do { migrated = .success(try await migrator.migrate()) } catch { migrated = .failure(error) }
                try? await migrator.close()
                _ = try migrated.get()
            }
            try await engine.requireCurrentSchema()
            let credentials = demoCredentials.map(DemoCredentials.init(path:)) ?? DemoCredentials(dataDirectory: dataDirectory)
            if demo {
                let kept = credentials.read()
                let summary = try await DemoData.load(into: engine, keeping: kept.tokens, passwords: kept.passwords)
                if !summary.alreadyLoaded || !summary.reissued.isEmpty {
                    do { try credentials.write(summary.users) } catch {
                        Self.say("awardd: warning: could not write \(credentials.path); the tokens are printed only here", toStandardError: true)
                    }
                }
                Self.say(DemoBanner.loaded(summary, credentials: credentials))
            }
            let demo = demo
            let (host, port) = Self.address(listen)!
            // One listening connection wakes the workers and the live streams as soon as PostgreSQL notifies them.
            let wakeups = Wakeups(target: target, logger: logger)
            var api = APIConfiguration(maxBodyBytes: maxBody, metricsText: { Telemetry.exposition() }, wakeups: wakeups)
            api.trustedProxies = trustedProxies.compactMap(IPNetwork.init)
            api.metricsAllowed = metricsAllow.compactMap(IPNetwork.init)
            let router = AwardAPI.router(engine: engine, configuration: api)
            try WebRoutes(engine: engine, wakeups: wakeups).register(on: router)
            var services: [any Service] = []
            if timerInterval > 0 {
                services.append(TimerService(engine: engine, wakeups: wakeups, interval: .seconds(timerInterval), logger: logger))
            }
            if let smtpURL {
                let smtp: SMTPClient
                do {
                    smtp = try SMTPClient(url: smtpURL, from: smtpFrom)
                } catch {
                    Self.say("awardd: error: --smtp-url: \(error)", toStandardError: true)
                    throw ExitCode(64)
                }
                services.append(MailService(engine: engine, smtp: smtp, wakeups: wakeups, interval: .seconds(60), digestHour: digestHour, logger: logger))
            }
            if webhookInterval > 0 {
                let sender = WebhookSender(engine: engine, maxAttempts: max(1, webhookAttempts), backoffBase: .milliseconds(max(10, webhookBackoff)),
                                           maxBackoff: .seconds(max(1, webhookMaxBackoff)))
                services.append(WebhookService(sender: sender, wakeups: wakeups, interval: .seconds(webhookInterval), logger: logger))
            }
            let app = Application(
                router: router,
                server: .http1(configuration: .init(
                    additionalChannelHandlers: [RequestDeadlineHandler(headerTimeout: .seconds(Int64(headerTimeout)), bodyTimeout: .seconds(Int64(bodyTimeout)))],
                    idleTimeout: .seconds(Int64(idleTimeout)))),
                configuration: .init(address: .hostname(host, port: port), serverName: "awardd"),
                services: services,
                onServerRunning: { channel in
                    let bound = channel.localAddress.map { "\($0.ipAddress ?? host):\($0.port ?? port)" } ?? "\(host):\(port)"
                    // A webhook is never delivered to awardd itself (recorded for awardctl too).
                    let listening = (channel.localAddress?.ipAddress ?? host, channel.localAddress?.port ?? port)
                    Task { try? await engine.recordListener(host: listening.0, port: listening.1) }
                    Self.say("awardd listening on http://\(bound)")
                    if demo { Self.say(DemoBanner.next(url: "http://\(bound)", credentials: credentials)) }
                },
                logger: logger)
            try await app.runService()
        } catch let error as AwardError {
            try? await engine.close()
            if startedCluster { try? cluster?.stop() }
            Self.say("awardd: error: \(error.message)", toStandardError: true)
            throw ExitCode(1)
        }
        try? await engine.close()
        if startedCluster, let cluster {
            do { try cluster.stop() } catch { logger.warning("could not stop the embedded cluster", metadata: ["error": "\(error)"]) }
        }
        logger.info("awardd stopped")
    }

    /// Waits for a database that does not answer yet (it may be starting, or failing over), retrying
    /// with a backoff from 0.5 s up to 5 s; any other fault, or the wait's end, is the start's failure.
    static func waitForDatabase(_ engine: AwardEngine, seconds: Int, logger: Logger) async throws(AwardError) {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var pause = Duration.milliseconds(500)
        while true {
            do {
                try await engine.ping()
                return
            } catch {
                let left = deadline - ContinuousClock.now
                guard error.category == .unavailable, left > .zero else { throw error }
                let wait = min(pause, left)
                logger.warning("the database does not answer yet; retrying", metadata: ["retry.in": "\(wait)"])
                try? await Task.sleep(for: wait)
                pause = min(pause * 2, .seconds(5))
            }
        }
    }

    static func fail<T>(_ body: () throws(PostgresError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            say("awardd: error: \(error.message)", toStandardError: true)
            throw ExitCode(1)
        }
    }

    static func say(_ text: String, toStandardError: Bool = false) {
        let handle = toStandardError ? FileHandle.standardError : FileHandle.standardOutput
        handle.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
