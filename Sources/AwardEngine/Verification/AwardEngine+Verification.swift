import AwardDomain
import AwardPostgres
import Foundation
import X509

extension AwardEngine {
    /// What a printed code stands for, for anyone (no sign-in): see ``Verification``. An unknown
    /// or malformed code is not found, in the same words either way.
    public func verify(code text: String) async throws(AwardError) -> Verification {
        let code = Verification.normalized(String(text.prefix(64)))
        let notFound = AwardError(.notFound, code: .unknownVerifyCode, "no decision or certificate has the code \(text.prefix(64))",
                                  vi: "Không tìm thấy quyết định hay giấy chứng nhận nào có mã \(text.prefix(64)). Hãy kiểm tra lại mã in trên giấy.",
                                  field: "code")
        guard code.range(of: "^[QK][0-9A-F]{11}$", options: .regularExpression) != nil else { throw notFound }
        var verification = try await readLease { c in
            guard let found = try VerificationStore.find(c, code: code) else { throw notFound }
            let facts = try VerificationStore.decision(c, id: found.decision)
            let listed = try VerificationStore.recipients(c, decision: found.decision, only: found.nomination)
            let closed = try RerouteStore.closedOn(c, org: try OrgStore.org(c, code: facts.issuerCode).id) != nil
            let issuerNow = closed ? OrgProfile.now(closed: true, successors: try LineageStore.links(c, org: try OrgStore.org(c, code: facts.issuerCode).id,
                                                                                                    towards: .successors)) : nil
            return Verification(
                code: code, subject: found.nomination == nil ? .decision : .certificate, decisionNumber: facts.number, decidedOn: facts.date,
                purpose: facts.purpose, issuer: facts.issuer, issuerNow: issuerNow, kindName: facts.kindName,
                recipient: found.nomination == nil ? nil : listed.first?.recipient,
                recipients: found.nomination == nil ? listed.map(\.recipient) : [], recipientCount: facts.recipients,
                annulment: try found.nomination.flatMap { try VerificationStore.annulment(c, nomination: $0) },
                annulledCount: facts.annulled, signed: false,
                chainHolds: try VerificationStore.chainsHold(c, nominations: listed.map(\.id)))
        }
        // A decision signed and sealed digitally: its stored original's signatures, checked now against the trusted roots.
        let original = try await lease { c -> ([UInt8], [Certificate])? in
            guard let id = try VerificationStore.find(c, code: code)?.decision, let sealed = try SignatureStore.file(c, decision: id, stage: .sealed) else { return nil }
            return (sealed, try Self.trustedRoots(c))
        }
        if let (pdf, roots) = original { verification.signed = await signaturesHold(pdf, roots: roots) }
        return verification
    }
}
