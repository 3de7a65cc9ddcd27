import Foundation

/// The engine's JSON conventions: snake_case keys declared per type, ISO 8601 instants in UTC,
/// unescaped slashes (decision numbers such as `15/QĐ-UBND`), sorted keys for stable output.
public enum JSON {
    /// The encoder every output uses.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The matching decoder.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
