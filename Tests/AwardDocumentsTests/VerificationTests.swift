@testable import AwardDocuments
@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Issue 29, verification anyone can do: each certificate carries its code and a QR code that a
/// standard reader (zbarimg) decodes to /verify/{code} under the site's public address; the code
/// says what it names and whether it still stands.
@Suite struct VerificationTests {
    static func date(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    @Test func aPrintedCertificatesQRCodeLeadsToItsCodeAndTheCodeSaysWhetherTheAwardStands() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let ids = try await DecisionPaperTests.pending(engine, u, count: 2)
            let decision = try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: ids, by: u.minh, date: Self.date("2026-11-18"))
            let papers = Papers(engine: engine)
            let codes = try db.column("SELECT verify_code AS v FROM nominations WHERE id IN (\(ids[0]), \(ids[1])) ORDER BY id")
            #expect(codes.count == 2 && codes.allSatisfy { $0.range(of: "^K[0-9A-F]{11}$", options: .regularExpression) != nil })

            // Before the site's address is set, the code alone.
            let before = String(decoding: try await papers.certificates(decision: decision.id, format: .html).bytes, as: UTF8.self)
            #expect(before.contains("Mã xác thực: \(Verification.grouped(codes[0]))") && !before.contains("<svg"))

            // Only an admin sets it, and only to an http(s) address.
            let admin = try await engine.principal(named: "admin")
            let notAdmin = await #expect(throws: AwardError.self) { try await engine.setPublicURL("https://khenthuong.example.vn", by: u.minh) }
            #expect(notAdmin?.code == .roleNotAllowed)
            for bad in ["ftp://khenthuong.example.vn", "javascript:alert(1)", "https://", "https://x.vn/?a=1"] {
                let refused = await #expect(throws: AwardError.self) { try await engine.setPublicURL(bad, by: admin) }
                #expect(refused?.code == .badPublicURL && refused?.field == "public_url", "\(bad)")
            }
            #expect(try await engine.publicURL() == nil)
            #expect(try await engine.setPublicURL("https://khenthuong.example.vn/", by: admin) == "https://khenthuong.example.vn")

            // The PDF's QR codes, read back from its pages by zbarimg, are the two verify addresses.
            let dir = try Tools.directory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let pdf = dir.appendingPathComponent("giay-khen.pdf")
            try await papers.certificates(decision: decision.id, format: .pdf).bytes.write(to: pdf)
            _ = try Tools.output("pdftoppm", ["-r", "150", "-png", pdf.path, dir.appendingPathComponent("page").path])
            let pages = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".png") }.sorted()
            #expect(pages.count == 2)
            var decoded: Set<String> = []
            for page in pages {
                let read = try Tools.output("zbarimg", ["--quiet", "--raw", dir.appendingPathComponent(page).path])
                decoded.formUnion(read.split(separator: "\n").map(String.init))
            }
            #expect(decoded == Set(codes.map { "https://khenthuong.example.vn/verify/\($0)" }))
            let text = try Tools.output("pdftotext", [pdf.path, "-"])
            #expect(text.contains("Mã xác thực: \(Verification.grouped(codes[1]))"))
            // The decision itself ends with its own code and QR code (after its list); its Word form with the code and address.
            let decisionCode = try db.column("SELECT verify_code AS v FROM decisions WHERE id = \(decision.id)")[0]
            let decisionPDF = dir.appendingPathComponent("quyet-dinh.pdf")
            try await papers.decision(decision.id, format: .pdf).bytes.write(to: decisionPDF)
            _ = try Tools.output("pdftoppm", ["-r", "150", "-png", decisionPDF.path, dir.appendingPathComponent("qd").path])
            var decisionRead: Set<String> = []
            for page in try FileManager.default.contentsOfDirectory(atPath: dir.path).filter({ $0.hasPrefix("qd") && $0.hasSuffix(".png") }) {
                let read = try Tools.run("zbarimg", ["--quiet", "--raw", dir.appendingPathComponent(page).path])
                decisionRead.formUnion(read.stdout.split(separator: "\n").map(String.init))
            }
            #expect(decisionRead == ["https://khenthuong.example.vn/verify/\(decisionCode)"])
            let word = String(decoding: try await papers.decision(decision.id, format: .html).bytes, as: UTF8.self)
            #expect(word.contains("Mã xác thực: \(Verification.grouped(decisionCode))"))

            // The code, typed the way people type it, names the certificate; the decision's own code its list.
            let certificate = try await engine.verify(code: " " + Verification.grouped(codes[0]).lowercased())
            #expect(certificate.subject == .certificate && certificate.stands && certificate.chainHolds && !certificate.signed)
            let issuer = try db.column("SELECT name AS v FROM orgs WHERE code = 'TX-HL'")[0]
            #expect(certificate.decisionNumber == decision.number && certificate.issuer == issuer && certificate.issuerNow == nil)
            #expect(certificate.recipient?.name.precomposedStringWithCanonicalMapping == "Nguyễn Thị Ánh Tuyết 1")
            #expect(decisionCode.hasPrefix("Q"))
            let whole = try await engine.verify(code: decisionCode)
            #expect(whole.subject == .decision && whole.recipientCount == 2 && whole.recipients.count == 2 && whole.stands && whole.recipient == nil)

            // Annulled: the certificate says so and by which decision; the decision counts it.
            _ = try await engine.perform(.revoke, on: ids[0], by: u.minh, reason: "Khai man thành tích", decision: .init(number: nil, date: Self.date("2026-11-20")))
            let annulled = try await engine.verify(code: codes[0])
            #expect(!annulled.stands && annulled.annulment?.number == "2/QĐ-UBND" && annulled.annulment?.decidedOn == Self.date("2026-11-20"))
            let partly = try await engine.verify(code: decisionCode)
            #expect(!partly.stands && partly.annulledCount == 1)
            #expect(try await engine.verify(code: codes[1]).stands)

            // A made-up code and a malformed one are not found, in the same words.
            for made in ["K000000000000", "KDEADBEEF0001", "xyz", String(repeating: "Q", count: 200)] {
                let missing = await #expect(throws: AwardError.self) { try await engine.verify(code: made) }
                #expect(missing?.category == .notFound && missing?.code == .unknownVerifyCode, "\(made.prefix(20))")
            }
        }
    }
}
