@testable import AwardDocuments
@testable import AwardSigning
@testable import AwardEngine
import AwardDomain
import AwardTestSupport
import Foundation
import Testing
import X509

/// Issue 29, digital signatures: a decision's PDF signed by the leader, then sealed by the
/// organisation's key on a PKCS#11 token (SoftHSM2 for the USB token) as a second incremental
/// revision; verified by this module, by poppler's pdfsig and by pyHanko against the test root.
@Suite struct PDFSigningTests {
    /// A test PKI and token (scripts/test-pki) in a fresh directory; `labels` names the token's keys.
    static func pki(leaderLabel: String = "minh", sealLabel: String = "TX-HL") throws -> URL {
        let dir = try Tools.directory()
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        _ = try Tools.output("AWARD_PKI_LEADER_LABEL=\(leaderLabel)", ["AWARD_PKI_SEAL_LABEL=\(sealLabel)", repository.appendingPathComponent("scripts/test-pki").path, dir.path])
        return dir
    }

    /// The one test PKI whose token this process uses (SOFTHSM2_CONF is the process's): made once.
    static let shared: Result<URL, any Error> = Result {
        let dir = try pki()
        setenv("SOFTHSM2_CONF", dir.appendingPathComponent("softhsm2.conf").path, 1)
        return dir
    }

    static func decisionPDF() async throws -> [UInt8] {
        var pdf: [UInt8] = []
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lò Thị Mai", nomineeType: .individual), by: u.lan)
            _ = try await engine.perform(.approve, on: n.id, by: u.minh, decision: .init(number: nil, date: AwardEngine.today(Date())))
            let id = try await engine.lease { c in try c.execute("SELECT max(id) AS id FROM decisions").first!.int("id") }
            pdf = Array(try await Papers(engine: engine).decision(id, format: .pdf).bytes)
        }
        return pdf
    }

    @Test func aDecisionSignedByTheLeaderAndSealedOnTheTokenVerifiesWithPdfsigAndPyHanko() async throws {
        let dir = try Self.shared.get()
        func text(_ name: String) throws -> String { try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) }
        let root = try Certificate(pemEncoded: try text("root.pem"))
        let intermediate = try Certificate(pemEncoded: try text("inter.pem"))
        let unsigned = try await Self.decisionPDF()

        // The leader signs with a key file; the clerk seals with the organisation's key on the token.
        let leader = try SigningIdentity(chainPEM: try text("leader-chain.pem"), keyPEM: try text("leader.key"))
        #expect(leader.commonName == "Nguyễn Văn A")
        let now = Date()
        let signed = try PDFSignatureWriter.prepare(unsigned, field: "LanhDao", reason: "Ký ban hành quyết định", name: leader.commonName,
                                                    location: "Lào Cai", time: now).signed(by: leader, at: now)
        #expect(Array(signed.prefix(unsigned.count)) == unsigned, "an incremental update leaves the original bytes")
        let seal = try SigningIdentity(token: TokenKey(module: "/usr/lib/softhsm/libsofthsm2.so", token: "Award-Test", pin: "123456", label: "TX-HL"),
                                       intermediates: [intermediate])
        let sealed = try PDFSignatureWriter.prepare(signed, field: "ConDau", reason: "Đóng dấu, ghi số và ngày ban hành", name: seal.commonName,
                                                    location: "Lào Cai", time: now).signed(by: seal, at: now)
        #expect(Array(sealed.prefix(signed.count)) == signed)

        // This module: two intact, trusted signatures; the seal covers the whole file, the leader's the first revision.
        let checks = await PDFSignatureVerifier.verify(sealed, trustRoots: [root])
        #expect(checks.map(\.signer) == ["Nguyễn Văn A", "UBND tỉnh Lào Cai"])
        #expect(checks.allSatisfy { $0.intact && $0.trusted }, "\(checks)")
        #expect(checks.map(\.coversWholeFile) == [false, true] && checks[0].revisionEnd == signed.count)

        // pdfsig with an NSS database trusting the test root; pyHanko with the root as its only trust.
        let work = try Tools.directory()
        defer { try? FileManager.default.removeItem(at: work) }
        let file = work.appendingPathComponent("qd-sealed.pdf")
        try Data(sealed).write(to: file)
        let nss = work.appendingPathComponent("nssdb")
        try FileManager.default.createDirectory(at: nss, withIntermediateDirectories: true)
        _ = try Tools.output("certutil", ["-N", "-d", "sql:\(nss.path)", "--empty-password"])
        _ = try Tools.output("certutil", ["-A", "-d", "sql:\(nss.path)", "-n", "Test Root CA", "-t", "C,C,C", "-i", dir.appendingPathComponent("root.pem").path])
        let pdfsig = try Tools.output("pdfsig", ["-nssdir", "sql:\(nss.path)", file.path])
        #expect(pdfsig.components(separatedBy: "Signature is Valid.").count == 3, "\(pdfsig)")
        #expect(pdfsig.components(separatedBy: "Certificate is Trusted.").count == 3, "\(pdfsig)")
        #expect(pdfsig.contains("Signer Certificate Common Name: Nguyễn Văn A") && pdfsig.contains("Total document signed"))
        let pyhanko = try Tools.run("python3", ["-m", "pyhanko", "sign", "validate", "--trust", dir.appendingPathComponent("root.pem").path, "--trust-replace", file.path])
        #expect(pyhanko.status == 0, "\(pyhanko.stdout) \(pyhanko.stderr)")
        #expect(pyhanko.stdout.contains("LanhDao") && pyhanko.stdout.contains("ConDau:") && pyhanko.stdout.contains("INTACT:TRUSTED"), "\(pyhanko.stdout)")

        // One byte changed inside the leader's revision: both verifiers and this module say so.
        var tampered = sealed
        let at = unsigned.count / 2
        tampered[at] = tampered[at] == 0x41 ? 0x42 : 0x41
        let tamperedChecks = await PDFSignatureVerifier.verify(tampered, trustRoots: [root])
        #expect(tamperedChecks.allSatisfy { !$0.intact })
        let bad = work.appendingPathComponent("qd-tampered.pdf")
        try Data(tampered).write(to: bad)
        #expect(try Tools.output("pdfsig", ["-nssdir", "sql:\(nss.path)", bad.path]).contains("Digest Mismatch"))
        #expect(try Tools.run("python3", ["-m", "pyhanko", "sign", "validate", "--trust", dir.appendingPathComponent("root.pem").path, "--trust-replace", bad.path]).status != 0)

        // Another PKI's root trusts neither.
        let other = try Self.pki()
        defer { try? FileManager.default.removeItem(at: other) }
        let stranger = try Certificate(pemEncoded: try String(contentsOf: other.appendingPathComponent("root.pem"), encoding: .utf8))
        let untrusted = await PDFSignatureVerifier.verify(sealed, trustRoots: [stranger])
        #expect(untrusted.allSatisfy { $0.intact && !$0.trusted })
    }

    @Test func aFileThatIsNotAPDFOrHasNoTrailerIsRefusedNotGuessedAt() throws {
        #expect(throws: PDFSignatureWriter.Failure.self) {
            try PDFSignatureWriter.prepare(Array("not a pdf".utf8), field: "X", reason: "r", name: nil, location: nil, time: Date())
        }
        #expect(PDFSignatureVerifier.byteRanges(Array("%PDF-1.4 /ByteRange [0 1 2]".utf8)).isEmpty)
        #expect(PDFSignatureVerifier.derFromHex(ArraySlice(Array("30FF".utf8))) == nil)
    }
}
