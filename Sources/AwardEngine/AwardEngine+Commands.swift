import Foundation

extension AwardEngine {
    // MARK: Commands

    /// Creates a nomination and, unless `draft`, submits it to the first tier of its route.
    ///
    /// The principal must be a nominator (or admin) of the proposing unit or an org above it.
    public func nominate(
        _ request: NominationRequest, by principal: Principal, idempotencyKey: String? = nil
    ) async throws(AwardError) -> NominationView {
        guard principal.role == .nominator || principal.role == .admin else {
            throw AwardError(.forbidden, code: "role_not_allowed", "user \(principal.name) is \(principal.role.rawValue): only a nominator or admin creates nominations")
        }
        let nomineeName = try request.nomineeName.map { name throws(AwardError) in try Text.required(name, field: "nominee") }
        let reason = try Text.optional(request.reason, field: "reason")
        if let year = request.year, !(1945...2200).contains(year) {
            throw AwardError(.invalidInput, code: "bad_year", "year \(year) is out of range (1945–2200)")
        }
        guard nomineeName != nil || request.nomineeId != nil else {
            throw AwardError(.invalidInput, code: "nominee_required", "a nomination needs a nominee name or an existing nominee id")
        }
        let key = try Self.idempotencyKey(idempotencyKey)
        let fingerprint = ["nominate", request.kind, request.unit.lowercased(), nomineeName ?? "", request.nomineeType?.rawValue ?? "",
                           request.nomineeId.map(String.init) ?? "", request.year.map(String.init) ?? "", reason ?? "",
                           request.draft ? "draft" : "submit"].joined(separator: "\u{1F}")
        let actor = principal.name
        let (view, fresh) = try await transaction { c in
            if let key, let stored = try Queries.storedResponse(c, scope: actor, key: key, request: fingerprint) {
                return (stored, false)
            }
            let kind = try Queries.kind(c, code: request.kind)
            let unit = try Queries.org(c, code: request.unit)
            let ancestry = try c.execute("""
                SELECT o.id, o.level FROM orgs u JOIN orgs o ON o.id = ANY(u.path)
                WHERE u.id = \(unit.id) ORDER BY array_position(u.path, o.id)
                """).map { row in Routing.Ancestor(id: try row.int("id"), level: try Queries.enumValue(row, "level")) }
            guard principal.role == .admin || ancestry.contains(where: { $0.id == principal.orgId }) else {
                throw AwardError(.forbidden, code: "outside_jurisdiction",
                                 "user \(principal.name) of \(principal.orgCode) cannot nominate for \(unit.code), which is not under it")
            }
            let route = try Routing.route(chain: kind.chain, ancestry: ancestry, kind: kind.code, unitCode: unit.code)

            let nomineeId: Int64?
            let nomineeType: NomineeType
            if let existing = request.nomineeId {
                guard let row = try c.execute("SELECT id, type FROM nominees WHERE id = \(existing)").first else {
                    throw AwardError(.notFound, code: "unknown_nominee", "no nominee with id \(existing)")
                }
                nomineeType = try Queries.enumValue(row, "type")
                if let given = request.nomineeType, given != nomineeType {
                    throw AwardError(.invalidInput, code: "nominee_type_mismatch", "nominee \(existing) is a \(nomineeType.rawValue) nominee, not \(given.rawValue)")
                }
                nomineeId = existing
            } else {
                guard let type = request.nomineeType else {
                    throw AwardError(.invalidInput, code: "nominee_type_required", "a new nominee needs a type: individual, collective or household")
                }
                nomineeType = type
                nomineeId = nil
            }
            guard kind.nomineeTypes.contains(nomineeType) else {
                throw AwardError(
                    .refused, code: "nominee_type_not_accepted",
                    "\(kind.code) (\(kind.nameVi)) is not awarded to \(nomineeType.rawValue) nominees; it accepts \(kind.nomineeTypes.map(\.rawValue).joined(separator: ", "))")
            }
            let resolvedNominee: Int64 = try nomineeId ?? c.execute("""
                INSERT INTO nominees (name, type, home_org_id) VALUES (\(nomineeName!), \(nomineeType.rawValue), \(unit.id))
                RETURNING id
                """).first!.int("id")

            let state: NominationState = request.draft ? .draft : .pending
            let position = Position(state: state, tier: 1, route: route, unit: unit.id)
            let id = try c.execute("""
                WITH n AS (
                    INSERT INTO nominations (kind_code, nominee_id, unit_id, year, reason, route, tier, state, current_org_id, version)
                    VALUES (\(kind.code), \(resolvedNominee), \(unit.id), \(request.year), \(reason), \(route)::bigint[], 1,
                            \(state.rawValue), \(position.currentOrg), 1)
                    RETURNING id)
                INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, reason, at)
                SELECT n.id, 1, 'create', NULL, \(state.rawValue), 1, \(unit.id), \(actor), \(reason), now() FROM n
                RETURNING nomination_id
                """).first!.int("nomination_id")
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
    /// name that org. The nomination is read, the ``Workflow`` judges the command, and the new
    /// state is written under a version check in the same transaction: if another command changed
    /// the nomination meanwhile, this one fails with a `conflict` and records nothing.
    public func perform(
        _ action: Action, on id: Int64, by principal: Principal, actingFor orgCode: String? = nil,
        reason: String? = nil, comment: String? = nil, decision: DecisionInput? = nil,
        idempotencyKey: String? = nil, now: Date = Date()
    ) async throws(AwardError) -> NominationView {
        let reason = try Text.optional(reason, field: "reason")
        let comment = try Text.optional(comment, field: "comment")
        let decision = try decision.map { d throws(AwardError) in
            DecisionInput(number: try Text.required(d.number, field: "decision number", maxLength: 100), date: d.date)
        }
        let key = try Self.idempotencyKey(idempotencyKey)
        let today = Self.today(now)
        let fingerprint = [action.rawValue, String(id), orgCode?.lowercased() ?? "", reason ?? "", comment ?? "",
                           decision?.number ?? "", decision?.date.iso ?? ""].joined(separator: "\u{1F}")
        let actor = principal.name
        let logger = self.logger
        let (view, fresh) = try await transaction { c in
            if let key, let stored = try Queries.storedResponse(c, scope: actor, key: key, request: fingerprint) {
                return (stored, false)
            }
            guard let row = try c.execute("""
                SELECT n.state, n.tier, n.route, n.unit_id, u.code AS unit_code, n.version, n.kind_code, d.decided_on AS award_date,
                       u.path @> ARRAY[\(principal.orgId)]::bigint[] AS visible
                FROM nominations n JOIN orgs u ON u.id = n.unit_id LEFT JOIN decisions d ON d.id = n.decision_id
                WHERE n.id = \(id)
                """).first, try (principal.role == .admin || row.bool("visible")) else {
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
            if let orgCode, orgCode.lowercased() != actingCode.lowercased() {
                if action.isProposerAction {
                    throw AwardError(.refused, code: "wrong_org",
                                     "only the proposing unit may \(action.rawValue) this nomination: it is for \(unitCode), not \(orgCode)")
                }
                throw AwardError(.forbidden, code: "not_users_org",
                                 "user \(principal.name) acts for \(principal.orgCode), not \(orgCode)")
            }
            let version = try row.int("version")
            let kind = try row.string("kind_code")
            let position = Position(
                state: try Queries.enumValue(row, "state"), tier: Int(try row.int("tier")),
                route: try row.simpleArray("route").compactMap { Int64($0) }, unit: unitId,
                awardDate: try row.optionalDate("award_date"))
            let command = Command(action: action, actingOrg: actingId, reason: reason, decision: decision)

            let transition: Transition
            do {
                transition = try Workflow.apply(command, to: position, today: today)
            } catch let error as WorkflowError {
                if error.code == .wrongOrg, let expected = error.expectedOrg {
                    let expectedCode = try Queries.orgCode(c, id: expected)
                    throw AwardError(.refused, code: error.code.rawValue,
                                     "\(error.message): it is for \(expectedCode), not \(actingCode)")
                }
                throw AwardError(.refused, code: error.code.rawValue, error.message)
            }

            var awardId: Int64? = nil
            var revocationId: Int64? = nil
            if let given = transition.decision {
                let purpose = action == .revoke ? "revocation" : "award"
                let decisionId = try Queries.recordDecision(c, issuer: actingId, decision: given, purpose: purpose, kind: kind, actor: actor)
                if action == .revoke { revocationId = decisionId } else { awardId = decisionId }
            }
            let next = transition.to
            let updated = try c.execute("""
                WITH upd AS (
                    UPDATE nominations
                    SET state = \(next.state.rawValue), tier = \(next.tier), current_org_id = \(next.currentOrg),
                        version = version + 1, decision_id = coalesce(\(awardId), decision_id),
                        revocation_id = \(revocationId), updated_at = now()
                    WHERE id = \(id) AND version = \(version)
                    RETURNING id, version)
                INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, reason, comment, decision_id, at)
                SELECT upd.id, upd.version, \(action.rawValue), \(transition.from.rawValue), \(next.state.rawValue),
                       \(transition.tier), \(actingId), \(actor), \(reason), \(comment), \(awardId ?? revocationId), now()
                FROM upd
                RETURNING seq
                """)
            guard !updated.isEmpty else {
                throw AwardError(.conflict, code: "concurrent_change",
                                 "nomination \(id) was changed by someone else meanwhile; read it again and retry")
            }
            logger.info("transition", metadata: [
                "nomination.id": "\(id)", "transition.command": "\(action.rawValue)", "transition.to": "\(next.state.rawValue)",
            ])
            let view = try Queries.view(c, id: id)
            if let key { try Queries.storeResponse(c, scope: actor, key: key, request: fingerprint, view: view) }
            return (view, true)
        }
        if fresh { metrics.transition(kind: view.kind, to: view.state) }
        return view
    }
}
