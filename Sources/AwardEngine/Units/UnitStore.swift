import AwardDomain
import AwardPostgres
import Foundation

/// The unit import's reads and writes (migration 22): orgs matched by their unit key, and the
/// lineage edges the import recorded.
enum UnitStore {
    /// An org the import file names, as the database holds it.
    struct Existing {
        var id: Int64
        var key: String
        var officialCode: String?
        var name: String
        var divisionType: String?
        var level: OrgLevel
        var parentKey: String?
        var parentId: Int64?
        var validFrom: CivilDate?
        var validTo: CivilDate?
    }

    struct Edge: Hashable {
        var predecessor: Int64
        var successor: Int64
        var relation: String
        var partly: Bool
        var effective: CivilDate
    }

    /// One import at a time: a second waits for the first to commit, then sees its units.
    static func lock(_ c: Connection) throws {
        try c.execute("LOCK TABLE org_lineage IN SHARE ROW EXCLUSIVE MODE")
    }

    /// The orgs with these unit keys, by lowercased key.
    static func existing(_ c: Connection, keys: [String]) throws -> [String: Existing] {
        var found: [String: Existing] = [:]
        for row in try c.execute("""
            SELECT o.id, o.unit_key, o.official_code, o.name, o.division_type, o.level, p.unit_key AS parent_key, o.parent_id,
                   o.valid_from, o.valid_to
            FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
            WHERE lower(o.unit_key) IN (SELECT lower(k) FROM jsonb_array_elements_text(\(try Queries.json(keys))::jsonb) k)
            """) {
            let key = try row.string("unit_key")
            found[key.lowercased()] = Existing(
                id: try row.int("id"), key: key, officialCode: try row.optionalString("official_code"), name: try row.string("name"),
                divisionType: try row.optionalString("division_type"), level: try Queries.enumValue(row, "level"),
                parentKey: try row.optionalString("parent_key"), parentId: try row.optionalInt("parent_id"),
                validFrom: try row.optionalDate("valid_from"),
                validTo: try row.optionalDate("valid_to"))
        }
        return found
    }

    /// Orgs without a unit key whose code is one of `codes` (a new unit would take that code): code → name.
    static func codesTaken(_ c: Connection, codes: [String]) throws -> [(code: String, name: String)] {
        try c.execute("""
            SELECT code, name FROM orgs
            WHERE lower(code) IN (SELECT lower(k) FROM jsonb_array_elements_text(\(try Queries.json(codes))::jsonb) k) ORDER BY code LIMIT 5
            """).map { (try $0.string("code"), try $0.string("name")) }
    }

    private struct NewUnit: Encodable {
        var key: String, official_code: String?, name: String, division_type: String?, level: String, parent_id: Int64
        var valid_from: String?, valid_to: String?
    }

    /// Inserts units whose parents exist, in one statement; returns their ids by lowercased key.
    static func insert(_ c: Connection, _ units: [(UnitRecord, parent: Int64)]) throws -> [String: Int64] {
        let rows = units.map { unit, parent in
            NewUnit(key: unit.key, official_code: unit.officialCode, name: unit.name, division_type: unit.divisionType,
                    level: unit.level.rawValue, parent_id: parent, valid_from: unit.validFrom?.description, valid_to: unit.validTo?.description)
        }
        var ids: [String: Int64] = [:]
        for row in try c.execute("""
            INSERT INTO orgs (code, unit_key, official_code, name, division_type, level, parent_id, valid_from, valid_to)
            SELECT r.key, r.key, r.official_code, r.name, r.division_type, r.level, r.parent_id, r.valid_from, r.valid_to
            FROM jsonb_to_recordset(\(try Queries.json(rows))::jsonb)
                 AS r(key text, official_code text, name text, division_type text, level text, parent_id bigint, valid_from date, valid_to date)
            RETURNING id, unit_key
            """) {
            ids[try row.string("unit_key").lowercased()] = try row.int("id")
        }
        return ids
    }

    /// Writes a unit's official code, name, kind and validity.
    static func update(_ c: Connection, id: Int64, _ unit: UnitRecord) throws {
        try c.execute("""
            UPDATE orgs SET official_code = \(unit.officialCode), name = \(unit.name), division_type = \(unit.divisionType),
                            valid_from = \(unit.validFrom)::date, valid_to = \(unit.validTo)::date
            WHERE id = \(id)
            """)
    }

    /// Of these orgs, those a decision names: as its issuer, or as the unit of a nomination it decided.
    static func used(_ c: Connection, ids: [Int64]) throws -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        return Set(try c.execute("""
            SELECT o.id FROM orgs o WHERE o.id = ANY(\(ids)::bigint[])
              AND (EXISTS (SELECT 1 FROM decisions d WHERE d.issuer_org_id = o.id)
                   OR EXISTS (SELECT 1 FROM nominations n WHERE n.unit_id = o.id AND n.decision_id IS NOT NULL))
            """).map { try $0.int("id") })
    }

    /// The edges the import recorded between two of these orgs.
    static func importedEdges(_ c: Connection, among ids: [Int64]) throws -> Set<Edge> {
        guard !ids.isEmpty else { return [] }
        return Set(try c.execute("""
            SELECT predecessor_id, successor_id, relation, partly, effective FROM org_lineage
            WHERE recorded_by = 'import' AND predecessor_id = ANY(\(ids)::bigint[]) AND successor_id = ANY(\(ids)::bigint[])
            """).map { row in
            Edge(predecessor: try row.int("predecessor_id"), successor: try row.int("successor_id"), relation: try row.string("relation"),
                 partly: try row.bool("partly"), effective: try row.civilDate("effective"))
        })
    }

    private struct EdgeRow: Encodable { var p: Int64, s: Int64, relation: String, partly: Bool, effective: String }

    /// Replaces the import's edges `removed` by `added` (an edge whose relation, partly or date changed is in both).
    static func replaceEdges(_ c: Connection, removed: Set<Edge>, added: Set<Edge>) throws {
        if !removed.isEmpty {
            let rows = removed.map { EdgeRow(p: $0.predecessor, s: $0.successor, relation: $0.relation, partly: $0.partly, effective: $0.effective.description) }
            try c.execute("""
                DELETE FROM org_lineage l USING jsonb_to_recordset(\(try Queries.json(rows))::jsonb) AS r(p bigint, s bigint)
                WHERE l.predecessor_id = r.p AND l.successor_id = r.s
                """)
        }
        if !added.isEmpty {
            let rows = added.map { EdgeRow(p: $0.predecessor, s: $0.successor, relation: $0.relation, partly: $0.partly, effective: $0.effective.description) }
            try c.execute("""
                INSERT INTO org_lineage (predecessor_id, successor_id, relation, partly, effective)
                SELECT r.p, r.s, r.relation, r.partly, r.effective
                FROM jsonb_to_recordset(\(try Queries.json(rows))::jsonb) AS r(p bigint, s bigint, relation text, partly boolean, effective date)
                """)
        }
    }

    /// Gives existing orgs their unit keys (`awardctl org map-units`); `false` when a code is unknown.
    static func setKey(_ c: Connection, code: String, key: String) throws -> Bool {
        try !c.execute("UPDATE orgs SET unit_key = \(key) WHERE lower(code) = lower(\(code)) RETURNING id").isEmpty
    }
}

extension UnitStore {
    /// The id of the central org with this code, or of the only central root when `code` is nil;
    /// with the roots' codes when there are none or several.
    static func centralRoots(_ c: Connection) throws -> [(id: Int64, code: String)] {
        try c.execute("SELECT id, code FROM orgs WHERE parent_id IS NULL AND level = 'central' ORDER BY code LIMIT 10")
            .map { (try $0.int("id"), try $0.string("code")) }
    }
}
