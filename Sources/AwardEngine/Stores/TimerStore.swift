import AwardPostgres
import Foundation

/// Durable timers: a deadline warning or the end of a public notice, fired once by whichever
/// timer worker locks it first.
enum TimerStore {
    /// Sets a timer; `queued` sends it with the transaction's next round trip.
    static func set(_ c: Connection, nomination id: Int64, _ timer: TimerEffect, queued: Bool = false) throws {
        let insert: SQL = "INSERT INTO timers (nomination_id, kind, due_on) VALUES (\(id), \(timer.kind.rawValue), \(timer.due)::date)"
        if queued { try c.enqueue(insert) } else { try c.execute(insert) }
    }

    /// The timers due by `today` that no other worker holds, locked until the transaction ends.
    static func lockDue(_ c: Connection, by today: CivilDate, limit: Int) throws -> Rows {
        try c.execute("""
            SELECT t.id, t.kind, t.nomination_id, t.due_on, n.state, n.version, n.tier, n.current_org_id, n.due_on AS nomination_due,
                   n.notice_until
            FROM timers t JOIN nominations n ON n.id = t.nomination_id
            WHERE t.fired_at IS NULL AND t.due_on <= \(today)::date
            ORDER BY t.due_on, t.id
            LIMIT \(limit)
            FOR UPDATE OF t SKIP LOCKED
            """)
    }

    /// Marks a timer fired, with what it did.
    static func markFired(_ c: Connection, timer: Int64, outcome: String) throws {
        try c.execute("UPDATE timers SET fired_at = now(), outcome = \(outcome) WHERE id = \(timer)")
    }
}
