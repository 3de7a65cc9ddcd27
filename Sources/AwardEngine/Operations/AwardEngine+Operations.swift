import AwardPostgres
import Foundation

/// What an operator watches besides requests: the work waiting in the outboxes and the timers.
public struct OperationsSnapshot: Sendable, Equatable {
    /// Webhook deliveries not yet delivered nor given up.
    public var webhookBacklog: Int
    /// E-mails not yet sent nor given up.
    public var emailBacklog: Int
    /// Seconds since the oldest event still waiting for a delivery was committed (0 when none waits).
    public var oldestUndeliveredEventSeconds: Double
    /// Timers due today or earlier (Vietnam's day) that have not fired.
    public var dueTimers: Int
}

extension AwardEngine {
    /// The outboxes' backlog and the due timers, in one statement (for /metrics).
    public func operationsSnapshot() async throws(AwardError) -> OperationsSnapshot {
        try await lease { c in try OperationsStore.snapshot(c) }
    }

    /// The port the connection was made to and the port the server says it listens on: they
    /// differ when a proxy or pooler (PgBouncer) stands between.
    public func connectionRoute() async throws(AwardError) -> (client: String, server: String) {
        try await lease { c in
            (c.port, try OperationsStore.serverPort(c))
        }
    }
}
