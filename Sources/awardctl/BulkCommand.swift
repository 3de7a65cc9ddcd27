import AwardDomain
import AwardEngine
import ArgumentParser
import Foundation

/// `awardctl bulk ACTION ID…`: one action on many dossiers waiting at the caller's tier.
struct Bulk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Forward (approve), return or reject many dossiers at once: each its own step, with each dossier's outcome.",
        discussion: """
            One reason for all when returning or rejecting. A dossier refused (another's, already acted on) does not stop the others;
            the exit status is 0 only when every dossier went through. At most 500.
            Example: awardctl bulk return 12 13 14 --reason "Bổ sung báo cáo thành tích có xác nhận" --as tran.minh
            """)
    @Argument(help: "approve (forward), return or reject.") var action: String
    @Argument(help: "The dossiers' numbers.") var ids: [Int64]
    @Option(help: "Why (required to return or reject).") var reason: String?
    @Option(help: "A comment for the history.") var comment: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var io: CommandIO

    func run() async throws {
        guard let given = Action(rawValue: action) else { throw ValidationError("ACTION is approve, return or reject, not \(action)") }
        let results = try await io.run { engine in
            try await engine.performEach(given, on: ids, as: .principal(try await actor.principal(engine)), reason: reason, comment: comment)
        }
        try Printer.many(results, io.format)
        if results.contains(where: { !$0.ok }) { throw ExitCode(1) }
    }
}

extension BulkOutcome: Tabular {
    public static var headers: [String] { ["nomination", "ok", "state", "org", "refused"] }
    public var cells: [String] { [String(nomination), ok ? "yes" : "no", state?.rawValue ?? "", org ?? "", messageVI ?? ""] }
}
