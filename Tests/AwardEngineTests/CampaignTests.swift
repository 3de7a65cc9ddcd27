@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Campaigns from launch to awards: registration, review, proposals, clusters, the fund (issue 16).
@Suite struct CampaignTests {
    static func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    /// A province-wide campaign for 2026 offering LĐTT (3 per unit), CSTĐCS and the provincial Bằng khen (1 per unit).
    static func launch(_ engine: AwardEngine, _ u: Seed.Users, code: String = "PT-2026", units: [String] = [],
                       from: String = "2026-01-01", to: String = "2026-12-31", ldttQuota: Int? = 3) async throws -> Campaign {
        let campaign = try await engine.createCampaign(.init(
            code: code, org: "T-LC", name: "Thi đua yêu nước năm 2026", theme: "Đoàn kết, sáng tạo", kind: .regular,
            startsOn: date(from), endsOn: date(to), launchNumber: "12/KH-UBND", units: units,
            documents: [.init(title: "Kế hoạch phát động", number: "12/KH-UBND", issuedOn: date("2026-01-05"))],
            awards: [.init(kind: "ldtt", perUnitQuota: ldttQuota), .init(kind: "cstdcs"), .init(kind: "bang-khen-tinh", perUnitQuota: 1, amountVnd: 3_510_000)],
            criteria: [.init(kind: "ldtt", text: "Hoàn thành tốt nhiệm vụ trở lên", source: "Luật Thi đua, khen thưởng 2022, Điều 24")]), by: u.hoa)
        return try await engine.moveCampaign(code, to: .registration, launchDate: date("2026-01-05"), by: u.hoa)
    }

    @Test func aCampaignYearFromLaunchToAwards() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let campaign = try await Self.launch(engine, u)
            #expect(campaign.state == .registration)
            #expect(campaign.history.map(\.to) == [.draft, .registration])
            #expect(campaign.launchDate == Self.date("2026-01-05"))
            // The wards in scope see it in their inbox.
            #expect(try await engine.openCampaigns(for: u.lan).map(\.code) == ["PT-2026"])

            // Two wards register; Hàm Rồng's is returned once and sent again.
            let names = ["Lò Văn An", "Vàng Thị Bình", "Giàng A Chư", "Sùng Thị Dung", "Tập thể Tổ văn thư"]
            var ham = try await engine.register(campaign: "PT-2026", unit: "P-HB", year: 2026, entries: names.map {
                .init(name: $0, type: $0.hasPrefix("Tập thể") ? .collective : .individual, kinds: [$0.hasPrefix("Tập thể") ? "bang-khen-tinh" : "ldtt"], targets: "Hoàn thành xuất sắc nhiệm vụ")
            }, by: u.lan)
            var taPhin = try await engine.register(campaign: "PT-2026", unit: "X-TP", year: 2026,
                                                   entries: [.init(name: "Thào A Páo", type: .individual, kinds: ["ldtt"])], by: u.pao)
            ham = try await engine.actOnRegistration(ham.id, .send, by: u.lan)
            ham = try await engine.actOnRegistration(ham.id, .return, reason: "Bổ sung chỉ tiêu của tập thể", by: u.hoa)
            #expect(ham.state == .returned)
            // Returning needs a reason; the unit cannot accept its own registration.
            await #expect(throws: AwardError.self) { try await engine.actOnRegistration(ham.id, .return, by: u.hoa) }
            await #expect(throws: AwardError.self) { try await engine.actOnRegistration(ham.id, .accept, by: u.lan) }
            ham = try await engine.actOnRegistration(ham.id, .send, by: u.lan)
            ham = try await engine.actOnRegistration(ham.id, .accept, by: u.hoa)
            taPhin = try await engine.actOnRegistration(taPhin.id, .send, by: u.pao)
            taPhin = try await engine.actOnRegistration(taPhin.id, .accept, by: u.hoa)
            #expect(ham.history.map(\.to) == [.draft, .sent, .returned, .sent, .accepted])
            #expect(ham.history[2].reason == "Bổ sung chỉ tiêu của tập thể")
            // An accepted registration takes no more entries.
            let late = await #expect(throws: AwardError.self) {
                try await engine.register(campaign: "PT-2026", unit: "P-HB", year: 2026, entries: [.init(name: "Muộn", type: .individual, kinds: ["ldtt"])], by: u.lan)
            }
            #expect(late?.code == .registrationState)

            _ = try await engine.moveCampaign("PT-2026", to: .running, by: u.hoa)
            _ = try await engine.moveCampaign("PT-2026", to: .reviewing, by: u.hoa)

            // The ward's council: three LĐTT here, the collective's Bằng khen higher, one not reached.
            let entries = ham.entries
            func id(_ name: String) -> Int64 { entries.first { $0.nominee == name }!.nomineeId }
            for name in ["Lò Văn An", "Vàng Thị Bình", "Giàng A Chư"] {
                _ = try await engine.recordReview(campaign: "PT-2026", year: 2026, .init(nomineeId: id(name), result: .here, kind: "ldtt",
                                                                                        vote: .init(members: 7, present: 7, inFavour: 6)), by: u.lan)
            }
            _ = try await engine.recordReview(campaign: "PT-2026", year: 2026, .init(nomineeId: id("Tập thể Tổ văn thư"), result: .higher, kind: "bang-khen-tinh"), by: u.lan)
            _ = try await engine.recordReview(campaign: "PT-2026", year: 2026, .init(nomineeId: id("Sùng Thị Dung"), result: .notReached, criteriaMet: false), by: u.lan)
            // A fourth LĐTT is over the unit's quota of 3: refused by the database, nothing changed.
            let over = await #expect(throws: AwardError.self) {
                try await engine.recordReview(campaign: "PT-2026", year: 2026, .init(nomineeId: id("Sùng Thị Dung"), result: .here, kind: "ldtt"), by: u.lan)
            }
            #expect(over?.code == .campaignQuotaExceeded)
            #expect(try db.count("SELECT used AS n FROM campaign_quota_use WHERE kind_code = 'ldtt'") == 3)

            // One command turns the four proposals into nominations, each on its chain.
            let nominations = try await engine.proposeNominations(campaign: "PT-2026", unit: "P-HB", year: 2026, by: u.lan)
            #expect(nominations.count == 4)
            #expect(nominations.allSatisfy { $0.state == .pending })
            #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE campaign = 'PT-2026' AND year = 2026") == 4)
            #expect(try db.count("SELECT count(*) AS n FROM campaign_reviews WHERE nomination_id IS NOT NULL") == 4)
            let again = await #expect(throws: AwardError.self) {
                try await engine.proposeNominations(campaign: "PT-2026", unit: "P-HB", year: 2026, by: u.lan)
            }
            #expect(again?.code == .nothingToPropose)
            let final = await #expect(throws: AwardError.self) {
                try await engine.recordReview(campaign: "PT-2026", year: 2026, .init(nomineeId: id("Lò Văn An"), result: .notReached), by: u.lan)
            }
            #expect(final?.code == .reviewFinal)

            // Their awards: the district decides the LĐTT; the province the Bằng khen.
            let ldtt = nominations.filter { $0.kind == "ldtt" }.map(\.id)
            _ = try await engine.decide(org: "TX-HL", kind: "ldtt", nominations: ldtt, by: u.minh, date: Self.date("2026-11-20"))
            let bk = nominations.first { $0.kind == "bang-khen-tinh" }!.id
            _ = try await engine.perform(.approve, on: bk, by: u.minh, actingFor: "TX-HL")
            _ = try await engine.decide(org: "T-LC", kind: "bang-khen-tinh", nominations: [bk], by: u.hoa, date: Self.date("2026-11-25"))

            let report = try await engine.campaignReport("PT-2026", year: 2026)
            let row = report.units.first { $0.org == "P-HB" }!
            #expect(row.registered == 5)
            #expect(row.reviewed == 5)
            #expect(row.proposed == 4)
            #expect(row.notReached == 1)
            #expect(row.raisedHigher == 1)
            #expect(row.awardedHere == 3)
            #expect(row.awarded == 4)
            #expect(report.total.registered == 6)
            #expect(report.awards.map(\.kind) == ["bang-khen-tinh", "ldtt"])
            #expect(report.awards.first { $0.kind == "ldtt" }?.individuals == 3)
            #expect(report.sentence.contains("đã khen thưởng 1 tập thể, 3 cá nhân"))

            _ = try await engine.moveCampaign("PT-2026", to: .closed, by: u.hoa)
            // A closed campaign takes no review; reopening needs a reason and is kept.
            let closed = await #expect(throws: AwardError.self) {
                try await engine.recordReview(campaign: "PT-2026", year: 2026, .init(nomineeId: id("Sùng Thị Dung"), result: .notReached), by: u.lan)
            }
            #expect(closed?.code == .campaignState)
            await #expect(throws: AwardError.self) { try await engine.moveCampaign("PT-2026", to: .reviewing, by: u.hoa) }
            let reopened = try await engine.moveCampaign("PT-2026", to: .reviewing, reason: "Bổ sung kết quả bình xét của xã Tả Phìn", by: u.hoa)
            #expect(reopened.history.last?.reason == "Bổ sung kết quả bình xét của xã Tả Phìn")
            #expect(try db.count("SELECT count(*) AS n FROM campaign_history") == 6)
        }
    }

    @Test func aTitleNeedsAnAcceptedRegistrationFromTheRulesDate() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            _ = try await Self.launch(engine, u, code: "PT-5NAM", from: "2023-01-01", to: "2026-12-31", ldttQuota: nil)
            let person = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Hầu A Dình", nomineeType: .individual, draft: true), by: u.lan).nominee.id
            // Without a registration: refused, with the rule's code and its source.
            let refused = await #expect(throws: AwardError.self) {
                try await engine.nominate(.init(kind: "cstdcs", unit: "P-HB", nomineeId: person, year: 2026), by: u.lan)
            }
            #expect(refused?.code == .registrationRequired)
            #expect(refused?.message.contains("Luật Thi đua, khen thưởng 2022, Điều 5") == true)
            #expect(refused?.messageVI.contains("đăng ký thi đua") == true)
            // A year before the rule's date is unaffected.
            let old = try await engine.nominate(.init(kind: "ldtt", unit: "P-HB", nomineeId: person, year: 2023), by: u.lan)
            #expect(old.state == .pending)

            // With an accepted registration: LĐTT, then CSTĐCS (with the same year's LĐTT and HTXSNV) are accepted.
            let r = try await engine.register(campaign: "PT-5NAM", unit: "P-HB", year: 2026, entries: [.init(nomineeId: person, kinds: ["ldtt", "cstdcs"])], by: u.lan)
            _ = try await engine.actOnRegistration(r.id, .send, by: u.lan)
            let sentOnly = await #expect(throws: AwardError.self) {
                try await engine.nominate(.init(kind: "ldtt", unit: "P-HB", nomineeId: person, year: 2026), by: u.lan)
            }
            #expect(sentOnly?.code == .registrationRequired)
            _ = try await engine.actOnRegistration(r.id, .accept, by: u.hoa)
            let ldtt = try await engine.nominate(.init(kind: "ldtt", unit: "P-HB", nomineeId: person, year: 2026), by: u.lan)
            _ = try await engine.decide(org: "TX-HL", kind: "ldtt", nominations: [ldtt.id], by: u.minh, date: Self.date("2026-11-20"))
            try await engine.setRating(nominee: person, year: 2026, rating: .htxsnv, by: "admin")
            let cstdcs = try await engine.nominate(.init(kind: "cstdcs", unit: "P-HB", nomineeId: person, year: 2026), by: u.lan)
            #expect(cstdcs.state == .pending)
            #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE kind_code = 'cstdcs' AND eligibility->'checked' ? 'registration_required'") == 1)
            // Where no campaign requires registration (X-TP is outside a campaign of named units), nothing changes.
            _ = try await engine.createCampaign(.init(code: "PT-PHB", org: "T-LC", name: "Riêng phường", startsOn: Self.date("2027-01-01"),
                                                      endsOn: Self.date("2027-12-31"), units: ["P-HB"]), by: u.hoa)
            _ = try await engine.moveCampaign("PT-PHB", to: .registration, by: u.hoa)
            let elsewhere = try await engine.nominate(.init(kind: "ldtt", unit: "X-TP", nomineeName: "Lý Seo Chứ", nomineeType: .individual, year: 2027), by: u.pao)
            #expect(elsewhere.state == .pending)
            #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE kind_code = 'cstdcs'") == 1)
        }
    }

    @Test func twentyParallelRegistrationsOfOnePersonMakeOne() async throws {
        try await TestDatabase.withEngine(poolSize: 8) { engine, db in
            let u = try await Seed.tree(engine)
            _ = try await Self.launch(engine, u)
            let person = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lù Thị Én", nomineeType: .individual, draft: true), by: u.lan).nominee.id
            let outcomes = await withTaskGroup(of: ErrorCode?.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        do {
                            _ = try await engine.register(campaign: "PT-2026", unit: "P-HB", year: 2026, entries: [.init(nomineeId: person, kinds: ["ldtt"])], by: u.lan)
                            return nil
                        } catch let error as AwardError { return error.code } catch { return .internal }
                    }
                }
                return await group.reduce(into: [ErrorCode?]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == nil }.count == 1)
            #expect(outcomes.compactMap { $0 }.allSatisfy { $0 == .alreadyRegistered })
            #expect(try db.count("SELECT count(*) AS n FROM registration_entries") == 1)
            #expect(try db.count("SELECT count(*) AS n FROM registrations") == 1)
        }
    }

    @Test func parallelReviewsHoldTheUnitsQuota() async throws {
        try await TestDatabase.withEngine(poolSize: 8) { engine, db in
            let u = try await Seed.tree(engine)
            _ = try await Self.launch(engine, u, ldttQuota: 2)
            let r = try await engine.register(campaign: "PT-2026", unit: "P-HB", year: 2026,
                                              entries: (1...8).map { .init(name: "Cá nhân \($0)", type: .individual, kinds: ["ldtt"]) }, by: u.lan)
            _ = try await engine.actOnRegistration(r.id, .send, by: u.lan)
            _ = try await engine.actOnRegistration(r.id, .accept, by: u.hoa)
            _ = try await engine.moveCampaign("PT-2026", to: .running, by: u.hoa)
            _ = try await engine.moveCampaign("PT-2026", to: .reviewing, by: u.hoa)
            let outcomes = await withTaskGroup(of: ErrorCode?.self) { group in
                for entry in r.entries {
                    group.addTask {
                        do {
                            _ = try await engine.recordReview(campaign: "PT-2026", year: 2026, .init(nomineeId: entry.nomineeId, result: .here, kind: "ldtt"), by: u.lan)
                            return nil
                        } catch let error as AwardError { return error.code } catch { return .internal }
                    }
                }
                return await group.reduce(into: [ErrorCode?]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == nil }.count == 2)
            #expect(outcomes.compactMap { $0 }.allSatisfy { $0 == .campaignQuotaExceeded })
            #expect(try db.count("SELECT count(*) AS n FROM campaign_reviews") == 2)
            #expect(try db.count("SELECT used AS n FROM campaign_quota_use") == 2)
            // Parallel proposal commands: one makes the two nominations, the other finds nothing left.
            let made = await withTaskGroup(of: Int.self) { group in
                for _ in 0..<4 { group.addTask { (try? await engine.proposeNominations(campaign: "PT-2026", unit: "P-HB", year: 2026, by: u.lan).count) ?? 0 } }
                return await group.reduce(0, +)
            }
            #expect(made == 2)
            #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE campaign = 'PT-2026'") == 2)
        }
    }

    @Test func badInputIsRefusedAndChangesNothing() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let backwards = await #expect(throws: AwardError.self) {
                try await engine.createCampaign(.init(code: "PT-X", org: "T-LC", name: "Ngược", startsOn: Self.date("2026-12-31"), endsOn: Self.date("2026-01-01")), by: u.hoa)
            }
            #expect(backwards?.code == .badPeriod)
            #expect(backwards?.messageVI.contains("ends_on") == true)
            await #expect(throws: AwardError.self) {
                try await engine.createCampaign(.init(code: "có dấu", org: "T-LC", name: "Mã sai", startsOn: Self.date("2026-01-01"), endsOn: Self.date("2026-12-31")), by: u.hoa)
            }
            // A nominator does not launch; a district cannot launch for the province.
            await #expect(throws: AwardError.self) {
                try await engine.createCampaign(.init(code: "PT-N", org: "P-HB", name: "N", startsOn: Self.date("2026-01-01"), endsOn: Self.date("2026-12-31")), by: u.lan)
            }
            await #expect(throws: AwardError.self) {
                try await engine.createCampaign(.init(code: "PT-M", org: "T-LC", name: "M", startsOn: Self.date("2026-01-01"), endsOn: Self.date("2026-12-31")), by: u.minh)
            }
            #expect(try db.count("SELECT count(*) AS n FROM campaigns") == 0)

            _ = try await Self.launch(engine, u, units: ["P-HB"])
            let outside = await #expect(throws: AwardError.self) {
                try await engine.register(campaign: "PT-2026", unit: "X-TP", year: 2026, entries: [.init(name: "Ngoài", type: .individual, kinds: ["ldtt"])], by: u.pao)
            }
            // A campaign that does not cover the unit is not even seen from it.
            #expect(outside?.code == .unknownCampaign)
            let wrongYear = await #expect(throws: AwardError.self) {
                try await engine.register(campaign: "PT-2026", unit: "P-HB", year: 2027, entries: [.init(name: "Sai năm", type: .individual, kinds: ["ldtt"])], by: u.lan)
            }
            #expect(wrongYear?.code == .badYear)
            let notOffered = await #expect(throws: AwardError.self) {
                try await engine.register(campaign: "PT-2026", unit: "P-HB", year: 2026, entries: [.init(name: "Khác", type: .individual, kinds: ["cstd-tinh"])], by: u.lan)
            }
            #expect(notOffered?.code == .kindNotOffered)
            // Another ward's nominator cannot register for Hàm Rồng.
            await #expect(throws: AwardError.self) {
                try await engine.register(campaign: "PT-2026", unit: "P-HB", year: 2026, entries: [.init(name: "Lạ", type: .individual, kinds: ["ldtt"])], by: u.pao)
            }
            #expect(try db.count("SELECT count(*) AS n FROM registrations") == 0)
            #expect(try db.count("SELECT count(*) AS n FROM nominees") == 0)
            // A review before the campaign is reviewing.
            let early = await #expect(throws: AwardError.self) {
                try await engine.recordReview(campaign: "PT-2026", year: 2026, .init(nomineeId: 1, result: .notReached), by: u.lan)
            }
            #expect(early?.code == .campaignState)
            // The campaign cannot skip a state.
            let skip = await #expect(throws: AwardError.self) { try await engine.moveCampaign("PT-2026", to: .closed, by: u.hoa) }
            #expect(skip?.code == .campaignState)
            #expect(try db.count("SELECT count(*) AS n FROM campaign_history") == 2)
        }
    }

    @Test func clustersVoteWithinTheirFlagQuota() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            _ = try await engine.addCluster(code: "CUM-1", name: "Cụm thi đua số 1", kind: .cluster, org: "T-LC", flagQuota: 1, by: u.hoa)
            var cluster = try await engine.addClusterMembers("CUM-1", units: ["TX-HL", "H-SP"], by: u.hoa)
            cluster = try await engine.setClusterHead("CUM-1", year: 2026, unit: "H-SP", by: u.hoa)
            #expect(cluster.members.count == 2)
            #expect(cluster.heads == [.init(year: 2026, org: "H-SP")])
            await #expect(throws: AwardError.self) { try await engine.setClusterHead("CUM-1", year: 2026, unit: "P-HB", by: u.hoa) }
            cluster = try await engine.recordClusterVote("CUM-1", year: 2026, voters: 9, votes: ["TX-HL": 7, "H-SP": 6], by: u.hoa)
            #expect(cluster.votes.filter(\.proposed).map(\.org) == ["TX-HL"])
            let twice = await #expect(throws: AwardError.self) {
                try await engine.recordClusterVote("CUM-1", year: 2026, voters: 9, votes: ["H-SP": 9], by: u.hoa)
            }
            #expect(twice?.code == .clusterVoted)
            // The database holds the quota even against a direct write.
            #expect(throws: (any Error).self) {
                try db.execute("INSERT INTO cluster_votes (cluster_id, year, org_id, votes, voters, proposed, recorded_by) SELECT 1, 2026, id, 9, 9, true, 'x' FROM orgs WHERE code = 'H-SP'")
            }
            // A cluster's campaign covers its members' subtrees.
            _ = try await engine.createCampaign(.init(code: "PT-CUM1", org: "T-LC", name: "Thi đua cụm 1", startsOn: Self.date("2026-01-01"),
                                                      endsOn: Self.date("2026-12-31"), cluster: "CUM-1"), by: u.hoa)
            _ = try await engine.moveCampaign("PT-CUM1", to: .registration, by: u.hoa)
            #expect(try await engine.openCampaigns(for: u.pao).map(\.code) == ["PT-CUM1"])
            #expect(try db.count("SELECT count(*) AS n FROM cluster_flag_use WHERE used = 1") == 1)
        }
    }

    @Test func aDecisionThatOverdrawsTheFundIsKeptWithAWarning() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            _ = try await engine.addFundIncome(org: "TX-HL", year: 2026, amountVnd: 1_000_000, source: "Ngân sách thị xã", by: u.minh)
            var ids: [Int64] = []
            for i in 0..<2 {
                ids.append(try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Người \(i)", nomineeType: .individual), by: u.lan).id)
            }
            let first = try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: [ids[0]], by: u.minh, date: Self.date("2026-11-20"))
            #expect(try await engine.fundWarning(decision: first.id) == nil)
            let second = try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: [ids[1]], by: u.minh, date: Self.date("2026-11-21"))
            let warning = try #require(try await engine.fundWarning(decision: second.id))
            #expect(warning.spentVnd == 1_420_000)
            #expect(warning.messageVi.contains("bội chi 420.000 đồng"))
            let fund = try await engine.fund(org: "TX-HL", year: 2026)
            #expect(fund.balanceVnd == -420_000)
            #expect(fund.spending.map(\.overdrawn) == [false, true])
            #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE state = 'awarded'") == 2)
            await #expect(throws: AwardError.self) { try await engine.addFundIncome(org: "TX-HL", year: 2026, amountVnd: 0, source: "x", by: u.minh) }
            await #expect(throws: AwardError.self) { try await engine.fund(org: "T-LC", year: 2026, viewer: u.minh) }
        }
    }
}
