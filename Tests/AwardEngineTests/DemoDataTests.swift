@testable import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import AwardTestSupport
import Testing

@Suite struct DemoDataTests {
    @Test func loadsEveryStateAndReissuesTokensOnTheSecondLoad() async throws {
        try await TestDatabase.withEngine { engine, db in
            let first = try await DemoData.load(into: engine)
            #expect(!first.alreadyLoaded)
            #expect(first.tokens.count == DemoData.users.count)
            for state in NominationState.allCases {
                #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE state = \(state.rawValue)") >= 1, "no \(state.rawValue) nomination")
            }
            let principal = try await engine.authenticate(token: first.tokens[1].token)
            #expect(principal.name == first.tokens[1].name)
            let second = try await DemoData.load(into: engine)
            #expect(second.alreadyLoaded)
            await #expect(throws: AwardError.self) { try await engine.authenticate(token: first.tokens[1].token) }
            #expect(try await engine.authenticate(token: second.tokens[1].token).name == first.tokens[1].name)
            // The awardees of Great National Unity Day 2024, in Vietnamese order.
            #expect(try await engine.awardees(.init(year: 2024)).map(\.nominee) == ["Nguyễn Văn An", "Tổ dân phố số 5 phường Cốc Lếu", "Trần Thị Bích Ngọc"])
        }
    }
}
