import AwardDomain
import AwardPostgres

/// Reads that follow the lineage (migration 22): an org's predecessors and successors, and its
/// awards with and without the units it continues.
enum LineageStore {
    /// The org's row with its official identity and parent.
    static func profile(_ c: Connection, org id: Int64) throws -> OrgProfile {
        guard let row = try c.execute("""
            SELECT o.code, o.name, o.level, o.official_code, o.division_type, o.valid_from, o.valid_to, p.code AS parent, p.name AS parent_name
            FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id WHERE o.id = \(id)
            """).first else {
            throw AwardError(.notFound, code: .unknownOrg, "no organisation with id \(id)", vi: "Không có cơ quan, đơn vị số \(id).")
        }
        let decisions = try c.execute("""
            SELECT d.id, d.number, d.decided_on, (SELECT count(*) FROM nominations n WHERE n.decision_id = d.id) AS awards, count(*) OVER () AS total
            FROM decisions d WHERE d.issuer_org_id = \(id) ORDER BY d.decided_on DESC, d.id DESC LIMIT 20
            """)
        var profile = OrgProfile(
            code: try row.string("code"), name: try row.string("name"), level: try Queries.enumValue(row, "level"),
            officialCode: try row.optionalString("official_code"), divisionType: try row.optionalString("division_type"),
            validFrom: try row.optionalDate("valid_from"), validTo: try row.optionalDate("valid_to"),
            parent: try row.optionalString("parent"), parentName: try row.optionalString("parent_name"),
            predecessors: try links(c, org: id, towards: .predecessors), successors: try links(c, org: id, towards: .successors),
            awardsByYear: try awardsByYear(c, org: id),
            decisions: try decisions.map { IssuedDecision(id: try $0.int("id"), number: try $0.string("number"), decidedOn: try $0.civilDate("decided_on"), awards: Int(try $0.int("awards"))) },
            decisionCount: Int(try decisions.first?.int("total") ?? 0))
        profile.now = profile.nowVietnamese
        profile.signers = try OrgSignerStore.list(c, org: id)
        return profile
    }

    typealias IssuedDecision = OrgProfile.IssuedDecision

    enum Direction { case predecessors, successors }

    /// The units before (or after) the org, at any distance, nearest first, by Vietnamese name.
    static func links(_ c: Connection, org id: Int64, towards direction: Direction) throws -> [OrgProfile.Link] {
        let sql: SQL = direction == .predecessors ? """
            WITH RECURSIVE walk (id, relation, partly, effective, distance) AS (
                SELECT l.predecessor_id, l.relation, l.partly, l.effective, 1 FROM org_lineage l WHERE l.successor_id = \(id)
                UNION
                SELECT l.predecessor_id, l.relation, l.partly, l.effective, w.distance + 1
                FROM org_lineage l JOIN walk w ON l.successor_id = w.id WHERE w.distance < 10)
            SELECT * FROM (SELECT DISTINCT ON (o.id) o.code, o.name, o.level, o.official_code, o.valid_to, w.relation, w.partly, w.effective, w.distance
                           FROM walk w JOIN orgs o ON o.id = w.id ORDER BY o.id, w.distance) x
            ORDER BY x.distance, x.name COLLATE vi LIMIT 500
            """ : """
            WITH RECURSIVE walk (id, relation, partly, effective, distance) AS (
                SELECT l.successor_id, l.relation, l.partly, l.effective, 1 FROM org_lineage l WHERE l.predecessor_id = \(id)
                UNION
                SELECT l.successor_id, l.relation, l.partly, l.effective, w.distance + 1
                FROM org_lineage l JOIN walk w ON l.predecessor_id = w.id WHERE w.distance < 10)
            SELECT * FROM (SELECT DISTINCT ON (o.id) o.code, o.name, o.level, o.official_code, o.valid_to, w.relation, w.partly, w.effective, w.distance
                           FROM walk w JOIN orgs o ON o.id = w.id ORDER BY o.id, w.distance) x
            ORDER BY x.distance, x.name COLLATE vi LIMIT 500
            """
        return try c.execute(sql).map { row in
            OrgProfile.Link(code: try row.string("code"), name: try row.string("name"), level: try Queries.enumValue(row, "level"),
                            officialCode: try row.optionalString("official_code"),
                            relation: try row.string("relation"), partly: try row.bool("partly"), effective: try row.civilDate("effective"),
                            distance: Int(try row.int("distance")), validTo: try row.optionalDate("valid_to"))
        }
    }

    /// Awards proposed at or below the org per decision year, alone and with the units it continues.
    static func awardsByYear(_ c: Connection, org id: Int64) throws -> [OrgProfile.YearCount] {
        try c.execute("""
            SELECT c.year, coalesce(sum(c.n) FILTER (WHERE u.path @> ARRAY[\(id)::bigint]), 0) AS own, sum(c.n) AS including
            FROM award_counts c JOIN orgs u ON u.id = c.unit_id
            WHERE u.path && award_org_with_predecessors(\(id))
            GROUP BY c.year HAVING sum(c.n) > 0 ORDER BY c.year
            """).map { row in
            OrgProfile.YearCount(year: Int(try row.int("year")), own: Int(try row.int("own")), includingPredecessors: Int(try row.int("including")))
        }
    }
}

extension LineageStore {
    /// The names of these orgs, and whether each lies at or below `org`.
    static func unitNames(_ c: Connection, codes: [String], below org: Int64) throws -> [String: (name: String, below: Bool)] {
        guard !codes.isEmpty else { return [:] }
        var names: [String: (name: String, below: Bool)] = [:]
        for row in try c.execute("""
            SELECT o.code, o.name, o.path @> ARRAY[\(org)::bigint] AS below FROM orgs o
            WHERE o.code IN (SELECT jsonb_array_elements_text(\(try Queries.json(codes))::jsonb))
            """) {
            names[try row.string("code")] = (try row.string("name"), try row.bool("below"))
        }
        return names
    }

    /// Every kind's Vietnamese name by code.
    static func kindNames(_ c: Connection) throws -> [String: String] {
        var names: [String: String] = [:]
        for row in try c.execute("SELECT code, name_vi FROM award_kinds") { names[try row.string("code")] = try row.string("name_vi") }
        return names
    }
}

extension LineageStore {
    /// The orgs that took over the records of `org` or of an org above it, at any distance (the
    /// reverse of `award_org_with_predecessors`: a split or partly edge only when it is the
    /// predecessor's one successor; never covers).
    static func continuers(_ c: Connection, org id: Int64) throws -> [OrgRef] {
        try c.execute("""
            WITH RECURSIVE down (id) AS (
                SELECT unnest(path) FROM orgs WHERE id = \(id)
                UNION
                SELECT l.successor_id FROM org_lineage l JOIN down ON l.predecessor_id = down.id
                WHERE l.relation <> 'covers'
                  AND NOT ((l.partly OR l.relation = 'split') AND EXISTS (
                      SELECT 1 FROM org_lineage o WHERE o.predecessor_id = l.predecessor_id AND o.successor_id <> l.successor_id AND o.relation <> 'covers')))
            SELECT o.id, o.code, o.path FROM orgs o
            WHERE o.id IN (SELECT id FROM down) AND NOT o.id = ANY((SELECT path FROM orgs WHERE id = \(id))::bigint[])
            LIMIT 1000
            """).map { try OrgStore.ref($0) }
    }
}

extension LineageStore {
    /// Orgs whose name contains `text`, accents and case ignored; those in force first, then by
    /// Vietnamese name; each closed one with its direct successors.
    static func find(_ c: Connection, text: String, limit: Int) throws -> [OrgHit] {
        let pattern = Queries.containing(text)
        let rows = try c.execute("""
            SELECT o.id, o.code, o.name, o.level, o.valid_to FROM orgs o
            WHERE award_fold(o.name) LIKE award_fold(\(pattern))
            ORDER BY o.valid_to IS NOT NULL, o.name COLLATE vi, o.code LIMIT \(limit)
            """)
        var hits: [(id: Int64, hit: OrgHit)] = try rows.map { row in
            (try row.int("id"), OrgHit(code: try row.string("code"), name: try row.string("name"), level: try Queries.enumValue(row, "level"),
                                        validTo: try row.optionalDate("valid_to"), now: nil))
        }
        let closed = hits.filter { $0.hit.validTo != nil }.map(\.id)
        guard !closed.isEmpty else { return hits.map(\.hit) }
        var successors: [Int64: [OrgProfile.Link]] = [:]
        for row in try c.execute("""
            SELECT l.predecessor_id, s.code, s.name, s.level, s.official_code, s.valid_to, l.relation, l.partly, l.effective
            FROM org_lineage l JOIN orgs s ON s.id = l.successor_id
            WHERE l.predecessor_id = ANY(\(closed)::bigint[]) ORDER BY s.name COLLATE vi
            """) {
            successors[try row.int("predecessor_id"), default: []].append(OrgProfile.Link(
                code: try row.string("code"), name: try row.string("name"), level: try Queries.enumValue(row, "level"),
                officialCode: try row.optionalString("official_code"), relation: try row.string("relation"), partly: try row.bool("partly"), effective: try row.civilDate("effective"),
                distance: 1, validTo: try row.optionalDate("valid_to")))
        }
        for index in hits.indices where hits[index].hit.validTo != nil {
            hits[index].hit.now = OrgProfile.now(closed: true, successors: successors[hits[index].id] ?? [])
        }
        return hits.map(\.hit)
    }
}
