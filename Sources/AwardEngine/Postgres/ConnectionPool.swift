import Logging
import NIOPosix

/// A bounded pool of libpq connections whose blocking calls run on threads of its own.
///
/// libpq blocks the calling thread, so no call into it may run on Swift's cooperative pool or an
/// event loop: the pool owns an `NIOThreadPool` with one thread per connection and runs every
/// lease there. A caller that finds every connection busy waits its turn (FIFO). A connection that
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
public actor ConnectionPool {
    private let target: DatabaseTarget
    private let applicationName: String
    private let statementTimeout: Duration?
    /// The most connections the pool opens at once.
    public nonisolated let size: Int
    private let threads: NIOThreadPool
    private let logger: Logger
    private var idle: [Connection] = []
    private var open = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var closed = false

    /// Creates a pool; no connection is opened until one is needed.
    public init(target: DatabaseTarget, size: Int = 4, applicationName: String = "award-engine",
                statementTimeout: Duration? = nil, logger: Logger) {
        precondition(size >= 1, "a pool needs at least one connection")
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
        (open, idle.count, waiters.count)
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
                    connection.roundTripsSinceCheckout = 0
                    connection.commitSentSinceCheckout = false
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

    /// Closes idle connections and stops the threads; leases in flight finish first.
    public func close() async throws {
        closed = true
        while open > idle.count {
            await withCheckedContinuation { waiters.append($0) }
        }
        open -= idle.count
        idle.removeAll()
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
        try await threads.shutdownGracefully()
    }

    private func checkout() async throws -> (Connection, reused: Bool) {
        while true {
            if closed {
                throw PostgresError(kind: .connectionFailed, message: "the connection pool is closed")
            }
            while let connection = idle.popLast() {
                if connection.isHealthy { return (connection, true) }
                open -= 1
                logger.info("dropping a database connection that broke while idle")
            }
            if open < size {
                open += 1
                do {
                    let target = self.target
                    let applicationName = self.applicationName
                    let statementTimeout = self.statementTimeout
                    let connection = try await threads.runIfActive {
                        try Connection(target: target, applicationName: applicationName, statementTimeout: statementTimeout)
                    }
                    return (connection, false)
                } catch {
                    open -= 1
                    wakeOne()
                    throw error
                }
            }
            await withCheckedContinuation { waiters.append($0) }
        }
    }

    private func checkin(_ connection: Connection) {
        if connection.isHealthy && !connection.inTransaction {
            idle.append(connection)
        } else {
            open -= 1
        }
        wakeOne()
    }

    /// Forgets a broken connection (it closes when its last reference goes) and lets a waiter in.
    private func discardBroken() {
        open -= 1
        wakeOne()
    }

    private func wakeOne() {
        if !waiters.isEmpty { waiters.removeFirst().resume() }
    }
}
