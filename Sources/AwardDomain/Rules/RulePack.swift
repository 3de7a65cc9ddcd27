import Foundation

/// A rule pack: the catalog in force over a period — kinds, their chains of tiers (with processing
/// limits and council votes), accepted nominee types, prerequisites and bonus coefficients.
///
/// Packs are data, read from a JSON file (`rules/*.json`, `awardctl rules import FILE`): the law
/// changes by date, and a nomination is judged by the pack in force when it was submitted.
public struct RulePack: Sendable, Codable, Equatable {
    public var code: String
    public var version: Int
    public var name: String
    public var validFrom: CivilDate
    public var validTo: CivilDate?
    public var source: String?
    public var kinds: [KindRule]
    /// The transitional provisions of the pack's legal basis, cited by what follows them.
    public var transitional: [TransitionalRule]?
    /// The steps inside a tier, by level (``TierStep``); a level without steps is one box.
    public var steps: [String: [TierStep]]?

    enum CodingKeys: String, CodingKey {
        case code, version, name, validFrom = "valid_from", validTo = "valid_to", source, kinds, transitional, steps
    }

    /// The provision that hands a closed unit's dossiers on: the one naming its level, else one naming none.
    public func transitional(forClosed level: OrgLevel) -> TransitionalRule? {
        transitional?.first { $0.closedLevel == level } ?? transitional?.first { $0.closedLevel == nil && $0.successorLevel != nil }
    }

    /// The rule for `code`, if the pack has the kind.
    /// Code → Vietnamese name of the pack's kinds (the pages' labels).
    public var kindNames: [String: String] {
        Dictionary(kinds.map { ($0.code, $0.nameVi) }, uniquingKeysWith: { first, _ in first })
    }

    public func kind(_ code: String) -> KindRule? {
        kinds.first { $0.code == code }
    }

    /// Whether the pack is in force on `date`.
    public func covers(_ date: CivilDate) -> Bool {
        validFrom <= date && (validTo.map { date <= $0 } ?? true)
    }
}

/// One kind of award in a pack.
public struct KindRule: Sendable, Codable, Equatable {
    public var code: String
    public var nameVi: String
    public var nameEn: String
    /// `commendation` (hình thức khen thưởng) or `title` (danh hiệu thi đua).
    public var category: String
    public var nomineeTypes: [NomineeType]
    /// The tiers, in order; the last decides.
    public var chain: [TierRule]
    public var prerequisites: [Prerequisite]?
    /// Bonus = coefficient × base salary (collectives ×2 for Bằng khen and Giấy khen; households ×1.5).
    public var coefficient: Double?
    /// Working days of public notice before the council tier may vote (none when absent).
    public var publicNoticeDays: Int?
    /// Bonus multiplier for collectives (×2 for Bằng khen and Giấy khen) and households (×1.5).
    public var collectiveMultiplier: Double?
    public var householdMultiplier: Double?
    /// What the law says of it: article, decider, conditions with their sources (pack v6 on).
    public var catalogue: KindCatalogue?

    enum CodingKeys: String, CodingKey {
        case code, nameVi = "name_vi", nameEn = "name_en", category, nomineeTypes = "nominee_types", chain,
             prerequisites, coefficient, publicNoticeDays = "public_notice_days",
             collectiveMultiplier = "collective_multiplier", householdMultiplier = "household_multiplier", catalogue
    }

    /// The tier (1-based, on `levels`) whose vote must wait for the public notice: the first tier
    /// of the route that votes, when the kind requires a notice.
    public func noticeTier(on levels: [OrgLevel]) -> Int? {
        guard publicNoticeDays != nil else { return nil }
        return levels.firstIndex { tier(at: $0)?.vote != nil }.map { $0 + 1 }
    }

    /// The catalog entry this rule describes.
    public var awardKind: AwardKind {
        AwardKind(code: code, nameVi: nameVi, nameEn: nameEn, category: category, nomineeTypes: nomineeTypes, chain: chain.map(\.level))
    }

    /// The tier rule for an org level on this kind's chain.
    public func tier(at level: OrgLevel) -> TierRule? {
        chain.first { $0.level == level }
    }
}

/// One tier of a chain.
public struct TierRule: Sendable, Codable, Equatable {
    public var level: OrgLevel
    /// Processing limit in working days.
    public var limitDays: Int?
    /// The council vote approval needs at this tier, if any.
    public var vote: VoteRule?
    /// Document types the dossier must hold before it may leave this tier.
    public var documents: [String]?
    /// Document types the law lists for the dossier at this tier: shown to the officer as a
    /// checklist, ticked as they are uploaded; only ``documents`` block.
    public var expectedDocuments: [String]?
    /// Where the lists come from (the article of the law or decree).
    public var documentsSource: String?

    enum CodingKeys: String, CodingKey {
        case level, limitDays = "limit_days", vote, documents, expectedDocuments = "expected_documents", documentsSource = "documents_source"
    }
}

/// A council vote requirement: quorum of two thirds present, and `threshold` as a share of all members.
public struct VoteRule: Sendable, Codable, Equatable {
    /// The share of all members who must vote in favour (0.8 = 80%).
    public var threshold: Double
    /// Whether the ballot is secret (default yes).
    public var secretBallot: Bool?

    enum CodingKeys: String, CodingKey { case threshold, secretBallot = "secret_ballot" }
}

/// A prerequisite: a rule the engine implements, with its parameters and legal source.
public struct Prerequisite: Sendable, Codable, Equatable {
    /// `consecutive_awards`, `same_year_award_and_merit`, `prior_award_then_ratings` or
    /// `registration_required`.
    public var rule: String
    public var kind: String?
    public var kinds: [String]?
    public var count: Int?
    public var years: Int?
    public var minRating: TaskRating?
    public var includingKind: String?
    public var includingCount: Int?
    /// The first achievement year the rule applies to (earlier years are judged without it).
    public var fromYear: Int?
    /// Nominee types the rule applies to (all when absent).
    public var appliesTo: [NomineeType]?
    /// Where the rule comes from, shown with every refusal.
    public var source: String

    enum CodingKeys: String, CodingKey {
        case rule, kind, kinds, count, years, minRating = "min_rating", includingKind = "including_kind",
             includingCount = "including_count", fromYear = "from_year", appliesTo = "applies_to", source
    }

    package static let known = ["consecutive_awards", "same_year_award_and_merit", "prior_award_then_ratings", "registration_required"]
}

/// A yearly task rating, best first.
public enum TaskRating: String, ClosedVocabulary, Sendable, Codable, CaseIterable, Comparable {
    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

    /// Hoàn thành xuất sắc nhiệm vụ.
    case htxsnv = "HTXSNV"
    /// Hoàn thành tốt nhiệm vụ.
    case httnv = "HTTNV"
    /// Hoàn thành nhiệm vụ.
    case htnv = "HTNV"
    /// Không hoàn thành nhiệm vụ.
    case khtnv = "KHTNV"

    /// 3 for the best rating down to 0: the cases are declared best first.
    package var rank: Int {
        Self.allCases.count - 1 - Self.allCases.firstIndex(of: self)!
    }

    public static func < (lhs: TaskRating, rhs: TaskRating) -> Bool { lhs.rank < rhs.rank }
}
