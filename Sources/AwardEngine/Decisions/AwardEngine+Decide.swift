import Foundation
import AwardPostgres

/// A decision as `decide` reports it.
public struct DecisionView: Sendable, Codable, Equatable {
    /// The decision's id (for its page and its documents).
    public var id: Int64
    public var number: String
    public var date: CivilDate
    public var issuer: String
    public var kind: String
    @ExplicitNull public var signer: String?
    @ExplicitNull public var signerTitle: String?
    /// KT., TM., TL., TUQ. or Q.; null when the head signs in their own name.
    @ExplicitNull public var signerPrefix: SignerPrefix?
    /// Signed by a deputy for the head (KT.), as older clients read it.
    public var onBehalf: Bool
    @ExplicitNull public var legalBasis: String?
    public var commendationType: CommendationType
    @ExplicitNull public var achievementPeriod: String?
    /// The nominations it awards.
    public var recipients: [Int64]
    /// The bonuses, in đồng (null when no base salary is recorded for the date).
    @ExplicitNull public var totalBonusVnd: Int64?
    /// Set when the bonuses left the issuer's award fund overdrawn (the decision stands).
    @ExplicitNull public var fundWarning: FundWarning?

    enum CodingKeys: String, CodingKey {
        case id, number, date, issuer, kind, signer, signerTitle = "signer_title", signerPrefix = "signer_prefix", onBehalf = "on_behalf", legalBasis = "legal_basis",
             commendationType = "commendation_type", achievementPeriod = "achievement_period", recipients, totalBonusVnd = "total_bonus_vnd",
             fundWarning = "fund_warning"
    }

    public init(id: Int64, number: String, date: CivilDate, issuer: String, kind: String, signer: String?, signerTitle: String? = nil,
                signerPrefix: SignerPrefix? = nil, legalBasis: String?, commendationType: CommendationType, achievementPeriod: String?,
                recipients: [Int64], totalBonusVnd: Int64?, fundWarning: FundWarning? = nil) {
        self.id = id
        self.number = number
        self.date = date
        self.issuer = issuer
        self.kind = kind
        self.signer = signer
        self.signerTitle = signerTitle
        self.signerPrefix = signerPrefix
        self.onBehalf = signerPrefix == .kt
        self.legalBasis = legalBasis
        self.commendationType = commendationType
        self.achievementPeriod = achievementPeriod
        self.recipients = recipients
        self.totalBonusVnd = totalBonusVnd
        self.fundWarning = fundWarning
    }

}

/// A decision as its page shows it: the decision and each recipient with its bonus.
public struct DecisionSheet: Sendable, Codable, Equatable {
    public struct Recipient: Sendable, Codable, Equatable {
        public var nominationId: Int64
        public var nominee: String
        public var nomineeType: NomineeType
        public var unit: String
        public var state: NominationState
        @ExplicitNull public var bonusVnd: Int64?

        enum CodingKeys: String, CodingKey {
            case nominationId = "nomination_id", nominee, nomineeType = "nominee_type", unit, state, bonusVnd = "bonus_vnd"
        }
    }
    public var decision: DecisionView
    public var purpose: String
    public var recipientsDetail: [Recipient]

    enum CodingKeys: String, CodingKey { case decision, purpose, recipientsDetail = "recipients" }
}

extension AwardEngine {
    /// Awards many nominations waiting at their deciding tier by one numbered decision, in one
    /// transaction: all or none. Without a number, the issuer's next for the year.
    public func decide(
        org: String, kind: String, nominations ids: [Int64], by principal: Principal, date: CivilDate, number: String? = nil,
        details: DecisionDetails = .init(), vote: VoteTally? = nil, now: Date = Date()
    ) async throws(AwardError) -> DecisionView {
        guard !ids.isEmpty else { throw AwardError(.invalidInput, code: .noNominations, "decide needs at least one nomination id") }
        guard Set(ids).count == ids.count else { throw AwardError(.invalidInput, code: .duplicateIds, "a nomination id is listed twice") }
        // A role that may not decide is asked again, in the transaction, for a delegation to sign.
        if case .refused(let refusal) = Policy.check(principal, .decide), refusal.code != .roleNotAllowed { throw refusal }
        // The decision is the caller's org's: naming another issuer is a mistake of the request.
        guard org.lowercased() == principal.orgCode.lowercased() else {
            throw AwardError(.forbidden, code: .notUsersOrg, "user \(principal.name) acts for \(principal.orgCode), not \(org)",
                             vi: "Người dùng \(principal.name) thuộc \(principal.orgCode): quyết định do \(principal.orgCode) ban hành, không phải \(org).")
        }
        let vote = try vote?.validated()
        let decision = try Self.cleanDecision(DecisionInput(number: number, date: date))!
        let details = try Self.cleanDetails(details)
        let today = Self.today(now)
        guard date <= today else { throw AwardError(.refused, code: .decisionDate, "decision date \(date.iso) is in the future") }
        let cache = packCache
        let view = try await transaction { c in
            let principal = try Self.acting(c, principal, .decide, [.sign], kind: kind, on: today)
            let details = principal.delegation.map { details.signed(under: $0, by: principal.name) } ?? details
            try OrgStore.requireKind(c, code: kind)
            let recorded = try DecisionStore.record(c, issuer: principal.orgId, decision: decision, purpose: "award", kind: kind,
                                                      actor: principal.name, details: details, attach: false)
            for id in ids {
                let step = Step(id: id, principal: principal,
                                command: ActionCommand(action: .approve, decision: decision, vote: vote, details: details),
                                today: today, batch: (recorded.id, kind))
                do {
                    try Self.act(c, step, cache: cache)
                } catch {
                    // Name the nomination that blocks the batch: the whole decision is refused.
                    let refusal = Self.map(error)
                    throw AwardError(refusal.category, code: refusal.code, "nomination \(id) blocks the decision: \(refusal.message)",
                                     vi: "Hồ sơ số \(id) chưa thể đưa vào quyết định: \(refusal.messageVI)", field: refusal.field)
                }
            }
            let signed = try DecisionStore.signedBy(c, id: recorded.id)
            return DecisionView(
                id: recorded.id, number: recorded.number, date: date, issuer: principal.orgCode, kind: kind,
                signer: signed.name, signerTitle: signed.title, signerPrefix: signed.prefix,
                legalBasis: details.legalBasis, commendationType: details.commendationType, achievementPeriod: details.achievementPeriod,
                recipients: ids, totalBonusVnd: try DecisionStore.totalBonus(c, decision: recorded.id))
        }
        metrics.transition(kind: kind, to: .awarded, count: ids.count)
        // The fund is checked at commit (a deferred trigger); its warning, if any, is read back.
        var warned = view
        warned.fundWarning = try await fundWarning(decision: view.id)
        return warned
    }

    /// A decision with its recipients, for its page: visible to the issuer's subtree and to anyone
    /// who sees one of its recipients.
    public func decision(_ id: Int64, viewer: Principal? = nil) async throws(AwardError) -> DecisionSheet {
        try await lease { c in
            guard let found = try DecisionStore.sheet(c, id: id) else {
                throw AwardError(.notFound, code: .unknownDecision, "no decision with id \(id)", vi: "Không có quyết định số \(id).")
            }
            // A closed issuer is held by the unit that took over its records (no read when the caller reaches the issuer).
            try Policy.require(viewer, .readDecision, Subject(org: try Access.heldHome(c, viewer, found.issuer), alsoVisibleVia: found.recipientUnits))
            return found.sheet
        }
    }

    /// Sets the pattern an org's decision numbers follow (`{n}` is the number), e.g. `{n}/QĐ-UBND`.
    public func setDecisionPattern(org: String, pattern: String) async throws(AwardError) {
        guard pattern.contains("{n}"), pattern.count <= 60 else {
            throw AwardError(.invalidInput, code: .badPattern, "a decision number pattern holds {n}, e.g. {n}/QĐ-UBND")
        }
        let pattern = try Text.required(pattern, field: .pattern, maxLength: 60, multiline: false)
        try await transaction { c in
            let org = try OrgStore.org(c, code: org)
            try OrgStore.setDecisionPattern(c, org: org.id, pattern: pattern)
        }
    }

    /// Records the base salary in force from a date.
    public func setBaseSalary(from date: CivilDate, amount: Int64) async throws(AwardError) {
        _ = try Bound.baseSalaryVnd.check(amount)
        try await transaction { c in try DecisionStore.setBaseSalary(c, from: date, amount: amount) }
    }
}
