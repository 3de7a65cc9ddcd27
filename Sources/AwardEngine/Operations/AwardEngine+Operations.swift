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
        try await lease { c in
            let row = try c.execute("""
                SELECT (SELECT count(*) FROM webhook_deliveries WHERE status = 'pending') AS webhooks,
                       (SELECT count(*) FROM email_outbox WHERE status = 'pending') AS emails,
                       (SELECT coalesce(extract(epoch FROM now() - min(e.at)), 0)::float8
                          FROM webhook_deliveries d JOIN events e ON e.id = d.event_id WHERE d.status = 'pending') AS oldest,
                       (SELECT count(*) FROM timers
                         WHERE fired_at IS NULL AND due_on <= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) AS due
                """).first!
            return OperationsSnapshot(webhookBacklog: Int(try row.int("webhooks")), emailBacklog: Int(try row.int("emails")),
                                      oldestUndeliveredEventSeconds: Double(try row.string("oldest")) ?? 0, dueTimers: Int(try row.int("due")))
        }
    }

    /// The port the connection was made to and the port the server says it listens on: they
    /// differ when a proxy or pooler (PgBouncer) stands between.
    public func connectionRoute() async throws(AwardError) -> (client: String, server: String) {
        try await lease { c in
            let server = try c.execute("SELECT current_setting('port') AS port").first!.string("port")
            return (c.port, server)
        }
    }
}
