import AsyncHTTPClient
import AwardEngine
import Foundation
import NIOCore
import NIOHTTP1

/// Delivers claimed webhook deliveries: POSTs each event's JSON, signed, and records the outcome —
/// delivered on a 2xx answer, else retried with exponential backoff and jitter, dead after
/// `maxAttempts`. The claims come from the database (FOR UPDATE SKIP LOCKED), so any number of
/// senders in any number of processes deliver each event once while the receiver answers.
public struct WebhookSender: Sendable {
    public let engine: AwardEngine
    public let client: HTTPClient
    public var maxAttempts: Int
    /// The first retry's delay; each further one doubles it (up to an hour), ±20% jitter.
    public var backoffBase: Duration
    /// The longest a retry waits.
    public var maxBackoff: Duration
    public var timeout: Duration

    public init(engine: AwardEngine, client: HTTPClient = .shared, maxAttempts: Int = 8, backoffBase: Duration = .seconds(5),
                maxBackoff: Duration = .seconds(3600), timeout: Duration = .seconds(15)) {
        self.engine = engine
        self.maxBackoff = maxBackoff
        self.client = client
        self.maxAttempts = maxAttempts
        self.backoffBase = backoffBase
        self.timeout = timeout
    }

    /// Claims and sends one batch; returns how many deliveries were attempted.
    @discardableResult
    public func deliverDue(limit: Int = 20) async throws -> Int {
        let claimSeconds = Int(timeout.components.seconds) * 2 + 10
        let jobs = try await engine.claimWebhookDeliveries(limit: limit, claimSeconds: claimSeconds)
        // Different nominations' events go out together; one nomination's are never in one batch twice
        // (a later one waits while an earlier one is pending), so order per nomination holds.
        await withTaskGroup(of: Void.self) { group in
            for job in jobs { group.addTask { await self.send(job) } }
        }
        return jobs.count
    }

    func send(_ job: WebhookJob) async {
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
            let response = try await client.execute(request, timeout: .seconds(timeout.components.seconds))
            status = Int(response.status.code)
            _ = try? await response.body.collect(upTo: 64 * 1024)
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
}
