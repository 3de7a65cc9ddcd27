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
        try await transaction { c in
            try Self.requireNominee(c, nominee)
            try c.execute("""
                INSERT INTO nominee_ratings (nominee_id, year, rating, recorded_by) VALUES (\(nominee), \(year), \(rating.rawValue), \(actor))
                ON CONFLICT (nominee_id, year) DO UPDATE SET rating = EXCLUDED.rating, recorded_by = EXCLUDED.recorded_by, recorded_at = now()
                """)
        }
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
                try Self.requireNominee(c, nominee)
                try c.execute("""
                    INSERT INTO nominee_ratings (nominee_id, year, rating, recorded_by) VALUES (\(nominee), \(year), \(rating.rawValue), \(actor))
                    ON CONFLICT (nominee_id, year) DO UPDATE SET rating = EXCLUDED.rating, recorded_by = EXCLUDED.recorded_by, recorded_at = now()
                    """)
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
        try await transaction { c in
            try Self.requireNominee(c, nominee)
            try c.execute("INSERT INTO nominee_initiatives (nominee_id, year, scope, title) VALUES (\(nominee), \(year), \(scope), \(title))")
        }
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
        try await transaction { c in
            try Self.requireNominee(c, nominee)
            try c.execute("""
                INSERT INTO nominee_discipline (nominee_id, status, from_date, to_date, note)
                VALUES (\(nominee), \(status), \(from)::date, \(to)::date, \(note))
                """)
        }
    }

    /// Imports an award decided before the engine existed, so that it counts for later prerequisites.
    public func importPriorAward(nominee: Int64, kind: String, year: Int, type: CommendationType = .annual,
                                 decision: DecisionInput, issuer: String, by actor: String) async throws(AwardError) {
        try Self.checkYear(year)
        let number = try Text.required(decision.number ?? "", field: .decisionNumber, maxLength: 100)
        let issuer = try Text.required(issuer, field: .issuer, maxLength: 300)
        try await transaction { c in
            try Self.requireNominee(c, nominee)
            guard try !c.execute("SELECT 1 FROM award_kinds WHERE code = \(kind)").isEmpty else {
                throw AwardError(.notFound, code: .unknownKind, "no award kind with code \(kind)")
            }
            let inserted = try c.execute("""
                INSERT INTO prior_awards (nominee_id, kind_code, year, commendation_type, decision_number, decision_date, issuer, imported_by)
                VALUES (\(nominee), \(kind), \(year), \(type.rawValue), \(number), \(decision.date)::date, \(issuer), \(actor))
                ON CONFLICT DO NOTHING RETURNING id
                """)
            guard !inserted.isEmpty else {
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
        if let limit, limit < 0 { throw AwardError(.invalidInput, code: .badQuota, "the limit must not be negative") }
        if let ratio, !(ratio > 0 && ratio <= 1) { throw AwardError(.invalidInput, code: .badQuota, "the ratio must be above 0 and at most 1") }
        let campaign = try Text.optional(campaign, field: .campaign, maxLength: 100, multiline: false)
        return try await transaction { c in
            let org = try OrgStore.org(c, code: org)
            for code in [kind] + (ratioOf.map { [$0] } ?? []) where try c.execute("SELECT 1 FROM award_kinds WHERE code = \(code)").isEmpty {
                throw AwardError(.notFound, code: .unknownKind, "no award kind with code \(code)")
            }
            // Count what the org already decided, so a quota set mid-year starts from the truth.
            let used = try c.execute("""
                SELECT count(*) AS n FROM nominations n JOIN decisions d ON d.id = n.decision_id JOIN nominees e ON e.id = n.nominee_id
                WHERE d.issuer_org_id = \(org.id) AND n.kind_code = \(kind) AND d.year = \(year) AND n.state = 'awarded'
                  AND (\(nomineeType?.rawValue)::text IS NULL OR e.type = \(nomineeType?.rawValue)::text)
                  AND (\(campaign)::text IS NULL OR n.campaign = \(campaign)::text)
                """).first!.int("n")
            try c.execute("""
                INSERT INTO quotas (org_id, kind_code, year, nominee_type, campaign, max_count, ratio, ratio_of_kind, used)
                VALUES (\(org.id), \(kind), \(year), \(nomineeType?.rawValue), \(campaign), \(limit), \(ratio.map { String($0) })::numeric, \(ratioOf), \(limit == nil ? 0 : used))
                ON CONFLICT (org_id, kind_code, year, coalesce(nominee_type, ''), coalesce(campaign, ''))
                DO UPDATE SET max_count = EXCLUDED.max_count, ratio = EXCLUDED.ratio, ratio_of_kind = EXCLUDED.ratio_of_kind, used = EXCLUDED.used
                """)
            return QuotaInfo(org: org.code, kind: kind, year: year, nomineeType: nomineeType, campaign: campaign, limit: limit,
                             ratio: ratio, ratioOf: ratioOf, used: limit == nil ? 0 : Int(used))
        }
    }

    /// Every quota.
    public func quotas() async throws(AwardError) -> [QuotaInfo] {
        try await lease { c in
            try c.execute("""
                SELECT o.code, q.kind_code, q.year, q.nominee_type, q.campaign, q.max_count, q.ratio::float8 AS ratio, q.ratio_of_kind, q.used
                FROM quotas q JOIN orgs o ON o.id = q.org_id ORDER BY q.year DESC, o.code, q.kind_code
                """).map { row in
                QuotaInfo(org: try row.string("code"), kind: try row.string("kind_code"), year: Int(try row.int("year")),
                          nomineeType: try row.optionalString("nominee_type").flatMap(NomineeType.init(rawValue:)),
                          campaign: try row.optionalString("campaign"), limit: try row.optionalInt("max_count").map(Int.init),
                          ratio: try row.optionalString("ratio").flatMap(Double.init), ratioOf: try row.optionalString("ratio_of_kind"),
                          used: Int(try row.int("used")))
            }
        }
    }

    static func requireNominee(_ c: Connection, _ id: Int64) throws {
        guard try !c.execute("SELECT 1 FROM nominees WHERE id = \(id)").isEmpty else {
            throw AwardError(.notFound, code: .unknownNominee, "no nominee with id \(id)")
        }
    }

    static func checkYear(_ year: Int) throws(AwardError) {
        guard (1945...2200).contains(year) else {
            throw AwardError(.invalidInput, code: .badYear, "year \(year) is out of range (1945–2200)")
        }
    }
}

