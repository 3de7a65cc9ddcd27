import AsyncHTTPClient
import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import AwardTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// The real awardd binary against the test database, over loopback.
@Suite(.serialized) struct DaemonEndToEndTests {
    static var binary: String {
        ProcessInfo.processInfo.environment["AWARDD_BIN"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug/awardd").path
    }

    /// A running awardd.
    final class Daemon: @unchecked Sendable {
        let process = Process()
        let output = Pipe()
        var base = ""

        /// Everything awardd printed before it was listening.
        var banner = ""

        convenience init(database: TestDatabase) throws {
            try self.init(arguments: ["--database-url", database.conninfo, "--listen", "127.0.0.1:0", "--log-level", "warning", "--pool-size", "4"])
        }

        /// `directory`: run there with no database configured in the environment (the embedded cluster).
        /// `errors`: where awardd's standard error (its log) goes; the test's own by default.
        /// `environment`: variables added to the test's own (AWARDD_* settings).
        init(arguments: [String], directory: URL? = nil, errors: Pipe? = nil, environment: [String: String] = [:]) throws {
            guard FileManager.default.isExecutableFile(atPath: DaemonEndToEndTests.binary) else {
                throw TestSetupError(message: "awardd is not built at \(DaemonEndToEndTests.binary): run `swift build` first (scripts/test does)")
            }
            process.executableURL = URL(fileURLWithPath: DaemonEndToEndTests.binary)
            process.arguments = arguments
            if let directory {
                process.currentDirectoryURL = directory
                var environment = ProcessInfo.processInfo.environment
                for name in ["AWARD_DATABASE_URL", "PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"] { environment[name] = nil }
                process.environment = environment
            }
            if !environment.isEmpty {
                var merged = process.environment ?? ProcessInfo.processInfo.environment
                for (name, value) in environment { merged[name] = value }
                process.environment = merged
            }
            process.standardOutput = output
            if let errors { process.standardError = errors } else { process.standardError = FileHandle.standardError }
            try process.run()
            // Wait for "awardd listening on http://127.0.0.1:PORT".
            var seen = ""
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { break }
                seen += String(decoding: data, as: UTF8.self)
                if let range = seen.range(of: #"listening on (https?://[0-9.]+:[0-9]+)"#, options: .regularExpression) {
                    base = String(seen[range].split(separator: " ").last!)
                    banner = seen
                    return
                }
            }
            process.terminate()
            throw TestSetupError(message: "awardd did not start: \(seen)")
        }

        /// Sends SIGTERM and reaps awardd (SIGKILL after 60 s); its exit code (128 + the signal when a
        /// signal ended it).
        func stop() -> Int32 {
            if process.isRunning { kill(process.processIdentifier, SIGTERM) }
            return reap(process, killAfter: 60)
        }
    }

    static func call(_ client: HTTPClient, _ method: HTTPMethod, _ url: String, token: String, json: String? = nil) async throws -> (UInt, [String: Any]) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        let object = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
        return (response.status.code, object)
    }

    /// Regression (found by scripts/reliability): a client that writes a 10 MB body before reading
    /// the answer stalled until its timeout; awardd now reads and discards it and answers 413.
    @Test func anOversizedBodyFromAPlainClientGets413() async throws {
        let database = try await TestDatabase.create()
        defer { database.drop() }
        let engine = AwardEngine(conninfo: database.conninfo, poolSize: 1)
        try await Seed.tree(engine)
        let token = try await engine.rotateToken(name: "lan").token
        try await engine.close()
        let daemon = try Daemon(database: database)
        defer { _ = daemon.stop() }
        let port = try #require(Int(daemon.base.split(separator: ":").last ?? ""))
        let reply = try Self.rawPost(port: port, token: token, bodySize: 10 << 20)
        #expect(reply.hasPrefix("HTTP/1.1 413"), "\(reply.prefix(200))")
        #expect(reply.contains("body_too_large"))
    }

    /// Sends a POST with a body of `bodySize` bytes over a plain socket, all of it before reading.
    static func rawPost(port: Int, token: String, bodySize: Int) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSetupError(message: "socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TestSetupError(message: "connect failed") }
        let head = "POST /v1/nominations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\nContent-Length: \(bodySize)\r\n\r\n"
        // Like Python's http.client: the head, then the body in 8 KiB writes.
        _ = Array(head.utf8).withUnsafeBytes { send(fd, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
        let chunk = [UInt8](repeating: 0x61, count: 8192)
        var sent = 0
        while sent < bodySize {
            let n = chunk.withUnsafeBytes { send(fd, $0.baseAddress!, min($0.count, bodySize - sent), Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }
            sent += n
        }
        // Read the whole answer: the head and the body may arrive in separate segments.
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while reply.count < 65_536 {
            let received = recv(fd, &buffer, buffer.count, 0)
            if received <= 0 { break }
            reply += buffer.prefix(received)
            let text = String(decoding: reply, as: UTF8.self)
            if let split = text.range(of: "\r\n\r\n"),
               let lengthLine = text[..<split.lowerBound].split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
               let length = Int(lengthLine.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)),
               text.utf8.distance(from: text.utf8.startIndex, to: split.upperBound) + length <= reply.count {
                break
            }
        }
        return String(decoding: reply, as: UTF8.self)
    }

    @Test func bangKhenTtgThroughEveryTierThenSigtermDuringABurst() async throws {
        let database = try await TestDatabase.create()
        defer { database.drop() }
        let engine = AwardEngine(conninfo: database.conninfo, poolSize: 1)
        try await Seed.tree(engine)
        var tokens: [String: String] = [:]
        for name in ["lan", "minh", "hoa", "tung", "sung"] { tokens[name] = try await engine.rotateToken(name: name).token }
        try await engine.close()

        let daemon = try Daemon(database: database)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let base = daemon.base
            let (created, nomination) = try await Self.call(client, .POST, "\(base)/v1/nominations", token: tokens["lan"]!,
                json: #"{"kind":"bang-khen-ttg","unit":"P-HB","nominee":{"name":"Trường Mầm non Hàm Rồng","type":"collective"},"year":2024}"#)
            #expect(created == 201)
            let id = try #require(nomination["id"] as? Int)
            #expect(try await Self.call(client, .POST, "\(base)/v1/nominations/\(id)/approve", token: tokens["sung"]!).0 == 404)
            for user in ["minh", "hoa"] {
                #expect(try await Self.call(client, .POST, "\(base)/v1/nominations/\(id)/approve", token: tokens[user]!).0 == 200)
            }
            let (awarded, final) = try await Self.call(client, .POST, "\(base)/v1/nominations/\(id)/approve", token: tokens["tung"]!,
                                                       json: #"{"decision":{"number":"1234/QĐ-TTg","date":"2024-11-18"}}"#)
            #expect(awarded == 200 && final["state"] as? String == "awarded")
            let (_, history) = try await Self.call(client, .GET, "\(base)/v1/nominations/\(id)/history", token: tokens["lan"]!)
            let actors = (history["items"] as? [[String: Any]] ?? []).map { $0["actor"] as? String }
            #expect(actors == ["lan", "minh", "hoa", "tung"])

            // A burst of creates, and SIGTERM in the middle of it: every 2xx is in the database.
            let lan = tokens["lan"]!
            let results = await withTaskGroup(of: Int?.self) { group in
                for i in 0..<60 {
                    group.addTask {
                        let reply = try? await Self.call(client, .POST, "\(base)/v1/nominations", token: lan,
                            json: #"{"kind":"giay-khen","unit":"P-HB","nominee":{"name":"Người \#(i)","type":"individual"}}"#)
                        return reply?.0 == 201 ? reply?.1["id"] as? Int : nil
                    }
                    if i == 20 { kill(daemon.process.processIdentifier, SIGTERM) }
                }
                return await group.reduce(into: [Int]()) { if let id = $1 { $0.append(id) } }
            }
            #expect(daemon.stop() == 0)
            for id in results {
                #expect(try database.count("SELECT count(*) AS n FROM nominations WHERE id = \(id)") == 1)
            }
            #expect(try database.count("SELECT count(*) AS n FROM nominations") >= results.count + 1)
        } catch {
            _ = daemon.stop()
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
