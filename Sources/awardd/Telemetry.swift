import Foundation
import Metrics
import Prometheus

/// The process's metrics: swift-metrics bootstrapped once onto a Prometheus registry, which
/// `/metrics` renders. The engine's counters and Hummingbird's request metrics land here.
public enum Telemetry {
    /// The registry `/metrics` renders.
    public static let registry = PrometheusCollectorRegistry()

    /// What each metric counts, written as `# HELP` before its `# TYPE` line.
    static let help: [String: String] = [
        "hb_requests": "HTTP requests answered, by route, method and status code.",
        "http_server_request_duration": "Time to answer an HTTP request, by route, method and status code, in seconds.",
        "http_server_active_requests": "HTTP requests being answered now, by method.",
        "award_transitions_total": "Committed nomination transitions, by award kind and the state reached.",
        "award_db_pool_connections": "Open database connections in awardd's pool.",
        "award_db_pool_idle": "Idle database connections in awardd's pool.",
        "award_db_pool_waiters": "Requests waiting for a database connection.",
        "award_build_info": "The running release and the schema version it runs on (always 1).",
        "award_webhook_backlog": "Webhook deliveries waiting (neither delivered nor given up).",
        "award_email_backlog": "E-mails waiting (neither sent nor given up).",
        "award_oldest_undelivered_event_seconds": "Seconds since the oldest event still waiting for a webhook delivery was committed.",
        "award_timers_due": "Durable timers (notices, deadlines) due today or earlier that have not fired.",
        "process_cpu_seconds": "CPU time awardd has used (user and system), in seconds.",
        "process_resident_memory_bytes": "awardd's resident memory, in bytes.",
        "process_open_fds": "File descriptors awardd has open.",
        "process_start_time_seconds": "When awardd started, in seconds since the Unix epoch.",
    ]

    /// Hummingbird's error counter: created at 0 beside every route's request counter (labelled with
    /// the status, e.g. error_type="200"), and never counting, since problems are answered before
    /// the metrics middleware sees an error. The status codes of `hb_requests` carry that instead.
    static let dropped: Set<String> = ["hb_request_errors"]

    /// The Prometheus text exposition `/metrics` serves: HELP lines added, the empty series dropped,
    /// and every counter named with its `_total` suffix (Hummingbird's `hb_requests` has none, which
    /// `promtool check metrics` refuses).
    public static func exposition() -> [UInt8] {
        let text = String(decoding: registry.emitToBuffer(), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let counters = Set(lines.compactMap { line -> String? in
            let parts = line.split(separator: " ")
            guard parts.count == 4, parts[0] == "#", parts[1] == "TYPE", parts[3] == "counter", !parts[2].hasSuffix("_total") else { return nil }
            return String(parts[2])
        })
        var out = ""
        out.reserveCapacity(text.utf8.count + 1024)
        for line in lines {
            let name = metricName(of: line)
            if let name, dropped.contains(name) { continue }
            var line = String(line)
            if let name, counters.contains(name) {
                line = line.replacingOccurrences(of: line.hasPrefix("#") ? "# TYPE \(name) " : name, with: line.hasPrefix("#") ? "# TYPE \(name)_total " : name + "_total",
                                                 options: .anchored)
            }
            if line.hasPrefix("# TYPE "), let name {
                let shown = counters.contains(name) ? name + "_total" : name
                out += "# HELP \(shown) \(help[name] ?? name.replacingOccurrences(of: "_", with: " ") + ".")\n"
            }
            out += line
            out += "\n"
        }
        if out.hasSuffix("\n\n") { out.removeLast() }
        return Array(out.utf8)
    }

    /// The metric a line belongs to (`# TYPE name …`, `name{…} v`, `name_bucket{…} v`).
    static func metricName(of line: Substring) -> String? {
        if line.hasPrefix("# TYPE ") || line.hasPrefix("# HELP ") {
            return line.dropFirst(7).split(separator: " ").first.map(String.init)
        }
        guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
        let series = String(line.prefix { $0 != "{" && $0 != " " })
        for suffix in ["_bucket", "_sum", "_count"] where series.hasSuffix(suffix) {
            let base = String(series.dropLast(suffix.count))
            if help[base] != nil || dropped.contains(base) { return base }
        }
        return series
    }

    /// Bootstraps swift-metrics (once per process; later calls do nothing).
    public static func bootstrap() {
        _ = bootstrapped
    }

    private static let bootstrapped: Bool = {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
        ]
        MetricsSystem.bootstrap(factory)
        return true
    }()
}
