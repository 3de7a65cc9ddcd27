import ArgumentParser
import AwardEngine
import Foundation

struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "Non-working days and working-day deadlines.",
        subcommands: [Holiday.self, Workday.self, Due.self])

    struct Holiday: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Public holidays.", subcommands: [Add.self])
        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Mark FROM (to TO) as holidays, e.g. Tết: 25/01/2025 02/02/2025.")
            @Argument var from: CivilDate
            @Argument var to: CivilDate?
            @Option var name: String?
            @OptionGroup var connection: ConnectionOptions

            func run() async throws {
                let count = try await connection.run { try await $0.setCalendar(from: from, to: to, working: false, name: name) }
                Printer.write("\(count) day(s) marked as holidays\n")
            }
        }
    }

    struct Workday: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make-up working days.", subcommands: [Add.self])
        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Mark a weekend day as a working day.")
            @Argument var date: CivilDate
            @Option var name: String?
            @OptionGroup var connection: ConnectionOptions

            func run() async throws {
                _ = try await connection.run { try await $0.setCalendar(from: date, working: true, name: name) }
                Printer.write("\(date.vietnamese) is a working day\n")
            }
        }
    }

    struct Due: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The day a period of N working days from DATE ends (the first day counted is the next working day).")
        @Option var from: CivilDate
        @Option var days: Int
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let due = try await connection.run { try await $0.dueDate(from: from, workingDays: days) }
            Printer.write(due.vietnamese + "\n")
        }
    }
}

struct Overdue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Nominations late, or due within N working days, at an org and below.")
    @Option var org: String?
    @Option(help: "Also those due within this many working days.") var within: Int = 0
    @OptionGroup var io: CommandIO

    func run() async throws { try await io.many { try await $0.overdue(org: org, within: within) } }
}

extension DeadlineInfo: Tabular {
    public static var headers: [String] { ["id", "kind", "state", "org", "nominee", "due_on", "working_days_left"] }
    public var cells: [String] {
        [String(nomination.id), nomination.kind, nomination.state.rawValue, nomination.org, nomination.nominee.name, dueOn.vietnamese, String(workingDaysLeft)]
    }
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
