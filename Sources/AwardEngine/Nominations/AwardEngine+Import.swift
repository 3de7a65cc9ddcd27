import AwardPostgres
import Foundation

/// What a bulk import recorded.
public struct ImportSummary: Sendable, Codable, Equatable {
    /// Nominations created (each submitted to the first tier of its route).
    public var nominations: Int
    /// The ids given to them, first and last (consecutive, in the file's order).
    public var firstId: Int64?
    public var lastId: Int64?
}

extension AwardEngine {
    /// Records many nominations at once from a CSV with a header line (see ``importColumns``):
    /// each becomes a new nominee and a nomination submitted to the first tier of its route, with
    /// its `create` history row, exactly as ``nominate(_:by:idempotencyKey:now:)`` would record it.
    ///
    /// All or nothing, in one transaction: the rows are streamed to PostgreSQL with COPY into a
    /// temporary table, checked there set-wise (unknown kinds and units, jurisdiction), routed and
    /// judged in Swift once per distinct (unit, kind, pack, nominee type, year), and inserted with
    /// a handful of INSERT … SELECT statements. The first bad row refuses the whole file, naming
    /// its line. Rules as for a single nomination: a nominator imports for units under their org,
    /// only an admin dates submissions in the past (`submitted_on`, which picks the rule pack) or
    /// lets ineligible rows through with `overrideReason`.
    public func importNominations(
        csv: Data, by principal: Principal, overrideReason: String? = nil, now: Date = Date()
    ) async throws(AwardError) -> ImportSummary {
        try await importNominations(csv: csv, by: principal, overrideReason: overrideReason, now: now, dryRun: false, claim: nil)
    }

    /// The import, judged in full: with `dryRun` everything is checked and then rolled back (the
    /// preview); `claim` runs first in the same transaction (the confirmation takes its upload).
    func importNominations(
        csv: Data, by principal: Principal, overrideReason: String?, now: Date, dryRun: Bool,
        claim: (@Sendable (Connection) throws -> Void)?, problems: ImportProblems? = nil
    ) async throws(AwardError) -> ImportSummary {
        try Policy.require(principal, .importNominations)
        let overrideReason = try Text.optional(overrideReason, field: .overrideReason)
        if overrideReason != nil { try Policy.require(principal, .overrideEligibility) }
        let today = Self.today(now)
        let cache = packCache
        let summary = try await transaction { c -> ImportSummary in
            try claim?(c)
            if dryRun { try c.executeScript("SAVEPOINT award_import_preview") }
            // A preview goes on past a refused row and reports every one; an import stops at the first.
            let found = problems ?? ImportProblems()
            var reader = CSVReader(csv)
            let copied = try ImportStore.stage(c) { writer in
                try Self.streamImport(&reader, to: writer, principal: principal, today: today, problems: dryRun ? found.add : nil)
            }
            guard copied > 0 || !found.isEmpty else {
                throw AwardError(.invalidInput, code: .emptyImport, "the file has a header but no nominations")
            }
            /// Refuses `lines` with `error`: every line in a preview, the first otherwise.
            func refuse(_ lines: [Int], _ error: AwardError) throws(AwardError) {
                guard dryRun else { throw error.at(line: lines.first ?? 0) }
                for line in lines { found.add(error.at(line: line)) }
            }

            // Kinds and units, once each.
            var unknownKinds: Set<String> = []
            for kind in try ImportStore.unknownKinds(c) {
                unknownKinds.insert(kind)
                try refuse(try ImportStore.lines(c, kind: kind),
                           AwardError(.notFound, code: .unknownKind, "no award kind with code \(kind) (see `awardctl kind list`)"))
            }
            var units: [String: ImportStore.Unit] = [:]
            for unit in try ImportStore.units(c) {
                guard unit.id != nil else {
                    try refuse(try ImportStore.lines(c, unit: unit.name), AwardError(.notFound, code: .unknownOrg, "no organisation with code \(unit.name)"))
                    continue
                }
                if case .refused(let refusal) = Policy.check(principal, .importNominations, Subject(org: unit.ref)) {
                    try refuse(try ImportStore.lines(c, unit: unit.name), refusal)
                    continue
                }
                units[unit.name] = unit
            }

            // The pack in force on each submission day.
            var dayPacks: [(day: CivilDate, pack: Int64)] = []
            for day in try ImportStore.submissionDays(c) {
                do {
                    dayPacks.append((day, try cache.packInForce(c, on: day).id))
                } catch let error as AwardError {
                    try refuse(try ImportStore.lines(c, submittedOn: day), error)
                }
            }
            try ImportStore.stagePacks(c, dayPacks)

            // Route, first state, deadlines and eligibility, once per distinct combination.
            let calendar = try CalendarStore.calendar(c, from: today)
            var plan: [(ImportStore.Combination, route: [Int64], Admission, EligibilityResult)] = []
            for combination in try ImportStore.combinations(c) where units[combination.unit] != nil && !unknownKinds.contains(combination.kind) {
                let pack = try cache.pack(c, id: combination.packId)
                // New nominees: no record, and no registration where a campaign requires one.
                let registrationYears = try CampaignStore.registrationYears(c, unit: units[combination.unit]!.id!)
                do throws(AwardError) {
                    guard let rule = pack.kind(combination.kind) else {
                        throw AwardError(.refused, code: .kindNotInPack, "\(combination.kind) is not awarded under \(pack.name)")
                    }
                    guard rule.nomineeTypes.contains(combination.nomineeType) else {
                        throw AwardError(.refused, code: .nomineeTypeNotAccepted,
                                         "\(rule.code) (\(rule.nameVi)) is not awarded to \(combination.nomineeType.rawValue) nominees; it accepts \(rule.nomineeTypes.map(\.rawValue).joined(separator: ", "))")
                    }
                    let unit = units[combination.unit]!
                    let route = try Routing.route(chain: rule.chain.map(\.level), ancestry: unit.ancestry, kind: rule.code, unitCode: unit.code)
                    var result = Eligibility.evaluate(kind: rule, nomineeType: combination.nomineeType, year: combination.year,
                                                      facts: NomineeFacts(registrationYears: registrationYears), today: today)
                    if !result.eligible {
                        guard let overrideReason else { throw result.refusal(kind: rule.code, kindName: rule.nameVi) }
                        result.override = overrideReason
                    }
                    let routeLevels = route.compactMap { id in unit.ancestry.first { $0.id == id }?.level }
                    plan.append((combination, route, Admission(rule: rule, routeLevels: routeLevels, draft: false, calendar: calendar, today: today), result))
                } catch {
                    try refuse(dryRun ? try ImportStore.lines(c, of: combination) : [combination.line], error)
                }
            }
            if dryRun, let first = found.ordered.first {
                try c.executeScript("ROLLBACK TO SAVEPOINT award_import_preview")
                throw first
            }
            try ImportStore.stagePlan(c, plan)

            let inserted = try ImportStore.insertAll(c, actor: principal.name)
            guard inserted.count == copied else {
                throw AwardError(.internal, code: .importMismatch, "the import planned a different number of rows than it read; nothing was recorded")
            }
            if dryRun {
                try c.executeScript("ROLLBACK TO SAVEPOINT award_import_preview")
                return ImportSummary(nominations: copied, firstId: nil, lastId: nil)
            }
            return ImportSummary(nominations: copied, firstId: inserted.first, lastId: inserted.last)
        }
        if dryRun { return summary }
        metrics.transition(kind: "import", to: .pending, count: summary.nominations)
        return summary
    }
}

/// The refusals a preview collects, row by row (its rows are read on one thread, in one transaction).
final class ImportProblems: @unchecked Sendable {
    private var problems: [AwardError] = []
    var isEmpty: Bool { problems.isEmpty }
    func add(_ error: AwardError) { problems.append(error) }

    /// Every refusal, by line (in the order found within a line).
    var ordered: [AwardError] {
        problems.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element)
    }
}
