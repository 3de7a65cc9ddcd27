import ArgumentParser
import AwardEngine
import Foundation

/// `awardctl cluster`: emulation clusters (cụm) and blocs (khối).
struct ClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster", abstract: "Emulation clusters and blocs: members, the yearly head, the vote for the Cờ thi đua.",
        subcommands: [Add.self, Members.self, Head.self, Vote.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a cluster organised by an org's council.",
            discussion: "Example: awardctl cluster add --code CUM-1 --name \"Cụm thi đua các xã vùng cao\" --kind cluster --org LC --flag-quota 1 --as hoa")
        @Option var code: String
        @Option var name: String
        @Option(help: "cluster (cụm) or bloc (khối).") var kind: ClusterKind = .cluster
        @Option(help: "The organising org.") var org: String
        @Option(name: .customLong("flag-quota"), help: "Members the yearly vote may propose for the Cờ thi đua.") var flagQuota = 1
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.one { try await $0.addCluster(code: code, name: name, kind: kind, org: org, flagQuota: flagQuota, by: try await actor.principal($0)) }
        }
    }

    struct Members: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add member units.")
        @Argument var code: String
        @Argument var units: [String]
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.one { try await $0.addClusterMembers(code, units: units, by: try await actor.principal($0)) }
        }
    }

    struct Head: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set the member that heads the cluster for a year.")
        @Argument var code: String
        @Option var year: Int
        @Option var unit: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.one { try await $0.setClusterHead(code, year: year, unit: unit, by: try await actor.principal($0)) }
        }
    }

    struct Vote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the year's vote: votes per member; the leaders with a majority are proposed, up to the flag quota.",
            discussion: "Example: awardctl cluster vote CUM-1 --year 2025 --voters 9 X-TP=7 X-BH=5 --as hoa")
        @Argument var code: String
        @Option var year: Int
        @Option(help: "How many voted.") var voters: Int
        @Argument(help: "UNIT=VOTES for each member.") var ballots: [String]

        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            var votes: [String: Int] = [:]
            for ballot in ballots {
                let parts = ballot.split(separator: "=")
                guard parts.count == 2, let count = Int(parts[1]) else { throw ValidationError("\(ballot) is not UNIT=VOTES") }
                votes[String(parts[0])] = count
            }
            let tally = votes
            try await io.one { try await $0.recordClusterVote(code, year: year, voters: voters, votes: tally, by: try await actor.principal($0)) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Clusters and blocs.")
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.many { try await $0.clusters() }
        }
    }
}

extension Cluster: Tabular {
    public static var headers: [String] { ["code", "name", "kind", "org", "members", "heads", "flag_quota", "proposed"] }
    public var cells: [String] {
        [code, name, kind.rawValue, org, members.joined(separator: " "), heads.map { "\($0.year):\($0.org)" }.joined(separator: " "),
         String(flagQuota), votes.filter(\.proposed).map { "\($0.year):\($0.org)" }.joined(separator: " ")]
    }
}

/// `awardctl fund`: the award fund (quỹ thi đua, khen thưởng) of an org and year.
struct FundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fund", abstract: "The award fund: income, the bonuses of the org's decisions as spending, the balance.",
        subcommands: [Income.self, Show.self])

    struct Income: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record income of the fund; from then on the org's decisions that year are checked against it.",
            discussion: "Example: awardctl fund income --org LC --year 2026 --amount 150000000 --source \"Ngân sách tỉnh\" --as hoa")
        @Option var org: String
        @Option var year: Int
        @Option(help: "In đồng.") var amount: Int64
        @Option var source: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.one { try await $0.addFundIncome(org: org, year: year, amountVnd: amount, source: source, by: try await actor.principal($0)) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The fund's statement: income, spending per decision, balance; decisions that overdrew it are marked.")
        @Option var org: String
        @Option var year: Int
        @OptionGroup var io: CommandIO

        func run() async throws {
            let fund = try await io.run { try await $0.fund(org: org, year: year) }
            if io.format == .json { return try Printer.json(fund) }
            try Printer.one(fund, io.format)
            if io.format == .table && !fund.spending.isEmpty {
                Printer.write("\n" + Printer.table(["decision", "date", "recipients", "amount_vnd", "overdrawn"], fund.spending.map {
                    [$0.number, $0.decidedOn.vietnamese, String($0.recipients), String($0.amountVnd), $0.overdrawn ? "yes" : ""]
                }))
            }
        }
    }
}

extension FundStatement: Tabular {
    public static var headers: [String] { ["org", "year", "income_vnd", "spent_vnd", "balance_vnd"] }
    public var cells: [String] { [org, String(year), String(incomeVnd), String(spentVnd), String(balanceVnd)] }
}
