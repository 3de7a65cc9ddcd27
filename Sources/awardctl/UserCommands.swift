import ArgumentParser
import AwardEngine
import AwardPostgres

struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage users and their bearer tokens.", subcommands: [Add.self, List.self, Revoke.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user and print its bearer token (shown once; only its hash is stored).",
            discussion: """
                Roles: nominator (creates, submits, withdraws, resubmits for its org and below), approver (approves,
                returns, rejects at its own org, revokes its awards), auditor (reads its org's subtree), admin.
                Example: awardctl user add tran.minh --org TP-LC --role approver --format json
                """)
        @Argument(help: "The login name: letters, digits, '.', '_', '@' or '-'.") var name: String
        @Option(help: "The user's org code.") var org: String
        @Option(help: "nominator, approver, auditor or admin.") var role: Role
        @OptionGroup var io: CommandIO

        func run() async throws { try await io.one { try await $0.addUser(name: name, org: org, role: role) } }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users (never their tokens).")
        @OptionGroup var io: CommandIO

        func run() async throws { try await io.many { try await $0.users() } }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a user: its token stops working at once.")
        @Argument(help: "The login name.") var name: String
        @OptionGroup var io: CommandIO

        func run() async throws { try await io.one { try await $0.revokeUser(name: name) } }
    }
}
