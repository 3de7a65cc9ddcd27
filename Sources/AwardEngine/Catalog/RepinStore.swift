import AwardDomain
import AwardPostgres
import Foundation

/// The dossiers in flight and the move of one to another pack (a 'repin' step of its history).
enum RepinStore {
    /// A dossier still being judged (pending, in public notice or returned), pinned to another pack than `pack`.
    struct InFlight {
        var id: Int64
        var kind: String
        var state: NominationState
        var packId: Int64
        var nominee: Int64
        var unit: Int64
        var year: Int?
        var version: Int64
        var routeLevels: [OrgLevel]
    }

    static func inFlight(_ c: Connection, notOn pack: Int64, ids: [Int64]? = nil, limit: Int = 10_000) throws -> [InFlight] {
        var sql: SQL = """
            SELECT n.id, n.kind_code, n.state, n.pack_id, n.nominee_id, n.unit_id, n.year, n.version,
                   array(SELECT (SELECT o.level FROM orgs o WHERE o.id = r.org) FROM unnest(n.route) WITH ORDINALITY AS r(org, i) ORDER BY r.i) AS levels
            FROM nominations n
            WHERE n.state IN ('pending', 'public_notice', 'returned') AND n.pack_id IS NOT NULL AND n.pack_id <> \(pack)
            """
        if let ids { sql = sql.appending(" AND n.id = ANY (\(Queries.textArray(ids.map(String.init)))::bigint[])") }
        return try c.execute(sql.appending(" ORDER BY n.id LIMIT \(limit)")).map { row in
            InFlight(id: try row.int("id"), kind: try row.string("kind_code"), state: try Queries.enumValue(row, "state"),
                     packId: try row.int("pack_id"), nominee: try row.int("nominee_id"), unit: try row.int("unit_id"),
                     year: try row.optionalInt("year").map(Int.init), version: try row.int("version"),
                     routeLevels: try row.simpleArray("levels").compactMap(OrgLevel.init(rawValue:)))
        }
    }

    /// Moves a dossier to `pack` under its version check, with a 'repin' step naming both packs and the reason.
    static func repin(_ c: Connection, _ dossier: InFlight, to pack: Int64, actor: String, reason: String, comment: String) throws {
        let written = try c.execute("""
            WITH upd AS (
                UPDATE nominations SET pack_id = \(pack), version = version + 1, updated_at = now()
                WHERE id = \(dossier.id) AND version = \(dossier.version)
                RETURNING id, version, tier, state, current_org_id),
            appended AS (
                INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, reason, comment, at)
                SELECT upd.id, upd.version, 'repin', upd.state, upd.state, upd.tier, upd.current_org_id, \(actor), \(reason), \(comment), now()
                FROM upd
                RETURNING seq)
            SELECT count(*) AS n FROM appended
            """)
        guard try written.first?.int("n") == 1 else {
            throw AwardError(.conflict, code: .concurrentChange, "nomination \(dossier.id) changed meanwhile; nothing was moved",
                             vi: "Hồ sơ số \(dossier.id) vừa được xử lý; không hồ sơ nào được chuyển. Hãy xem lại danh sách.")
        }
    }
}
