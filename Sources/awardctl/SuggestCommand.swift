import AwardDomain
import AwardEngine
import ArgumentParser
import Foundation

/// `awardctl suggest --unit U --year Y`: who of a unit qualifies for what this year, and drafts from chosen lines.
struct Suggest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List who of a unit qualifies for which award in a year (or lacks one condition), and make drafts from chosen lines.",
        discussion: """
            The same judgement as `awardctl check`, run for every person and collective of the unit and every kind the rule pack in force lets it propose.
            --draft NOMINEE:KIND (repeatable) makes draft nominations of the chosen lines instead of listing.
            Example: awardctl suggest --unit W2647 --year 2025 --as nguyen.lan
                     awardctl suggest --unit W2647 --year 2025 --draft 12:ldtt --draft 14:cstdcs --as nguyen.lan
            """)
    @Option(help: "The unit's code.") var unit: String
    @Option(help: "The achievement year.") var year: Int
    @Option(help: "NOMINEE:KIND, a line to turn into a draft nomination (repeatable).") var draft: [String] = []
    @OptionGroup var actor: ActorOptions
    @OptionGroup var io: CommandIO

    func run() async throws {
        let choices = try draft.map { line -> (nominee: Int64, kind: String) in
            let parts = line.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let nominee = Int64(parts[0]), !parts[1].isEmpty else {
                throw ValidationError("--draft is NOMINEE:KIND (e.g. 12:ldtt), not \(line)")
            }
            return (nominee, parts[1])
        }
        if choices.isEmpty {
            try await io.many { engine in try await engine.suggestions(unit: unit, year: year, viewer: try await actor.principal(engine)).items }
        } else {
            try await io.many { engine in
                try await engine.draftsFromSuggestions(unit: unit, year: year, choices: choices, by: try await actor.principal(engine))
            }
        }
    }
}

extension Suggestion: Tabular {
    public static var headers: [String] { ["nominee", "name", "type", "kind", "qualifies", "missing", "proposed"] }
    public var cells: [String] {
        [String(nominee), nomineeName, nomineeType.rawValue, kind, eligible ? "yes" : "no", missing.map(\.messageVi).joined(separator: "; "),
         proposed ? "yes" : ""]
    }
}
