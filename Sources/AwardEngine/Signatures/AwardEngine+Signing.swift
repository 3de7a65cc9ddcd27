import AwardDomain
import AwardPostgres
import AwardSigning
import Crypto
import Foundation
import X509

/// A decision's file at each stage of its signing.
public enum DecisionStage: String, Sendable, Codable, Equatable {
    /// Frozen when first served for signing.
    case unsigned
    /// With the leader's signature.
    case signed
    /// With the organisation's signature too: issued.
    case sealed
}

/// Where a decision stands in its signing, and the files recorded.
public struct DecisionSignatures: Sendable, Codable, Equatable {
    public struct Stage: Sendable, Codable, Equatable {
        public var stage: DecisionStage
        public var sha256: String
        @ExplicitNull public var signer: String?
        @ExplicitNull public var method: String?
        public var recordedBy: String
        public var at: Date
        public var bytes: Int

        enum CodingKeys: String, CodingKey { case stage, sha256, signer, method, recordedBy = "recorded_by", at, bytes }
    }
    public var decision: Int64
    /// Its issuer signs digitally: it is issued when sealed.
    public var signing: Bool
    /// "decided", "signed" or "issued".
    public var state: String
    public var stages: [Stage]
    /// What the viewer may do now: sign (its leader, or a delegate who may sign), seal (its clerk).
    public var maySign = false
    public var maySeal = false

    enum CodingKeys: String, CodingKey { case decision, signing, state, stages, maySign = "may_sign", maySeal = "may_seal" }

    /// The state as an officer reads it.
    public var stateVietnamese: String {
        switch state {
        case "decided": "Đã quyết định, chờ lãnh đạo ký số"
        case "signed": "Lãnh đạo đã ký số, chờ văn thư đóng dấu số và phát hành"
        default: signing ? "Đã ký số, đóng dấu số và phát hành" : "Đã ban hành (ký trên giấy)"
        }
    }
}

/// The server's PKCS#11 token: the organisations' seal keys (labelled with the org's code) and the
/// leaders' keys it holds for remote signing (labelled with the user's login).
public struct SigningToken: Sendable, Equatable {
    public var module: String
    public var label: String
    public var pin: String
    /// The CA certificates between the keys' certificates and the root (PEM), put into each signature.
    public var intermediates: [String]

    public init(module: String, label: String, pin: String, intermediates: [String] = []) {
        self.module = module
        self.label = label
        self.pin = pin
        self.intermediates = intermediates
    }
}

extension AwardEngine {
    /// Switches digital signing on or off for an org's decisions recorded from now on.
    public func setSignsDigitally(org: String, _ on: Bool, by principal: Principal) async throws(AwardError) {
        try await transaction { c in
            let target = try OrgStore.org(c, code: org)
            try Policy.require(principal, .setUsualSigner, Subject(org: target.ref))
            try SignatureStore.setSignsDigitally(c, org: target.id, on: on)
        }
    }

    /// Trusts a root certificate (PEM) for the signatures of decisions. Admins only.
    @discardableResult
    public func trustRoot(pem: String, by principal: Principal?) async throws(AwardError) -> String {
        try Policy.require(principal, .manageSite)
        guard pem.utf8.count <= 20_000, let certificate = try? Certificate(pemEncoded: pem) else {
            throw AwardError(.invalidInput, code: .badCertificate, "not a PEM certificate", vi: "Tệp không phải chứng thư số dạng PEM.", field: "certificate")
        }
        guard (try? certificate.extensions.basicConstraints).flatMap({ $0 }).map({ if case .isCertificateAuthority = $0 { true } else { false } }) == true else {
            throw AwardError(.invalidInput, code: .badCertificate, "a trusted root is a CA certificate",
                             vi: "Chứng thư gốc tin cậy phải là chứng thư của tổ chức cung cấp dịch vụ chứng thực (CA).", field: "certificate")
        }
        let der = try? certificate.serializeAsPEM().derBytes
        let sha = SHA256.hash(data: der ?? []).map { String(format: "%02x", $0) }.joined()
        let name = SigningIdentity.name(of: certificate)
        let actor = principal?.name ?? "awardctl"
        try await transaction { c in try SignatureStore.addRoot(c, sha256: sha, name: name, pem: pem, by: actor) }
        return name
    }

    static func trustedRoots(_ c: Connection) throws -> [Certificate] {
        try SignatureStore.roots(c).compactMap { try? Certificate(pemEncoded: $0.pem) }
    }

    /// Where a decision stands in its signing, and what the viewer may do about it now.
    public func decisionSignatures(_ id: Int64, viewer: Principal?, now: Date = Date()) async throws(AwardError) -> DecisionSignatures {
        try await lease { c in
            let facts = try Self.signingFacts(c, id, viewer, .readDecision)
            var found = try Self.signatures(c, facts)
            if let viewer, facts.signing {
                let issuer = Subject(org: OrgRef(id: facts.issuer, code: facts.issuerCode, path: facts.issuerPath))
                found.maySign = found.state == "decided" && (try? Self.signerFacts(c, id, viewer, now: now)) != nil
                found.maySeal = found.state == "signed" && Policy.allows(viewer, .sealDecision, issuer)
            }
            return found
        }
    }

    static func signatures(_ c: Connection, _ facts: SignatureStore.DecisionFacts) throws -> DecisionSignatures {
        let stages = try SignatureStore.stages(c, decision: facts.id)
        let names = Set(stages.map(\.stage))
        let state = !facts.signing || names.contains(.sealed) ? "issued" : names.contains(.signed) ? "signed" : "decided"
        return DecisionSignatures(decision: facts.id, signing: facts.signing, state: state, stages: stages)
    }

    static func signingFacts(_ c: Connection, _ id: Int64, _ principal: Principal?, _ permission: Permission) throws -> SignatureStore.DecisionFacts {
        guard let facts = try SignatureStore.decision(c, id: id) else {
            throw AwardError(.notFound, code: .unknownDecision, "no decision with id \(id)", vi: "Không có quyết định số \(id).")
        }
        let issuer = OrgRef(id: facts.issuer, code: facts.issuerCode, path: facts.issuerPath)
        if permission == .readDecision {
            // Read as the decision's page is: through the unit that took over a closed issuer, or through a recipient.
            try Policy.require(principal, permission, Subject(org: try Access.heldHome(c, principal, issuer),
                                                              alsoVisibleVia: try SignatureStore.recipientUnits(c, decision: id)))
        } else {
            try Policy.require(principal, permission, Subject(org: issuer))
        }
        return facts
    }

    /// The file a decision is signed on: the one frozen when first asked for, else `render`'s, frozen
    /// now. Only for a decision awaiting signatures, by who may sign it (its issuer's approver, or a
    /// delegate who may sign its kind).
    public func fileToSign(_ id: Int64, by principal: Principal, now: Date = Date(),
                           render: @Sendable () async throws -> [UInt8]) async throws -> [UInt8] {
        let stored: [UInt8]? = try await lease { c in
            let facts = try Self.signerFacts(c, id, principal, now: now)
            return try SignatureStore.file(c, decision: facts.id, stage: .unsigned)
        }
        if let stored { return stored }
        let pdf = try await render()
        return try await transaction { c in
            _ = try SignatureStore.record(c, decision: id, stage: .unsigned, pdf: pdf, signer: nil, method: nil, by: principal.name)
            return try SignatureStore.file(c, decision: id, stage: .unsigned)!
        }
    }

    /// The decision's facts after checking that `principal` may sign it now and that it awaits signing.
    static func signerFacts(_ c: Connection, _ id: Int64, _ principal: Principal, now: Date) throws -> SignatureStore.DecisionFacts {
        guard let facts = try SignatureStore.decision(c, id: id) else {
            throw AwardError(.notFound, code: .unknownDecision, "no decision with id \(id)", vi: "Không có quyết định số \(id).")
        }
        let issuer = OrgRef(id: facts.issuer, code: facts.issuerCode, path: facts.issuerPath)
        let acting = try acting(c, principal, .decide, [.sign], kind: facts.kind, on: today(now), subject: Subject(org: issuer))
        try Policy.requireSigner(acting, issuer: issuer)
        guard facts.signing else {
            throw AwardError(.refused, code: .signatureState, "decision \(id) is signed on paper (its issuer did not sign digitally when it was made)",
                             vi: "Quyết định số \(id) được ký trên giấy (cơ quan ban hành chưa ký số khi ra quyết định).")
        }
        return facts
    }

    /// The decisions of `org` awaiting its leader's signature or its seal, oldest first.
    public func decisionsAwaitingSignatures(org: String, viewer: Principal?) async throws(AwardError) -> [Int64] {
        try await lease { c in try SignatureStore.awaiting(c, org: try Access.org(c, code: org, viewer, .readDecision).id) }
    }
}
