import Foundation
import Synchronization
import Logging
import AwardPostgres

/// The engine: every command of awardctl and awardd goes through here, each in one transaction.
///
/// ```swift
/// let engine = AwardEngine(conninfo: ProcessInfo.processInfo.environment["AWARD_DATABASE_URL"])
/// _ = try await engine.migrate()
/// let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Nguyễn Văn A", nomineeType: .individual), actor: "lan")
/// let awarded = try await engine.perform(.approve, on: n.id, actingFor: "TX-HL", actor: "minh",
///                                        decision: .init(number: "15/QĐ-UBND", date: CivilDate(iso: "2023-11-18")!))
/// ```
public final class AwardEngine: Sendable {
    /// The pool every command leases from.
    public let pool: ConnectionPool
    /// The pool of the reads that tolerate a little lag (awardees, summaries, search, exports): a
    /// standby's when `readReplica` was given, else ``pool`` itself.
    public let readPool: ConnectionPool
    let logger: Logger
    let metrics = EngineMetrics()
    let packCache = PackCache()
    /// The server's PKCS#11 token for seals and remote signing (``useSigningToken(_:)``).
    let signingTokenBox = Mutex<SigningToken?>(nil)
    /// The key that seals personal data (``usePersonalDataKey(_:)``).
    let personalDataKeyBox = Mutex<PersonalDataKey?>(nil)
    /// Password hashing and checks, off the cooperative threads.
    public let passwords: PasswordVault
    /// The zone in which "today" is reckoned for decision dates (Vietnam, UTC+7, no DST).
    static let zone = TimeZone(secondsFromGMT: 7 * 3600)!

    /// Creates an engine over a pool; nothing is opened until the first command.
    ///
    /// - Parameter conninfo: a libpq connection string or URI, or `nil` for libpq's `PG*` variables.
    /// - Parameter statementTimeout: the longest one statement may run (the server cancels it).
    /// - Parameter readReplica: a hot standby for the reads that tolerate a little lag.
    public init(database: DatabaseTarget, readReplica: DatabaseTarget? = nil, poolSize: Int = 4, applicationName: String = "award-engine",
                statementTimeout: Duration? = nil, statementCache: Bool = true,
                logger: Logger = Logger(label: "award-engine"), passwords: PasswordVault = .shared) {
        self.logger = logger
        self.passwords = passwords
        // After each COMMIT, in the same round trip: the NOTIFY for what the transaction's triggers
        // marked (schema migration 12), outside the transaction so that commits are not serialized.
        pool = ConnectionPool(target: database, size: poolSize, applicationName: applicationName,
                              statementTimeout: statementTimeout, statementCache: statementCache,
                              afterCommit: "SELECT award_wake()", logger: logger)
        readPool = readReplica.map {
            ConnectionPool(target: $0, size: max(2, poolSize / 2), applicationName: applicationName + "-read",
                           statementTimeout: statementTimeout, statementCache: statementCache, logger: logger)
        } ?? pool
    }

    /// Creates an engine from a libpq connection string or URI, or libpq's `PG*` variables when `nil`.
    public convenience init(conninfo: String?, poolSize: Int = 4, applicationName: String = "award-engine", logger: Logger = Logger(label: "award-engine")) {
        self.init(database: conninfo.map(DatabaseTarget.conninfo) ?? .environment, poolSize: poolSize,
                  applicationName: applicationName, logger: logger)
    }

    /// Closes the pool.
    public func close() async throws {
        if readPool !== pool { try? await readPool.close() }
        try await pool.close()
    }

    /// Applies the schema migrations the database lacks, as the database's owner role, then gives
    /// the application role its rights (always when `grant`, else only when something was applied).
    public func migrate(grant: Bool = false) async throws(AwardError) -> MigrationReport {
        let report = try await transaction { c in
            let report: MigrationReport
            do { report = try Migrator.migrate(c, grant: grant) } catch let error as PostgresError where error.sqlState == "42501" {
                throw AwardError(.forbidden, code: .ownerRoleRequired,
                                 "this database role may not change the schema: run `awardctl db migrate` as the role that owns it",
                                 vi: "Vai trò cơ sở dữ liệu này không được thay đổi cấu trúc: chạy `awardctl db migrate` bằng vai trò sở hữu cơ sở dữ liệu.")
            }
            // The packs shipped with the engine; an existing code and version is left alone.
            for text in Self.bundledPacks { _ = try PackStore.insert(c, try RulePack.parse(text)) }
            return report
        }
        logger.info("schema migrated", metadata: ["schema.from": "\(report.from)", "schema.to": "\(report.to)"])
        return report
    }

    /// Refuses a database whose schema is not the one this engine runs on (awardd `--no-migrate`).
    public func requireCurrentSchema() async throws(AwardError) {
        try await lease { c in try Migrator.requireCurrent(c) }
    }

    /// The schema version the database is at, and the one this engine was built for.
    public func schemaVersion() async throws(AwardError) -> (database: Int, engine: Int) {
        (try await lease { c in try Migrator.version(c) }, Migrator.latest)
    }

    // MARK: Organisations and the catalog

    /// Adds an org under `parent` (or as a root).
    public func addOrg(code: String, name: String, level: OrgLevel, parent: String?) async throws(AwardError) -> Organisation {
        let name = try Text.required(name, field: .name)
        let code = code.trimmingCharacters(in: .whitespaces)
        guard code.range(of: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", options: .regularExpression) != nil else {
            throw AwardError(.invalidInput, code: .badOrgCode, "org code \(code) must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit")
        }
        return try await transaction { c in
            guard try OrgStore.insert(c, code: code, name: name, level: level, parent: try parent.map { try OrgStore.org(c, code: $0).id }) else {
                throw AwardError(.refused, code: .duplicateOrg, "an organisation with code \(code) already exists")
            }
            return try OrgStore.org(c, code: code)
        }
    }

    /// Every org, in tree order (each parent before its children, siblings by Vietnamese name).
    public func orgs() async throws(AwardError) -> [Organisation] {
        let cache = packCache
        return try await lease { c in try cache.orgs(c) }
    }

    /// The catalog of the rule pack in force on `date` (today by default).
    public func kinds(on date: CivilDate? = nil) async throws(AwardError) -> [AwardKind] {
        try await pack(on: date).kinds.map(\.awardKind).sorted { $0.code < $1.code }
    }

    // MARK: Plumbing

    /// "Today" in Vietnam for `now`.
    public static func today(_ now: Date) -> CivilDate {
        // Vietnam keeps UTC+7 all year: the day is whole days since the epoch, shifted by 7 hours.
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT()
        return CivilDate(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    static func actorName(_ actor: String) throws(AwardError) -> String {
        try Text.required(actor, field: .actor, maxLength: 200)
    }

    static func idempotencyKey(_ key: String?) throws(AwardError) -> String? {
        guard let key else { return nil }
        guard (1...200).contains(key.utf8.count), key.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw AwardError(.invalidInput, code: .badIdempotencyKey, "an idempotency key is 1–200 visible ASCII characters")
        }
        return key
    }

    /// Runs `body` in one transaction and maps every failure to an ``AwardError``.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws(AwardError) -> T {
        do {
            return try await pool.withTransaction(body)
        } catch {
            throw mapAndLog(error)
        }
    }

    /// Runs `body` on a leased connection (autocommit) and maps every failure.
    func lease<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws(AwardError) -> T {
        do {
            return try await pool.withConnection(body)
        } catch {
            throw mapAndLog(error)
        }
    }

    /// Runs `body` on a connection of ``readPool`` (autocommit): data that may lag the primary a little.
    func readLease<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws(AwardError) -> T {
        do {
            return try await readPool.withConnection(body)
        } catch {
            throw mapAndLog(error)
        }
    }

    /// Runs `body` in one transaction on ``readPool``.
    func readTransaction<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws(AwardError) -> T {
        do {
            return try await readPool.withTransaction(body)
        } catch {
            throw mapAndLog(error)
        }
    }

    /// ``map(_:)``, keeping for the operator's log what the caller is not shown: the server's own
    /// words of a fault (never bind values: libpq's message names the statement, not its data).
    func mapAndLog(_ error: any Error) -> AwardError {
        let mapped = Self.map(error)
        if [.internal, .unavailable].contains(mapped.category) {
            let detail = (error as? PostgresError).map { "\($0.sqlState ?? "-") \($0.constraint ?? "") \($0.message)" } ?? String(reflecting: type(of: error))
            logger.error("database call failed", metadata: ["code": "\(mapped.code)", "error": "\(detail)"])
        }
        return mapped
    }
}

/// What a new nomination needs.
public struct NominationRequest: Sendable, Equatable {
    /// The award kind's code.
    public var kind: String
    /// The proposing unit's code.
    public var unit: String
    /// A new nominee's name (NFC or NFD; stored NFC).
    public var nomineeName: String?
    /// A new nominee's type (or, with `nomineeId`, a check of it).
    public var nomineeType: NomineeType?
    /// An existing nominee, nominated again.
    public var nomineeId: Int64?
    /// The achievement year.
    public var year: Int?
    /// Why the unit proposes it.
    public var reason: String?
    /// Keep it as a draft instead of submitting it.
    public var draft: Bool
    /// The day a paper dossier was received (admin only): it chooses the rule pack.
    public var submittedOn: CivilDate?
    /// Annual merit by default; ad hoc and thematic awards never count toward later prerequisites.
    public var commendationType: CommendationType
    /// The emulation campaign (đợt thi đua) it belongs to, for campaign quotas.
    public var campaign: String?
    /// An admin's reason to let an ineligible nomination through; kept in history.
    public var overrideReason: String?

    public init(kind: String, unit: String, nomineeName: String? = nil, nomineeType: NomineeType? = nil, nomineeId: Int64? = nil,
                year: Int? = nil, reason: String? = nil, draft: Bool = false, submittedOn: CivilDate? = nil,
                commendationType: CommendationType = .annual, campaign: String? = nil, overrideReason: String? = nil) {
        self.submittedOn = submittedOn
        self.commendationType = commendationType
        self.campaign = campaign
        self.overrideReason = overrideReason
        self.kind = kind
        self.unit = unit
        self.nomineeName = nomineeName
        self.nomineeType = nomineeType
        self.nomineeId = nomineeId
        self.year = year
        self.reason = reason
        self.draft = draft
    }
}

/// Filters for the awardees of a year.
public struct AwardeeQuery: Sendable, Equatable {
    /// Refuses a query with neither year, or a year out of range.
    func validate() throws(AwardError) {
        guard year != nil || achievementYear != nil else {
            throw AwardError(.invalidInput, code: .yearRequired,
                             "give the decision year (year) or the achievement year (achievement_year), or both",
                             vi: "Cần năm quyết định (year) hoặc năm đạt thành tích (achievement_year), hoặc cả hai.")
        }
        for (name, value) in [("year", year), ("achievement_year", achievementYear)] {
            if let value, !(1945...2200).contains(value) {
                throw AwardError(.invalidInput, code: .badYear, "\(name) must be a whole number from 1945 to 2200, not \(value)",
                                 vi: "Trường \(name) phải là năm từ 1945 đến 2200, không phải \(value).")
            }
        }
    }

    /// The year of the award decisions (an achievement of 2024 decided in 2025 is in 2025).
    public var year: Int?
    /// The year of the achievement the nominations are for (the nomination's `year`).
    public var achievementYear: Int?
    public var kind: String?
    /// An org code: awardees proposed by it or any org below it.
    public var org: String?
    public var nomineeType: NomineeType?
    /// With `org`: also the awardees of the units `org` continues (its predecessors whose records
    /// it took over whole, at any distance; see migration 22).
    public var includingPredecessors = false
    /// Each awardee's citizen identity number too, in the CSV and Excel exports only (never in
    /// JSON): asked for explicitly, by a role the policy lets export personal data.
    public var withCitizenId = false

    /// A query by decision year, achievement year, or both (at least one; the engine refuses neither).
    public init(year: Int?, achievementYear: Int? = nil, kind: String? = nil, org: String? = nil, nomineeType: NomineeType? = nil) {
        self.year = year
        self.achievementYear = achievementYear
        self.kind = kind
        self.org = org
        self.nomineeType = nomineeType
    }
}
