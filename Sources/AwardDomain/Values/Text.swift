import Foundation

/// Input text as the engine stores it: Unicode NFC, trimmed, without control characters.
///
/// Vietnamese can be typed precomposed (NFC) or decomposed (NFD, common from macOS and some
/// keyboards); the database refuses anything that is not NFC, so every text from a caller passes
/// through here first.
package enum Text {
    /// Normalizes a required field, or throws an error naming the field.
    package static func required(_ value: String, field: TextField, maxLength: Int = 300, multiline: Bool = false) throws(AwardError) -> String {
        let text = try clean(value, field: field, maxLength: maxLength, multiline: multiline)
        guard !text.isEmpty else {
            throw AwardError(.invalidInput, code: field.emptyCode, "\(field.rawValue) must not be empty",
                             vi: "Trường \(field.rawValue) không được để trống.")
        }
        return text
    }

    /// Normalizes an optional field; blank becomes `nil`.
    package static func optional(_ value: String?, field: TextField, maxLength: Int = 4000, multiline: Bool = true) throws(AwardError) -> String? {
        guard let value else { return nil }
        let text = try clean(value, field: field, maxLength: maxLength, multiline: multiline)
        return text.isEmpty ? nil : text
    }

    /// True when every scalar is below U+0300 or a precomposed Latin letter (U+1E00–U+1EFF, where
    /// Vietnamese letters with two marks live): such text is NFC as it is (Unicode's NFC quick check
    /// answers Yes for all of them), so Foundation's normalization, the slow part, is skipped.
    /// Anything else (combining marks typed NFD, other scripts) is normalized.
    package static func isSurelyNFC(_ value: String) -> Bool {
        value.unicodeScalars.allSatisfy { $0.value < 0x300 || (0x1E00...0x1EFF).contains($0.value) }
    }

    /// Trims white space and line breaks at both ends, touching only the ends.
    package static func trimmed(_ value: String) -> String {
        let scalars = value.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return value }
        guard first.properties.isWhitespace || last.properties.isWhitespace else { return value }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    private static func clean(_ value: String, field: TextField, maxLength: Int, multiline: Bool) throws(AwardError) -> String {
        let normalized = isSurelyNFC(value) ? value : value.precomposedStringWithCanonicalMapping
        let text = trimmed(normalized)
        for scalar in text.unicodeScalars {
            if scalar == "\u{FFFD}" {
                throw AwardError(.invalidInput, code: .invalidUtf8, "\(field) is not valid UTF-8 text",
                                 vi: "Trường \(field) không phải văn bản UTF-8 hợp lệ.")
            }
            // Category Cc is exactly U+0000–U+001F and U+007F–U+009F.
            let control = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            let allowedControl = multiline && (scalar == "\n" || scalar == "\t" || scalar == "\r")
            if control && !allowedControl {
                throw AwardError(.invalidInput, code: .controlCharacter, "\(field) contains a control character (U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(4)))",
                                 vi: "Trường \(field) chứa ký tự điều khiển (U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(4))).")
            }
        }
        // Characters never outnumber UTF-8 bytes: count them only when the bytes might be too many.
        guard text.utf8.count <= maxLength || text.count <= maxLength else {
            throw AwardError(.invalidInput, code: .tooLong, "\(field) is longer than \(maxLength) characters",
                             vi: "Trường \(field) dài hơn \(maxLength) ký tự.")
        }
        return text
    }
}
