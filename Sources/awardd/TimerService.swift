import AwardEngine
import Logging
import ServiceLifecycle

/// Fires the engine's durable timers (end of public notices, deadline warnings) every interval.
/// The timers live in the database and are taken with FOR UPDATE SKIP LOCKED, so any number of
/// awardd processes may run this together, and a restart loses nothing.
struct TimerService: Service {
    let engine: AwardEngine
    /// Wakes the service when a timer that is due is set (NOTIFY award_timers, after the commit);
    /// the interval is the fallback and finds the later ones.
    let wakeups: Wakeups?
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let seen = wakeups?.generation(Wakeups.timers) ?? 0
            do {
                let fired = try await engine.runDueTimers()
                if fired > 0 { logger.info("timers fired", metadata: ["timers.fired": "\(fired)"]) }
            } catch {
                logger.warning("timers could not run", metadata: ["error.code": "\(error.code)"])
            }
            try? await cancelWhenGracefulShutdown {
                if let wakeups { await wakeups.wait(Wakeups.timers, since: seen, timeout: interval) } else { try await Task.sleep(for: interval) }
            }
        }
    }
}
