/// What the law says of a kind, as the pack's catalogue records it (`catalogue` of a kind): the
/// article that defines it, who decides and how it is proposed, its family of commendation, where
/// its bonus comes from, and its conditions, each either checked by the engine from the record
/// (ratings, prior awards, years: one of the kind's `prerequisites`) or attested by the proposing
/// officer when the dossier is sent up, each with its source.
public struct KindCatalogue: Sendable, Codable, Equatable {
    /// How a condition is judged.
    public enum Check: String, Sendable, Codable, CaseIterable, ClosedVocabulary {
        /// By the engine, from the record: a `prerequisites` rule of the kind (named by `rule`).
        case machine
        /// By the proposing officer, who attests it by sending the dossier up (with its documents).
        case attested

        public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

        public var vietnamese: String { self == .machine ? "Hệ thống kiểm tra" : "Cơ quan trình xác nhận" }
    }

    public struct Condition: Sendable, Codable, Equatable {
        public var text: String
        public var check: Check
        /// For a machine-checked condition: the prerequisite rule that checks it.
        public var rule: String?
        public var source: String
    }

    /// order, medal, honorary_title, prize, commemorative, certificate, letter, emulation_title.
    public var group: String
    public var article: String
    /// president, prime_minister, government, national_assembly_standing_committee,
    /// minister_or_province, unit_head_or_commune.
    public var decidedBy: String
    public var decidedByVi: String
    public var proposedThroughVi: String
    public var family: CommendationType
    public var coefficientSource: String
    public var conditions: [Condition]
    /// Whether the article numbers were read in the law's own text (docs/research/law-catalogue-notes.md).
    public var verified: Bool

    enum CodingKeys: String, CodingKey {
        case group, article, decidedBy = "decided_by", decidedByVi = "decided_by_vi", proposedThroughVi = "proposed_through_vi", family
        case coefficientSource = "coefficient_source", conditions, verified
    }

    static let deciders: Set<String> = ["president", "prime_minister", "government", "national_assembly_standing_committee",
                                        "minister_or_province", "unit_head_or_commune"]

    /// Why the description is not usable, or `nil`.
    func problem(prerequisites: [Prerequisite]) -> String? {
        if article.isEmpty { return "catalogue.article is empty" }
        if !Self.deciders.contains(decidedBy) { return "catalogue.decided_by \(decidedBy) is not one of \(Self.deciders.sorted().joined(separator: ", "))" }
        if conditions.isEmpty { return "catalogue.conditions is empty" }
        for condition in conditions {
            if condition.source.isEmpty || condition.text.isEmpty { return "a condition needs its text and source" }
            if condition.check == .machine, !prerequisites.contains(where: { $0.rule == condition.rule }) {
                return "a machine-checked condition names rule \(condition.rule ?? "nil"), which is not among the kind's prerequisites"
            }
        }
        return nil
    }
}

extension KindRule {
    /// Whether "who qualifies this year" lists the kind: the engine judges something of it (a
    /// machine-checked condition), or it is decided at the commune or province, as every kind was
    /// before the catalogue. A State honour whose conditions are all attested is proposed by the
    /// officer, never suggested to everyone.
    public var suggestible: Bool {
        guard let catalogue else { return true }
        return !(prerequisites ?? []).isEmpty || ["unit_head_or_commune", "minister_or_province"].contains(catalogue.decidedBy)
    }
}
