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
    public var year: Int?
    public var reason: String?
    public var decision: DecisionRef?
    /// The annulling decision, once revoked.
    public var revocation: DecisionRef?
    /// Bumped by every transition.
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// The day the tier it waits at must have acted by (working days from the pack).
    public var dueOn: CivilDate? = nil
    /// The last day of its public notice, when it has one.
    public var noticeUntil: CivilDate? = nil
    /// The bonus in đồng, once awarded.
    public var bonusVnd: Int64? = nil

    enum CodingKeys: String, CodingKey {
        case id, kind, state, tier, tierIndex = "tier_index", tiers, org, nominee, unit, year, reason,
             decision, revocation, version, createdAt = "created_at", updatedAt = "updated_at",
             dueOn = "due_on", noticeUntil = "notice_until", bonusVnd = "bonus_vnd"
    }

    public func encode(to encoder: any Encoder) throws {
        // Explicit so that absent values are written as null, as the documented shape says.
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(state, forKey: .state)
        try c.encode(tier, forKey: .tier)
        try c.encode(tierIndex, forKey: .tierIndex)
        try c.encode(tiers, forKey: .tiers)
        try c.encode(org, forKey: .org)
        try c.encode(nominee, forKey: .nominee)
        try c.encode(unit, forKey: .unit)
        try c.encode(year, forKey: .year)
        try c.encode(reason, forKey: .reason)
        try c.encode(decision, forKey: .decision)
        try c.encode(revocation, forKey: .revocation)
        try c.encode(version, forKey: .version)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(dueOn, forKey: .dueOn)
        try c.encode(noticeUntil, forKey: .noticeUntil)
        try c.encode(bonusVnd, forKey: .bonusVnd)
    }
}

/// One row of a nomination's history.
public struct HistoryEntry: Sendable, Codable, Equatable {
    public var seq: Int
    /// `create` or an ``Action``.
    public var command: String
    public var fromState: NominationState?
    public var toState: NominationState
    /// The level of the tier that acted.
    public var tier: OrgLevel
    /// The code of the org that acted.
    public var org: String
    public var actor: String
    public var reason: String?
    public var comment: String?
    /// The decision recorded by this step (award or revocation).
    public var decision: NominationView.DecisionRef?
    public var at: Date

    enum CodingKeys: String, CodingKey {
        case seq, command, fromState = "from_state", toState = "to_state", tier, org, actor, reason, comment, decision, at
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(seq, forKey: .seq)
        try c.encode(command, forKey: .command)
        try c.encode(fromState, forKey: .fromState)
        try c.encode(toState, forKey: .toState)
        try c.encode(tier, forKey: .tier)
        try c.encode(org, forKey: .org)
        try c.encode(actor, forKey: .actor)
        try c.encode(reason, forKey: .reason)
        try c.encode(comment, forKey: .comment)
        try c.encode(decision, forKey: .decision)
        try c.encode(at, forKey: .at)
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

    enum CodingKeys: String, CodingKey {
        case nominationId = "nomination_id", nominee, nomineeType = "nominee_type", kind, unit,
             decisionNumber = "decision_number", decisionDate = "decision_date"
    }
}
