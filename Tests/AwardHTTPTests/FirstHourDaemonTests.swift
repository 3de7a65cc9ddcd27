import AsyncHTTPClient
import AwardEngine
import AwardTestSupport
import Foundation
import Testing

/// awardd's first-hour fixes, on the real binary (issue 13, items 3 and 12).
@Suite(.serialized) struct FirstHourDaemonTests {
    /// The demo's tokens are created once with its cluster and still work after a restart; the
    /// banner counts what is there and ends with what to do next.
    @Test func demoTokensSurviveARestartAndTheBannerIsTrue() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("award-demo-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // The embedded cluster's owner (postgres when the tests run as root) must reach the directory.
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: directory.path)
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ["--demo", "--data-dir", directory.appendingPathComponent(".award/pg").path, "--listen", "127.0.0.1:0",
                         "--log-level", "warning", "--timer-interval", "0"]

        let first = try DaemonEndToEndTests.Daemon(arguments: arguments, directory: directory)
        #expect(first.banner.contains("Demo data loaded: Lào Cai province (446 organisations, 24 nominations, 14 users)."), "\(first.banner)")
        let credentials = try String(contentsOf: directory.appendingPathComponent(".award/demo.env"), encoding: .utf8)
        let lanLine = try #require(credentials.split(separator: "\n").first { $0.hasPrefix("LAN=") })
        let lan = String(lanLine.dropFirst(4).prefix { $0 != " " })
        #expect(first.banner.contains(lan))
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(".award/demo.env").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }
        #expect(try await DaemonEndToEndTests.call(client, .GET, first.base + "/v1/me", token: lan).0 == 200)
        // What to do next, after the URL.
        var tail = first.banner
        while !tail.contains("Stop: Ctrl-C") {
            let data = first.output.fileHandleForReading.availableData
            if data.isEmpty { break }
            tail += String(decoding: data, as: UTF8.self)
        }
        #expect(tail.contains("Next:") && tail.contains("Stop: Ctrl-C"), "\(tail)")
        #expect(first.stop() == 0)

        let second = try DaemonEndToEndTests.Daemon(arguments: arguments, directory: directory)
        defer { _ = second.stop() }
        #expect(second.banner.contains("Demo data already loaded (446 organisations, 24 nominations, 14 users)."), "\(second.banner)")
        #expect(second.banner.contains("Tokens kept from .award/demo.env"))
        let (status, me) = try await DaemonEndToEndTests.call(client, .GET, second.base + "/v1/me", token: lan)
        #expect(status == 200 && me["name"] as? String == "nguyen.lan")
    }

    /// `/metrics` explains every metric, and carries no series that never counts.
    @Test func metricsHaveHelpLinesAndNoEmptyErrorSeries() async throws {
        let database = try await TestDatabase.create()
        defer { database.drop() }
        let daemon = try DaemonEndToEndTests.Daemon(database: database)
        defer { _ = daemon.stop() }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }
        _ = try await DaemonEndToEndTests.call(client, .GET, daemon.base + "/healthz", token: "none")
        _ = try await DaemonEndToEndTests.call(client, .GET, daemon.base + "/v1/me", token: "awd_forged")
        let response = try await client.execute(HTTPClientRequest(url: daemon.base + "/metrics"), timeout: .seconds(30))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        #expect(text.contains("# HELP hb_requests_total HTTP requests answered"))
        #expect(text.contains("# TYPE hb_requests_total counter") && !text.contains("hb_requests{"))
        #expect(!text.contains("hb_request_errors"))
        #expect(text.contains(#"http_response_status_code="401""#))
        let types = text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }
        let helps = text.split(separator: "\n").filter { $0.hasPrefix("# HELP ") }
        #expect(!types.isEmpty && types.count == helps.count)
        // Prometheus's own linter finds nothing to say (issue 27).
        let promtool = Process()
        promtool.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        promtool.arguments = ["promtool", "check", "metrics"]
        let input = Pipe(), output = Pipe()
        promtool.standardInput = input
        promtool.standardOutput = output
        promtool.standardError = output
        try promtool.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(reap(promtool) == 0 && said.isEmpty, "promtool check metrics: \(said)")
    }
}
