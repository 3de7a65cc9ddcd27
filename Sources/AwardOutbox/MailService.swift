import AwardEngine
import Foundation
import Logging
import ServiceLifecycle

/// awardd's mailer: queues the daily digests from `digestHour` (Vietnam time), sends what is
/// queued through the relay, and waits for the next event (LISTEN/NOTIFY) or `interval`. A relay
/// that is down leaves the mail queued, retried with backoff and marked dead after `maxAttempts`.
public struct MailService: Service {
    let engine: AwardEngine
    let smtp: SMTPClient
    let wakeups: Wakeups?
    let interval: Duration
    let digestHour: Int
    let maxAttempts: Int
    let logger: Logger

    public init(engine: AwardEngine, smtp: SMTPClient, wakeups: Wakeups?, interval: Duration, digestHour: Int = 7, maxAttempts: Int = 10, logger: Logger) {
        self.engine = engine
        self.smtp = smtp
        self.wakeups = wakeups
        self.interval = interval
        self.digestHour = digestHour
        self.maxAttempts = maxAttempts
        self.logger = logger
    }

    /// Queues the digests when it is time, then sends one batch; returns how many were attempted.
    @discardableResult
    public func runOnce(now: Date = Date()) async throws -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        if calendar.component(.hour, from: now) >= digestHour { try await engine.queueDigests(now: now) }
        let jobs = try await engine.claimMail(now: now)
        for job in jobs {
            do {
                try await smtp.send(to: job.to, subject: job.subject, body: job.body)
                try await engine.finishMail(job.id, error: nil, retryInMilliseconds: 0, maxAttempts: maxAttempts)
            } catch {
                try? await engine.finishMail(job.id, error: "\(error)", retryInMilliseconds: Int(60_000 * Double.random(in: 0.8...1.2)),
                                             maxAttempts: maxAttempts)
                logger.warning("e-mail could not be sent; it stays queued", metadata: ["error": "\(error)"])
            }
        }
        return jobs.count
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let seen = wakeups?.generation(Wakeups.events) ?? 0
            var sent = 0
            do { sent = try await runOnce() } catch { logger.warning("the mailer could not run", metadata: ["error": "\(error)"]) }
            if sent > 0 { continue }
            try? await cancelWhenGracefulShutdown {
                if let wakeups { await wakeups.wait(Wakeups.events, since: seen, timeout: interval) } else { try await Task.sleep(for: interval) }
            }
        }
    }
}
