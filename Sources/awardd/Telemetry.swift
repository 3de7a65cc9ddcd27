import Metrics
import Prometheus

/// The process's metrics: swift-metrics bootstrapped once onto a Prometheus registry, which
/// `/metrics` renders. The engine's counters and Hummingbird's request metrics land here.
public enum Telemetry {
    /// The registry `/metrics` renders.
    public static let registry = PrometheusCollectorRegistry()

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
