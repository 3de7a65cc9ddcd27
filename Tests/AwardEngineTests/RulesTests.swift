@testable import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Rule packs, prerequisites, council votes and quotas (issue 4).
@Suite struct RulesTests {
    static func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    /// Imports earlier awards of `kind` for `years`.
    func awards(_ engine: AwardEngine, nominee: Int64, kind: String, years: [Int], type: CommendationType = .annual) async throws {
        for year in years {
            try await engine.importPriorAward(nominee: nominee, kind: kind, year: year, type: type,
                                              decision: .init(number: "\(year)/QĐ-UBND", date: Self.date("\(year)-12-20")), issuer: "UBND thị xã", by: "test")
        }
    }

    func newNominee(_ engine: AwardEngine, _ u: Seed.Users, _ name: String) async throws -> Int64 {
        // A draft creates the nominee without checking anything.
        try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: name, nomineeType: .individual, draft: true), by: u.lan).nominee.id
    }

    @Test func cstdTinhNeedsThreeConsecutiveCstdcs() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let ok = try await newNominee(engine, u, "Nguyễn Thị Lan Anh")
            try await awards(engine, nominee: ok, kind: "cstdcs", years: [2021, 2022, 2023])
            let passed = try await engine.nominate(.init(kind: "cstd-tinh", unit: "P-HB", nomineeId: ok, year: 2024), by: u.lan)
            #expect(passed.state == .pending)
            #expect(try await engine.check(passed.id).eligible)

            let gap = try await newNominee(engine, u, "Trần Văn Bảo")
            try await awards(engine, nominee: gap, kind: "cstdcs", years: [2021, 2023])
            let refused = await #expect(throws: AwardError.self) {
                try await engine.nominate(.init(kind: "cstd-tinh", unit: "P-HB", nomineeId: gap, year: 2024), by: u.lan)
            }
            #expect(refused?.category == .refused)
            #expect(refused?.code == .consecutiveAwards)
            #expect(refused?.message.contains("2022") == true)
            #expect(refused?.message.contains("Luật Thi đua") == true)
            #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE kind_code = 'cstd-tinh'") == 1)

            // Ad hoc awards never count toward the chain.
            let adhoc = try await newNominee(engine, u, "Lê Thị Cúc")
            try await awards(engine, nominee: adhoc, kind: "cstdcs", years: [2021, 2023])
            try await awards(engine, nominee: adhoc, kind: "cstdcs", years: [2022], type: .adhoc)
            await #expect(throws: AwardError.self) {
                try await engine.nominate(.init(kind: "cstd-tinh", unit: "P-HB", nomineeId: adhoc, year: 2024), by: u.lan)
            }
        }
    }

    @Test func theSubmissionDateChoosesThePackAndImportsChangeNothing() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let old = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Phạm Văn Cũ", nomineeType: .individual,
                                                       submittedOn: Self.date("2025-06-20")), by: u.admin)
            #expect(old.org == "TX-HL" && old.tier == .district)
            let new = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Phạm Thị Mới", nomineeType: .individual,
                                                       submittedOn: Self.date("2025-07-02")), by: u.admin)
            #expect(new.org == "P-HB" && new.tier == .commune)
            let ttg = try await engine.nominate(.init(kind: "bang-khen-ttg", unit: "P-HB", nomineeName: "Trường THCS", nomineeType: .collective,
                                                       submittedOn: Self.date("2025-07-02")), by: u.admin)
            #expect(ttg.tiers == 3 && ttg.org == "P-HB")
            #expect(try db.count("SELECT count(*) AS n FROM nominations n JOIN rule_packs p ON p.id = n.pack_id WHERE p.code = 'nd98-2023'") == 1)
            // A nominator may not backdate.
            let backdated = await #expect(throws: AwardError.self) {
                try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "X", nomineeType: .individual,
                                                submittedOn: Self.date("2025-06-20")), by: u.lan)
            }
            #expect(backdated?.category == .forbidden)

            // A new pack from 1/7/2025 that sends Giấy khen to the province changes neither nomination.
            var document = try #require(try JSONSerialization.jsonObject(with: Data(AwardEngine.bundledPacks.last!.utf8)) as? [String: Any])
            document["version"] = (document["version"] as? Int ?? 1) + 1
            var kinds = try #require(document["kinds"] as? [[String: Any]])
            kinds[0]["chain"] = [["level": "province"]]
            document["kinds"] = kinds
            let text = String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
            _ = try await engine.importPack(text)
            #expect(try await engine.nomination(old.id).org == "TX-HL")
            #expect(try await engine.nomination(new.id).org == "P-HB")
            let decided = try await engine.perform(.approve, on: old.id, by: u.minh, decision: .init(number: "3/QĐ-UBND", date: Self.date("2025-06-25")))
            #expect(decided.state == .awarded)
            // Importing the same code and version again is refused: packs never change.
            let again = await #expect(throws: AwardError.self) { try await engine.importPack(text) }
            #expect(again?.code == .duplicatePack)
            #expect(try db.count("SELECT count(*) AS n FROM rule_packs") == AwardEngine.bundledPacks.count + 2)
        }
    }

    @Test func councilVoteNeedsQuorumAndThreshold() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let nominee = try await newNominee(engine, u, "Đinh Thị Hoa")
            try await awards(engine, nominee: nominee, kind: "ldtt", years: [2024])
            try await engine.setRating(nominee: nominee, year: 2024, rating: .htxsnv, by: "test")
            let n = try await engine.nominate(.init(kind: "cstdcs", unit: "P-HB", nomineeId: nominee, year: 2024), by: u.lan)
            let decision = DecisionInput(number: "40/QĐ-UBND", date: Self.date("2025-01-10"))
            let noVote = await #expect(throws: AwardError.self) { try await engine.perform(.approve, on: n.id, by: u.minh, decision: decision) }
            #expect(noVote?.code == .voteRequired)
            let failed = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: n.id, by: u.minh, decision: decision, vote: VoteTally(members: 10, present: 7, inFavour: 7))
            }
            #expect(failed?.code == .voteFailed)
            #expect(failed?.message.contains("70%") == true && failed?.message.contains("80%") == true)
            let noQuorum = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: n.id, by: u.minh, decision: decision, vote: VoteTally(members: 10, present: 6, inFavour: 6))
            }
            #expect(noQuorum?.message.contains("quorum") == true)
            let impossible = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: n.id, by: u.minh, decision: decision, vote: VoteTally(members: 10, present: 9, inFavour: 10))
            }
            #expect(impossible?.code == .voteInvalid)
            #expect(try db.count("SELECT count(*) AS n FROM transitions WHERE nomination_id = \(n.id)") == 1)
            let passed = try await engine.perform(.approve, on: n.id, by: u.minh, decision: decision, vote: VoteTally(members: 10, present: 9, inFavour: 8))
            #expect(passed.state == .awarded)
            #expect(try db.count("SELECT count(*) AS n FROM transitions WHERE nomination_id = \(n.id) AND vote_members = 10 AND vote_present = 9 AND vote_in_favour = 8 AND vote_secret") == 1)
        }
    }

    @Test func cstdcsNeedsLdttAndMerit() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            let nominee = try await newNominee(engine, u, "Vũ Văn Khánh")
            let refused = await #expect(throws: AwardError.self) {
                try await engine.nominate(.init(kind: "cstdcs", unit: "P-HB", nomineeId: nominee, year: 2024), by: u.lan)
            }
            #expect(refused?.code == .sameYearAward)
            try await awards(engine, nominee: nominee, kind: "ldtt", years: [2024])
            let stillRefused = await #expect(throws: AwardError.self) {
                try await engine.nominate(.init(kind: "cstdcs", unit: "P-HB", nomineeId: nominee, year: 2024), by: u.lan)
            }
            #expect(stillRefused?.code == .meritRequired)
            try await engine.addInitiative(nominee: nominee, year: 2024, scope: "unit", title: "Số hoá hồ sơ thi đua")
            _ = try await engine.nominate(.init(kind: "cstdcs", unit: "P-HB", nomineeId: nominee, year: 2024), by: u.lan)
        }
    }

    @Test func disciplinaryReviewBlocksAndAnAdminOverrideIsRecorded() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let nominee = try await newNominee(engine, u, "Hà Văn Quân")
            try await engine.addDiscipline(nominee: nominee, status: "review", from: Self.date("2026-01-05"), to: nil, note: "Thanh tra tài chính")
            let blocked = await #expect(throws: AwardError.self) {
                try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeId: nominee), by: u.lan)
            }
            #expect(blocked?.code == .underReview)
            let notAdmin = await #expect(throws: AwardError.self) {
                try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeId: nominee, overrideReason: "x"), by: u.lan)
            }
            #expect(notAdmin?.category == .forbidden)
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeId: nominee,
                                                    overrideReason: "Kết luận thanh tra không liên quan đến cá nhân"), by: u.admin)
            #expect(try db.count("SELECT count(*) AS n FROM transitions WHERE nomination_id = \(n.id) AND override_reason LIKE 'Kết luận%'") == 1)
            let result = try await engine.check(n.id)
            #expect(!result.eligible && result.override != nil && result.reasons.first?.code == .underReview)
            // The override carries to the decision.
            let done = try await engine.perform(.approve, on: n.id, by: u.minh, decision: .init(number: "5/QĐ-UBND", date: Self.date("2026-02-01")))
            #expect(done.state == .awarded)

            // Without an override, the decision re-checks: a review opened after submission stops it.
            let other = try await newNominee(engine, u, "Mai Văn Sơn")
            let m = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeId: other), by: u.lan)
            try await engine.addDiscipline(nominee: other, status: "review", from: Self.date("2026-01-05"), to: nil, note: nil)
            let atDecision = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: m.id, by: u.minh, decision: .init(number: "6/QĐ-UBND", date: Self.date("2026-02-01")))
            }
            #expect(atDecision?.code == .underReview)
        }
    }

    @Test func fiftyParallelApprovalsAgainstAQuotaOfTwenty() async throws {
        try await TestDatabase.withEngine(poolSize: 10) { engine, db in
            let u = try await Seed.tree(engine)
            _ = try await engine.setQuota(org: "TX-HL", kind: "giay-khen", year: 2026, limit: 20)
            var ids: [Int64] = []
            for i in 0..<50 {
                ids.append(try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Người \(i)", nomineeType: .individual), by: u.lan).id)
            }
            let decision = DecisionInput(number: "77/QĐ-UBND", date: Self.date("2026-03-01"))
            let outcomes = await withTaskGroup(of: AwardError?.self) { group in
                for id in ids {
                    group.addTask {
                        do { _ = try await engine.perform(.approve, on: id, by: u.minh, decision: decision); return nil }
                        catch { return error as? AwardError ?? AwardError(.internal, code: .internal, "\(error)") }
                    }
                }
                return await group.reduce(into: [AwardError?]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == nil }.count == 20)
            #expect(outcomes.compactMap { $0 }.allSatisfy { $0.code == .quotaExceeded })
            #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE state = 'awarded'") == 20)
            #expect(try db.count("SELECT used AS n FROM quotas") == 20)
            #expect(try await engine.quotas().first?.used == 20)
        }
    }

    @Test func malformedPacksAreRefusedWithTheLine() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let broken = "{\n  \"code\": \"x\",\n  \"version\": 1,\n  \"name\": \"X\"\n  \"valid_from\": \"2026-01-01\"\n}\n"
            let syntax = await #expect(throws: AwardError.self) { try await engine.importPack(broken) }
            #expect(syntax?.message.contains("line 5") == true)
            let badLevel = """
            {
              "code": "y", "version": 1, "name": "Y", "valid_from": "2026-01-01",
              "kinds": [
                {"code": "giay-khen", "name_vi": "Giấy khen", "name_en": "Certificate", "category": "commendation",
                 "nominee_types": ["individual"],
                 "chain": [{"level": "distrct"}]}
              ]
            }
            """
            let semantic = await #expect(throws: AwardError.self) { try await engine.importPack(badLevel) }
            #expect(semantic?.message.contains("line") == true)
            #expect(semantic?.message.contains("level") == true)
            let unknownRule = """
            {
              "code": "z", "version": 1, "name": "Z", "valid_from": "2026-01-01",
              "kinds": [
                {"code": "giay-khen", "name_vi": "Giấy khen", "name_en": "Certificate", "category": "commendation",
                 "nominee_types": ["individual"], "chain": [{"level": "district"}],
                 "prerequisites": [{"rule": "be_famous", "source": "none"}]}
              ]
            }
            """
            let rule = await #expect(throws: AwardError.self) { try await engine.importPack(unknownRule) }
            #expect(rule?.message.contains("line 4") == true)
            #expect(rule?.message.contains("be_famous") == true)
            let packs = try await engine.packs()
            #expect(packs.count == AwardEngine.bundledPacks.count)
        }
    }

    @Test func bangKhenTtgIndividualNeedsAPriorBangKhenAndFiveGoodYears() {
        let rule = RulePack.bundled(1).kind("bang-khen-ttg")!
        var facts = NomineeFacts(awards: [.init(kind: "bang-khen-tinh", year: 2019)])
        for year in 2020...2024 { facts.ratings.append(.init(year: year, rating: .httnv)) }
        for year in [2021, 2022, 2024] { facts.awards.append(.init(kind: "cstdcs", year: year)) }
        let today = CivilDate(iso: "2025-08-01")!
        #expect(Eligibility.evaluate(kind: rule, nomineeType: .individual, year: 2024, facts: facts, today: today).eligible)
        var weak = facts
        weak.ratings[2].rating = .htnv
        let result = Eligibility.evaluate(kind: rule, nomineeType: .individual, year: 2024, facts: weak, today: today)
        #expect(result.reasons.map(\.code) == [.consecutiveRatings])
        #expect(result.reasons[0].messageEn.contains("2022"))
        #expect(Eligibility.evaluate(kind: rule, nomineeType: .individual, year: 2024, facts: NomineeFacts(), today: today).reasons.map(\.code) == [.priorAwardRequired])
        // Collectives follow other criteria.
        #expect(Eligibility.evaluate(kind: rule, nomineeType: .collective, year: 2024, facts: NomineeFacts(), today: today).eligible)
    }
}

extension RulePack {
    static func bundled(_ index: Int) -> RulePack {
        try! RulePack.parse(AwardEngine.bundledPacks[index])
    }
}
