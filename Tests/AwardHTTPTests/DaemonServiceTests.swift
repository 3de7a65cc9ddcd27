@testable import AwardEngine
import AwardTestSupport
import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// awardd as a service (issue 27): SIGTERM ends open live streams and exits promptly, a database
/// that does not answer yet is waited for, and `--version` names the release and the schema.
@Suite(.serialized) struct DaemonServiceTests {
    typealias Daemon = DaemonEndToEndTests.Daemon

    @Test func sigtermEndsAnOpenLiveStreamAndExitsPromptly() async throws {
        let database = try await TestDatabase.create()
        defer { database.drop() }
        let engine = AwardEngine(conninfo: database.conninfo, poolSize: 2)
        _ = try await Seed.tree(engine)
        let token = try await engine.rotateToken(name: "minh").token
        try await engine.close()
        let daemon = try DaemonSecurityTests.daemon(database)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }
        var request = HTTPClientRequest(url: daemon.base + "/v1/events")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await client.execute(request, timeout: .seconds(120))
        #expect(response.status == .ok)
        let reading = Task { try await DaemonSecurityTests.readUntilEnd(response) }
        try await Task.sleep(for: .milliseconds(500))
        let asked = ContinuousClock.now
        let status = daemon.stop()
        let stopped = ContinuousClock.now - asked
        _ = try? await reading.value
        print("awardd stopped \(stopped) after SIGTERM with a live stream open")
        #expect(status == 0, "awardd exits 0 on SIGTERM")
        #expect(stopped < .seconds(10), "awardd stopped \(stopped) after SIGTERM with a live stream open")
    }

    @Test func aDatabaseThatDoesNotAnswerIsWaitedForThenRefused() throws {
        // A port nobody listens on: awardd retries for --database-wait, then says why and exits 1.
        let socket = try Self.unusedPort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DaemonEndToEndTests.binary)
        process.arguments = ["--database-url", "host=127.0.0.1 port=\(socket) dbname=award user=award connect_timeout=1",
                             "--listen", "127.0.0.1:0", "--database-wait", "3", "--log-level", "warning"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let started = ContinuousClock.now
        try process.run()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let status = reap(process)
        let took = ContinuousClock.now - started
        #expect(status == 1)
        #expect(took >= .seconds(2.5), "awardd waited \(took) for the database before giving up")
        #expect(said.contains("does not answer yet"), "\(said)")
    }

    @Test func jsonLogsCarryTheCallersRequestIdAndAddress() async throws {
        let database = try await TestDatabase.create()
        defer { database.drop() }
        let errors = Pipe()
        let daemon = try Daemon(arguments: ["--database-url", database.conninfo, "--listen", "127.0.0.1:0", "--log-level", "info",
                                            "--log-format", "json", "--timer-interval", "0", "--webhook-interval", "0"], errors: errors)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }
        var request = HTTPClientRequest(url: daemon.base + "/healthz")
        request.headers.add(name: "X-Request-Id", value: "drill-42")
        let response = try await client.execute(request, timeout: .seconds(30))
        #expect(response.status == .ok && response.headers.first(name: "X-Request-Id") == "drill-42")
        var forged = HTTPClientRequest(url: daemon.base + "/healthz")
        forged.headers.add(name: "X-Request-Id", value: String(repeating: "x", count: 500))
        let replaced = try await client.execute(forged, timeout: .seconds(30))
        #expect(replaced.headers.first(name: "X-Request-Id").map { $0.count < 100 } == true, "an overlong id is replaced")
        #expect(daemon.stop() == 0)
        let lines = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(!lines.isEmpty && objects.count == lines.count, "every log line is a JSON object: \(lines.prefix(3))")
        let line = objects.first { $0["request_id"] as? String == "drill-42" }
        #expect(line?["client.address"] as? String == "127.0.0.1" && line?["http.status"] as? String == "200" && line?["level"] as? String == "info")
        #expect((line?["time"] as? String)?.hasSuffix("Z") == true)
    }

    @Test func badServiceFlagsAreRefusedBeforeAnythingStarts() throws {
        for (flags, says) in [(["--log-format", "xml"], "log-format must be text or json, not xml"),
                              (["--database-wait", "99999"], "database-wait must be from 0 to 3600, not 99999"),
                              (["--database-wait=-1"], "database-wait must be from 0 to 3600, not -1"),
                              (["--statement-cache", "maybe"], "--statement-cache must be on or off"),
                              (["--tls-certificate", "/nonexistent.pem"], "tls-certificate and tls-key go together")] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: DaemonEndToEndTests.binary)
            process.arguments = ["--database-url", "host=/nonexistent dbname=award", "--listen", "127.0.0.1:0"] + flags
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let status = reap(process)
            #expect(status == 64, "\(flags): exit \(status)")
            #expect(said.contains(says), "\(flags): \(said)")
        }
    }

    @Test func versionNamesTheReleaseAndTheSchema() throws {
        for binary in [DaemonEndToEndTests.binary, ProcessInfo.processInfo.environment["AWARDCTL_BIN"]
                        ?? URL(fileURLWithPath: DaemonEndToEndTests.binary).deletingLastPathComponent().appendingPathComponent("awardctl").path] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["--version"]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            reap(process)
            #expect(printed.trimmingCharacters(in: .whitespacesAndNewlines) == EngineVersion.description, "\(binary): \(printed)")
        }
    }

    static func unusedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
