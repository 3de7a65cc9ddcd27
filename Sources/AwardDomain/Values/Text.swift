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
                             vi: "Trường «\(field.vietnamese)» không được để trống.", field: field.rawValue)
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

    /// Trims white space, line breaks and invisible characters (zero-width spaces and joiners, the
    /// byte-order mark) at both ends, touching only the ends: a value made only of them is empty.
    package static func trimmed(_ value: String) -> String {
        let scalars = value.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return value }
        guard isBlank(first) || isBlank(last) else { return value }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isBlank(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isBlank(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    /// White space, or a character that shows nothing (U+200B–U+200D, U+2060, U+FEFF, U+00AD).
    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || invisible.contains(scalar.value)
    }

    static let invisible: Set<UInt32> = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD]

    /// Characters that reorder how text is shown (right-to-left overrides and isolates, directional
    /// marks): a name with them can display as something else (`Phạm \u{202E}fdp.exe`).
    static let bidirectional: Set<UInt32> = [0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]

    private static func clean(_ value: String, field: TextField, maxLength: Int, multiline: Bool) throws(AwardError) -> String {
        let normalized = isSurelyNFC(value) ? value : value.precomposedStringWithCanonicalMapping
        let text = trimmed(normalized)
        for scalar in text.unicodeScalars {
            if scalar == "\u{FFFD}" {
                throw AwardError(.invalidInput, code: .invalidUtf8, "\(field) is not valid UTF-8 text",
                                 vi: "Trường «\(field.vietnamese)» không phải văn bản UTF-8 hợp lệ.", field: field.rawValue)
            }
            // Category Cc is exactly U+0000–U+001F and U+007F–U+009F.
            let control = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            let allowedControl = multiline && (scalar == "\n" || scalar == "\t" || scalar == "\r")
            let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(4)
            if control && !allowedControl {
                throw AwardError(.invalidInput, code: .controlCharacter, "\(field) contains a control character (\(code))",
                                 vi: "Trường «\(field.vietnamese)» chứa ký tự điều khiển (\(code)); hãy gõ lại bằng bàn phím.", field: field.rawValue)
            }
            if bidirectional.contains(scalar.value) {
                throw AwardError(.invalidInput, code: .controlCharacter, "\(field) contains a character that reverses the text's direction (\(code))",
                                 vi: "Trường «\(field.vietnamese)» chứa ký tự đảo chiều hiển thị văn bản (\(code)), có thể làm chữ hiện khác với nội dung thật; hãy gõ lại.", field: field.rawValue)
            }
        }
        // Characters never outnumber UTF-8 bytes: count them only when the bytes might be too many.
        guard text.utf8.count <= maxLength || text.count <= maxLength else {
            throw AwardError(.invalidInput, code: .tooLong, "\(field) is longer than \(maxLength) characters",
                             vi: "Trường «\(field.vietnamese)» dài hơn \(maxLength) ký tự.", field: field.rawValue)
        }
        return text
    }
}
