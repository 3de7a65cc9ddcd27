import AsyncHTTPClient
import AwardEngine
import Foundation
import NIOCore
import NIOPosix
import NIOHTTP1

/// Delivers claimed webhook deliveries: POSTs each event's JSON, signed, and records the outcome —
/// delivered on a 2xx answer, else retried with exponential backoff and jitter, dead after
/// `maxAttempts`. The claims come from the database (FOR UPDATE SKIP LOCKED), so any number of
/// senders in any number of processes deliver each event once while the receiver answers.
///
/// Each delivery resolves its host once and checks the address (``WebhookDestination``): a
/// non-public address no admin allowed, or awardd's own, is a failed attempt with the reason. It
/// then connects to exactly that address (the URL's host stays in the Host header and TLS's SNI)
/// and follows no redirect: a 3xx answer is a failed attempt, recorded.
public struct WebhookSender: Sendable {
    public let engine: AwardEngine
    public var maxAttempts: Int
    /// The first retry's delay; each further one doubles it (up to an hour), ±20% jitter.
    public var backoffBase: Duration
    /// The longest a retry waits.
    public var maxBackoff: Duration
    public var timeout: Duration

    public init(engine: AwardEngine, maxAttempts: Int = 8, backoffBase: Duration = .seconds(5),
                maxBackoff: Duration = .seconds(3600), timeout: Duration = .seconds(15)) {
        self.engine = engine
        self.maxBackoff = maxBackoff
        self.maxAttempts = maxAttempts
        self.backoffBase = backoffBase
        self.timeout = timeout
    }

    /// Claims and sends one batch; returns how many deliveries were attempted.
    @discardableResult
    public func deliverDue(limit: Int = 20) async throws -> Int {
        let claimSeconds = Int(timeout.components.seconds) * 2 + 10
        let jobs = try await engine.claimWebhookDeliveries(limit: limit, claimSeconds: claimSeconds)
        guard !jobs.isEmpty else { return 0 }
        let rules = try await engine.webhookDestinationRules()
        let allowed = rules.allowed, listeners = rules.listeners
        // Different nominations' events go out together; one nomination's are never in one batch twice
        // (a later one waits while an earlier one is pending), so order per nomination holds.
        await withTaskGroup(of: Void.self) { group in
            for job in jobs { group.addTask { await self.send(job, allowed: allowed, listeners: listeners) } }
        }
        return jobs.count
    }

    func send(_ job: WebhookJob, allowed: [IPNetwork], listeners: [(IPAddress, Int)]) async {
        let body = Array(job.event.json.utf8)
        let timestamp = Int(Date().timeIntervalSince1970)
        var request = HTTPClientRequest(url: job.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: "award-engine-webhooks/1")
        request.headers.add(name: "X-Award-Event", value: job.event.type)
        request.headers.add(name: "X-Award-Delivery", value: String(job.delivery))
        request.headers.add(name: "X-Award-Timestamp", value: String(timestamp))
        request.headers.add(name: "X-Award-Signature", value: WebhookSigner.header(secrets: job.secrets, timestamp: timestamp, body: body))
        request.body = .bytes(ByteBuffer(bytes: body))
        var status: Int? = nil
        var failure: String? = nil
        do {
            let url = job.url
            let destination = try await NIOThreadPool.singleton.runIfActive { try Self.resolve(url, allowed: allowed, listeners: listeners) }
            var configuration = HTTPClient.Configuration()
            configuration.redirectConfiguration = .disallow
            configuration.dnsOverride = [destination.host: destination.address.description]
            configuration.timeout = .init(connect: .seconds(5), read: .seconds(timeout.components.seconds))
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            do {
                let response = try await client.execute(request, timeout: .seconds(timeout.components.seconds))
                status = Int(response.status.code)
                if (300..<400).contains(response.status.code) { failure = "redirect \(response.status.code) not followed" }
                _ = try? await response.body.collect(upTo: 64 * 1024)
            } catch {
                failure = "\(error)".prefix(300).description
            }
            try? await client.shutdown()
        } catch let refused as AwardError {
            failure = refused.message
        } catch {
            failure = "\(error)".prefix(300).description
        }
        let exponent = min(max(job.attempt - 1, 0), 20)
        let base = Double(backoffBase.components.seconds) * 1000 + Double(backoffBase.components.attoseconds) / 1e15
        let ceiling = Double(maxBackoff.components.seconds) * 1000
        let delay = min(base * pow(2, Double(exponent)), ceiling) * Double.random(in: 0.8...1.2)
        try? await engine.finishWebhookDelivery(job.delivery, status: status, error: failure, retryInMilliseconds: Int(delay),
                                                maxAttempts: maxAttempts)
    }

    /// The destination, checked (a typed throw cannot cross the thread pool's closure).
    static func resolve(_ url: String, allowed: [IPNetwork], listeners: [(IPAddress, Int)]) throws -> WebhookDestination {
        do { return try WebhookDestination.resolve(url, allowed: allowed, listeners: listeners) } catch { throw error }
    }
}
