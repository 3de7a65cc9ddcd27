@testable import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import Foundation
import Logging

/// A fresh database in the real PostgreSQL that `scripts/test` starts (found through libpq's
/// `PG*` variables), copied from a migrated template so that each test starts from the schema
/// alone. A test that cannot reach the server fails; it never skips.
public struct TestDatabase: Sendable {
    /// The database's name: a libpq conninfo on its own (host and user come from `PG*`).
    public let name: String

    /// Creates an empty, migrated database.
    ///
    /// With `paperDossiers` (the default) every dossier submitted today is recorded as a paper
    /// dossier received on 1/1/2015, as an admin records one with `submitted_on`: the tests date
    /// their decisions on the days their stories need (a 2023 Giấy khen, a 2024 revocation), and a
    /// decision may be dated any day since the dossier was received. The decision-date rule's own
    /// tests turn it off and meet the rule as an officer does.
    public static func create(paperDossiers: Bool = true) async throws -> TestDatabase {
        let template = try await Template.shared.name()
        let name = "award_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try admin { c in try c.executeScript("CREATE DATABASE \(name) TEMPLATE \(template) OWNER \(Roles.owner)") }
        let database = TestDatabase(name: name)
        if paperDossiers { try database.execute(Self.paperDossiers) }
        return database
    }

    static let paperDossiers = """
        CREATE FUNCTION test_paper_dossier() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.submitted_on >= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date THEN
                NEW.submitted_on := DATE '2015-01-01';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER test_paper_dossier BEFORE INSERT OR UPDATE OF submitted_on ON nominations
            FOR EACH ROW EXECUTE FUNCTION test_paper_dossier();
        """

    /// Creates an empty database (no schema), owned by the owner role.
    public static func createEmpty() async throws -> TestDatabase {
        _ = try await Template.shared.name()
        let name = "award_e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try admin { c in try c.executeScript("CREATE DATABASE \(name) OWNER \(Roles.owner)") }
        return TestDatabase(name: name)
    }

    /// Drops the database.
    public func drop() {
        try? Self.admin { c in try c.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }

    /// A libpq connection string for this database as the application's role, which owns nothing
    /// and may not edit history (for engines and child processes).
    public var conninfo: String { "dbname=\(name) user=\(Roles.app)" }

    /// The same database as its owner role, which migrations run as.
    public var ownerConninfo: String { "dbname=\(name) user=\(Roles.owner)" }

    /// The two roles every test database uses, as a province's would (OPERATIONS.md): the owner
    /// that migrations run as, and awardd's login role, a member of `award_app`.
    public enum Roles {
        public static let owner = "award_owner"
        public static let app = "awardd"

        /// Creates them in the test cluster once (the cluster is the test command's own).
        static func ensure(_ c: Connection) throws {
            try c.executeScript(LocalCluster.createRoles)
        }
    }

    /// Runs one statement of the test's own text on a direct connection (for psql-like checks).
    public func execute(_ sql: String) throws {
        let connection = try Connection(conninfo: name, applicationName: "award-test")
        try connection.executeScript(sql)
    }

    /// `execute` on a thread of its own, for a script that runs for seconds: a test waiting on it
    /// holds none of the shared pool's few threads (two on a two-core machine) meanwhile.
    public func executeLong(_ sql: String) async throws {
        let name = name
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread {
                do {
                    try Connection(conninfo: name, applicationName: "award-test").executeScript(sql)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }

    /// The first column of every row of a query, as text (for EXPLAIN and the like).
    public func column(_ query: SQL) throws -> [String] {
        let connection = try Connection(conninfo: name, applicationName: "award-test")
        return try connection.executeUnprepared(query).map { row in try row.optionalString(row.columns[0]) ?? "" }
    }

    /// Reads one integer with a direct connection.
    public func count(_ query: SQL) throws -> Int {
        let connection = try Connection(conninfo: name, applicationName: "award-test")
        return Int(try connection.execute(query).first?.int("n") ?? -1)
    }

    static func admin(_ body: (Connection) throws -> Void) throws {
        let connection: Connection
        do {
            connection = try Connection(conninfo: nil, applicationName: "award-test-admin")
        } catch {
            throw TestSetupError(
                message: "cannot reach the test PostgreSQL (run the tests with scripts/test, which starts one): \(error)")
        }
        try body(connection)
    }

    /// An engine over a fresh database, dropped afterwards.
    public static func withEngine<T>(poolSize: Int = 4, paperDossiers: Bool = true,
                                     _ body: (AwardEngine, TestDatabase) async throws -> T) async throws -> T {
        let database = try await create(paperDossiers: paperDossiers)
        var logger = Logger(label: "award-test")
        logger.logLevel = .error
        let engine = AwardEngine(conninfo: database.conninfo, poolSize: poolSize, applicationName: "award-test", logger: logger)
        do {
            let value = try await body(engine, database)
            try await engine.close()
            database.drop()
            return value
        } catch {
            try? await engine.close()
            database.drop()
            throw error
        }
    }

    /// The migrated template, made once per test process (the first caller makes it, the
    /// others await the same task).
    actor Template {
        static let shared = Template()
        private var making: Task<String, any Error>?

        func name() async throws -> String {
            if let making { return try await making.value }
            let task = Task { try await Self.make() }
            making = task
            return try await task.value
        }

        private static func make() async throws -> String {
            let name = "award_tpl_\(ProcessInfo.processInfo.processIdentifier)"
            try TestDatabase.admin { c in
                try Roles.ensure(c)
                try c.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
                try c.executeScript("CREATE DATABASE \(name) OWNER \(Roles.owner)")
            }
            var logger = Logger(label: "award-test")
            logger.logLevel = .error
            // Migrated as the owner, as `awardctl db migrate` does; the tests' engines run as awardd.
            let engine = AwardEngine(conninfo: "dbname=\(name) user=\(Roles.owner)", poolSize: 1, logger: logger)
            _ = try await engine.migrate(grant: true)
            try await engine.close()
            return name
        }
    }
}

/// The test environment is not usable.
public struct TestSetupError: Error, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// A small organisation tree for tests, with a user at each place that acts:
///
/// ```
/// TW (central) ── T-LC (province) ─┬─ TX-HL (district) ── P-HB (commune) ── TH-HB (unit)
///                                  └─ H-SP (district) ── X-TP (commune)
/// ```
public enum Seed {
    /// The seeded users.
    public struct Users: Sendable {
        /// Nominator at the ward P-HB.
        public let lan: Principal
        /// Approver at the district TX-HL.
        public let minh: Principal
        /// Approver at the province T-LC.
        public let hoa: Principal
        /// Approver at the central government TW.
        public let tung: Principal
        /// Approver at the other district H-SP.
        public let sung: Principal
        /// Nominator at the commune X-TP (under H-SP).
        public let pao: Principal
        /// Auditor at the province.
        public let thanh: Principal
        /// Admin at the root.
        public let admin: Principal
        /// Approver at the ward P-HB (the commune tier of Decree 152 chains).
        public let phuong: Principal
    }

    /// A copy of Decree 98's pack (with the district tier) in force from 2026, so that tests
    /// submitting "today" get the district chain whatever the calendar's pack would be.
    public static var districtPackText: String {
        var object = (try? JSONSerialization.jsonObject(with: Data(AwardEngine.bundledPacks[0].utf8))) as? [String: Any] ?? [:]
        object["code"] = "test-district"
        object["name"] = "Test pack: Decree 98 chains from 2026"
        object["valid_from"] = "2026-01-01"
        object["valid_to"] = NSNull()
        // Without document requirements, so that flows tested elsewhere need no uploads.
        if var kinds = object["kinds"] as? [[String: Any]] {
            for k in kinds.indices {
                if var chain = kinds[k]["chain"] as? [[String: Any]] {
                    for t in chain.indices { chain[t].removeValue(forKey: "documents") }
                    kinds[k]["chain"] = chain
                }
            }
            object["kinds"] = kinds
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    @discardableResult
    public static func tree(_ engine: AwardEngine) async throws -> Users {
        _ = try await engine.importPack(districtPackText)
        _ = try await engine.addOrg(code: "TW", name: "Chính phủ", level: .central, parent: nil)
        _ = try await engine.addOrg(code: "T-LC", name: "UBND tỉnh Lào Cai", level: .province, parent: "TW")
        _ = try await engine.addOrg(code: "TX-HL", name: "UBND thị xã Hoàng Liên", level: .district, parent: "T-LC")
        _ = try await engine.addOrg(code: "P-HB", name: "UBND phường Hàm Rồng", level: .commune, parent: "TX-HL")
        _ = try await engine.addOrg(code: "TH-HB", name: "Trường Tiểu học Hàm Rồng", level: .unit, parent: "P-HB")
        _ = try await engine.addOrg(code: "H-SP", name: "UBND huyện Sa Pa", level: .district, parent: "T-LC")
        _ = try await engine.addOrg(code: "X-TP", name: "UBND xã Tả Phìn", level: .commune, parent: "H-SP")
        for (name, org, role) in [("lan", "P-HB", Role.nominator), ("minh", "TX-HL", .approver), ("hoa", "T-LC", .approver),
                                  ("tung", "TW", .approver), ("sung", "H-SP", .approver), ("pao", "X-TP", .nominator),
                                  ("thanh", "T-LC", .auditor), ("admin", "TW", .admin), ("phuong", "P-HB", .approver)] {
            _ = try await engine.addUser(name: name, org: org, role: role)
        }
        return Users(
            lan: try await engine.principal(named: "lan"), minh: try await engine.principal(named: "minh"),
            hoa: try await engine.principal(named: "hoa"), tung: try await engine.principal(named: "tung"),
            sung: try await engine.principal(named: "sung"), pao: try await engine.principal(named: "pao"),
            thanh: try await engine.principal(named: "thanh"), admin: try await engine.principal(named: "admin"),
            phuong: try await engine.principal(named: "phuong"))
    }
}
