@testable import AwardDocuments
@testable import AwardEngine
import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// The Word decision keeps the layout of Decree 30/2020 (issue 26): converted by LibreOffice it has
/// the pages of chromium's PDF, "Nơi nhận" stands left of the signer's title on the same lines, and
/// a rule stands under the issuer's name, in both.
@Suite struct WordLayoutTests {
    struct Printed {
        var name: String
        var pages: Int
        var file: URL
    }

    @Test func theWordDecisionPrintedByLibreOfficeLooksLikeChromiumsPDF() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            let ids = try await DecisionPaperTests.pending(engine, u, count: 3)
            let decision = try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: ids, by: u.minh, date: DecisionPaperTests.date("2026-11-18"),
                                                   details: .init(signer: "Nguyễn Văn Minh", onBehalf: true))
            let papers = Papers(engine: engine)
            let dir = try Tools.directory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let chromium = dir.appendingPathComponent("chromium.pdf")
            try await papers.decision(decision.id, format: .pdf, viewer: u.minh).bytes.write(to: chromium)
            let word = dir.appendingPathComponent("libreoffice.docx")
            try await papers.decision(decision.id, format: .docx, viewer: u.minh).bytes.write(to: word)
            _ = try Tools.output("HOME=\(dir.path)", ["soffice", "--headless", "--convert-to", "pdf", "--outdir", dir.path, word.path])
            let libreoffice = dir.appendingPathComponent("libreoffice.pdf")

            let printed = try [("chromium", chromium), ("LibreOffice", libreoffice)].map { name, file in
                let info = try Tools.output("pdfinfo", [file.path])
                let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
                return Printed(name: name, pages: pages, file: file)
            }
            #expect(printed[0].pages == printed[1].pages, "chromium prints \(printed[0].pages) pages, LibreOffice \(printed[1].pages)")
            for paper in printed {
                try Self.checkSignatureBlock(paper)
                try Self.checkIssuerRule(paper, dir: dir)
            }
        }
    }

    /// "Nơi nhận:" and the signer's title ("KT. CHỦ TỊCH") on the same page and lines, left and right.
    static func checkSignatureBlock(_ paper: Printed) throws {
        for page in 1...max(1, paper.pages) {
            let words = DecisionPaperTests.boxes(try Tools.output("pdftotext", ["-bbox", "-f", "\(page)", "-l", "\(page)", paper.file.path, "-"]))
            guard let received = words.first(where: { $0.word == "Nơi" }) else { continue }
            let title = try #require(words.first { $0.word == "KT." }, "\(paper.name): the signer's title is on the page of «Nơi nhận»")
            #expect(received.xMin < title.xMin - 100, "\(paper.name): «Nơi nhận» stands left of the signer's title")
            #expect(abs(received.yMin - title.yMin) < 20, "\(paper.name): «Nơi nhận» and the title start on the same lines (\(received.yMin) vs \(title.yMin))")
            return
        }
        Issue.record("\(paper.name): no page carries «Nơi nhận»")
    }

    /// A dark horizontal run of at least 20 mm between the issuer's last line and the number line.
    static func checkIssuerRule(_ paper: Printed, dir: URL) throws {
        let words = DecisionPaperTests.boxes(try Tools.output("pdftotext", ["-bbox", "-f", "1", "-l", "1", paper.file.path, "-"]))
        let number = try #require(words.first { $0.word == "Số:" }, "\(paper.name): the number line")
        let issuerColumn = number.xMin + 160
        let issuerBottom = try #require(words.filter { $0.xMin < issuerColumn && $0.yMin < number.yMin - 2 }.map(\.yMin).max())
        // At 72 dpi a pixel is a point: rows from the issuer's last line's top to the number's top.
        let prefix = dir.appendingPathComponent("\(paper.name)-page")
        _ = try Tools.output("pdftoppm", ["-gray", "-r", "72", "-f", "1", "-l", "1", "-singlefile", paper.file.path, prefix.path])
        let image = try Gray(Data(contentsOf: URL(fileURLWithPath: prefix.path + ".pgm")))
        var longest = 0
        for y in Int(issuerBottom + 10)..<min(image.height, Int(number.yMin)) {
            var run = 0
            for x in 0..<min(image.width, Int(issuerColumn)) {
                run = image[x, y] < 128 ? run + 1 : 0
                longest = max(longest, run)
            }
        }
        #expect(longest >= 57, "\(paper.name): a rule of 20 mm or more under the issuer (longest dark run \(longest) pt)")
    }

    /// A binary PGM (P5) as pdftoppm writes it.
    struct Gray {
        let width: Int, height: Int
        let pixels: [UInt8]

        init(_ data: Data) throws {
            let bytes = [UInt8](data)
            var fields: [String] = [], index = 0, current = ""
            while fields.count < 4, index < bytes.count {
                let c = bytes[index]; index += 1
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                    if !current.isEmpty { fields.append(current); current = "" }
                } else { current.append(Character(UnicodeScalar(c))) }
            }
            guard fields.count == 4, fields[0] == "P5", let width = Int(fields[1]), let height = Int(fields[2]) else {
                throw CocoaError(.fileReadCorruptFile)
            }
            self.width = width
            self.height = height
            pixels = Array(bytes[index..<min(bytes.count, index + width * height)])
        }

        subscript(x: Int, y: Int) -> UInt8 { pixels[y * width + x] }
    }
}
