@testable import AwardEngine
@testable import AwardPostgres
import AwardTestSupport
import AsyncHTTPClient
import Foundation
import Testing

/// awardd behind Debian's PgBouncer in transaction pooling (issue 27): with the statement cache
/// off, unnamed statements never meet another client's prepared one, the races still make one step
/// and every create lands; LISTEN goes on a direct connection; and an awardd not told about the
/// pooler refuses to start instead of misusing it.
@Suite(.serialized) struct PgBouncerTests {
    /// PgBouncer on a loopback port in front of the test cluster, transaction pooling, two server
    /// connections per database and user (so that clients share them).
    final class Bouncer: @unchecked Sendable {
        let process = Process()
        let folder: URL
        let port: Int

        init() throws {
            let binary = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"].first { FileManager.default.isExecutableFile(atPath: $0) }
            guard let binary else { throw TestSetupError(message: "pgbouncer is not installed (Debian's pgbouncer): scripts/test installs it") }
            guard let socket = ProcessInfo.processInfo.environment["PGHOST"], socket.hasPrefix("/") else {
                throw TestSetupError(message: "PGHOST must name the test cluster's socket directory (scripts/test sets it)")
            }
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgbouncer-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            port = try DaemonServiceTests.unusedPort()
            try """
                [databases]
                * = host=\(socket)
                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = \(port)
                unix_socket_dir =
                auth_type = trust
                auth_file = \(folder.path)/users.txt
                pool_mode = transaction
                default_pool_size = 2
                max_client_conn = 200
                ignore_startup_parameters = extra_float_digits, options
                logfile = \(folder.path)/pgbouncer.log
                pidfile = \(folder.path)/pgbouncer.pid
                """.write(to: folder.appendingPathComponent("pgbouncer.ini"), atomically: true, encoding: .utf8)
            try "\"awardd\" \"\"\n\"award_owner\" \"\"\n".write(to: folder.appendingPathComponent("users.txt"), atomically: true, encoding: .utf8)
            // PgBouncer will not run as root: as root, it runs as the cluster's owner.
            if getuid() == 0 {
                _ = try DaemonConfigurationTests.run(["chown", "-R", "postgres", folder.path])
                process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
                process.arguments = ["-u", "postgres", "--", binary, folder.appendingPathComponent("pgbouncer.ini").path]
            } else {
                process.executableURL = URL(fileURLWithPath: binary)
                process.arguments = [folder.appendingPathComponent("pgbouncer.ini").path]
            }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<100 {
                if (try? Connection(conninfo: "host=127.0.0.1 port=\(port) dbname=postgres user=awardd connect_timeout=1")) != nil { return }
                usleep(100_000)
            }
            let log = (try? String(contentsOf: folder.appendingPathComponent("pgbouncer.log"), encoding: .utf8)) ?? ""
            stop()
            throw TestSetupError(message: "pgbouncer did not start: \(log.suffix(800))")
        }

        func conninfo(_ database: TestDatabase) -> String {
            "host=127.0.0.1 port=\(port) \(database.conninfo)"
        }

        /// SIGTERM to PgBouncer itself (its pid file: runuser does not pass signals on), then the
        /// child is reaped with waitpid (Foundation's waitUntilExit can spin on Linux).
        func stop() {
            let pidFile = folder.appendingPathComponent("pgbouncer.pid")
            if let text = try? String(contentsOf: pidFile, encoding: .utf8), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                kill(pid, SIGTERM)
            }
            let child = process.processIdentifier
            kill(child, SIGTERM)
            var status: Int32 = 0
            for attempt in 0..<500 {
                let reaped = waitpid(child, &status, WNOHANG)
                if reaped == child || reaped == -1 { break }
                if attempt == 250 { kill(child, SIGKILL) }
                usleep(20_000)
            }
            try? FileManager.default.removeItem(at: folder)
        }
    }

    @Test func throughTransactionPoolingRacesMakeOneStepAndEveryCreateLands() async throws {
        let database = try await TestDatabase.create()
        defer { database.drop() }
        let bouncer = try await offPool { try Bouncer() }
        defer { bouncer.stop() }
        let direct = AwardEngine(conninfo: database.conninfo, poolSize: 2)
        let u = try await Seed.tree(direct)
        try await direct.close()
        // Two awardd-sized engines share PgBouncer's two server connections.
        let engines = (0..<2).map { _ in
            AwardEngine(database: .conninfo(bouncer.conninfo(database)), poolSize: 8, applicationName: "award-test",
                        statementTimeout: .seconds(30), statementCache: false)
        }
        // Each transaction sets its own timeout (PgBouncer refuses it as a startup option).
        let timeout = try await engines[0].pool.withTransaction { c in try c.execute("SHOW statement_timeout").first!.string("statement_timeout") }
        #expect(timeout == "30s")

        // 200 creates from both engines at once: every one lands (before, 750 of 759 failed).
        let created = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<200 {
                group.addTask {
                    let engine = engines[i % 2]
                    return (try? await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Người \(i)", nomineeType: .individual), by: u.lan)) != nil
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(created == 200)
        #expect(try database.count("SELECT count(*) AS n FROM nominations") == 200)

        // Twenty officers approve one nomination at once through the pooler: one transition.
        let n = try await engines[0].nominate(.init(kind: "bang-khen-tinh", unit: "P-HB", nomineeName: "Người thi đua", nomineeType: .individual), by: u.lan)
        let wins = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<20 {
                group.addTask { (try? await engines[i % 2].perform(.approve, on: n.id, by: u.minh, actingFor: "TX-HL")) != nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(wins == 1)
        #expect(try database.count("SELECT count(*) AS n FROM transitions WHERE nomination_id = \(n.id) AND command = 'approve'") == 1)
        for engine in engines { try await engine.close() }
    }

    @Test func awarddRefusesAPoolerItWasNotToldAboutAndServesThroughOneItWas() async throws {
        let database = try await TestDatabase.create()
        defer { database.drop() }
        let bouncer = try await offPool { try Bouncer() }
        defer { bouncer.stop() }
        let direct = AwardEngine(conninfo: database.conninfo, poolSize: 2)
        _ = try await Seed.tree(direct)
        let token = try await direct.rotateToken(name: "lan").token
        try await direct.close()

        let refused = try await DaemonConfigurationTests.refusalOffPool(["--database-url", bouncer.conninfo(database), "--listen", "127.0.0.1:0", "--no-migrate",
                                                            "--timer-interval", "0", "--webhook-interval", "0"])
        #expect(refused.status == 78, "exit \(refused.status): \(refused.said)")
        #expect(refused.said.contains("--statement-cache off") && refused.said.contains("--listen-database-url"), "\(refused.said)")

        let daemon = try await DaemonConfigurationTests.start([
            "--database-url", bouncer.conninfo(database), "--statement-cache", "off", "--listen-database-url", database.conninfo,
            "--listen", "127.0.0.1:0", "--no-migrate", "--log-level", "error", "--timer-interval", "0", "--webhook-interval", "0"])
        defer { _ = daemon.stop() }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }
        let (ready, _) = try await DaemonEndToEndTests.call(client, .GET, daemon.base + "/readyz", token: "none")
        #expect(ready == 200)
        for i in 0..<10 {
            let (status, body) = try await DaemonEndToEndTests.call(client, .POST, daemon.base + "/v1/nominations", token: token,
                json: #"{"kind":"giay-khen","unit":"P-HB","nominee":{"name":"Người \#(i)","type":"individual"},"year":2024}"#)
            #expect(status == 201, "\(body)")
        }
        #expect(try database.count("SELECT count(*) AS n FROM nominations") == 10)
        #expect(daemon.stop() == 0)
    }
}
