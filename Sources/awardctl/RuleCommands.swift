import ArgumentParser
import AwardEngine
import Foundation

struct Rules: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rule packs: the dated catalog (kinds, chains, votes, prerequisites, coefficients).",
        subcommands: [Import.self, List.self, Show.self, Changes.self, Repin.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a rule pack from a JSON file (see rules/*.json); a malformed pack is refused with its line.")
        @Argument(help: "The pack file.") var file: String
        @OptionGroup var io: CommandIO

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            guard let text = String(data: data, encoding: .utf8) else { throw ValidationError("\(file) is not UTF-8 text") }
            try await io.one { try await $0.importPack(text) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List rule packs and their validity.")
        @OptionGroup var io: CommandIO

        func run() async throws { try await io.many { try await $0.packs() } }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a pack: by code, or the one in force on a date (today by default).")
        @Argument(help: "The pack's code.") var code: String?
        @Option(help: "A version of that pack (the latest by default).") var version: Int?
        @Option(help: "The pack in force on this date.") var on: CivilDate?
        @OptionGroup var io: CommandIO

        func run() async throws {
            let date = on
            let pack = try await io.run { try await $0.pack(code: code, version: version, on: date) }
            if io.format == .json {
                try Printer.json(pack)
            } else {
                Printer.write("\(pack.code) v\(pack.version): \(pack.name), \(pack.validFrom.vietnamese) – \(pack.validTo?.vietnamese ?? "…")\n")
                try Printer.many(pack.kinds.map(RuleRow.init), io.format)
                if io.format == .table, let rules = pack.transitional, !rules.isEmpty {
                    Printer.write("Quy định chuyển tiếp:\n")
                    for rule in rules {
                        let levels = rule.closedLevel.map { " [\($0.rawValue) → \(rule.successorLevel?.rawValue ?? "?")]" } ?? ""
                        Printer.write("- \(rule.provision)\(levels): \(rule.rule)\n")
                    }
                }
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
    @OptionGroup var io: CommandIO

    func run() async throws {
        let result = try await io.run { try await $0.check(id) }
        if io.format == .json {
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
        @OptionGroup var io: CommandIO

        func run() async throws {
            let quota = try await io.run {
                try await $0.setQuota(org: org, kind: kind, year: year, limit: limit, ratio: ratio, ratioOf: ratioOf, nomineeType: nomineeType, campaign: campaign)
            }
            try Printer.one(quota, io.format)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List quotas and their use.")
        @OptionGroup var io: CommandIO

        func run() async throws { try await io.many { try await $0.quotas() } }
    }
}

extension QuotaInfo: Tabular {
    public static var headers: [String] { ["org", "kind", "year", "nominee_type", "campaign", "limit", "used"] }
    public var cells: [String] {
        [org, kind, String(year), nomineeType?.rawValue ?? "", campaign ?? "",
         limit.map(String.init) ?? ratio.map { "\(Int(($0 * 100).rounded()))% of \(ratioOf ?? "")" } ?? "", String(used)]
    }
}
