import ArgumentParser
import AwardEngine
import AwardPostgres
import Foundation

extension CommendationType: ExpressibleByArgument {}
extension TaskRating: ExpressibleByArgument {}

/// A date option's value, checked by validate().
func parseDate(_ text: String, _ option: String) throws -> CivilDate {
    guard let date = CivilDate(parsing: text) else { throw ValidationError("\(option) \(text) is not a date (YYYY-MM-DD or dd/mm/yyyy)") }
    return date
}

struct Rules: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rule packs: the dated catalog (kinds, chains, votes, prerequisites, coefficients).",
        subcommands: [Import.self, List.self, Show.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a rule pack from a JSON file (see rules/*.json); a malformed pack is refused with its line.")
        @Argument(help: "The pack file.") var file: String
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: FormatOptions

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            guard let text = String(data: data, encoding: .utf8) else { throw ValidationError("\(file) is not UTF-8 text") }
            let summary = try await connection.run { try await $0.importPack(text) }
            try Printer.one(summary, output.format)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List rule packs and their validity.")
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: FormatOptions

        func run() async throws {
            try Printer.many(try await connection.run { try await $0.packs() }, output.format)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a pack: by code, or the one in force on a date (today by default).")
        @Argument(help: "The pack's code.") var code: String?
        @Option(help: "A version of that pack (the latest by default).") var version: Int?
        @Option(help: "The pack in force on this date.") var on: String?
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: FormatOptions

        func validate() throws { if let on { _ = try parseDate(on, "--on") } }

        func run() async throws {
            let date = try on.map { try parseDate($0, "--on") }
            let pack = try await connection.run { try await $0.pack(code: code, version: version, on: date) }
            if output.format == .json {
                try Printer.json(pack)
            } else {
                Printer.write("\(pack.code) v\(pack.version): \(pack.name), \(pack.validFrom.vietnamese) – \(pack.validTo?.vietnamese ?? "…")\n")
                try Printer.many(pack.kinds.map(RuleRow.init), output.format)
            }
        }
    }
}

/// A kind of a pack, as a table row.
struct RuleRow: Tabular, Encodable {
    let rule: KindRule
    static var headers: [String] { ["code", "name_vi", "chain", "votes", "prerequisites", "coefficient"] }
    var cells: [String] {
        [rule.code, rule.nameVi,
         rule.chain.map { $0.level.rawValue + ($0.limitDays.map { " (\($0)d)" } ?? "") }.joined(separator: " → "),
         rule.chain.compactMap { t in t.vote.map { "\(t.level.rawValue) ≥\(Int(($0.threshold * 100).rounded()))%" } }.joined(separator: ", "),
         (rule.prerequisites ?? []).map(\.rule).joined(separator: ", "),
         rule.coefficient.map { String($0) } ?? ""]
    }
    func encode(to encoder: any Encoder) throws { try rule.encode(to: encoder) }
}

extension PackSummary: Tabular {
    public static var headers: [String] { ["code", "version", "name", "valid_from", "valid_to", "kinds"] }
    public var cells: [String] { [code, String(version), name, validFrom.vietnamese, validTo?.vietnamese ?? "", String(kinds)] }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a nomination's eligibility under its rule pack, changing nothing.",
        discussion: "Exit 0 when eligible (or overridden), 3 when a rule is not met.")
    @Argument(help: "The nomination id.") var id: Int64
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: FormatOptions

    func run() async throws {
        let result = try await connection.run { try await $0.check(id) }
        if output.format == .json {
            try Printer.json(result)
        } else {
            Printer.write(result.eligible ? "eligible (checked: \(result.checked.joined(separator: ", ")))\n" : "NOT eligible\n")
            for reason in result.reasons {
                Printer.write("- [\(reason.code)] \(reason.messageVi)\n  \(reason.messageEn)\n  (\(reason.source))\n")
            }
            if let override = result.override { Printer.write("overridden: \(override)\n") }
        }
        if !result.eligible && result.override == nil { throw ExitCode(3) }
    }
}

struct Rating: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Yearly task ratings (HTXSNV, HTTNV, HTNV, KHTNV).", subcommands: [Set.self, Import.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a nominee's rating for a year.")
        @Option(name: .customLong("nominee-id")) var nomineeId: Int64
        @Option var year: Int
        @Option(help: "HTXSNV, HTTNV, HTNV or KHTNV.") var rating: TaskRating
        @Option(name: .customLong("as"), help: "Who records it.") var actor: String = "awardctl"
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { try await $0.setRating(nominee: nomineeId, year: year, rating: rating, by: actor) }
            Printer.write("nominee \(nomineeId): \(year) \(rating.rawValue)\n")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import ratings from CSV: nominee_id,year,rating (all or none).")
        @Argument(help: "The CSV file.") var file: String
        @Option(name: .customLong("as"), help: "Who records them.") var actor: String = "awardctl"
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw ValidationError("cannot read \(file) as UTF-8 text")
            }
            let count = try await connection.run { try await $0.importRatings(csv: text, by: actor) }
            Printer.write("imported \(count) ratings\n")
        }
    }
}

struct Initiative: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Recognised initiatives (sáng kiến).", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an initiative recognised in a year.")
        @Option(name: .customLong("nominee-id")) var nomineeId: Int64
        @Option var year: Int
        @Option(help: "unit, province or national.") var scope: String
        @Option var title: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { try await $0.addInitiative(nominee: nomineeId, year: year, scope: scope, title: title) }
            Printer.write("recorded\n")
        }
    }
}

struct Discipline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Disciplinary status.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a review (blocks nominations until --to, or until further notice) or a penalty (achievements count from its end).")
        @Option(name: .customLong("nominee-id")) var nomineeId: Int64
        @Option(help: "review or penalty.") var status: String
        @Option var from: String
        @Option var to: String?
        @Option var note: String?
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            _ = try parseDate(from, "--from")
            if let to { _ = try parseDate(to, "--to") }
        }

        func run() async throws {
            let start = try parseDate(from, "--from")
            let end = try to.map { try parseDate($0, "--to") }
            try await connection.run { try await $0.addDiscipline(nominee: nomineeId, status: status, from: start, to: end, note: note) }
            Printer.write("recorded\n")
        }
    }
}

struct Award: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Awards decided before the engine existed.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an earlier award with its decision, so that it counts for prerequisites.")
        @Option(name: .customLong("nominee-id")) var nomineeId: Int64
        @Option var kind: String
        @Option(help: "The achievement year.") var year: Int
        @Option var decision: String
        @Option(name: .customLong("decision-date")) var decisionDate: String
        @Option(help: "Who decided it, e.g. \"UBND tỉnh Lào Cai\".") var issuer: String
        @Option(name: .customLong("type"), help: "annual (default), thematic, adhoc, long_service or foreign.") var commendationType: CommendationType = .annual
        @Option(name: .customLong("as"), help: "Who records it.") var actor: String = "awardctl"
        @OptionGroup var connection: ConnectionOptions

        func validate() throws { _ = try parseDate(decisionDate, "--decision-date") }

        func run() async throws {
            let input = DecisionInput(number: decision, date: try parseDate(decisionDate, "--decision-date"))
            try await connection.run {
                try await $0.importPriorAward(nominee: nomineeId, kind: kind, year: year, type: commendationType, decision: input, issuer: issuer, by: actor)
            }
            Printer.write("recorded\n")
        }
    }
}

struct Quota: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Quotas on awards an org decides.", subcommands: [Set.self, List.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Limit the awards of a kind an org decides in a year: --limit N, or --ratio R --ratio-of KIND (e.g. CSTĐCS ≤ 0.15 of LĐTT).")
        @Option var org: String
        @Option var kind: String
        @Option var year: Int
        @Option var limit: Int?
        @Option var ratio: Double?
        @Option(name: .customLong("ratio-of")) var ratioOf: String?
        @Option(name: .customLong("nominee-type")) var nomineeType: NomineeType?
        @Option var campaign: String?
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: FormatOptions

        func run() async throws {
            let quota = try await connection.run {
                try await $0.setQuota(org: org, kind: kind, year: year, limit: limit, ratio: ratio, ratioOf: ratioOf, nomineeType: nomineeType, campaign: campaign)
            }
            try Printer.one(quota, output.format)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List quotas and their use.")
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: FormatOptions

        func run() async throws { try Printer.many(try await connection.run { try await $0.quotas() }, output.format) }
    }
}

extension QuotaInfo: Tabular {
    public static var headers: [String] { ["org", "kind", "year", "nominee_type", "campaign", "limit", "used"] }
    public var cells: [String] {
        [org, kind, String(year), nomineeType?.rawValue ?? "", campaign ?? "",
         limit.map(String.init) ?? ratio.map { "\(Int(($0 * 100).rounded()))% of \(ratioOf ?? "")" } ?? "", String(used)]
    }
}
