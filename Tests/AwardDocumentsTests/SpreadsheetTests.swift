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
