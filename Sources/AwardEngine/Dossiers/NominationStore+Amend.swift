import AwardDomain
import AwardPostgres
import Foundation

/// The amendment of a returned nomination: what it may change, and its version-checked write.
extension NominationStore {
    /// What an amendment may change, as it stands, and whether another dossier names the nominee.
    static func amendable(_ c: Connection, id: Int64) throws
        -> (name: String, type: NomineeType, year: Int?, reason: String?, version: Int64, shared: Bool)? {
        try c.execute("""
            SELECT e.name, e.type, n.year, n.reason, n.version,
                   EXISTS (SELECT 1 FROM nominations o WHERE o.nominee_id = n.nominee_id AND o.id <> n.id) AS shared
            FROM nominations n JOIN nominees e ON e.id = n.nominee_id WHERE n.id = \(id)
            """).first.map { row in
            (try row.string("name"), try Queries.enumValue(row, "type"), try row.optionalInt("year").map(Int.init),
             try row.optionalString("reason"), try row.int("version"), try row.bool("shared"))
        }
    }

    /// Records an amendment of a returned nomination under its version check: the changed fields,
    /// the nominee's record when its name or type changes, and the 'amend' step with its comment.
    static func amend(_ c: Connection, id: Int64, version: Int64, name: String?, type: NomineeType?, year: Int?, reason: String?,
                      org: Int64, actor: String, comment: String) throws {
        let written = try c.execute("""
            WITH upd AS (
                UPDATE nominations SET year = coalesce(\(year)::int, year), reason = coalesce(\(reason)::text, reason), version = version + 1,
                                       updated_at = now()
                WHERE id = \(id) AND version = \(version) AND state = 'returned'
                RETURNING id, version, tier, nominee_id),
            renamed AS (
                UPDATE nominees SET name = coalesce(\(name)::text, name), type = coalesce(\(type?.rawValue)::text, type)
                WHERE id = (SELECT nominee_id FROM upd) AND (\(name)::text IS NOT NULL OR \(type?.rawValue)::text IS NOT NULL)
                RETURNING id),
            appended AS (
                INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, comment, at)
                SELECT upd.id, upd.version, 'amend', 'returned', 'returned', upd.tier, \(org), \(actor), \(comment), now() FROM upd
                RETURNING seq)
            SELECT (SELECT count(*) FROM appended) AS n, (SELECT count(*) FROM renamed) AS renamed
            """)
        guard try written.first?.int("n") == 1 else {
            throw AwardError(.conflict, code: .concurrentChange, "nomination \(id) changed while being amended; reload it",
                             vi: "Hồ sơ số \(id) vừa được người khác thay đổi; hãy tải lại trang rồi sửa lại.")
        }
    }
}
