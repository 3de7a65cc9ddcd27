import AwardPostgres
import Foundation

/// The e-mail queue: claimed like webhook deliveries, composed from the events and the inbox.
enum MailStore {
    static func setAddress(_ c: Connection, user: String, email: String?, mode: String) throws -> Bool {
        try !c.execute("""
            UPDATE users SET email = \(email), email_mode = \(mode) WHERE lower(name) = lower(\(user)) RETURNING id
            """).isEmpty
    }

    /// Queues today's digest for every user who asked for one; a second run the same day adds none.
    static func queueDigests(_ c: Connection, on day: CivilDate) throws -> Int {
        try c.execute("""
            INSERT INTO email_outbox (user_id, digest_on)
            SELECT id, \(day)::date FROM users WHERE email_mode = 'daily' AND email IS NOT NULL AND revoked_at IS NULL
            ON CONFLICT DO NOTHING RETURNING id
            """).count
    }

    struct Claimed {
        var id: Int64
        var userName: String
        /// The person as a letter names them ("Nguyễn Thị Lan, Chuyên viên"), and the event's actor so.
        var userDisplay: String
        var actorDisplay: String?
        var email: String
        var orgId: Int64
        var orgName: String
        var digestOn: CivilDate?
        var event: OutboxEvent?
    }

    static func claim(_ c: Connection, limit: Int, seconds: Int) throws -> [Claimed] {
        try c.execute("""
            WITH due AS (
                SELECT id FROM email_outbox WHERE status = 'pending' AND next_attempt_at <= now()
                  AND (claimed_until IS NULL OR claimed_until < now())
                ORDER BY next_attempt_at, id LIMIT \(limit) FOR UPDATE SKIP LOCKED),
            claimed AS (
                UPDATE email_outbox o SET claimed_until = now() + make_interval(secs => \(seconds)), attempts = o.attempts + 1
                FROM due WHERE o.id = due.id RETURNING o.id, o.user_id, o.event_id, o.digest_on)
            SELECT claimed.id AS mail, u.name AS user_name, u.email, u.org_id, g.name AS org_name, claimed.digest_on,
                   coalesce(u.display_name, u.name) || coalesce(', ' || u.title, '') AS user_display,
                   a.display_name || coalesce(', ' || a.title, '') AS actor_display,
                   e.id IS NOT NULL AS has_event, \(unsafeRaw: EventStore.eventColumnsOrNull)
            FROM claimed JOIN users u ON u.id = claimed.user_id JOIN orgs g ON g.id = u.org_id LEFT JOIN events e ON e.id = claimed.event_id
            LEFT JOIN users a ON lower(a.name) = lower(e.actor)
            ORDER BY claimed.id
            """).map { row in
            Claimed(id: try row.int("mail"), userName: try row.string("user_name"), userDisplay: try row.string("user_display"),
                    actorDisplay: try row.optionalString("actor_display"), email: try row.string("email"), orgId: try row.int("org_id"),
                    orgName: try row.string("org_name"), digestOn: try row.optionalDate("digest_on"),
                    event: try row.bool("has_event") ? EventStore.event(row) : nil)
        }
    }

    /// For a digest: the dossiers that arrived at `org` in the day before, and what is due soon or overdue there.
    static func digest(_ c: Connection, org: Int64, today: CivilDate) throws -> (arrived: [String], dueSoon: Int, overdue: Int) {
        let arrived = try c.execute("""
            SELECT DISTINCT ON (m.id) m.id, award_event_data(e) #>> '{nominee,name}' AS nominee, k.name_vi AS kind, e.type
            FROM events e JOIN nominations m ON m.id = e.nomination_id JOIN award_kinds k ON k.code = m.kind_code
            WHERE m.current_org_id = \(org) AND m.state IN ('pending', 'public_notice', 'returned') AND e.at >= now() - interval '1 day'
              AND e.type IN ('nomination.submitted', 'nomination.approved', 'nomination.returned', 'nomination.resubmitted')
            ORDER BY m.id, e.id DESC
            """).map { row in
            "Hồ sơ số \(try row.int("id")): \(try row.string("kind")) — \(try row.string("nominee"))\(try row.string("type") == "nomination.returned" ? " (bị trả lại)" : "")"
        }
        let due = try c.execute("""
            SELECT count(*) FILTER (WHERE due_on < \(today)::date) AS overdue,
                   count(*) FILTER (WHERE due_on BETWEEN \(today)::date AND \(today)::date + 3) AS soon
            FROM nominations WHERE current_org_id = \(org) AND state IN ('pending', 'public_notice') AND due_on IS NOT NULL
            """).first!
        return (arrived, Int(try due.int("soon")), Int(try due.int("overdue")))
    }

    static func finish(_ c: Connection, id: Int64, error: String?, retryInMilliseconds: Int, maxAttempts: Int) throws {
        if let error {
            try c.execute("""
                UPDATE email_outbox SET status = CASE WHEN attempts >= \(maxAttempts) THEN 'dead' ELSE 'pending' END,
                    next_attempt_at = now() + make_interval(secs => \(retryInMilliseconds) / 1000.0), claimed_until = NULL,
                    last_error = \(String(error.prefix(500)))
                WHERE id = \(id)
                """)
        } else {
            try c.execute("UPDATE email_outbox SET status = 'sent', sent_at = now(), claimed_until = NULL, last_error = NULL WHERE id = \(id)")
        }
    }
}
