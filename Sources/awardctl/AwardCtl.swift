import ArgumentParser
import AwardEngine
import AwardPostgres
import Foundation
import Logging

/// The admin command line of Award Engine.
@main
struct AwardCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "awardctl",
        abstract: "Award Engine: emulation and commendation (thi đua – khen thưởng) nominations, tiers and decisions.",
        discussion: """
            Database: --database-url, else AWARD_DATABASE_URL, else libpq's PG* variables, else the
            local cluster that awardd runs in ./.award/pg (--data-dir, else AWARD_DATA_DIR).
            Messages are in Vietnamese; --lang en (or AWARD_LANG=en) gives English.

            Commands that change a nomination act as an existing user (--as NAME, see `user add`),
            within that user's role and organisation.

            Exit codes:
              0   done
              3   the workflow or a rule refused it (wrong state, tier or org)
              4   not found
              5   a concurrent change won: read again and retry
              6   the database is unavailable
              64  bad usage or input
              1   anything else
            """,
        version: EngineVersion.description,
        subcommands: [
            Db.self, Org.self, Kind.self, User.self, Rules.self, Rating.self, Initiative.self, Discipline.self, Award.self,
            Quota.self, Demo.self, Check.self, Decide.self, Doc.self, CalendarCommand.self, Overdue.self, Objection.self, Timers.self,
            Salary.self, Audit.self, Report.self, Nominee.self, Search.self, Export.self, ImportNominations.self, ImportTemplate.self, Bench.self,
            Decision.self, Proposal.self, Template.self, Certificate.self,
            CampaignCommand.self, RegistrationCommand.self, ReviewCommand.self, ClusterCommand.self, FundCommand.self, WebhookCommand.self,
            Nominate.self, Submit.self, Approve.self, Return.self, Resubmit.self, Reject.self, Withdraw.self, Revoke.self, Amend.self,
            Show.self, History.self, Pending.self, Awardees.self, PolicyCommand.self, VerifyCommand.self, SiteCommand.self, Bulk.self, DelegationCommand.self, SigningCommand.self,
            Step.self, Assign.self, MyWorkCommand.self, Suggest.self, StaffCommand.self,
        ]
    )
}

/// Where the database is.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: ArgumentHelp(
        "libpq connection string or URI (default: AWARD_DATABASE_URL, else libpq's PG* variables).",
        valueName: "url"))
    var databaseURL: String?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp(
        "The local cluster awardd creates when no database is configured.", valueName: "dir"))
    var dataDirectory: String = ProcessInfo.processInfo.environment["AWARD_DATA_DIR"] ?? "./.award/pg"

    @Option(name: .customLong("lang"), help: ArgumentHelp(
        "The language of messages: vi (default, else AWARD_LANG) or en.", valueName: "vi|en"))
    var languageOption: Language?

    /// --lang, else AWARD_LANG, else Vietnamese.
    var language: Language {
        languageOption ?? ProcessInfo.processInfo.environment["AWARD_LANG"].flatMap(Language.init(rawValue:)) ?? .vi
    }

    /// The database: --database-url, else AWARD_DATABASE_URL, else libpq's PG* variables, else the
    /// local cluster of awardd when it is running, else libpq's defaults.
    var target: DatabaseTarget {
        switch DatabaseTarget.resolve(explicit: databaseURL, environment: ProcessInfo.processInfo.environment, dataDirectory: dataDirectory) {
        case .configured(let target): return target
        case .local(let cluster): return cluster.isListening ? cluster.target : .environment
        }
    }

    /// The key that seals citizen identity numbers: the file `AWARD_PERSONAL_DATA_KEY_FILE` names,
    /// else the embedded cluster's (beside its data directory) when it exists; else none.
    func personalDataKey() throws(AwardError) -> PersonalDataKey? {
        if let path = ProcessInfo.processInfo.environment["AWARD_PERSONAL_DATA_KEY_FILE"], !path.isEmpty {
            return try PersonalDataKey.load(path: path)
        }
        guard case .local = DatabaseTarget.resolve(explicit: databaseURL, environment: ProcessInfo.processInfo.environment,
                                                    dataDirectory: dataDirectory) else { return nil }
        let path = PersonalDataKey.localPath(dataDirectory: dataDirectory)
        return FileManager.default.fileExists(atPath: path) ? try PersonalDataKey.load(path: path) : nil
    }

    /// The database as its owner role, for `db migrate`: the configured database as configured, or
    /// the local cluster's owner (the application's role owns nothing and cannot migrate).
    func ownerTarget() throws -> DatabaseTarget {
        switch DatabaseTarget.resolve(explicit: databaseURL, environment: ProcessInfo.processInfo.environment, dataDirectory: dataDirectory) {
        case .configured(let target): return target
        case .local(let cluster):
            guard cluster.isListening else { return .environment }
            do { return try cluster.ownerTarget() } catch { throw AwardEngine.map(error) }
        }
    }

    /// The hint after "the database is unavailable": where awardctl looked, and how to point it elsewhere.
    static func whereIsTheDatabase(_ dataDirectory: String, _ language: Language) -> String {
        let path = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        let exists = FileManager.default.fileExists(atPath: path + "/PG_VERSION")
        switch (language, exists) {
        case (.vi, true):
            return "awardctl: gợi ý: cụm PostgreSQL nội bộ ở \(path) chưa chạy; khởi động bằng scripts/run (hoặc awardd --data-dir \(path)).\n"
        case (.vi, false):
            return "awardctl: gợi ý: không có cụm PostgreSQL nội bộ ở \(path); chạy awardctl trong thư mục của dự án, "
                + "hoặc cho --data-dir DIR (AWARD_DATA_DIR) hay --database-url URL (AWARD_DATABASE_URL).\n"
        case (.en, true):
            return "awardctl: hint: the embedded PostgreSQL cluster in \(path) is not running; start it with scripts/run (or awardd --data-dir \(path)).\n"
        case (.en, false):
            return "awardctl: hint: there is no embedded PostgreSQL cluster in \(path); run awardctl from the project directory, "
                + "or give --data-dir DIR (AWARD_DATA_DIR) or --database-url URL (AWARD_DATABASE_URL).\n"
        }
    }

    /// Runs a write whose only answer is a line for the officer.
    func run(saying message: String, _ body: (AwardEngine) async throws -> Void) async throws {
        try await run(body)
        Printer.write(message + "\n")
    }

    /// Opens the engine, runs `body`, closes it, and turns engine errors into exit codes.
    func run<T: Sendable>(asOwner: Bool = false, _ body: (AwardEngine) async throws -> T) async throws -> T {
        var logger = Logger(label: "awardctl")
        logger.logLevel = .warning
        let database: DatabaseTarget
        do { database = asOwner ? try ownerTarget() : target } catch let error as AwardError {
            FileHandle.standardError.write(Data("awardctl: \(error.message(in: language))\n".utf8))
            throw ExitCode(error.exitCode)
        }
        let engine = AwardEngine(database: database, poolSize: 1, applicationName: "awardctl", logger: logger)
        do {
            engine.useSigningToken(try SigningToken.fromEnvironment())
            engine.usePersonalDataKey(try personalDataKey())
            let value = try await body(engine)
            try? await engine.close()
            return value
        } catch let error as AwardError {
            try? await engine.close()
            let prefix = language == .vi ? "awardctl: lỗi:" : "awardctl: error:"
            FileHandle.standardError.write(Data("\(prefix) \(error.message(in: language))\n".utf8))
            if error.code == .databaseUnavailable || error.code == .localCluster, case .local = DatabaseTarget.resolve(
                explicit: databaseURL, environment: ProcessInfo.processInfo.environment, dataDirectory: dataDirectory) {
                FileHandle.standardError.write(Data(Self.whereIsTheDatabase(dataDirectory, language).utf8))
            }
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
        case .unavailable, .rateLimited: 6
        case .invalidInput, .unauthenticated: 64
        default: 1
        }
    }
}

/// The user a command acts as: its role and organisation decide what it may do.
struct ActorOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("The user who acts (see `awardctl user list`).", valueName: "user"))
    var name: String

    func principal(_ engine: AwardEngine) async throws -> Principal {
        try await engine.principal(named: name)
    }
}
