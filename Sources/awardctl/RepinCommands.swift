import AwardDomain
import AwardEngine
import ArgumentParser
import Foundation

extension Rules {
    /// `awardctl rules changes`: the dossiers in flight the pack in force would judge differently.
    struct Changes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the dossiers in flight that the pack in force today would judge differently from the pack they were pinned to.",
            discussion: "The pinned pack keeps judging them until they are moved (awardctl rules repin). Admins, or the operator.")
        @Option(name: .customLong("as"), help: "An admin (without it: the operator at the database).") var user: String?
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.many { engine in try await engine.packChanges(by: try await user.asyncMap { try await engine.principal(named: $0) }) }
        }
    }

    /// `awardctl rules repin ID… --reason R`: moves them to the pack in force, all or none.
    struct Repin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move dossiers in flight to the pack in force today, with a reason: all or none, each a step of its history.",
            discussion: "Only dossiers `rules changes` lists whose route the new pack keeps. Example: awardctl rules repin 41 42 --reason \"Áp dụng Nghị định mới theo Điều 60\"")
        @Argument(help: "The dossiers' numbers.") var ids: [Int64]
        @Option(help: "Why they are moved.") var reason: String
        @Option(name: .customLong("as"), help: "An admin (without it: the operator at the database).") var user: String?
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.many { engine in
                try await engine.repin(ids, reason: reason, by: try await user.asyncMap { try await engine.principal(named: $0) })
            }
        }
    }
}

extension PackChange: Tabular {
    public static var headers: [String] { ["nomination", "kind", "state", "from", "to", "before", "after", "route_differs"] }
    public var cells: [String] {
        func judged(_ result: EligibilityResult?) -> String {
            guard let result else { return "không có trong bộ mới" }
            return result.eligible ? "đủ điều kiện" : result.reasons.map(\.code.rawValue).joined(separator: " ")
        }
        return [String(nomination), kind, state.rawValue, from, to, judged(before), judged(after), routeDiffers ? "yes" : ""]
    }
}
