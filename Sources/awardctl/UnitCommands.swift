import ArgumentParser
import AwardEngine
import Foundation

/// `awardctl org import-units`, `org map-units` and `org show`: the official administrative units
/// and their lineage (docs/unit-import-format.md).
extension Org {
    struct ImportUnits: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-units",
            abstract: "Load official administrative units and their lineage from DIR/units.csv and DIR/lineage.csv.",
            discussion: """
                scripts/admin-units DIR writes Vietnam's units of 1/7/2025, those they replaced and the lineage between them
                (from the NSO codes of the vietnam-provinces package); a province can write its own list in the same format
                (docs/unit-import-format.md). Importing the same files again changes nothing. Orgs made before with codes of
                their own (TW, LC, P-DK) first get their unit keys with `awardctl org map-units`.
                Example: scripts/admin-units /tmp/dvhc && awardctl org import-units /tmp/dvhc
                """)
        @Argument(help: "The folder holding units.csv and lineage.csv.") var directory: String
        @Option(help: "The code of the central org the provinces go under (the only central root by default).") var under: String?
        @OptionGroup var io: CommandIO

        func run() async throws {
            let folder = URL(fileURLWithPath: directory)
            let units = try Self.read(folder.appendingPathComponent("units.csv"))
            let lineage = try Self.read(folder.appendingPathComponent("lineage.csv"))
            try await io.one { try await $0.importUnits(units: units, lineage: lineage, under: under) }
        }

        static func read(_ file: URL) throws -> Data {
            guard let data = FileManager.default.contents(atPath: file.path) else { throw ValidationError("cannot read \(file.path)") }
            return data
        }
    }

    struct MapUnits: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "map-units",
            abstract: "Give orgs made before the unit import their unit keys, from a CSV `code,key` (e.g. LC,LP10).",
            discussion: "Run it before `org import-units` on a database that has its own codes: the import then updates those orgs instead of adding a second one.")
        @Argument(help: "The mapping file: a header `code,key`, then one org per line.") var file: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let data = try ImportUnits.read(URL(fileURLWithPath: file))
            let count = try await connection.run { try await $0.mapUnits(data) }
            Printer.write("\(count) organisations mapped\n")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "An organisation in time: its official code and validity, the units it continues and those that continue it, its awards by year and its decisions.",
            discussion: "Example: awardctl org show LW2644   (Phường Cốc Lếu, nay là Phường Lào Cai)")
        @Argument var code: String
        @OptionGroup var io: CommandIO

        func run() async throws {
            let profile = try await io.run { try await $0.orgProfile(code: code) }
            if io.format == .json { return try Printer.json(profile) }
            Printer.write(Self.text(profile))
        }

        static func text(_ p: OrgProfile) -> String {
            var out = "\(p.code)  \(p.name)" + (p.now.map { " (\($0))" } ?? "") + "\n"
            out += "level           \(p.level.rawValue)" + (p.divisionType.map { " · \($0)" } ?? "") + "\n"
            if let code = p.officialCode { out += "official code   \(code)\n" }
            out += "in force        \(p.validFrom?.vietnamese ?? "…") – \(p.validTo?.vietnamese ?? "")\n"
            if let parent = p.parent { out += "under           \(parent)  \(p.parentName ?? "")\n" }
            for (title, links) in [("continues", p.predecessors), ("continued by", p.successors)] where !links.isEmpty {
                out += "\n\(title):\n" + Printer.table(["code", "name", "relation", "partly", "effective", "distance"], links.map {
                    [$0.code, $0.name, $0.relation, $0.partly ? "yes" : "", $0.effective.vietnamese, String($0.distance)]
                })
            }
            if !p.awardsByYear.isEmpty {
                out += "\nawards by decision year:\n" + Printer.table(["year", "own", "including_predecessors"], p.awardsByYear.map {
                    [String($0.year), String($0.own), String($0.includingPredecessors)]
                })
            }
            if p.decisionCount > 0 {
                out += "\ndecisions issued: \(p.decisionCount)\n" + Printer.table(["number", "decided_on", "awards"], p.decisions.map {
                    [$0.number, $0.decidedOn.vietnamese, String($0.awards)]
                })
            }
            return out
        }
    }
}

extension Org {
    struct Reroute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move the dossiers in flight at a unit the 2025 reform closed to the unit that took over its powers, each with a history step.",
            discussion: """
                A district's dossiers go to the commune in force that took over each dossier's unit (Decree 129/2025/NĐ-CP: the commune
                chairman holds the district chairman's powers); a closed province's to the province that continues it. A dossier the
                lineage cannot place refuses the whole move, naming it: give --to, or move it by itself. Each step records the reason:
                the one given, else the transitional provision of the rule pack in force (Decree 152/2025, Article 60; Decree
                129/2025, Article 59). Admins only.
                Example: awardctl org reroute LD80 --as admin --dry-run
                """)
        @Argument(help: "The closed unit's code (e.g. LD80).") var code: String
        @Option(help: "The unit in force every dossier goes to (otherwise each dossier's successor from the lineage).") var to: String?
        @Option(help: "Why (default: the transitional provision of the rule pack in force, e.g. Nghị định 152/2025/NĐ-CP, Điều 60 khoản 3).") var reason: String?
        @Flag(name: .customLong("dry-run"), help: "Only list what would move.") var dryRun = false
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.many { engine in
                try await engine.rerouteToSuccessors(from: code, to: to, reason: reason, by: try await actor.principal(engine), dryRun: dryRun).moved
            }
        }
    }
}

extension RerouteReport.Moved: Tabular {
    public static var headers: [String] { ["nomination", "from", "to"] }
    public var cells: [String] { [String(nomination), from, to] }
}

extension UnitImportReport: Tabular {
    public static var headers: [String] { ["units", "added", "updated", "unchanged", "edges", "edges_added", "edges_removed", "edges_unchanged"] }
    public var cells: [String] { [units, added, updated, unchanged, edges, edgesAdded, edgesRemoved, edgesUnchanged].map(String.init) }
}
