import AwardDomain
import AwardPostgres
import Foundation

/// People by their names (users' display name and title) and orgs' usual signers.
enum SignerStore {
    /// Records a user's name and title; the user's login, or nil when no active user has that name.
    static func setPersonName(_ c: Connection, user: String, displayName: String?, title: String?) throws -> String? {
        try c.execute("""
            UPDATE users SET display_name = \(displayName), title = \(title)
            WHERE lower(name) = lower(\(user)) AND revoked_at IS NULL RETURNING name
            """).first.map { try $0.string("name") }
    }

    static func setUsualSigner(_ c: Connection, org: Int64, name: String?, title: String?) throws {
        try c.execute("UPDATE orgs SET signer_name = \(name), signer_title = \(title) WHERE id = \(org)")
    }

    /// Who usually signs for `org` (its code with both `nil` when nothing is recorded).
    static func usualSigner(_ c: Connection, org: Int64) throws -> UsualSigner? {
        try usualSigner(c.execute(usualSignerQuery(org: org)))
    }

    static func usualSignerQuery(org: Int64) -> SQL {
        "SELECT code, signer_name, signer_title FROM orgs WHERE id = \(org)"
    }

    static func usualSigner(_ rows: Rows) throws -> UsualSigner? {
        try rows.first.map { row in
            UsualSigner(org: try row.string("code"), name: try row.optionalString("signer_name"), title: try row.optionalString("signer_title"))
        }
    }
}
