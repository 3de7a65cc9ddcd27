import ArgumentParser
import AwardEngine
import Foundation

struct Rating: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Yearly task ratings (HTXSNV, HTTNV, HTNV, KHTNV).", subcommands: [Set.self, Import.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a nominee's rating for a year.")
        @Option(name: .customLong("nominee-id")) var nomineeId: Int64
        @Option var year: Int
        @Option(help: "HTXSNV, HTTNV, HTNV or KHTNV.") var rating: TaskRating
        @Option(name: .customLong("as"), help: "Who records it.") var actor: String = "awardctl"
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { try await $0.setRating(nominee: nomineeId, year: year, rating: rating, by: actor) }
            Printer.write("nominee \(nomineeId): \(year) \(rating.rawValue)\n")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import ratings from CSV: nominee_id,year,rating (all or none).")
        @Argument(help: "The CSV file.") var file: String
        @Option(name: .customLong("as"), help: "Who records them.") var actor: String = "awardctl"
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw ValidationError("cannot read \(file) as UTF-8 text")
            }
            let count = try await connection.run { try await $0.importRatings(csv: text, by: actor) }
            Printer.write("imported \(count) ratings\n")
        }
    }
}

struct Initiative: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Recognised initiatives (sáng kiến).", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an initiative recognised in a year.")
        @Option(name: .customLong("nominee-id")) var nomineeId: Int64
        @Option var year: Int
        @Option(help: "unit, province or national.") var scope: String
        @Option var title: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run(saying: "recorded") { try await $0.addInitiative(nominee: nomineeId, year: year, scope: scope, title: title) }
        }
    }
}

struct Discipline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Disciplinary status.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a review (blocks nominations until --to, or until further notice) or a penalty (achievements count from its end).")
        @Option(name: .customLong("nominee-id")) var nomineeId: Int64
        @Option(help: "review or penalty.") var status: String
        @Option var from: CivilDate
        @Option var to: CivilDate?
        @Option var note: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run(saying: "recorded") { try await $0.addDiscipline(nominee: nomineeId, status: status, from: from, to: to, note: note) }
        }
    }
}

struct Award: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Awards decided before the engine existed.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an earlier award with its decision, so that it counts for prerequisites.")
        @Option(name: .customLong("nominee-id")) var nomineeId: Int64
        @Option var kind: String
        @Option(help: "The achievement year.") var year: Int
        @Option var decision: String
        @Option(name: .customLong("decision-date")) var decisionDate: CivilDate
        @Option(help: "Who decided it, e.g. \"UBND tỉnh Lào Cai\".") var issuer: String
        @Option(name: .customLong("type"), help: "annual (default), thematic, adhoc, long_service (dedication), foreign, seniority or resistance.") var commendationType: CommendationType = .annual
        @Option(name: .customLong("as"), help: "Who records it.") var actor: String = "awardctl"
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let input = DecisionInput(number: decision, date: decisionDate)
            try await connection.run {
                try await $0.importPriorAward(nominee: nomineeId, kind: kind, year: year, type: commendationType, decision: input, issuer: issuer, by: actor)
            }
            Printer.write("recorded\n")
        }
    }
}
