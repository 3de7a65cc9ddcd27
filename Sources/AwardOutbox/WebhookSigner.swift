import Crypto
import Foundation

/// How a webhook delivery is signed: HMAC-SHA256 of `TIMESTAMP.BODY` with the subscription's
/// secret, sent as `X-Award-Signature: v1=HEX` (one `v1=` per valid secret, comma-separated, while
/// a rotated secret is still valid) beside `X-Award-Timestamp: TIMESTAMP` (Unix seconds). A
/// receiver recomputes it and refuses an old timestamp, so a captured delivery cannot be replayed.
public enum WebhookSigner {
    public static func signature(secret: String, timestamp: Int, body: [UInt8]) -> String {
        let key = SymmetricKey(data: Array(secret.utf8))
        var message = Array("\(timestamp).".utf8)
        message.append(contentsOf: body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: key)
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// The header value for all the secrets.
    public static func header(secrets: [String], timestamp: Int, body: [UInt8]) -> String {
        secrets.map { "v1=" + signature(secret: $0, timestamp: timestamp, body: body) }.joined(separator: ",")
    }

    /// Whether `header` carries a valid signature of `body` at `timestamp` for `secret`.
    public static func verify(header: String, secret: String, timestamp: Int, body: [UInt8]) -> Bool {
        let expected = "v1=" + signature(secret: secret, timestamp: timestamp, body: body)
        return header.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == expected }
    }
}
