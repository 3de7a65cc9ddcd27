/// A transitional provision as data: the article it is, what it says, and, for the 2025 reform, the
/// closed tier whose dossiers it hands on and the tier that takes them (`awardctl org reroute`
/// cites it when no reason is given). A pack of Decree 152/2025 carries Article 60's clauses.
public struct TransitionalRule: Sendable, Codable, Equatable {
    /// The article and clause, e.g. "Nghị định 152/2025/NĐ-CP, Điều 60 khoản 3".
    public var provision: String
    /// What it says, in a sentence (a paraphrase, in Vietnamese).
    public var rule: String
    /// The tier the reform closed whose dossiers in flight it hands on (e.g. district).
    public var closedLevel: OrgLevel?
    /// The tier that takes them (e.g. commune).
    public var successorLevel: OrgLevel?

    enum CodingKeys: String, CodingKey {
        case provision, rule, closedLevel = "closed_level", successorLevel = "successor_level"
    }

    public init(provision: String, rule: String, closedLevel: OrgLevel? = nil, successorLevel: OrgLevel? = nil) {
        self.provision = provision
        self.rule = rule
        self.closedLevel = closedLevel
        self.successorLevel = successorLevel
    }

    /// The reason a move under it records: "Theo <provision>: <rule>".
    public var citation: String { "Theo \(provision): \(rule)" }
}
