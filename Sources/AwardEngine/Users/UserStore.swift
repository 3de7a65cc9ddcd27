import AwardPostgres
import Foundation

/// Users and their bearer tokens. A token is stored only as its SHA-256, and looked up by it.
enum UserStore {
    /// Inserts a user with its token's hash; `false` when the name is taken (revoked users keep theirs).
    static func insert(_ c: Connection, name: String, org: Int64, role: Role, token: String) throws -> Bool {
        try !c.execute("""
            INSERT INTO users (name, org_id, role, token_hash)
            VALUES (\(name), \(org), \(role.rawValue), encode(sha256(convert_to(\(token), 'UTF8')), 'hex'))
            ON CONFLICT DO NOTHING
            RETURNING id
            """).isEmpty
    }

    /// Replaces an active user's token hash; the user's name, org code and role, or `nil`.
    static func rotate(_ c: Connection, name: String, token: String) throws -> (name: String, org: String, role: Role)? {
        try c.execute("""
            UPDATE users u SET token_hash = encode(sha256(convert_to(\(token), 'UTF8')), 'hex')
            FROM orgs o
            WHERE o.id = u.org_id AND lower(u.name) = lower(\(name)) AND u.revoked_at IS NULL
            RETURNING u.name, o.code, u.role
            """).first.map { (try $0.string("name"), try $0.string("code"), try Queries.enumValue($0, "role")) }
    }

    static func all(_ c: Connection) throws -> [UserInfo] {
        try c.execute("""
            SELECT u.name, o.code, u.role, u.revoked_at IS NOT NULL AS revoked
            FROM users u JOIN orgs o ON o.id = u.org_id ORDER BY lower(u.name)
            """).map { row in
            UserInfo(name: try row.string("name"), org: try row.string("code"), role: try Queries.enumValue(row, "role"), revoked: try row.bool("revoked"))
        }
    }

    /// Revokes an active user; the user as it is now, or `nil`.
    static func revoke(_ c: Connection, name: String) throws -> UserInfo? {
        try c.execute("""
            UPDATE users u SET revoked_at = now() FROM orgs o
            WHERE o.id = u.org_id AND lower(u.name) = lower(\(name)) AND u.revoked_at IS NULL
            RETURNING u.name, o.code, u.role
            """).first.map { row in
            UserInfo(name: try row.string("name"), org: try row.string("code"), role: try Queries.enumValue(row, "role"), revoked: true)
        }
    }

    /// Sets an active user's role (and org when given); the user as it is now, or `nil`.
    static func changeRole(_ c: Connection, name: String, role: Role, org: Int64?) throws -> UserInfo? {
        try c.execute("""
            UPDATE users u SET role = \(role.rawValue), org_id = coalesce(\(org)::bigint, u.org_id)
            WHERE lower(u.name) = lower(\(name)) AND u.revoked_at IS NULL
            RETURNING u.name, (SELECT code FROM orgs WHERE id = u.org_id) AS code, u.role
            """).first.map { row in
            UserInfo(name: try row.string("name"), org: try row.string("code"), role: try Queries.enumValue(row, "role"), revoked: false)
        }
    }

    /// The active user a token belongs to (by the token's SHA-256; the token itself is never stored).
    static func tokenQuery(_ token: String) -> SQL {
        """
        SELECT u.name, u.role, o.id AS org_id, o.code AS org_code
        FROM users u JOIN orgs o ON o.id = u.org_id
        WHERE u.token_hash = encode(sha256(convert_to(\(token), 'UTF8')), 'hex') AND u.revoked_at IS NULL
        """
    }

    /// The principal of an active user by name, or `nil`.
    static func principal(_ c: Connection, named name: String) throws -> Principal? {
        try c.execute("""
            SELECT u.name, u.role, o.id AS org_id, o.code AS org_code
            FROM users u JOIN orgs o ON o.id = u.org_id
            WHERE lower(u.name) = lower(\(name)) AND u.revoked_at IS NULL
            """).first.map(principal)
    }

    /// The principal of a row of ``tokenQuery(_:)`` or ``principal(_:named:)``.
    static func principal(_ row: Row) throws -> Principal {
        Principal(name: try row.string("name"), role: try Queries.enumValue(row, "role"),
                  orgId: try row.int("org_id"), orgCode: try row.string("org_code"))
    }
}
