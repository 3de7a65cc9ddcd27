import ArgumentParser
import AwardDocuments
import AwardEngine
import Foundation

extension CampaignKind: ExpressibleByArgument {}
extension CampaignState: ExpressibleByArgument {}
extension ReviewResult: ExpressibleByArgument {}
extension ClusterKind: ExpressibleByArgument {}

/// `awardctl campaign`: launch a campaign, move it through its year, show it and its report.
struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign", abstract: "Emulation campaigns (phong trào thi đua): launch, states, report.",
        discussion: """
            A campaign goes draft → registration (launched) → running → reviewing → closed; a closed one reopens
            for review with --reason. Units register (`awardctl registration`), their councils review
            (`awardctl review`), and the proposals become nominations (`awardctl review propose`).
            """,
        subcommands: [Create.self, Move.self, List.self, Show.self, Report.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a campaign as a draft.",
            discussion: """
                Example: awardctl campaign create --code PT-2026-LC --org LC --name "Thi đua yêu nước năm 2026" --kind regular \\
                           --from 01/01/2026 --to 31/12/2026 --award ldtt:10 --award cstdcs:2 --award bang-khen-tinh:1:3510000 \\
                           --criterion "ldtt|Hoàn thành tốt nhiệm vụ trở lên|Luật Thi đua, khen thưởng 2022, Điều 24" --as hoa
                --award KIND[:QUOTA PER UNIT[:AMOUNT]]; --criterion KIND|TEXT[|SOURCE] (start TEXT with ? for an optional one);
                --document TITLE[|NUMBER[|DATE]]; --unit CODE names a unit in scope (default: the org's subtree, or the cluster's members).
                """)
        @Option var code: String
        @Option(help: "The launching org.") var org: String
        @Option var name: String
        @Option(help: "Theme or slogan.") var theme: String?
        @Option(help: "regular, thematic, short or multi_year.") var kind: CampaignKind = .regular
        @Option(help: "First day.") var from: CivilDate
        @Option(help: "Last day.") var to: CivilDate
        @Flag(name: .customLong("no-registration"), help: "Titles in this campaign do not need a registration.") var noRegistration = false
        @Option(help: "The launch decision or plan's number.") var number: String?
        @Option(help: "A cluster's campaign: its members are the scope.") var cluster: String?
        @Option(name: .customLong("unit")) var units: [String] = []
        @Option(name: .customLong("document")) var documents: [String] = []
        @Option(name: .customLong("award")) var awards: [String] = []
        @Option(name: .customLong("criterion")) var criteria: [String] = []
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            let awards = try self.awards.map { text -> Campaign.Award in
                let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                guard (1...3).contains(parts.count), parts.dropFirst().allSatisfy({ $0.isEmpty || Int64($0) != nil }) else {
                    throw ValidationError("--award \(text) is not KIND[:QUOTA[:AMOUNT]]")
                }
                return .init(kind: parts[0], perUnitQuota: parts.count > 1 ? Int(parts[1]) : nil, amountVnd: parts.count > 2 ? Int64(parts[2]) : nil)
            }
            let criteria = try self.criteria.map { text -> Campaign.Criterion in
                let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                guard (2...3).contains(parts.count) else { throw ValidationError("--criterion \(text) is not KIND|TEXT[|SOURCE]") }
                let optional = parts[1].hasPrefix("?")
                return .init(kind: parts[0], text: optional ? String(parts[1].dropFirst()) : parts[1], mandatory: !optional, source: parts.count > 2 ? parts[2] : nil)
            }
            let documents = try self.documents.map { text -> Campaign.Document in
                let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                let date = parts.count > 2 ? CivilDate(parsing: parts[2]) : nil
                guard (1...3).contains(parts.count), parts.count < 3 || date != nil else { throw ValidationError("--document \(text) is not TITLE[|NUMBER[|DATE]]") }
                return .init(title: parts[0], number: parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil, issuedOn: date)
            }
            let request = CampaignRequest(code: code, org: org, name: name, theme: theme, kind: kind, startsOn: from, endsOn: to,
                                          requiresRegistration: !noRegistration, launchNumber: number, cluster: cluster, units: units,
                                          documents: documents, awards: awards, criteria: criteria)
            try await io.one { try await $0.createCampaign(request, by: try await actor.principal($0)) }
        }
    }

    struct Move: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a campaign to its next state: registration (launch), running, reviewing, closed; or reopen a closed one (reviewing, with --reason).",
            discussion: "Example: awardctl campaign move PT-2026-LC --to registration --number 12/KH-UBND --date 05/01/2026 --as hoa")
        @Argument var code: String
        @Option(help: "registration, running, reviewing or closed.") var to: CampaignState
        @Option var reason: String?
        @Option(help: "Launching: the decision or plan's number.") var number: String?
        @Option(help: "Launching: the decision's date (default today).") var date: CivilDate?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.one { try await $0.moveCampaign(code, to: to, reason: reason, launchNumber: number, launchDate: date, by: try await actor.principal($0)) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Campaigns, newest first.")
        @Option var state: CampaignState?
        @Option(name: .customLong("as"), help: "Only what this user may see.") var viewer: String?
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.many { engine in
                try await engine.campaigns(state: state, viewer: try await viewer.asyncMap { try await engine.principal(named: $0) })
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A campaign: its scope, awards, criteria, history and registrations.")
        @Argument var code: String
        @OptionGroup var io: CommandIO

        func run() async throws {
            let (campaign, registrations) = try await io.run { engine in
                (try await engine.campaign(code), try await engine.registrations(campaign: code))
            }
            if io.format == .json { return try Printer.json(campaign) }
            try Printer.one(campaign, io.format)
            guard io.format == .table else { return }
            for award in campaign.awards {
                Printer.write("award     \(award.kind) (\(award.kindName ?? ""))\(award.perUnitQuota.map { ", \($0) per unit" } ?? "")\(award.amountVnd.map { ", \(Money.vnd($0))" } ?? "")\n")
            }
            for criterion in campaign.criteria {
                Printer.write("criterion \(criterion.kind): \(criterion.text)\(criterion.mandatory ? "" : " (optional)")\(criterion.source.map { " [\($0)]" } ?? "")\n")
            }
            for step in campaign.history {
                Printer.write("history   \(step.at) \(step.from?.rawValue ?? "-") → \(step.to.rawValue) by \(step.actor)\(step.reason.map { ": \($0)" } ?? "")\n")
            }
            if !registrations.isEmpty {
                Printer.write("\n" + Printer.table(Registration.headers, registrations.map(\.cells)))
            }
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A campaign's figures: per unit registered, reviewed, proposed, not reached, raised higher, awarded; awards by form; the summary sentence.")
        @Argument var code: String
        @Option var year: Int?
        @Option(name: .customLong("as"), help: "Only this user's units.") var viewer: String?
        @OptionGroup var io: CommandIO

        func run() async throws {
            let report = try await io.run { engine in
                try await engine.campaignReport(code, year: year, viewer: try await viewer.asyncMap { try await engine.principal(named: $0) })
            }
            switch io.format {
            case .json: try Printer.json(report)
            case .table:
                Printer.write(Printer.table(CampaignReport.UnitRow.headers, (report.units + [report.total]).map(\.cells)))
                if !report.awards.isEmpty { Printer.write("\n" + Printer.table(CampaignReport.AwardRow.headers, report.awards.map(\.cells))) }
                Printer.write("\n" + report.sentence + "\n")
            default: try Printer.many(report.units + [report.total], io.format)
            }
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

extension Campaign: Tabular {
    public static var headers: [String] { ["code", "name", "org", "kind", "state", "starts_on", "ends_on", "launch", "registration"] }
    public var cells: [String] {
        [code, name, org, kind.rawValue, state.rawValue, startsOn.vietnamese, endsOn.vietnamese,
         [launchNumber, launchDate?.vietnamese].compactMap { $0 }.joined(separator: " "), requiresRegistration ? "required" : "no"]
    }
}

extension Registration: Tabular {
    public static var headers: [String] { ["id", "campaign", "org", "year", "state", "entries"] }
    public var cells: [String] { [String(id), campaign, org, String(year), state.rawValue, String(entries.count)] }
}

extension Registration.Entry: Tabular {
    public static var headers: [String] { ["nominee_id", "nominee", "nominee_type", "kinds", "targets"] }
    public var cells: [String] { [String(nomineeId), nominee, nomineeType.rawValue, kinds.joined(separator: ";"), targets ?? ""] }
}

extension Review: Tabular {
    public static var headers: [String] { ["nominee_id", "nominee", "org", "result", "kind", "criteria_met", "vote", "nomination_id"] }
    public var cells: [String] {
        [String(nomineeId), nominee, org, result.rawValue, kind ?? "", criteriaMet ? "yes" : "no",
         vote.map { "\($0.members)/\($0.present)/\($0.inFavour)" } ?? "", nominationId.map(String.init) ?? ""]
    }
}

extension CampaignReport.UnitRow: Tabular {
    public static var headers: [String] { ["org", "registration", "registered", "reviewed", "proposed", "not_reached", "raised_higher", "awarded_here", "awarded"] }
    public var cells: [String] {
        [org.isEmpty ? orgName : org, registrationState?.rawValue ?? "", String(registered), String(reviewed), String(proposed), String(notReached),
         String(raisedHigher), String(awardedHere), String(awarded)]
    }
}

extension CampaignReport.AwardRow: Tabular {
    public static var headers: [String] { ["kind", "name", "collectives", "individuals", "households", "per_unit_quota"] }
    public var cells: [String] { [kind, kindName, String(collectives), String(individuals), String(households), perUnitQuota.map(String.init) ?? ""] }
}
