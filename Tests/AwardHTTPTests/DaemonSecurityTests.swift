@testable import AwardEngine
@testable import AwardDomain
import AwardOutbox
import AwardTestSupport
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization
import HTTPTypes
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The attacks that need a real awardd on a real socket: streams that outlive their caller, slow
/// clients, headers a client sends about itself, and webhooks that redirect (issue 25).
@Suite(.serialized) struct DaemonSecurityTests {
    typealias Daemon = DaemonEndToEndTests.Daemon

    static func daemon(_ database: TestDatabase, _ extra: [String] = []) throws -> Daemon {
        try Daemon(arguments: ["--database-url", database.conninfo, "--listen", "127.0.0.1:0", "--log-level", "error", "--pool-size", "4",
                               "--timer-interval", "0", "--webhook-interval", "0"] + extra)
    }

    /// Reads a stream until it ends; how long that took after `since`.
    static func readUntilEnd(_ response: HTTPClientResponse) async throws -> Int {
        var bytes = 0
        for try await chunk in response.body { bytes += chunk.readableBytes }
        return bytes
    }

    @Test func anOpenEventStreamEndsSoonAfterItsUserIsRevoked() async throws {
        let database = try await TestDatabase.create()
        defer { database.drop() }
        let engine = AwardEngine(conninfo: database.conninfo, poolSize: 2)
        _ = try await Seed.tree(engine)
        let token = try await engine.rotateToken(name: "minh").token
        let daemon = try Self.daemon(database)
        defer { _ = daemon.stop() }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }
        var request = HTTPClientRequest(url: daemon.base + "/v1/events")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await client.execute(request, timeout: .seconds(60))
        #expect(response.status == .ok)
        let reading = Task { try await Self.readUntilEnd(response) }
        try await Task.sleep(for: .milliseconds(500))
        let revoked = ContinuousClock.now
        _ = try await engine.revokeUser(name: "minh")
        _ = try await reading.value
        print("stream ended \(ContinuousClock.now - revoked) after the revocation")
        try await engine.close()
    }

    @Test func aLiveInboxEndsSoonAfterLogout() async throws {
        let database = try await TestDatabase.create()
        defer { database.drop() }
        let engine = AwardEngine(conninfo: database.conninfo, poolSize: 2)
        _ = try await Seed.tree(engine)
        try await engine.setPassword(name: "lan", password: "mật-khẩu-phường-2025", cost: 4)
        let signedIn = try await engine.signIn(name: "lan", password: "mật-khẩu-phường-2025", client: "test")
        let daemon = try Self.daemon(database)
        defer { _ = daemon.stop() }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }
        var request = HTTPClientRequest(url: daemon.base + "/events")
        request.headers.add(name: "Cookie", value: "award_session=\(signedIn.token)")
        let response = try await client.execute(request, timeout: .seconds(60))
        #expect(response.status == .ok)
        let reading = Task { try await Self.readUntilEnd(response) }
        try await Task.sleep(for: .milliseconds(500))
        try await engine.signOut(token: signedIn.token)
        _ = try await reading.value
        try await engine.close()
    }

    /// A client that sends its headers a line at a time never finishes them: it is disconnected.
    @Test func aClientTricklingItsHeadersIsDisconnected() async throws {
        let database = try await TestDatabase.create()
        defer { database.drop() }
        let daemon = try Self.daemon(database, ["--header-timeout", "2"])
        defer { _ = daemon.stop() }
        let port = Int(daemon.base.split(separator: ":").last!)!
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        try #require(connected == 0)
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = "GET /healthz HTTP/1.1\r\nHost: x\r\n".withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        var closed = false
        for second in 0..<15 {
            _ = "X-Slow-\(second): a\r\n".withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
            var byte: UInt8 = 0
            let read = recv(fd, &byte, 1, 0)
            if read == 0 || (read < 0 && errno != EAGAIN && errno != EWOULDBLOCK) { closed = true; break }
        }
        #expect(closed, "the slow client was still connected after 15 s")
        // Others are served meanwhile and after.
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }
        #expect(try await client.execute(HTTPClientRequest(url: daemon.base + "/healthz"), timeout: .seconds(10)).status == .ok)
    }

    /// `X-Forwarded-Proto: https` from a client is not believed; from a trusted proxy it is.
    @Test func forwardedHeadersAreBelievedOnlyFromATrustedProxy() async throws {
        let database = try await TestDatabase.create()
        defer { database.drop() }
        for (trusted, secure) in [(false, false), (true, true)] {
            let daemon = try Self.daemon(database, trusted ? ["--trusted-proxy", "127.0.0.1/32"] : [])
            defer { _ = daemon.stop() }
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            defer { _ = client.shutdown() }
            var request = HTTPClientRequest(url: daemon.base + "/login")
            request.headers.add(name: "X-Forwarded-Proto", value: "https")
            request.headers.add(name: "X-Forwarded-For", value: "203.0.113.7")
            let response = try await client.execute(request, timeout: .seconds(30))
            let cookie = response.headers["Set-Cookie"].first { $0.hasPrefix("award_login_csrf=") } ?? ""
            #expect(cookie.contains("; Secure") == secure, "trusted \(trusted): \(cookie)")
        }
    }

    /// A receiver that answers a redirect gets no second request, and neither does where it points.
    @Test func aWebhookRedirectIsAFailedAttemptAndIsNotFollowed() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let target = try await OutboxTests.Receiver()
            defer { target.stop() }
            let redirector = try await Redirector(to: target.url)
            defer { redirector.stop() }
            _ = try await engine.allowWebhookNetwork("127.0.0.1/32", reason: "the test receivers", by: u.admin)
            _ = try await engine.addWebhook(url: redirector.url, events: ["nomination.submitted"], org: nil, by: u.admin)
            _ = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lò Văn Chuyển", nomineeType: .individual), by: u.lan)
            let sender = WebhookSender(engine: engine, maxAttempts: 1, backoffBase: .milliseconds(10))
            try await sender.deliverDue()
            let dead = try await engine.webhookDeliveries(status: "dead", viewer: u.admin)
            #expect(dead.count == 1 && dead.first?.lastStatus == 307, "\(dead)")
            #expect(dead.first?.lastError?.contains("redirect") == true)
            #expect(redirector.hits == 1 && target.all.isEmpty)
            // Once an admin no longer allows loopback, the next attempt is refused before connecting.
            _ = try await engine.allowWebhookNetwork("127.0.0.1/32", allowed: false, by: u.admin)
            try await engine.redeliverWebhook(dead[0].id, by: u.admin)
            try await sender.deliverDue()
            #expect(redirector.hits == 1)
            let refused = try await engine.webhookDeliveries(status: "dead", viewer: u.admin)
            #expect(refused.first?.lastError?.contains("127.0.0.1") == true, "\(refused)")
            _ = db
        }
    }

    /// A receiver that answers every request with a redirect.
    final class Redirector: Sendable {
        let port: Int
        let task: Task<Void, any Error>
        final class Counter: Sendable { let value = Mutex<Int>(0) }
        let counter = Counter()
        var hits: Int { counter.value.withLock { $0 } }
        var url: String { "http://127.0.0.1:\(port)/hook" }

        init(to target: String) async throws {
            let router = Router()
            let counter = self.counter
            router.post("hook") { _, _ -> Response in
                counter.value.withLock { $0 += 1 }
                var headers = HTTPFields()
                headers[.location] = target
                return Response(status: .temporaryRedirect, headers: headers)
            }
            var logger = Logger(label: "redirector")
            logger.logLevel = .error
            let (stream, continuation) = AsyncStream<Int>.makeStream()
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                  onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
            task = Task { try await app.run() }
            var iterator = stream.makeAsyncIterator()
            port = await iterator.next() ?? 0
        }

        func stop() { task.cancel() }
    }
}
