import AwardPostgres
import Foundation
import Logging
import Synchronization

/// What PostgreSQL's NOTIFY wakes: the workers wait on a channel (`award_events` when an event is
/// committed, `award_timers` when a timer that is due is set) and return at once when it is notified, or at
/// their polling interval when nothing comes — polling stays as the fallback, so a lost listening
/// connection (it reconnects every second) delays work but loses none.
public final class Wakeups: Sendable {
    public static let events = "award_events"
    public static let timers = "award_timers"
    /// A session ended, or a user's token, role, org or password changed: streams re-check their caller.
    public static let auth = "award_auth"

    private let generations = Mutex<[String: UInt64]>([:])
    private let stopped = Atomic<Bool>(false)

    /// Starts listening on a thread of its own.
    public init(target: DatabaseTarget, logger: Logger) {
        let thread = Thread { [self] in self.listen(target: target, logger: logger) }
        thread.name = "award-listener"
        thread.start()
    }

    /// Stops the listening thread (within a second).
    public func stop() { stopped.store(true, ordering: .relaxed) }

    /// How many times `channel` has been notified so far.
    public func generation(_ channel: String) -> UInt64 { generations.withLock { $0[channel] ?? 0 } }

    /// Returns when `channel` is notified after `since` (a ``generation(_:)``), or after `timeout`.
    public func wait(_ channel: String, since: UInt64, timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while generation(channel) == since && ContinuousClock.now < deadline && !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    private func listen(target: DatabaseTarget, logger: Logger) {
        while !stopped.load(ordering: .relaxed) {
            do {
                let listener = try Listener(target: target, channels: [Self.events, Self.timers, Self.auth])
                while !stopped.load(ordering: .relaxed) {
                    let notified = try listener.wait(timeout: .seconds(1))
                    if !notified.isEmpty {
                        generations.withLock { for channel in notified { $0[channel, default: 0] &+= 1 } }
                    }
                }
            } catch {
                logger.debug("listening for notifications failed; polling until it reconnects", metadata: ["error": "\(error)"])
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }
}
