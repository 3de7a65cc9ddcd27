import CLibPQ
import Foundation

/// One libpq connection.
///
/// A connection is used by one caller at a time: the ``ConnectionPool`` lends it out and runs every
/// blocking call on its own threads. Statements are sent only with bind parameters
/// (`PQprepare`/`PQexecPrepared`); each distinct statement text is prepared once per connection and
/// reused, which PostgreSQL plans once instead of on every call. Every `PGresult` is cleared on
/// every path, and `PQfinish` runs when the connection is released.
///
/// Round trips: a statement whose result is not needed at once can be ``enqueue(_:)``d; the queue
/// goes out with the next ``execute(_:)`` or ``flush()`` as one libpq pipeline (one network round
/// trip, one Sync). A pipeline stops at its first error, which is thrown when it is flushed.
/// ``begin()`` queues BEGIN the same way, so a transaction's first statement travels with it, and
/// ``commit()`` sends whatever is queued together with COMMIT.
public final class Connection: @unchecked Sendable {
    let handle: OpaquePointer
    private var prepared: [String: String] = [:]
    /// Statements waiting for the next round trip, with the slot that receives each one's rows.
    var queue: [(statement: Statement, slot: Deferred?)] = []
    /// A statement sent after every COMMIT in the same round trip, in a transaction of its own,
    /// whose failure is ignored: the work after a commit (the engine's wake-ups) never turns a
    /// committed transaction into an error.
    package var afterCommit: String? = nil
    /// The prepared name of ``afterCommit`` once it was prepared (see ``prepareAfterCommit()``).
    private var afterCommitName: String? = nil
    /// Round trips since the pool last lent this connection out.
    package var roundTripsSinceCheckout = 0
    /// Whether a COMMIT was sent since then: a lease whose commit may have reached the server is
    /// never run again.
    package var commitSentSinceCheckout = false
    static let begin = Statement.unnamed(text: "BEGIN", binds: [])
    static let commit = Statement.unnamed(text: "COMMIT", binds: [])
    static let beginSnapshot = Statement.unnamed(text: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", binds: [])
    /// Whether statements are prepared by name once per connection (see ``init(target:applicationName:statementTimeout:statementCache:)``).
    public let statementCache: Bool
    /// With no statement cache: the timeout each transaction sets for itself, right after BEGIN.
    private var transactionTimeout: Statement? = nil

    enum Statement {
        case prepared(name: String, binds: [String?])
        case unnamed(text: String, binds: [String?])
        /// ``afterCommit``: no parameters, prepared when it could be, its error ignored.
        case afterCommit(text: String, name: String?)
    }

    /// Opens a connection to `target`. The engine always asks for UTF-8 on the wire.
    ///
    /// - Parameter statementTimeout: the longest a statement may run before the server cancels it.
    /// - Parameter statementCache: `false` behind a transaction-pooling proxy (PgBouncer): no
    ///   statement is prepared by name (each goes unnamed, so none can meet another client's), and
    ///   the statement timeout is set inside each transaction (`SET LOCAL`) instead of as a startup
    ///   option, which such a proxy refuses.
    public init(target: DatabaseTarget, applicationName: String = "award-engine", statementTimeout: Duration? = nil,
                statementCache: Bool = true) throws(PostgresError) {
        self.statementCache = statementCache
        // Keywords before the expanded dbname are defaults the user's string may override;
        // client_encoding comes after it, because the engine only speaks UTF-8.
        var pairs: [(String, String)] = [("application_name", applicationName), ("connect_timeout", "10")]
        if let statementTimeout {
            let milliseconds = max(1, statementTimeout.components.seconds * 1000 + statementTimeout.components.attoseconds / 1_000_000_000_000_000)
            if statementCache {
                pairs.append(("options", "-c statement_timeout=\(milliseconds)"))
            } else {
                transactionTimeout = .unnamed(text: "SET LOCAL statement_timeout = \(milliseconds)", binds: [])
            }
        }
        switch target {
        case .conninfo(let conninfo): pairs.append(("dbname", conninfo))
        case .conninfoWith(let conninfo, let parameters):
            pairs.append(("dbname", conninfo))
            pairs += parameters.map { ($0.key, $0.value) }
        case .environment: break
        case .parameters(let parameters): pairs += parameters.map { ($0.key, $0.value) }
        }
        pairs.append(("client_encoding", "UTF8"))
        let keywords = pairs.map { strdup($0.0) }
        let values = pairs.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        var keywordPointers: [UnsafePointer<CChar>?] = keywords.map { UnsafePointer($0) } + [nil]
        var valuePointers: [UnsafePointer<CChar>?] = values.map { UnsafePointer($0) } + [nil]
        // expand_dbname = 1 only for a user's conninfo; explicit parameters are taken as they are.
        let expand: Int32 = if case .conninfo = target { 1 } else { 0 }
        let connection = keywordPointers.withUnsafeMutableBufferPointer { k in
            valuePointers.withUnsafeMutableBufferPointer { v in
                PQconnectdbParams(k.baseAddress, v.baseAddress, expand)
            }
        }
        guard let connection else {
            throw PostgresError(kind: .connectionFailed, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection)).trimmingTrailingNewlines()
            PQfinish(connection)
            throw PostgresError(kind: .connectionFailed, message: message)
        }
        // Server notices ("relation already exists, skipping") are not for the user's terminal.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        handle = connection
    }

    /// Opens a connection from a libpq connection string or URI, passed untouched, or from
    /// libpq's `PG*` variables when `nil`.
    public convenience init(conninfo: String?, applicationName: String = "award-engine") throws(PostgresError) {
        try self.init(target: conninfo.map(DatabaseTarget.conninfo) ?? .environment, applicationName: applicationName)
    }

    deinit {
        PQfinish(handle)
    }

    /// Whether the connection is still usable. Reads whatever the server sent meanwhile without
    /// blocking, so a connection whose server restarted is seen as broken before it is used.
    public var isHealthy: Bool {
        guard PQstatus(handle) == CONNECTION_OK else { return false }
        _ = PQconsumeInput(handle)
        return PQstatus(handle) == CONNECTION_OK
    }

    /// The port the connection was made to (of a Unix socket too: its name ends in it).
    public var port: String { String(cString: PQport(handle)) }

    /// Whether the connection is inside a transaction block (open or failed).
    package var inTransaction: Bool {
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    /// Runs one parameterized statement, preparing its text on first use. Anything queued goes
    /// out in the same round trip, ahead of it.
    @discardableResult
    public func execute(_ query: SQL) throws(PostgresError) -> Rows {
        try run(try statement(for: query))
    }

    /// Runs one parameterized statement without preparing it (for statements run once, such as
    /// DECLARE … CURSOR, which cannot be prepared).
    @discardableResult
    public func executeUnprepared(_ query: SQL) throws(PostgresError) -> Rows {
        try run(.unnamed(text: query.text, binds: query.binds))
    }

    /// Queues a statement for the next round trip. Its rows are in the returned slot once the
    /// queue was sent; an error it raises is thrown by the call that sends it.
    @discardableResult
    public func enqueue(_ query: SQL) throws(PostgresError) -> Deferred {
        let slot = Deferred()
        queue.append((try statement(for: query), slot))
        return slot
    }

    /// Prepares ``afterCommit`` once, between transactions (a failed PREPARE inside one would
    /// abort it). Until it succeeds (the function it calls may not exist before the schema is
    /// migrated) the text is sent unprepared.
    package func prepareAfterCommit() {
        guard statementCache, let afterCommit, afterCommitName == nil, queue.isEmpty, !inTransaction else { return }
        let result = PQprepare(handle, "award_after_commit", afterCommit, 0, nil)
        if (try? consume(result)) != nil { afterCommitName = "award_after_commit" }
    }

    /// Opens a transaction block: BEGIN is queued and travels with the next statement.
    public func begin(readOnlySnapshot: Bool = false) {
        queue.append((readOnlySnapshot ? Self.beginSnapshot : Self.begin, nil))
        if let transactionTimeout { queue.append((transactionTimeout, nil)) }
    }

    /// Sends whatever is queued followed by COMMIT, in one round trip.
    /// `wake: false` leaves out ``afterCommit`` (a read-only transaction has nothing to announce).
    public func commit(wake: Bool = true) throws(PostgresError) {
        queue.append((Self.commit, nil))
        if wake, let afterCommit { queue.append((.afterCommit(text: afterCommit, name: afterCommitName), nil)) }
        commitSentSinceCheckout = true
        try flush()
    }

    /// Sends the queue, if any, as one pipeline.
    public func flush() throws(PostgresError) {
        guard !queue.isEmpty else { return }
        let items = queue
        queue = []
        roundTripsSinceCheckout += 1
        if items.count == 1 {
            let rows = try send(items[0].statement)
            items[0].slot?.rows = rows
        } else {
            try pipeline(items)
        }
    }

    /// Forgets statements queued but not sent (after an error, before a rollback).
    package func discardQueue() {
        queue.removeAll()
    }

    /// Runs a script of several statements with the simple query protocol. Only for the engine's
    /// own text (the schema), never for anything a caller supplies.
    package func executeScript(_ script: String) throws(PostgresError) {
        try flush()
        roundTripsSinceCheckout += 1
        _ = try consume(PQexec(handle, script))
    }

    func run(_ statement: Statement) throws(PostgresError) -> Rows {
        if queue.isEmpty {
            roundTripsSinceCheckout += 1
            return try send(statement)
        }
        let slot = Deferred()
        queue.append((statement, slot))
        try flush()
        return slot.rows!
    }

    /// One statement, one round trip.
    func send(_ statement: Statement) throws(PostgresError) -> Rows {
        switch statement {
        case .prepared(let name, let binds):
            return try consume(withBinds(binds) { count, values in PQexecPrepared(handle, name, count, values, nil, nil, 0) })
        case .unnamed(let text, let binds):
            return try consume(withBinds(binds) { count, values in PQexecParams(handle, text, count, nil, values, nil, nil, 0) })
        case .afterCommit(let text, let name):
            let result = name.map { PQexecPrepared(handle, $0, 0, nil, nil, nil, 0) } ?? PQexecParams(handle, text, 0, nil, nil, nil, nil, 0)
            return (try? consume(result)) ?? Rows.none
        }
    }

    func lastError(_ fallback: String) -> PostgresError {
        let message = String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines()
        return PostgresError(kind: PQstatus(handle) == CONNECTION_OK ? .server : .connectionLost,
                             message: message.isEmpty ? fallback : message)
    }

    /// The statement for `query`: prepared by name (once per connection), or unnamed without a cache.
    func statement(for query: SQL) throws(PostgresError) -> Statement {
        statementCache ? .prepared(name: try statementName(for: query), binds: query.binds) : .unnamed(text: query.text, binds: query.binds)
    }

    func statementName(for query: SQL) throws(PostgresError) -> String {
        if let name = prepared[query.text] { return name }
        let name = "award_\(prepared.count + 1)"
        // Outside any pipeline: a statement is prepared once per connection, on its first use.
        roundTripsSinceCheckout += 1
        let result = PQprepare(handle, name, query.text, Int32(query.binds.count), nil)
        _ = try consume(result)
        prepared[query.text] = name
        return name
    }

    func withBinds<T>(
        _ binds: [String?], _ body: (Int32, UnsafePointer<UnsafePointer<CChar>?>?) -> T
    ) -> T {
        let copies: [UnsafeMutablePointer<CChar>?] = binds.map { $0.flatMap { strdup($0) } }
        defer { copies.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        return pointers.withUnsafeBufferPointer { body(Int32(binds.count), $0.baseAddress) }
    }

    /// Copies a result into Swift values and clears it, or turns it into an error.
    func consume(_ result: OpaquePointer?) throws(PostgresError) -> Rows {
        guard let result else {
            let message = String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines()
            throw PostgresError(
                kind: PQstatus(handle) == CONNECTION_OK ? .server : .connectionLost,
                message: message.isEmpty ? "no result from the server" : message)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            break
        default:
            throw PostgresError(result: result, connection: handle)
        }
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        var cells: [[String?]] = []
        cells.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(columnCount)
            for column in 0..<columnCount {
                if PQgetisnull(result, Int32(row), Int32(column)) == 1 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, Int32(row), Int32(column))))
                }
            }
            cells.append(values)
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return Rows(columns: columns, cells: cells, affected: affected)
    }
}
