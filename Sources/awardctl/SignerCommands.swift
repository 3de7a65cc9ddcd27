import AwardDomain
import AwardEngine
import ArgumentParser
import Foundation

extension Org {
    /// `awardctl org signers CODE [--add USER --title T | --remove USER]`: who may sign for an org.
    struct Signers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List who may sign for an org, or let one of its users sign (with the title they sign under), or no longer.",
            discussion: """
                An approver of the org itself, or an admin, changes the list; the org's page shows it.
                Example: awardctl org signers W2647 --add ubnd.laocai --title "Chủ tịch" --as ubnd.laocai
                """)
        @Argument var code: String
        @Option(help: "A user of the org who may sign for it.") var add: String?
        @Option(help: "The title they sign under, e.g. \"Chủ tịch\" or \"Phó Chủ tịch\" (with --add).") var title: String?
        @Option(help: "A user who may no longer sign for it.") var remove: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func validate() throws {
            if add != nil && remove != nil { throw ValidationError("give --add or --remove, not both") }
            if add != nil && title == nil { throw ValidationError("--add needs --title, the title they sign under") }
        }

        func run() async throws {
            try await io.many { engine in
                if let add { return try await engine.addSigner(org: code, user: add, title: title ?? "", by: try await actor.principal(engine)) }
                if let remove { return try await engine.removeSigner(org: code, user: remove, by: try await actor.principal(engine)) }
                return try await engine.signers(org: code)
            }
        }
    }
}

extension User {
    struct Phone: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a user's phone (an org's page shows its signers' e-mail and phone).",
            discussion: "Example: awardctl user phone nguyen.lan --phone \"0214 3840 123\"")
        @Argument var name: String
        @Option(help: "The phone number (empty clears it).") var phone: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let recorded = try await connection.run { engine in try await engine.setPhone(user: name, phone: phone) }
            Printer.write("\(name): \(recorded ?? "-")\n")
        }
    }
}

extension OrgSigner: Tabular {
    public static var headers: [String] { ["user", "display_name", "title", "email", "phone"] }
    public var cells: [String] { [user, displayName ?? "", title, email ?? "", phone ?? ""] }
}
