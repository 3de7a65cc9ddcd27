import ArgumentParser
import AwardEngine
import Foundation
import Logging

/// The admin command line of Award Engine.
@main
struct AwardCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "awardctl",
        abstract: "Award Engine: emulation and commendation (thi đua – khen thưởng) nominations, tiers and decisions.",
        discussion: """
            Database: --database-url, else AWARD_DATABASE_URL, else libpq's PG* variables.

            Exit codes:
              0   done
              3   the workflow or a rule refused it (wrong state, tier or org)
              4   not found
              5   a concurrent change won: read again and retry
              6   the database is unavailable
              64  bad usage or input
              1   anything else
            """,
        subcommands: [
            Db.self, Org.self, Kind.self, Demo.self,
            Nominate.self, Submit.self, Approve.self, Return.self, Resubmit.self, Reject.self, Withdraw.self, Revoke.self,
            Show.self, History.self, Pending.self, Awardees.self,
        ]
    )
}

/// Where the database is.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: ArgumentHelp(
        "libpq connection string or URI (default: AWARD_DATABASE_URL, else libpq's PG* variables).",
        valueName: "url"))
    var databaseURL: String?

    /// The conninfo passed to libpq untouched, or `nil` for its PG* defaults.
    var conninfo: String? {
        if let databaseURL, !databaseURL.isEmpty { return databaseURL }
        if let env = ProcessInfo.processInfo.environment["AWARD_DATABASE_URL"], !env.isEmpty { return env }
        return nil
    }

    /// Opens the engine, runs `body`, closes it, and turns engine errors into exit codes.
    func run<T: Sendable>(_ body: (AwardEngine) async throws -> T) async throws -> T {
        var logger = Logger(label: "awardctl")
        logger.logLevel = .warning
        let engine = AwardEngine(conninfo: conninfo, poolSize: 1, applicationName: "awardctl", logger: logger)
        do {
            let value = try await body(engine)
            try? await engine.close()
            return value
        } catch let error as AwardError {
            try? await engine.close()
            FileHandle.standardError.write(Data("awardctl: error: \(error.message)\n".utf8))
            throw ExitCode(error.exitCode)
        } catch {
            try? await engine.close()
            throw error
        }
    }
}

extension AwardError {
    /// The documented exit code of each category.
    var exitCode: Int32 {
        switch category {
        case .refused, .forbidden: 3
        case .notFound: 4
        case .conflict: 5
        case .unavailable: 6
        case .invalidInput, .unauthenticated: 64
        default: 1
        }
    }
}
