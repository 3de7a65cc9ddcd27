import Foundation

/// Waits for a child process and returns its exit status (128 + the signal when one ended it),
/// with `waitpid`: Foundation's `waitUntilExit` on Linux can miss a child's exit and wait forever
/// on a zombie (seen with runuser, and once with awardd in a full run).
@discardableResult
public func reap(_ process: Process, killAfter seconds: Double = 120) -> Int32 {
    let pid = process.processIdentifier
    var status: Int32 = 0
    let deadline = Date().addingTimeInterval(seconds)
    while true {
        let reaped = waitpid(pid, &status, WNOHANG)
        if reaped == pid { return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f) }
        if reaped == -1 {
            // Foundation reaped it first.
            process.waitUntilExit()
            return process.terminationStatus
        }
        if Date() > deadline { kill(pid, SIGKILL) }
        usleep(10_000)
    }
}

/// Runs blocking work (starting a server, waiting for a child, reading a pipe) on a thread of its
/// own, never on one of Swift's few cooperative threads: two tests blocking both of them for a
/// minute would stall every other test's awaits (seen: SMTP deadlines expiring in a full run).
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}
