import AwardDomain

/// An organisation in time, as `awardctl org show` and its web page show it: what it is, when it
/// was in force, the units it continues and those that continue it, and its awards.
public struct OrgProfile: Sendable, Encodable, Equatable {
    public struct Link: Sendable, Encodable, Equatable {
        public var code: String
        public var name: String
        public var level: OrgLevel
        /// Its NSO code, when it has one.
        public var officialCode: String?
        /// merged, split, renamed, moved or covers (``LineageRecord/Relation``).
        public var relation: String
        public var partly: Bool
        public var effective: CivilDate
        /// 1 for a direct predecessor or successor, 2 for one of theirs, and so on.
        public var distance: Int
        /// Whether the unit is closed (its validity ended).
        public var validTo: CivilDate?

        enum CodingKeys: String, CodingKey { case code, name, level, officialCode = "official_code", relation, partly, effective, distance, validTo = "valid_to" }
    }

    public struct YearCount: Sendable, Encodable, Equatable {
        public var year: Int
        /// Awards proposed by the org and the units below it.
        public var own: Int
        /// The same with the units it continues (``OrgProfile/predecessors``, records taken over whole).
        public var includingPredecessors: Int

        enum CodingKeys: String, CodingKey { case year, own, includingPredecessors = "including_predecessors" }
    }

    public struct IssuedDecision: Sendable, Encodable, Equatable {
        public var id: Int64
        public var number: String
        public var decidedOn: CivilDate
        public var awards: Int

        enum CodingKeys: String, CodingKey { case id, number, decidedOn = "decided_on", awards }
    }

    public var code: String
    public var name: String
    public var level: OrgLevel
    public var officialCode: String?
    public var divisionType: String?
    public var validFrom: CivilDate?
    public var validTo: CivilDate?
    public var parent: String?
    public var parentName: String?
    /// The units it continues, nearest first (at most 500).
    public var predecessors: [Link]
    /// The units that continue it, nearest first (at most 500): for a closed unit, "nay là …".
    public var successors: [Link]
    public var awardsByYear: [YearCount]
    /// The latest decisions it issued (at most 20), and how many in all.
    public var decisions: [IssuedDecision]
    public var decisionCount: Int
    /// ``nowVietnamese`` as it was when read (for the JSON form).
    public var now: String?
    /// Who may sign for it, with the titles they sign under.
    public var signers: [OrgSigner] = []

    enum CodingKeys: String, CodingKey {
        case code, name, level, officialCode = "official_code", divisionType = "division_type", validFrom = "valid_from", validTo = "valid_to"
        case parent, parentName = "parent_name", predecessors, successors, awardsByYear = "awards_by_year", decisions
        case decisionCount = "decision_count", now, signers
    }

    /// "nay là Phường Lào Cai" / "nay thuộc Xã A, Xã B (Tỉnh Lào Cai)" for a closed unit with
    /// successors in force; nil otherwise.
    public var nowVietnamese: String? { Self.now(closed: validTo != nil, successors: successors) }

    /// "nay là …" / "nay thuộc …" from a closed unit's successors (those at distance 1 in force).
    static func now(closed: Bool, successors: [Link]) -> String? {
        let direct = successors.filter { $0.distance == 1 && $0.validTo == nil }
        guard closed, !direct.isEmpty else { return nil }
        if direct.count == 1, !direct[0].partly, direct[0].relation != "covers" { return "nay là \(direct[0].name)" }
        let below = direct.filter { $0.level != .province }.map(\.name)
        let provinces = direct.filter { $0.level == .province }.map(\.name)
        if below.isEmpty { return "nay thuộc " + provinces.joined(separator: ", ") }
        return "nay thuộc " + below.joined(separator: ", ") + (provinces.isEmpty ? "" : " (\(provinces.joined(separator: ", ")))")
    }
}

/// An organisation found by name (the search page): a closed one says what it is now.
public struct OrgHit: Sendable, Equatable {
    public var code: String
    public var name: String
    public var level: OrgLevel
    public var validTo: CivilDate?
    /// "nay là Phường Lào Cai" for a unit closed by a merger.
    public var now: String?
}
