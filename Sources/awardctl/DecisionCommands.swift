import ArgumentParser
import AwardEngine
import AwardPostgres
import Foundation

extension DocumentType: ExpressibleByArgument {}

struct Decide: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Award many nominations by one numbered decision, in one transaction (all or none).",
        discussion: """
            Example: awardctl decide --org TP-LC --kind giay-khen --as tran.minh --date 18/11/2025 \\
                       --signer "Nguyễn Văn Minh" --on-behalf --legal-basis "Luật Thi đua, khen thưởng 2022" 12 13 14
            Without --number the issuer's next number for the year is taken (see `org pattern`).
            """)
    @Option(help: "The issuing org (the user's own).") var org: String
    @Option(help: "The award kind.") var kind: String
    @Option(name: .customLong("as"), help: "The approver who decides.") var actor: String
    @Option(help: "The decision's date.") var date: String
    @Option(help: "A number given by hand (refused when already used).") var number: String?
    @Option(help: "Who signed.") var signer: String?
    @Flag(name: .customLong("on-behalf"), help: "Signed on behalf of the head (KT.).") var onBehalf = false
    @Option(name: .customLong("legal-basis")) var legalBasis: String?
    @Option(name: .customLong("type"), help: "annual (default), thematic, adhoc, long_service or foreign.") var commendationType: CommendationType = .annual
    @Option(name: .customLong("period"), help: "The achievement period, e.g. \"năm học 2024–2025\".") var period: String?
    @Option(help: "The council's tally where the pack requires a vote: MEMBERS/PRESENT/IN_FAVOUR.") var vote: String?
    @Argument(help: "The nomination ids.") var ids: [Int64]
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: FormatOptions

    func validate() throws {
        _ = try parseDate(date, "--date")
        if ids.isEmpty { throw ValidationError("give at least one nomination id") }
        if let vote, VoteTally(parsing: vote) == nil { throw ValidationError("--vote \(vote) is not MEMBERS/PRESENT/IN_FAVOUR") }
    }

    func run() async throws {
        let day = try parseDate(date, "--date")
        let details = DecisionDetails(signer: signer, onBehalf: onBehalf, legalBasis: legalBasis, commendationType: commendationType, achievementPeriod: period)
        let decision = try await connection.run { engine in
            try await engine.decide(org: org, kind: kind, nominations: ids, by: try await engine.principal(named: actor), date: day, number: number,
                                    details: details, vote: vote.flatMap(VoteTally.init(parsing:)))
        }
        try Printer.one(decision, output.format)
    }
}

extension DecisionView: Tabular {
    public static var headers: [String] { ["number", "date", "issuer", "kind", "signer", "recipients", "total_bonus_vnd"] }
    public var cells: [String] {
        [number, date.vietnamese, issuer, kind, (onBehalf ? "KT. " : "") + (signer ?? ""), String(recipients.count),
         totalBonusVnd.map(String.init) ?? ""]
    }
}

struct Doc: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Dossier documents.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Attach a document (PDF, Word/ODF, JPEG or PNG, at most 10 MiB); it is never altered, a new version is a new document.")
        @Argument(help: "The nomination id.") var id: Int64
        @Option(help: "to-trinh, danh-sach, bao-cao-thanh-tich, bien-ban, sang-kien, xac-nhan or khac.") var type: DocumentType
        @Argument(help: "The file.") var file: String
        @Option(help: "Its name (default: the file's).") var name: String?
        @Option(name: .customLong("as"), help: "Who uploads it.") var actor: String
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: FormatOptions

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            let document = try await connection.run { engine in
                try await engine.addDocument(to: id, type: type, name: name ?? (file as NSString).lastPathComponent, content: Array(data),
                                             by: try await engine.principal(named: actor))
            }
            try Printer.one(document, output.format)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a nomination's documents.")
        @Argument(help: "The nomination id.") var id: Int64
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: FormatOptions

        func run() async throws { try Printer.many(try await connection.run { try await $0.documents(of: id) }, output.format) }
    }
}

extension DocumentInfo: Tabular {
    public static var headers: [String] { ["id", "type", "name", "media_type", "size", "sha256", "uploaded_by"] }
    public var cells: [String] { [String(id), type.rawValue, name, mediaType, String(size), sha256, uploadedBy] }
}

struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "Non-working days and working-day deadlines.",
        subcommands: [Holiday.self, Workday.self, Due.self])

    struct Holiday: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Public holidays.", subcommands: [Add.self])
        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Mark FROM (to TO) as holidays, e.g. Tết: 25/01/2025 02/02/2025.")
            @Argument var from: String
            @Argument var to: String?
            @Option var name: String?
            @OptionGroup var connection: ConnectionOptions

            func validate() throws {
                _ = try parseDate(from, "FROM")
                if let to { _ = try parseDate(to, "TO") }
            }

            func run() async throws {
                let start = try parseDate(from, "FROM")
                let end = try to.map { try parseDate($0, "TO") }
                let count = try await connection.run { try await $0.setCalendar(from: start, to: end, working: false, name: name) }
                Printer.write("\(count) day(s) marked as holidays\n")
            }
        }
    }

    struct Workday: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make-up working days.", subcommands: [Add.self])
        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Mark a weekend day as a working day.")
            @Argument var date: String
            @Option var name: String?
            @OptionGroup var connection: ConnectionOptions

            func validate() throws { _ = try parseDate(date, "DATE") }

            func run() async throws {
                let day = try parseDate(date, "DATE")
                _ = try await connection.run { try await $0.setCalendar(from: day, working: true, name: name) }
                Printer.write("\(day.vietnamese) is a working day\n")
            }
        }
    }

    struct Due: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The day a period of N working days from DATE ends (the first day counted is the next working day).")
        @Option var from: String
        @Option var days: Int
        @OptionGroup var connection: ConnectionOptions

        func validate() throws { _ = try parseDate(from, "--from") }

        func run() async throws {
            let start = try parseDate(from, "--from")
            let due = try await connection.run { try await $0.dueDate(from: start, workingDays: days) }
            Printer.write(due.vietnamese + "\n")
        }
    }
}

struct Overdue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Nominations late, or due within N working days, at an org and below.")
    @Option var org: String?
    @Option(help: "Also those due within this many working days.") var within: Int = 0
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: FormatOptions

    func run() async throws {
        let rows = try await connection.run { try await $0.overdue(org: org, within: within) }
        try Printer.many(rows, output.format)
    }
}

extension DeadlineInfo: Tabular {
    public static var headers: [String] { ["id", "kind", "state", "org", "nominee", "due_on", "working_days_left"] }
    public var cells: [String] {
        [String(nomination.id), nomination.kind, nomination.state.rawValue, nomination.org, nomination.nominee.name, dueOn.vietnamese, String(workingDaysLeft)]
    }
}

struct Objection: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Objections received during a public notice.", subcommands: [Add.self, Resolve.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an objection.")
        @Argument var id: Int64
        @Option var text: String
        @Option(name: .customLong("received-on")) var receivedOn: String
        @Option(name: .customLong("as")) var actor: String
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: FormatOptions

        func validate() throws { _ = try parseDate(receivedOn, "--received-on") }

        func run() async throws {
            let day = try parseDate(receivedOn, "--received-on")
            let objection = try await connection.run { engine in
                try await engine.addObjection(to: id, text: text, receivedOn: day, by: try await engine.principal(named: actor))
            }
            try Printer.one(objection, output.format)
        }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resolve an objection with a note.")
        @Argument(help: "The objection id.") var objection: Int64
        @Option var resolution: String
        @Option(name: .customLong("as")) var actor: String
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: FormatOptions

        func run() async throws {
            let resolved = try await connection.run { engine in
                try await engine.resolveObjection(objection, resolution: resolution, by: try await engine.principal(named: actor))
            }
            try Printer.one(resolved, output.format)
        }
    }
}

extension ObjectionInfo: Tabular {
    public static var headers: [String] { ["id", "text", "received_on", "resolution"] }
    public var cells: [String] { [String(id), text, receivedOn.vietnamese, resolution ?? ""] }
}

struct Timers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fire the durable timers due today (end of public notices, deadline warnings); awardd does this by itself.",
        subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Fire what is due.")
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let fired = try await connection.run { try await $0.runDueTimers(limit: 10_000) }
            Printer.write("\(fired) timer(s) fired\n")
        }
    }
}

struct Salary: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The base salary (lương cơ sở) bonuses are computed from.", subcommands: [Set.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the base salary in force from a date.")
        @Option var from: String
        @Option(help: "In đồng, e.g. 2340000.") var amount: Int64
        @OptionGroup var connection: ConnectionOptions

        func validate() throws { _ = try parseDate(from, "--from") }

        func run() async throws {
            let day = try parseDate(from, "--from")
            try await connection.run { try await $0.setBaseSalary(from: day, amount: amount) }
            Printer.write("base salary from \(day.vietnamese): \(amount) đ\n")
        }
    }
}
