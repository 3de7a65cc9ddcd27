import Foundation

/// Where a page may send the browser after signing in: a path of this site and nothing else.
enum SafeRedirect {
    /// `next` when it is a plain path of this site (`/nominations/12?tab=docs`), else `nil`.
    /// Refused: anything not starting with one `/`, a second `/` or a `\` that browsers read as
    /// another host (`//evil`, `/\evil`), a scheme, control characters, and anything longer than
    /// a page address needs.
    static func path(_ next: String?) -> String? {
        guard let next, (1...2000).contains(next.utf8.count), next.hasPrefix("/") else { return nil }
        let scalars = next.unicodeScalars
        guard !scalars.contains(where: { $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F || $0.properties.isWhitespace }) else { return nil }
        let second = next.dropFirst().first
        guard second != "/" else { return nil }
        guard let components = URLComponents(string: next), components.scheme == nil, components.host == nil,
              components.path.hasPrefix("/"), !components.path.hasPrefix("//") else { return nil }
        return next
    }
}
