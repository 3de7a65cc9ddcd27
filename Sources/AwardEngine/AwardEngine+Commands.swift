import Foundation

extension AwardEngine {
    // MARK: Commands

    /// Creates a nomination and, unless `draft`, submits it to the first tier of its route.
    ///
    /// The principal must be a nominator (or admin) of the proposing unit or an org above it. The
    /// rule pack in force on the submission date (today, or `submittedOn` for an admin recording a
    /// paper dossier) is pinned: its chain gives the route, its prerequisites are checked now (an
    /// ineligible nomination is refused unless an admin overrides with a reason).
    public func nominate(
        _ request: NominationRequest, by principal: Principal, idempotencyKey: String? = nil, now: Date = Date()
    ) async throws(AwardError) -> NominationView {
        try await nominate(request, by: principal, idempotencyKey: idempotencyKey, now: now, trusted: false)
    }

    /// `trusted` lets the engine's own demo loader date submissions in the past.
    func nominate(
        _ request: NominationRequest, by principal: Principal, idempotencyKey: String?, now: Date, trusted: Bool
    ) async throws(AwardError) -> NominationView {
        guard principal.role == .nominator || principal.role == .admin else {
            throw AwardError(.forbidden, code: "role_not_allowed", "user \(principal.name) is \(principal.role.rawValue): only a nominator or admin creates nominations")
        }
        if request.submittedOn != nil && principal.role != .admin && !trusted {
            throw AwardError(.forbidden, code: "role_not_allowed", "only an admin may date a submission in the past (--submitted-on)")
        }
        if request.overrideReason != nil && principal.role != .admin {
            throw AwardError(.forbidden, code: "role_not_allowed", "only an admin may override an eligibility rule")
        }
        let nomineeName = try request.nomineeName.map { name throws(AwardError) in try Text.required(name, field: "nominee") }
        let reason = try Text.optional(request.reason, field: "reason")
        let campaign = try Text.optional(request.campaign, field: "campaign", maxLength: 100, multiline: false)
        let overrideReason = try Text.optional(request.overrideReason, field: "override reason")
        if let year = request.year { try Self.checkYear(year) }
        guard nomineeName != nil || request.nomineeId != nil else {
            throw AwardError(.invalidInput, code: "nominee_required", "a nomination needs a nominee name or an existing nominee id")
        }
        let today = Self.today(now)
        let submittedOn = request.submittedOn ?? today
        if submittedOn > today {
            throw AwardError(.invalidInput, code: "bad_submission_date", "the submission date \(submittedOn.vietnamese) is in the future")
        }
        let key = try Self.idempotencyKey(idempotencyKey)
        let fingerprint = ["nominate", request.kind, request.unit.lowercased(), nomineeName ?? "", request.nomineeType?.rawValue ?? "",
                           request.nomineeId.map(String.init) ?? "", request.year.map(String.init) ?? "", reason ?? "",
                           request.draft ? "draft" : "submit", request.submittedOn?.iso ?? "", request.commendationType.rawValue,
                           campaign ?? "", overrideReason ?? ""].joined(separator: "\u{1F}")
        let actor = principal.name
        let cache = packCache
        let (view, fresh) = try await transaction { c in
            if let key, let stored = try Queries.storedResponse(c, scope: actor, key: key, request: fingerprint) {
                return (stored, false)
            }
            try Queries.requireKind(c, code: request.kind)
            let unit = try Queries.org(c, code: request.unit)
            let ancestry = try Self.ancestry(c, unit: unit.id)
            guard principal.role == .admin || ancestry.contains(where: { $0.id == principal.orgId }) else {
                throw AwardError(.forbidden, code: "outside_jurisdiction",
                                 "user \(principal.name) of \(principal.orgCode) cannot nominate for \(unit.code), which is not under it")
            }
            let (packId, pack) = try cache.packInForce(c, on: submittedOn)
            guard let rule = pack.kind(request.kind) else {
                throw AwardError(.refused, code: "kind_not_in_pack", "\(request.kind) is not awarded under \(pack.name) (in force on \(submittedOn.vietnamese))")
            }
            let route = try Routing.route(chain: rule.chain.map(\.level), ancestry: ancestry, kind: rule.code, unitCode: unit.code)

            let nomineeType: NomineeType
            if let existing = request.nomineeId {
                guard let row = try c.execute("SELECT id, type FROM nominees WHERE id = \(existing)").first else {
                    throw AwardError(.notFound, code: "unknown_nominee", "no nominee with id \(existing)")
                }
                nomineeType = try Queries.enumValue(row, "type")
                if let given = request.nomineeType, given != nomineeType {
                    throw AwardError(.invalidInput, code: "nominee_type_mismatch", "nominee \(existing) is a \(nomineeType.rawValue) nominee, not \(given.rawValue)")
                }
            } else {
                guard let type = request.nomineeType else {
                    throw AwardError(.invalidInput, code: "nominee_type_required", "a new nominee needs a type: individual, collective or household")
                }
                nomineeType = type
            }
            guard rule.nomineeTypes.contains(nomineeType) else {
                throw AwardError(
                    .refused, code: "nominee_type_not_accepted",
                    "\(rule.code) (\(rule.nameVi)) is not awarded to \(nomineeType.rawValue) nominees; it accepts \(rule.nomineeTypes.map(\.rawValue).joined(separator: ", "))")
            }
            let nomineeId: Int64 = try request.nomineeId ?? c.execute("""
                INSERT INTO nominees (name, type, home_org_id) VALUES (\(nomineeName!), \(nomineeType.rawValue), \(unit.id))
                RETURNING id
                """).first!.int("id")

            // Eligibility at submission: shown, stored, and refused unless overridden.
            var eligibility: EligibilityResult? = nil
            if !request.draft {
                var result = Eligibility.evaluate(kind: rule, nomineeType: nomineeType, year: request.year,
                                                  facts: try Queries.facts(c, nominee: nomineeId), today: today)
                if !result.eligible {
                    guard let overrideReason else { throw Queries.ineligible(result, kind: rule.code) }
                    result.override = overrideReason
                }
                eligibility = result
            }

            let routeLevels = route.compactMap { id in ancestry.first { $0.id == id }?.level }
            let firstTier = rule.tier(at: routeLevels[0])
            let state: NominationState = request.draft ? .draft : rule.noticeTier(on: routeLevels) == 1 ? .publicNotice : .pending
            let position = Position(state: state, tier: 1, route: route, unit: unit.id)
            // The first tier's clock starts at once when it needs no document (a new dossier has none yet).
            let calendar = try Queries.calendar(c, from: today)
            let clockStarts = !request.draft && (firstTier?.documents ?? []).isEmpty
            let due = clockStarts ? firstTier?.limitDays.map { calendar.add(workingDays: $0, to: today) } : nil
            let noticeUntil = state == .publicNotice ? rule.publicNoticeDays.map { calendar.add(workingDays: $0, to: today) } : nil
            let id = try c.execute("""
                WITH n AS (
                    INSERT INTO nominations (kind_code, nominee_id, unit_id, year, reason, route, tier, state, current_org_id, version,
                                             pack_id, submitted_on, commendation_type, campaign, eligibility,
                                             clock_started_on, due_on, notice_until)
                    VALUES (\(rule.code), \(nomineeId), \(unit.id), \(request.year), \(reason), \(route)::bigint[], 1,
                            \(state.rawValue), \(position.currentOrg), 1, \(packId), \(request.draft ? nil : submittedOn)::date,
                            \(request.commendationType.rawValue), \(campaign), \(try eligibility.map(Queries.json))::jsonb,
                            \(clockStarts ? today : nil)::date, \(due)::date, \(noticeUntil)::date)
                    RETURNING id)
                INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, reason, override_reason, at)
                SELECT n.id, 1, 'create', NULL, \(state.rawValue), 1, \(unit.id), \(actor), \(reason), \(eligibility?.override), now() FROM n
                RETURNING nomination_id
                """).first!.int("nomination_id")
            if let due { try c.execute("INSERT INTO timers (nomination_id, kind, due_on) VALUES (\(id), 'deadline', \(due)::date)") }
            if let noticeUntil { try c.execute("INSERT INTO timers (nomination_id, kind, due_on) VALUES (\(id), 'notice_end', \(noticeUntil)::date)") }
            let view = try Queries.view(c, id: id)
            if let key { try Queries.storeResponse(c, scope: actor, key: key, request: fingerprint, view: view) }
            return (view, true)
        }
        if fresh { metrics.transition(kind: view.kind, to: view.state) }
        return view
    }

    /// Performs `action` on nomination `id` as `principal`.
    ///
    /// Who acts for which org: the proposing unit for `submit`, `resubmit` and `withdraw` (the
    /// principal must be a nominator of it or of an org above it); the principal's own org for
    /// `approve`, `return`, `reject` and `revoke`. `actingFor`, when given (awardctl's `--org`), must
    /// name that org. The nomination is read, the ``Workflow`` judges the command, the pinned rule
    /// pack's guards run (required documents before leaving a tier; a council tier needs a passing
    /// `vote` and, for some kinds, a finished public notice with every objection resolved; the
    /// deciding tier re-checks eligibility, numbers the decision and counts the award against the
    /// issuer's quotas), and the new state is written under a version check in the same
    /// transaction: if another command changed the nomination meanwhile, this one fails with a
    /// `conflict` and records nothing. A decision without a number takes the issuer's next one.
    public func perform(
        _ action: Action, on id: Int64, by principal: Principal, actingFor orgCode: String? = nil,
        reason: String? = nil, comment: String? = nil, decision: DecisionInput? = nil, vote: VoteTally? = nil,
        details: DecisionDetails = .init(), idempotencyKey: String? = nil, now: Date = Date()
    ) async throws(AwardError) -> NominationView {
        try await perform(action, on: id, caller: .principal(principal), actingFor: orgCode, reason: reason, comment: comment,
                          decision: decision, vote: vote, details: details, idempotencyKey: idempotencyKey, now: now)
    }

    /// ``perform(_:on:by:actingFor:reason:comment:decision:vote:details:idempotencyKey:now:)`` for a
    /// caller known by its bearer token (awardd): the token is checked in the same lease and, without
    /// an idempotency key, in the same round trip as the nomination's read. An unknown or revoked
    /// token is `unauthenticated` before anything else is looked at.
    public func perform(
        _ action: Action, on id: Int64, bearer token: String, actingFor orgCode: String? = nil,
        reason: String? = nil, comment: String? = nil, decision: DecisionInput? = nil, vote: VoteTally? = nil,
        details: DecisionDetails = .init(), idempotencyKey: String? = nil, now: Date = Date()
    ) async throws(AwardError) -> NominationView {
        try Self.checkTokenShape(token)
        return try await perform(action, on: id, caller: .bearer(token), actingFor: orgCode, reason: reason, comment: comment,
                                 decision: decision, vote: vote, details: details, idempotencyKey: idempotencyKey, now: now)
    }

    /// Who asks: a principal already known, or a bearer token still to check.
    enum Caller: Sendable {
        case principal(Principal)
        case bearer(String)
    }

    func perform(
        _ action: Action, on id: Int64, caller: Caller, actingFor orgCode: String?,
        reason: String?, comment: String?, decision: DecisionInput?, vote: VoteTally?,
        details: DecisionDetails, idempotencyKey: String?, now: Date
    ) async throws(AwardError) -> NominationView {
        let reason = try Text.optional(reason, field: "reason")
        let comment = try Text.optional(comment, field: "comment")
        let decision = try Self.cleanDecision(decision)
        let details = try Self.cleanDetails(details)
        let key = try Self.idempotencyKey(idempotencyKey)
        let today = Self.today(now)
        let fingerprint = [action.rawValue, String(id), orgCode?.lowercased() ?? "", reason ?? "", comment ?? "",
                           decision?.number ?? "", decision?.date.iso ?? "",
                           vote.map { "\($0.members)/\($0.present)/\($0.inFavour)/\($0.secretBallot)" } ?? ""].joined(separator: "\u{1F}")
        let cache = packCache
        let logger = self.logger
        // Two round trips when no idempotency key is given: the nomination's read (with the token's
        // check, for a bearer), then the write, its timers, the view and COMMIT as one pipeline.
        let (outcome, fresh) = try await transaction { c -> (Outcome, Bool) in
            let principal: Principal
            var prefetched: Rows? = nil
            switch caller {
            case .principal(let known):
                principal = known
            case .bearer(let token) where key == nil:
                let rows = try c.executeAhead([Self.tokenQuery(token), Self.readQuery(id: id)])
                principal = try Self.principal(authenticated: rows[0])
                prefetched = rows[1]
            case .bearer(let token):
                principal = try Self.principal(authenticated: c.executeAhead(Self.tokenQuery(token)))
            }
            let actor = principal.name
            if let key, let stored = try Queries.storedResponse(c, scope: actor, key: key, request: fingerprint) {
                return (.view(stored), false)
            }
            let step = Step(action: action, id: id, principal: principal, actingFor: orgCode, reason: reason, comment: comment,
                            decision: decision, vote: vote, details: details, today: today)
            try Self.act(c, step, cache: cache, prefetched: prefetched)
            logger.debug("transition", metadata: ["nomination.id": "\(id)", "transition.command": "\(action.rawValue)"])
            let pending = try c.enqueue(Queries.viewQuery(id: id))
            guard let key else { return (.pending(pending, id), true) }
            try c.flush()
            let view = try Outcome.pending(pending, id).view()
            try Queries.storeResponse(c, scope: principal.name, key: key, request: fingerprint, view: view)
            return (.view(view), true)
        }
        let view: NominationView
        do { view = try outcome.view() } catch { throw Self.map(error) }
        if fresh { metrics.transition(kind: view.kind, to: view.state) }
        return view
    }

    /// A command's answer: read already, or the rows of the view read queued with its COMMIT.
    enum Outcome: Sendable {
        case view(NominationView)
        case pending(Deferred, Int64)

        func view() throws -> NominationView {
            switch self {
            case .view(let view): return view
            case .pending(let deferred, let id):
                guard let row = deferred.rows?.first else {
                    throw AwardError(.notFound, code: "unknown_nomination", "no nomination with id \(id)")
                }
                return try Queries.nominationView(row)
            }
        }
    }

    /// One command on one nomination, as the deciding transaction sees it.
    struct Step: Sendable {
        var action: Action
        var id: Int64
        var principal: Principal
        var actingFor: String?
        var reason: String?
        var comment: String?
        var decision: DecisionInput?
        var vote: VoteTally?
        var details: DecisionDetails
        var today: CivilDate
        /// A decision already recorded for a batch: the awarding approvals attach to it.
        var batchDecision: (id: Int64, kind: String)? = nil
    }

    /// The text of the two reads of a transition (the nomination's read and the view), as sent to
    /// PostgreSQL with `$1` for the nomination id: the benchmark runs these very statements in pgbench.
    public static var transitionReads: (read: String, view: String) {
        (readQuery(id: 0).text, Queries.viewQuery(id: 0).text)
    }

    /// What a command reads of its nomination; who may see it is judged from `unit_path`.
    static func readQuery(id: Int64) -> SQL {
        """
            SELECT n.state, n.tier, n.route, n.unit_id, u.code AS unit_code, n.version, n.kind_code, d.decided_on AS award_date,
                   n.decision_id, d.issuer_org_id AS award_issuer, d.year AS award_year, n.pack_id, n.year, n.nominee_id,
                   e.type AS nominee_type, n.campaign, n.eligibility->>'override' AS override, n.notice_until,
                   n.clock_started_on, n.clock_days_used, n.commendation_type,
                   array(SELECT o.level FROM unnest(n.route) WITH ORDINALITY AS r(org, i) JOIN orgs o ON o.id = r.org ORDER BY r.i) AS route_levels,
                   array(SELECT DISTINCT type FROM documents WHERE nomination_id = n.id) AS document_types,
                   (SELECT count(*) FROM objections WHERE nomination_id = n.id AND resolved_at IS NULL) AS open_objections,
                   u.path AS unit_path, (SELECT stamp FROM calendar_stamp) AS calendar_stamp
            FROM nominations n JOIN orgs u ON u.id = n.unit_id JOIN nominees e ON e.id = n.nominee_id
            LEFT JOIN decisions d ON d.id = n.decision_id
            WHERE n.id = \(id)
            """
    }

    /// Judges and records one command inside the caller's transaction. `prefetched` is the result
    /// of ``readQuery(id:)`` when the caller already read it.
    static func act(_ c: Connection, _ step: Step, cache: PackCache, prefetched: Rows? = nil) throws {
        let principal = step.principal
        let action = step.action
        let id = step.id
        let today = step.today
        // Read ahead of the transaction's BEGIN when this is its first statement: the write below
        // is version-checked, so the read needs no snapshot shared with it.
        guard let row = try (prefetched ?? c.executeAhead(readQuery(id: id))).first,
              try principal.role == .admin || row.simpleArray("unit_path").contains(String(principal.orgId)) else {
            throw AwardError(.notFound, code: "unknown_nomination", "no nomination with id \(id)")
        }
        guard principal.role.allows(action) else {
            throw AwardError(.forbidden, code: "role_not_allowed",
                             "user \(principal.name) is \(principal.role.rawValue) and cannot \(action.rawValue)")
        }
        // The org the principal acts for.
        let unitId = try row.int("unit_id")
        let unitCode = try row.string("unit_code")
        let actingId = action.isProposerAction ? unitId : principal.orgId
        let actingCode = action.isProposerAction ? unitCode : principal.orgCode
        if let orgCode = step.actingFor, orgCode.lowercased() != actingCode.lowercased() {
            if action.isProposerAction {
                throw AwardError(.refused, code: "wrong_org",
                                 "only the proposing unit may \(action.rawValue) this nomination: it is for \(unitCode), not \(orgCode)")
            }
            throw AwardError(.forbidden, code: "not_users_org", "user \(principal.name) acts for \(principal.orgCode), not \(orgCode)")
        }
        let version = try row.int("version")
        let kind = try row.string("kind_code")
        let nomineeId = try row.int("nominee_id")
        let nomineeType: NomineeType = try Queries.enumValue(row, "nominee_type")
        let year = try row.optionalInt("year").map(Int.init)
        let campaign = try row.optionalString("campaign")
        var packId = try row.optionalInt("pack_id")
        var route = try row.simpleArray("route").compactMap { Int64($0) }
        var routeLevels = try row.simpleArray("route_levels").compactMap(OrgLevel.init(rawValue:))
        let documentTypes = Set(try row.simpleArray("document_types"))
        var eligibility: EligibilityResult? = nil
        let state: NominationState = try Queries.enumValue(row, "state")

        // Submitting a draft pins the pack in force today: its chain, its prerequisites.
        if action == .submit && state == .draft {
            let (inForce, pack) = try cache.packInForce(c, on: today)
            guard let rule = pack.kind(kind) else {
                throw AwardError(.refused, code: "kind_not_in_pack", "\(kind) is not awarded under \(pack.name) (in force on \(today.vietnamese))")
            }
            let ancestry = try ancestry(c, unit: unitId)
            route = try Routing.route(chain: rule.chain.map(\.level), ancestry: ancestry, kind: kind, unitCode: unitCode)
            routeLevels = route.compactMap { id in ancestry.first { $0.id == id }?.level }
            packId = inForce
            let result = Eligibility.evaluate(kind: rule, nomineeType: nomineeType, year: year,
                                              facts: try Queries.facts(c, nominee: nomineeId), today: today)
            guard result.eligible else { throw Queries.ineligible(result, kind: kind) }
            eligibility = result
        }
        let rule = try packId.flatMap { try cache.pack(c, id: $0).kind(kind) }
        let tier = Int(try row.int("tier"))
        let tierRule = tier <= routeLevels.count ? rule?.tier(at: routeLevels[tier - 1]) : nil
        let position = Position(
            state: state, tier: tier, route: route, unit: unitId, awardDate: try row.optionalDate("award_date"),
            noticeTier: rule?.noticeTier(on: routeLevels))
        var decision = step.decision
        if action == .approve, let batch = step.batchDecision {
            guard batch.kind == kind else {
                throw AwardError(.refused, code: "wrong_kind", "nomination \(id) is for \(kind), not \(batch.kind)")
            }
            guard position.atDecidingTier else {
                throw AwardError(.refused, code: "not_deciding_tier",
                                 "nomination \(id) is at tier \(tier) of \(route.count): only its deciding tier can award it")
            }
            decision = DecisionInput(number: "batch", date: step.decision!.date)
        }
        let command = Command(action: action, actingOrg: actingId, reason: step.reason, decision: decision)

        let transition: Transition
        do {
            transition = try Workflow.apply(command, to: position, today: today)
            if action == .approve, let tierRule {
                // Leaving a tier needs its documents; its council's vote, after any public notice.
                let missing = (tierRule.documents ?? []).filter { !documentTypes.contains($0) }
                if !missing.isEmpty {
                    let names = missing.map { "\($0) (\(DocumentType(rawValue: $0)?.vietnamese ?? $0))" }.joined(separator: ", ")
                    throw WorkflowError(code: .documentsMissing,
                                        message: "the dossier cannot leave the \(tierRule.level.rawValue) tier without: \(names)")
                }
                if try row.int("open_objections") > 0 {
                    throw WorkflowError(code: .objectionsOpen,
                                        message: "\(try row.int("open_objections")) objection(s) from the public notice are not resolved")
                }
                if let voteRule = tierRule.vote {
                    guard let vote = step.vote else {
                        throw WorkflowError(code: .voteRequired,
                                            message: "approving \(kind) at the \(tierRule.level.rawValue) tier needs the council's vote (members/present/in favour)")
                    }
                    try vote.check(against: voteRule, kindName: rule?.nameVi ?? kind)
                }
            }
        } catch let error as WorkflowError {
            if error.code == .wrongOrg, let expected = error.expectedOrg {
                throw AwardError(.refused, code: error.code.rawValue, "\(error.message): it is for \(try Queries.orgCode(c, id: expected)), not \(actingCode)")
            }
            throw AwardError(.refused, code: error.code.rawValue, error.message)
        }

        var awardId: Int64? = nil
        var revocationId: Int64? = nil
        var bonus: Int64? = nil
        if let given = transition.decision {
            if action == .approve {
                // Enforced again where it is decided: the facts may have changed since submission.
                if let rule, try row.optionalString("override") == nil {
                    let result = Eligibility.evaluate(kind: rule, nomineeType: nomineeType, year: year,
                                                      facts: try Queries.facts(c, nominee: nomineeId), today: today)
                    guard result.eligible else { throw Queries.ineligible(result, kind: kind) }
                }
                try consumeQuota(c, issuer: actingId, kind: kind, year: given.date.year, nomineeType: nomineeType, campaign: campaign)
                if let batch = step.batchDecision {
                    awardId = batch.id
                } else {
                    var details = step.details
                    details.commendationType = CommendationType(rawValue: try row.string("commendation_type")) ?? .annual
                    awardId = try Queries.recordDecision(c, issuer: actingId, decision: given, purpose: "award", kind: kind,
                                                         actor: principal.name, details: details).id
                }
                if let rule { bonus = try Queries.bonus(c, rule: rule, nomineeType: nomineeType, on: given.date) }
            } else {
                if let issuer = try row.optionalInt("award_issuer"), let awardYear = try row.optionalInt("award_year") {
                    try releaseQuota(c, issuer: issuer, kind: kind, year: Int(awardYear), nomineeType: nomineeType, campaign: campaign)
                }
                revocationId = try Queries.recordDecision(c, issuer: actingId, decision: given, purpose: "revocation", kind: kind,
                                                          actor: principal.name, details: step.details,
                                                          revokes: try row.optionalInt("decision_id")).id
            }
        }

        // The tier's processing clock: it starts when the dossier is complete at a tier (the first
        // day counted is the next working day), pauses while returned, and stops at a final state.
        let next = transition.to
        var clockStarted: CivilDate? = try row.optionalDate("clock_started_on")
        var daysUsed = Int(try row.int("clock_days_used"))
        var due: CivilDate? = nil
        var noticeUntil: CivilDate? = try row.optionalDate("notice_until")
        let calendar = try cache.calendar(c, from: today, stamp: try row.int("calendar_stamp"))
        let arrived = (next.state == .pending || next.state == .publicNotice) && (next.tier != tier || state == .draft || state == .returned)
        if next.state == .returned, let started = clockStarted {
            daysUsed += calendar.workingDays(from: started, to: today)
            clockStarted = nil
        } else if arrived {
            if action != .resubmit { daysUsed = 0 }
            let nextRule = next.tier <= routeLevels.count ? rule?.tier(at: routeLevels[next.tier - 1]) : nil
            let complete = (nextRule?.documents ?? []).allSatisfy(documentTypes.contains)
            clockStarted = complete ? today : nil
            if complete, let limit = nextRule?.limitDays {
                due = calendar.add(workingDays: max(0, limit - daysUsed), to: today)
            }
        } else if next.state == .pending || next.state == .publicNotice {
            due = try row.optionalDate("clock_started_on").flatMap { started in
                (rule?.tier(at: routeLevels[next.tier - 1])?.limitDays).map { calendar.add(workingDays: max(0, $0 - daysUsed), to: started) }
            }
        } else {
            clockStarted = nil
        }
        if next.state == .publicNotice && state != .publicNotice, let days = rule?.publicNoticeDays {
            noticeUntil = calendar.add(workingDays: days, to: today)
        }

        // The write raises (award_conflict, SQLSTATE 40001) when the version read is no longer
        // current, so it can travel with the statements after it without a round trip of its own.
        try c.enqueue("""
            WITH upd AS (
                UPDATE nominations
                SET state = \(next.state.rawValue), tier = \(next.tier), current_org_id = \(next.currentOrg),
                    version = version + 1, decision_id = coalesce(\(awardId), decision_id),
                    revocation_id = \(revocationId), updated_at = now(),
                    route = \(route)::bigint[], pack_id = \(packId),
                    submitted_on = coalesce(submitted_on, \(eligibility == nil ? nil : today)::date),
                    eligibility = coalesce(\(try eligibility.map(Queries.json))::jsonb, eligibility),
                    bonus_vnd = coalesce(\(bonus), bonus_vnd), notice_until = \(noticeUntil)::date,
                    clock_started_on = \(clockStarted)::date, clock_days_used = \(daysUsed), due_on = \(due)::date
                WHERE id = \(id) AND version = \(version)
                RETURNING id, version),
            appended AS (
            INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, reason, comment, decision_id,
                                     vote_members, vote_present, vote_in_favour, vote_secret, at)
            SELECT upd.id, upd.version, \(action.rawValue), \(transition.from.rawValue), \(next.state.rawValue),
                   \(transition.tier), \(actingId), \(principal.name), \(step.reason), \(step.comment), \(awardId ?? revocationId),
                   \(step.vote?.members), \(step.vote?.present), \(step.vote?.inFavour), \(step.vote?.secretBallot), now()
            FROM upd
            RETURNING seq)
            SELECT coalesce((SELECT seq FROM appended)::bigint, award_conflict(\(id))) AS seq
            """)
        if let due { try c.enqueue("INSERT INTO timers (nomination_id, kind, due_on) VALUES (\(id), 'deadline', \(due)::date)") }
        if next.state == .publicNotice && state != .publicNotice, let noticeUntil {
            try c.enqueue("INSERT INTO timers (nomination_id, kind, due_on) VALUES (\(id), 'notice_end', \(noticeUntil)::date)")
        }
    }

    static func cleanDecision(_ decision: DecisionInput?) throws(AwardError) -> DecisionInput? {
        try decision.map { d throws(AwardError) in
            DecisionInput(number: try d.number.map { n throws(AwardError) in try Text.required(n, field: "decision number", maxLength: 100) }, date: d.date)
        }
    }

    static func cleanDetails(_ details: DecisionDetails) throws(AwardError) -> DecisionDetails {
        var clean = details
        clean.signer = try Text.optional(details.signer, field: "signer", maxLength: 200, multiline: false)
        clean.legalBasis = try Text.optional(details.legalBasis, field: "legal basis", maxLength: 2000)
        clean.achievementPeriod = try Text.optional(details.achievementPeriod, field: "achievement period", maxLength: 200, multiline: false)
        return clean
    }

    /// Explains a nomination's eligibility under its pinned pack (for a draft, the pack in force
    /// today) with the nominee's current facts, changing nothing.
    public func check(_ id: Int64, viewer: Principal? = nil, now: Date = Date()) async throws(AwardError) -> EligibilityResult {
        let cache = packCache
        let today = Self.today(now)
        return try await lease { c in
            try Self.checkVisible(c, id: id, viewer: viewer)
            let row = try c.execute("""
                SELECT n.kind_code, n.pack_id, n.state, n.year, n.nominee_id, e.type, n.eligibility->>'override' AS override
                FROM nominations n JOIN nominees e ON e.id = n.nominee_id WHERE n.id = \(id)
                """).first!
            let kind = try row.string("kind_code")
            let state: NominationState = try Queries.enumValue(row, "state")
            let pack = try state == .draft ? cache.packInForce(c, on: today).pack
                : (try row.optionalInt("pack_id")).map { try cache.pack(c, id: $0) } ?? cache.packInForce(c, on: today).pack
            guard let rule = pack.kind(kind) else {
                throw AwardError(.refused, code: "kind_not_in_pack", "\(kind) is not awarded under \(pack.name)")
            }
            var result = Eligibility.evaluate(kind: rule, nomineeType: try Queries.enumValue(row, "type"), year: try row.optionalInt("year").map(Int.init),
                                              facts: try Queries.facts(c, nominee: try row.int("nominee_id")), today: today)
            result.override = try row.optionalString("override")
            return result
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
