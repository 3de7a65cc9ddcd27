import AwardPostgres
import Foundation

/// Durable timers: a deadline warning or the end of a public notice, fired once by whichever
/// timer worker locks it first.
enum TimerStore {
    /// A nomination has at most one pending timer of each kind: setting one moves the pending one.
    static let movePending: StaticString = """
        ON CONFLICT (nomination_id, kind) WHERE fired_at IS NULL DO UPDATE SET due_on = excluded.due_on, created_at = now()
        """

    /// Sets a timer (moving the nomination's pending one of that kind).
    static func set(_ c: Connection, nomination id: Int64, _ timer: TimerEffect) throws {
        try c.execute("""
            INSERT INTO timers (nomination_id, kind, due_on) VALUES (\(id), \(timer.kind.rawValue), \(timer.due)::date)
            \(unsafeRaw: movePending)
            """)
    }

    /// A due timer with its nomination's state as locked.
    struct Due: Sendable {
        var id: Int64
        var timer: TimerEffect
        /// The nomination as it is now: a timer whose moment has passed (the nomination moved on,
        /// or its deadline was set anew) fires as stale.
        var nomination: (id: Int64, state: NominationState, version: Int64, currentOrg: Int64, dueOn: CivilDate?, noticeUntil: CivilDate?)
    }

    /// The timers due by `today` that no other worker holds, locked until the transaction ends.
    static func lockDue(_ c: Connection, by today: CivilDate, limit: Int) throws -> [Due] {
        try c.execute("""
            SELECT t.id, t.kind, t.nomination_id, t.due_on, n.state, n.version, n.tier, n.current_org_id, n.due_on AS nomination_due,
                   n.notice_until
            FROM timers t JOIN nominations n ON n.id = t.nomination_id
            WHERE t.fired_at IS NULL AND t.due_on <= \(today)::date
            ORDER BY t.due_on, t.id
            LIMIT \(limit)
            FOR UPDATE OF t SKIP LOCKED
            """).compactMap { row in
            guard let kind = TimerEffect.Kind(rawValue: try row.string("kind")) else { return nil }
            return Due(id: try row.int("id"), timer: TimerEffect(kind: kind, due: try row.optionalDate("due_on")!),
                       nomination: (try row.int("nomination_id"), try Queries.enumValue(row, "state"), try row.int("version"),
                                    try row.int("current_org_id"), try row.optionalDate("nomination_due"), try row.optionalDate("notice_until")))
        }
    }

    /// Ends a public notice: the nomination becomes pending for its council, with a history row by
    /// `system`. `false` when the nomination changed meanwhile.
    static func endNotice(_ c: Connection, nomination id: Int64, version: Int64) throws -> Bool {
        try !c.execute("""
            WITH upd AS (
                UPDATE nominations SET state = 'pending', version = version + 1, updated_at = now()
                WHERE id = \(id) AND version = \(version) RETURNING id, version, tier, current_org_id)
            INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, reason, at)
            SELECT id, version, 'notice_end', 'public_notice', 'pending', tier, current_org_id, 'system',
                   'Hết thời hạn công khai / public notice ended', now() FROM upd
            RETURNING seq
            """).isEmpty
    }

    /// A deadline warning to the org a nomination waits at.
    static func warn(_ c: Connection, nomination id: Int64, org: Int64, message: String) throws {
        try c.execute("""
            INSERT INTO notifications (nomination_id, org_id, kind, message)
            VALUES (\(id), \(org), 'deadline', \(message))
            """)
    }

    /// Marks a timer fired, with what it did.
    static func markFired(_ c: Connection, timer: Int64, outcome: String) throws {
        try c.execute("UPDATE timers SET fired_at = now(), outcome = \(outcome) WHERE id = \(timer)")
    }
}
