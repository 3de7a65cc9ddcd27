import AwardEngine
import Foundation
import Logging
import ServiceLifecycle

/// awardd's webhook worker: sends what is due, then waits until PostgreSQL says an event was
/// committed (LISTEN/NOTIFY) or `interval` passes — the fallback that also picks up retries.
public struct WebhookService: Service {
    let sender: WebhookSender
    let wakeups: Wakeups?
    let interval: Duration
    let logger: Logger

    public init(sender: WebhookSender, wakeups: Wakeups?, interval: Duration, logger: Logger) {
        self.sender = sender
        self.wakeups = wakeups
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let seen = wakeups?.generation(Wakeups.events) ?? 0
            var sent = 0
            do {
                sent = try await sender.deliverDue()
            } catch {
                logger.warning("webhook deliveries could not run", metadata: ["error": "\(error)"])
            }
            if sent > 0 { continue }
            try? await cancelWhenGracefulShutdown {
                if let wakeups { await wakeups.wait(Wakeups.events, since: seen, timeout: interval) } else { try await Task.sleep(for: interval) }
            }
        }
    }
}
