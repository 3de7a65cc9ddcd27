import Foundation
import AwardPostgres

/// A nomination as `show` prints it and the API returns it.
public struct NominationView: Sendable, Codable, Equatable {
    /// The nominee, as embedded in a nomination.
    public struct Nominee: Sendable, Codable, Equatable {
        public var id: Int64
        public var name: String
        public var type: NomineeType
    }

    /// A decision, as embedded in a nomination.
    public struct DecisionRef: Sendable, Codable, Equatable {
        public var number: String
        public var date: CivilDate
        /// The issuing org's code.
        public var issuer: String
    }

    public var id: Int64
    /// The award kind's code.
    public var kind: String
    public var state: NominationState
    /// The level of the tier it is at (or returns to), e.g. `district`.
    public var tier: OrgLevel
    /// 1-based position of that tier on the route, and the route's length.
    public var tierIndex: Int
    public var tiers: Int
    /// The code of the org it waits at.
    public var org: String
    public var nominee: Nominee
    /// The proposing unit's code.
    public var unit: String
    @ExplicitNull public var year: Int?
    @ExplicitNull public var reason: String?
    @ExplicitNull public var decision: DecisionRef?
    /// The annulling decision, once revoked.
    @ExplicitNull public var revocation: DecisionRef?
    /// Bumped by every transition.
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// The day the tier it waits at must have acted by (working days from the pack).
    @ExplicitNull public var dueOn: CivilDate?
    /// The last day of its public notice, when it has one.
    @ExplicitNull public var noticeUntil: CivilDate?
    /// The bonus in đồng, once awarded.
    @ExplicitNull public var bonusVnd: Int64?
    /// The step inside the tier it is at, when the org works in steps: its code and name.
    @ExplicitNull public var step: String?
    @ExplicitNull public var stepName: String?
    /// The person it is assigned to at the tier: login and name as shown.
    @ExplicitNull public var assignee: String?
    @ExplicitNull public var assigneeName: String?

    enum CodingKeys: String, CodingKey {
        case id, kind, state, tier, tierIndex = "tier_index", tiers, org, nominee, unit, year, reason,
             decision, revocation, version, createdAt = "created_at", updatedAt = "updated_at",
             dueOn = "due_on", noticeUntil = "notice_until", bonusVnd = "bonus_vnd"
        case step, stepName = "step_name", assignee, assigneeName = "assignee_name"
    }

}

/// One row of a nomination's history.
public struct HistoryEntry: Sendable, Codable, Equatable {
    public var seq: Int
    /// `create` or an ``Action``.
    public var command: String
    @ExplicitNull public var fromState: NominationState?
    public var toState: NominationState
    /// The level of the tier that acted.
    public var tier: OrgLevel
    /// The code of the org that acted.
    public var org: String
    /// The login of who acted, and the person behind it (their full name and title, when recorded).
    public var actor: String
    @ExplicitNull public var actorName: String?
    @ExplicitNull public var actorTitle: String?
    /// Set when the step was done under a delegation: the leader it was done for (login, name,
    /// title) and the prefix the delegation names.
    @ExplicitNull public var onBehalfOf: String?
    @ExplicitNull public var onBehalfName: String?
    @ExplicitNull public var onBehalfTitle: String?
    @ExplicitNull public var delegationPrefix: SignerPrefix?
    @ExplicitNull public var reason: String?
    @ExplicitNull public var comment: String?
    /// The decision recorded by this step (award or revocation).
    @ExplicitNull public var decision: NominationView.DecisionRef?
    public var at: Date
    /// The step inside the tier it was done at (code and name), and for an assignment the person given it.
    @ExplicitNull public var step: String?
    @ExplicitNull public var stepName: String?
    @ExplicitNull public var assignee: String?
    @ExplicitNull public var assigneeName: String?

    /// "Nguyễn Thị Lan, Chuyên viên" — the person, as pages name them; the login when no name is recorded.
    /// Under a delegation both people: "Trần Văn Bình, Phó Chủ tịch (KT. Chủ tịch Nguyễn Văn An)".
    public var actorDisplay: String {
        let own = actorName.map { $0 + (actorTitle.map { ", " + $0 } ?? "") } ?? actor
        guard let leader = onBehalfOf else { return own }
        let forWhom = [delegationPrefix?.rawValue, onBehalfTitle, onBehalfName ?? leader].compactMap { $0 }.joined(separator: " ")
        return "\(own) (\(forWhom))"
    }

    enum CodingKeys: String, CodingKey {
        case seq, command, fromState = "from_state", toState = "to_state", tier, org, actor, actorName = "actor_name", actorTitle = "actor_title"
        case onBehalfOf = "on_behalf_of", onBehalfName = "on_behalf_name", onBehalfTitle = "on_behalf_title", delegationPrefix = "delegation_prefix"
        case reason, comment, decision, at, step, stepName = "step_name", assignee, assigneeName = "assignee_name"
    }

}

/// One awardee of a year: an awarded, not revoked, nomination.
public struct Awardee: Sendable, Codable, Equatable {
    public var nominationId: Int64
    public var nominee: String
    public var nomineeType: NomineeType
    public var kind: String
    public var unit: String
    public var decisionNumber: String
    public var decisionDate: CivilDate
    /// The citizen identity number, when an export asked for it (``AwardeeQuery/withCitizenId``);
    /// never encoded, so never in JSON or a cursor.
    public var cccd: String? = nil

    enum CodingKeys: String, CodingKey {
        case nominationId = "nomination_id", nominee, nomineeType = "nominee_type", kind, unit,
             decisionNumber = "decision_number", decisionDate = "decision_date"
    }

    public init(nominationId: Int64, nominee: String, nomineeType: NomineeType, kind: String, unit: String,
                decisionNumber: String, decisionDate: CivilDate) {
        self.nominationId = nominationId
        self.nominee = nominee
        self.nomineeType = nomineeType
        self.kind = kind
        self.unit = unit
        self.decisionNumber = decisionNumber
        self.decisionDate = decisionDate
    }
}
