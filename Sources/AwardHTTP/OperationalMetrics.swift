import AwardEngine
import Foundation
import Metrics
#if canImport(Glibc)
import Glibc
#endif

/// The gauges /metrics reads fresh at each scrape: the pool, the outboxes and timers, the process,
/// and the build.
public enum OperationalMetrics {
    static let started = Date().timeIntervalSince1970

    public static func refresh(engine: AwardEngine) async {
        let pool = await engine.poolStatistics()
        Gauge(label: "award_db_pool_connections").record(pool.open)
        Gauge(label: "award_db_pool_idle").record(pool.idle)
        Gauge(label: "award_db_pool_waiters").record(pool.waiting)
        Gauge(label: "award_build_info", dimensions: [("version", EngineVersion.release), ("schema", String(EngineVersion.schema))]).record(1)
        // The outboxes are read when the database answers; a scrape during an outage keeps the last values.
        if let work = try? await engine.operationsSnapshot() {
            Gauge(label: "award_webhook_backlog").record(work.webhookBacklog)
            Gauge(label: "award_email_backlog").record(work.emailBacklog)
            Gauge(label: "award_oldest_undelivered_event_seconds").record(work.oldestUndeliveredEventSeconds)
            Gauge(label: "award_timers_due").record(work.dueTimers)
        }
        var usage = rusage()
        if getrusage(RUSAGE_SELF.rawValue, &usage) == 0 {
            let seconds = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
            Gauge(label: "process_cpu_seconds").record(seconds)
        }
        if let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
           let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) {
            Gauge(label: "process_resident_memory_bytes").record(pages * Int(sysconf(Int32(_SC_PAGESIZE))))
        }
        if let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            Gauge(label: "process_open_fds").record(descriptors.count)
        }
        Gauge(label: "process_start_time_seconds").record(started)
    }
}
