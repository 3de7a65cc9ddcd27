import AwardPostgres
import Foundation

/// The reads behind the reports: award counts, a nominee's history, name search, the export cursor.
enum ReportStore {
    /// Awards by issuer, kind and nominee type over the report tables, decided in the years given,
    /// proposed by `org` or below it.
    static func awardCounts(_ c: Connection, fromYear: Int, toYear: Int, org: Int64?, withPredecessors: Bool = false) throws -> [AwardCount] {
        try c.execute("""
            SELECT c.issuer_org_id, i.name AS issuer, c.kind_code, k.name_vi, c.nominee_type AS type, sum(c.n) AS n
            FROM award_counts c
            JOIN orgs u ON u.id = c.unit_id
            JOIN orgs i ON i.id = c.issuer_org_id
            JOIN award_kinds k ON k.code = c.kind_code
            WHERE c.year BETWEEN \(fromYear) AND \(toYear)
              AND (\(org)::bigint IS NULL OR (NOT \(withPredecessors) AND u.path @> ARRAY[\(org)::bigint])
                   OR (\(withPredecessors) AND u.path && award_org_with_predecessors(\(org)::bigint)))
            GROUP BY c.issuer_org_id, i.name, c.kind_code, k.name_vi, c.nominee_type
            HAVING sum(c.n) > 0
            ORDER BY i.name COLLATE vi, c.kind_code, c.nominee_type
            """).map { row in
            AwardCount(issuer: try row.string("issuer"), kind: try row.string("kind_code"), kindName: try row.string("name_vi"),
                       nomineeType: try Queries.enumValue(row, "type"), count: Int(try row.int("n")))
        }
    }

    static func nominee(_ c: Connection, id: Int64) throws -> (name: String, type: NomineeType)? {
        try c.execute("SELECT id, name, type FROM nominees WHERE id = \(id)").first.map { (try $0.string("name"), try Queries.enumValue($0, "type")) }
    }

    /// A nominee's nominations, those outside a non-admin viewer's subtree left out.
    /// A nominee's nominations proposed within `scope` (all of them for ``Scope/everything``).
    static func nominations(_ c: Connection, ofNominee id: Int64, within scope: Scope) throws -> [NomineeHistory.Entry] {
        try c.execute("""
            SELECT n.id, n.kind_code, coalesce(n.year, d.year) AS year, n.state, u.code AS unit, d.number, d.decided_on, i.code AS issuer
            FROM nominations n JOIN orgs u ON u.id = n.unit_id
            LEFT JOIN decisions d ON d.id = n.decision_id LEFT JOIN orgs i ON i.id = d.issuer_org_id
            WHERE n.nominee_id = \(id) AND (\(scope.root)::bigint IS NULL OR u.path @> ARRAY[\(scope.root)]::bigint[])
            ORDER BY coalesce(n.year, d.year), n.id
            """).map { row -> NomineeHistory.Entry in
            .init(nominationId: try row.int("id"), kind: try row.string("kind_code"), year: try row.optionalInt("year").map(Int.init),
                         state: try row.string("state"), unit: try row.string("unit"), decisionNumber: try row.optionalString("number"),
                         decisionDate: try row.optionalDate("decided_on"), issuer: try row.optionalString("issuer"))
        }
    }

    /// The awards imported from before the engine.
    static func priorAwards(_ c: Connection, ofNominee id: Int64) throws -> [NomineeHistory.Entry] {
        try c.execute("""
            SELECT kind_code, year, decision_number, decision_date, issuer FROM prior_awards WHERE nominee_id = \(id) ORDER BY year
            """).map { row in
            .init(nominationId: nil, kind: try row.string("kind_code"), year: Int(try row.int("year")), state: "awarded (imported)", unit: nil,
                  decisionNumber: try row.string("decision_number"), decisionDate: try row.optionalDate("decision_date"), issuer: try row.string("issuer"))
        }
    }

    /// Nominees whose folded name contains the folded text, in Vietnamese order.
    /// Nominees whose name contains `text` (accents and case ignored) that `scope` reaches: their
    /// home unit lies in it (`home`: the whole record is visible), or one of their nominations was
    /// proposed in it.
    static func nominees(_ c: Connection, matching text: String, within scope: Scope, limit: Int) throws
        -> [(id: Int64, name: String, type: NomineeType, home: Bool)] {
        let pattern = Queries.containing(text)
        // The scope's root and the units it took over whole (a merged ward's people are the new ward's).
        // Measured at national scale (BENCHMARKS.md, year-end peak): checking each matching name
        // one by one is faster for a rare name but takes seconds for a broad one ("Tổ công tác
        // số 5": 130,000 names); the scope's nominees as one hashed set keep the worst case bounded.
        return try c.execute("""
            WITH r AS (SELECT award_org_with_predecessors(\(scope.root)::bigint) AS roots)
            SELECT e.id, e.name, e.type,
                   (\(scope.root)::bigint IS NULL OR coalesce(h.path && r.roots, false)) AS home
            FROM r, nominees e LEFT JOIN orgs h ON h.id = e.home_org_id
            WHERE award_fold(e.name) LIKE award_fold(\(pattern))
              AND (\(scope.root)::bigint IS NULL OR h.path && r.roots
                   OR EXISTS (SELECT 1 FROM nominations n JOIN orgs u ON u.id = n.unit_id
                              WHERE n.nominee_id = e.id AND u.path && r.roots))
            ORDER BY e.name COLLATE vi, e.id
            LIMIT \(limit)
            """).map { (try $0.int("id"), try $0.string("name"), try Queries.enumValue($0, "type"), try $0.bool("home")) }
    }

    /// The ids of the nominees' nominations proposed within `scope`.
    static func nominationIds(_ c: Connection, ofNominees ids: [Int64], within scope: Scope) throws -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        return Set(try c.execute("""
            SELECT n.id FROM nominations n JOIN orgs u ON u.id = n.unit_id
            WHERE n.nominee_id = ANY(\(ids)::bigint[])
              AND (\(scope.root)::bigint IS NULL OR u.path && award_org_with_predecessors(\(scope.root)::bigint))
            """).map { try $0.int("id") })
    }

    /// Streams the awardees through a server-side cursor, `batchSize` rows a fetch.
    static func exportAwardees(_ c: Connection, _ query: AwardeeQuery, org: Int64?, batchSize: Int,
                               _ body: ([Awardee]) throws -> Void) throws {
        try c.executeUnprepared("""
            DECLARE award_export NO SCROLL CURSOR FOR
            SELECT n.id, e.name, e.type, n.kind_code, u.code AS unit_code, d.number, d.decided_on
            FROM decisions d
            JOIN nominations n ON n.decision_id = d.id
            JOIN nominees e ON e.id = n.nominee_id
            JOIN orgs u ON u.id = n.unit_id
            WHERE n.state = 'awarded'
              AND (\(query.year)::int IS NULL OR d.year = \(query.year)::int)
              AND (\(query.achievementYear)::int IS NULL OR n.year = \(query.achievementYear)::int)
              AND (\(query.kind)::text IS NULL OR n.kind_code = \(query.kind)::text)
              AND (\(query.nomineeType?.rawValue)::text IS NULL OR e.type = \(query.nomineeType?.rawValue)::text)
              AND (\(org)::bigint IS NULL OR u.path @> ARRAY[\(org)::bigint])
            ORDER BY d.decided_on, e.name COLLATE vi, n.id
            """)
        while true {
            let rows = try c.executeUnprepared(SQL(constant: "FETCH \(batchSize) FROM award_export"))
            if rows.isEmpty { break }
            try body(try rows.map(Queries.awardee))
        }
        try c.executeUnprepared("CLOSE award_export")
    }
}
