import AwardEngine
import Foundation

/// A template may reference no URL and no file: what it prints comes from the engine's data and
/// nothing else, so that printing can never read a file of the server or call an address (the
/// printer also blocks every request it would make). Refused on upload, naming the line.
enum TemplateReferences {
    /// Attributes and CSS that load something, and elements that embed or navigate.
    static let patterns: [(pattern: String, what: String)] = [
        (#"(?i)\b(src|srcset|href|xlink:href|action|formaction|poster|data|background|lowsrc|dynsrc|longdesc|ping|manifest|codebase|cite|profile)\s*=\s*["']?\s*(?!#|data:image/(png|jpeg|gif|svg\+xml);)[^"'\s>]"#, "an attribute that loads or links to an address"),
        (#"(?i)url\s*\(\s*["']?\s*(?!data:image/(png|jpeg|gif|svg\+xml);)"#, "a CSS url(…)"),
        (#"(?i)@import\b"#, "a CSS @import"),
        (#"(?i)<\s*meta\b[^>]*http-equiv"#, "an element that embeds, loads or navigates"),
        (#"(?i)<\s*(iframe|frame|frameset|object|embed|applet|link|script|base|portal|svg:image|image|audio|video|source|track)\b"#, "an element that embeds, loads or navigates"),
        (#"(?i)\b(file|https?|ftp|ws|wss|javascript|vbscript)\s*:"#, "an address (file:, http:, https:, ftp:, javascript:)"),
        (#"(?i)TargetMode\s*=\s*["']External"#, "a link to an outside file (TargetMode=\"External\")"),
    ]

    /// Refuses `text` (a part named `part`) at its first reference, naming the line.
    static func check(_ text: String, part: String) throws(AwardError) {
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // XML namespace declarations name a schema, not something to load.
            let stripped = line.replacingOccurrences(of: #"xmlns(:\w+)?\s*=\s*"[^"]*""#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #"(?i)(Type|Namespace|xml:space|mc:Ignorable)\s*=\s*"[^"]*""#, with: "", options: .regularExpression)
            for rule in patterns where stripped.range(of: rule.pattern, options: .regularExpression) != nil {
                let shown = line.trimmingCharacters(in: .whitespaces).prefix(120)
                throw AwardError(
                    .invalidInput, code: .badTemplate,
                    "\(part), line \(number + 1): a template may reference no URL or file; found \(rule.what): \(shown)",
                    vi: "\(part), dòng \(number + 1): mẫu văn bản không được tham chiếu địa chỉ mạng hay tệp nào; có \(Self.vietnamese(rule.what)): \(shown)")
            }
        }
    }

    static func vietnamese(_ what: String) -> String {
        switch what {
        case "a CSS url(…)": "url(…) trong CSS"
        case "a CSS @import": "@import trong CSS"
        case "an element that embeds, loads or navigates": "thẻ nhúng hoặc tải nội dung ngoài (iframe, img, link, script…)"
        case "an address (file:, http:, https:, ftp:, javascript:)": "địa chỉ (file:, http:, https:, ftp:, javascript:)"
        case "a link to an outside file (TargetMode=\"External\")": "liên kết tới tệp bên ngoài (TargetMode=\"External\")"
        default: "thuộc tính tải hoặc liên kết tới địa chỉ (src, href…)"
        }
    }
}
