import CPKCS11
import Foundation
import Synchronization
import SwiftASN1
import X509

/// Where a key lives on a PKCS#11 token: the vendor's module (SoftHSM2's in tests, the CA's USB
/// token or an HSM in production), the token's label, the user PIN, and the labels of the key and
/// its certificate.
public struct TokenKey: Sendable, Hashable {
    public var module: String
    public var token: String
    public var pin: String
    public var label: String

    public init(module: String, token: String, pin: String, label: String) {
        self.module = module
        self.token = token
        self.pin = pin
        self.label = label
    }

    /// One call on a token at a time in the process: a module's C_Initialize and C_Finalize are global.
    static let calls = Mutex(())

    /// A C string the shim filled in.
    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The certificate stored beside the key (same label).
    public func certificate() throws -> Certificate {
        var der = [UInt8](repeating: 0, count: 16_384)
        var length = UInt(der.count)
        var error = [CChar](repeating: 0, count: 256)
        let rc = Self.calls.withLock { _ in award_p11_certificate(module, token, pin, label, &der, &length, &error, error.count) }
        guard rc == 0 else { throw SigningFailure.token(Self.text(error)) }
        return try Certificate(derEncoded: Array(der.prefix(Int(length))))
    }

    /// A raw RSA PKCS#1 v1.5 signature with SHA-256, made on the token.
    func sign(_ bytes: [UInt8]) throws -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: 1024)
        var length = UInt(signature.count)
        var error = [CChar](repeating: 0, count: 256)
        let rc = Self.calls.withLock { _ in award_p11_sign(module, token, pin, label, bytes, UInt(bytes.count), &signature, &length, &error, error.count) }
        guard rc == 0 else { throw SigningFailure.token(Self.text(error)) }
        return Array(signature.prefix(Int(length)))
    }
}

/// A token's RSA key as swift-certificates' private key: CMS asks it to sign the DER of the signed
/// attributes, the token hashes and signs. It cannot be exported.
struct PKCS11PrivateKey: CustomPrivateKey {
    let key: TokenKey
    let publicKey: Certificate.PublicKey

    var defaultSignatureAlgorithm: Certificate.SignatureAlgorithm { .sha256WithRSAEncryption }
    var supportedSignatureAlgorithms: [Certificate.SignatureAlgorithm] { [.sha256WithRSAEncryption] }

    func signSynchronously(bytes: some DataProtocol, signatureAlgorithm: Certificate.SignatureAlgorithm) throws -> Certificate.Signature {
        guard signatureAlgorithm == .sha256WithRSAEncryption else { throw SigningFailure.token("only SHA-256 with RSA is supported") }
        let raw = try key.sign(Array(bytes))
        return try Certificate.Signature(signatureAlgorithm: .sha256WithRSAEncryption, signatureBytes: ASN1BitString(bytes: ArraySlice(raw)))
    }

    static let defaultPEMDiscriminator = "PRIVATE KEY"

    func serialize(into coder: inout DER.Serializer) throws {
        throw SigningFailure.token("a key on a token cannot be exported")
    }

    static func == (a: Self, b: Self) -> Bool { a.key == b.key }
    func hash(into hasher: inout Hasher) { hasher.combine(key) }
}

extension SigningIdentity {
    /// The key labelled `key.label` on a token, with the certificate stored beside it and the
    /// intermediates given (a token often holds only the leaf).
    public init(token key: TokenKey, intermediates: [Certificate]) throws {
        let certificate = try key.certificate()
        self.init(certificate: certificate, intermediates: intermediates,
                  key: Certificate.PrivateKey(PKCS11PrivateKey(key: key, publicKey: certificate.publicKey)))
    }
}
