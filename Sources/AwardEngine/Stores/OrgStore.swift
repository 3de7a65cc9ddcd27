import AwardPostgres
import Foundation

/// Organisations and the kinds catalog, as the other stores and the facade look them up.
enum OrgStore {
    static func org(_ c: Connection, code: String) throws -> Organisation {
        let rows = try c.execute("""
            SELECT o.id, o.code, o.name, o.level, p.code AS parent
            FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
            WHERE lower(o.code) = lower(\(code))
            """)
        guard let row = rows.first else {
            throw AwardError(.notFound, code: .unknownOrg, "no organisation with code \(code)")
        }
        return try organisation(row)
    }

    static func organisation(_ row: Row) throws -> Organisation {
        Organisation(
            id: try row.int("id"), code: try row.string("code"), name: try row.string("name"),
            level: try Queries.enumValue(row, "level"), parent: try row.optionalString("parent"))
    }

    static func orgCode(_ c: Connection, id: Int64) throws -> String {
        try c.execute("SELECT code FROM orgs WHERE id = \(id)").first?.string("code") ?? "#\(id)"
    }

    /// Refuses a kind code that no pack has ever defined.
    static func requireKind(_ c: Connection, code: String) throws {
        guard try !c.execute("SELECT 1 FROM award_kinds WHERE code = \(code)").isEmpty else {
            throw AwardError(.notFound, code: .unknownKind, "no award kind with code \(code) (see `awardctl kind list`)")
        }
    }

    /// The unit's ancestors and itself, root first.
    static func ancestry(_ c: Connection, unit: Int64) throws -> [Routing.Ancestor] {
        try c.execute("""
            SELECT o.id, o.level FROM orgs u JOIN orgs o ON o.id = ANY(u.path)
            WHERE u.id = \(unit) ORDER BY array_position(u.path, o.id)
            """).map { row in Routing.Ancestor(id: try row.int("id"), level: try Queries.enumValue(row, "level")) }
    }
}
