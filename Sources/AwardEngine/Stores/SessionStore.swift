import AwardPostgres
import Foundation

/// Passwords (bcrypt hashes) and sign-in sessions (tokens stored as their SHA-256).
enum SessionStore {
    /// Sets an active user's password hash and clears any lock; `false` when there is no such user.
    static func setPassword(_ c: Connection, name: String, hash: String) throws -> Bool {
        try !c.execute("""
            UPDATE users SET password_hash = \(hash), failed_logins = 0, locked_until = NULL
            WHERE lower(name) = lower(\(name)) AND revoked_at IS NULL RETURNING id
            """).isEmpty
    }

    /// What signing in needs to know of a user, locked for the transaction (two attempts at once
    /// count twice).
    static func login(_ c: Connection, name: String) throws -> (id: Int64, hash: String?, failed: Int, lockedUntil: Date?)? {
        try c.execute("""
            SELECT id, password_hash, failed_logins, floor(extract(epoch FROM locked_until)) AS locked
            FROM users WHERE lower(name) = lower(\(name)) AND revoked_at IS NULL FOR UPDATE
            """).first.map { row in
            (try row.int("id"), try row.optionalString("password_hash"), Int(try row.int("failed_logins")),
             try row.optionalInt("locked").map { Date(timeIntervalSince1970: TimeInterval($0)) })
        }
    }

    /// Records a failed attempt; locks the account until `lockUntil` when given.
    static func failed(_ c: Connection, user: Int64, failures: Int, lockUntil: Date?) throws {
        try c.execute("""
            UPDATE users SET failed_logins = \(failures),
                   locked_until = \(lockUntil)::timestamptz
            WHERE id = \(user)
            """)
    }

    /// Opens a session for a user whose password matched, and clears the failures.
    static func open(_ c: Connection, user: Int64, token: String, now: Date) throws {
        try c.execute("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = \(user)")
        try c.execute("""
            INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at)
            VALUES (encode(sha256(convert_to(\(token), 'UTF8')), 'hex'), \(user),
                    \(now)::timestamptz, \(now)::timestamptz)
            """)
    }

    /// The principal of a live session (seen within `idle` seconds, its user active), with the
    /// session's CSRF token, marking it seen now (at most once a minute, to spare writes).
    static func touch(_ c: Connection, token: String, now: Date, idle: Int) throws -> (Principal, csrf: String)? {
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
            SELECT u.name, u.role, o.id AS org_id, o.code AS org_code,
                   encode(sha256(convert_to('csrf:' || \(token), 'UTF8')), 'hex') AS csrf
            FROM live l JOIN sessions s ON s.token_hash = l.token_hash JOIN users u ON u.id = s.user_id JOIN orgs o ON o.id = u.org_id
            """).first.map { row in (try UserStore.principal(row), try row.string("csrf")) }
    }

    /// Ends a session; its cookie stops working in every tab at once.
    static func close(_ c: Connection, token: String) throws {
        try c.execute("DELETE FROM sessions WHERE token_hash = encode(sha256(convert_to(\(token), 'UTF8')), 'hex')")
    }

    /// Drops sessions idle for longer than `idle` seconds.
    static func sweep(_ c: Connection, now: Date, idle: Int) throws {
        try c.execute("""
            DELETE FROM sessions WHERE last_seen_at < \(now)::timestamptz - make_interval(secs => \(idle))
            """)
    }
}
