@testable import AwardEngine
@testable import AwardDomain
import AwardPostgres
import AwardTestSupport
import Foundation
import Testing

/// What follows the lineage, on the real units of new Tỉnh Lào Cai (scripts/admin-units --province 15):
/// a new commune's reports "including its predecessors", and the import's refusals once a decision
/// names a unit.
@Suite(.serialized) struct UnitSuccessionTests {
    @Test func aNewWardIncludingItsPredecessorsCountsWhatTheyAwardedByHand() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let admin = try await LaoCai.load(engine)
            let predecessors = ["LW2635", "LW2641", "LW2644", "LW2647", "LW2665", "LW2911"]
            // By hand: the new ward's own summary plus each predecessor's.
            var byHand: [String: Int] = [:]
            for org in ["W2647"] + predecessors {
                for row in try await engine.summary(fromYear: 2023, toYear: 2025, org: org, viewer: admin).rows {
                    byHand["\(row.kind) \(row.nomineeType.rawValue)", default: 0] += row.count
                }
            }
            let including = try await engine.summary(fromYear: 2023, toYear: 2025, org: "W2647", includingPredecessors: true, viewer: admin)
            #expect(including.includingPredecessors)
            #expect(Dictionary(uniqueKeysWithValues: including.rows.map { ("\($0.kind) \($0.nomineeType.rawValue)", $0.count) }) == byHand)
            #expect(byHand["giay-khen individual"] == 7)
            #expect(try await engine.summary(fromYear: 2023, toYear: 2025, org: "W2647", viewer: admin).rows.map(\.count) == [3])
            // The decisions of the old wards are named by their issuers in the sentences.
            #expect(including.sentences.contains { $0.contains("Phường Cốc Lếu tặng Giấy khen cho 2 cá nhân") })

            // The awardees list, the same way.
            var names = Set<String>()
            for org in ["W2647"] + predecessors {
                for year in 2023...2025 { names.formUnion(try await engine.awardees(.init(year: year, org: org), viewer: admin).map(\.nominee)) }
            }
            var all = Set<String>()
            for year in 2023...2025 {
                var query = AwardeeQuery(year: year, org: "W2647")
                query.includingPredecessors = true
                all.formUnion(try await engine.awardees(query, viewer: admin).map(\.nominee))
            }
            #expect(all == names && all.count == 7 && !all.contains("Giàng A Hùng") && !all.contains("Sùng Thị Mai"))

            // The ward's page figures: 2023 1, 2024 3 (before), 2025 3 (its own).
            let profile = try await engine.orgProfile(code: "W2647", viewer: admin)
            #expect(profile.awardsByYear.map { [$0.year, $0.own, $0.includingPredecessors] } == [[2023, 0, 1], [2024, 0, 3], [2025, 3, 3]])
            // The province including its predecessors counts every award of old Lào Cai and the new province.
            let province = try await engine.summary(fromYear: 2023, toYear: 2025, org: "P15", includingPredecessors: true, viewer: admin)
            #expect(province.rows.map(\.count) == [9])
            // Cốc Lếu's page names its two decisions (one award each) and its successor.
            let coc = try await engine.orgProfile(code: "LW2644", viewer: admin)
            #expect(coc.decisionCount == 2 && coc.decisions.map(\.awards) == [1, 1] && coc.now == "nay là Phường Lào Cai")
        }
    }

    @Test func anImportMayNotChangeTheCodeOrLineageOfAUnitADecisionNames() async throws {
        try await TestDatabase.withEngine { engine, db in
            _ = try await LaoCai.load(engine, awards: [("LW2644", "Nguyễn Thị Hoa", "2024-12-20")])
            let files = try await LaoCai.export(province: 15)
            let units = String(decoding: files.units, as: UTF8.self), lineage = String(decoding: files.lineage, as: UTF8.self)
            func refusal(units: String, lineage: String) async -> AwardError? {
                await #expect(throws: AwardError.self) { try await engine.importUnits(units: Data(units.utf8), lineage: Data(lineage.utf8)) }
            }
            let orgs = try db.count("SELECT count(*) AS n FROM orgs"), edges = try db.count("SELECT count(*) AS n FROM org_lineage")
            // A new official code for Cốc Lếu, which decided an award.
            let recoded = await refusal(units: units.replacingOccurrences(of: "LW2644,02644,", with: "LW2644,02699,"), lineage: lineage)
            #expect(recoded?.code == .unitInUse && recoded?.message.contains("LW2644") == true && recoded?.messageVI.contains("02699") == true)
            // Its edge to Phường Lào Cai taken away.
            let unlinked = await refusal(units: units, lineage: lineage.replacingOccurrences(of: "LW2644,W2647,merged,0,2025-07-01\n", with: ""))
            #expect(unlinked?.code == .unitInUse && unlinked?.message.contains("LW2644 → W2647") == true)
            // A unit the file moves under another parent: the tree does not move.
            let moved = await refusal(units: units.replacingOccurrences(of: "LW2644,02644,Phường Cốc Lếu,phường,commune,LD80,", with: "LW2644,02644,Phường Cốc Lếu,phường,commune,LD82,"), lineage: lineage)
            #expect(moved?.code == .unitConflict)
            #expect(try db.count("SELECT count(*) AS n FROM orgs") == orgs && db.count("SELECT count(*) AS n FROM org_lineage") == edges)
            #expect(try db.count("SELECT count(*) AS n FROM orgs WHERE unit_key = 'LW2644' AND official_code = '02644'") == 1)

            // A unit no decision names may be corrected: a new name, and an edge of its own.
            let fixed = try await engine.importUnits(
                units: Data(units.replacingOccurrences(of: "LW2635,02635,Phường Duyên Hải,", with: "LW2635,02635,Phường Duyên Hải (sửa),").utf8),
                lineage: Data(lineage.replacingOccurrences(of: "LW2635,W2647,merged,0,2025-07-01\n", with: "LW2635,W2647,merged,1,2025-07-01\n").utf8))
            #expect(fixed.updated == 1 && fixed.edgesAdded == 0 && fixed.edgesRemoved == 0 && fixed.edgesUnchanged == 449)
            #expect(try db.count("SELECT count(*) AS n FROM org_lineage l JOIN orgs o ON o.id = l.predecessor_id WHERE o.unit_key = 'LW2635' AND l.partly") == 1)
        }
    }

    @Test func aBadFileIsRefusedNamingItsLineAndColumnAndChangesNothing() async throws {
        try await TestDatabase.withEngine { engine, db in
            _ = try await engine.addOrg(code: "TW", name: "Chính phủ", level: .central, parent: nil)
            let header = "key,official_code,name,division_type,level,parent,valid_from,valid_to\n"
            let lineage = Data("predecessor,successor,relation,partly,effective\n".utf8)
            for (body, english, vietnamese) in [
                ("P1,01,Hà Nội,,province,,2025-07-01,\nW4,00004,Ba Đình,phường,ward,P1,2025-07-01,\n", "units.csv, line 3, column level", "dòng 3, cột level"),
                ("P1,1,Hà Nội,,province,,2025-07-01,\n", "units.csv, line 2, column official_code", "mã số 1"),
                ("P1,01,Hà Nội,,province,,2025-07-01,\nW4,00004,Ba Đình,phường,commune,P99,2025-07-01,\n", "parent P99 of W4", "P99"),
                ("P1,01,Hà Nội,,province,,2025-07-01,2025-01-01\n", "valid_to 2025-01-01 is before", "01/01/2025"),
                ("P1,01,Hà Nội,,province,,01/07/2025,\n", "01/07/2025 is not a date", "yyyy-mm-dd"),
            ] {
                let error = await #expect(throws: AwardError.self) { try await engine.importUnits(units: Data((header + body).utf8), lineage: lineage) }
                #expect(error?.code == .badUnitFile && error?.message.contains(english) == true && error?.messageVI.contains(vietnamese) == true, "\(body)")
            }
            let wrongHeader = await #expect(throws: AwardError.self) { try await engine.importUnits(units: Data("code,name\nP1,Hà Nội\n".utf8), lineage: lineage) }
            #expect(wrongHeader?.message.contains("the header must be key,official_code") == true)
            let edge = await #expect(throws: AwardError.self) {
                try await engine.importUnits(units: Data((header + "P1,01,Hà Nội,,province,,2025-07-01,\n").utf8),
                                             lineage: Data("predecessor,successor,relation,partly,effective\nLP1,P1,merged,0,2025-07-01\n".utf8))
            }
            #expect(edge?.message.contains("lineage.csv, line 2, column predecessor: the unit LP1 is neither") == true)
            #expect(try db.count("SELECT count(*) AS n FROM orgs") == 1)
        }
    }

    @Test func anOrgOfTheOldCodesIsMappedAndUpdatedInsteadOfAddedTwice() async throws {
        try await TestDatabase.withEngine { engine, db in
            _ = try await engine.addOrg(code: "TW", name: "Chính phủ", level: .central, parent: nil)
            _ = try await engine.addOrg(code: "LC", name: "UBND tỉnh Lào Cai", level: .province, parent: "TW")
            _ = try await engine.addOrg(code: "TP-LC", name: "UBND thành phố Lào Cai", level: .district, parent: "LC")
            let files = try await LaoCai.export(province: 15)
            // Without the mapping, the new unit's code would not clash, but LC and LP10 would be two orgs for one province.
            let bad = await #expect(throws: AwardError.self) { try await engine.mapUnits(Data("code,key\nLC,LP10\nXX,LD80\n".utf8)) }
            #expect(bad?.code == .badUnitFile && bad?.message.contains("mapping.csv, line 3, column code") == true)
            #expect(try db.count("SELECT count(*) AS n FROM orgs WHERE unit_key IS NOT NULL") == 0)
            #expect(try await engine.mapUnits(Data("code,key\nLC,LP10\nTP-LC,LD80\n".utf8)) == 2)
            let report = try await engine.importUnits(units: files.units, lineage: files.lineage)
            #expect(report.updated == 2 && report.added == 437)
            #expect(try db.count("SELECT count(*) AS n FROM orgs WHERE code = 'LC' AND unit_key = 'LP10' AND official_code = '10' AND valid_to = '2025-06-30'") == 1)
            #expect(try db.count("SELECT count(*) AS n FROM orgs WHERE unit_key = 'LW2644' AND parent_id = (SELECT id FROM orgs WHERE code = 'TP-LC')") == 1)
            #expect(try await engine.orgProfile(code: "LC").successors.contains { $0.code == "P15" })
        }
    }

    @Test func anAbsorbedWardsPeopleAreItsSuccessorsAndTheirYearsRunOnAcrossTheMerger() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let admin = try await LaoCai.load(engine, awards: [("LW2644", "Nguyễn Thị Hoa", "2024-12-20")])
            let hoa = try #require(try await engine.search("Nguyễn Thị Hoa", viewer: admin).first).id
            // Chiến sĩ thi đua cơ sở in 2023 and 2024 at old Phường Cốc Lếu.
            for year in [2023, 2024] {
                try await engine.importPriorAward(nominee: hoa, kind: "cstdcs", year: year,
                                                  decision: .init(number: "\(year - 2000)/QĐ-UBND", date: CivilDate(year: year, month: 12, day: 20)!),
                                                  issuer: "UBND phường Cốc Lếu", by: "test")
            }
            _ = try await engine.addUser(name: "pham.thu", org: "W2647", role: .nominator)
            _ = try await engine.addUser(name: "lo.mai", org: "W2746", role: .nominator)
            let thu = try await engine.principal(named: "pham.thu"), mai = try await engine.principal(named: "lo.mai")
            // The new ward's officer proposes her by her record (her home is the ward it absorbed),
            // and the new ward made her Chiến sĩ thi đua cơ sở for 2025.
            _ = try await engine.addUser(name: "ct.w2647", org: "W2647", role: .approver)
            let gk = try await engine.nominate(.init(kind: "giay-khen", unit: "W2647", nomineeId: hoa, year: 2025), by: thu)
            _ = try await engine.perform(.approve, on: gk.id, by: try await engine.principal(named: "ct.w2647"), actingFor: "W2647",
                                         decision: .init(number: "7/QĐ-UBND", date: CivilDate(iso: "2025-12-20")!))
            try await engine.importPriorAward(nominee: hoa, kind: "cstdcs", year: 2025, decision: .init(number: "9/QĐ-UBND", date: CivilDate(iso: "2025-12-22")!),
                                              issuer: "UBND phường Lào Cai", by: "test")
            // … and for 2026, 2023 (old ward), 2024 (old ward) and 2025 (new ward) are the three years running it needs.
            let tinh = try await engine.nominate(.init(kind: "cstd-tinh", unit: "W2647", nomineeId: hoa, year: 2026), by: thu)
            #expect(try await engine.check(tinh.id).eligible)
            // Xã Cốc San's officer, whose commune did not absorb Cốc Lếu, may not name her.
            let outside = await #expect(throws: AwardError.self) {
                try await engine.nominate(.init(kind: "giay-khen", unit: "W2746", nomineeId: hoa, year: 2025), by: mai)
            }
            #expect(outside?.category == .notFound || outside?.category == .forbidden)
        }
    }

    @Test func aSplitCommunesCollectiveGoesWhereAnOfficerAboveBothChoosesAndTheChoiceIsRecorded() async throws {
        try await TestDatabase.withEngine { engine, db in
            _ = try await engine.importPack(LaoCai.communePack)
            _ = try await engine.addOrg(code: "TW", name: "Chính phủ", level: .central, parent: nil)
            let files = try await LaoCai.export(province: 1)   // Hà Nội: Phường Đại Mỗ (LW634) was split among five
            _ = try await engine.importUnits(units: files.units, lineage: files.lineage)
            _ = try await engine.addUser(name: "admin", org: "TW", role: .admin)
            let admin = try await engine.principal(named: "admin")
            let team = try await engine.nominate(.init(kind: "giay-khen", unit: "LW634", nomineeName: "Tổ dân phố số 3 Đại Mỗ", nomineeType: .collective, draft: true),
                                                 by: admin).nominee.id
            _ = try await engine.addUser(name: "ward.dai.mo", org: "W634", role: .nominator)
            _ = try await engine.addUser(name: "city.hn", org: "P1", role: .nominator)
            let ward = try await engine.principal(named: "ward.dai.mo"), city = try await engine.principal(named: "city.hn")
            // The data cannot tell which of the five took it: the new Phường Đại Mỗ may not name it …
            let refused = await #expect(throws: AwardError.self) {
                try await engine.nominate(.init(kind: "giay-khen", unit: "W634", nomineeId: team, year: 2025), by: ward)
            }
            #expect(refused?.category == .notFound || refused?.category == .forbidden)
            // … the city's officer, whose jurisdiction covers the old ward and the new ones, chooses, with a reason.
            let moved = try await engine.transferNominee(team, to: "W634", reason: "Tổ dân phố số 3 thuộc địa bàn phường Đại Mỗ mới", by: city)
            #expect(moved.from == "LW634" && moved.to == "W634" && moved.actor == "city.hn")
            #expect(try db.count("SELECT count(*) AS n FROM nominee_transfers WHERE actor = 'city.hn'") == 1)
            // Now it is the new ward's.
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: "W634", nomineeId: team, year: 2025), by: ward)
            #expect(n.nominee.id == team)
        }
    }

    @Test func dossiersInFlightAtAClosedDistrictGoToTheCommuneThatTookTheirUnitWithAStepOfTheirOwn() async throws {
        try await TestDatabase.withEngine { engine, db in
            let admin = try await LaoCai.load(engine, awards: [])
            // Received on 10/6/2025 under Decree 98: the ward, then the city (district tier), then the province.
            let inFlight = try await engine.nominate(.init(kind: "bang-khen-tinh", unit: "LW2644", nomineeName: "Lương Thị Thảo", nomineeType: .individual,
                                                           year: 2024, submittedOn: CivilDate(iso: "2025-06-10")), by: admin)
            let route = try await engine.nomination(inFlight.id)
            #expect(route.org == "LW2644" || route.org == "LD80")
            if route.org == "LW2644" {
                _ = try await engine.perform(.approve, on: inFlight.id, by: try await engine.principal(named: "admin"), actingFor: "LW2644")
            }
            #expect(try await engine.nomination(inFlight.id).org == "LD80")
            // The city's own staff: no commune took the city itself over.
            let cityOwn = try await engine.nominate(.init(kind: "bang-khen-tinh", unit: "LD80", nomineeName: "Phòng Nội vụ thành phố", nomineeType: .collective,
                                                          year: 2024, submittedOn: CivilDate(iso: "2025-06-10")), by: admin)
            let reason = "Chuyển hồ sơ đang giải quyết của UBND thành phố Lào Cai theo Nghị định 129/2025/NĐ-CP"
            let history = try db.count("SELECT count(*) AS n FROM transitions")
            let stuck = await #expect(throws: AwardError.self) { try await engine.rerouteToSuccessors(from: "LD80", reason: reason, by: admin) }
            #expect(stuck?.code == .unitConflict && stuck?.message.contains("nomination \(cityOwn.id)") == true)
            #expect(try db.count("SELECT count(*) AS n FROM transitions") == history)   // all or nothing
            _ = try await engine.perform(.withdraw, on: cityOwn.id, by: admin, reason: "Nộp lại tại cấp xã")
            // Not for an officer; not from a unit in force.
            _ = try await engine.addUser(name: "le.hoa", org: "P15", role: .approver)
            let hoa = try await engine.principal(named: "le.hoa")
            let notAdmin = await #expect(throws: AwardError.self) { try await engine.rerouteToSuccessors(from: "LD80", reason: reason, by: hoa) }
            #expect(notAdmin?.code == .roleNotAllowed)
            let inForce = await #expect(throws: AwardError.self) { try await engine.rerouteToSuccessors(from: "W2647", reason: reason, by: admin) }
            #expect(inForce?.code == .unitConflict)
            // A dry run lists; the move writes the step, and the old province's tier goes to the new province.
            let dry = try await engine.rerouteToSuccessors(from: "LD80", reason: reason, by: admin, dryRun: true)
            let stillThere = try await engine.nomination(inFlight.id).org
            #expect(dry.moved == [.init(nomination: inFlight.id, from: "LD80", to: "W2647")] && stillThere == "LD80")
            let moved = try await engine.rerouteToSuccessors(from: "LD80", reason: reason, by: admin)
            #expect(moved.moved.map(\.to) == ["W2647"])
            let now = try await engine.nomination(inFlight.id)
            #expect(now.org == "W2647" && now.state == .pending)
            let step = try #require(try await engine.history(inFlight.id).last)
            #expect(step.command == "reroute" && step.reason == reason && step.comment == "LD80 → W2647" && step.actor == "admin")
            #expect(try await engine.verifyAudit().ok)
            // Without a reason, the step cites the pack's transitional provision for a closed province.
            let provinceMove = try await engine.rerouteToSuccessors(from: "LP10", by: admin)
            #expect(provinceMove.reason.hasPrefix("Theo Nghị định 152/2025/NĐ-CP, Điều 60 khoản 5"))
            let cited = try #require(try await engine.history(inFlight.id).last)
            #expect(cited.command == "reroute" && cited.reason == provinceMove.reason && cited.comment == "LP10 → P15")
            // The new ward's chairman forwards it; the new province decides.
            _ = try await engine.addUser(name: "ct.w2647", org: "W2647", role: .approver)
            let forwarded = try await engine.perform(.approve, on: inFlight.id, by: try await engine.principal(named: "ct.w2647"))
            #expect(forwarded.org == "P15")
            let decided = try await engine.perform(.approve, on: inFlight.id, by: hoa, decision: .init(number: nil, date: CivilDate(iso: "2025-12-01")!))
            #expect(decided.state == .awarded)

            // The statistics forms "including predecessors": the award of old Cốc Lếu's dossier is a
            // row of the new ward's form (its own row, Phường Cốc Lếu) and of the new province's (under
            // the old city), and of neither without them.
            func form(_ org: String, _ including: Bool) async throws -> [String: Int] {
                var rows: [String: Int] = [:]
                for count in try await engine.formCounts(period: 2026, org: org, includingPredecessors: including, viewer: admin) where count.kind == "bang-khen-tinh" {
                    rows[count.bodyName, default: 0] += count.count
                }
                return rows
            }
            let oldWard = try await form("LW2644", false), ward = try await form("W2647", true), wardAlone = try await form("W2647", false)
            let province = try await form("P15", true), provinceAlone = try await form("P15", false)
            #expect(oldWard == ["Phường Cốc Lếu": 1] && ward == oldWard && wardAlone.isEmpty)
            #expect(province == ["Thành phố Lào Cai": 1] && provinceAlone.isEmpty)

            // The closed city issues nothing after it closed: its successor does.
            _ = try await engine.addUser(name: "ct.ld80", org: "LD80", role: .approver)
            let closedCity = try await engine.principal(named: "ct.ld80")
            let decisions = try db.count("SELECT count(*) AS n FROM decisions")
            let late = await #expect(throws: AwardError.self) {
                try await engine.decide(org: "LD80", kind: "giay-khen", nominations: [inFlight.id], by: closedCity, date: CivilDate(iso: "2025-12-02")!)
            }
            #expect(late?.code == .decisionDate && late?.messageVI.contains("đã thôi hoạt động sau ngày 30/06/2025") == true)
            #expect(try db.count("SELECT count(*) AS n FROM decisions") == decisions)
        }
    }

    @Test func aNewWardsQuotaAndFundHoldWhatTheWardsItAbsorbedDecidedThatYear() async throws {
        try await TestDatabase.withEngine { engine, _ in
            // Old Phường Cốc Lếu decided two Giấy khen in March 2025, before the merger.
            let admin = try await LaoCai.load(engine, awards: [("LW2644", "Nguyễn Thị Hoa", "2025-03-10"), ("LW2644", "Trần Văn Bình", "2025-03-10")])
            let quota = try await engine.setQuota(org: "W2647", kind: "giay-khen", year: 2025, limit: 3)
            #expect(quota.used == 2)   // the year's count starts from what its predecessors decided
            _ = try await engine.addUser(name: "ct.w2647", org: "W2647", role: .approver)
            let chair = try await engine.principal(named: "ct.w2647")
            var ids: [Int64] = []
            for name in ["Hoàng Thị Én", "Vũ Văn Phúc"] {
                ids.append(try await engine.nominate(.init(kind: "giay-khen", unit: "W2647", nomineeName: name, nomineeType: .individual), by: admin).id)
            }
            _ = try await engine.perform(.approve, on: ids[0], by: chair, decision: .init(number: "1/QĐ-UBND", date: CivilDate(iso: "2025-12-18")!))
            let over = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: ids[1], by: chair, decision: .init(number: "2/QĐ-UBND", date: CivilDate(iso: "2025-12-18")!))
            }
            #expect(over?.code == .quotaExceeded)
            // The ward's 2025 fund holds the old ward's decisions beside its own.
            let fund = try await engine.fund(org: "W2647", year: 2025, viewer: admin)
            #expect(fund.spending.count == 3)
        }
    }
}
