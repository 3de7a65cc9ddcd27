@testable import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import AwardTestSupport
import Testing

@Suite struct DemoDataTests {
    @Test func loadsEveryStateAndKeepsWorkingTokensOnTheSecondLoad() async throws {
        try await TestDatabase.withEngine { engine, db in
            let first = try await DemoData.load(into: engine)
            #expect(!first.alreadyLoaded)
            #expect(first.users.count == DemoData.users.count)
            // The banner's count is the database's.
            #expect(first.nominations == Int(try db.count("SELECT count(*) AS n FROM nominations")))
            for state in NominationState.allCases {
                #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE state = \(state.rawValue)") >= 1, "no \(state.rawValue) nomination")
            }
            let principal = try await engine.authenticate(token: first.users[1].token)
            #expect(principal.name == first.users[1].name)
            // A restart keeps the tokens it is given while they work, and replaces the rest.
            var kept = Dictionary(uniqueKeysWithValues: first.users.map { ($0.name, $0.token) })
            kept["le.hoa"] = "awd_not-a-token"
            kept["admin"] = nil
            let second = try await DemoData.load(into: engine, keeping: kept)
            #expect(second.alreadyLoaded)
            #expect(Set(second.reissued) == ["le.hoa", "admin"])
            #expect(second.users[1].token == first.users[1].token)
            #expect(try await engine.authenticate(token: first.users[1].token).name == first.users[1].name)
            let hoa = try #require(second.users.first { $0.name == "le.hoa" })
            #expect(try await engine.authenticate(token: hoa.token).name == "le.hoa")
            // Without tokens to keep (awardctl demo), every user gets a new one and the old ones stop.
            let third = try await DemoData.load(into: engine)
            #expect(third.reissued.count == DemoData.users.count)
            await #expect(throws: AwardError.self) { try await engine.authenticate(token: first.users[1].token) }
            // Ten years across the merger: Hà Thị Thu's awards at old Phường Cốc Lếu are found by the
            // officer of Phường Lào Cai, which absorbed it, and her years there make her a candidate.
            let lan = try await engine.principal(named: "nguyen.lan")
            let thu = try #require(try await engine.search("Hà Thị Thu", viewer: lan).first)
            let record = try await engine.nomineeHistory(thu.id, viewer: lan)
            #expect(record.entries.count == 11 && Set(record.entries.compactMap(\.year)) == Set(2016...2023))
            let candidate = try await engine.nominate(.init(kind: "cstd-tinh", unit: "W2647", nomineeId: thu.id, year: 2024), by: lan)
            #expect(try await engine.check(candidate.id).eligible)
            // The awardees of Great National Unity Day 2024, in Vietnamese order.
            #expect(try await engine.awardees(.init(year: 2024)).map(\.nominee) == ["Nguyễn Văn An", "Tổ dân phố số 5 phường Cốc Lếu", "Trần Thị Bích Ngọc"])
        }
    }
}
