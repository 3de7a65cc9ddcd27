import ArgumentParser
import Configuration
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

    @Option(help: "A configuration file (YAML, or JSON when named .json); default: AWARDD_CONFIG, else /etc/award-engine/awardd.yaml when it exists. Its keys are these options' names; the command line and AWARDD_* variables override it.")
    var config: String?
    @Option(help: "Address to listen on: HOST:PORT (port 0 picks a free one). Default 127.0.0.1:8080.")
    var listen: String?
    @Option(name: .customLong("database-url"), help: "libpq connection string or URI, without a password (see database-password in OPERATIONS.md).")
    var databaseURL: String?
    @Option(name: .customLong("listen-database-url"), help: "A direct connection to PostgreSQL for LISTEN, when database-url goes through a transaction-pooling proxy (PgBouncer).")
    var listenDatabaseURL: String?
    @Option(name: .customLong("read-database-url"), help: "A standby (read replica) for the reads that tolerate a little lag: awardees, summaries, statistics forms, exports, search.")
    var readDatabaseURL: String?
    @Option(name: .customLong("statement-cache"), help: "on (default): statements are prepared once per connection; off: behind PgBouncer's transaction pooling (unnamed statements, the timeout set in each transaction).")
    var statementCache: String?
    @Option(name: .customLong("data-dir"), help: "Where the embedded cluster lives when no database is configured. Default ./.award/pg.")
    var dataDirectory: String?
    @Option(name: .customLong("pool-size"), help: "Database connections (each with its own thread). Default 8.")
    var poolSize: Int?
    @Option(name: .customLong("max-body"), help: "Largest request body in bytes (413 beyond). Default 1048576.")
    var maxBody: Int?
    @Option(name: .customLong("request-timeout"), help: "Seconds a request's database work may take before it is cancelled. Default 30.")
    var requestTimeout: Int?
    @Option(name: .customLong("log-level"), help: "trace, debug, info (default), notice, warning, error or critical.")
    var logLevel: String?
    @Option(name: .customLong("log-format"), help: "text (default: one readable line an event) or json (one JSON object a line, for a log collector).")
    var logFormat: String?
    @Flag(inversion: .prefixedNo, help: "Load the demo data set (Lào Cai province) and print a token per demo user.")
    var demo: Bool?
    @Option(name: .customLong("demo-credentials"), help: "Where --demo keeps the demo users' tokens (default: demo.env beside --data-dir).")
    var demoCredentials: String?
    @Option(name: .customLong("webhook-interval"), help: "Seconds between polls for webhook deliveries when no notification wakes the worker; 0 turns deliveries off. Default 5.")
    var webhookInterval: Int?
    @Option(name: .customLong("webhook-backoff"), help: "Milliseconds before a failed delivery's first retry (doubling after each failure). Default 5000.")
    var webhookBackoff: Int?
    @Option(name: .customLong("webhook-max-backoff"), help: "Seconds a retry waits at most. Default 3600.")
    var webhookMaxBackoff: Int?
    @Option(name: .customLong("webhook-attempts"), help: "Attempts before a delivery is marked dead. Default 8.")
    var webhookAttempts: Int?
    @Option(name: .customLong("smtp-url"), help: "The SMTP relay for e-mail: smtp://HOST:PORT (plain, inside the office network), smtp+starttls://[USER@]HOST:587 or smtps://[USER@]HOST:465; without it no e-mail is sent (it stays queued). Its password: smtp-password (see OPERATIONS.md).")
    var smtpURL: String?
    @Option(name: .customLong("smtp-from"), help: "The sender address of the e-mail.")
    var smtpFrom: String?
    @Option(name: .customLong("smtp-ca-file"), help: "CA certificates (PEM) the relay's certificate must chain to, instead of the system's.")
    var smtpCAFile: String?
    @Option(name: .customLong("digest-hour"), help: "The hour (Vietnam time, 0–23) from which the daily digests are sent. Default 7.")
    var digestHour: Int?
    @Option(name: .customLong("trusted-proxy"), parsing: .upToNextOption,
            help: "Networks (CIDR) of the proxies in front of awardd whose X-Forwarded-For and X-Forwarded-Proto are believed; from anyone else they are ignored.")
    var trustedProxies: [String] = []
    @Option(name: .customLong("metrics-allow"), parsing: .upToNextOption,
            help: "Networks (CIDR) of the clients that may read /metrics on the main listener (default: loopback only).")
    var metricsAllow: [String] = []
    @Option(name: .customLong("metrics-listen"), help: "HOST:PORT of a listener of its own for /metrics (anyone who reaches it may read it).")
    var metricsListen: String?
    @Option(name: .customLong("header-timeout"), help: "Seconds a client has to send a request's headers (a slow client is disconnected). Default 10.")
    var headerTimeout: Int?
    @Option(name: .customLong("body-timeout"), help: "Seconds a client has to send a request's body once its headers arrived. Default 120.")
    var bodyTimeout: Int?
    @Option(name: .customLong("idle-timeout"), help: "Seconds an idle keep-alive connection stays open. Default 75.")
    var idleTimeout: Int?
    @Option(name: .customLong("drain-timeout"), help: "Seconds SIGTERM waits for requests in flight before awardd exits anyway. Default 20.")
    var drainTimeout: Int?
    @Flag(name: .customLong("migrate"), inversion: .prefixedNo,
          help: "Apply the schema migrations the database lacks at start-up (default; as the configured role, which must then own the schema). With --no-migrate awardd only checks that the schema is one it runs on; migrate with `awardctl db migrate` as the owner role.")
    var migrate: Bool?
    @Option(name: .customLong("database-wait"), help: "Seconds to wait at start-up for a database that does not answer yet (retrying with backoff); 0 fails at once. Default 60.")
    var databaseWait: Int?
    @Option(name: .customLong("timer-interval"), help: "Seconds between runs of the durable timers (public notices, deadlines); 0 turns them off. Default 60.")
    var timerInterval: Int?
    @Option(name: .customLong("tls-certificate"), help: "PEM certificate chain: awardd serves HTTPS itself (with HSTS), reading the pair again on SIGHUP.")
    var tlsCertificate: String?
    @Option(name: .customLong("tls-key"), help: "PEM private key of --tls-certificate (a file only awardd may read).")
    var tlsKey: String?
    @Flag(help: "Read the settings (file, environment, command line, secrets), print the ones in effect and exit: 0 when awardd could start with them, 64 when not. Secrets are shown as (set).")
    var check = false

    func validate() throws {
        // A password on the command line is visible to every user in `ps`.
        for (name, url) in [("--database-url", databaseURL), ("--listen-database-url", listenDatabaseURL), ("--read-database-url", readDatabaseURL)] {
            if let url, Self.hasPassword(url) {
                throw ValidationError("\(name) holds a password, which every user of this machine can read in `ps`: put it in libpq's password file (~/.pgpass or PGPASSFILE), in AWARDD_DATABASE_PASSWORD, or in a systemd credential named database-password (see OPERATIONS.md)")
            }
        }
        if let statementCache, !["on", "off"].contains(statementCache) { throw ValidationError("--statement-cache must be on or off, not \(statementCache)") }
    }

    static func address(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let s: Settings
        do { s = try await Settings.load(flags: flags, configFile: config, environment: environment) } catch {
            Self.say("awardd: error: \(error.description)", toStandardError: true)
            throw ExitCode(64)
        }
        if check {
            if let path = s.tlsCertificate, let key = s.tlsKey {
                do { _ = try TLSCertificate(certificatePath: path, keyPath: key) } catch {
                    Self.say("awardd: error: \(error.description)", toStandardError: true)
                    throw ExitCode(64)
                }
            }
            Self.say(s.summary)
            return
        }
        let level = Logger.Level(rawValue: s.logLevel) ?? .info
        let json = s.logFormat == "json"
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
        if let file = s.configFile { logger.info("configuration file read", metadata: ["config.file": "\(file)"]) }

        var cluster: LocalCluster? = nil
        var startedCluster = false
        let target: DatabaseTarget
        var ownerTarget: DatabaseTarget? = nil
        switch DatabaseTarget.resolve(explicit: s.databaseURL, environment: environment, dataDirectory: s.dataDirectory) {
        case .configured(let configured):
            target = configured.with(password: s.databasePassword)
        case .local(let local):
            startedCluster = try Self.fail { () throws(PostgresError) in try local.start(logger: logger) }
            cluster = local
            target = local.target
            ownerTarget = try Self.fail { () throws(PostgresError) in try local.ownerTarget() }
            logger.info("using the embedded PostgreSQL cluster", metadata: ["pg.data": "\(local.dataDirectory)"])
        }
        let listenTarget = s.listenDatabaseURL.map { DatabaseTarget.conninfo($0).with(password: s.databasePassword) } ?? target
        let readTarget = s.readDatabaseURL.map { DatabaseTarget.conninfo($0).with(password: s.databasePassword) }

        let engine = AwardEngine(database: target, readReplica: readTarget, poolSize: s.poolSize, applicationName: "awardd",
                                 statementTimeout: .seconds(s.requestTimeout), statementCache: s.statementCache, logger: logger)
        engine.useSigningToken(try SigningToken.fromEnvironment())
        do {
            engine.usePersonalDataKey(try Self.personalDataKey(s, local: cluster, logger: logger))
        } catch {
            Self.say("awardd: error: personal-data-key: \(error.message)", toStandardError: true)
            throw ExitCode(64)
        }
        do {
            // A configured server may be starting or failing over: wait for it (the embedded cluster
            // was started above and answers).
            if ownerTarget == nil { try await Self.waitForDatabase(engine, seconds: s.databaseWait, logger: logger) }
            try await Self.refuseHiddenPooler(engine, statementCache: s.statementCache)
            if s.migrate {
                // The embedded cluster: migrated as its owner, served as the application's role.
                // Migrations have no request's timeout: one that waits on a lock waits for it.
                let owner = AwardEngine(database: ownerTarget ?? target, poolSize: 1, applicationName: "awardd-migrate",
                                        statementCache: s.statementCache, logger: logger)
                let migrated: Result<MigrationReport, AwardError>
                do { migrated = .success(try await owner.migrate(grant: ownerTarget != nil)) } catch { migrated = .failure(error) }
                try? await owner.close()
                _ = try migrated.get()
            }
            try await engine.requireCurrentSchema()
            let credentials = s.demoCredentials.map(DemoCredentials.init(path:)) ?? DemoCredentials(dataDirectory: s.dataDirectory)
            if s.demo { try await DemoSigning.loadDemo(engine, credentials: credentials, listen: s.listen, tls: s.tlsCertificate != nil) }
            let certificate: TLSCertificate?
            do {
                certificate = try s.tlsCertificate.map { path throws(TLSCertificate.Failure) in try TLSCertificate(certificatePath: path, keyPath: s.tlsKey!) }
            } catch {
                Self.say("awardd: error: \(error.description)", toStandardError: true)
                throw ExitCode(64)
            }
            // One listening connection wakes the workers and the live streams as soon as PostgreSQL notifies them.
            let wakeups = Wakeups(target: listenTarget, logger: logger)
            let services = try Self.workers(s, engine: engine, wakeups: wakeups, certificate: certificate, logger: logger)
            let server = Server(settings: s, engine: engine, wakeups: wakeups, certificate: certificate,
                                demo: s.demo ? credentials : nil, logger: logger)
            try await server.run(services: services)
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

    /// The background workers the settings ask for: timers, e-mail, webhooks, the certificate's reload.
    static func workers(_ s: Settings, engine: AwardEngine, wakeups: Wakeups, certificate: TLSCertificate?, logger: Logger) throws -> [any Service] {
        var services: [any Service] = []
        if s.timerInterval > 0 {
            services.append(TimerService(engine: engine, wakeups: wakeups, interval: .seconds(s.timerInterval), logger: logger))
        }
        if let smtpURL = s.smtpURL {
            let smtp: SMTPClient
            do {
                smtp = try SMTPClient(url: smtpURL, from: s.smtpFrom, password: s.smtpPassword, trustRoots: s.smtpTrustRoots)
            } catch {
                say("awardd: error: smtp-url: \(error)", toStandardError: true)
                throw ExitCode(64)
            }
            services.append(MailService(engine: engine, smtp: smtp, wakeups: wakeups, interval: .seconds(60), digestHour: s.digestHour, logger: logger))
        }
        if s.webhookInterval > 0 {
            let sender = WebhookSender(engine: engine, maxAttempts: s.webhookAttempts, backoffBase: .milliseconds(s.webhookBackoff),
                                       maxBackoff: .seconds(s.webhookMaxBackoff))
            services.append(WebhookService(sender: sender, wakeups: wakeups, interval: .seconds(s.webhookInterval), logger: logger))
        }
        if let certificate { services.append(TLSCertificate.ReloadService(certificate: certificate, logger: logger)) }
        return services
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

    /// With the statement cache on, a transaction-pooling proxy (PgBouncer) would hand one client's
    /// prepared statement to another's: awardd refuses to start when the port it connected to is not
    /// the port PostgreSQL says it listens on, and names the setting that makes it safe.
    static func refuseHiddenPooler(_ engine: AwardEngine, statementCache: Bool) async throws {
        guard statementCache else { return }
        let route = try await engine.connectionRoute()
        guard route.client == route.server else {
            say("""
                awardd: error: database-url reaches PostgreSQL through a proxy or pooler (port \(route.client); the server listens on \(route.server)). \
                Behind PgBouncer's transaction pooling, prepared statements would run against other clients' statements: \
                start awardd with --statement-cache off and --listen-database-url naming PostgreSQL directly (see OPERATIONS.md, PgBouncer).
                """, toStandardError: true)
            throw ExitCode(78)
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
