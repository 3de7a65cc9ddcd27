import Foundation
import Hummingbird

/// `application/x-www-form-urlencoded`, as HTML's form submission writes it and every query string
/// of this site is read: pairs split on `&`, `+` is a space, then percent-escapes (UTF-8); the
/// first value of a repeated name wins; a pair that is not valid UTF-8 once decoded is dropped.
/// The one decoder for web forms, page queries and the API's queries.
public enum FormURLEncoded {
    public static func decode(_ text: Substring) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = component(parts[0]) else { continue }
            if fields[name] == nil, let value = parts.count > 1 ? component(parts[1]) : "" { fields[name] = value }
        }
        return fields
    }

    public static func decode(_ text: String) -> [String: String] { decode(Substring(text)) }

    /// One name or value: `+` → space, then `%XX` escapes.
    public static func component(_ part: Substring) -> String? {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

extension Request {
    /// The query string's fields, decoded as a form is (`?q=truong+tieu+hoc` → "truong tieu hoc").
    public var queryFields: [String: String] { uri.query.map { FormURLEncoded.decode($0) } ?? [:] }
}
