@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Issue 30, Build 1: the whole catalogue of the Law on Emulation and Commendation 2022 as pack
/// data (`nd152-2025` v6), checked against the law's list of forms and titles by article; and an
/// order climbing from a commune to the President, decided there after the Prime Minister submits it.
@Suite struct CatalogueTests {
    /// The forms and titles of the 2022 law, by the article that lists them (the fixture the
    /// catalogue is checked against).
    static let law: [(article: String, names: [String])] = [
        ("Điều 19", ["Chiến sĩ thi đua toàn quốc", "Chiến sĩ thi đua cấp tỉnh", "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến", "Chiến sĩ tiên tiến"]),
        ("Điều 20", ["Cờ thi đua của Chính phủ", "Cờ thi đua của Bộ, ban, ngành, tỉnh", "Tập thể lao động xuất sắc", "Đơn vị quyết thắng",
                     "Tập thể lao động tiên tiến", "Đơn vị tiên tiến", "Xã, phường, thị trấn tiêu biểu", "Thôn, tổ dân phố văn hóa", "Gia đình văn hóa"]),
        ("Điều 33", ["Huân chương Sao vàng", "Huân chương Hồ Chí Minh"]
            + ["Độc lập", "Quân công", "Lao động", "Bảo vệ Tổ quốc", "Chiến công"].flatMap { order in
                ["Nhất", "Nhì", "Ba"].map { "Huân chương \(order) hạng \($0)" } }
            + ["Huân chương Đại đoàn kết dân tộc", "Huân chương Dũng cảm", "Huân chương Hữu nghị"]),
        ("Điều 54", ["Huy chương Quân kỳ quyết thắng", "Huy chương Vì an ninh Tổ quốc", "Huy chương Chiến sĩ vẻ vang hạng Nhất",
                     "Huy chương Chiến sĩ vẻ vang hạng Nhì", "Huy chương Chiến sĩ vẻ vang hạng Ba", "Huy chương Hữu nghị"]),
        ("Điều 59", ["Tỉnh Anh hùng", "Thành phố Anh hùng", "Bà mẹ Việt Nam anh hùng", "Anh hùng Lực lượng vũ trang nhân dân", "Anh hùng Lao động",
                     "Nhà giáo nhân dân", "Nhà giáo ưu tú", "Thầy thuốc nhân dân", "Thầy thuốc ưu tú", "Nghệ sĩ nhân dân", "Nghệ sĩ ưu tú",
                     "Nghệ nhân nhân dân", "Nghệ nhân ưu tú"]),
        ("Điều 68", ["Giải thưởng Hồ Chí Minh", "Giải thưởng Nhà nước"]),
        ("Điều 71", ["Kỷ niệm chương của Ủy ban Thường vụ Quốc hội"]),
        ("Điều 72", ["Bằng khen của Thủ tướng Chính phủ", "Bằng khen của Chủ tịch UBND tỉnh"]),
        ("Điều 75", ["Giấy khen"]),
        ("Điều 76", ["Thư khen"]),
    ]

    static var catalogue: RulePack { get throws { try RulePack.parse(try #require(AwardEngine.bundledPacks.last)) } }

    @Test func theCatalogueCoversEveryFormAndTitleOfTheLawEachWithItsSource() throws {
        let pack = try Self.catalogue
        #expect(pack.code == "nd152-2025" && pack.version == 6)
        let byName = Dictionary(pack.kinds.map { ($0.nameVi, $0) }, uniquingKeysWith: { a, _ in a })
        for (article, names) in Self.law {
            for name in names {
                let kind = byName[name]
                #expect(kind != nil, "\(name) (\(article)) is not in the catalogue")
                #expect(kind?.catalogue?.article.contains(article + " ") == true || kind?.catalogue?.article.hasSuffix(article) == true,
                        "\(name): \(kind?.catalogue?.article ?? "no article"), the law lists it in \(article)")
            }
        }
        // Every kind is described, each condition with its source, machine-checked ones by a rule of the kind.
        for kind in pack.kinds {
            let catalogue = try #require(kind.catalogue, "\(kind.code) has no catalogue")
            #expect(!catalogue.conditions.isEmpty && catalogue.conditions.allSatisfy { !$0.source.isEmpty }, "\(kind.code)")
            for condition in catalogue.conditions where condition.check == .machine {
                #expect(kind.prerequisites?.contains { $0.rule == condition.rule } == true, "\(kind.code): \(condition.rule ?? "")")
            }
        }
        // The families of commendation are kept apart.
        let families = Set(pack.kinds.compactMap { $0.catalogue?.family })
        #expect(families.isSuperset(of: [.annual, .adhoc, .longService, .seniority, .foreign, .resistance]))
        #expect(pack.kinds.filter { $0.catalogue?.decidedBy == "president" }.count >= 40)
        // At the central tier the Government's step is there for the President's kinds only.
        #expect(pack.steps(at: .central, kind: "huan-chuong-lao-dong-hang-ba").map(\.code) == ["appraise", "review", "government", "approve"])
        #expect(pack.steps(at: .central, kind: "bang-khen-ttg").map(\.code) == ["appraise", "review", "approve"])
        #expect(pack.steps(at: .central, kind: "cstdtq").map(\.code) == ["appraise", "review", "council", "approve"])
        // A pack whose machine-checked condition names no rule of the kind is refused.
        let broken = try #require(AwardEngine.bundledPacks.last).replacingOccurrences(of: "\"rule\": \"prior_award_then_ratings\",\n     \"source\"",
                                                                                       with: "\"rule\": \"no_such_rule\",\n     \"source\"")
        if broken != AwardEngine.bundledPacks.last { #expect(throws: AwardError.self) { try RulePack.parse(broken) } }
    }

    @Test func aLabourOrderThirdClassClimbsFromACommuneToThePresidentAndIsDecidedThere() async throws {
        try await TestDatabase.withEngine { engine, db in
            _ = try await engine.addOrg(code: "TW", name: "Chính phủ", level: .central, parent: nil)
            _ = try await engine.addOrg(code: "T-LC", name: "UBND tỉnh Lào Cai", level: .province, parent: "TW")
            _ = try await engine.addOrg(code: "X-SP", name: "UBND phường Sa Pa", level: .commune, parent: "T-LC")
            for (name, org, role) in [("nom", "X-SP", Role.nominator), ("xa", "X-SP", .approver), ("tinh", "T-LC", .approver),
                                      ("ban.td", "TW", .approver), ("vp.cp", "TW", .approver), ("vp.ctn", "TW", .approver)] {
                _ = try await engine.addUser(name: name, org: org, role: role)
            }
            var p: [String: Principal] = [:]
            for name in ["nom", "xa", "tinh", "ban.td", "vp.cp", "vp.ctn"] { p[name] = try await engine.principal(named: name) }
            try await engine.setWorksInSteps(org: "TW", true, by: p["ban.td"])

            let kind = "huan-chuong-lao-dong-hang-ba"
            let n = try await engine.nominate(.init(kind: kind, unit: "X-SP", nomineeName: "Nguyễn Văn Bảo", nomineeType: .individual, year: 2025,
                                                    reason: "Thành tích xuất sắc trong lao động sáng tạo giai đoạn 2021–2025", draft: true), by: p["nom"]!)
            // The order's conditions: the machine-checked one fails with its source; the attested one is listed with its source.
            let before = try await engine.check(n.id)
            #expect(!before.eligible && before.reasons.first?.code == .priorAwardRequired && before.reasons.first?.source.contains("Điều 44") == true)
            #expect(before.attested?.count == 1 && before.attested?.first?.source == "Luật Thi đua, khen thưởng 2022, Điều 44")
            try await engine.importPriorAward(nominee: n.nominee.id, kind: "bang-khen-ttg", year: 2020,
                                              decision: .init(number: "1520/QĐ-TTg", date: CivilDate(iso: "2020-10-15")!), issuer: "Thủ tướng Chính phủ", by: "test")
            for year in 2021...2025 { try await engine.setRating(nominee: n.nominee.id, year: year, rating: .httnv, by: "test") }
            #expect(try await engine.check(n.id).eligible)

            _ = try await engine.perform(.submit, on: n.id, by: p["nom"]!)
            _ = try await engine.perform(.approve, on: n.id, by: p["xa"]!)
            for (type, file) in [(DocumentType.toTrinh, "to-trinh.pdf"), (.danhSach, "danh-sach.pdf"), (.baoCaoThanhTich, "bao-cao.pdf"), (.bienBan, "bien-ban.pdf")] {
                _ = try await engine.addDocument(to: n.id, type: type, name: file, content: Array("%PDF-1.4\n%%EOF\n".utf8), by: p["tinh"]!)
            }
            _ = try await engine.perform(.approve, on: n.id, by: p["tinh"]!)
            // At the centre: the board appraises and reviews, the Government submits, the President's office decides.
            _ = try await engine.moveStep(n.id, .complete, comment: "Đủ điều kiện theo Điều 44", by: p["ban.td"]!)
            _ = try await engine.moveStep(n.id, .complete, comment: "Trình Thủ tướng", by: p["ban.td"]!)
            let early = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: n.id, by: p["vp.ctn"]!, decision: .init(number: "88/QĐ-CTN", date: CivilDate(iso: "2026-11-30")!))
            }
            #expect(early?.code == .stepNotDone)
            _ = try await engine.moveStep(n.id, .complete, comment: "Thủ tướng Chính phủ trình Chủ tịch nước", by: p["vp.cp"]!)
            let awarded = try await engine.perform(.approve, on: n.id, by: p["vp.ctn"]!,
                                                   decision: .init(number: "88/QĐ-CTN", date: CivilDate(iso: "2026-11-30")!))
            #expect(awarded.state == .awarded)
            let history = try await engine.history(n.id)
            #expect(history.filter { $0.command == "step" }.map(\.actor) == ["ban.td", "ban.td", "vp.cp"])
            #expect(history.contains { $0.command == "step" && $0.stepName == "Thủ tướng Chính phủ xem xét, trình Chủ tịch nước" })
            #expect(history.last?.actor == "vp.ctn")
            #expect(try db.count("SELECT count(*) AS n FROM nominations n JOIN rule_packs p ON p.id = n.pack_id WHERE p.version = 6") == 1)
            #expect(try await engine.verifyAudit().ok)
        }
    }
}
