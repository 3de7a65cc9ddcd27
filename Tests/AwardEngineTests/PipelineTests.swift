@testable import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Round trips: queued statements travel as one libpq pipeline, an error stops the rest, and an
/// engine transition costs two round trips (its read, then the write returning the view, and COMMIT).
@Suite struct PipelineTests {
    @Test func queuedStatementsTravelTogetherAndAnErrorStopsTheRest() async throws {
        let db = try await TestDatabase.create()
        defer { db.drop() }
        let c = try Connection(conninfo: db.ownerConninfo)
        try c.executeScript("CREATE TABLE p (x int PRIMARY KEY)")
        c.roundTripsSinceCheckout = 0

        c.begin()
        let first = try c.enqueue("INSERT INTO p VALUES (\(1)) RETURNING x")
        let boom = try c.enqueue("SELECT 1 / \(0)::int AS boom")
        let after = try c.enqueue("INSERT INTO p VALUES (\(2)) RETURNING x")
        let error = #expect(throws: PostgresError.self) { try c.commit() }
        #expect(error?.sqlState == "22012")
        // Two PQprepare (first use of two texts; the third is the first's) and one pipeline.
        #expect(c.roundTripsSinceCheckout == 3)
        #expect(try first.rows?.first?.int("x") == 1)
        #expect(boom.rows == nil && after.rows == nil)
        // The transaction block failed with the error, COMMIT was never run: roll it back.
        #expect(c.inTransaction)
        try c.execute("ROLLBACK")
        #expect(try c.execute("SELECT count(*) AS n FROM p").first?.int("n") == 0)

        // The connection is usable again, and a clean pipeline commits in one round trip.
        c.roundTripsSinceCheckout = 0
        c.begin()
        let one = try c.enqueue("INSERT INTO p VALUES (\(1)) RETURNING x")
        let two = try c.enqueue("INSERT INTO p VALUES (\(2)) RETURNING x")
        try c.commit()
        #expect(c.roundTripsSinceCheckout == 1 && !c.inTransaction)
        #expect(try one.rows?.first?.int("x") == 1 && two.rows?.first?.int("x") == 2)
        #expect(try c.execute("SELECT count(*) AS n FROM p").first?.int("n") == 2)
    }

    @Test func aReadAheadLeavesBeginQueued() async throws {
        let db = try await TestDatabase.create()
        defer { db.drop() }
        let c = try Connection(conninfo: db.conninfo)
        c.begin()
        let row = try c.executeAhead("SELECT txid_current_if_assigned() IS NULL AS outside, \(7)::int AS x").first!
        #expect(try row.bool("outside") && row.int("x") == 7)
        #expect(!c.inTransaction && c.transactionPending)
        _ = try c.execute("SELECT 1 AS one")
        #expect(c.inTransaction)
        try c.commit()
        #expect(!c.inTransaction)
    }

    @Test func aTransitionIsTwoRoundTripsAndALostRaceChangesNothing() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let n = try await engine.nominate(.init(kind: "bang-khen-tinh", unit: "P-HB", nomineeName: "Nguyễn Văn An", nomineeType: .individual), by: u.lan)
            _ = try await engine.perform(.approve, on: n.id, by: u.minh)
            let c = try Connection(conninfo: db.conninfo)
            let cache = PackCache()
            let today = AwardEngine.today(Date())
            func step(_ action: Action) -> AwardEngine.Step {
                AwardEngine.Step(id: n.id, principal: action == .return ? u.hoa : u.lan,
                                 command: ActionCommand(action: action, reason: action == .return ? "Bổ sung hồ sơ" : nil),
                                 today: today)
            }
            var counts: [Int] = []
            for action in [Action.return, .resubmit, .return, .resubmit] {
                c.roundTripsSinceCheckout = 0
                c.begin()
                // The write returns the view from the row it wrote: no read after it.
                let view = try AwardEngine.act(c, step(action), cache: cache)
                try c.commit()
                #expect(try AwardEngine.Outcome.pending(view, n.id).view().state == (action == .return ? .returned : .pending))
                counts.append(c.roundTripsSinceCheckout)
            }
            // The first round prepares its statements; after that, a read and one pipeline.
            #expect(counts.suffix(2) == [2, 2])

            // Lost race: the write of a stale read raises, the timers and view after it never run.
            let versionBefore = try db.count("SELECT version AS n FROM nominations WHERE id = \(n.id)")
            let timersBefore = try db.count("SELECT count(*) AS n FROM timers")
            c.begin()
            try AwardEngine.act(c, step(.return), cache: cache)
            try db.execute("UPDATE nominations SET version = version + 1 WHERE id = \(n.id)")
            let error = #expect(throws: PostgresError.self) { try c.commit() }
            #expect(AwardEngine.map(error!).code == .concurrentChange)
            #expect(AwardEngine.map(error!).message.contains("nomination \(n.id) was changed"))
            try c.execute("ROLLBACK")
            #expect(try db.count("SELECT version AS n FROM nominations WHERE id = \(n.id)") == versionBefore + 1)
            #expect(try db.count("SELECT count(*) AS n FROM transitions WHERE nomination_id = \(n.id)") == versionBefore)
            #expect(try db.count("SELECT count(*) AS n FROM timers") == timersBefore)
        }
    }

    @Test func aBearerIsCheckedWithTheCommand() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let officer = try await engine.addUser(name: "hoa2", org: "T-LC", role: .approver)
            let n = try await engine.nominate(.init(kind: "bang-khen-tinh", unit: "P-HB", nomineeName: "Nguyễn Văn An", nomineeType: .individual), by: u.lan)
            _ = try await engine.perform(.approve, on: n.id, by: u.minh)
            let wrong = await #expect(throws: AwardError.self) {
                try await engine.perform(ActionRequest(nomination: n.id, command: ActionCommand(action: .return, reason: "Bổ sung")), as: .bearer("awd_not-a-token"))
            }
            #expect(wrong?.category == .unauthenticated)
            // An unknown token is refused before the nomination is looked at.
            let unknownNomination = await #expect(throws: AwardError.self) {
                try await engine.perform(ActionRequest(nomination: 999_999, command: ActionCommand(action: .return, reason: "Bổ sung")), as: .bearer("awd_not-a-token"))
            }
            #expect(unknownNomination?.category == .unauthenticated)
            let returned = try await engine.perform(ActionRequest(nomination: n.id, command: ActionCommand(action: .return, reason: "Bổ sung")), as: .bearer(officer.token))
            #expect(returned.state == .returned)
            #expect(try await engine.history(n.id).last?.actor == "hoa2")
            _ = try await engine.revokeUser(name: "hoa2")
            _ = try await engine.perform(.resubmit, on: n.id, by: u.lan)
            let revoked = await #expect(throws: AwardError.self) {
                try await engine.perform(ActionRequest(nomination: n.id, command: ActionCommand(action: .return, reason: "Bổ sung")), as: .bearer(officer.token))
            }
            #expect(revoked?.category == .unauthenticated)
            #expect(try db.count("SELECT version AS n FROM nominations WHERE id = \(n.id)") == 4)
            // Outside the token's jurisdiction: not found, as for a known principal.
            let sung = try await engine.addUser(name: "sung2", org: "H-SP", role: .approver)
            let outside = await #expect(throws: AwardError.self) {
                try await engine.perform(ActionRequest(nomination: n.id, command: ActionCommand(action: .return, reason: "Bổ sung")), as: .bearer(sung.token))
            }
            #expect(outside?.code == .unknownNomination)
        }
    }

    @Test func aCalendarChangeReachesACachedCalendar() async throws {
        try await TestDatabase.withEngine { engine, db in
            let before = try db.count("SELECT stamp AS n FROM calendar_stamp")
            try db.execute("INSERT INTO calendar_days (day, working, name) VALUES ('2031-01-02', false, 'thử')")
            #expect(try db.count("SELECT stamp AS n FROM calendar_stamp") == before + 1)
            let c = try Connection(conninfo: db.conninfo)
            let cache = PackCache()
            let from = CivilDate(iso: "2031-01-01")!
            let cal = try cache.calendar(c, from: from, stamp: Int64(before + 1))
            #expect(cal.holidays.contains(CivilDate(iso: "2031-01-02")!))
            try db.execute("DELETE FROM calendar_days WHERE day = '2031-01-02'")
            let stamp = Int64(try db.count("SELECT stamp AS n FROM calendar_stamp"))
            #expect(stamp == Int64(before + 2))
            #expect(try cache.calendar(c, from: from, stamp: stamp).holidays.isEmpty)
        }
    }
}
