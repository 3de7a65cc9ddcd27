import AwardPostgres
import Foundation

/// Organisations and the kinds catalog, as the other stores and the facade look them up.
enum OrgStore {
    static func org(_ c: Connection, code: String) throws -> Organisation {
        let rows = try c.execute("""
            SELECT o.id, o.code, o.name, o.level, p.code AS parent, o.path
            FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
            WHERE lower(o.code) = lower(\(code))
            """)
        guard let row = rows.first else {
            throw AwardError(.notFound, code: .unknownOrg, "no organisation with code \(code)", vi: "Không có cơ quan, đơn vị mã \(code).")
        }
        return try organisation(row)
    }

    static func organisation(_ row: Row) throws -> Organisation {
        Organisation(
            id: try row.int("id"), code: try row.string("code"), name: try row.string("name"),
            level: try Queries.enumValue(row, "level"), parent: try row.optionalString("parent"),
            path: try row.simpleArray("path").compactMap { Int64($0) })
    }

    /// An org as the policy sees it, by id.
    /// The code and name of the orgs with these codes or ids.
    static func namesQuery(codes: [String], ids: [Int64] = []) -> SQL {
        """
            SELECT o.code, o.name FROM orgs o
            WHERE o.code = ANY(\(Queries.textArray(codes))::text[]) OR o.id = ANY(\(ids)::bigint[])
            """
    }

    /// Code → name, from either names query.
    static func names(_ rows: Rows) throws -> [String: String] {
        var names: [String: String] = [:]
        for row in rows { names[try row.string("code")] = try row.string("name") }
        return names
    }

    /// The orgs at or below `root` that a campaign's scope covers, by Vietnamese name.
    static func coveredQuery(root: Int64, campaign: Int64) -> SQL {
        """
            SELECT o.id, o.code, o.path, o.name FROM orgs o
            WHERE o.path @> ARRAY[\(root)]::bigint[] AND award_campaign_covers(\(campaign), o.id)
            ORDER BY o.name COLLATE vi
            LIMIT 5000
            """
    }

    /// The code and name of every org a campaign's screen names: its launcher, its named units, and
    /// the units that registered or were reviewed.
    static func namesQuery(campaign id: Int64) -> SQL {
        """
            SELECT o.code, o.name FROM orgs o
            WHERE o.id IN (SELECT org_id FROM campaigns WHERE id = \(id)
                           UNION SELECT org_id FROM campaign_units WHERE campaign_id = \(id)
                           UNION SELECT org_id FROM registrations WHERE campaign_id = \(id)
                           UNION SELECT org_id FROM campaign_reviews WHERE campaign_id = \(id))
            """
    }

    /// The code and name of every org a nomination's screen names: its route, unit and current
    /// tier, the orgs of its history, and the issuers of its decisions.
    static func namesQuery(nomination id: Int64) -> SQL {
        """
            SELECT o.code, o.name FROM orgs o
            WHERE o.id IN (SELECT unnest(n.route || ARRAY[n.unit_id, n.current_org_id]) FROM nominations n WHERE n.id = \(id))
               OR o.id IN (SELECT h.org_id FROM transitions h WHERE h.nomination_id = \(id))
               OR o.id IN (SELECT d.issuer_org_id FROM decisions d WHERE d.id IN (
                       SELECT h.decision_id FROM transitions h WHERE h.nomination_id = \(id)
                       UNION ALL SELECT unnest(ARRAY[n.decision_id, n.revocation_id]) FROM nominations n WHERE n.id = \(id)))
            """
    }

    static func ref(_ c: Connection, id: Int64) throws -> OrgRef {
        guard let row = try c.execute("SELECT id, code, path FROM orgs WHERE id = \(id)").first else {
            throw AwardError(.notFound, code: .unknownOrg, "no organisation with id \(id)", vi: "Không có cơ quan, đơn vị số \(id).")
        }
        return try ref(row)
    }

    static func ref(_ row: Row, prefix: String = "") throws -> OrgRef {
        OrgRef(id: try row.int(prefix + "id"), code: try row.string(prefix + "code"),
               path: try row.simpleArray(prefix + "path").compactMap { Int64($0) })
    }


    /// Refuses a kind code that no pack has ever defined.
    static func requireKind(_ c: Connection, code: String) throws {
        guard try !c.execute("SELECT 1 FROM award_kinds WHERE code = \(code)").isEmpty else {
            throw AwardError(.notFound, code: .unknownKind, "no award kind with code \(code) (see `awardctl kind list`)", vi: "Không có hình thức khen thưởng mã \(code) (xem `awardctl kind list` hoặc GET /v1/kinds).")
        }
    }

    /// The unit's ancestors and itself, root first.
    static func ancestry(_ c: Connection, unit: Int64) throws -> [Routing.Ancestor] {
        try c.execute("""
            SELECT o.id, o.level FROM orgs u JOIN orgs o ON o.id = ANY(u.path)
            WHERE u.id = \(unit) ORDER BY array_position(u.path, o.id)
            """).map { row in Routing.Ancestor(id: try row.int("id"), level: try Queries.enumValue(row, "level")) }
    }

    /// Inserts an org; `false` when its code is taken.
    static func insert(_ c: Connection, code: String, name: String, level: OrgLevel, parent: Int64?) throws -> Bool {
        try !c.execute("""
            INSERT INTO orgs (code, name, level, parent_id)
            VALUES (\(code), \(name), \(level.rawValue), \(parent))
            ON CONFLICT DO NOTHING
            RETURNING id
            """).isEmpty
    }

    /// Every org, in tree order (each parent before its children, siblings by Vietnamese name).
    /// The stamp every change to orgs moves (migration 29).
    static func stamp(_ c: Connection) throws -> Int64 {
        try c.execute("SELECT stamp FROM org_stamp").first?.int("stamp") ?? 0
    }

    static func all(_ c: Connection) throws -> [Organisation] {
        try c.execute("""
            WITH RECURSIVE tree AS (
                SELECT o.id, ARRAY[o.name COLLATE vi] AS sort_path FROM orgs o WHERE o.parent_id IS NULL
                UNION ALL
                SELECT o.id, t.sort_path || (o.name COLLATE vi) FROM orgs o JOIN tree t ON o.parent_id = t.id)
            SELECT o.id, o.code, o.name, o.level, p.code AS parent, o.path
            FROM tree JOIN orgs o ON o.id = tree.id LEFT JOIN orgs p ON p.id = o.parent_id
            ORDER BY tree.sort_path
            """).map(organisation)
    }

    /// Sets the pattern an org's decision numbers follow.
    static func setDecisionPattern(_ c: Connection, org: Int64, pattern: String) throws {
        try c.execute("UPDATE orgs SET decision_pattern = \(pattern) WHERE id = \(org)")
    }
}
