import CLibPQ
import Foundation

/// A connection that LISTENs on channels and waits for PostgreSQL's NOTIFY, for the workers that
/// would otherwise poll: the webhook deliveries, the timers, the live event streams. Waiting is
/// blocking (poll(2) on the connection's socket), so it runs on its own thread; a lost connection
/// is reported, and the caller reconnects and falls back to polling meanwhile.
public final class Listener: @unchecked Sendable {
    private let connection: Connection
    private let lock = NSLock()

    /// Connects and starts listening on `channels` (simple identifiers).
    public init(target: DatabaseTarget, channels: [String], applicationName: String = "award-listener") throws(PostgresError) {
        connection = try Connection(target: target, applicationName: applicationName)
        for channel in channels {
            guard channel.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw PostgresError(kind: .protocolViolation, message: "channel names are simple identifiers")
            }
            try connection.executeScript("LISTEN \(channel)")
        }
    }

    /// Waits up to `timeout` for notifications; returns the channels that were notified (empty
    /// on timeout). Throws when the connection is lost.
    public func wait(timeout: Duration) throws(PostgresError) -> Set<String> {
        lock.lock()
        defer { lock.unlock() }
        var channels = drain()
        if !channels.isEmpty { return channels }
        let socket = PQsocket(connection.handle)
        guard socket >= 0 else { throw PostgresError(kind: .connectionLost, message: "the listening connection has no socket") }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let ready = poll(&descriptor, 1, milliseconds)
        if ready < 0 && errno != EINTR {
            throw PostgresError(kind: .connectionLost, message: "waiting for notifications failed (errno \(errno))")
        }
        guard PQconsumeInput(connection.handle) == 1, PQstatus(connection.handle) == CONNECTION_OK else {
            throw PostgresError(kind: .connectionLost, message: "the listening connection was lost")
        }
        channels = drain()
        return channels
    }

    private func drain() -> Set<String> {
        var channels: Set<String> = []
        while let notification = PQnotifies(connection.handle) {
            channels.insert(String(cString: notification.pointee.relname))
            PQfreemem(notification)
        }
        return channels
    }
}
