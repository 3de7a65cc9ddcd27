import ArgumentParser
import AwardEngine
import Foundation

/// Measures the engine through the Swift library: concurrent workers move their own nominations
/// back and forth (approve to the province, return, resubmit), each step a full engine command
/// in one transaction, and report transitions per second and latency percentiles.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmark engine transitions against a scratch database (used by scripts/bench).",
        discussion: "Creates its own orgs, users and nominations in the database it is given; do not point it at real data.")
    @Option var clients: Int = 8
    @Option var seconds: Double = 10
    @Option(name: .customLong("nominations-per-client")) var perClient: Int = 20
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let clients = self.clients, seconds = self.seconds, perClient = self.perClient
        let engine = AwardEngine(database: connection.target, poolSize: max(1, clients), applicationName: "awardctl-bench")
        let prefix = "B\(UInt32.random(in: 0...UInt32.max))"
        let setup = try await Self.setup(engine, prefix: prefix, nominations: clients * perClient)
        let deadline = ContinuousClock.now + .seconds(seconds)
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for worker in 0..<clients {
                let mine = Array(setup.ids[(worker * perClient)..<((worker + 1) * perClient)])
                group.addTask {
                    // Each nomination waits at the province: return it, resubmit it, again and again.
                    var samples: [Double] = []
                    var step = 0
                    while ContinuousClock.now < deadline {
                        let id = mine[step % mine.count]
                        let returning = (step / mine.count) % 2 == 0
                        let start = ContinuousClock.now
                        if returning {
                            _ = try await engine.perform(.return, on: id, by: setup.province, reason: "bench")
                        } else {
                            _ = try await engine.perform(.resubmit, on: id, by: setup.nominator)
                        }
                        let elapsed = ContinuousClock.now - start
                        samples.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
                        step += 1
                    }
                    return samples
                }
            }
            return try await group.reduce(into: [Double]()) { $0 += $1 }
        }
        try await engine.close()
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1000 }
        let rate = Double(sorted.count) / seconds
        Printer.write(String(format: "engine clients=%d transitions=%d tps=%.0f p50_ms=%.2f p99_ms=%.2f\n",
                             clients, sorted.count, rate, percentile(0.5), percentile(0.99)))
    }

    struct Setup: Sendable {
        var ids: [Int64]
        var nominator: Principal
        var province: Principal
    }

    static func setup(_ engine: AwardEngine, prefix: String, nominations: Int) async throws -> Setup {
        _ = try await engine.migrate()
        _ = try await engine.addOrg(code: "\(prefix)-P", name: "Tỉnh thử", level: .province, parent: nil)
        _ = try await engine.addOrg(code: "\(prefix)-D", name: "Huyện thử", level: .district, parent: "\(prefix)-P")
        _ = try await engine.addOrg(code: "\(prefix)-U", name: "Đơn vị thử", level: .unit, parent: "\(prefix)-D")
        _ = try await engine.addUser(name: "\(prefix).n", org: "\(prefix)-U", role: .nominator)
        _ = try await engine.addUser(name: "\(prefix).d", org: "\(prefix)-D", role: .approver)
        _ = try await engine.addUser(name: "\(prefix).p", org: "\(prefix)-P", role: .approver)
        _ = try await engine.addUser(name: "\(prefix).a", org: "\(prefix)-P", role: .admin)
        let admin = try await engine.principal(named: "\(prefix).a")
        let nominator = try await engine.principal(named: "\(prefix).n")
        let district = try await engine.principal(named: "\(prefix).d")
        var ids: [Int64] = []
        for i in 0..<nominations {
            // Dossiers of Decree 98's time, so that Bằng khen tỉnh climbs district → province.
            let id = try await engine.nominate(.init(kind: "bang-khen-tinh", unit: "\(prefix)-U", nomineeName: "Người thử \(i)",
                                                     nomineeType: .individual, submittedOn: CivilDate(iso: "2025-06-02")), by: admin).id
            _ = try await engine.perform(.approve, on: id, by: district)
            ids.append(id)
        }
        return Setup(ids: ids, nominator: nominator, province: try await engine.principal(named: "\(prefix).p"))
    }
}
