import Foundation

/// Why a value in a body or a file was refused, in both languages: the decoder's underlying error,
/// so the API and the rule-pack parser can name the field and list what is accepted.
public struct ValueRefusal: Error, Sendable, Equatable {
    public let en: String
    public let vi: String

    public init(en: String, vi: String) {
        self.en = en
        self.vi = vi
    }
}

/// A string enum whose decoding refuses an unknown value by listing the accepted ones, instead
/// of Swift's "Cannot initialize … from invalid String value".
public protocol ClosedVocabulary: RawRepresentable, CaseIterable, Decodable where RawValue == String {}

extension ClosedVocabulary {
    /// The accepted raw values, comma-separated.
    public static var acceptedValues: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Decodes one of the cases, or throws `dataCorrupted` with a ``ValueRefusal``.
    public static func decodeVocabulary(from decoder: any Decoder) throws -> Self {
        let text = try decoder.singleValueContainer().decode(String.self)
        if let value = Self(rawValue: text) { return value }
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        let refusal = ValueRefusal(en: "\"\(shown)\" is not accepted; accepted values: \(acceptedValues)",
                                   vi: "giá trị \"\(shown)\" không hợp lệ; các giá trị được chấp nhận: \(acceptedValues).")
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: refusal.en, underlyingError: refusal))
    }
}
