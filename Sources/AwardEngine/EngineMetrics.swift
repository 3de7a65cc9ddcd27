import Metrics
import AwardPostgres

/// The engine's metrics, through swift-metrics: whatever backend the process bootstraps
/// (awardd uses Prometheus) receives them; without one they cost nothing.
struct EngineMetrics: Sendable {
    /// Counts a committed transition by award kind and target state.
    func transition(kind: String, to state: NominationState, count: Int = 1) {
        Counter(label: "award_transitions_total", dimensions: [("kind", kind), ("to", state.rawValue)]).increment(by: count)
    }
}
