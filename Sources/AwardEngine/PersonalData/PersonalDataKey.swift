import AwardDomain
import Crypto
import Foundation

/// The key that protects personal data at rest (the citizen identity number, Decree 13/2023):
/// 32 random bytes, written base64 on one line of a secret file (`personal-data-key-file`, or the
/// systemd credential `personal-data-key`). Two keys are derived from it: one seals the number
/// (AES-256-GCM, bound to the column it belongs in), one gives its HMAC, by which the database
/// finds the same number recorded twice without anyone decrypting it.
public struct PersonalDataKey: Sendable {
    let sealing: SymmetricKey
    let digesting: SymmetricKey

    /// Reads the key from its base64 text; anything but 32 bytes is refused (without echoing it).
    public init(base64 text: String) throws(AwardError) {
        guard let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else {
            throw AwardError(.invalidInput, code: .personalDataKeyMissing,
                             "the personal-data key must be 32 random bytes written in base64 (openssl rand -base64 32)",
                             vi: "Khóa bảo vệ dữ liệu cá nhân phải là 32 byte ngẫu nhiên ghi dạng base64 (openssl rand -base64 32).")
        }
        let master = SymmetricKey(data: bytes)
        sealing = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("award personal data: seal".utf8), outputByteCount: 32)
        digesting = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("award personal data: digest".utf8), outputByteCount: 32)
    }

    /// A new random key, as its base64 text.
    public static func generate() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    static let context = Data("nominees.cccd".utf8)

    /// The number sealed: nonce, ciphertext and tag.
    func seal(_ id: CitizenID) throws -> [UInt8] {
        Array(try AES.GCM.seal(Data(id.digits.utf8), using: sealing, authenticating: Self.context).combined!)
    }

    /// The HMAC that finds duplicates.
    func digest(_ id: CitizenID) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Data(id.digits.utf8), using: digesting))
    }

    /// The digits of a sealed number; `nil` when this key did not seal it (a wrong or rotated key).
    func open(_ sealed: [UInt8]) -> String? {
        guard let box = try? AES.GCM.SealedBox(combined: Data(sealed)),
              let plain = try? AES.GCM.open(box, using: sealing, authenticating: Self.context) else { return nil }
        return String(decoding: plain, as: UTF8.self)
    }
}

extension PersonalDataKey {
    /// Where the embedded cluster's key lives: beside its data directory (`.award/pg` →
    /// `.award/personal-data-key`), so that a backup of `.award` holds both.
    public static func localPath(dataDirectory: String) -> String {
        URL(fileURLWithPath: dataDirectory).standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent("personal-data-key").path
    }

    /// The key in `path`, created (mode 0600) when the file does not exist yet.
    public static func loadOrCreate(path: String) throws(AwardError) -> PersonalDataKey {
        if !FileManager.default.fileExists(atPath: path) {
            let created = FileManager.default.createFile(atPath: path, contents: Data((generate() + "\n").utf8),
                                                         attributes: [.posixPermissions: 0o600])
            guard created else {
                throw AwardError(.internal, code: .personalDataKeyMissing, "cannot write the personal-data key file \(path)")
            }
        }
        return try load(path: path)
    }

    /// The key in the file at `path` (its first line).
    public static func load(path: String) throws(AwardError) -> PersonalDataKey {
        guard let data = FileManager.default.contents(atPath: path),
              let line = String(data: data, encoding: .utf8)?.split(whereSeparator: \.isNewline).first else {
            throw AwardError(.invalidInput, code: .personalDataKeyMissing, "cannot read the personal-data key file \(path)",
                             vi: "Không đọc được tệp khóa bảo vệ dữ liệu cá nhân \(path).")
        }
        return try PersonalDataKey(base64: String(line))
    }
}
