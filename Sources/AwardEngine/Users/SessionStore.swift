import AwardPostgres
import Foundation

/// Passwords (bcrypt hashes), sign-in sessions (tokens stored as their SHA-256) and the sign-in
/// throttle.
enum SessionStore {
    /// Sets an active user's password hash; `false` when there is no such user.
    static func setPassword(_ c: Connection, name: String, hash: String) throws -> Bool {
        try !c.execute("""
            UPDATE users SET password_hash = \(hash), failed_logins = 0, locked_until = NULL
            WHERE lower(name) = lower(\(name)) AND revoked_at IS NULL RETURNING id
            """).isEmpty
    }

    /// What signing in needs of an active user: its id and password hash (read, not locked).
    static func credentials(_ c: Connection, name: String) throws -> (id: Int64, hash: String?)? {
        try c.execute("""
            SELECT id, password_hash FROM users WHERE lower(name) = lower(\(name)) AND revoked_at IS NULL
            """).first.map { (try $0.int("id"), try $0.optionalString("password_hash")) }
    }

    /// The seconds the longest-waiting of `keys` must still wait, or `nil` when none must.
    static func wait(_ c: Connection, keys: [String], now: Date) throws -> Int? {
        let joined = keys.joined(separator: "\u{1F}")
        let seconds = try c.execute("""
            SELECT ceil(max(extract(epoch FROM blocked_until - \(now)::timestamptz)))::bigint AS wait
            FROM sign_in_throttle WHERE key = ANY(string_to_array(\(joined), chr(31))) AND blocked_until > \(now)::timestamptz
            """).first?.optionalInt("wait")
        return seconds.map { Int(max(1, $0)) }
    }

    /// Counts a failure against every key and sets each key's wait (failures fade after an hour).
    static func failed(_ c: Connection, keys: [(key: String, throttle: SignInThrottle)], now: Date) throws {
        for (key, throttle) in keys {
            let failures = try c.execute("""
                INSERT INTO sign_in_throttle AS t (key, failures, last_failure) VALUES (\(key), 1, \(now)::timestamptz)
                ON CONFLICT (key) DO UPDATE SET last_failure = EXCLUDED.last_failure,
                    failures = CASE WHEN t.last_failure < EXCLUDED.last_failure - make_interval(secs => \(SignInThrottle.fadeSeconds))
                                    THEN 1 ELSE t.failures + 1 END
                RETURNING failures
                """).first?.int("failures") ?? 1
            let delay = throttle.delay(afterFailures: Int(failures))
            if delay > 0 {
                try c.execute("""
                    UPDATE sign_in_throttle SET blocked_until = \(now)::timestamptz + make_interval(secs => \(delay)) WHERE key = \(key)
                    """)
            }
        }
    }

    /// A success clears its own pair (the client's and the name's counts keep fading on their own).
    static func succeeded(_ c: Connection, key: String) throws {
        try c.execute("DELETE FROM sign_in_throttle WHERE key = \(key)")
    }

    /// Opens a session for a user whose password matched.
    static func open(_ c: Connection, user: Int64, token: String, now: Date) throws {
        try c.execute("""
            INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at)
            VALUES (encode(sha256(convert_to(\(token), 'UTF8')), 'hex'), \(user),
                    \(now)::timestamptz, \(now)::timestamptz)
            """)
    }

    /// The principal of a live session (seen within `idle` seconds, its user active), with the
    /// session's CSRF token, marking it seen now (at most once a minute, to spare writes).
    static func touch(_ c: Connection, token: String, now: Date, idle: Int) throws -> SessionPrincipal? {
        try c.execute("""
            WITH live AS (
                SELECT s.token_hash FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.token_hash = encode(sha256(convert_to(\(token), 'UTF8')), 'hex') AND u.revoked_at IS NULL
                  AND s.last_seen_at > \(now)::timestamptz - make_interval(secs => \(idle))
            ), seen AS (
                UPDATE sessions SET last_seen_at = \(now)::timestamptz
                WHERE token_hash IN (SELECT token_hash FROM live)
                  AND last_seen_at < \(now)::timestamptz - interval '1 minute'
            )
            SELECT u.name, u.role, o.id AS org_id, o.code AS org_code, u.display_name, u.title, o.name AS org_name,
                   encode(sha256(convert_to('csrf:' || \(token), 'UTF8')), 'hex') AS csrf
            FROM live l JOIN sessions s ON s.token_hash = l.token_hash JOIN users u ON u.id = s.user_id JOIN orgs o ON o.id = u.org_id
            """).first.map { row in
            SessionPrincipal(principal: try UserStore.principal(row), csrf: try row.string("csrf"),
                             displayName: try row.optionalString("display_name"), title: try row.optionalString("title"),
                             orgName: try row.string("org_name"))
        }
    }

    /// Ends every session of the user whose session `token` is.
    static func closeAll(_ c: Connection, token: String) throws {
        try c.execute("""
            DELETE FROM sessions WHERE user_id = (SELECT user_id FROM sessions WHERE token_hash = encode(sha256(convert_to(\(token), 'UTF8')), 'hex'))
            """)
    }

    /// Ends every session of a user (password or role changed, user revoked).
    static func endAll(_ c: Connection, user name: String) throws {
        try c.execute("DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE lower(name) = lower(\(name)))")
    }

    /// Drops sessions idle for longer than `idle` seconds, and throttle counts that faded.
    static func sweep(_ c: Connection, now: Date, idle: Int) throws {
        try c.execute("""
            DELETE FROM sessions WHERE last_seen_at < \(now)::timestamptz - make_interval(secs => \(idle))
            """)
        try c.execute("""
            DELETE FROM sign_in_throttle WHERE last_failure < \(now)::timestamptz - make_interval(secs => \(SignInThrottle.fadeSeconds))
              AND (blocked_until IS NULL OR blocked_until < \(now)::timestamptz)
            """)
    }
}
