import ArgumentParser
import AwardEngine
import Foundation

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prove who did what and when: verify the history's hash chains, export a digest, read the log.",
        subcommands: [Verify.self, Digest.self, Log.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute every history chain (or one nomination's) and report the first broken link of each; exit 3 when one is broken.")
        @Option(help: "Only this nomination.") var nomination: Int64?
        @OptionGroup var io: CommandIO

        func run() async throws {
            let report = try await io.run { try await $0.verifyAudit(nomination: nomination) }
            if io.format == .json {
                try Printer.json(report)
            } else {
                Printer.write(report.ok ? "ok: \(report.nominations) nomination histories, \(report.rows) rows, every link holds\n"
                              : "BROKEN: \(report.problems.count) of \(report.nominations) histories\n")
                for problem in report.problems {
                    Printer.write("nomination \(problem.nominationId), row \(problem.seq): \(problem.problem)\n")
                }
            }
            if !report.ok { throw ExitCode(3) }
        }
    }

    struct Digest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The hash over every chain's head; keep it outside: recomputed later --as-of the same moment, it proves nothing changed.")
        @Option(name: .customLong("as-of"), help: "An ISO 8601 instant (default: now).") var asOf: String?
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            if let asOf, ISO8601DateFormatter().date(from: asOf) == nil { throw ValidationError("--as-of \(asOf) is not an ISO 8601 instant") }
        }

        func run() async throws {
            let moment = asOf.flatMap { ISO8601DateFormatter().date(from: $0) } ?? Date()
            let digest = try await connection.run { try await $0.auditDigest(asOf: moment) }
            try Printer.json(digest)
        }
    }

    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "All actions of a user, or at an org and below, in a period.")
        @Option var actor: String?
        @Option var org: String?
        @Option var from: CivilDate?
        @Option var to: CivilDate?
        @OptionGroup var io: CommandIO

        func run() async throws { try await io.many { try await $0.auditLog(actor: actor, org: org, from: from, to: to) } }
    }
}
