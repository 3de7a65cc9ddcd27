import AwardDomain
import AwardEngine
import ArgumentParser
import Foundation

extension BodyStructure: ExpressibleByArgument {}
extension Education: ExpressibleByArgument {}

/// `awardctl staff`: the register of emulation bodies and their civil servants behind forms 0604 and 0605.
struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "The staff register of forms 0604 and 0605: bodies doing emulation and commendation work, and their civil servants.",
        discussion: """
            Kept by the approvers of a ministry or province (and admins). Forms count what stood on 30 November of the period.
            Example: awardctl staff body-add LC --name "Ban Thi đua - Khen thưởng" --structure home_affairs_board --established 2020-01-01 --as hoa
                     awardctl staff add 1 --name "Nguyễn Thị An" --sex female --birth-date 1990-12-01 --education university --in-work-since 2015-03-01 --as hoa
            """,
        subcommands: [List.self, BodyAdd.self, BodyClose.self, Add.self, Leave.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The bodies of an org and below, each with its staff.")
        @Option(help: "The org (default: the caller's scope).") var org: String?
        @Option(name: .customLong("as"), help: ArgumentHelp("The user who reads it.", valueName: "user")) var actor: String?
        @OptionGroup var io: CommandIO

        func run() async throws {
            let bodies = try await io.run { engine in
                var principal: Principal? = nil
                if let actor { principal = try await engine.principal(named: actor) }
                return try await engine.staffRegister(org: org, viewer: principal)
            }
            if io.format == .json { return try Printer.json(bodies) }
            try Printer.many(bodies.flatMap { body in [StaffLine(body: body, member: nil)] + body.staff.map { StaffLine(body: body, member: $0) } }, io.format)
        }
    }

    struct BodyAdd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "body-add", abstract: "Record a body doing emulation and commendation work.")
        @Argument(help: "The ministry or province it belongs to.") var org: String
        @Option var name: String
        @Option(help: "ministry_department, department_division, home_affairs_board or home_affairs_division.") var structure: BodyStructure
        @Option(help: "When it was set up (YYYY-MM-DD or dd/mm/yyyy).") var established: CivilDate
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            let body = try await io.run { engine in
                try await engine.addEmulationBody(org: org, name: name, structure: structure, established: established,
                                                  by: try await actor.principal(engine))
            }
            try Printer.many([StaffLine(body: body, member: nil)], io.format)
        }
    }

    struct BodyClose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "body-close", abstract: "Record that a body ceased (from --on it is not counted).")
        @Argument(help: "The body's number.") var id: Int64
        @Option var on: CivilDate
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            let body = try await io.run { engine in try await engine.closeEmulationBody(id, on: on, by: try await actor.principal(engine)) }
            try Printer.many([StaffLine(body: body, member: nil)], io.format)
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a civil servant of a body.")
        @Argument(help: "The body's number.") var body: Int64
        @Option var name: String
        @Option(help: "male or female.") var sex: Sex
        @Option(name: .customLong("birth-date")) var birthDate: CivilDate
        @Option(help: "elementary, intermediate, college, university or postgraduate.") var education: Education
        @Option(name: .customLong("in-work-since"), help: "When they began emulation and commendation work.") var inWorkSince: CivilDate
        @Option(help: "When they joined this body (default: today).") var joined: CivilDate?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            let input = StaffInput(body: body, fullName: name, sex: sex, birthDate: birthDate, education: education,
                                   inWorkSince: inWorkSince, joinedOn: joined)
            let member = try await io.run { engine in try await engine.addStaff(input, by: try await actor.principal(engine)) }
            Printer.write("staff \(member.id): \(member.fullName)\n")
        }
    }

    struct Leave: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a civil servant left their body.")
        @Argument(help: "The staff member's number.") var id: Int64
        @Option var on: CivilDate
        @OptionGroup var actor: ActorOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run(saying: "staff \(id): left on \(on.vietnamese)") { engine in
                try await engine.staffLeaves(id, on: on, by: try await actor.principal(engine))
            }
        }
    }
}

/// A line of the register: a body, or one of its staff under it.
struct StaffLine: Tabular, Encodable {
    var body: EmulationBody
    var member: StaffMember?

    static var headers: [String] { ["body", "name", "structure_or_sex", "born_or_established", "education", "in_work_since", "until"] }
    var cells: [String] {
        guard let member else {
            return [String(body.id), body.name, body.structure.vietnamese, body.establishedOn.vietnamese, "", "", body.dissolvedOn?.vietnamese ?? ""]
        }
        return ["  \(member.id)", member.fullName, member.sex.vietnamese, member.birthDate.vietnamese, member.education.vietnamese,
                member.inWorkSince.vietnamese, member.leftOn?.vietnamese ?? ""]
    }
}
