import Foundation
import AwardPostgres

/// One line of the year-end summary: awards of a kind to nominees of a type.
public struct SummaryRow: Sendable, Codable, Equatable {
    public var kind: String
    public var nomineeType: NomineeType
    public var count: Int

    enum CodingKeys: String, CodingKey { case kind, nomineeType = "nominee_type", count }
}

/// The summary officers paste into year-end reports.
public struct SummaryReport: Sendable, Codable, Equatable {
    public var fromYear: Int
    public var toYear: Int
    public var org: String?
    public var rows: [SummaryRow]
    /// The same, as Vietnamese sentences per issuer and kind.
    public var sentences: [String]

    enum CodingKeys: String, CodingKey { case fromYear = "from_year", toYear = "to_year", org, rows, sentences }
}

/// Everything a nominee was nominated for and awarded.
public struct NomineeHistory: Sendable, Codable, Equatable {
    public struct Entry: Sendable, Codable, Equatable {
        public var nominationId: Int64?
        public var kind: String
        public var year: Int?
        public var state: String
        public var unit: String?
        public var decisionNumber: String?
        public var decisionDate: CivilDate?
        public var issuer: String?

        enum CodingKeys: String, CodingKey {
            case nominationId = "nomination_id", kind, year, state, unit, decisionNumber = "decision_number", decisionDate = "decision_date", issuer
        }
    }
    public var id: Int64
    public var name: String
    public var type: NomineeType
    public var entries: [Entry]
}

/// A search hit: a nominee and its nominations.
public struct SearchHit: Sendable, Codable, Equatable {
    public var id: Int64
    public var name: String
    public var type: NomineeType
    public var nominations: [NominationView]
}

extension AwardEngine {
    /// Awarded, not revoked, nominations by kind × nominee type, decided in years `from`–`to`, proposed
    /// by `org` or an org below it; with Vietnamese sentences per issuer and kind.
    public func summary(fromYear: Int, toYear: Int, org: String? = nil, viewer: Principal? = nil) async throws(AwardError) -> SummaryReport {
        try Self.checkYear(fromYear)
        try Self.checkYear(toYear)
        guard fromYear <= toYear else { throw AwardError(.invalidInput, code: .badPeriod, "--from \(fromYear) is after --to \(toYear)") }
        return try await lease { c in
            var orgId = try org.map { try OrgStore.org(c, code: $0).id }
            if let viewer, viewer.role != .admin, orgId == nil { orgId = viewer.orgId }
            let rows = try c.execute("""
                SELECT c.issuer_org_id, i.name AS issuer, c.kind_code, k.name_vi, c.nominee_type AS type, sum(c.n) AS n
                FROM award_counts c
                JOIN orgs u ON u.id = c.unit_id
                JOIN orgs i ON i.id = c.issuer_org_id
                JOIN award_kinds k ON k.code = c.kind_code
                WHERE c.year BETWEEN \(fromYear) AND \(toYear)
                  AND (\(orgId)::bigint IS NULL OR u.path @> ARRAY[\(orgId)::bigint])
                GROUP BY c.issuer_org_id, i.name, c.kind_code, k.name_vi, c.nominee_type
                HAVING sum(c.n) > 0
                ORDER BY i.name COLLATE vi, c.kind_code, c.nominee_type
                """)
            var totals: [String: [NomineeType: Int]] = [:]
            var sentences: [String] = []
            var current: (issuer: String, kind: String, counts: [NomineeType: Int])? = nil
            func flush() {
                guard let group = current else { return }
                let parts = [(NomineeType.collective, "tập thể"), (.individual, "cá nhân"), (.household, "hộ gia đình")]
                    .compactMap { type, word in group.counts[type].map { "\($0) \(word)" } }
                let list = parts.count > 1 ? parts.dropLast().joined(separator: ", ") + " và " + parts.last! : parts.joined()
                sentences.append("\(group.issuer) tặng \(group.kind) cho \(list).")
            }
            for row in rows {
                let issuer = try row.string("issuer"), kind = try row.string("name_vi")
                let type: NomineeType = try Queries.enumValue(row, "type")
                let count = Int(try row.int("n"))
                totals[try row.string("kind_code"), default: [:]][type, default: 0] += count
                if current?.issuer != issuer || current?.kind != kind {
                    flush()
                    current = (issuer, kind, [:])
                }
                current?.counts[type, default: 0] += count
            }
            flush()
            let period = fromYear == toYear ? "Năm \(fromYear)" : "Từ năm \(fromYear) đến năm \(toYear)"
            sentences = sentences.map { "\(period), \($0)" }
            let summary = totals.keys.sorted().flatMap { kind in
                NomineeType.allCases.compactMap { type in totals[kind]?[type].map { SummaryRow(kind: kind, nomineeType: type, count: $0) } }
            }
            return SummaryReport(fromYear: fromYear, toYear: toYear, org: org, rows: summary, sentences: sentences)
        }
    }

    /// Everything a nominee has been nominated for and awarded, across years and units, with the
    /// awards imported from before the engine.
    public func nomineeHistory(_ id: Int64, viewer: Principal? = nil) async throws(AwardError) -> NomineeHistory {
        try await lease { c in
            guard let nominee = try c.execute("SELECT id, name, type FROM nominees WHERE id = \(id)").first else {
                throw AwardError(.notFound, code: .unknownNominee, "no nominee with id \(id)")
            }
            var entries = try c.execute("""
                SELECT n.id, n.kind_code, coalesce(n.year, d.year) AS year, n.state, u.code AS unit, d.number, d.decided_on, i.code AS issuer,
                       u.path @> ARRAY[\(viewer?.orgId ?? 0)]::bigint[] AS visible
                FROM nominations n JOIN orgs u ON u.id = n.unit_id
                LEFT JOIN decisions d ON d.id = n.decision_id LEFT JOIN orgs i ON i.id = d.issuer_org_id
                WHERE n.nominee_id = \(id) ORDER BY coalesce(n.year, d.year), n.id
                """).compactMap { row -> NomineeHistory.Entry? in
                if let viewer, viewer.role != .admin, try !row.bool("visible") { return nil }
                return .init(nominationId: try row.int("id"), kind: try row.string("kind_code"), year: try row.optionalInt("year").map(Int.init),
                             state: try row.string("state"), unit: try row.string("unit"), decisionNumber: try row.optionalString("number"),
                             decisionDate: try row.optionalDate("decided_on"), issuer: try row.optionalString("issuer"))
            }
            if let viewer, viewer.role != .admin, entries.isEmpty {
                throw AwardError(.notFound, code: .unknownNominee, "no nominee with id \(id)")
            }
            entries += try c.execute("""
                SELECT kind_code, year, decision_number, decision_date, issuer FROM prior_awards WHERE nominee_id = \(id) ORDER BY year
                """).map { row in
                .init(nominationId: nil, kind: try row.string("kind_code"), year: Int(try row.int("year")), state: "awarded (imported)", unit: nil,
                      decisionNumber: try row.string("decision_number"), decisionDate: try row.optionalDate("decision_date"), issuer: try row.string("issuer"))
            }
            entries.sort { ($0.year ?? 0, $0.nominationId ?? 0) < ($1.year ?? 0, $1.nominationId ?? 0) }
            return NomineeHistory(id: id, name: try nominee.string("name"), type: try Queries.enumValue(nominee, "type"), entries: entries)
        }
    }

    /// Nominees whose name contains `text`, ignoring accents and case (NFC or NFD input), through
    /// the trigram index; in Vietnamese order, each with its nominations.
    public func search(_ text: String, viewer: Principal? = nil, limit: Int = 50) async throws(AwardError) -> [SearchHit] {
        let query = try Text.required(text, field: .searchText, maxLength: 200, multiline: false)
        let pattern = "%" + query.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
        return try await lease { c in
            let nominees = try c.execute("""
                SELECT e.id, e.name, e.type FROM nominees e
                WHERE award_fold(e.name) LIKE award_fold(\(pattern))
                ORDER BY e.name COLLATE vi, e.id
                LIMIT \(max(1, min(limit, 1000)))
                """)
            var hits: [SearchHit] = []
            for row in nominees {
                let id = try row.int("id")
                var views = try c.execute(SQL(constant: Queries.viewSelect).appending(" WHERE n.nominee_id = \(id) ORDER BY n.id")).map(Queries.nominationView)
                if let viewer, viewer.role != .admin {
                    let visible = Set(try c.execute("""
                        SELECT n.id FROM nominations n JOIN orgs u ON u.id = n.unit_id
                        WHERE n.nominee_id = \(id) AND u.path @> ARRAY[\(viewer.orgId)]::bigint[]
                        """).map { try $0.int("id") })
                    views = views.filter { visible.contains($0.id) }
                    if views.isEmpty { continue }
                }
                hits.append(SearchHit(id: id, name: try row.string("name"), type: try Queries.enumValue(row, "type"), nominations: views))
            }
            return hits
        }
    }

    /// Streams the awardees of a year a batch at a time through a server-side cursor, so that a
    /// million rows never sit in memory: `body` gets each batch in order.
    public func exportAwardees(_ query: AwardeeQuery, batchSize: Int = 5000,
                               _ body: @escaping @Sendable ([Awardee]) throws -> Void) async throws(AwardError) {
        try await transaction { c in
            let orgId = try query.org.map { try OrgStore.org(c, code: $0).id }
            if let kind = query.kind { try OrgStore.requireKind(c, code: kind) }
            try c.executeUnprepared("""
                DECLARE award_export NO SCROLL CURSOR FOR
                SELECT n.id, e.name, e.type, n.kind_code, u.code AS unit_code, d.number, d.decided_on
                FROM decisions d
                JOIN nominations n ON n.decision_id = d.id
                JOIN nominees e ON e.id = n.nominee_id
                JOIN orgs u ON u.id = n.unit_id
                WHERE d.year = \(query.year) AND n.state = 'awarded'
                  AND (\(query.kind)::text IS NULL OR n.kind_code = \(query.kind)::text)
                  AND (\(query.nomineeType?.rawValue)::text IS NULL OR e.type = \(query.nomineeType?.rawValue)::text)
                  AND (\(orgId)::bigint IS NULL OR u.path @> ARRAY[\(orgId)::bigint])
                ORDER BY d.decided_on, e.name COLLATE vi, n.id
                """)
            while true {
                let rows = try c.executeUnprepared(SQL(constant: "FETCH \(max(1, min(batchSize, 100_000))) FROM award_export"))
                if rows.isEmpty { break }
                try body(try rows.map(Queries.awardee))
            }
            try c.executeUnprepared("CLOSE award_export")
        }
    }
}
