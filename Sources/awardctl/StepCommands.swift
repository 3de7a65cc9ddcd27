import AwardDomain
import AwardEngine
import ArgumentParser
import Foundation

extension StepMove: ExpressibleByArgument {}

/// `awardctl step ID complete|back`: a move inside the tier a dossier waits at.
struct Step: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move a dossier inside the tier it waits at: complete the current step (on to the next) or send it back one step.",
        discussion: """
            Only where the org works in steps (awardctl org steps CODE --on); the last step ends with approve, return or reject.
            back needs --reason. --from names the step you saw: if someone moved it meanwhile, nothing is done.
            Example: awardctl step 42 complete --comment "Đủ điều kiện" --assign-to truong.ban --as chuyen.vien
            """)
    @Argument(help: "The dossier's number.") var id: Int64
    @Argument(help: "complete or back.") var move: StepMove
    @Option(help: "The step you saw it at (appraise, review, …).") var from: String?
    @Option(help: "Why (required for back).") var reason: String?
    @Option(help: "What was found, for the history.") var comment: String?
    @Option(name: .customLong("assign-to"), help: "Give the next step to this user of the org.") var assignTo: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var io: CommandIO

    func run() async throws {
        try await io.one { engine in
            try await engine.moveStep(id, move, from: from, reason: reason, comment: comment, assignTo: assignTo,
                                      by: try await actor.principal(engine))
        }
    }
}

/// `awardctl assign ID… --to USER`: give dossiers waiting at the caller's org to a person.
struct Assign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Give dossiers waiting at your org to a person of it (an approver): from then on they act on them there.",
        discussion: "Each dossier is its own step, with its outcome. Example: awardctl assign 42 43 --to chuyen.vien --as truong.ban")
    @Argument(help: "The dossiers' numbers.") var ids: [Int64]
    @Option(help: "The user given them.") var to: String
    @Option(help: "A note for the history.") var comment: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var io: CommandIO

    func run() async throws {
        let results = try await io.run { engine in
            try await engine.assignEach(ids, to: to, as: .principal(try await actor.principal(engine)), comment: comment)
        }
        try Printer.many(results, io.format)
        if results.contains(where: { !$0.ok }) { throw ExitCode(1) }
    }
}

/// `awardctl my-work --as USER`: what waits for one person.
struct MyWorkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "my-work", abstract: "List the dossiers assigned to a user (việc của tôi).",
        discussion: "Example: awardctl my-work --as chuyen.vien")
    @OptionGroup var actor: ActorOptions
    @OptionGroup var io: CommandIO

    func run() async throws {
        try await io.many { engine in try await engine.myWork(of: try await actor.principal(engine)).assigned }
    }
}

extension Org {
    /// `awardctl org steps CODE --on|--off`.
    struct Steps: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Whether an org works in steps (the rule pack's steps for its level: appraise → review → … → approve and sign).",
            discussion: "Dossiers arriving from now on start at the first step. Example: awardctl org steps W10 --on --as ubnd.laocai")
        @Argument var code: String
        @Flag(help: "Work in steps.") var on = false
        @Flag(help: "Work as one box.") var off = false
        @OptionGroup var actor: ActorOptions
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            if on == off { throw ValidationError("give --on or --off") }
        }

        func run() async throws {
            let steps = on
            try await connection.run { engine in try await engine.setWorksInSteps(org: code, steps, by: try await actor.principal(engine)) }
            Printer.write("\(code): \(steps ? "works in steps" : "works as one box")\n")
        }
    }
}
