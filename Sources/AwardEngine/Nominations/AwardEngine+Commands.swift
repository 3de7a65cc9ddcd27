import Foundation
import AwardPostgres

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
        try Policy.require(principal, .createNomination)
        if request.submittedOn != nil && !trusted { try Policy.require(principal, .backdateSubmission) }
        if request.draft && request.submittedOn != nil {
            // A draft is submitted later, under the pack in force that day: a paper dossier's date is given when it is recorded, not as a draft.
            throw AwardError(.invalidInput, code: .draftWithSubmissionDate,
                             "a draft has no submission date: record the paper dossier without --draft (submitted_on chooses its rule pack)",
                             vi: "Hồ sơ nháp không có ngày trình: ghi hồ sơ giấy không dùng --draft (ngày trình quyết định bộ quy tắc áp dụng).")
        }
        if request.overrideReason != nil { try Policy.require(principal, .overrideEligibility) }
        let nomineeName = try request.nomineeName.map { name throws(AwardError) in try Text.required(name, field: .nominee) }
        let reason = try Text.optional(request.reason, field: .reason)
        let campaign = try Text.optional(request.campaign, field: .campaign, maxLength: 100, multiline: false)
        let overrideReason = try Text.optional(request.overrideReason, field: .overrideReason)
        if let year = request.year { try Self.checkYear(year) }
        guard nomineeName != nil || request.nomineeId != nil else {
            throw AwardError(.invalidInput, code: .nomineeRequired, "a nomination needs a nominee name or an existing nominee id")
        }
        let today = Self.today(now)
        let submittedOn = request.submittedOn ?? today
        if submittedOn > today {
            throw AwardError(.invalidInput, code: .badSubmissionDate, "the submission date \(submittedOn.vietnamese) is in the future")
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
            let id = try Self.record(c, request, principal: principal, nomineeName: nomineeName, reason: reason, campaign: campaign,
                                     overrideReason: overrideReason, submittedOn: submittedOn, today: today, cache: cache)
            let view = try Queries.view(c, id: id)
            if let key { try Queries.storeResponse(c, scope: actor, key: key, request: fingerprint, view: view) }
            return (view, true)
        }
        if fresh { metrics.transition(kind: view.kind, to: view.state) }
        return view
    }

    /// Records one nomination inside the caller's transaction: checks the kind, the unit and the
    /// caller's reach, pins the pack in force on `submittedOn`, routes it, judges eligibility
    /// (unless a draft) and writes the row, its first history row and its timers. Returns its id.
    static func record(
        _ c: Connection, _ request: NominationRequest, principal: Principal, nomineeName: String?, reason: String?, campaign: String?,
        overrideReason: String?, submittedOn: CivilDate, today: CivilDate, cache: PackCache
    ) throws -> Int64 {
        try OrgStore.requireKind(c, code: request.kind)
        let unit = try OrgStore.org(c, code: request.unit)
        try Policy.require(principal, .createNomination, Subject(org: unit.ref))
        if let existing = request.nomineeId { try Access.requireNominee(c, existing, principal, .createNomination, unit: unit.ref) }
        let ancestry = try OrgStore.ancestry(c, unit: unit.id)
        let (packId, pack) = try cache.packInForce(c, on: submittedOn)
        guard let rule = pack.kind(request.kind) else {
            throw AwardError(.refused, code: .kindNotInPack, "\(request.kind) is not awarded under \(pack.name) (in force on \(submittedOn.vietnamese))")
        }
        let route = try Routing.route(chain: rule.chain.map(\.level), ancestry: ancestry, kind: rule.code, unitCode: unit.code)

        let nomineeType: NomineeType
        if let existing = request.nomineeId {
            guard let type = try NominationStore.nomineeType(c, id: existing) else {
                throw AwardError(.notFound, code: .unknownNominee, "no nominee with id \(existing)")
            }
            nomineeType = type
            if let given = request.nomineeType, given != nomineeType {
                throw AwardError(.invalidInput, code: .nomineeTypeMismatch, "nominee \(existing) is a \(nomineeType.rawValue) nominee, not \(given.rawValue)")
            }
        } else {
            guard let type = request.nomineeType else {
                throw AwardError(.invalidInput, code: .nomineeTypeRequired, "a new nominee needs a type: individual, collective or household")
            }
            nomineeType = type
        }
        guard rule.nomineeTypes.contains(nomineeType) else {
            throw AwardError(
                .refused, code: .nomineeTypeNotAccepted,
                "\(rule.code) (\(rule.nameVi)) is not awarded to \(nomineeType.rawValue) nominees; it accepts \(rule.nomineeTypes.map(\.rawValue).joined(separator: ", "))",
                vi: "«\(rule.nameVi)» không xét cho \(nomineeType.vietnamese); chỉ xét cho \(rule.nomineeTypes.map(\.vietnamese).joined(separator: ", ")).")
        }
        let nomineeId = try request.nomineeId ?? NominationStore.insertNominee(c, name: nomineeName!, type: nomineeType, homeOrg: unit.id)

        // Eligibility at submission: shown, stored, and refused unless overridden.
        var eligibility: EligibilityResult? = nil
        if !request.draft {
            var result = Eligibility.evaluate(kind: rule, nomineeType: nomineeType, year: request.year,
                                              facts: try NomineeStore.facts(c, nominee: nomineeId, unit: unit.id), today: today)
            if !result.eligible {
                guard let overrideReason else { throw result.refusal(kind: rule.code, kindName: rule.nameVi) }
                result.override = overrideReason
            }
            eligibility = result
        }

        let routeLevels = route.compactMap { id in ancestry.first { $0.id == id }?.level }
        let admission = Admission(rule: rule, routeLevels: routeLevels, draft: request.draft,
                                  calendar: try CalendarStore.calendar(c, from: today), today: today)
        let position = Position(state: admission.state, tier: 1, route: route, unit: unit.id)
        let id = try NominationStore.insert(
            c, rule: rule, nominee: nomineeId, unit: unit.id, request: request, reason: reason, campaign: campaign, route: route,
            currentOrg: position.currentOrg, packId: packId, submittedOn: request.draft ? nil : submittedOn,
            eligibility: eligibility, admission: admission, actor: principal.name)
        for timer in admission.timers { try TimerStore.set(c, nomination: id, timer) }
        return id
    }

    /// Performs `request.action` on nomination `request.nomination` as `caller`.
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
    ///
    /// A caller known by a bearer token (awardd) is checked in the same lease and, without an
    /// idempotency key, in the same round trip as the nomination's read: an unknown or revoked
    /// token is `unauthenticated` before anything else is looked at.
    public func perform(_ request: ActionRequest, as caller: Caller, now: Date = Date()) async throws(AwardError) -> NominationView {
        if case .bearer(let token) = caller { try Self.checkTokenShape(token) }
        let given = request.command
        let action = given.action, id = request.nomination, orgCode = given.actingFor
        let vote = try given.vote?.validated()
        let reason = try Text.optional(given.reason, field: .reason)
        let comment = try Text.optional(given.comment, field: .comment)
        let decision = try Self.cleanDecision(given.decision)
        let details = try Self.cleanDetails(given.details)
        let key = try Self.idempotencyKey(request.idempotencyKey)
        let today = Self.today(now)
        let fingerprint = [action.rawValue, String(id), orgCode?.lowercased() ?? "", reason ?? "", comment ?? "",
                           decision?.number ?? "", decision?.date.iso ?? "",
                           vote.map { "\($0.members)/\($0.present)/\($0.inFavour)/\($0.secretBallot)" } ?? ""].joined(separator: "\u{1F}")
        let cache = packCache
        let logger = self.logger
        let identity = RequestIdentity.current
        // Two round trips when no idempotency key is given: the nomination's read (with the token's
        // check, for a bearer), then the write (with its timers and the view) and COMMIT as one pipeline.
        let (outcome, fresh) = try await transaction { c -> (Outcome, Bool) in
            let principal: Principal
            var prefetched: Rows? = nil
            switch caller {
            case .principal(let known):
                principal = known
            case .bearer(let token) where key == nil:
                let rows = try c.executeAhead([UserStore.tokenQuery(token), NominationStore.readQuery(id: id)])
                principal = try Self.principal(authenticated: rows[0])
                prefetched = rows[1]
            case .bearer(let token):
                principal = try Self.principal(authenticated: c.executeAhead(UserStore.tokenQuery(token)))
            }
            identity?.record(principal)
            let actor = principal.name
            if let key, let stored = try Queries.storedResponse(c, scope: actor, key: key, request: fingerprint) {
                return (.view(stored), false)
            }
            let step = Step(id: id, principal: principal,
                            command: ActionCommand(action: action, actingFor: orgCode, reason: reason, comment: comment,
                                                   decision: decision, vote: vote, details: details),
                            today: today)
            let pending = try Self.act(c, step, cache: cache, prefetched: prefetched)
            logger.debug("transition", metadata: ["nomination.id": "\(id)", "transition.command": "\(action.rawValue)"])
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

    /// ``perform(_:as:now:)`` for a known principal, with the request's fields as arguments (the
    /// form awardctl, the demo loader and the tests use).
    public func perform(
        _ action: Action, on id: Int64, by principal: Principal, actingFor orgCode: String? = nil,
        reason: String? = nil, comment: String? = nil, decision: DecisionInput? = nil, vote: VoteTally? = nil,
        details: DecisionDetails = .init(), idempotencyKey: String? = nil, now: Date = Date()
    ) async throws(AwardError) -> NominationView {
        let command = ActionCommand(action: action, actingFor: orgCode, reason: reason, comment: comment, decision: decision,
                                    vote: vote, details: details)
        return try await perform(ActionRequest(nomination: id, command: command, idempotencyKey: idempotencyKey),
                                 as: .principal(principal), now: now)
    }

    /// The principal a caller stands for: as known, or the active user its bearer token belongs to.
    public func principal(of caller: Caller) async throws(AwardError) -> Principal {
        switch caller {
        case .principal(let principal): principal
        case .bearer(let token): try await authenticate(token: token)
        }
    }
}

/// Who asks: a principal already known (awardctl's `--as`, a signed-in page), or a bearer token
/// still to check (the API), which the engine checks in the command's own round trip.
public enum Caller: Sendable, Equatable {
    case principal(Principal)
    case bearer(String)
}

/// A command on one nomination, as awardctl, the API and the pages give it.
public struct ActionRequest: Sendable, Equatable {
    public var nomination: Int64
    /// What is done, for which org, why, with which decision and vote.
    public var command: ActionCommand
    /// A retried request with the same key returns the first answer and changes nothing.
    public var idempotencyKey: String?

    public init(nomination: Int64, command: ActionCommand, idempotencyKey: String? = nil) {
        self.nomination = nomination
        self.command = command
        self.idempotencyKey = idempotencyKey
    }
}
