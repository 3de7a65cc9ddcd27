import AwardEngine
import AwardTestSupport
import Foundation
import Testing

/// The papers through awardctl: a decision as Word, a form as Excel, a template refused with its
/// line, an Excel import and its blank template.
@Suite struct PaperCommandTests {
    @Test func anOfficerGetsTheDecisionAsWordAndTheFormAsExcelAndImportsAWorkbook() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("award-cli-papers-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            // A blank import workbook, filled in, imported: all rows or none.
            let blank = dir.appendingPathComponent("mau.xlsx").path
            #expect(try cli.run("import-template", "individual", "-o", blank).status == 0)
            #expect(FileManager.default.contents(atPath: blank)?.starts(with: [0x50, 0x4B]) == true)
            let book = dir.appendingPathComponent("nhap.xlsx").path
            let made = try cli.run("import-template", "individual", "--format", "csv", "-o", dir.appendingPathComponent("mau.csv").path)
            #expect(made.status == 0)
            let csv = "\u{FEFF}kind,unit,nominee,nominee_type,year\r\ngiay-khen,P-HB,Nguyễn Văn An,individual,2026\r\ngiay-khen,P-HB,Lê Thị Hoa,individual,2026\r\n"
            try Data(csv.utf8).write(to: URL(fileURLWithPath: dir.appendingPathComponent("nhap.csv").path))
            // Turn the CSV into a workbook the way an officer's spreadsheet would save it.
            let convert = "import csv, sys, openpyxl\nwb = openpyxl.Workbook(); ws = wb.active\n"
                + "for row in csv.reader(open(sys.argv[1], encoding='utf-8-sig')): ws.append([int(c) if c.isdigit() else c for c in row])\nwb.save(sys.argv[2])\n"
            let python = Process()
            python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            python.arguments = ["python3", "-c", convert, dir.appendingPathComponent("nhap.csv").path, book]
            try python.run()
            #expect(reap(python) == 0, "openpyxl writes the workbook")
            let imported = try cli.run("import", book, "--as", "lan")
            #expect(imported.status == 0 && imported.stdout.contains("imported 2 nominations"), "\(imported.stderr)")

            let pending = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run("pending", "--org", "TX-HL", "--format", "json").stdout.utf8))
                                       as? [[String: Any]])
            let nominationIds = pending.compactMap { $0["id"] as? Int }.map(String.init)
            #expect(nominationIds.count == 2)
            let decided = CLI.finish(try cli.start(["decide", "--org", "TX-HL", "--kind", "giay-khen", "--as", "minh", "--date", "18/11/2026", "--format", "json"] + nominationIds))
            let decision = try #require((try JSONSerialization.jsonObject(with: Data(decided.stdout.utf8)) as? [String: Any])?["id"] as? Int)
            let word = dir.appendingPathComponent("qd.docx").path
            let document = try cli.run("decision", "document", "\(decision)", "--format", "docx", "-o", word)
            #expect(document.status == 0 && document.stdout.hasPrefix(word), "\(document.stderr)")
            #expect(FileManager.default.contents(atPath: word)?.starts(with: [0x50, 0x4B, 0x03, 0x04]) == true)
            #expect(try cli.run("decision", "document", "999999", "--format", "docx", "-o", word).status == 4)

            let form = dir.appendingPathComponent("0603.xlsx").path
            #expect(try cli.run("report", "form", "0602", "--period", "2026", "--format", "xlsx", "-o", form).status == 0)
            #expect(try cli.run("report", "form", "0602", "--period", "2026", "--format", "xlsx").status == 64, "xlsx needs -o")
            let table = try cli.run("report", "form", "0603", "--period", "2026")
            #expect(table.status == 0 && table.stdout.contains("Kỳ báo cáo: từ ngày 01/12/2025 đến ngày 30/11/2026"))
            // The awardees as a workbook.
            let awardees = dir.appendingPathComponent("awardees.xlsx").path
            #expect(try cli.run("export", "awardees", "--year", "2026", "--format", "xlsx", "-o", awardees).status == 0)
            #expect(try cli.run("awardees", "--year", "2026", "--format", "xlsx", "-o", dir.appendingPathComponent("a2.xlsx").path).status == 0)

            // A broken template is refused with its line (exit 64), and nothing is stored.
            let broken = dir.appendingPathComponent("qd.html").path
            try Data("<p>\n{{#recipients}}\n{{name}}\n".utf8).write(to: URL(fileURLWithPath: broken))
            let refused = try cli.run("template", "set", "--org", "TX-HL", "--kind", "decision", broken, "--as", "root")
            #expect(refused.status == 64 && refused.stderr.contains("line"), "\(refused.stderr)")
            let listed = try cli.run("template", "list", "--format", "json")
            #expect(listed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        }
    }
}
