import Foundation

/// A unit's registration (đăng ký thi đua) for a campaign and year.
public struct Registration: Sendable, Codable, Equatable {
    public struct Entry: Sendable, Codable, Equatable {
        public var id: Int64
        public var nomineeId: Int64
        public var nominee: String
        public var nomineeType: NomineeType
        public var kinds: [String]
        public var targets: String?

        enum CodingKeys: String, CodingKey { case id, nomineeId = "nominee_id", nominee, nomineeType = "nominee_type", kinds, targets }
    }
    public struct Step: Sendable, Codable, Equatable {
        public var seq: Int
        public var from: RegistrationState?
        public var to: RegistrationState
        public var actor: String
        public var reason: String?
        public var at: String
    }

    public var id: Int64
    public var campaign: String
    public var org: String
    public var orgName: String
    public var year: Int
    public var state: RegistrationState
    public var version: Int
    public var entries: [Entry]
    public var history: [Step]

    enum CodingKeys: String, CodingKey { case id, campaign, org, orgName = "org_name", year, state, version, entries, history }
}

/// One collective or individual to register: an existing nominee, or a new one by name and type.
public struct RegistrationEntryInput: Sendable, Equatable {
    public var nomineeId: Int64?
    public var name: String?
    public var type: NomineeType?
    public var kinds: [String]
    public var targets: String?

    public init(nomineeId: Int64? = nil, name: String? = nil, type: NomineeType? = nil, kinds: [String], targets: String? = nil) {
        self.nomineeId = nomineeId
        self.name = name
        self.type = type
        self.kinds = kinds
        self.targets = targets
    }
}

/// A unit council's review of one registrant.
public struct Review: Sendable, Codable, Equatable {
    public var campaign: String
    public var year: Int
    public var nomineeId: Int64
    public var nominee: String
    public var nomineeType: NomineeType
    public var org: String
    public var result: ReviewResult
    public var kind: String?
    public var criteriaMet: Bool
    public var vote: VoteTally?
    public var note: String?
    public var nominationId: Int64?

    enum CodingKeys: String, CodingKey {
        case campaign, year, nomineeId = "nominee_id", nominee, nomineeType = "nominee_type", org, result, kind,
             criteriaMet = "criteria_met", vote, note, nominationId = "nomination_id"
    }
}

/// What recording a review needs.
public struct ReviewInput: Sendable, Equatable {
    public var nomineeId: Int64
    public var result: ReviewResult
    public var kind: String?
    public var criteriaMet: Bool
    public var vote: VoteTally?
    public var note: String?

    public init(nomineeId: Int64, result: ReviewResult, kind: String? = nil, criteriaMet: Bool = true, vote: VoteTally? = nil, note: String? = nil) {
        self.nomineeId = nomineeId
        self.result = result
        self.kind = kind
        self.criteriaMet = criteriaMet
        self.vote = vote
        self.note = note
    }
}
