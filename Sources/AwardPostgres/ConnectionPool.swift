import Logging
import NIOPosix
import Synchronization

/// A bounded pool of libpq connections whose blocking calls run on threads of its own.
///
/// libpq blocks the calling thread, so no call into it may run on Swift's cooperative pool or an
/// event loop: the pool owns an `NIOThreadPool` with one thread per connection and runs every
/// lease there. Its bookkeeping is a lock, not an actor, so a lease costs two thread hops (to the
/// pool's thread and back) and no more. A caller that finds every connection busy waits its turn (FIFO). A connection that
/// broke (server restart, network loss) is closed and replaced, never handed out again; a lease
/// that failed on its first statement because the connection had died is retried once on a new one.
///
/// ```swift
/// let pool = ConnectionPool(target: .environment, size: 4, logger: logger)
/// let count = try await pool.withConnection { conn in
///     try conn.execute("SELECT count(*) AS n FROM nominations").first!.int("n")
/// }
/// try await pool.close()
/// ```
public final class ConnectionPool: Sendable {
    public let target: DatabaseTarget
    private let applicationName: String
    private let statementTimeout: Duration?
    /// `false` behind a transaction-pooling proxy: see ``Connection/statementCache``.
    public let statementCache: Bool
    private let afterCommit: String?
    /// The most connections the pool opens at once.
    public let size: Int
    private let threads: NIOThreadPool
    private let logger: Logger
    private let state = Mutex(State())
    private let roundTripTally = Atomic<Int>(0)

    /// Round trips to the server made by every lease so far (statements sent, pipelines counting
    /// one, first-use PREPAREs counting one each): what a test reads to bound a screen's cost.
    public var roundTrips: Int { roundTripTally.load(ordering: .relaxed) }

    private struct State: ~Copyable {
        var idle: [Connection] = []
        var open = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
        var closed = false

        /// Lets the first waiter in, if any; the caller resumes it outside the lock.
        mutating func nextWaiter() -> CheckedContinuation<Void, Never>? {
            waiters.isEmpty ? nil : waiters.removeFirst()
        }
    }

    /// Creates a pool; no connection is opened until one is needed.
    ///
    /// - Parameter afterCommit: a statement every transaction sends after its COMMIT, in the same
    ///   round trip, its failure ignored (see ``Connection/afterCommit``).
    public init(target: DatabaseTarget, size: Int = 4, applicationName: String = "award-engine",
                statementTimeout: Duration? = nil, statementCache: Bool = true, afterCommit: String? = nil, logger: Logger) {
        self.statementCache = statementCache
        precondition(size >= 1, "a pool needs at least one connection")
        self.afterCommit = afterCommit
        self.target = target
        self.statementTimeout = statementTimeout
        self.applicationName = applicationName
        self.size = size
        self.logger = logger
        threads = NIOThreadPool(numberOfThreads: size)
        threads.start()
    }

    /// Connections open now, and callers waiting for one.
    public var statistics: (open: Int, idle: Int, waiting: Int) {
        state.withLock { ($0.open, $0.idle.count, $0.waiters.count) }
    }

    /// Lends a connection to `body`, which runs on one of the pool's threads.
    public func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> T
    ) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            let (connection, reused) = try await checkout()
            do {
                let value = try await threads.runIfActive {
                    connection.prepareAfterCommit()
                    connection.roundTripsSinceCheckout = 0
                    connection.commitSentSinceCheckout = false
                    defer { self.roundTripTally.add(connection.roundTripsSinceCheckout, ordering: .relaxed) }
                    do {
                        let value = try body(connection)
                        // Statements the body queued and left are sent before the lease ends.
                        try connection.flush()
                        return value
                    } catch {
                        connection.discardQueue()
                        throw error
                    }
                }
                checkin(connection)
                return value
            } catch let error as PostgresError where error.isConnectionFailure {
                let untouched = connection.roundTripsSinceCheckout <= 1 && !connection.commitSentSinceCheckout
                discardBroken()
                // A pooled connection that was already dead failed its first statement: nothing
                // reached the database, so the lease may run again on a fresh connection.
                if reused && untouched && attempt == 1 {
                    logger.info("replacing a broken database connection")
                    continue
                }
                throw error
            } catch {
                checkin(connection)
                throw error
            }
        }
    }

    /// Runs `body` inside BEGIN … COMMIT; any error rolls back. BEGIN travels with the body's
    /// first statement and COMMIT with whatever the body left queued, so a transaction costs no
    /// round trip of its own.
    public func withTransaction<T: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            connection.begin()
            do {
                let value = try body(connection)
                try connection.commit()
                return value
            } catch {
                connection.discardQueue()
                if connection.isHealthy, connection.inTransaction {
                    _ = try? connection.execute("ROLLBACK")
                }
                throw error
            }
        }
    }

    /// Runs `body` in one read-only snapshot (REPEATABLE READ): every statement it sends sees the
    /// database as it stood at the first. BEGIN travels with the first statement and COMMIT with
    /// whatever the body left queued, so a body that queues its reads costs one round trip per
    /// ``Connection/flush()``.
    public func withSnapshot<T: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            connection.begin(readOnlySnapshot: true)
            do {
                let value = try body(connection)
                // A body may have sent COMMIT itself, with its last reads.
                if connection.inTransaction || connection.transactionPending { try connection.commit(wake: false) }
                return value
            } catch {
                connection.discardQueue()
                if connection.isHealthy, connection.inTransaction {
                    _ = try? connection.execute("ROLLBACK")
                }
                throw error
            }
        }
    }

    /// Closes idle connections and stops the threads; leases in flight finish first.
    public func close() async throws {
        while true {
            let busy = state.withLock { state -> Bool in
                state.closed = true
                return state.open > state.idle.count
            }
            guard busy else { break }
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> Bool in
                    if state.open > state.idle.count {
                        state.waiters.append(continuation)
                        return false
                    }
                    return true
                }
                if ready { continuation.resume() }
            }
        }
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open -= state.idle.count
            state.idle.removeAll()
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
        try await threads.shutdownGracefully()
    }

    private enum Step {
        case reuse(Connection)
        case open
        case wait
    }

    private func checkout() async throws -> (Connection, reused: Bool) {
        while true {
            let step = try state.withLock { state throws(PostgresError) -> Step in
                if state.closed {
                    throw PostgresError(kind: .connectionFailed, message: "the connection pool is closed")
                }
                if let connection = state.idle.popLast() { return .reuse(connection) }
                if state.open < size {
                    state.open += 1
                    return .open
                }
                return .wait
            }
            switch step {
            case .reuse(let connection):
                if connection.isHealthy { return (connection, true) }
                logger.info("dropping a database connection that broke while idle")
                discardBroken()
            case .open:
                do {
                    let target = self.target
                    let applicationName = self.applicationName
                    let statementTimeout = self.statementTimeout, afterCommit = self.afterCommit, statementCache = self.statementCache
                    let connection = try await threads.runIfActive {
                        let connection = try Connection(target: target, applicationName: applicationName, statementTimeout: statementTimeout,
                                                        statementCache: statementCache)
                        connection.afterCommit = afterCommit
                        return connection
                    }
                    return (connection, false)
                } catch {
                    discardBroken()
                    throw error
                }
            case .wait:
                await withCheckedContinuation { continuation in
                    // Checked again under the lock: a connection returned meanwhile is not missed.
                    let ready = state.withLock { state -> Bool in
                        if state.closed || !state.idle.isEmpty || state.open < size { return true }
                        state.waiters.append(continuation)
                        return false
                    }
                    if ready { continuation.resume() }
                }
            }
        }
    }

    private func checkin(_ connection: Connection) {
        let keep = connection.isHealthy && !connection.inTransaction
        let waiter = state.withLock { state in
            if keep { state.idle.append(connection) } else { state.open -= 1 }
            return state.nextWaiter()
        }
        waiter?.resume()
    }

    /// Forgets a broken connection (it closes when its last reference goes) and lets a waiter in.
    private func discardBroken() {
        let waiter = state.withLock { state in
            state.open -= 1
            return state.nextWaiter()
        }
        waiter?.resume()
    }
}
