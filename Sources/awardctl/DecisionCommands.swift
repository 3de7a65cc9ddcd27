import ArgumentParser
import AwardEngine
import Foundation

struct Decide: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Award many nominations by one numbered decision, in one transaction (all or none).",
        discussion: """
            Example: awardctl decide --org TP-LC --kind giay-khen --as tran.minh --date 18/11/2025 \\
                       --signer "Nguyễn Văn Minh" --signer-title "Phó Chủ tịch" --signer-prefix KT. --legal-basis "Luật Thi đua, khen thưởng 2022" 12 13 14
            Without --number the issuer's next number for the year is taken (see `org pattern`).
            """)
    @Option(help: "The issuing org (the user's own).") var org: String
    @Option(help: "The award kind.") var kind: String
    @OptionGroup var actor: ActorOptions
    @Option(help: "The decision's date.") var date: CivilDate
    @Option(help: "A number given by hand (refused when already used).") var number: String?
    @OptionGroup var signer: SignerOptions
    @Option(name: .customLong("legal-basis")) var legalBasis: String?
    @Option(name: .customLong("type"), help: "annual (default), thematic, adhoc, long_service (dedication), foreign, seniority or resistance.") var commendationType: CommendationType = .annual
    @Option(name: .customLong("period"), help: "The achievement period, e.g. \"năm học 2024–2025\".") var period: String?
    @Option(help: "The council's tally where the pack requires a vote: MEMBERS/PRESENT/IN_FAVOUR.") var vote: String?
    @Argument(help: "The nomination ids.") var ids: [Int64]
    @OptionGroup var io: CommandIO

    func validate() throws {
        if ids.isEmpty { throw ValidationError("give at least one nomination id") }
        if let vote, VoteTally(parsing: vote) == nil { throw ValidationError("--vote \(vote) is not MEMBERS/PRESENT/IN_FAVOUR") }
    }

    func run() async throws {
        try await io.one { engine in
            let details = try signer.details(legalBasis: legalBasis, commendationType: commendationType, achievementPeriod: period)
            return try await engine.decide(org: org, kind: kind, nominations: ids, by: try await actor.principal(engine), date: date, number: number,
                                    details: details, vote: vote.flatMap(VoteTally.init(parsing:)))
        }
    }
}

extension DecisionView: Tabular {
    public static var headers: [String] { ["number", "date", "issuer", "kind", "signer", "recipients", "total_bonus_vnd"] }
    public var cells: [String] {
        [number, date.vietnamese, issuer, kind, [signerPrefix?.rawValue, signerTitle, signer].compactMap { $0 }.joined(separator: " "), String(recipients.count),
         totalBonusVnd.map(String.init) ?? ""]
    }
}

struct Salary: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The base salary (lương cơ sở) bonuses are computed from.", subcommands: [Set.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the base salary in force from a date.")
        @Option var from: CivilDate
        @Option(help: "In đồng, e.g. 2340000.") var amount: Int64
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { try await $0.setBaseSalary(from: from, amount: amount) }
            Printer.write("base salary from \(from.vietnamese): \(amount) đ\n")
        }
    }
}
