import AwardEngine
import AwardTestSupport
import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// awardd configured as a province's IT runs it (issue 27): a configuration file, the environment
/// and the command line in that order of strength; secrets kept off the command line and out of
/// world-readable files; TLS of its own with HSTS and a certificate read again on SIGHUP; /metrics
/// on a listener of its own, with the outboxes, the process and the build.
@Suite(.serialized) struct DaemonConfigurationTests {
    typealias Daemon = DaemonEndToEndTests.Daemon

    /// A scratch folder for configuration, certificates and secrets.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("awardd-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a tool; its exit status and everything it printed.
    @discardableResult
    static func run(_ arguments: [String], input: String? = nil, environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe(), feed = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = input == nil ? FileHandle.nullDevice : feed
        try process.run()
        if let input {
            feed.fileHandleForWriting.write(Data(input.utf8))
            try feed.fileHandleForWriting.close()
        }
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (reap(process), said)
    }

    /// awardd started with `arguments` that must refuse to start: its exit status and what it said.
    static func refusal(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, said: String) {
        var merged = ProcessInfo.processInfo.environment
        for (name, value) in environment { merged[name] = value }
        let result = try run([DaemonEndToEndTests.binary] + arguments, environment: merged)
        return (result.status, result.output)
    }

    /// The status of GET /metrics (404 when the caller's network is not in metrics-allow).
    static func metricsStatus(_ client: HTTPClient, _ base: String) async throws -> UInt {
        try await client.execute(HTTPClientRequest(url: base + "/metrics"), timeout: .seconds(30)).status.code
    }

    @Test func theFileThenTheEnvironmentThenTheCommandLineDecide() async throws {
        let database = try await TestDatabase.create()
        defer { database.drop() }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("awardd.yaml")
        try """
            # awardd's settings: the flags' names without the dashes.
            database-url: "\(database.conninfo)"
            listen: 127.0.0.1:0
            log-level: warning
            metrics-allow: [10.0.0.0/8]
            timer-interval: 0
            webhook-interval: 0
            trusted-proxy:
              - 127.0.0.1/32
            """.write(to: file, atomically: true, encoding: .utf8)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }

        // The file alone: /metrics only for 10.0.0.0/8, not for this loopback caller.
        var daemon = try await Self.start(["--config", file.path])
        #expect(try await Self.metricsStatus(client, daemon.base) == 404, "metrics-allow from the file")
        #expect(daemon.stop() == 0)

        // The environment over the file.
        daemon = try await Self.start(["--config", file.path], environment: ["AWARDD_METRICS_ALLOW": "127.0.0.1/32,10.0.0.0/8"])
        #expect(try await Self.metricsStatus(client, daemon.base) == 200, "AWARDD_METRICS_ALLOW over the file")
        #expect(daemon.stop() == 0)

        // The command line over both.
        daemon = try await Self.start(["--config", file.path, "--metrics-allow", "10.0.0.0/8"], environment: ["AWARDD_METRICS_ALLOW": "127.0.0.1/32"])
        #expect(try await Self.metricsStatus(client, daemon.base) == 404, "--metrics-allow over AWARDD_METRICS_ALLOW")
        #expect(daemon.stop() == 0)
    }

    @Test func settingsThatCannotBeUsedAreRefusedNamingThem() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func file(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
            let url = folder.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
            return url.path
        }
        let open = try file("open-secret", "hunter2\n", mode: 0o644)
        let cases: [([String], [String: String], String)] = [
            (["--config", try file("a.yaml", "pool-size: many\n")], [:], "pool-size must be a whole number from 1 to 256"),
            (["--config", try file("b.yaml", "pool-size: 999\n")], [:], "pool-size must be from 1 to 256, not 999"),
            (["--config", try file("c.yaml", "migrate: perhaps\n")], [:], "migrate must be true or false"),
            (["--config", try file("d.yaml", "database-password: hunter2\n")], [:], "database-password may not be written in the configuration file"),
            (["--config", try file("e.json", #"{"log-format": "xml"}"#)], [:], "log-format must be text or json, not xml"),
            (["--config", try file("f.yaml", "database-password-file: \(open)\n")], [:], "may be read by any user"),
            (["--config", folder.appendingPathComponent("missing.yaml").path], [:], "does not exist"),
            ([], ["AWARDD_POOL_SIZE": "0"], "pool-size must be from 1 to 256, not 0"),
            (["--database-url", "host=/tmp dbname=award user=awardd password=hunter2"], [:], "holds a password"),
            (["--database-url", "postgresql://awardd:hunter2@localhost/award"], [:], "holds a password"),
            (["--statement-cache", "off", "--database-url", "host=/tmp dbname=award"], [:], "needs listen-database-url"),
        ]
        for (arguments, environment, says) in cases {
            let (status, said) = try await Self.refusalOffPool(arguments + ["--listen", "127.0.0.1:0"], environment: environment)
            #expect(status == 64, "\(arguments) \(environment): exit \(status): \(said)")
            #expect(said.contains(says), "\(arguments) \(environment): \(said)")
            #expect(!said.contains("hunter2") || said.contains("--database-url"), "a secret is never repeated back: \(said)")
        }
    }

    /// ``refusal(_:environment:)`` on a thread of its own.
    static func refusalOffPool(_ arguments: [String], environment: [String: String] = [:]) async throws -> (status: Int32, said: String) {
        try await offPool { try refusal(arguments, environment: environment) }
    }

    /// awardd started on a thread of its own (starting it blocks until it says where it listens).
    static func start(_ arguments: [String], errors: Pipe? = nil, environment: [String: String] = [:]) async throws -> Daemon {
        return try await offPool { try Daemon(arguments: arguments, errors: errors, environment: environment) }
    }

    /// A tool run on a thread of its own.
    static func runOffPool(_ arguments: [String], input: String? = nil) async throws -> (status: Int32, output: String) {
        try await offPool { try run(arguments, input: input) }
    }

    /// A self-signed certificate for 127.0.0.1 made by openssl: (certificate, key).
    static func certificate(in folder: URL, _ name: String) throws -> (String, String) {
        let certificate = folder.appendingPathComponent("\(name).crt").path, key = folder.appendingPathComponent("\(name).key").path
        let made = try run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                            "-subj", "/CN=\(name)", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate])
        #expect(made.status == 0, "openssl: \(made.output)")
        return (certificate, key)
    }

    /// `curl` over HTTPS trusting only `authority`: its status and the response's headers.
    static func curl(_ url: String, trusting authority: String) throws -> (status: Int32, headers: String) {
        let result = try run(["curl", "-sS", "--max-time", "10", "-D", "-", "-o", "/dev/null", "--cacert", authority, url])
        return (result.status, result.output)
    }

    @Test func awarddServesTLSWithHSTSAndReadsTheCertificateAgainOnSighup() async throws {
        let database = try await TestDatabase.create()
        defer { database.drop() }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (first, second) = try await offPool { (try Self.certificate(in: folder, "first"), try Self.certificate(in: folder, "second")) }
        let served = (folder.appendingPathComponent("served.crt").path, folder.appendingPathComponent("served.key").path)
        func serve(_ pair: (String, String)) throws {
            for (from, to) in [(pair.0, served.0), (pair.1, served.1)] {
                try? FileManager.default.removeItem(atPath: to)
                try FileManager.default.copyItem(atPath: from, toPath: to)
            }
        }
        try serve(first)
        let daemon = try await Self.start(["--database-url", database.conninfo, "--listen", "127.0.0.1:0", "--log-level", "error",
                                           "--timer-interval", "0", "--webhook-interval", "0", "--tls-certificate", served.0, "--tls-key", served.1])
        defer { _ = daemon.stop() }
        #expect(daemon.base.hasPrefix("https://"))
        let https = try await offPool { try Self.curl(daemon.base + "/healthz", trusting: first.0) }
        #expect(https.status == 0 && https.headers.contains("HTTP/1.1 200"), "\(https)")
        #expect(https.headers.lowercased().contains("strict-transport-security: max-age=31536000"), "\(https.headers)")
        let plain = try await Self.runOffPool(["curl", "-sS", "--max-time", "5", daemon.base.replacingOccurrences(of: "https://", with: "http://") + "/healthz"])
        #expect(plain.status != 0 || !plain.output.contains("\"ok\""), "plain HTTP is not served on the TLS port: \(plain.output)")

        // A new pair and SIGHUP: new handshakes get it.
        try serve(second)
        kill(daemon.process.processIdentifier, SIGHUP)
        var reloaded = false
        for _ in 0..<50 where !reloaded {
            try await Task.sleep(for: .milliseconds(100))
            reloaded = try await offPool { try Self.curl(daemon.base + "/healthz", trusting: second.0) }.status == 0
        }
        #expect(reloaded, "the second certificate is served after SIGHUP")
        #expect(try await offPool { try Self.curl(daemon.base + "/healthz", trusting: first.0) }.status != 0, "the first is no longer served")

        // A half-replaced pair (the first's certificate with the second's key) is refused: the second stays.
        try FileManager.default.removeItem(atPath: served.0)
        try FileManager.default.copyItem(atPath: first.0, toPath: served.0)
        kill(daemon.process.processIdentifier, SIGHUP)
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await offPool { try Self.curl(daemon.base + "/healthz", trusting: second.0) }.status == 0, "a mismatched pair leaves the served one")
        #expect(daemon.stop() == 0)
    }

    @Test func metricsOnTheirOwnListenerCarryTheOutboxesTheProcessAndTheBuild() async throws {
        let database = try await TestDatabase.create()
        defer { database.drop() }
        let port = try DaemonServiceTests.unusedPort()
        let daemon = try await Self.start(["--database-url", database.conninfo, "--listen", "127.0.0.1:0", "--log-level", "error",
                                           "--timer-interval", "0", "--webhook-interval", "0", "--metrics-listen", "127.0.0.1:\(port)"])
        defer { _ = daemon.stop() }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }
        var text = ""
        for _ in 0..<50 where text.isEmpty {
            if let response = try? await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/metrics"), timeout: .seconds(5)),
               response.status == .ok {
                text = String(buffer: try await response.body.collect(upTo: 1 << 20))
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        for series in ["award_build_info{version=\"\(EngineVersion.release)\",schema=\"\(EngineVersion.schema)\"} 1",
                       "award_webhook_backlog 0", "award_email_backlog 0", "award_oldest_undelivered_event_seconds 0", "award_timers_due 0",
                       "award_db_pool_waiters 0", "process_resident_memory_bytes ", "process_open_fds ", "process_cpu_seconds ",
                       "process_start_time_seconds "] {
            #expect(text.contains(series), "\(series) in /metrics:\n\(text.prefix(600))")
        }
        let lint = try await Self.runOffPool(["promtool", "check", "metrics"], input: text)
        #expect(lint.status == 0 && lint.output.isEmpty, "promtool check metrics: \(lint.output)")
        // The listener serves /metrics alone.
        let other = try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/me"), timeout: .seconds(5))
        #expect(other.status == .notFound)
        #expect(daemon.stop() == 0)
    }
}
