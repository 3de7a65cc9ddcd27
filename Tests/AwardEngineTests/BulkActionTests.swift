import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Issue 29, bulk actions at a tier: many dossiers returned (one reason) or forwarded in one go,
/// each its own step; against a single action on one of them, one winner.
@Suite struct BulkActionTests {
    @Test func fiftyDossiersReturnedWithOneReasonAreFiftyStepsAndARaceOnOneHasOneWinner() async throws {
        try await TestDatabase.withEngine(poolSize: 8) { engine, db in
            let u = try await Seed.tree(engine)
            var ids: [Int64] = []
            for i in 0..<50 {
                ids.append(try await engine.nominate(.init(kind: "bang-khen-tinh", unit: "P-HB", nomineeName: "Người số \(i)", nomineeType: .individual), by: u.lan).id)
            }
            let reason = "Bổ sung báo cáo thành tích có xác nhận của thủ trưởng"
            let history = try db.count("SELECT count(*) AS n FROM transitions")

            // What is refused before anything is done: no reason, too many, twice, a role that may not.
            let noReason = await #expect(throws: AwardError.self) { try await engine.performEach(.return, on: ids, as: .principal(u.minh)) }
            #expect(noReason?.code == .reasonRequired && noReason?.field == "reason")
            let tooMany = await #expect(throws: AwardError.self) {
                try await engine.performEach(.return, on: Array(1...501), as: .principal(u.minh), reason: reason)
            }
            #expect(tooMany?.code == .noNominations)
            await #expect(throws: AwardError.self) { try await engine.performEach(.return, on: [ids[0], ids[0]], as: .principal(u.minh), reason: reason) }
            let nominator = await #expect(throws: AwardError.self) { try await engine.performEach(.return, on: ids, as: .principal(u.lan), reason: reason) }
            #expect(nominator?.code == .roleNotAllowed)
            let revoke = await #expect(throws: AwardError.self) { try await engine.performEach(.revoke, on: ids, as: .principal(u.minh), reason: reason) }
            #expect(revoke?.code == .unknownAction)
            // Another district's approver: each dossier is outside his view, and nothing changes.
            let outside = try await engine.performEach(.return, on: Array(ids.prefix(5)), as: .principal(u.sung), reason: reason)
            #expect(outside.allSatisfy { !$0.ok && $0.code == "unknown_nomination" } && outside.count == 5, "\(outside.first.map { "\($0)" } ?? "")")
            #expect(try db.count("SELECT count(*) AS n FROM transitions") == history)

            // The bulk return races a single forward of one of them: that dossier gets exactly one step.
            let contested = ids[17], all = ids
            async let bulk = engine.performEach(.return, on: all, as: .principal(u.minh), reason: reason)
            async let single: Result<NominationView, AwardError> = {
                do throws(AwardError) { return .success(try await engine.perform(.approve, on: contested, by: u.minh)) } catch { return .failure(error) }
            }()
            let (outcomes, alone) = try await (bulk, single)
            #expect(outcomes.count == 50 && outcomes.map(\.nomination) == ids)
            #expect(try db.count("SELECT count(*) AS n FROM transitions WHERE nomination_id = \(contested) AND command IN ('return', 'approve')") == 1)
            let contestedOutcome = try #require(outcomes.first { $0.nomination == contested })
            if case .success = alone { #expect(!contestedOutcome.ok) } else { #expect(contestedOutcome.ok) }
            // Every other dossier: returned, one step each, with the one reason, and its event.
            let others = ids.filter { $0 != contested }
            #expect(outcomes.filter { $0.nomination != contested }.allSatisfy { $0.ok && $0.state == .returned && $0.org == "P-HB" })
            #expect(try db.count("SELECT count(*) AS n FROM transitions WHERE command = 'return' AND reason = \(reason) AND nomination_id = ANY(\(others)::bigint[])") == 49)
            #expect(try db.count("SELECT count(*) AS n FROM events WHERE type = 'nomination.returned' AND nomination_id = ANY(\(others)::bigint[])") == 49)
            #expect(try await engine.verifyAudit().ok)
            // Again: each is refused now (already returned), and nothing more is written.
            let again = try await engine.performEach(.return, on: Array(others.prefix(3)), as: .principal(u.minh), reason: reason)
            #expect(again.allSatisfy { !$0.ok && $0.messageVI?.isEmpty == false })
            #expect(try db.count("SELECT count(*) AS n FROM transitions WHERE command = 'return'") == 49 + (contestedOutcome.ok ? 1 : 0))
        }
    }
}
