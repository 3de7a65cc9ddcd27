import Foundation

/// Input text as the engine stores it: Unicode NFC, trimmed, without control characters.
///
/// Vietnamese can be typed precomposed (NFC) or decomposed (NFD, common from macOS and some
/// keyboards); the database refuses anything that is not NFC, so every text from a caller passes
/// through here first.
enum Text {
    /// Normalizes a required field, or throws an error naming the field.
    static func required(_ value: String, field: String, maxLength: Int = 300, multiline: Bool = false) throws(AwardError) -> String {
        let text = try clean(value, field: field, maxLength: maxLength, multiline: multiline)
        guard !text.isEmpty else {
            throw AwardError(.invalidInput, code: "empty_\(field)", "\(field) must not be empty")
        }
        return text
    }

    /// Normalizes an optional field; blank becomes `nil`.
    static func optional(_ value: String?, field: String, maxLength: Int = 4000, multiline: Bool = true) throws(AwardError) -> String? {
        guard let value else { return nil }
        let text = try clean(value, field: field, maxLength: maxLength, multiline: multiline)
        return text.isEmpty ? nil : text
    }

    private static func clean(_ value: String, field: String, maxLength: Int, multiline: Bool) throws(AwardError) -> String {
        // ASCII is already NFC: only other text pays for Foundation's normalization.
        let normalized = value.utf8.allSatisfy { $0 < 0x80 } ? value : value.precomposedStringWithCanonicalMapping
        let text = normalized.trimmingCharacters(in: .whitespacesAndNewlines)
        for scalar in text.unicodeScalars {
            if scalar == "\u{FFFD}" {
                throw AwardError(.invalidInput, code: "invalid_utf8", "\(field) is not valid UTF-8 text")
            }
            let allowedControl = multiline && (scalar == "\n" || scalar == "\t" || scalar == "\r")
            if scalar.properties.generalCategory == .control && !allowedControl {
                throw AwardError(.invalidInput, code: "control_character", "\(field) contains a control character (U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(4)))")
            }
        }
        guard text.count <= maxLength else {
            throw AwardError(.invalidInput, code: "too_long", "\(field) is longer than \(maxLength) characters")
        }
        return text
    }
}
