import AwardEngine
import AwardTestSupport
import Foundation
import Testing

/// A campaign year through awardctl: launch, registrations imported from a file (one returned and
/// resent), the council's review, proposals into nominations, their decision, and the report.
@Suite struct CampaignCommandTests {
    @Test func aCampaignYearThroughAwardctl() async throws {
        try await CLI.with { cli in
            try cli.seedTree()
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("award-cli-campaign-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }

            let backwards = try cli.run("campaign", "create", "--code", "PT-2026", "--org", "T-LC", "--name", "Thi đua 2026",
                                        "--from", "31/12/2026", "--to", "01/01/2026", "--as", "hoa")
            #expect(backwards.status == 64 && backwards.stderr.contains("ends_on"), "\(backwards.stderr)")
            let created = try cli.run("campaign", "create", "--code", "PT-2026", "--org", "T-LC", "--name", "Thi đua yêu nước năm 2026",
                                      "--from", "01/01/2026", "--to", "31/12/2026", "--award", "ldtt:3", "--award", "bang-khen-tinh:1:3510000",
                                      "--criterion", "ldtt|Hoàn thành tốt nhiệm vụ trở lên|Luật Thi đua, khen thưởng 2022, Điều 24", "--as", "hoa")
            #expect(created.status == 0 && created.stdout.contains("PT-2026"), "\(created.stderr)")
            #expect(try cli.run("campaign", "move", "PT-2026", "--to", "registration", "--number", "12/KH-UBND", "--date", "05/01/2026", "--as", "hoa").status == 0)

            let file = dir.appendingPathComponent("dang-ky.csv").path
            try Data("\u{FEFF}nominee,nominee_type,kinds,targets\r\nLò Văn An,individual,ldtt,HTXSNV\r\nVàng Thị Bình,individual,ldtt,\r\nTổ văn thư,collective,bang-khen-tinh,\r\n".utf8)
                .write(to: URL(fileURLWithPath: file))
            let imported = try cli.run("registration", "import", file, "--campaign", "PT-2026", "--unit", "P-HB", "--year", "2026", "--as", "lan", "--format", "json")
            #expect(imported.status == 0, "\(imported.stderr)")
            let registration = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])
            let id = String(registration["id"] as! Int)
            let entries = (registration["entries"] as! [[String: Any]]).map { ($0["nominee"] as! String, String($0["nominee_id"] as! Int)) }
            #expect(entries.count == 3)
            // Outside the scope's wards: refused (3), nothing recorded.
            let outsider = try cli.run("registration", "add", "--campaign", "PT-2026", "--unit", "P-HB", "--year", "2026", "--name", "Lạ",
                                       "--type", "individual", "--kinds", "ldtt", "--as", "pao")
            #expect(outsider.status != 0)
            #expect(try cli.run("registration", "act", id, "send", "--as", "lan").status == 0)
            #expect(try cli.run("registration", "act", id, "return", "--as", "hoa").status == 64)
            #expect(try cli.run("registration", "act", id, "return", "--reason", "Bổ sung chỉ tiêu", "--as", "hoa").status == 0)
            #expect(try cli.run("registration", "act", id, "send", "--as", "lan").status == 0)
            #expect(try cli.run("registration", "act", id, "accept", "--as", "hoa").status == 0)
            let shown = try cli.run("registration", "show", id)
            #expect(shown.stdout.contains("returned by hoa: Bổ sung chỉ tiêu"), "\(shown.stdout)")

            for state in ["running", "reviewing"] { #expect(try cli.run("campaign", "move", "PT-2026", "--to", state, "--as", "hoa").status == 0) }
            func nominee(_ name: String) -> String { entries.first { $0.0 == name }!.1 }
            #expect(try cli.run("review", "record", "--campaign", "PT-2026", "--year", "2026", "--nominee", nominee("Lò Văn An"), "--result", "here",
                                "--kind", "ldtt", "--vote", "7/7/6", "--as", "lan").status == 0)
            #expect(try cli.run("review", "record", "--campaign", "PT-2026", "--year", "2026", "--nominee", nominee("Tổ văn thư"), "--result", "higher",
                                "--kind", "bang-khen-tinh", "--as", "lan").status == 0)
            #expect(try cli.run("review", "record", "--campaign", "PT-2026", "--year", "2026", "--nominee", nominee("Vàng Thị Bình"), "--result", "not_reached",
                                "--criteria-not-met", "--as", "lan").status == 0)
            let proposed = try cli.run("review", "propose", "--campaign", "PT-2026", "--unit", "P-HB", "--year", "2026", "--as", "lan", "--format", "json")
            #expect(proposed.status == 0, "\(proposed.stderr)")
            let nominations = (try JSONSerialization.jsonObject(with: Data(proposed.stdout.utf8)) as? [[String: Any]] ?? []).map { ($0["id"] as! Int, $0["kind"] as! String) }
            #expect(nominations.count == 2)
            let ldtt = String(nominations.first { $0.1 == "ldtt" }!.0)
            #expect(try cli.run("decide", "--org", "TX-HL", "--kind", "ldtt", "--as", "minh", "--date", "20/11/2026", ldtt).status == 0)

            let report = try cli.run("campaign", "report", "PT-2026", "--year", "2026")
            #expect(report.status == 0)
            #expect(report.stdout.contains("P-HB"))
            #expect(report.stdout.contains("đã khen thưởng 1 cá nhân"), "\(report.stdout)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run("campaign", "report", "PT-2026", "--format", "json").stdout.utf8)) as? [String: Any])
            let total = json["total"] as! [String: Any]
            #expect(total["registered"] as? Int == 3 && total["proposed"] as? Int == 2 && total["raised_higher"] as? Int == 1 && total["awarded"] as? Int == 1)
            let show = try cli.run("campaign", "show", "PT-2026")
            #expect(show.stdout.contains("12/KH-UBND") && show.stdout.contains("criterion ldtt: Hoàn thành tốt nhiệm vụ trở lên"))
            #expect(try cli.run("campaign", "show", "NOPE").status == 4)
        }
    }
}
