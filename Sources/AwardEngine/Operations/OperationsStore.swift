import AwardPostgres

/// The statements of what an operator watches: the outboxes, the timers, the server's own port.
enum OperationsStore {
    static func snapshot(_ c: Connection) throws -> OperationsSnapshot {
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

    /// The port PostgreSQL says it listens on.
    static func serverPort(_ c: Connection) throws -> String {
        try c.execute("SELECT current_setting('port') AS port").first!.string("port")
    }
}
