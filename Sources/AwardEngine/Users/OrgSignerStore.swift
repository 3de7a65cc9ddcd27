import AwardPostgres
import Foundation

/// Who may sign for an org, and a user's phone (migration 24).
enum OrgSignerStore {
    /// The active user `name` of org `org`: their id, or nil.
    static func member(_ c: Connection, user name: String, org: Int64) throws -> (id: Int64, name: String)? {
        try c.execute("""
            SELECT id, name FROM users WHERE lower(name) = lower(\(name)) AND revoked_at IS NULL AND org_id = \(org)
            """).first.map { (try $0.int("id"), try $0.string("name")) }
    }

    static func add(_ c: Connection, org: Int64, user: Int64, title: String, by actor: String) throws {
        try c.execute("""
            INSERT INTO org_signers (org_id, user_id, title, added_by) VALUES (\(org), \(user), \(title), \(actor))
            ON CONFLICT (org_id, user_id) DO UPDATE SET title = excluded.title, added_by = excluded.added_by, added_at = now()
            """)
    }

    static func remove(_ c: Connection, org: Int64, user: Int64) throws -> Bool {
        try !c.execute("DELETE FROM org_signers WHERE org_id = \(org) AND user_id = \(user) RETURNING user_id").isEmpty
    }

    /// The org's signers still active, in Vietnamese order of their names.
    static func list(_ c: Connection, org: Int64) throws -> [OrgSigner] {
        try c.execute("""
            SELECT u.name, u.display_name, s.title, u.email, u.phone FROM org_signers s JOIN users u ON u.id = s.user_id
            WHERE s.org_id = \(org) AND u.revoked_at IS NULL
            ORDER BY coalesce(u.display_name, u.name) COLLATE vi
            """).map { row in
            OrgSigner(user: try row.string("name"), displayName: try row.optionalString("display_name"), title: try row.string("title"),
                      email: try row.optionalString("email"), phone: try row.optionalString("phone"))
        }
    }

    static func setPhone(_ c: Connection, user: String, phone: String?) throws -> String? {
        try c.execute("""
            UPDATE users SET phone = \(phone) WHERE lower(name) = lower(\(user)) AND revoked_at IS NULL RETURNING name
            """).first.map { try $0.string("name") }
    }
}
