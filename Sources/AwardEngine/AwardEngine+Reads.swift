import Foundation
import AwardPostgres

extension AwardEngine {
    // MARK: Reads
    //
    // `viewer` is the authenticated user (awardd); `nil` is the operator at the database (awardctl
    // without --as), who sees everything. A non-admin viewer sees a nomination only when its
    // proposing unit is the viewer's org or below it (which covers every tier of its route, all
    // of them being the unit's ancestors); anything else is reported as not found.

    /// One nomination.
    public func nomination(_ id: Int64, viewer: Principal? = nil) async throws(AwardError) -> NominationView {
        try await lease { c in
            try Self.checkVisible(c, id: id, viewer: viewer)
            return try Queries.view(c, id: id)
        }
    }

    /// A nomination's history, oldest first.
    public func history(_ id: Int64, viewer: Principal? = nil) async throws(AwardError) -> [HistoryEntry] {
        try await lease { c in
            try Self.checkVisible(c, id: id, viewer: viewer)
            return try c.execute("""
                SELECT h.seq, h.command, h.from_state, h.to_state, t.level AS tier_level, o.code AS org_code,
                       h.actor, h.reason, h.comment, d.number AS d_number, d.decided_on AS d_date, di.code AS d_issuer,
                       floor(extract(epoch FROM h.at)) AS at
                FROM transitions h
                JOIN nominations n ON n.id = h.nomination_id
                JOIN orgs t ON t.id = n.route[h.tier]
                JOIN orgs o ON o.id = h.org_id
                LEFT JOIN decisions d ON d.id = h.decision_id
                LEFT JOIN orgs di ON di.id = d.issuer_org_id
                WHERE h.nomination_id = \(id)
                ORDER BY h.seq
                """).map { row in
                var decision: NominationView.DecisionRef? = nil
                if let number = try row.optionalString("d_number"), let date = try row.optionalDate("d_date") {
                    decision = .init(number: number, date: date, issuer: try row.string("d_issuer"))
                }
                return HistoryEntry(
                    seq: Int(try row.int("seq")), command: try row.string("command"),
                    fromState: try row.optionalString("from_state").map { try Queries.parse(NominationState.self, $0, "from_state") },
                    toState: try Queries.enumValue(row, "to_state"), tier: try Queries.enumValue(row, "tier_level"),
                    org: try row.string("org_code"), actor: try row.string("actor"), reason: try row.optionalString("reason"),
                    comment: try row.optionalString("comment"), decision: decision, at: try row.epoch("at"))
            }
        }
    }

    /// Nominations waiting at `org` for its officer (state `pending`), oldest first.
    public func pending(org code: String, limit: Int = 1000, after: Int64 = 0) async throws(AwardError) -> [NominationView] {
        try await lease { c in
            let org = try OrgStore.org(c, code: code)
            return try Self.waiting(c, org: org.id, states: ["pending"], limit: limit, after: after)
        }
    }

    /// What waits at the principal's org: pending nominations for its officers, and drafts and
    /// returned nominations for its proposers. Oldest first, `limit` at a time after id `after`.
    public func inbox(of principal: Principal, limit: Int = 100, after: Int64 = 0) async throws(AwardError) -> [NominationView] {
        try await lease { c in
            try Self.waiting(c, org: principal.orgId, states: ["draft", "pending", "returned"], limit: limit, after: after)
        }
    }

    static func waiting(_ c: Connection, org: Int64, states: [String], limit: Int, after: Int64) throws -> [NominationView] {
        try c.execute(SQL(constant: Queries.viewSelect).appending("""
             WHERE n.current_org_id = \(org) AND n.state = ANY(\(Self.textArray(states))::text[]) AND n.id > \(after)
             ORDER BY n.id LIMIT \(max(1, min(limit, 10_000)))
            """)).map(Queries.nominationView)
    }

    /// Awardees of decisions dated in `query.year`, ordered by decision date, Vietnamese name
    /// order, then id; `limit` at a time, after `cursor` (the last awardee of the previous page).
    /// A non-admin viewer sees its own subtree only.
    public func awardees(
        _ query: AwardeeQuery, viewer: Principal? = nil, limit: Int? = nil, after cursor: Awardee? = nil
    ) async throws(AwardError) -> [Awardee] {
        let request = query
        return try await lease { c in
            var orgId = try request.org.map { try OrgStore.org(c, code: $0).id }
            if let viewer, viewer.role != .admin {
                if let requested = orgId {
                    let inside = try c.execute("SELECT path @> ARRAY[\(viewer.orgId)]::bigint[] AS inside FROM orgs WHERE id = \(requested)").first?.bool("inside") ?? false
                    guard inside else {
                        throw AwardError(.forbidden, code: .outsideJurisdiction, "\(query.org ?? "") is outside the jurisdiction of \(viewer.orgCode)")
                    }
                } else {
                    orgId = viewer.orgId
                }
            }
            if let kind = query.kind { try OrgStore.requireKind(c, code: kind) }
            // Only the filters given are in the statement (each shape is prepared once), so the
            // planner always sees that the year's index gives the order and stops after `limit`.
            var sql = SQL(constant: """
                SELECT a.nomination_id AS id, a.nominee_name AS name, a.nominee_type AS type, a.kind_code, u.code AS unit_code,
                       d.number, a.decided_on
                FROM awardees a
                JOIN decisions d ON d.id = a.decision_id
                JOIN orgs u ON u.id = a.unit_id
                """).appending(" WHERE a.year = \(request.year)")
            if let kind = request.kind { sql = sql.appending(" AND a.kind_code = \(kind)") }
            if let type = request.nomineeType { sql = sql.appending(" AND a.nominee_type = \(type.rawValue)") }
            if let orgId { sql = sql.appending(" AND a.unit_path @> ARRAY[\(orgId)::bigint]") }
            if let cursor {
                sql = sql.appending("""
                     AND (a.decided_on, a.nominee_name, a.nomination_id) > (\(cursor.decisionDate)::date, \(cursor.nominee)::text COLLATE vi, \(cursor.nominationId)::bigint)
                    """)
            }
            sql = sql.appending(SQL(constant: " ORDER BY a.decided_on, a.nominee_name, a.nomination_id"))
            if let limit { sql = sql.appending(" LIMIT \(max(1, min(limit, 100_000)))") }
            return try c.execute(sql).map(Queries.awardee)
        }
    }

    static func checkVisible(_ c: Connection, id: Int64, viewer: Principal?) throws {
        let visible: Bool
        if let viewer, viewer.role != .admin {
            visible = try c.execute("""
                SELECT 1 FROM nominations n JOIN orgs u ON u.id = n.unit_id
                WHERE n.id = \(id) AND u.path @> ARRAY[\(viewer.orgId)]::bigint[]
                """).count == 1
        } else {
            visible = try c.execute("SELECT 1 FROM nominations WHERE id = \(id)").count == 1
        }
        guard visible else {
            throw AwardError(.notFound, code: .unknownNomination, "no nomination with id \(id)")
        }
    }

    static func textArray(_ values: [String]) -> String {
        "{" + values.map { "\"" + $0 + "\"" }.joined(separator: ",") + "}"
    }
}

extension AwardEngine {
    /// Checks that the database answers (for readiness probes).
    public func ping() async throws(AwardError) {
        _ = try await lease { c in try c.execute("SELECT 1 AS ok").count }
    }

    /// Connections open, idle and callers waiting for one.
    public func poolStatistics() async -> (open: Int, idle: Int, waiting: Int) {
        pool.statistics
    }
}
