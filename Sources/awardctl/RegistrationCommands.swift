import ArgumentParser
import AwardDocuments
import AwardEngine
import Foundation

/// `awardctl registration`: a unit's registration (đăng ký thi đua) for a campaign and year.
struct RegistrationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registration", abstract: "Registrations (đăng ký thi đua): add, import, send, return, accept, list.",
        discussion: """
            A unit's registration is created by its first entry, sent to the launching org, and accepted or
            returned with a reason (then corrected and sent again). Without an accepted registration a title
            (LĐTT, CSTĐCS, CSTĐ tỉnh) for a year whose campaign requires one is refused.
            """,
        subcommands: [Add.self, Import.self, Act.self, List.self, Show.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register one collective or individual of a unit.",
            discussion: "Example: awardctl registration add --campaign PT-2026-LC --unit P-HB --year 2026 --name \"Lò Văn An\" --type individual --kinds \"ldtt;cstdcs\" --as lan")
        @Option var campaign: String
        @Option var unit: String
        @Option var year: Int
        @Option(name: .customLong("nominee-id"), help: "An existing nominee.") var nomineeId: Int64?
        @Option(help: "A new nominee's name.") var name: String?
        @Option(help: "A new nominee's type: individual, collective or household.") var type: NomineeType?
        @Option(help: "The titles aimed at, separated by ;.") var kinds: String
        @Option(help: "The pledged targets.") var targets: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            let entry = RegistrationEntryInput(nomineeId: nomineeId, name: name, type: type,
                                               kinds: kinds.split(separator: ";").map(String.init), targets: targets)
            try await io.one { try await $0.register(campaign: campaign, unit: unit, year: year, entries: [entry], by: try await actor.principal($0)) }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a unit's members from a CSV or Excel (.xlsx) file, all or none.",
            discussion: """
                Columns: \(AwardEngine.registrationColumns.joined(separator: ",")) (nominee_id, or nominee and nominee_type; kinds separated by ;).
                Example:
                  nominee,nominee_type,kinds,targets
                  Lò Văn An,individual,ldtt;cstdcs,Hoàn thành xuất sắc nhiệm vụ
                """)
        @Argument(help: "The CSV or .xlsx file.") var file: String
        @Option var campaign: String
        @Option var unit: String
        @Option var year: Int
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch { throw ValidationError("cannot read \(file): \(error.localizedDescription)") }
            try await io.one { engine in
                let principal = try await actor.principal(engine)
                // Who may register is asked before a byte of the file is parsed.
                try engine.authorize(principal, .register)
                let csv = data.starts(with: [0x50, 0x4B, 0x03, 0x04]) ? try XLSXReader.csv(data) : data
                return try await engine.register(campaign: campaign, unit: unit, year: year, entries: try AwardEngine.registrationEntries(csv: csv),
                                                 by: principal)
            }
        }
    }

    struct Act: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "act", abstract: "send (the unit), return with --reason or accept (the launching org) a registration.",
            discussion: "Example: awardctl registration act 3 return --reason \"Bổ sung chỉ tiêu\" --as hoa")
        @Argument var id: Int64
        @Argument(help: "send, return or accept.") var action: RegistrationAction
        @Option var reason: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.one { try await $0.actOnRegistration(id, action, reason: reason, by: try await actor.principal($0)) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A campaign's registrations.")
        @Option var campaign: String
        @Option var year: Int?
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.many { try await $0.registrations(campaign: campaign, year: year) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One registration: its entries and history.")
        @Argument var id: Int64
        @OptionGroup var io: CommandIO

        func run() async throws {
            let registration = try await io.run { try await $0.registration(id) }
            if io.format == .json { return try Printer.json(registration) }
            try Printer.one(registration, io.format)
            if io.format == .table {
                Printer.write("\n" + Printer.table(Registration.Entry.headers, registration.entries.map(\.cells)))
                for step in registration.history {
                    Printer.write("history  \(step.at) \(step.from?.rawValue ?? "-") → \(step.to.rawValue) by \(step.actor)\(step.reason.map { ": \($0)" } ?? "")\n")
                }
            }
        }
    }
}

extension RegistrationAction: ExpressibleByArgument {}

/// `awardctl review`: the unit council's review (bình xét), and its proposals as nominations.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "Reviews (bình xét): record a council's result per registrant, list them, turn proposals into nominations.",
        subcommands: [Record.self, List.self, Propose.self])

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record (or correct) a registrant's review while the campaign is reviewing.",
            discussion: "Example: awardctl review record --campaign PT-2026-LC --year 2026 --nominee 41 --result here --kind ldtt --vote 7/7/6 --as lan")
        @Option var campaign: String
        @Option var year: Int
        @Option(help: "The registrant's nominee id.") var nominee: Int64
        @Option(help: "here, higher or not_reached.") var result: ReviewResult
        @Option(help: "The title or form proposed.") var kind: String?
        @Flag(name: .customLong("criteria-not-met")) var criteriaNotMet = false
        @Option(help: "The council's tally: MEMBERS/PRESENT/IN_FAVOUR.") var vote: String?
        @Option var note: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func validate() throws {
            if let vote, VoteTally(parsing: vote) == nil { throw ValidationError("--vote \(vote) is not MEMBERS/PRESENT/IN_FAVOUR") }
        }

        func run() async throws {
            let input = ReviewInput(nomineeId: nominee, result: result, kind: kind, criteriaMet: !criteriaNotMet,
                                    vote: vote.flatMap(VoteTally.init(parsing:)), note: note)
            try await io.one { try await $0.recordReview(campaign: campaign, year: year, input, by: try await actor.principal($0)) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A campaign's reviews.")
        @Option var campaign: String
        @Option var unit: String?
        @Option var year: Int?
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.many { try await $0.reviews(campaign: campaign, unit: unit, year: year) }
        }
    }

    struct Propose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn a unit's proposals into nominations (all or none), each submitted to its chain.",
            discussion: "Example: awardctl review propose --campaign PT-2026-LC --unit P-HB --year 2026 --as lan")
        @Option var campaign: String
        @Option var unit: String
        @Option var year: Int
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.many { try await $0.proposeNominations(campaign: campaign, unit: unit, year: year, by: try await actor.principal($0)) }
        }
    }
}
