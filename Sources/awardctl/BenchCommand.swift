import ArgumentParser
import AwardEngine
import AwardPostgres
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
    @Flag(name: .customLong("setup-only"), help: "Create the nominations and print them with the two users' tokens as JSON (for the HTTP benchmark).")
    var setupOnly = false
    @Option(help: "Instead of transitions: time N calls of each read (awardees by year, summary, one nominee's history, an inbox) over the data already loaded.")
    var queries: Int?
    @Option(help: "With --queries: the year whose awardees and summary are read.") var year: Int = 2025
    @Option(help: "With --queries: nominee histories are read for random ids from 1 to this.") var nominees: Int64 = 1000
    @Option(help: "Instead of transitions: time N prints of a decision's PDF, and the certificates of a 300-recipient decision and fifty decisions, through the kept chromium.")
    var papers: Int?
    @Flag(name: .customLong("print-reads"), help: "Print the engine's read of a transition (id as :id) and the view its write returns, for the pgbench script, and exit.")
    var printReads = false
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        if printReads {
            let reads = AwardEngine.transitionReads
            Printer.write(reads.read.replacingOccurrences(of: "$1", with: ":id") + " \\gset\n")
            Printer.write("-- view\n" + reads.view + "\n")
            return
        }
        let clients = self.clients, seconds = self.seconds, perClient = self.perClient
        let engine = AwardEngine(database: connection.target, poolSize: max(1, clients), applicationName: "awardctl-bench")
        if let papers {
            try await PaperBench.run(engine, repetitions: papers)
            try await engine.close()
            return
        }
        if let queries {
            try await Self.queries(engine, count: queries, year: year, nominees: nominees)
            try await engine.close()
            return
        }
        let prefix = "B\(UInt32.random(in: 0...UInt32.max))"
        let setup = try await Self.setup(engine, prefix: prefix, nominations: clients * perClient)
        if setupOnly {
            try await engine.close()
            try Printer.json(setup)
            return
        }
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
                        samples.append(Self.seconds(elapsed))
                        step += 1
                    }
                    return samples
                }
            }
            return try await group.reduce(into: [Double]()) { $0 += $1 }
        }
        try await engine.close()
        let sorted = latencies.sorted()
        let rate = Double(sorted.count) / seconds
        Printer.write(String(format: "engine clients=%d transitions=%d tps=%.0f p50_ms=%.2f p99_ms=%.2f first=%lld\n",
                             clients, sorted.count, rate, Self.percentile(sorted, 0.5), Self.percentile(sorted, 0.99), setup.ids.first ?? 0))
    }

    /// The `p` quantile of sorted seconds, in milliseconds.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1000
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Times the reads officers wait for, one call at a time, each with its own random argument.
    static func queries(_ engine: AwardEngine, count: Int, year: Int, nominees: Int64) async throws {
        let admin = try await engine.principal(named: "admin")
        let orgs = try await engine.orgs()
        let waiting = orgs.filter { $0.level != .unit }.map(\.code)
        let province = orgs.first { $0.level == .province }?.code
        var timings: [(String, [Double])] = []
        func time(_ name: String, _ body: () async throws -> Void) async throws {
            var samples: [Double] = []
            for _ in 0..<count {
                let start = ContinuousClock.now
                try await body()
                samples.append(seconds(ContinuousClock.now - start))
            }
            timings.append((name, samples.sorted()))
        }
        try await time("awardees_page") {
            _ = try await engine.awardees(.init(year: year, org: province), viewer: admin, limit: 100)
        }
        try await time("summary_year") {
            _ = try await engine.summary(fromYear: year, toYear: year, org: province, viewer: admin)
        }
        try await time("nominee_history") {
            _ = try? await engine.nomineeHistory(Int64.random(in: 1...max(1, nominees)), viewer: admin)
        }
        try await time("inbox_page") {
            _ = try await engine.pending(org: waiting.randomElement() ?? "TW", limit: 100)
        }
        for (name, samples) in timings {
            Printer.write("query name=\(name) calls=\(samples.count) "
                          + String(format: "p50_ms=%.2f p99_ms=%.2f\n", percentile(samples, 0.5), percentile(samples, 0.99)))
        }
    }

    struct Setup: Sendable, Encodable {
        var ids: [Int64]
        var nominator: Principal
        var province: Principal
        var nominatorToken: String
        var provinceToken: String

        enum CodingKeys: String, CodingKey { case ids, nominatorToken = "nominator_token", provinceToken = "province_token" }
    }

    static func setup(_ engine: AwardEngine, prefix: String, nominations: Int) async throws -> Setup {
        _ = try await engine.migrate()
        _ = try await engine.addOrg(code: "\(prefix)-P", name: "Tỉnh thử", level: .province, parent: nil)
        _ = try await engine.addOrg(code: "\(prefix)-D", name: "Huyện thử", level: .district, parent: "\(prefix)-P")
        _ = try await engine.addOrg(code: "\(prefix)-U", name: "Đơn vị thử", level: .unit, parent: "\(prefix)-D")
        let nominatorToken = try await engine.addUser(name: "\(prefix).n", org: "\(prefix)-U", role: .nominator).token
        _ = try await engine.addUser(name: "\(prefix).d", org: "\(prefix)-D", role: .approver)
        let provinceToken = try await engine.addUser(name: "\(prefix).p", org: "\(prefix)-P", role: .approver).token
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
        return Setup(ids: ids, nominator: nominator, province: try await engine.principal(named: "\(prefix).p"),
                     nominatorToken: nominatorToken, provinceToken: provinceToken)
    }
}
