import Foundation
import Logging

/// A private PostgreSQL cluster in a directory of its own (default `./.award/pg`), listening only
/// on a Unix socket inside that directory: the database awardd creates when none is configured,
/// and the one awardctl then uses by default.
///
/// `initdb` refuses to run as root, so as root the server runs as the `postgres` user, which owns
/// the directory. The superuser inside the cluster is always `postgres`, trusted on the socket
/// only (no TCP listener).
public struct LocalCluster: Sendable, Equatable {
    /// Creates the three roles when missing (as a superuser): `award_owner`, which owns the schema
    /// and runs migrations; `award_app`, which holds the data rights and owns nothing; and
    /// `awardd`, the daemon's login, a member of `award_app`. (OPERATIONS.md shows the same for a
    /// province's own server.)
    public static let createRoles = """
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'award_owner') THEN CREATE ROLE award_owner LOGIN; END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'award_app') THEN CREATE ROLE award_app NOLOGIN; END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'awardd') THEN CREATE ROLE awardd LOGIN IN ROLE award_app; END IF;
        END $$
        """

    /// The data directory, which also holds the socket.
    public let dataDirectory: String
    /// The database the engine uses inside the cluster.
    public let database = "award"

    public init(dataDirectory: String) {
        let url = URL(fileURLWithPath: dataDirectory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        self.dataDirectory = url.standardizedFileURL.path
    }

    /// The login role awardd and awardctl run as: a member of `award_app`, owning nothing, so it
    /// can neither alter a table nor edit history (migration 14).
    public static let appUser = "awardd"
    /// The role that owns the database in a cluster made by this version (migrations run as it).
    public static let ownerUser = "award_owner"

    /// The engine's database inside the cluster, as the application's role.
    public var target: DatabaseTarget {
        .parameters([.init("host", dataDirectory), .init("user", Self.appUser), .init("dbname", database)])
    }

    /// The same database as its owner, for migrations: `award_owner`, or `postgres` in a cluster
    /// made before the roles existed (its tables stay the superuser's).
    public func ownerTarget() throws(PostgresError) -> DatabaseTarget {
        let owner: String
        do {
            let c = try Connection(target: .parameters([.init("host", dataDirectory), .init("user", "postgres"), .init("dbname", "postgres")]),
                                   applicationName: "award-local-cluster")
            owner = try c.execute("SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = \(database)").first?.string("owner") ?? "postgres"
        } catch {
            throw PostgresError(kind: .localCluster, message: "the local cluster in \(dataDirectory) does not answer: \(error)")
        }
        return .parameters([.init("host", dataDirectory), .init("user", owner), .init("dbname", database)])
    }

    /// Whether the cluster's socket exists (the server is probably running).
    public var isListening: Bool {
        FileManager.default.fileExists(atPath: dataDirectory + "/.s.PGSQL.5432")
    }

    /// Creates the cluster if needed, starts it unless it runs already, and creates the database.
    ///
    /// - Returns: whether this call started the server (and so should stop it).
    @discardableResult
    public func start(logger: Logger) throws(PostgresError) -> Bool {
        let bin = try Self.binDirectory()
        let fm = FileManager.default
        let asRoot = getuid() == 0
        if !fm.fileExists(atPath: dataDirectory + "/PG_VERSION") {
            logger.info("creating a local PostgreSQL cluster", metadata: ["pg.data": "\(dataDirectory)"])
            do {
                // Parents stay traversable (the server may run as another user); the cluster itself is private.
                let parent = (dataDirectory as NSString).deletingLastPathComponent
                try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
                if !fm.fileExists(atPath: dataDirectory) {
                    try fm.createDirectory(atPath: dataDirectory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
                }
            } catch {
                throw PostgresError(kind: .localCluster, message: "cannot create \(dataDirectory): \(error.localizedDescription)")
            }
            if asRoot { try Self.run("/bin/chown", ["postgres", dataDirectory], what: "chown the data directory to postgres") }
            try run(bin + "/initdb", ["-D", dataDirectory, "--auth=trust", "--username=postgres", "--encoding=UTF8",
                                      "--locale=C.UTF-8"], what: "initdb")
        }
        var started = false
        if !status(bin) {
            logger.info("starting the local PostgreSQL cluster", metadata: ["pg.data": "\(dataDirectory)"])
            try run(bin + "/pg_ctl", ["-D", dataDirectory, "-w", "-t", "60", "-l", dataDirectory + "/server.log",
                                      "-o", "-c listen_addresses='' -c unix_socket_directories='\(dataDirectory)'", "start"],
                    what: "pg_ctl start")
            started = true
        }
        do {
            let admin = try Connection(target: .parameters([.init("host", dataDirectory), .init("user", "postgres"), .init("dbname", "postgres")]),
                                       applicationName: "award-local-cluster")
            try admin.executeScript(Self.createRoles)
            if try admin.execute("SELECT 1 FROM pg_database WHERE datname = \(database)").isEmpty {
                try admin.executeScript("CREATE DATABASE award OWNER award_owner")
            }
        } catch {
            throw PostgresError(kind: .localCluster, message: "the local cluster in \(dataDirectory) does not answer: \(error)")
        }
        return started
    }

    /// Stops the server (fast: running transactions roll back, committed ones are safe).
    public func stop() throws(PostgresError) {
        let bin = try Self.binDirectory()
        guard status(bin) else { return }
        try run(bin + "/pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "stop"], what: "pg_ctl stop")
    }

    private func status(_ bin: String) -> Bool {
        (try? run(bin + "/pg_ctl", ["-D", dataDirectory, "status"], what: "pg_ctl status")) != nil
    }

    /// Runs a server binary as the cluster's owner.
    private func run(_ path: String, _ arguments: [String], what: String) throws(PostgresError) {
        if getuid() == 0 {
            let runuser = ["/usr/sbin/runuser", "/sbin/runuser"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "runuser"
            try Self.run(runuser, ["-u", "postgres", "--", path] + arguments, what: what)
        } else {
            try Self.run(path, arguments, what: what)
        }
    }

    /// Runs a program and waits for it, with posix_spawn and waitpid. Output goes to a file,
    /// not a pipe: the server pg_ctl starts inherits the descriptors and would hold a pipe open
    /// for its whole life.
    private static func run(_ path: String, _ arguments: [String], what: String) throws(PostgresError) {
        let outputPath = NSTemporaryDirectory() + "award-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).log"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw PostgresError(kind: .localCluster, message: "\(what): cannot run \(path): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitedCleanly = (status & 0x7f) == 0 && ((status >> 8) & 0xff) == 0
        guard exitedCleanly else {
            let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            throw PostgresError(kind: .localCluster, message: "\(what) failed: \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    /// The newest installed PostgreSQL server binaries (Debian: /usr/lib/postgresql/N/bin).
    package static func binDirectory() throws(PostgresError) -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted()
        for version in versions.reversed() where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        throw PostgresError(kind: .localCluster, message: "no PostgreSQL server is installed (apt-get install postgresql), and no database was configured")
    }
}
