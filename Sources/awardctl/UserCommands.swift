import ArgumentParser
import AwardEngine
import AwardPostgres
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage users and their bearer tokens.", subcommands: [Add.self, List.self, ChangeRole.self, Revoke.self, Passwd.self, Email.self, Name.self, Phone.self])

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

    struct ChangeRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "role",
            abstract: "Give a user another role (and org): every session of the user ends at once.",
            discussion: "Example: awardctl user role tran.minh --role auditor --org LC")
        @Argument(help: "The login name.") var name: String
        @Option(help: "nominator, approver, auditor or admin.") var role: Role
        @Option(help: "The user's new org code (unchanged when omitted).") var org: String?
        @OptionGroup var io: CommandIO

        func run() async throws { try await io.one { try await $0.changeRole(name: name, role: role, org: org) } }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a user: its token and every session stop working at once.")
        @Argument(help: "The login name.") var name: String
        @OptionGroup var io: CommandIO

        func run() async throws { try await io.one { try await $0.revokeUser(name: name) } }
    }
}

extension User {
    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a user's password for the web pages (bcrypt; the password is never stored); every session of the user ends.",
            discussion: """
                A password has 12 to 200 characters, does not contain the user name, and is not one of the 10,000 most common.
                Asks twice on a terminal; --password-stdin reads one line instead (for scripts).
                """)
        @Argument(help: "The user's name.") var name: String
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.") var passwordStdin = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let password: String
            if passwordStdin {
                password = readLine(strippingNewline: true) ?? ""
            } else {
                guard let first = Self.ask("Mật khẩu mới cho \(name): "), let second = Self.ask("Nhập lại: ") else {
                    throw ValidationError("no password given (use --password-stdin when not on a terminal)")
                }
                guard first == second else { throw ValidationError("the two passwords differ") }
                password = first
            }
            try await connection.run(saying: "password set for \(name)") { try await $0.setPassword(name: name, password: password) }
        }

        /// Reads a line from the terminal without echoing it.
        static func ask(_ prompt: String) -> String? {
            guard isatty(STDIN_FILENO) == 1 else { return readLine(strippingNewline: true) }
            FileHandle.standardError.write(Data(prompt.utf8))
            var old = termios()
            tcgetattr(STDIN_FILENO, &old)
            var silent = old
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSANOW, &silent)
            defer {
                tcsetattr(STDIN_FILENO, TCSANOW, &old)
                FileHandle.standardError.write(Data("\n".utf8))
            }
            return readLine(strippingNewline: true)
        }
    }
}

extension EmailMode: ExpressibleByArgument {}

extension User {
    struct Email: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a user's e-mail address and what they receive: none, immediate (each dossier that arrives) or daily (a digest).",
            discussion: "Example: awardctl user email nguyen.lan --email lan@duyenhai.laocai.gov.vn --mode daily --as admin")
        @Argument var name: String
        @Option var email: String?
        @Option(help: "none, immediate or daily.") var mode: EmailMode
        @OptionGroup var actor: ActorOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { engine in try await engine.setEmail(user: name, email: email, mode: mode, by: try await actor.principal(engine)) }
            Printer.write("\(name): e-mail \(email ?? "-") (\(mode.rawValue))\n")
        }
    }

    struct Name: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a user's full name and title: the header, the history and a signer's default show them instead of the login.",
            discussion: "Example: awardctl user name nguyen.lan --display-name \"Nguyễn Thị Lan\" --title \"Công chức Văn hóa - Xã hội\"")
        @Argument var name: String
        @Option(name: .customLong("display-name"), help: "The full name (empty clears it).") var displayName: String?
        @Option(help: "The title (empty clears it).") var title: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let recorded = try await connection.run { engine in
                try await engine.setPersonName(user: name, displayName: displayName, title: title)
            }
            Printer.write("\(recorded.user): \(recorded.displayName ?? "-") · \(recorded.title ?? "-")\n")
        }
    }
}
