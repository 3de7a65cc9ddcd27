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
    /// Whether the units `org` continues are counted too.
    public var includingPredecessors = false
    public var rows: [SummaryRow]
    /// The same, as Vietnamese sentences per issuer and kind.
    public var sentences: [String]

    enum CodingKeys: String, CodingKey { case fromYear = "from_year", toYear = "to_year", org, includingPredecessors = "including_predecessors", rows, sentences }

    /// The report of award counts (issuer, kind, nominee type, count; ordered by issuer's
    /// Vietnamese name, kind, type): the totals by kind × type, and a sentence per issuer and kind,
    /// such as "Năm 2023, UBND tỉnh Lào Cai tặng Bằng khen cho 2 tập thể và 5 cá nhân."
    init(fromYear: Int, toYear: Int, org: String?, counts: [AwardCount]) {
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
        for count in counts {
            totals[count.kind, default: [:]][count.nomineeType, default: 0] += count.count
            if current?.issuer != count.issuer || current?.kind != count.kindName {
                flush()
                current = (count.issuer, count.kindName, [:])
            }
            current?.counts[count.nomineeType, default: 0] += count.count
        }
        flush()
        let period = fromYear == toYear ? "Năm \(fromYear)" : "Từ năm \(fromYear) đến năm \(toYear)"
        self.fromYear = fromYear
        self.toYear = toYear
        self.org = org
        self.sentences = sentences.map { "\(period), \($0)" }
        rows = totals.keys.sorted().flatMap { kind in
            NomineeType.allCases.compactMap { type in totals[kind]?[type].map { SummaryRow(kind: kind, nomineeType: type, count: $0) } }
        }
    }
}

/// Awards of one kind by one issuer to nominees of one type, as the summary counts them.
struct AwardCount: Sendable {
    var issuer: String
    var kind: String
    var kindName: String
    var nomineeType: NomineeType
    var count: Int
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
    /// `includingPredecessors`: with `org`, the units it continues are counted too (migration 22).
    public func summary(fromYear: Int, toYear: Int, org: String? = nil, includingPredecessors: Bool = false,
                        viewer: Principal? = nil) async throws(AwardError) -> SummaryReport {
        try Self.checkYear(fromYear)
        try Self.checkYear(toYear)
        guard fromYear <= toYear else { throw AwardError(.invalidInput, code: .badPeriod, "--from \(fromYear) is after --to \(toYear)") }
        return try await readLease { c in
            let root = try Access.scope(c, viewer, .readReports, requested: org).root
            let counts = try ReportStore.awardCounts(c, fromYear: fromYear, toYear: toYear, org: root, withPredecessors: includingPredecessors && root != nil)
            var report = SummaryReport(fromYear: fromYear, toYear: toYear, org: org, counts: counts)
            report.includingPredecessors = includingPredecessors && root != nil
            return report
        }
    }

    /// Everything a nominee has been nominated for and awarded, across years and units, with the
    /// awards imported from before the engine.
    public func nomineeHistory(_ id: Int64, viewer: Principal? = nil) async throws(AwardError) -> NomineeHistory {
        try await lease { c in
            let reach = try Access.nominee(c, id, viewer)
            guard let nominee = try ReportStore.nominee(c, id: id) else {
                throw AwardError(.notFound, code: .unknownNominee, "no nominee with id \(id)", vi: "Không có đối tượng số \(id).")
            }
            // Its whole record when its home unit is within reach; else only the nominations proposed within it.
            var entries: [NomineeHistory.Entry]
            switch reach {
            case .whole:
                entries = try ReportStore.nominations(c, ofNominee: id, within: .everything) + ReportStore.priorAwards(c, ofNominee: id)
            case .nominationsWithin(let scope):
                entries = try ReportStore.nominations(c, ofNominee: id, within: scope)
            }
            entries.sort { ($0.year ?? 0, $0.nominationId ?? 0) < ($1.year ?? 0, $1.nominationId ?? 0) }
            return NomineeHistory(id: id, name: nominee.name, type: nominee.type, entries: entries)
        }
    }

    /// Nominees whose name contains `text`, ignoring accents and case (NFC or NFD input), through
    /// the trigram index; in Vietnamese order, each with its nominations.
    public func search(_ text: String, viewer: Principal? = nil, limit: Int = 50) async throws(AwardError) -> [SearchHit] {
        let query = try Text.required(text, field: .searchText, maxLength: 200, multiline: false)
        let scope = try Policy.scope(viewer, .readNominee)
        return try await readLease { c in
            // Three reads whatever the number of hits: the names, their nominations, and which of
            // those the scope sees for a nominee whose home is elsewhere.
            let nominees = try ReportStore.nominees(c, matching: query, within: scope, limit: max(1, min(limit, 1000)))
            let views = Dictionary(grouping: try Queries.views(c, ofNominees: nominees.map(\.id)), by: \.nominee.id)
            let visible = try ReportStore.nominationIds(c, ofNominees: nominees.filter { !$0.home }.map(\.id), within: scope)
            return nominees.map { nominee in
                let all = views[nominee.id] ?? []
                return SearchHit(id: nominee.id, name: nominee.name, type: nominee.type,
                                 nominations: nominee.home ? all : all.filter { visible.contains($0.id) })
            }
        }
    }

    /// Streams the awardees of a year a batch at a time through a server-side cursor, so that a
    /// million rows never sit in memory: `body` gets each batch in order.
    public func exportAwardees(_ query: AwardeeQuery, batchSize: Int = 5000,
                               _ body: @escaping @Sendable ([Awardee]) throws -> Void) async throws(AwardError) {
        try query.validate()
        let key = personalDataKey
        try await readTransaction { c in
            let orgId = try Access.scope(c, nil, .readReports, requested: query.org).root
            if let kind = query.kind { try OrgStore.requireKind(c, code: kind) }
            try ReportStore.exportAwardees(c, query, org: orgId, batchSize: max(1, min(batchSize, 100_000))) { batch in
                guard query.withCitizenId else { return try body(batch) }
                var batch = batch
                try Self.fillCitizenIds(c, &batch, within: .everything, key: key)
                try body(batch)
            }
        }
    }
}
