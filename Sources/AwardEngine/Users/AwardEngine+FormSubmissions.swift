import AwardDomain
import AwardPostgres
import Foundation

/// Where a form's sending stands when it arrives with its one-time key.
public enum FormClaim: Sendable, Equatable {
    /// The first sending: do the work, then ``AwardEngine/completeForm(actor:key:path:location:)``
    /// (or ``AwardEngine/releaseForm(actor:key:path:)`` when it was refused).
    case first
    /// Sent before and done: answer with where the first sending led.
    case done(location: String)
    /// Sent before and still being done by the first sending.
    case inProgress
}

extension AwardEngine {
    /// A form's one-time key: 32 hexadecimal characters.
    public static func formKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    public static func isFormKey(_ key: String) -> Bool {
        key.utf8.count == 32 && key.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Claims a form's sending by `actor` to `path` with its one-time key (the database's primary
    /// key decides between two sendings that arrive at once). Keys older than a day are forgotten.
    public func claimForm(actor: String, key: String, path: String) async throws(AwardError) -> FormClaim {
        guard Self.isFormKey(key) else { return .first }
        let path = String(path.prefix(300))
        return try await transaction { c in
            try FormSubmissionStore.claim(c, actor: actor, key: key, path: path)
        }
    }

    /// Records where the first sending led (a path of this site).
    public func completeForm(actor: String, key: String, path: String, location: String) async throws(AwardError) {
        guard Self.isFormKey(key), location.hasPrefix("/"), location.utf8.count <= 500 else { return }
        let path = String(path.prefix(300))
        try await transaction { c in
            try FormSubmissionStore.complete(c, actor: actor, key: key, path: path, location: location)
        }
    }

    /// Forgets a sending that was refused (nothing was done), so that the corrected form may be sent.
    public func releaseForm(actor: String, key: String, path: String) async throws(AwardError) {
        guard Self.isFormKey(key) else { return }
        let path = String(path.prefix(300))
        try await transaction { c in
            try FormSubmissionStore.release(c, actor: actor, key: key, path: path)
        }
    }
}
