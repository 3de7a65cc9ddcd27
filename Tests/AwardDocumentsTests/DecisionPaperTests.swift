@testable import AwardDocuments
@testable import AwardEngine
import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// The decision as Word, print view and PDF; templates replaced per org; certificates on blanks.
@Suite struct DecisionPaperTests {
    static func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    /// `count` nominations of a Giấy khen waiting at the district TX-HL; every third name typed in NFD.
    static func pending(_ engine: AwardEngine, _ u: Seed.Users, count: Int) async throws -> [Int64] {
        var ids: [Int64] = []
        for i in 0..<count {
            var name = "Nguyễn Thị Ánh Tuyết \(i + 1)"
            if i % 3 == 0 { name = name.decomposedStringWithCanonicalMapping }
            ids.append(try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: name, nomineeType: i % 10 == 0 ? .collective : .individual,
                                                       reason: "Hoàn thành xuất sắc nhiệm vụ năm 2026"), by: u.lan).id)
        }
        return ids
    }

    /// The text of every `w:t` run of a Word part, paragraph by paragraph.
    static func paragraphs(_ xml: Data) -> [String] {
        XMLElements(xml, named: ["p"], collectingText: ["t"]).elements.map(\.text)
    }

    static func documentXML(_ docx: Data) throws -> Data {
        try #require(try WordPackage.parts(of: docx).first { $0.0 == "word/document.xml" }?.1)
    }

    @Test func aDecisionOfThreeHundredAsWordOpensWithEveryRecipientAndLibreOfficePrintsIt() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            let ids = try await Self.pending(engine, u, count: 300)
            let decision = try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: ids, by: u.minh, date: Self.date("2026-11-18"),
                                                   details: .init(signer: "Nguyễn Văn Minh", onBehalf: true, legalBasis: "Nghị quyết số 12/NQ-HĐND"))
            let papers = Papers(engine: engine)
            let docx = try await papers.decision(decision.id, format: .docx, viewer: u.minh)
            #expect(docx.filename == "quyet-dinh-1-QD-UBND.docx")
            let text = Self.paragraphs(try Self.documentXML(docx.bytes))
            #expect(text.contains("Số: 01/QĐ-UBND"))
            #expect(text.contains("Hoàng Liên, ngày 18 tháng 11 năm 2026"))
            #expect(text.contains("CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ XÃ HOÀNG LIÊN"))
            #expect(text.contains("KT. CHỦ TỊCH") && text.contains("PHÓ CHỦ TỊCH") && text.contains("Nguyễn Văn Minh"))
            #expect(text.contains("Căn cứ Nghị quyết số 12/NQ-HĐND;"))
            #expect(text.contains("Theo đề nghị của UBND phường Hàm Rồng."))
            for i in 1...300 {
                let name = "Nguyễn Thị Ánh Tuyết \(i)"
                #expect(text.filter { $0 == name }.count == 1, "\(name) is listed once, in NFC")
            }
            #expect(!text.contains { $0 != $0.precomposedStringWithCanonicalMapping }, "every run is NFC")

            // LibreOffice opens the package and prints the same text.
            let dir = try Tools.directory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("quyet-dinh.docx")
            try docx.bytes.write(to: file)
            _ = try Tools.output("HOME=\(dir.path)", ["soffice", "--headless", "--convert-to", "pdf", "--outdir", dir.path, file.path])
            let printed = try Tools.pdfText(try Data(contentsOf: dir.appendingPathComponent("quyet-dinh.pdf")))
            for expected in ["01/QĐ-UBND", "QUYẾT ĐỊNH", "Nguyễn Thị Ánh Tuyết 1", "Nguyễn Thị Ánh Tuyết 300", "DANH SÁCH GIẤY KHEN"] {
                #expect(printed.contains(expected), "LibreOffice's PDF shows \(expected)")
            }
        }
    }

    @Test func thePrintViewPrintsOnA4WithTheDecreeMarginsAndPageNumbersFromPageTwo() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            let ids = try await Self.pending(engine, u, count: 40)
            let decision = try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: ids, by: u.minh, date: Self.date("2026-11-18"))
            let papers = Papers(engine: engine)
            let html = String(decoding: try await papers.decision(decision.id, format: .html, viewer: u.minh).bytes, as: UTF8.self)
            #expect(html.contains("@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm"))
            let pdf = try await papers.decision(decision.id, format: .pdf, viewer: u.minh)
            #expect(pdf.contentType == "application/pdf")
            let dir = try Tools.directory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("qd.pdf")
            try pdf.bytes.write(to: file)
            let info = try Tools.output("pdfinfo", [file.path])
            #expect(info.contains("Page size:       594.96 x 841.92 pts (A4)"), "\(info)")
            #expect(Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0 >= 2)
            // Every word of page 1 lies inside the margins: left 30 mm (85 pt), right 15 mm, top 20 mm.
            let boxes = try Tools.output("pdftotext", ["-bbox", "-f", "1", "-l", "1", file.path, "-"])
            let words = Self.boxes(boxes)
            #expect(words.count > 50)
            #expect(words.map(\.xMin).min()! >= 85.0 - 1, "left margin 30 mm")
            #expect(words.map(\.xMax).max()! <= 594.96 - 42.5 + 1, "right margin 15 mm")
            #expect(words.map(\.yMin).min()! >= 56.7 - 1, "top margin 20 mm")
            // Page 2 carries its number above the text, centred.
            let second = Self.boxes(try Tools.output("pdftotext", ["-bbox", "-f", "2", "-l", "2", file.path, "-"]))
            let top = try #require(second.min { $0.yMin < $1.yMin })
            #expect(top.word == "2" && top.yMin < 56.7 && abs((top.xMin + top.xMax) / 2 - (85 + 594.96 - 42.5) / 2) < 30)
        }
    }

    struct Box { var word: String; var xMin: Double; var yMin: Double; var xMax: Double }

    static func boxes(_ html: String) -> [Box] {
        let pattern = try! NSRegularExpression(pattern: #"<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>"#)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { m in
            func g(_ i: Int) -> String { String(html[Range(m.range(at: i), in: html)!]) }
            return Box(word: g(4), xMin: Double(g(1))!, yMin: Double(g(2))!, xMax: Double(g(3))!)
        }
    }

    @Test func aReplacedTemplateServesNewDecisionsOnlyAndABrokenOneIsRefusedWithItsLine() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let ids = try await Self.pending(engine, u, count: 4)
            let papers = Papers(engine: engine)
            let first = try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: [ids[0]], by: u.minh, date: Self.date("2026-11-18"))

            // A template with a section left open is refused, naming its line; nothing is stored.
            let broken = Data("<html>\n<body>\n{{#recipients}}<p>{{name}}</p>\n</body>".utf8)
            let refusal = await #expect(throws: AwardError.self) {
                try await papers.setTemplate(org: "TX-HL", kind: .decision, format: .html, body: broken, by: u.admin)
            }
            #expect(refusal?.code == .badTemplate)
            #expect(refusal?.messageVI.contains("dòng") == true && refusal?.message.contains("line") == true, "\(refusal?.message ?? "")")
            #expect(try db.count("SELECT count(*) AS n FROM document_templates") == 0)
            // Only an admin replaces a template.
            let html = Data("<html><body><h1>MẪU RIÊNG {{number}}</h1>{{> list}}</body></html>".utf8)
            await #expect(throws: AwardError.self) {
                try await papers.setTemplate(org: "TX-HL", kind: .decision, format: .html, body: html, by: u.minh)
            }

            let version = try await papers.setTemplate(org: "TX-HL", kind: .decision, format: .html, body: html, by: u.admin)
            #expect(version.version == 1)
            // A Word template of the org's own: the default with one line changed.
            var parts = try WordPackage.parts(of: try await papers.template(org: nil, kind: .decision, format: .docx))
            let index = try #require(parts.firstIndex { $0.0 == "word/document.xml" })
            parts[index].1 = Data(String(decoding: parts[index].1, as: UTF8.self).replacingOccurrences(of: "QUYẾT ĐỊNH:", with: "QUYẾT ĐỊNH (MẪU RIÊNG):").utf8)
            _ = try await papers.setTemplate(org: "TX-HL", kind: .decision, format: .docx, body: try WordPackage.zip(parts), by: u.admin)

            let second = try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: [ids[1]], by: u.minh, date: Self.date("2026-11-19"))
            let old = String(decoding: try await papers.decision(first.id, format: .html).bytes, as: UTF8.self)
            let new = String(decoding: try await papers.decision(second.id, format: .html).bytes, as: UTF8.self)
            #expect(!old.contains("MẪU RIÊNG") && old.contains("QUYẾT ĐỊNH"), "the earlier decision keeps the template of its day")
            #expect(new.contains("MẪU RIÊNG 02/QĐ-UBND") && new.contains("Nguyễn Thị Ánh Tuyết 2"), "the new one uses the org's template")
            let oldWord = Self.paragraphs(try Self.documentXML(try await papers.decision(first.id, format: .docx).bytes))
            let newWord = Self.paragraphs(try Self.documentXML(try await papers.decision(second.id, format: .docx).bytes))
            #expect(oldWord.contains("QUYẾT ĐỊNH:") && newWord.contains("QUYẾT ĐỊNH (MẪU RIÊNG):"))
            // A file that is not a Word package is refused as a .docx template.
            await #expect(throws: AwardError.self) {
                try await papers.setTemplate(org: "TX-HL", kind: .decision, format: .docx, body: Data("not a zip".utf8), by: u.admin)
            }
            #expect(try await engine.templateVersions(org: "TX-HL").map(\.version) == [1, 1])
        }
    }

    @Test func certificatesLandWhereTheLayoutAndTheOffsetSay() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let ids = try await Self.pending(engine, u, count: 3)
            let decision = try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: ids, by: u.minh, date: Self.date("2026-11-18"),
                                                   details: .init(signer: "Nguyễn Văn Minh"))
            var layout = try await engine.certificateLayout(org: "TX-HL")
            #expect(layout == .standard)
            layout.offsetX = 2.5
            layout.offsetY = -1
            // A field off the page, or an approver of another org, changes nothing.
            var outside = layout
            outside.fields["name"]?.x = 290
            await #expect(throws: AwardError.self) { try await engine.setCertificateLayout(org: "TX-HL", outside, by: u.minh) }
            await #expect(throws: AwardError.self) { try await engine.setCertificateLayout(org: "TX-HL", layout, by: u.hoa) }
            #expect(try db.count("SELECT count(*) AS n FROM certificate_layouts") == 0)
            _ = try await engine.setCertificateLayout(org: "TX-HL", layout, by: u.minh)

            let papers = Papers(engine: engine)
            let all = String(decoding: try await papers.certificates(decision: decision.id, format: .html).bytes, as: UTF8.self)
            #expect(all.components(separatedBy: "class=\"sheet\"").count - 1 == 3)
            #expect(all.contains("left:42.5mm;top:77mm;width:217mm;font-size:22pt"), "the name at 40+2.5, 78−1 mm")
            #expect(all.contains("@page { size: 297mm 210mm; margin: 0; }"))
            #expect(!all.contains("class=\"blank\""))
            let one = String(decoding: try await papers.certificates(decision: decision.id, nomination: ids[1], background: true, format: .html).bytes,
                             as: UTF8.self)
            #expect(one.components(separatedBy: "class=\"sheet\"").count - 1 == 1 && one.contains("Nguyễn Thị Ánh Tuyết 2") && one.contains("class=\"blank\""))
            await #expect(throws: AwardError.self) {
                try await papers.certificates(decision: decision.id, nomination: 999_999, format: .html)
            }
            // Outside the viewer's jurisdiction the decision does not exist.
            let hidden = await #expect(throws: AwardError.self) { try await papers.certificates(decision: decision.id, format: .html, viewer: u.sung) }
            #expect(hidden?.category == .notFound)
        }
    }

    @Test func aProposalLetterListsWhatTheOrgSentUpWithTheCouncilVote() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            var ids: [Int64] = []
            for name in ["Tổ dân phố số 1", "Tổ dân phố số 2"] {
                ids.append(try await engine.nominate(.init(kind: "bang-khen-tinh", unit: "P-HB", nomineeName: name, nomineeType: .collective), by: u.lan).id)
            }
            for id in ids { _ = try await engine.perform(.approve, on: id, by: u.minh, vote: VoteTally(members: 9, present: 9, inFavour: 8)) }
            let papers = Papers(engine: engine)
            let letter = try await papers.proposal(ids, format: .docx, viewer: u.minh)
            let text = Self.paragraphs(try Self.documentXML(letter.bytes))
            #expect(text.contains("TỜ TRÌNH") && text.contains("Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Lào Cai."))
            #expect(text.filter { $0 == "8/9 (89%)" }.count == 2, "each line carries the council's vote")
            // The province decides a provincial Bằng khen: it is asked to decide.
            #expect(text.contains("Kính trình Chủ tịch Ủy ban nhân dân tỉnh Lào Cai xem xét, quyết định./."))
            // The province did not send them up; a nomination never sent up has no letter.
            let notSent = await #expect(throws: AwardError.self) { try await papers.proposal(ids, format: .html, viewer: u.hoa) }
            #expect(notSent?.code == .notForwarded)
            let other = try await Self.pending(engine, u, count: 1)
            await #expect(throws: AwardError.self) { try await papers.proposal(other, format: .html, viewer: u.minh) }
            await #expect(throws: AwardError.self) { try await papers.proposal([ids[0], ids[0]], format: .html, viewer: u.minh) }
        }
    }

    @Test func aLetterForThePrimeMinistersAwardAsksTheProvinceToSubmitAndHisPapersAreHeadedByTheOffice() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            let n = try await engine.nominate(.init(kind: "bang-khen-ttg", unit: "TH-HB", nomineeName: "Trường Tiểu học Hàm Rồng",
                                                    nomineeType: .collective, year: 2025), by: u.lan)
            _ = try await engine.perform(.approve, on: n.id, by: u.minh, actingFor: "TX-HL")
            let letter = try await Papers(engine: engine).proposal([n.id], format: .html, viewer: u.minh)
            let html = String(decoding: letter.bytes, as: UTF8.self)
            #expect(html.contains("xem xét, trình Thủ tướng Chính phủ tặng Bằng khen"))
            #expect(html.contains("Kính trình Chủ tịch Ủy ban nhân dân tỉnh Lào Cai xem xét, trình Thủ tướng Chính phủ./."))
            #expect(!html.contains("xem xét, quyết định"))
            // It encloses only what the dossier holds: no council record was uploaded.
            #expect(html.contains("Hồ sơ gồm: tờ trình, danh sách.") && !html.contains("biên bản"))
            _ = try await engine.addDocument(to: n.id, type: .bienBan, name: "bien-ban.pdf", content: Array("%PDF-1.4\n%%EOF\n".utf8), by: u.minh)
            let again = String(decoding: try await Papers(engine: engine).proposal([n.id], format: .html, viewer: u.minh).bytes, as: UTF8.self)
            #expect(again.contains("Hồ sơ gồm: tờ trình, danh sách, biên bản"))
        }
        let government = Authority(org: PaperOrg(code: "TW", name: "Chính phủ", level: .central, ancestors: []))
        #expect(government.heading.issuer == ["THỦ TƯỚNG CHÍNH PHỦ"])
        #expect(government.signature(prefix: .kt, title: "Phó Thủ tướng") == ["KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"])
        #expect(government.organisationLaw(on: Self.date("2026-01-10")) == "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 2 năm 2025")
        let province = Authority(org: PaperOrg(code: "LC", name: "UBND tỉnh Lào Cai", level: .province, ancestors: ["Chính phủ"]))
        #expect(province.signature(prefix: .tm, title: "Chủ tịch") == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"])
        #expect(province.signature(prefix: nil, title: nil) == ["CHỦ TỊCH"])
        #expect(province.signature(prefix: .q, title: nil) == ["Q. CHỦ TỊCH"])
        #expect(province.organisationLaw(on: Self.date("2025-06-30")) == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015")
        #expect(Authority.emulationDecree(on: Self.date("2025-07-01"))?.contains("152/2025/NĐ-CP") == true)
        // An administrative unit under its official name (the unit import's) decides through its People's Committee.
        let unit = Authority(org: PaperOrg(code: "P15", name: "Tỉnh Lào Cai", level: .province, ancestors: ["Chính phủ"]))
        #expect(unit.heading.issuer == ["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"] && unit.place == "Lào Cai")
        #expect(Authority.expand("Phường Lào Cai")?.rest == "phường Lào Cai" && Authority.expand("Sở Nội vụ tỉnh Lào Cai") == nil)
    }
}
