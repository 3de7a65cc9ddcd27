import AwardDomain
import AwardPostgres

/// The reads and writes of moving dossiers in flight off a unit the reform closed (migration 22).
enum RerouteStore {
    struct InFlight {
        var id: Int64
        var unit: Int64
        var route: [Int64]
        var tier: Int
        var state: String
        var currentOrg: Int64
        var version: Int
    }

    /// Open dossiers (draft, pending, in public notice, returned) whose remaining route passes
    /// through `org`, locked, oldest first; at most 100,000.
    static func inFlight(_ c: Connection, through org: Int64) throws -> [InFlight] {
        try c.execute("""
            SELECT n.id, n.unit_id, n.route, n.tier, n.state, n.current_org_id, n.version FROM nominations n
            WHERE n.state IN ('draft', 'pending', 'public_notice', 'returned') AND \(org)::bigint = ANY(n.route[n.tier:])
            ORDER BY n.id FOR UPDATE LIMIT 100000
            """).map { row in
            InFlight(id: try row.int("id"), unit: try row.int("unit_id"), route: try row.simpleArray("route").compactMap { Int64($0) },
                     tier: Int(try row.int("tier")), state: try row.string("state"), currentOrg: try row.int("current_org_id"),
                     version: Int(try row.int("version")))
        }
    }

    /// The orgs in force, of `level`, that took over `org`'s records whole (through the lineage).
    static func inForce(_ c: Connection, continuing org: Int64, level: OrgLevel) throws -> [OrgRef] {
        let ids = try LineageStore.continuers(c, org: org).map(\.id)
        guard !ids.isEmpty else { return [] }
        return try c.execute("""
            SELECT o.id, o.code, o.path FROM orgs o
            WHERE o.id = ANY(\(ids)::bigint[]) AND o.level = \(level.rawValue) AND o.valid_to IS NULL ORDER BY o.id
            """).map { try OrgStore.ref($0) }
    }

    /// The date the org's validity ended, nil for one in force.
    static func closedOn(_ c: Connection, org: Int64) throws -> CivilDate? {
        try c.execute("SELECT valid_to FROM orgs WHERE id = \(org)").first?.optionalDate("valid_to")
    }

    /// Writes the new route and the 'reroute' step.
    static func reroute(_ c: Connection, _ n: InFlight, route: [Int64], tier: Int, current: Int64, reason: String, comment: String, actor: String) throws {
        try c.execute("""
            UPDATE nominations SET route = \(route)::bigint[], tier = \(tier), current_org_id = \(current), version = version + 1, updated_at = now()
            WHERE id = \(n.id) AND version = \(n.version)
            """)
        try c.execute("""
            INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, reason, comment, at)
            VALUES (\(n.id), \(n.version + 1), 'reroute', \(n.state), \(n.state), \(tier), \(current), \(actor), \(reason), \(comment), now())
            """)
    }
}
