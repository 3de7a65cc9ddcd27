import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import AwardTestSupport
import Testing

/// Two or more officers acting on one nomination at once: exactly one transition.
@Suite struct RaceTests {
    @Test func twentyConcurrentApprovalsMakeOneTransition() async throws {
        try await TestDatabase.withEngine(poolSize: 10) { engine, db in
            let u = try await Seed.tree(engine)
            for round in 0..<5 {
                let n = try await engine.nominate(
                    .init(kind: "bang-khen-tinh", unit: "P-HB", nomineeName: "Người \(round)", nomineeType: .individual), by: u.lan)
                let outcomes = await withTaskGroup(of: Result<NominationView, AwardError>.self) { group in
                    for _ in 0..<20 {
                        group.addTask {
                            do { return .success(try await engine.perform(.approve, on: n.id, by: u.minh, actingFor: "TX-HL")) }
                            catch { return .failure(error as? AwardError ?? AwardError(.internal, code: .internal, "\(error)")) }
                        }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                let wins = outcomes.filter { if case .success = $0 { true } else { false } }
                #expect(wins.count == 1)
                for case .failure(let error) in outcomes {
                    // The losers either lost the race (conflict) or saw it already forwarded (refused).
                    #expect(error.category == .conflict || error.category == .refused, "\(error)")
                }
                #expect(try db.count("SELECT count(*) AS n FROM transitions WHERE nomination_id = \(n.id) AND command = 'approve'") == 1)
                #expect(try await engine.nomination(n.id).org == "T-LC")
            }
        }
    }

    @Test func concurrentDecisionsWithOneNumberMakeOneDecision() async throws {
        try await TestDatabase.withEngine(poolSize: 8) { engine, db in
            let u = try await Seed.tree(engine)
            var ids: [Int64] = []
            for i in 0..<16 {
                ids.append(try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Người \(i)", nomineeType: .individual), by: u.lan).id)
            }
            let decision = DecisionInput(number: "88/QĐ-UBND", date: CivilDate(iso: "2023-12-01")!)
            await withTaskGroup(of: Void.self) { group in
                for id in ids {
                    group.addTask { _ = try? await engine.perform(.approve, on: id, by: u.minh, actingFor: "TX-HL", decision: decision) }
                }
            }
            #expect(try db.count("SELECT count(*) AS n FROM decisions") == 1)
            #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE state = 'awarded'") == 16)
        }
    }
}
