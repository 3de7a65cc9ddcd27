@testable import AwardDocuments
import AwardEngine
import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Excel out (libxlsxwriter, read back by openpyxl) and in (an openpyxl workbook imported), and
/// the statistics forms filled from a data set whose figures are counted here by hand.
@Suite struct SpreadsheetTests {
    /// Reads a workbook with openpyxl: the active sheet's title, frozen cell and rows, dates as ISO text.
    static func openpyxl(_ data: Data) throws -> [String: Any] {
        let script = """
            import io, json, sys, datetime, openpyxl
            wb = openpyxl.load_workbook(io.BytesIO(sys.stdin.buffer.read()))
            ws = wb.active
            def cell(c):
                v = c.value
                if isinstance(v, datetime.datetime): return {"date": v.date().isoformat()} if v.time() == datetime.time() else {"datetime": v.isoformat()}
                return v
            print(json.dumps({"title": ws.title, "frozen": ws.freeze_panes, "bold": bool(ws["A1"].font.b),
                              "rows": [[cell(c) for c in row] for row in ws.iter_rows()]}, ensure_ascii=False))
            """
        let out = try Tools.output("python3", ["-c", script], input: data)
        return try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
    }

    @Test func awardeesWrittenAsXLSXReadBackWithOpenpyxlIntact() async throws {
        let rows: [[XLSXCell]] = [
            [.integer(1), .text("Nguyễn Thị Ánh Tuyết"), .text("individual"), .text("giay-khen"), .text("P-HB"), .text("05/QĐ-UBND"),
             .date(CivilDate(iso: "2026-11-18")!)],
            [.integer(2), .text("Tổ dân phố số 5 phường Cốc Lếu"), .text("collective"), .text("giay-khen"), .text("P-CC"), .text("05/QĐ-UBND"),
             .date(CivilDate(iso: "2026-11-18")!)],
        ]
        let book = try XLSXWriter.workbook(sheetName: "Khen thưởng 2026", headers: Awardee.headers, rows: rows)
        let read = try Self.openpyxl(book)
        #expect(read["title"] as? String == "Khen thưởng 2026")
        #expect(read["frozen"] as? String == "A2", "the header row stays in view")
        #expect(read["bold"] as? Bool == true, "the header is bold")
        let table = try #require(read["rows"] as? [[Any]])
        #expect(table.count == 3)
        #expect(table[0].compactMap { $0 as? String } == Awardee.headers)
        #expect(table[1][1] as? String == "Nguyễn Thị Ánh Tuyết" && table[2][1] as? String == "Tổ dân phố số 5 phường Cốc Lếu")
        #expect(table[1][5] as? String == "05/QĐ-UBND", "a code keeps its zero")
        #expect((table[1][6] as? [String: String])?["date"] == "2026-11-18", "a date is a date")
        #expect(table[1][0] as? Int == 1)
        // Text that prints as a date or a number becomes one; a code with a leading zero stays text.
        #expect(XLSXCell.guess("18/11/2026") == .date(CivilDate(iso: "2026-11-18")!))
        #expect(XLSXCell.guess("2026") == .integer(2026) && XLSXCell.guess("05") == .text("05") && XLSXCell.guess("") == .empty)
    }

    @Test func aWorkbookMadeByOpenpyxlImportsAndABadRowIsNamedWithNothingRecorded() async throws {
        let make = """
            import sys, datetime, unicodedata, openpyxl
            wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Danh sách"
            ws.append(["kind", "unit", "nominee", "nominee_type", "year", "reason", "submitted_on"])
            bad = sys.argv[1] == "bad"
            for i, name in enumerate(["Nguyễn Văn Ánh", "Trần Thị Ngọc Diệp", "Lò Văn Páo"]):
                ws.append(["giay-khen-x" if bad and i == 1 else "giay-khen", "P-HB", unicodedata.normalize("NFD", name), "individual", 2026,
                           "Hoàn thành xuất sắc nhiệm vụ", datetime.datetime(2026, 11, 2)])
            ws.append([None] * 7)   # an empty trailing row, as a spreadsheet often leaves
            wb.save(sys.stdout.buffer)
            """
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let bad = try XLSXReader.csv(try Self.book(make, "bad"))
            let refusal = await #expect(throws: AwardError.self) { try await engine.importNominations(csv: bad, by: u.admin) }
            #expect(refusal?.message.contains("line 3") == true, "\(refusal?.message ?? "")")
            #expect(try db.count("SELECT count(*) AS n FROM nominations") == 0)
            #expect(try db.count("SELECT count(*) AS n FROM nominees") == 0)

            let good = try Self.book(make, "good")
            let rows = try XLSXReader.rows(good)
            #expect(rows.count == 4, "the empty trailing row is dropped")
            #expect(rows[1][6] == "2026-11-02", "a date stored as a serial number reads as a date")
            #expect(rows[1][4] == "2026")
            let summary = try await engine.importNominations(csv: try XLSXReader.csv(good), by: u.admin)
            #expect(summary.nominations == 3)
            #expect(try db.column("SELECT name FROM nominees ORDER BY id") == ["Nguyễn Văn Ánh", "Trần Thị Ngọc Diệp", "Lò Văn Páo"], "names stored in NFC")
            #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE submitted_on = '2026-11-02'") == 3)
            // Not a workbook at all.
            #expect(throws: AwardError.self) { try XLSXReader.rows(Data("kind,unit\n".utf8)) }
        }
    }

    static func book(_ script: String, _ argument: String) throws -> Data {
        // The workbook's bytes, through a file: standard output is text in Tools.run.
        let dir = try Tools.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("book.xlsx")
        _ = try Tools.output("python3", ["-c", script.replacingOccurrences(of: "wb.save(sys.stdout.buffer)", with: "wb.save(\"\(file.path)\")"), argument])
        return try Data(contentsOf: file)
    }

    @Test func forms0602And0603CountWhatWasDecidedInThePeriod() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            func climb(_ kind: String, _ name: String, _ type: NomineeType, _ commendation: CommendationType = .annual, unit: String = "P-HB",
                       by nominator: Principal? = nil, through: [Principal]) async throws -> Int64 {
                let id = try await engine.nominate(.init(kind: kind, unit: unit, nomineeName: name, nomineeType: type, commendationType: commendation),
                                                   by: nominator ?? u.lan).id
                for approver in through { _ = try await engine.perform(.approve, on: id, by: approver) }
                return id
            }
            // In period 2026 (1/12/2025–30/11/2026): Bằng khen of the province to 2 collectives and 3
            // individuals (one thematic) from TX-HL's wards, and 1 individual from H-SP's commune.
            var province: [Int64] = []
            for (name, type, kind) in [("Tổ 1", NomineeType.collective, CommendationType.annual), ("Tổ 2", .collective, .annual),
                                       ("Người 1", .individual, .annual), ("Người 2", .individual, .annual), ("Người 3", .individual, .thematic)] {
                province.append(try await climb("bang-khen-tinh", name, type, kind, through: [u.minh]))
            }
            province.append(try await climb("bang-khen-tinh", "Người Tả Phìn", .individual, unit: "X-TP", by: u.pao, through: [u.sung]))
            _ = try await engine.decide(org: "T-LC", kind: "bang-khen-tinh", nominations: province, by: u.hoa, date: CivilDate(iso: "2026-11-20")!)
            // After the period (counts for 2027), and one revoked (counted nowhere).
            let late = try await climb("bang-khen-tinh", "Người muộn", .individual, through: [u.minh])
            _ = try await engine.decide(org: "T-LC", kind: "bang-khen-tinh", nominations: [late], by: u.hoa, date: CivilDate(iso: "2026-12-01")!)
            let revoked = try await climb("bang-khen-tinh", "Người bị hủy", .individual, through: [u.minh])
            _ = try await engine.decide(org: "T-LC", kind: "bang-khen-tinh", nominations: [revoked], by: u.hoa, date: CivilDate(iso: "2026-10-01")!)
            _ = try await engine.perform(.revoke, on: revoked, by: u.hoa, reason: "Kê khai không trung thực",
                                         decision: .init(number: nil, date: CivilDate(iso: "2026-10-15")!))
            // A Prime Minister's Bằng khen to a collective; a Giấy khen that neither form counts.
            let ttg = try await climb("bang-khen-ttg", "Trường Tiểu học Hàm Rồng", .collective, through: [u.minh, u.hoa])
            _ = try await engine.decide(org: "TW", kind: "bang-khen-ttg", nominations: [ttg], by: u.tung, date: CivilDate(iso: "2026-06-01")!)
            let gk = try await climb("giay-khen", "Người Giấy khen", .individual, through: [])
            _ = try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: [gk], by: u.minh, date: CivilDate(iso: "2026-06-01")!)

            let papers = Papers(engine: engine)
            let f0603 = try await papers.form("0603", period: 2026, org: "T-LC")
            // Columns: 1 total, 2–4 collective/household/individual, 5–9 annual/thematic/adhoc/long service/foreign, 10 Bằng khen …
            #expect(Array(f0603.total.prefix(10)) == [6, 2, 0, 4, 5, 1, 0, 0, 0, 6])
            #expect(f0603.rows.map(\.name) == ["UBND huyện Sa Pa", "UBND thị xã Hoàng Liên"], "one row per submitting body, in Vietnamese order")
            #expect(Array(f0603.rows[1].cells.prefix(6)) == [5, 2, 0, 3, 4, 1])
            #expect(Array(f0603.rows[0].cells.prefix(4)) == [1, 0, 0, 1])
            #expect(try await papers.form("0603", period: 2027, org: "T-LC").total.first == 1)
            let f0602 = try await papers.form("0602", period: 2026)
            #expect(f0602.total.first == 1 && f0602.total[1] == 1 && f0602.total[12] == 1)
            #expect(f0602.rows.map(\.name) == ["UBND tỉnh Lào Cai"])
            // Within a district's jurisdiction only its subtree counts; another org is refused.
            #expect(try await papers.form("0603", period: 2026, viewer: u.minh).total.first == 5)
            await #expect(throws: AwardError.self) { try await papers.form("0603", period: 2026, org: "H-SP", viewer: u.minh) }
            let unknown = await #expect(throws: AwardError.self) { try await papers.form("0699", period: 2026) }
            #expect(unknown?.code == .unknownForm)
            // Form 0601 counts the campaigns launched in the period, by launching body, kind and duration.
            _ = try await engine.createCampaign(.init(code: "PT-5NAM", org: "TX-HL", name: "Học tập và làm theo Bác 2021–2026", kind: .multiYear,
                                                      startsOn: CivilDate(iso: "2021-06-01")!, endsOn: CivilDate(iso: "2026-05-31")!), by: u.minh)
            _ = try await engine.moveCampaign("PT-5NAM", to: .registration, launchDate: CivilDate(iso: "2026-02-01")!, by: u.minh)
            _ = try await engine.createCampaign(.init(code: "PT-1811", org: "T-LC", name: "Ngày hội 18/11", kind: .short,
                                                      startsOn: CivilDate(iso: "2026-10-01")!, endsOn: CivilDate(iso: "2026-11-18")!), by: u.hoa)
            _ = try await engine.moveCampaign("PT-1811", to: .registration, launchDate: CivilDate(iso: "2026-09-25")!, by: u.hoa)
            _ = try await engine.createCampaign(.init(code: "PT-NHAP", org: "T-LC", name: "Dự thảo", startsOn: CivilDate(iso: "2026-01-01")!,
                                                      endsOn: CivilDate(iso: "2026-12-31")!), by: u.hoa)
            let f0601 = try await papers.form("0601", period: 2026, org: "T-LC")
            // 1 total; 2 regular, 3 thematic; 4 under a year … 7 over five years. The draft is not counted.
            #expect(f0601.total == [2, 0, 2, 1, 0, 1, 0])
            #expect(f0601.rows.map(\.name) == ["UBND thị xã Hoàng Liên", "UBND tỉnh Lào Cai"])
            #expect(f0601.heading.first == "Biểu số 0601: SỐ PHONG TRÀO THI ĐUA")

            // The workbook carries the same figures.
            let read = try Self.openpyxl(try f0603.xlsx())
            let rows = try #require(read["rows"] as? [[Any]])
            let total = try #require(rows.first { ($0.count > 1 ? $0[1] as? String : nil) == "Tổng số" })
            #expect(total.dropFirst(2).prefix(4).compactMap { $0 as? Int } == [6, 2, 0, 4])
            #expect((rows.first?.first as? String)?.hasPrefix("Biểu số 0603") == true)
            #expect(f0603.csv.contains("Tổng số,6,2,0,4,5,1"))
        }
    }

    @Test func theImportTemplateIsInVietnameseOffersItsValuesAsDropDownsAndImportsAsFilledIn() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let template = ImportSheet.template(for: .individual, kinds: try await engine.kinds(),
                                                units: try await engine.orgs(for: u.lan, may: .createNomination))
            let book = try ImportSheet.xlsx(template)
            let script = """
                import io, json, sys, openpyxl
                wb = openpyxl.load_workbook(io.BytesIO(sys.stdin.buffer.read()))
                ws = wb.worksheets[0]
                allowed = wb.worksheets[1]
                print(json.dumps({"sheets": wb.sheetnames, "header": [c.value for c in ws[1]], "filter": ws.auto_filter.ref,
                                  "validations": sorted(str(v.sqref) + " " + v.formula1 for v in ws.data_validations.dataValidation),
                                  "allowed": [[c.value for c in row] for row in allowed.iter_rows()]}, ensure_ascii=False))
                """
            let read = try #require(try JSONSerialization.jsonObject(with: Data(try Tools.output("python3", ["-c", script], input: book).utf8))
                                    as? [String: Any])
            #expect(read["sheets"] as? [String] == ["Nhập hồ sơ", "Giá trị hợp lệ"])
            let header = try #require(read["header"] as? [String])
            #expect(header.first == "Hình thức khen thưởng (mã)" && header.contains("Loại đối tượng") && header.contains("Họ tên hoặc tên tập thể"))
            #expect((read["filter"] as? String)?.hasPrefix("A1:") == true, "the header row carries an autofilter")
            let validations = try #require(read["validations"] as? [String])
            #expect(validations.contains { $0.hasPrefix("A2:A1001 'Giá trị hợp lệ'!$A$2") }, "\(validations)")
            #expect(validations.contains { $0.hasPrefix("D2:D1001 'Giá trị hợp lệ'!$E$2") }, "\(validations)")
            let allowed = try #require(read["allowed"] as? [[Any]])
            #expect(allowed.contains { ($0[0] as? String) == "giay-khen" && ($0[1] as? String) == "Giấy khen" })
            #expect(allowed.contains { ($0[2] as? String) == "P-HB" && ($0[3] as? String) == "UBND phường Hàm Rồng" })
            #expect(!allowed.contains { ($0[2] as? String) == "X-TP" }, "only the units the officer may nominate for")

            // Filled in as an officer would (Vietnamese headers and names), it imports.
            let csv = try XLSXReader.csv(book)
            let summary = try await engine.importNominations(csv: csv, by: u.lan)
            #expect(summary.nominations == 1)
            #expect(try db.count("SELECT count(*) AS n FROM nominations n JOIN nominees e ON e.id = n.nominee_id WHERE e.type = 'individual'") == 1)
        }
    }
}
