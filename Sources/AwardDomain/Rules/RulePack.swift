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

    enum CodingKeys: String, CodingKey {
        case code, version, name, validFrom = "valid_from", validTo = "valid_to", source, kinds
    }

    /// The rule for `code`, if the pack has the kind.
    public func kind(_ code: String) -> KindRule? {
        kinds.first { $0.code == code }
    }

    /// Whether the pack is in force on `date`.
    public func covers(_ date: CivilDate) -> Bool {
        validFrom <= date && (validTo.map { date <= $0 } ?? true)
    }

    package init(code: String, version: Int, name: String, validFrom: CivilDate, validTo: CivilDate? = nil, source: String? = nil, kinds: [KindRule]) {
        self.code = code
        self.version = version
        self.name = name
        self.validFrom = validFrom
        self.validTo = validTo
        self.source = source
        self.kinds = kinds
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

    enum CodingKeys: String, CodingKey {
        case code, nameVi = "name_vi", nameEn = "name_en", category, nomineeTypes = "nominee_types", chain,
             prerequisites, coefficient, publicNoticeDays = "public_notice_days",
             collectiveMultiplier = "collective_multiplier", householdMultiplier = "household_multiplier"
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

    package init(code: String, nameVi: String, nameEn: String, category: String, nomineeTypes: [NomineeType], chain: [TierRule], prerequisites: [Prerequisite]? = nil, coefficient: Double? = nil, publicNoticeDays: Int? = nil, collectiveMultiplier: Double? = nil, householdMultiplier: Double? = nil) {
        self.code = code
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.category = category
        self.nomineeTypes = nomineeTypes
        self.chain = chain
        self.prerequisites = prerequisites
        self.coefficient = coefficient
        self.publicNoticeDays = publicNoticeDays
        self.collectiveMultiplier = collectiveMultiplier
        self.householdMultiplier = householdMultiplier
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

    enum CodingKeys: String, CodingKey { case level, limitDays = "limit_days", vote, documents }

    package init(level: OrgLevel, limitDays: Int? = nil, vote: VoteRule? = nil, documents: [String]? = nil) {
        self.level = level
        self.limitDays = limitDays
        self.vote = vote
        self.documents = documents
    }
}

/// A council vote requirement: quorum of two thirds present, and `threshold` as a share of all members.
public struct VoteRule: Sendable, Codable, Equatable {
    /// The share of all members who must vote in favour (0.8 = 80%).
    public var threshold: Double
    /// Whether the ballot is secret (default yes).
    public var secretBallot: Bool?

    enum CodingKeys: String, CodingKey { case threshold, secretBallot = "secret_ballot" }

    package init(threshold: Double, secretBallot: Bool? = nil) {
        self.threshold = threshold
        self.secretBallot = secretBallot
    }
}

/// A prerequisite: a rule the engine implements, with its parameters and legal source.
public struct Prerequisite: Sendable, Codable, Equatable {
    /// `consecutive_awards`, `same_year_award_and_merit` or `prior_award_then_ratings`.
    public var rule: String
    public var kind: String?
    public var kinds: [String]?
    public var count: Int?
    public var years: Int?
    public var minRating: TaskRating?
    public var includingKind: String?
    public var includingCount: Int?
    /// Nominee types the rule applies to (all when absent).
    public var appliesTo: [NomineeType]?
    /// Where the rule comes from, shown with every refusal.
    public var source: String

    enum CodingKeys: String, CodingKey {
        case rule, kind, kinds, count, years, minRating = "min_rating", includingKind = "including_kind",
             includingCount = "including_count", appliesTo = "applies_to", source
    }

    package static let known = ["consecutive_awards", "same_year_award_and_merit", "prior_award_then_ratings"]

    package init(rule: String, kind: String? = nil, kinds: [String]? = nil, count: Int? = nil, years: Int? = nil, minRating: TaskRating? = nil, includingKind: String? = nil, includingCount: Int? = nil, appliesTo: [NomineeType]? = nil, source: String) {
        self.rule = rule
        self.kind = kind
        self.kinds = kinds
        self.count = count
        self.years = years
        self.minRating = minRating
        self.includingKind = includingKind
        self.includingCount = includingCount
        self.appliesTo = appliesTo
        self.source = source
    }
}

/// A yearly task rating, best first.
public enum TaskRating: String, Sendable, Codable, CaseIterable, Comparable {
    /// Hoàn thành xuất sắc nhiệm vụ.
    case htxsnv = "HTXSNV"
    /// Hoàn thành tốt nhiệm vụ.
    case httnv = "HTTNV"
    /// Hoàn thành nhiệm vụ.
    case htnv = "HTNV"
    /// Không hoàn thành nhiệm vụ.
    case khtnv = "KHTNV"

    package var rank: Int {
        switch self {
        case .htxsnv: 3
        case .httnv: 2
        case .htnv: 1
        case .khtnv: 0
        }
    }

    public static func < (lhs: TaskRating, rhs: TaskRating) -> Bool { lhs.rank < rhs.rank }
}

extension RulePack {
    /// Parses and validates a pack file. Every refusal names the line and what is wrong.
    public static func parse(_ text: String) throws(AwardError) -> RulePack {
        let data = Data(text.utf8)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            // Foundation reports the offset as "NSJSONSerializationErrorIndex" or inside its description
            // ("… around character 49.", or "line 5, column 3" on some platforms).
            let info = (error as NSError).userInfo
            var index = info["NSJSONSerializationErrorIndex"] as? Int
            let description = (info["NSDebugDescription"] as? String) ?? ""
            if index == nil, let range = description.range(of: #"character (\d+)"#, options: .regularExpression) {
                index = Int(description[range].split(separator: " ").last ?? "")
            }
            var line = index.map { Self.line(of: $0, in: text) }
            if line == nil, let range = description.range(of: #"line (\d+)"#, options: .regularExpression) {
                line = Int(description[range].split(separator: " ").last ?? "")
            }
            throw AwardError(.invalidInput, code: .badPack, "rule pack\(line.map { ", line \($0)" } ?? ""): not valid JSON")
        }
        guard json is [String: Any] else {
            throw AwardError(.invalidInput, code: .badPack, "rule pack, line 1: the file must hold one JSON object")
        }
        let pack: RulePack
        do {
            pack = try JSONDecoder().decode(RulePack.self, from: data)
        } catch let error as DecodingError {
            throw Self.refusal(error, text: text)
        } catch {
            throw AwardError(.invalidInput, code: .badPack, "rule pack: \(error)")
        }
        try pack.validate(text: text)
        return pack
    }

    package func validate(text: String) throws(AwardError) {
        func refuse(_ near: String, _ message: String) -> AwardError {
            AwardError(.invalidInput, code: .badPack, "rule pack, line \(Self.line(ofFirst: near, in: text)): \(message)")
        }
        guard code.range(of: "^[a-z0-9][a-z0-9.-]{0,63}$", options: .regularExpression) != nil else {
            throw refuse("\"code\"", "code \(code) must be lower-case letters, digits, '.' or '-'")
        }
        guard version >= 1 else { throw refuse("\"version\"", "version must be 1 or more") }
        if let validTo, validTo < validFrom { throw refuse("\"valid_to\"", "valid_to \(validTo.iso) is before valid_from \(validFrom.iso)") }
        guard !kinds.isEmpty else { throw refuse("\"kinds\"", "a pack needs at least one kind") }
        var seen: Set<String> = []
        for kind in kinds {
            let near = "\"\(kind.code)\""
            guard kind.code.range(of: "^[a-z0-9][a-z0-9-]{0,63}$", options: .regularExpression) != nil else {
                throw refuse(near, "kind code \(kind.code) must be lower-case letters, digits or '-'")
            }
            guard seen.insert(kind.code).inserted else { throw refuse(near, "kind \(kind.code) appears twice") }
            guard !kind.nomineeTypes.isEmpty else { throw refuse(near, "kind \(kind.code) accepts no nominee type") }
            guard !kind.chain.isEmpty else { throw refuse(near, "kind \(kind.code) has an empty chain") }
            guard Set(kind.chain.map(\.level)).count == kind.chain.count else {
                throw refuse(near, "kind \(kind.code) names a level twice in its chain")
            }
            for tier in kind.chain {
                if let vote = tier.vote, !(vote.threshold > 0 && vote.threshold <= 1) {
                    throw refuse(near, "kind \(kind.code): the vote threshold at \(tier.level.rawValue) must be above 0 and at most 1")
                }
                if let days = tier.limitDays, days < 1 { throw refuse(near, "kind \(kind.code): limit_days must be at least 1") }
                for document in tier.documents ?? [] where DocumentType(rawValue: document) == nil {
                    throw refuse(near, "kind \(kind.code): unknown document type \(document) (known: \(DocumentType.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            }
            if let coefficient = kind.coefficient, coefficient < 0 { throw refuse(near, "kind \(kind.code): coefficient must not be negative") }
            for prerequisite in kind.prerequisites ?? [] {
                guard Prerequisite.known.contains(prerequisite.rule) else {
                    throw refuse(near, "kind \(kind.code): unknown prerequisite rule \(prerequisite.rule) (known: \(Prerequisite.known.joined(separator: ", ")))")
                }
                let missing: String? = switch prerequisite.rule {
                case "consecutive_awards": prerequisite.kind == nil ? "kind" : (prerequisite.count ?? 0) < 1 ? "count" : nil
                case "same_year_award_and_merit": prerequisite.kind == nil ? "kind" : nil
                default: (prerequisite.kinds ?? []).isEmpty ? "kinds" : (prerequisite.years ?? 0) < 1 ? "years" : nil
                }
                if let missing { throw refuse(near, "kind \(kind.code): prerequisite \(prerequisite.rule) needs \(missing)") }
            }
        }
    }

    package static func refusal(_ error: DecodingError, text: String) -> AwardError {
        func place(_ path: [any CodingKey]) -> (String, Int) {
            let keys = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            let dotted = keys.hasPrefix(".") ? String(keys.dropFirst()) : keys
            let last = path.last(where: { $0.intValue == nil })?.stringValue
            // The line of the kind being read, then of the key within it.
            var line = 1
            if let index = path.first(where: { $0.stringValue == "kinds" }).flatMap({ _ in path.dropFirst().first?.intValue }) {
                line = Self.line(ofOccurrence: index, of: "\"code\"", in: text, after: "\"kinds\"")
            }
            if let last { line = Self.line(ofFirst: "\"\(last)\"", in: text, from: line) }
            return (dotted.isEmpty ? "the pack" : dotted, line)
        }
        switch error {
        case .keyNotFound(let key, let context):
            let (path, line) = place(context.codingPath)
            return AwardError(.invalidInput, code: .badPack, "rule pack, line \(line): \(path) is missing \(key.stringValue)")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let (path, line) = place(context.codingPath)
            return AwardError(.invalidInput, code: .badPack, "rule pack, line \(line): \(path): \(context.debugDescription)")
        @unknown default:
            return AwardError(.invalidInput, code: .badPack, "rule pack: \(error)")
        }
    }

    package static func line(of index: Int, in text: String) -> Int {
        text.utf8.prefix(index).reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    package static func line(ofFirst needle: String, in text: String, from startLine: Int = 1) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() where number + 1 >= startLine && line.contains(needle) { return number + 1 }
        return startLine
    }

    package static func line(ofOccurrence occurrence: Int, of needle: String, in text: String, after anchor: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var seenAnchor = false
        var count = -1
        for (number, line) in lines.enumerated() {
            if !seenAnchor { seenAnchor = line.contains(anchor); continue }
            if line.contains(needle) {
                count += 1
                if count == occurrence { return number + 1 }
            }
        }
        return 1
    }
}
