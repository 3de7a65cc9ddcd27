import AwardDomain
import AwardPostgres
import AwardSigning
import Foundation
import Synchronization
import X509

extension AwardEngine {
    /// The server's token, once awardd (or awardctl) has been told where it is.
    public func useSigningToken(_ token: SigningToken?) { signingTokenBox.withLock { $0 = token } }

    var signingToken: SigningToken? { signingTokenBox.withLock { $0 } }

    /// The leader's signature on a decision awaiting it: `upload` is the PDF the leader signed
    /// elsewhere (their own USB token, with the CA's signing tool) and must be the frozen file with
    /// one signature added; without it, the key labelled with the leader's login on the server's
    /// token signs (remote signing). The signature must be intact and chain to a trusted root.
    public func signDecision(_ id: Int64, upload: [UInt8]? = nil, by principal: Principal, now: Date = Date()) async throws(AwardError) -> DecisionSignatures {
        let (facts, unsigned, roots) = try await lease { c in
            let facts = try Self.signerFacts(c, id, principal, now: now)
            guard let unsigned = try SignatureStore.file(c, decision: id, stage: .unsigned) else {
                throw AwardError(.refused, code: .signatureState, "download the decision's PDF to sign first (it is frozen then)",
                                 vi: "Hãy tải bản PDF để ký trước (bản này được lưu cố định khi tải lần đầu).")
            }
            guard try SignatureStore.file(c, decision: id, stage: .signed) == nil else { throw Self.already(id, "signed", vi: "lãnh đạo đã ký") }
            return (facts, unsigned, try Self.trustedRoots(c))
        }
        let candidate: [UInt8]
        if let upload { candidate = upload } else {
            candidate = try await Self.serverSign(unsigned, key: principal.name, token: signingToken, field: "LanhDao",
                                                  reason: "Ký ban hành quyết định", name: nil, now: now)
        }
        let signer = try await Self.checkRevision(candidate, extending: unsigned, signatures: 1, roots: roots, now: now)
        return try await transaction { c in
            guard try SignatureStore.record(c, decision: id, stage: .signed, pdf: candidate, signer: signer, method: upload == nil ? "token" : "upload",
                                            by: principal.name) else { throw Self.already(id, "signed", vi: "lãnh đạo đã ký") }
            return try Self.signatures(c, facts)
        }
    }

    /// The organisation's signature (the clerk, văn thư): the key labelled with the issuer's code on
    /// the server's token signs the leader-signed file as a second revision (or `upload` is that
    /// file, sealed elsewhere); the decision is then issued (`decision.issued`).
    public func sealDecision(_ id: Int64, upload: [UInt8]? = nil, by principal: Principal, now: Date = Date()) async throws(AwardError) -> DecisionSignatures {
        let (facts, signed, roots) = try await lease { c in
            let facts = try Self.signingFacts(c, id, principal, .sealDecision)
            guard facts.signing, let signed = try SignatureStore.file(c, decision: id, stage: .signed) else {
                throw AwardError(.refused, code: .signatureState, "decision \(id) has no leader's signature to seal",
                                 vi: "Quyết định số \(id) chưa có chữ ký số của lãnh đạo nên chưa đóng dấu số được.")
            }
            guard try SignatureStore.file(c, decision: id, stage: .sealed) == nil else { throw Self.already(id, "sealed", vi: "đã đóng dấu số và phát hành") }
            return (facts, signed, try Self.trustedRoots(c))
        }
        let candidate: [UInt8]
        if let upload { candidate = upload } else {
            candidate = try await Self.serverSign(signed, key: facts.issuerCode, token: signingToken, field: "ConDau",
                                                  reason: "Đóng dấu số, phát hành", name: nil, now: now)
        }
        let signer = try await Self.checkRevision(candidate, extending: signed, signatures: 2, roots: roots, now: now)
        return try await transaction { c in
            guard try SignatureStore.record(c, decision: id, stage: .sealed, pdf: candidate, signer: signer, method: upload == nil ? "token" : "upload",
                                            by: principal.name) else { throw Self.already(id, "sealed", vi: "đã đóng dấu số và phát hành") }
            return try Self.signatures(c, facts)
        }
    }

    /// The signed original a decision's PDF is served as once it exists (sealed, else signed), with
    /// the stage; nil while unsigned.
    public func signedOriginal(_ id: Int64, viewer: Principal?) async throws(AwardError) -> (stage: DecisionStage, pdf: [UInt8])? {
        try await lease { c in
            _ = try Self.signingFacts(c, id, viewer, .readDecision)
            if let sealed = try SignatureStore.file(c, decision: id, stage: .sealed) { return (.sealed, sealed) }
            return try SignatureStore.file(c, decision: id, stage: .signed).map { (.signed, $0) }
        }
    }

    /// Whether a stored file's signatures all hold against the trusted roots (the verify page).
    func signaturesHold(_ pdf: [UInt8], roots: [Certificate], now: Date = Date()) async -> Bool {
        let checks = await PDFSignatureVerifier.verify(pdf, trustRoots: roots, at: now)
        return !checks.isEmpty && checks.allSatisfy { $0.intact && $0.trusted } && checks.last!.coversWholeFile
    }

    static func already(_ id: Int64, _ what: String, vi: String) -> AwardError {
        AwardError(.conflict, code: .signatureState, "decision \(id) is \(what) already", vi: "Quyết định số \(id) \(vi) rồi.")
    }

    /// Signs `pdf` with the key labelled `key` on the server's token.
    static func serverSign(_ pdf: [UInt8], key: String, token: SigningToken?, field: String, reason: String, name: String?, now: Date) async throws(AwardError) -> [UInt8] {
        guard let token else {
            throw AwardError(.refused, code: .signatureState, "no signing token is configured: upload the signed PDF instead",
                             vi: "Máy chủ chưa cấu hình thiết bị ký số: hãy tải lên bản PDF đã ký bằng công cụ ký của mình.", field: "file")
        }
        do {
            let intermediates = try token.intermediates.map { try Certificate(pemEncoded: $0) }
            let identity = try SigningIdentity(token: TokenKey(module: token.module, token: token.label, pin: token.pin, label: key), intermediates: intermediates)
            return try PDFSignatureWriter.prepare(pdf, field: field, reason: reason, name: name ?? identity.commonName, location: nil, time: now)
                .signed(by: identity, at: now)
        } catch {
            throw AwardError(.refused, code: .badSignature, "the server's token could not sign with key \(key): \(error)",
                             vi: "Thiết bị ký số của máy chủ không ký được bằng khóa «\(key)»: kiểm tra khóa và chứng thư trên thiết bị.")
        }
    }

    /// Checks a new revision: it begins with `base`, holds `signatures` signatures, the last covering
    /// the whole file, every one intact and trusted. Returns the new signer's name.
    static func checkRevision(_ pdf: [UInt8], extending base: [UInt8], signatures: Int, roots: [Certificate], now: Date) async throws(AwardError) -> String {
        guard pdf.count <= 20 * 1024 * 1024 else {
            throw AwardError(.invalidInput, code: .documentTooLarge, "a signed decision is at most 20 MiB", vi: "Tệp đã ký tối đa 20 MB.", field: "file")
        }
        guard pdf.count > base.count, pdf.starts(with: base) else {
            throw AwardError(.refused, code: .badSignature, "the file is not the decision's file with a signature added",
                             vi: "Tệp tải lên không phải bản quyết định đã lưu để ký cộng thêm chữ ký: có thể đã ký trên một bản khác.", field: "file")
        }
        let checks = await PDFSignatureVerifier.verify(pdf, trustRoots: roots, at: now)
        guard checks.count == signatures, let last = checks.last, last.coversWholeFile else {
            throw AwardError(.refused, code: .badSignature, "expected \(signatures) signature(s), the last covering the whole file; found \(checks.count)",
                             vi: "Tệp cần có đúng \(signatures) chữ ký số, chữ ký sau cùng bao trùm toàn bộ tệp; tệp này có \(checks.count).", field: "file")
        }
        if let broken = checks.first(where: { !$0.intact }) {
            throw AwardError(.refused, code: .badSignature, "a signature does not hold: \(broken.problem ?? "")",
                             vi: "Chữ ký số của \(broken.signer ?? "người ký") không hợp lệ (nội dung đã bị thay đổi sau khi ký).", field: "file")
        }
        if let untrusted = checks.first(where: { !$0.trusted }) {
            throw AwardError(.refused, code: .badSignature, "\(untrusted.signer ?? "a signer")'s certificate does not chain to a trusted root",
                             vi: "Chứng thư số của \(untrusted.signer ?? "người ký") không thuộc tổ chức chứng thực được tin cậy.", field: "file")
        }
        return last.signer ?? "?"
    }
}
