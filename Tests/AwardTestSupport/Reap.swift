import Foundation

/// Waits for a child process and returns its exit status (128 + the signal when one ended it),
/// with `waitpid`: Foundation's `waitUntilExit` on Linux can miss a child's exit and wait forever
/// on a zombie (seen with runuser, and once with awardd in a full run).
@discardableResult
public func reap(_ process: Process, killAfter seconds: Double = 120) -> Int32 {
    let deadline = Date().addingTimeInterval(seconds)
    while true {
        if let status = reaped(process) { return status }
        if Date() > deadline { kill(process.processIdentifier, SIGKILL) }
        usleep(10_000)
    }
}

/// The child's exit status if it has ended (reaping it), else nil.
func reaped(_ process: Process) -> Int32? {
    var status: Int32 = 0
    let result = waitpid(process.processIdentifier, &status, WNOHANG)
    if result == process.processIdentifier { return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f) }
    if result == -1 {
        // Foundation reaped it first: it knows.
        process.waitUntilExit()
        return process.terminationStatus
    }
    return nil
}

/// Runs blocking work (starting a server, waiting for a child, reading a pipe) on a thread of its
/// own, never on one of Swift's few cooperative threads: two tests blocking both of them for a
/// minute would stall every other test's awaits (seen: SMTP deadlines expiring in a full run).
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}

/// Reads a started child's standard output and error as they come, both at once, until the child
/// has ended and both pipes are closed; then its exit status. Reading one pipe to its end, then the
/// other, hangs once the child fills the second; and waiting for the end of a pipe hangs while any
/// other child started meanwhile (a browser, a server another test runs) holds a copy of it: so, two
/// seconds after the child ended, what was read is what it wrote. SIGKILL after `seconds`.
public func drain(_ process: Process, stdout: Pipe?, stderr: Pipe? = nil, killAfter seconds: Double = 600) -> (status: Int32, stdout: Data, stderr: Data) {
    var fds = [stdout, stderr].map { $0?.fileHandleForReading.fileDescriptor ?? -1 }
    var data = [Data(), Data()]
    var status: Int32? = nil
    var ended: Date? = nil
    let deadline = Date().addingTimeInterval(seconds)
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while fds.contains(where: { $0 >= 0 }) {
        var polls = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        if poll(&polls, nfds_t(polls.count), 100) > 0 {
            for i in fds.indices where fds[i] >= 0 && polls[i].revents != 0 {
                let count = read(fds[i], &buffer, buffer.count)
                if count > 0 { data[i].append(contentsOf: buffer[0..<count]) } else if count == 0 || errno != EINTR { fds[i] = -1 }
            }
        }
        if status == nil, let exited = reaped(process) { status = exited; ended = Date() }
        if let ended, Date().timeIntervalSince(ended) > 2 { break }
        if status == nil, Date() > deadline { kill(process.processIdentifier, SIGKILL) }
    }
    return (status ?? reap(process, killAfter: seconds), data[0], data[1])
}
