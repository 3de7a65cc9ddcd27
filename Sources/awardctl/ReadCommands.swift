import ArgumentParser
import AwardEngine
import AwardPostgres

struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one nomination.")
    @Argument(help: "The nomination id.") var id: Int64
    @OptionGroup var io: CommandIO

    func run() async throws { try await io.one { try await $0.nomination(id) } }
}

struct History: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show every step of a nomination: who, where, when, why.")
    @Argument(help: "The nomination id.") var id: Int64
    @OptionGroup var io: CommandIO

    func run() async throws { try await io.many { try await $0.history(id) } }
}

struct Pending: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the nominations waiting at an org.")
    @Option(help: "The org's code.") var org: String
    @Option(help: "At most this many (1–10000).") var limit: Int = 1000
    @OptionGroup var io: CommandIO

    func run() async throws { try await io.many { try await $0.pending(org: org, limit: limit) } }
}

struct Awardees: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the awardees of decisions dated in a year, by decision date then Vietnamese name order.",
        discussion: "--year is the year of the award decision; --achievement-year the year the achievement is for. Give one or both.")
    @Option(help: "The year of the decisions.") var year: Int?
    @Option(name: .customLong("achievement-year"), help: "The year of the achievement.") var achievementYear: Int?
    @Option(help: "Only this award kind.") var kind: String?
    @Option(help: "Only nominations proposed by this org or an org below it.") var org: String?
    @Option(name: .customLong("nominee-type"), help: "individual, collective or household.") var nomineeType: NomineeType?
    @Flag(name: .customLong("including-predecessors"), help: "With --org: also the units it continues since the 2025 reform (awardctl org show ORG lists them).")
    var includingPredecessors = false
    @OptionGroup var io: CommandIO

    func run() async throws {
        var query = AwardeeQuery(year: year, achievementYear: achievementYear, kind: kind, org: org, nomineeType: nomineeType)
        query.includingPredecessors = includingPredecessors
        try await io.many { try await $0.awardees(query) }
    }
}
