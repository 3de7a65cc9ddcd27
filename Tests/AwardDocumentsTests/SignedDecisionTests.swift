@testable import AwardDocuments
@testable import AwardSigning
@testable import AwardEngine
import AwardDomain
import AwardTestSupport
import Foundation
import Testing
import X509

/// Issue 29, a decision moves decided → signed → issued at an org that signs digitally: the PDF
/// to sign is frozen when first served; the leader's upload must be that file with one trusted
/// signature; the clerk's seal (the org's key on the token) issues it and only then is
/// `decision.issued` announced; the served PDF is the stored original; /verify says it holds.
@Suite struct SignedDecisionTests {
    @Test func aDecisionIsFrozenSignedByItsLeaderSealedByTheClerkAndOnlyThenIssued() async throws {
        let dir = try PDFSigningTests.shared.get()
        func text(_ name: String) throws -> String { try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) }
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            _ = try await engine.addUser(name: "vanthu", org: "TX-HL", role: .nominator)
            let clerk = try await engine.principal(named: "vanthu")
            #expect(try await engine.trustRoot(pem: try text("root.pem"), by: u.admin) == "Test Root CA")
            await #expect(throws: AwardError.self) { try await engine.trustRoot(pem: try text("leader.pem"), by: u.admin) }   // not a CA
            await #expect(throws: AwardError.self) { try await engine.trustRoot(pem: try text("root.pem"), by: u.minh) }     // not an admin
            engine.useSigningToken(SigningToken(module: "/usr/lib/softhsm/libsofthsm2.so", label: "Award-Test", pin: "123456",
                                                intermediates: [try text("inter.pem")]))

            // A decision made before the district signs digitally is issued at once, as before.
            let before = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lò Văn Pao", nomineeType: .individual), by: u.lan)
            _ = try await engine.perform(.approve, on: before.id, by: u.minh, decision: .init(number: nil, date: AwardEngine.today(Date())))
            #expect(try db.count("SELECT count(*) AS n FROM events WHERE type = 'decision.issued'") == 1)
            try await engine.setSignsDigitally(org: "TX-HL", true, by: u.minh)
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lò Thị Mai", nomineeType: .individual), by: u.lan)
            _ = try await engine.perform(.approve, on: n.id, by: u.minh, decision: .init(number: nil, date: AwardEngine.today(Date())))
            let id = Int64(try db.count("SELECT decision_id AS n FROM nominations WHERE id = \(n.id)"))
            #expect(try await engine.decisionSignatures(id, viewer: u.minh).state == "decided")
            #expect(try db.count("SELECT count(*) AS n FROM events WHERE type = 'decision.issued'") == 1, "not announced before it is sealed")

            // Nothing to seal yet; a nominator may not fetch the file to sign.
            let early = await #expect(throws: AwardError.self) { try await engine.sealDecision(id, by: clerk) }
            #expect(early?.code == .signatureState)
            let papers = Papers(engine: engine)
            await #expect(throws: AwardError.self) { try await papers.decisionToSign(id, by: u.lan) }

            // The file to sign is frozen: asked twice, the same bytes.
            let toSign = Array(try await papers.decisionToSign(id, by: u.minh).bytes)
            #expect(Array(try await papers.decisionToSign(id, by: u.minh).bytes) == toSign)

            // Uploads refused: signed over other content, signed by a certificate of an untrusted CA; nothing recorded.
            let leader = try SigningIdentity(chainPEM: try text("leader-chain.pem"), keyPEM: try text("leader.key"))
            var other = toSign
            other[other.count / 3] ^= 0x01
            let elsewhere = try PDFSignatureWriter.prepare(other, field: "LanhDao", reason: "Ký", name: nil, location: nil, time: Date()).signed(by: leader, at: Date())
            let wrongContent = await #expect(throws: AwardError.self) { try await engine.signDecision(id, upload: elsewhere, by: u.minh) }
            #expect(wrongContent?.code == .badSignature && wrongContent?.field == "file")
            let stranger = try PDFSigningTests.pki(leaderLabel: "x", sealLabel: "y")
            defer { try? FileManager.default.removeItem(at: stranger) }
            let untrustedKey = try SigningIdentity(chainPEM: try String(contentsOf: stranger.appendingPathComponent("leader-chain.pem"), encoding: .utf8),
                                                   keyPEM: try String(contentsOf: stranger.appendingPathComponent("leader.key"), encoding: .utf8))
            let untrusted = try PDFSignatureWriter.prepare(toSign, field: "LanhDao", reason: "Ký", name: nil, location: nil, time: Date()).signed(by: untrustedKey, at: Date())
            let untrustedRefusal = await #expect(throws: AwardError.self) { try await engine.signDecision(id, upload: untrusted, by: u.minh) }
            #expect(untrustedRefusal?.code == .badSignature && untrustedRefusal?.messageVI.contains("không thuộc tổ chức chứng thực") == true)
            #expect(try db.count("SELECT count(*) AS n FROM decision_files WHERE stage <> 'unsigned'") == 0)

            // The leader's own signature, made elsewhere on the frozen file: accepted.
            let signed = try PDFSignatureWriter.prepare(toSign, field: "LanhDao", reason: "Ký ban hành", name: leader.commonName, location: "Lào Cai", time: Date())
                .signed(by: leader, at: Date())
            let afterSigning = try await engine.signDecision(id, upload: signed, by: u.minh)
            #expect(afterSigning.state == "signed" && afterSigning.stages.last?.signer == "Nguyễn Văn A" && afterSigning.stages.last?.method == "upload")
            await #expect(throws: AwardError.self) { try await engine.signDecision(id, upload: signed, by: u.minh) }   // once

            // The clerk seals with the district's key on the token: issued, announced once, with the file's SHA-256.
            let issued = try await engine.sealDecision(id, by: clerk)
            #expect(issued.state == "issued" && issued.stages.map(\.stage) == [.unsigned, .signed, .sealed])
            #expect(try db.count("SELECT count(*) AS n FROM events WHERE type = 'decision.issued' AND payload ->> 'sha256' = \(issued.stages[2].sha256)") == 1)
            // The PDF served from now on is the stored original; its signatures hold for pdfsig and this module.
            let served = Array(try await papers.decision(id, format: .pdf, viewer: u.minh).bytes)
            let checks = await PDFSignatureVerifier.verify(served, trustRoots: [try Certificate(pemEncoded: try text("root.pem"))])
            #expect(checks.count == 2 && checks.allSatisfy { $0.intact && $0.trusted } && checks[1].coversWholeFile, "\(checks)")
            #expect(served.starts(with: signed))
            // Its HTML and Word views say that a signed original exists.
            let view = String(decoding: try await papers.decision(id, format: .html, viewer: u.minh).bytes, as: UTF8.self)
            #expect(view.contains("Bản chính của quyết định này là tệp PDF đã được lãnh đạo ký số và cơ quan đóng dấu số"))
            let word = try await papers.decision(id, format: .docx, viewer: u.minh).bytes
            let body = try #require(try WordPackage.parts(of: Data(word)).first { $0.0 == "word/document.xml" }?.1)
            #expect(String(decoding: body, as: UTF8.self).contains("Bản chính của quyết định này là tệp PDF"))
            // Anyone with the code sees that its signatures hold; the files cannot be edited.
            let code = try db.column("SELECT verify_code AS v FROM decisions WHERE id = \(id)")[0]
            #expect(try await engine.verify(code: code).signed)
            #expect(throws: (any Error).self) { try db.execute("UPDATE decision_files SET signer = 'x'") }
            #expect(throws: (any Error).self) { try db.execute("DELETE FROM decision_files") }
        }
    }
}
