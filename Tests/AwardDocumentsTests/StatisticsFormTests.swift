@testable import AwardDocuments
@testable import AwardEngine
import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Issue 30, Build 3: forms 0601–0605 in the layout of Circular 02/2023/TT-BNV (indicator rows
/// with their codes, award forms as columns), 0701–0703 of Circular 03/2018/TT-BNV for 2018–2022,
/// the staff register behind 0604 and 0605, and the central board's sum of units' workbooks.
@Suite struct StatisticsFormTests {
    @Test func forms0602And0603GiveTheCircularsRowsAndColumnsWithHandCountedCells() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            func climb(_ kind: String, _ name: String, _ type: NomineeType, _ commendation: CommendationType = .annual, unit: String = "P-HB",
                       by nominator: Principal? = nil, through: [Principal], profile: ProfileInput? = nil) async throws -> Int64 {
                let n = try await engine.nominate(.init(kind: kind, unit: unit, nomineeName: name, nomineeType: type, commendationType: commendation),
                                                  by: nominator ?? u.lan)
                if let profile { _ = try await engine.setProfile(of: n.nominee.id, profile, by: nil) }
                for approver in through { _ = try await engine.perform(.approve, on: n.id, by: approver) }
                return n.id
            }
            // In period 2026 (1/12/2025–30/11/2026): the province's Bằng khen to an enterprise and a
            // collective that is not one, a person of each position class (the entrepreneur's award
            // thematic), and a person of Sa Pa whose position is not recorded.
            var province: [Int64] = []
            province.append(try await climb("bang-khen-tinh", "Công ty CP Chè Lào Cai", .collective, through: [u.minh], profile: .init(enterprise: true)))
            province.append(try await climb("bang-khen-tinh", "Tổ dân phố 2", .collective, through: [u.minh], profile: .init(enterprise: false)))
            province.append(try await climb("bang-khen-tinh", "Người 1", .individual, through: [u.minh], profile: .init(positionClass: .worker)))
            province.append(try await climb("bang-khen-tinh", "Người 2", .individual, through: [u.minh], profile: .init(positionClass: .otherLeader)))
            province.append(try await climb("bang-khen-tinh", "Người 3", .individual, .thematic, through: [u.minh],
                                            profile: .init(positionClass: .businessManager)))
            province.append(try await climb("bang-khen-tinh", "Người 4", .individual, through: [u.minh], profile: .init(positionClass: .seniorLeader)))
            province.append(try await climb("bang-khen-tinh", "Người 5", .individual, through: [u.minh], profile: .init(positionClass: .departmentLeader)))
            province.append(try await climb("bang-khen-tinh", "Người Tả Phìn", .individual, unit: "X-TP", by: u.pao, through: [u.sung]))
            _ = try await engine.decide(org: "T-LC", kind: "bang-khen-tinh", nominations: province, by: u.hoa, date: CivilDate(iso: "2026-11-20")!)
            // After the period, and one revoked: counted in neither.
            let late = try await climb("bang-khen-tinh", "Người muộn", .individual, through: [u.minh])
            _ = try await engine.decide(org: "T-LC", kind: "bang-khen-tinh", nominations: [late], by: u.hoa, date: CivilDate(iso: "2026-12-01")!)
            let revoked = try await climb("bang-khen-tinh", "Người bị hủy", .individual, through: [u.minh])
            _ = try await engine.decide(org: "T-LC", kind: "bang-khen-tinh", nominations: [revoked], by: u.hoa, date: CivilDate(iso: "2026-10-01")!)
            _ = try await engine.perform(.revoke, on: revoked, by: u.hoa, reason: "Kê khai không trung thực",
                                         decision: .init(number: nil, date: CivilDate(iso: "2026-10-15")!))
            // The Prime Minister's Bằng khen to an enterprise, proposed by the province.
            let ttg = try await climb("bang-khen-ttg", "Công ty Apatit", .collective, through: [u.minh, u.hoa], profile: .init(enterprise: true))
            _ = try await engine.decide(org: "TW", kind: "bang-khen-ttg", nominations: [ttg], by: u.tung, date: CivilDate(iso: "2026-06-01")!)

            let papers = Papers(engine: engine)
            let f0603 = try await papers.form("0603", period: 2026, org: "T-LC")
            #expect(f0603.symbol == "Biểu số 0603.N/BNV-TĐKT" && f0603.circular == "Thông tư 02/2023/TT-BNV")
            #expect(f0603.rows.compactMap(\.code) == (1...17).map { String(format: "%02d", $0) })
            #expect(f0603.columns.map(\.code) == ["1", "2", "3", "4", "5"] && f0603.columns[1].label == "Bằng khen")
            #expect(f0603.rows.first { $0.code == "08" }?.label == "+ Doanh nhân")
            let expected: [String: Int] = ["01": 8, "02": 2, "03": 1, "04": 0, "05": 6, "06": 1, "07": 1, "08": 1, "09": 1, "10": 1,
                                           "11": 7, "12": 1, "13": 0, "14": 0, "15": 0, "16": 0, "17": 0]
            for (code, count) in expected {
                #expect(f0603.cells(code) == ["1": count, "2": count, "3": 0, "4": 0, "5": 0], "row \(code)")
            }
            #expect(f0603.notes == ["1 lượt khen thưởng cá nhân chưa ghi chức vụ: được tính ở dòng «Cá nhân» nhưng không ở các dòng chức vụ (ghi ở trang của đối tượng)."])
            // A district's officer sees its own subtree only; another district is refused.
            #expect(try await papers.form("0603", period: 2026, viewer: u.minh).cells("01")["1"] == 7)
            await #expect(throws: AwardError.self) { try await papers.form("0603", period: 2026, org: "H-SP", viewer: u.minh) }
            #expect(try await papers.form("0603", period: 2027, org: "T-LC").cells("01")["1"] == 1)

            let f0602 = try await papers.form("0602", period: 2026)
            #expect(f0602.columns.map(\.code) == (1...9).map(String.init))
            #expect(f0602.columns[6].label == "Bằng khen của Thủ tướng Chính phủ")
            #expect(f0602.cells("01") == ["1": 1, "2": 0, "3": 0, "4": 0, "5": 0, "6": 0, "7": 1, "8": 0, "9": 0])
            for (code, count) in ["02": 0, "03": 1, "06": 1, "07": 1, "08": 0, "09": 0, "15": 1, "16": 0, "21": 0] {
                #expect(f0602.cells(code)["1"] == count, "row \(code)")
            }
            #expect(f0602.heading.contains("Ngày nhận báo cáo: Ngày 15 tháng 12 năm báo cáo"))
            #expect(f0602.heading.contains("Kỳ báo cáo: từ ngày 01/12/2025 đến ngày 30/11/2026"))

            // The workbook carries the layout and the figures (read back by openpyxl).
            let read = try SpreadsheetTests.openpyxl(try f0603.xlsx())
            let rows = try #require(read["rows"] as? [[Any]])
            #expect((rows.first?.first as? String)?.hasPrefix("Biểu số 0603.N/BNV-TĐKT") == true)
            let enterprise = try #require(rows.first { ($0.count > 1 ? $0[1] as? String : nil) == "03" })
            #expect(enterprise.first as? String == "    Trong đó: Doanh nghiệp" && enterprise.dropFirst(3).compactMap { $0 as? Int } == [1, 1, 0, 0, 0])
            #expect(rows.contains { $0.first as? String == "A" && $0.count > 3 && $0[2] as? String == "C" })
            #expect(f0603.csv.contains("Tổng số,01,,8,8,0,0,0"))

            // The central board sums its provinces' workbooks.
            let workbook = try f0603.xlsx()
            let unit = try FilledForm.unit(workbook, named: "lao-cai.xlsx", code: "0603")
            let base = try await papers.form("0603", period: 2026, org: "H-SP")
            let summed = base.adding([unit, unit])
            #expect(summed.cells("01")["1"] == 1 + 8 + 8 && summed.cells("03")["1"] == 2 && summed.summedFrom == ["lao-cai.xlsx", "lao-cai.xlsx"])
            let wrong = #expect(throws: AwardError.self) { try FilledForm.unit(try f0602.xlsx(), named: "bieu-0602.xlsx", code: "0603") }
            #expect(wrong?.code == .unknownForm)
        }
    }

    @Test func aPeriodBefore2023IsInCircular03Of2018AndBefore2018IsRefusedWithWhy() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            let papers = Papers(engine: engine)
            let f0702 = try await papers.form("0702", period: 2019)
            #expect(f0702.symbol == "Biểu số 0702.N/BNV-TĐKT" && f0702.circular == "Thông tư 03/2018/TT-BNV")
            #expect(f0702.rows.compactMap(\.code).first == "01" && f0702.rows.compactMap(\.code).last == "21")
            let f0701 = try await papers.form("0701", period: 2019, viewer: u.hoa)
            #expect(f0701.rows.compactMap(\.code) == ["01", "02", "03", "06", "07", "08", "09", "10", "11"] && f0701.columns.count == 3)
            let newerForm = await #expect(throws: AwardError.self) { try await papers.form("0602", period: 2019) }
            #expect(newerForm?.code == .unknownForm && newerForm?.messageVI.contains("0701, 0702, 0703") == true)
            let olderForm = await #expect(throws: AwardError.self) { try await papers.form("0702", period: 2024) }
            #expect(olderForm?.code == .unknownForm)
            let tooOld = await #expect(throws: AwardError.self) { try await papers.form("0702", period: 2016) }
            #expect(tooOld?.field == "period" && tooOld?.category == .invalidInput)
        }
    }

    @Test func forms0601And0604And0605CountCampaignsBodiesAndStaffAsTheyStoodAtThePeriodsEnd() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            _ = try await engine.createCampaign(.init(code: "PT-5NAM", org: "TX-HL", name: "Học tập và làm theo Bác 2021–2026", kind: .multiYear,
                                                      startsOn: CivilDate(iso: "2021-06-01")!, endsOn: CivilDate(iso: "2026-05-31")!), by: u.minh)
            _ = try await engine.moveCampaign("PT-5NAM", to: .registration, launchDate: CivilDate(iso: "2026-02-01")!, by: u.minh)
            _ = try await engine.createCampaign(.init(code: "PT-1811", org: "T-LC", name: "Ngày hội 18/11", kind: .short,
                                                      startsOn: CivilDate(iso: "2026-10-01")!, endsOn: CivilDate(iso: "2026-11-18")!), by: u.hoa)
            _ = try await engine.moveCampaign("PT-1811", to: .registration, launchDate: CivilDate(iso: "2026-09-25")!, by: u.hoa)
            _ = try await engine.createCampaign(.init(code: "PT-NHAP", org: "T-LC", name: "Dự thảo", startsOn: CivilDate(iso: "2026-01-01")!,
                                                      endsOn: CivilDate(iso: "2026-12-31")!), by: u.hoa)
            let papers = Papers(engine: engine)
            let f0601 = try await papers.form("0601", period: 2026, org: "T-LC")
            #expect(f0601.cells("01") == ["1": 2, "2": 0, "3": 1, "4": 1])
            for (code, count) in ["02": 0, "03": 1, "04": 0, "05": 1, "06": 1, "07": 0, "08": 0, "09": 0, "10": 1, "11": 2, "12": 0] {
                #expect(f0601.cells(code)["1"] == count, "row \(code)")
            }

            // The staff register: kept by the province's approver, not a district's.
            let board = try await engine.addEmulationBody(org: "T-LC", name: "Ban Thi đua - Khen thưởng", structure: .homeAffairsBoard,
                                                          established: CivilDate(iso: "2020-01-01")!, by: u.hoa)
            let division = try await engine.addEmulationBody(org: "T-LC", name: "Phòng Thi đua", structure: .homeAffairsDivision,
                                                             established: CivilDate(iso: "2025-07-01")!, by: u.hoa)
            _ = try await engine.closeEmulationBody(division.id, on: CivilDate(iso: "2026-06-01")!, by: u.hoa)
            let refused = await #expect(throws: AwardError.self) {
                try await engine.addEmulationBody(org: "T-LC", name: "Khác", structure: .homeAffairsBoard, established: CivilDate(iso: "2020-01-01")!, by: u.minh)
            }
            #expect(refused?.category == .forbidden)
            for (name, sex, born, education, since) in [("Nguyễn Thị An", Sex.female, "1990-12-01", Education.university, "2015-03-01"),
                                                        ("Lê Văn Bình", .male, "1996-12-15", .postgraduate, "2022-01-01"),
                                                        ("Trần Thị Cúc", .female, "1970-05-01", .college, "2019-06-01")] {
                _ = try await engine.addStaff(.init(body: board.id, fullName: name, sex: sex, birthDate: CivilDate(iso: born)!, education: education,
                                                    inWorkSince: CivilDate(iso: since)!, joinedOn: CivilDate(iso: "2024-01-01")!), by: u.hoa)
            }
            let gone = try await engine.addStaff(.init(body: board.id, fullName: "Đã chuyển", sex: .male, birthDate: CivilDate(iso: "1980-01-01")!,
                                                       education: .university, inWorkSince: CivilDate(iso: "2010-01-01")!,
                                                       joinedOn: CivilDate(iso: "2024-01-01")!), by: u.hoa)
            try await engine.staffLeaves(gone.id, on: CivilDate(iso: "2026-10-01")!, by: u.hoa)
            let f0604 = try await papers.form("0604", period: 2026, org: "T-LC")
            #expect(f0604.cells("01") == ["1": 1] && f0604.cells("04") == ["1": 1] && f0604.cells("05") == ["1": 0])
            let f0605 = try await papers.form("0605", period: 2026, org: "T-LC")
            let expected: [String: [String: Int]] = [
                "01": ["1": 3, "2": 2], "02": ["1": 1, "2": 0], "03": ["1": 1, "2": 1], "04": ["1": 0, "2": 0], "06": ["1": 1, "2": 1],
                "10": ["1": 1, "2": 1], "11": ["1": 1, "2": 1], "12": ["1": 1, "2": 0],
                "13": ["1": 1, "2": 0], "14": ["1": 1, "2": 1], "15": ["1": 1, "2": 1]]
            for (code, cells) in expected { #expect(f0605.cells(code) == cells, "row \(code)") }
            #expect(try await engine.staffRegister(org: "T-LC", viewer: u.thanh).map(\.name) == ["Ban Thi đua - Khen thưởng", "Phòng Thi đua"])
        }
    }
}
