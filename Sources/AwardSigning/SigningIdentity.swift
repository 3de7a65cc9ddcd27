import Crypto
import _CryptoExtras
import Foundation
import SwiftASN1
@_spi(CMS) import X509

/// Who signs: a certificate, the chain up to (not including) its root, and a key that signs —
/// a key file (the demo's test keys) or a key on a PKCS#11 token that never leaves it.
public struct SigningIdentity: Sendable {
    public let certificate: Certificate
    public let intermediates: [Certificate]
    let key: Certificate.PrivateKey

    public init(certificate: Certificate, intermediates: [Certificate], key: Certificate.PrivateKey) {
        self.certificate = certificate
        self.intermediates = intermediates
        self.key = key
    }

    /// A certificate chain (leaf first) and an RSA or P-256 private key, in PEM.
    public init(chainPEM: String, keyPEM: String) throws {
        let chain = try PEMDocument.parseMultiple(pemString: chainPEM).map { try Certificate(pemDocument: $0) }
        guard let leaf = chain.first else { throw SigningFailure.noCertificate }
        let key: Certificate.PrivateKey
        if let rsa = try? _RSA.Signing.PrivateKey(pemRepresentation: keyPEM) { key = Certificate.PrivateKey(rsa) }
        else { key = Certificate.PrivateKey(try P256.Signing.PrivateKey(pemRepresentation: keyPEM)) }
        guard key.publicKey == leaf.publicKey else { throw SigningFailure.keyDoesNotMatchCertificate }
        self.init(certificate: leaf, intermediates: Array(chain.dropFirst()), key: key)
    }

    /// The signer's common name, as a reader shows it ("Nguyễn Văn A").
    public var commonName: String { Self.name(of: certificate) }

    /// A certificate's common name (its whole subject when it has none).
    public static func name(of certificate: Certificate) -> String {
        certificate.subject.flatMap { $0 }.first { $0.type == .RDNAttributeType.commonName }.map { String(describing: $0.value) } ?? "\(certificate.subject)"
    }

    /// A detached CMS SignedData over `bytes` (SHA-256, signed attributes with the signing time),
    /// with the signer's chain: what `/SubFilter /adbe.pkcs7.detached` holds.
    public func cms(over bytes: [UInt8], at time: Date) throws -> [UInt8] {
        try CMS.sign(bytes, signatureAlgorithm: isRSA ? .sha256WithRSAEncryption : .ecdsaWithSHA256,
                     additionalIntermediateCertificates: intermediates, certificate: certificate, privateKey: key, signingTime: time, detached: true)
    }

    var isRSA: Bool { key.supportedSignatureAlgorithms.contains(.sha256WithRSAEncryption) }
}

public enum SigningFailure: Error, Equatable, CustomStringConvertible {
    case noCertificate
    case keyDoesNotMatchCertificate
    case token(String)

    public var description: String {
        switch self {
        case .noCertificate: "no certificate in the chain"
        case .keyDoesNotMatchCertificate: "the private key is not the certificate's"
        case .token(let why): "PKCS#11 token: \(why)"
        }
    }
}

extension PreparedSignature {
    /// Signs the prepared file with `identity`.
    public func signed(by identity: SigningIdentity, at time: Date) throws -> [UInt8] {
        try embedding(identity.cms(over: signedBytes, at: time))
    }
}
