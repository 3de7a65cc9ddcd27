import AwardPostgres
import Foundation

/// The SQL of a nomination's life: the read a command starts with, the version-checked write
/// with its history row, and the creation of a new one.
enum NominationStore {
    /// What a command reads of its nomination; who may see it is judged from `unit_path`. Every
    /// lookup is a LATERAL probe by key, so the plan stays a handful of index probes whatever
    /// the planner guesses of small tables.
    /// (No colon followed by a letter in its text: scripts/bench runs it through pgbench, which reads
    /// `:name` as a variable even inside a string — hence `chr(58)` for the time's colon.)
    static func readQuery(id: Int64) -> SQL {
        """
            SELECT n.id, n.state, n.tier, n.route, n.unit_id, u.code AS unit_code, n.version, n.kind_code, d.decided_on AS award_date,
                   n.decision_id, d.issuer_org_id AS award_issuer, d.year AS award_year, n.pack_id, n.year, n.nominee_id,
                   e.type AS nominee_type, n.campaign, n.eligibility->>'override' AS override, n.notice_until,
                   n.clock_started_on, n.clock_days_used, n.commendation_type,
                   array(SELECT (SELECT o.level || ':' || o.code FROM orgs o WHERE o.id = r.org)
                         FROM unnest(n.route) WITH ORDINALITY AS r(org, i) ORDER BY r.i) AS route_orgs,
                   array(SELECT DISTINCT type FROM documents m WHERE m.nomination_id = n.id
                         AND NOT EXISTS (SELECT 1 FROM document_withdrawals w WHERE w.document_id = m.id)) AS document_types,
                   CASE WHEN n.submitted_on < (n.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date THEN n.submitted_on
                        ELSE (SELECT (h.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date FROM transitions h WHERE h.nomination_id = n.id ORDER BY h.seq DESC LIMIT 1)
                   END AS earliest_decision_on,
                   (SELECT count(*) FROM objections WHERE nomination_id = n.id AND resolved_at IS NULL) AS open_objections,
                   (SELECT h.command || '|' || h.actor || '|' || to_char(h.at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'HH24') || chr(58)
                           || to_char(h.at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'MI DD/MM/YYYY')
                    FROM transitions h WHERE h.nomination_id = n.id ORDER BY h.seq DESC LIMIT 1) AS last_step,
                   (SELECT o.name FROM orgs o WHERE o.id = n.current_org_id) AS current_org_name,
                   n.step, s.step_name, s.final_step, (SELECT a.name FROM users a WHERE a.id = n.assignee_id) AS assignee,
                   (SELECT coalesce(a.display_name, a.name) FROM users a WHERE a.id = n.assignee_id) AS assignee_name,
                   u.path AS unit_path, (SELECT stamp FROM calendar_stamp) AS calendar_stamp
            FROM nominations n
            CROSS JOIN LATERAL (SELECT o.code, o.path FROM orgs o WHERE o.id = n.unit_id) u
            CROSS JOIN LATERAL (SELECT x.type FROM nominees x WHERE x.id = n.nominee_id) e
            LEFT JOIN LATERAL (SELECT x.decided_on, x.issuer_org_id, x.year FROM decisions x WHERE x.id = n.decision_id) d ON true
            LEFT JOIN LATERAL (\(unsafeRaw: StepStore.stepLookup)) s ON n.step IS NOT NULL
            WHERE n.id = \(id)
            """
    }

    /// The facts of ``readQuery(id:)``'s row, and the calendar stamp read with them.
    static func facts(_ row: Row) throws -> (NominationFacts, calendarStamp: Int64) {
        let routeOrgs = try row.simpleArray("route_orgs").map { $0.split(separator: ":", maxSplits: 1).map(String.init) }
        let facts = NominationFacts(
            id: try row.int("id"), state: try Queries.enumValue(row, "state"), tier: Int(try row.int("tier")),
            route: try row.simpleArray("route").compactMap { Int64($0) },
            routeLevels: routeOrgs.compactMap { $0.first.flatMap(OrgLevel.init(rawValue:)) },
            routeCodes: routeOrgs.map { $0.count > 1 ? $0[1] : "" },
            unit: try row.int("unit_id"), unitCode: try row.string("unit_code"),
            unitPath: try row.simpleArray("unit_path").compactMap { Int64($0) },
            version: try row.int("version"), kind: try row.string("kind_code"), nomineeId: try row.int("nominee_id"),
            nomineeType: try Queries.enumValue(row, "nominee_type"), year: try row.optionalInt("year").map(Int.init),
            campaign: try row.optionalString("campaign"), packId: try row.optionalInt("pack_id"),
            commendationType: CommendationType(rawValue: try row.string("commendation_type")) ?? .annual,
            decisionId: try row.optionalInt("decision_id"), awardDate: try row.optionalDate("award_date"),
            awardIssuer: try row.optionalInt("award_issuer"), awardYear: try row.optionalInt("award_year").map(Int.init),
            override: try row.optionalString("override"), noticeUntil: try row.optionalDate("notice_until"),
            clockStartedOn: try row.optionalDate("clock_started_on"), clockDaysUsed: Int(try row.int("clock_days_used")),
            documentTypes: Set(try row.simpleArray("document_types")), openObjections: Int(try row.int("open_objections")),
            earliestDecisionOn: try row.optionalDate("earliest_decision_on"),
            lastStep: try row.optionalString("last_step").flatMap { text in
                let parts = text.split(separator: "|", maxSplits: 2).map(String.init)
                return parts.count == 3 ? LastStep(command: parts[0], actor: parts[1], at: parts[2]) : nil
            },
            currentOrgName: try row.optionalString("current_org_name"), step: try row.optionalString("step"),
            stepName: try row.optionalString("step_name"), finalStep: try row.optionalString("final_step"),
            assignee: try row.optionalString("assignee"), assigneeName: try row.optionalString("assignee_name"))
        return (facts, try row.int("calendar_stamp"))
    }

    /// Queues the transition as one statement: the version-checked write, its history row, the
    /// timers it sets (each moving the nomination's pending one of its kind) and, from the written
    /// row itself, the nomination's view, which the returned slot holds once the queue was sent.
    /// The statement raises (award_conflict, SQLSTATE 40001) when the version read is no longer
    /// current, so it travels with COMMIT without a round trip of its own.
    @discardableResult
    static func enqueueTransition(
        _ c: Connection, _ facts: NominationFacts, _ decision: WorkflowDecision, decisionId: Int64?, bonus: Int64?, today: CivilDate,
        delegation: DelegationGrant? = nil
    ) throws -> Deferred {
        let next = decision.transition.to
        let history = decision.history
        let awardId = decision.decision?.purpose == .award ? decisionId : nil
        let revocationId = decision.decision?.purpose == .revocation ? decisionId : nil
        let route = decision.pin?.route ?? facts.route
        let packId = decision.pin?.packId ?? facts.packId
        var write: SQL = """
            WITH upd AS (
                UPDATE nominations
                SET state = \(next.state.rawValue), tier = \(next.tier), current_org_id = \(next.currentOrg),
                    version = version + 1, decision_id = coalesce(\(awardId), decision_id),
                    revocation_id = \(revocationId), updated_at = now(),
                    route = \(route)::bigint[], pack_id = \(packId),
                    submitted_on = coalesce(submitted_on, \(decision.eligibility == nil ? nil : today)::date),
                    eligibility = coalesce(\(try decision.eligibility.map(Queries.json))::jsonb, eligibility),
                    bonus_vnd = coalesce(\(bonus), bonus_vnd), notice_until = \(decision.noticeUntil)::date,
                    clock_started_on = \(decision.clock.startedOn)::date, clock_days_used = \(decision.clock.daysUsed),
                    due_on = \(decision.clock.dueOn)::date
                WHERE id = \(facts.id) AND version = \(facts.version)
                RETURNING *),
            appended AS (
                INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, reason, comment, decision_id,
                                         vote_members, vote_present, vote_in_favour, vote_secret, at, delegation_id, on_behalf_of, step)
                SELECT upd.id, upd.version, \(history.command.rawValue), \(decision.transition.from.rawValue), \(next.state.rawValue),
                       \(decision.transition.tier), \(history.org), \(history.actor), \(history.reason), \(history.comment), \(decisionId),
                       \(history.vote?.members), \(history.vote?.present), \(history.vote?.inFavour), \(history.vote?.secretBallot), now(),
                       \(delegation?.id), \(delegation?.delegator), \(facts.state == .pending ? facts.step : nil)
                FROM upd
                RETURNING seq)
            """
        if !decision.timers.isEmpty {
            write = write.appending("""
                , timers_set AS (
                    INSERT INTO timers (nomination_id, kind, due_on)
                    SELECT upd.id, t.kind, t.due FROM upd CROSS JOIN unnest(\(Queries.textArray(decision.timers.map(\.kind.rawValue)))::text[],
                                                                       \(Queries.textArray(decision.timers.map(\.due.iso)))::date[]) AS t(kind, due)
                    \(unsafeRaw: TimerStore.movePending))
                """)
        }
        return try c.enqueue(write.appending("""
             SELECT coalesce((SELECT seq FROM appended)::bigint, award_conflict(\(facts.id))) AS seq, v.*
            FROM (SELECT 1) AS one LEFT JOIN (
            """).appending(SQL(constant: Queries.viewColumns + "\n" + Queries.viewJoins("upd"))).appending(") AS v ON true"))
    }

    /// A new nomination and its first history row; returns its id.
    static func insert(
        _ c: Connection, rule: KindRule, nominee: Int64, unit: Int64, request: NominationRequest, reason: String?, campaign: String?,
        route: [Int64], currentOrg: Int64, packId: Int64, submittedOn: CivilDate?,
        eligibility: EligibilityResult?, admission: Admission, actor: String
    ) throws -> Int64 {
        try c.execute("""
            WITH n AS (
                INSERT INTO nominations (kind_code, nominee_id, unit_id, year, reason, route, tier, state, current_org_id, version,
                                         pack_id, submitted_on, commendation_type, campaign, eligibility,
                                         clock_started_on, due_on, notice_until)
                VALUES (\(rule.code), \(nominee), \(unit), \(request.year), \(reason), \(route)::bigint[], 1,
                        \(admission.state.rawValue), \(currentOrg), 1, \(packId), \(submittedOn)::date,
                        \(request.commendationType.rawValue), \(campaign), \(try eligibility.map(Queries.json))::jsonb,
                        \(admission.clockStartedOn)::date, \(admission.dueOn)::date, \(admission.noticeUntil)::date)
                RETURNING id)
            INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, reason, override_reason, at)
            SELECT n.id, 1, 'create', NULL, \(admission.state.rawValue), 1, \(unit), \(actor), \(reason), \(eligibility?.override), now() FROM n
            RETURNING nomination_id
            """).first!.int("nomination_id")
    }

    /// A new nominee; returns its id.
    static func insertNominee(_ c: Connection, name: String, type: NomineeType, homeOrg: Int64) throws -> Int64 {
        try c.execute("""
            INSERT INTO nominees (name, type, home_org_id) VALUES (\(name), \(type.rawValue), \(homeOrg))
            RETURNING id
            """).first!.int("id")
    }

    /// An existing nominee's type, or `nil` when there is none with that id.
    static func nomineeType(_ c: Connection, id: Int64) throws -> NomineeType? {
        try c.execute("SELECT id, type FROM nominees WHERE id = \(id)").first.map { try Queries.enumValue($0, "type") }
    }

    /// Whether the nomination exists and, with `root`, was proposed by `root` or an org below it.
    static func exists(_ c: Connection, id: Int64, under root: Int64?) throws -> Bool {
        if let root {
            return try c.execute("""
                SELECT 1 FROM nominations n JOIN orgs u ON u.id = n.unit_id
                WHERE n.id = \(id) AND u.path @> ARRAY[\(root)]::bigint[]
                """).count == 1
        }
        return try c.execute("SELECT 1 FROM nominations WHERE id = \(id)").count == 1
    }

    /// Refuses an id that names no nomination.
    static func require(_ c: Connection, _ id: Int64) throws {
        guard try exists(c, id: id, under: nil) else {
            throw AwardError(.notFound, code: .unknownNomination, "no nomination with id \(id)", vi: "Không có hồ sơ số \(id) (hoặc hồ sơ ngoài phạm vi của người dùng).")
        }
    }

    /// A nomination's history, oldest first.
    /// How many nominations the database holds (every state).
    static func count(_ c: Connection) throws -> Int {
        Int(try c.execute("SELECT count(*) AS n FROM nominations").first?.int("n") ?? 0)
    }

    /// Nominations waiting at `org` in one of `states`, oldest first, `limit` after id `after`.
    /// One walk of the inbox index `(current_org_id, state, id)` per state, each stopping after
    /// `limit` rows, merged by id: an org with hundreds of thousands waiting reads a page, not all.
    static func waiting(_ c: Connection, org: Int64, states: [NominationState], kind: String? = nil, limit: Int, after: Int64) throws -> [NominationView] {
        try c.execute(waitingQuery(org: org, states: states, kind: kind, limit: limit, after: after)).map(Queries.nominationView)
    }

    static func waitingQuery(org: Int64, states: [NominationState], kind: String? = nil, limit: Int, after: Int64) -> SQL {
        // `= ANY(ARRAY(…))` keeps the page's ids an InitPlan, so even a generic plan reads the view
        // by primary key for those ids only (`IN (…)` let the planner hash-join the whole table).
        var inner = SQL(constant: """
             WHERE n.id = ANY(ARRAY(
                SELECT w.id FROM unnest(
            """).appending("""
            \(Queries.textArray(states.map(\.rawValue)))::text[]) AS s(state)
                CROSS JOIN LATERAL (
                    SELECT x.id FROM nominations x
                    WHERE x.current_org_id = \(org) AND x.state = s.state AND x.id > \(after)
            """)
        if let kind { inner = inner.appending(" AND x.kind_code = \(kind)") }
        inner = inner.appending(" ORDER BY x.id LIMIT \(limit)) w))")
        return SQL(constant: Queries.viewSelect).appending(inner).appending(" ORDER BY n.id LIMIT \(limit)")
    }

    /// Awardees from the report table, shaped per filter: only the filters given are in the
    /// statement (each shape is prepared once), so the planner always sees that the year's index
    /// gives the order and stops after `limit`.
    static func awardees(_ c: Connection, _ query: AwardeeQuery, org: Int64?, limit: Int?, after cursor: Awardee?) throws -> [Awardee] {
        var sql = SQL(constant: """
            SELECT a.nomination_id AS id, a.nominee_name AS name, a.nominee_type AS type, a.kind_code, u.code AS unit_code,
                   d.number, a.decided_on
            FROM awardees a
            JOIN decisions d ON d.id = a.decision_id
            JOIN orgs u ON u.id = a.unit_id
            """)
        if let achievement = query.achievementYear {
            sql = sql.appending(" JOIN nominations n ON n.id = a.nomination_id AND n.year = \(achievement)")
        }
        sql = sql.appending(SQL(constant: " WHERE true"))
        if let year = query.year { sql = sql.appending(" AND a.year = \(year)") }
        if let kind = query.kind { sql = sql.appending(" AND a.kind_code = \(kind)") }
        if let type = query.nomineeType { sql = sql.appending(" AND a.nominee_type = \(type.rawValue)") }
        if let org {
            sql = sql.appending(query.includingPredecessors ? " AND a.unit_path && award_org_with_predecessors(\(org)::bigint)"
                                                            : " AND a.unit_path @> ARRAY[\(org)::bigint]")
        }
        if let cursor {
            sql = sql.appending("""
                 AND (a.decided_on, a.nominee_name, a.nomination_id) > (\(cursor.decisionDate)::date, \(cursor.nominee)::text COLLATE vi, \(cursor.nominationId)::bigint)
                """)
        }
        sql = sql.appending(SQL(constant: " ORDER BY a.decided_on, a.nominee_name, a.nomination_id"))
        if let limit { sql = sql.appending(" LIMIT \(limit)") }
        return try c.execute(sql).map(Queries.awardee)
    }

    /// Starts the processing clock of the tier a nomination waits at.
    static func startClock(_ c: Connection, id: Int64, on today: CivilDate, due: CivilDate?) throws {
        try c.execute("UPDATE nominations SET clock_started_on = \(today)::date, due_on = \(due)::date WHERE id = \(id)")
    }

    /// Waiting nominations due by `horizon`, at `org` and below (all for `nil`), soonest first.
    static func due(_ c: Connection, by horizon: CivilDate, waitingUnder org: Int64?) throws -> [NominationView] {
        try c.execute(SQL(constant: Queries.viewSelect).appending("""
             JOIN orgs w ON w.id = n.current_org_id
             WHERE n.due_on IS NOT NULL AND n.due_on <= \(horizon)::date AND n.state IN ('pending', 'public_notice')
               AND (\(org)::bigint IS NULL OR w.path @> ARRAY[\(org)::bigint])
             ORDER BY n.due_on, n.id LIMIT 10000
            """)).map(Queries.nominationView)
    }
}
