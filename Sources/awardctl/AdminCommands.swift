import ArgumentParser
import AwardEngine
import AwardPostgres

struct Db: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the database schema.", subcommands: [Migrate.self, Version.self])

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the schema or upgrade it in place, as the database's owner role; running it again changes nothing.",
            discussion: """
                Run it as the role that owns the schema (--database-url with that role, or the embedded cluster's
                owner). Afterwards the application role award_app (awardd's login role is a member of it) gets
                read and write rights on the data and read and append rights on the history, nothing more.
                """)
        @OptionGroup var io: CommandIO

        func run() async throws {
            try Printer.one(try await io.connection.run(asOwner: true) { try await $0.migrate(grant: true) }, io.format)
        }
    }

    struct Version: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The schema version of the database and the one this awardctl runs on.")
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let versions = try await connection.run { try await $0.schemaVersion() }
            Printer.write("schema \(versions.database) (this engine: \(versions.engine))\n")
        }
    }
}

struct Org: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the organisation tree.", subcommands: [Add.self, List.self, Show.self, ImportUnits.self, MapUnits.self, Reroute.self, Pattern.self, Signer.self, Signers.self, Steps.self])

    struct Pattern: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set how an issuer's decision numbers are written: {n}/QĐ-UBND, {n}/QĐ-TTg …")
        @Argument var code: String
        @Argument var pattern: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { try await $0.setDecisionPattern(org: code, pattern: pattern) }
            Printer.write("\(code): \(pattern)\n")
        }
    }

    struct Signer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record who usually signs an org's decisions: the deciding forms and the decisions start from them.",
            discussion: "Example: awardctl org signer T-LC --name \"Trần Văn Hùng\" --title \"Chủ tịch\" --as le.hoa")
        @Argument var code: String
        @Option(help: "The signer's full name (empty clears it).") var name: String?
        @Option(help: "Their title, e.g. \"Chủ tịch\" or \"Phó Chủ tịch\" (empty clears it).") var title: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let recorded = try await connection.run { engine in
                try await engine.setUsualSigner(org: code, name: name, title: title, by: try await actor.principal(engine))
            }
            Printer.write("\(recorded.org): \(recorded.name ?? "-") · \(recorded.title ?? "-")\n")
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an organisation.",
            discussion: "Example: awardctl org add TX-HL --name \"UBND thị xã Hoàng Liên\" --level district --parent T-LC")
        @Argument(help: "A short code: letters, digits, '.', '_' or '-'.") var code: String
        @Option(help: "Its Vietnamese name.") var name: String
        @Option(help: "central, ministry, province, district, commune or unit.") var level: OrgLevel
        @Option(help: "The parent's code (none for a root).") var parent: String?
        @OptionGroup var io: CommandIO

        func run() async throws { try await io.one { try await $0.addOrg(code: code, name: name, level: level, parent: parent) } }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List organisations in tree order.")
        @OptionGroup var io: CommandIO

        func run() async throws { try await io.many { try await $0.orgs() } }
    }
}

struct Kind: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The catalog of awards and titles.", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List award kinds with their nominee types and chains, under the rule pack in force.")
        @Option(help: "The pack in force on this date (today by default).") var on: CivilDate?
        @OptionGroup var io: CommandIO

        func run() async throws {
            let date = on
            try await io.many { try await $0.kinds(on: date) }
        }
    }
}

/// `awardctl policy`: who may do what, as the engine decides it.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Print who may do what: every permission, the roles that have it and how far into the org tree it reaches (SECURITY.md shows the same table).")

    func run() async throws {
        Printer.write(Policy.markdownTable)
    }
}
