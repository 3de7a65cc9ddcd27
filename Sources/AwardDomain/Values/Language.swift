/// The language a message is written in: Vietnamese first, English on request.
public enum Language: String, Sendable, CaseIterable {
    case vi, en

    /// The language an HTTP `Accept-Language` header prefers (`vi` unless English ranks higher).
    public init(acceptLanguage header: String?) {
        guard let header else { self = .vi; return }
        var best: (Language, Double)? = nil
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = pieces.first else { continue }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            let language: Language? = tag.hasPrefix("vi") ? .vi : tag.hasPrefix("en") ? .en : nil
            if let language, quality > (best?.1 ?? 0) { best = (language, quality) }
        }
        self = best?.0 ?? .vi
    }
}
