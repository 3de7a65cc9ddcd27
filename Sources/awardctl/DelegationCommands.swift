import AwardDomain
import AwardEngine
import ArgumentParser
import Foundation

extension SignerPrefix: ExpressibleByArgument {
    public init?(argument: String) { self.init(typed: argument) }
}
extension DelegatedAct: ExpressibleByArgument {}

/// `awardctl delegation add|revoke|list`: a leader lets a person of the org approve or sign for
/// them, for dates and a scope.
struct DelegationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delegation",
        abstract: "Delegations: a leader lets a person of the same org approve or sign for them, for dates and kinds of award.",
        subcommands: [Add.self, Revoke.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delegate: the delegate's steps and decisions record both names and print the prefix.",
            discussion: """
                The leader is the --as user (an approver of ORG); an admin names one with --delegator.
                Outside the dates, the acts or the kinds, the delegate's step is refused with the reason.
                Example: awardctl delegation add W2647 --delegate pho.chutich --prefix KT. --act approve --act sign \\
                           --from 01/12/2026 --to 05/12/2026 --basis "Giấy ủy quyền số 12/GUQ-UBND" --as ubnd.laocai
                """)
        @Argument(help: "The org whose authority is delegated.") var org: String
        @Option(help: "The user of the org who acts for the leader.") var delegate: String
        @Option(help: "KT., TM., TL., TUQ. or Q.: what the papers print before the leader's title.") var prefix: SignerPrefix
        @Option(help: "approve (forward, return, reject) or sign (the steps that issue a decision); repeat for both.") var act: [DelegatedAct]
        @Option(help: "A kind of award it covers; repeat for several (none: every kind).") var kind: [String] = []
        @Option(help: "The first day (dd/mm/yyyy).") var from: CivilDate
        @Option(help: "The last day (dd/mm/yyyy), at most 366 days after the first.") var to: CivilDate
        @Option(help: "The paper that grants it, e.g. \"Giấy ủy quyền số 12/GUQ-UBND\".") var basis: String?
        @Option(help: "The leader, when an admin records it for them.") var delegator: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.one { engine in
                try await engine.delegate(DelegationRequest(org: org, delegator: delegator, delegate: delegate, prefix: prefix, acts: act,
                                                            kinds: kind, from: from, to: to, basis: basis), by: try await actor.principal(engine))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a delegation (it and its revocation stay on record).",
            discussion: "Example: awardctl delegation revoke 3 --reason \"Chủ tịch đã trở lại làm việc\" --as ubnd.laocai")
        @Argument var id: Int64
        @Option(help: "Why it ends early.") var reason: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.one { engine in try await engine.revokeDelegation(id, reason: reason, by: try await actor.principal(engine)) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An org's delegations, running ones first.",
                                                        discussion: "Example: awardctl delegation list W2647")
        @Argument var org: String
        @Option(name: .customLong("as"), help: "Only if this user may see them.") var viewer: String?
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.many { engine in
                try await engine.delegations(org: org, viewer: try await viewer.asyncMap { try await engine.principal(named: $0) })
            }
        }
    }
}

extension Delegation: Tabular {
    public static var headers: [String] { ["id", "org", "delegator", "delegate", "prefix", "acts", "kinds", "from", "to", "basis", "revoked_at"] }
    public var cells: [String] {
        [String(id), org, delegatorName ?? delegator, delegateName ?? delegate, prefix.rawValue, acts.map(\.rawValue).joined(separator: " "),
         kinds.joined(separator: " "), from.vietnamese, to.vietnamese, basis ?? "", revokedAt ?? ""]
    }
}
