import Foundation

/// A campaign (phong trào thi đua) as pages, the API and awardctl show it.
public struct Campaign: Sendable, Codable, Equatable {
    public struct Document: Sendable, Codable, Equatable {
        public var title: String
        public var number: String?
        public var issuedOn: CivilDate?

        public init(title: String, number: String? = nil, issuedOn: CivilDate? = nil) {
            self.title = title
            self.number = number
            self.issuedOn = issuedOn
        }

        enum CodingKeys: String, CodingKey { case title, number, issuedOn = "issued_on" }
    }
    /// An award the campaign offers: how many proposals each unit may raise, and the amount.
    public struct Award: Sendable, Codable, Equatable {
        public var kind: String
        public var kindName: String?
        public var perUnitQuota: Int?
        public var amountVnd: Int64?

        public init(kind: String, perUnitQuota: Int? = nil, amountVnd: Int64? = nil) {
            self.kind = kind
            self.perUnitQuota = perUnitQuota
            self.amountVnd = amountVnd
        }

        enum CodingKeys: String, CodingKey { case kind, kindName = "kind_name", perUnitQuota = "per_unit_quota", amountVnd = "amount_vnd" }
    }
    public struct Criterion: Sendable, Codable, Equatable {
        public var kind: String
        public var text: String
        public var mandatory: Bool
        public var source: String?

        public init(kind: String, text: String, mandatory: Bool = true, source: String? = nil) {
            self.kind = kind
            self.text = text
            self.mandatory = mandatory
            self.source = source
        }
    }
    /// One change of state, with who and why.
    public struct Step: Sendable, Codable, Equatable {
        public var seq: Int
        public var from: CampaignState?
        public var to: CampaignState
        public var actor: String
        public var reason: String?
        public var at: String
    }

    public var id: Int64
    public var code: String
    public var org: String
    public var orgName: String
    public var name: String
    public var theme: String?
    public var kind: CampaignKind
    public var duration: CampaignDuration
    public var startsOn: CivilDate
    public var endsOn: CivilDate
    public var requiresRegistration: Bool
    public var launchNumber: String?
    public var launchDate: CivilDate?
    public var cluster: String?
    public var state: CampaignState
    public var version: Int
    /// Named units in scope (empty: the launching org's subtree, or the cluster's members).
    public var units: [String]
    public var documents: [Document]
    public var awards: [Award]
    public var criteria: [Criterion]
    public var history: [Step]

    enum CodingKeys: String, CodingKey {
        case id, code, org, orgName = "org_name", name, theme, kind, duration, startsOn = "starts_on", endsOn = "ends_on",
             requiresRegistration = "requires_registration", launchNumber = "launch_number", launchDate = "launch_date",
             cluster, state, version, units, documents, awards, criteria, history
    }

    /// The years the campaign spans.
    public var years: ClosedRange<Int> { startsOn.year...endsOn.year }
}

/// What launching a campaign needs.
public struct CampaignRequest: Sendable, Equatable {
    public var code: String
    /// The launching org's code.
    public var org: String
    public var name: String
    public var theme: String?
    public var kind: CampaignKind
    public var startsOn: CivilDate
    public var endsOn: CivilDate
    public var requiresRegistration: Bool
    public var launchNumber: String?
    public var launchDate: CivilDate?
    /// A cluster's campaign: its members are the scope.
    public var cluster: String?
    /// Named units (codes); none: the launching org's subtree.
    public var units: [String]
    public var documents: [Campaign.Document]
    public var awards: [Campaign.Award]
    public var criteria: [Campaign.Criterion]

    public init(code: String, org: String, name: String, theme: String? = nil, kind: CampaignKind = .regular,
                startsOn: CivilDate, endsOn: CivilDate, requiresRegistration: Bool = true, launchNumber: String? = nil,
                launchDate: CivilDate? = nil, cluster: String? = nil, units: [String] = [], documents: [Campaign.Document] = [],
                awards: [Campaign.Award] = [], criteria: [Campaign.Criterion] = []) {
        self.code = code
        self.org = org
        self.name = name
        self.theme = theme
        self.kind = kind
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.requiresRegistration = requiresRegistration
        self.launchNumber = launchNumber
        self.launchDate = launchDate
        self.cluster = cluster
        self.units = units
        self.documents = documents
        self.awards = awards
        self.criteria = criteria
    }
}

/// A campaign's figures: per unit (registrations, reviews as MISA counts them, awards) and per
/// award (by nominee type, against the quota), with the report's Vietnamese sentence.
public struct CampaignReport: Sendable, Codable, Equatable {
    public struct UnitRow: Sendable, Codable, Equatable {
        public var org: String
        public var orgName: String
        public var registrationState: RegistrationState?
        /// Collectives and individuals registered.
        public var registered: Int
        /// Reviewed by the unit's council.
        public var reviewed: Int
        /// Proposed (here or higher).
        public var proposed: Int
        public var notReached: Int
        /// Raised to a higher level.
        public var raisedHigher: Int
        /// Awarded by the unit's own authority (the decision's issuer is the reviewing unit or its commune).
        public var awardedHere: Int
        /// Awarded, at any level.
        public var awarded: Int

        enum CodingKeys: String, CodingKey {
            case org, orgName = "org_name", registrationState = "registration_state", registered, reviewed, proposed,
                 notReached = "not_reached", raisedHigher = "raised_higher", awardedHere = "awarded_here", awarded
        }
    }
    public struct AwardRow: Sendable, Codable, Equatable {
        public var kind: String
        public var kindName: String
        public var collectives: Int
        public var individuals: Int
        public var households: Int
        /// The campaign's per-unit quota times the units that proposed, when it has one.
        public var perUnitQuota: Int?

        enum CodingKeys: String, CodingKey { case kind, kindName = "kind_name", collectives, individuals, households, perUnitQuota = "per_unit_quota" }
    }

    public var campaign: String
    public var name: String
    public var year: Int?
    public var units: [UnitRow]
    public var total: UnitRow
    public var awards: [AwardRow]
    /// "Qua đó khen thưởng 13 tập thể, 36 cá nhân có thành tích tiêu biểu …".
    public var sentence: String
}

/// Campaigns counted for statistics form 0601: by launching body, kind and duration.
public struct CampaignCount: Sendable, Codable, Equatable {
    public var body: String
    public var bodyName: String
    public var kind: CampaignKind
    public var duration: CampaignDuration
    public var count: Int

    enum CodingKeys: String, CodingKey { case body, bodyName = "body_name", kind, duration, count }
}
