import Foundation
import AwardPostgres

/// A quota as `quota list` shows it.
public struct QuotaInfo: Sendable, Codable, Equatable {
    public var org: String
    public var kind: String
    public var year: Int
    public var nomineeType: NomineeType?
    public var campaign: String?
    public var limit: Int?
    public var ratio: Double?
    public var ratioOf: String?
    public var used: Int

    enum CodingKeys: String, CodingKey {
        case org, kind, year, nomineeType = "nominee_type", campaign, limit, ratio, ratioOf = "ratio_of", used
    }
}

extension AwardEngine {
    // MARK: Ratings, initiatives, discipline, earlier awards

    /// Records (or corrects) a nominee's task rating for a year.
    public func setRating(nominee: Int64, year: Int, rating: TaskRating, by actor: String) async throws(AwardError) {
        try Self.checkYear(year)
        try await transaction { c in try NomineeStore.setRating(c, nominee: nominee, year: year, rating: rating, by: actor) }
    }

    /// Imports ratings from CSV (`nominee_id,year,rating`, header optional), all or none; returns how many.
    public func importRatings(csv: String, by actor: String) async throws(AwardError) -> Int {
        var rows: [(Int64, Int, TaskRating)] = []
        for (index, raw) in csv.replacingOccurrences(of: "\u{FEFF}", with: "").split(whereSeparator: \.isNewline).enumerated() {
            let fields = raw.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if index == 0, fields.first?.lowercased() == "nominee_id" { continue }
            guard fields.count == 3, let nominee = Int64(fields[0]), let year = Int(fields[1]),
                  let rating = TaskRating(rawValue: fields[2].uppercased()), (1945...2200).contains(year) else {
                throw AwardError(.invalidInput, code: .badCsv, "ratings CSV, line \(index + 1): expected nominee_id,year,rating (HTXSNV, HTTNV, HTNV or KHTNV), got \(raw)")
            }
            rows.append((nominee, year, rating))
        }
        let parsed = rows
        return try await transaction { c in
            for (nominee, year, rating) in parsed {
                try NomineeStore.setRating(c, nominee: nominee, year: year, rating: rating, by: actor)
            }
            return parsed.count
        }
    }

    /// Records a recognised initiative.
    public func addInitiative(nominee: Int64, year: Int, scope: String, title: String) async throws(AwardError) {
        try Self.checkYear(year)
        guard ["unit", "province", "national"].contains(scope) else {
            throw AwardError(.invalidInput, code: .badScope, "scope must be unit, province or national")
        }
        let title = try Text.required(title, field: .title, maxLength: 500)
        try await transaction { c in try NomineeStore.addInitiative(c, nominee: nominee, year: year, scope: scope, title: title) }
    }

    /// Records a disciplinary status: `review` (blocks nominations until `to`, open-ended when nil)
    /// or `penalty` (achievements count from its end).
    public func addDiscipline(nominee: Int64, status: String, from: CivilDate, to: CivilDate?, note: String?) async throws(AwardError) {
        guard ["review", "penalty"].contains(status) else {
            throw AwardError(.invalidInput, code: .badStatus, "status must be review or penalty")
        }
        if status == "penalty" && to == nil {
            throw AwardError(.invalidInput, code: .penaltyEndRequired, "a penalty needs its end date (--to)")
        }
        if let to, to < from { throw AwardError(.invalidInput, code: .badPeriod, "--to is before --from") }
        let note = try Text.optional(note, field: .note)
        try await transaction { c in try NomineeStore.addDiscipline(c, nominee: nominee, status: status, from: from, to: to, note: note) }
    }

    /// Imports an award decided before the engine existed, so that it counts for later prerequisites.
    public func importPriorAward(nominee: Int64, kind: String, year: Int, type: CommendationType = .annual,
                                 decision: DecisionInput, issuer: String, by actor: String) async throws(AwardError) {
        try Self.checkYear(year)
        let number = try Text.required(decision.number ?? "", field: .decisionNumber, maxLength: 100)
        let issuer = try Text.required(issuer, field: .issuer, maxLength: 300)
        try await transaction { c in
            guard try NomineeStore.addPriorAward(c, nominee: nominee, kind: kind, year: year, type: type, number: number,
                                                 date: decision.date, issuer: issuer, by: actor) else {
                throw AwardError(.refused, code: .duplicateAward, "that award (\(kind) \(year), decision \(number)) is already recorded")
            }
        }
    }

    // MARK: Quotas

    /// Sets the most awards of `kind` that `org` may decide in `year` (optionally per nominee type
    /// or campaign), or a ratio of another kind's awards. Lowering a limit below what is used is refused.
    public func setQuota(org: String, kind: String, year: Int, limit: Int?, ratio: Double? = nil, ratioOf: String? = nil,
                         nomineeType: NomineeType? = nil, campaign: String? = nil) async throws(AwardError) -> QuotaInfo {
        try Self.checkYear(year)
        guard (limit == nil) != (ratio == nil), (ratio == nil) == (ratioOf == nil) else {
            throw AwardError(.invalidInput, code: .badQuota, "give either --limit N, or --ratio R with --ratio-of KIND")
        }
        if let limit { _ = try Bound.quota.check(limit) }
        if let ratio, !(ratio > 0 && ratio <= 1) { throw AwardError(.invalidInput, code: .badQuota, "the ratio must be above 0 and at most 1") }
        let campaign = try Text.optional(campaign, field: .campaign, maxLength: 100, multiline: false)
        return try await transaction { c in
            try QuotaStore.set(c, org: try OrgStore.org(c, code: org), kind: kind, year: year, limit: limit, ratio: ratio, ratioOf: ratioOf,
                               nomineeType: nomineeType, campaign: campaign)
        }
    }

    /// Every quota.
    public func quotas() async throws(AwardError) -> [QuotaInfo] {
        try await lease { c in try QuotaStore.all(c) }
    }

    static func checkYear(_ year: Int) throws(AwardError) {
        guard (1945...2200).contains(year) else {
            throw AwardError(.invalidInput, code: .badYear, "year \(year) is out of range (1945–2200)")
        }
    }
}

