/// An error the engine reports to its callers: a category that says what kind of failure it is
/// (and so which HTTP status or exit code it maps to), a stable machine code, and a message
/// written for the officer reading it.
///
/// The categories are open-ended statics over a private enum, so adding one does not break callers.
public struct AwardError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure.
    public struct Category: Sendable, Hashable, CustomStringConvertible {
        package enum Base: String, Sendable, Hashable {
            case invalidInput = "invalid_input", notFound = "not_found", refused, conflict,
                 forbidden, unauthenticated, unavailable, rateLimited = "rate_limited", `internal`
        }
        package let base: Base
        /// The request itself is malformed (a bad date, an empty name, an unknown value).
        public static let invalidInput = Category(base: .invalidInput)
        /// What the request names does not exist (or is outside the caller's view).
        public static let notFound = Category(base: .notFound)
        /// The workflow or a rule refuses it: wrong state, wrong tier or org, a rule not met.
        public static let refused = Category(base: .refused)
        /// A concurrent change won; reading again and retrying may succeed.
        public static let conflict = Category(base: .conflict)
        /// The caller's role or jurisdiction does not allow it.
        public static let forbidden = Category(base: .forbidden)
        /// The caller is not known.
        public static let unauthenticated = Category(base: .unauthenticated)
        /// The database cannot be reached.
        public static let unavailable = Category(base: .unavailable)
        /// A fault in the engine or the database that the caller cannot fix.
        public static let `internal` = Category(base: .internal)
        /// Too many attempts: the caller must wait before trying again.
        public static let rateLimited = Category(base: .rateLimited)
        public var description: String { base.rawValue }
    }

    /// The class of failure.
    public let category: Category
    /// A stable machine code, e.g. `wrong_state`, `wrong_org`, `unknown_kind`.
    public let code: ErrorCode
    /// A sentence for the officer, naming the problem (English).
    public let message: String
    /// The same in Vietnamese: the thrower's own sentence, else the code's general explanation.
    public let messageVI: String
    /// The input it is about, when it is about one (a ``TextField``'s or a ``Bound``'s name, or
    /// what the code is about: `kind`, `unit`, `year`…), so that a form can show it beside that input.
    public let field: String?

    /// Creates an error; `vi` is the Vietnamese sentence (default: ``ErrorCode/vietnamese``).
    public init(_ category: Category, code: ErrorCode, _ message: String, vi: String? = nil, field: String? = nil) {
        self.category = category
        self.code = code
        self.message = message
        self.messageVI = vi ?? Self.lineOf(message).map { "Dòng \($0): \(code.vietnamese)" } ?? code.vietnamese
        self.field = field ?? code.field
    }

    /// The same error at a line of a file: "line N: …" and "Dòng N: …".
    public func at(line: Int) -> AwardError {
        AwardError(category, code: code, "line \(line): \(message)", vi: "Dòng \(line): \(messageVI)", field: field)
    }

    /// The line of a file it is about, when its message names one.
    public var line: Int? { Self.lineOf(message) }

    /// The line a message names first ("line 4: …", "rule pack, line 4: …").
    private static func lineOf(_ message: String) -> Int? {
        guard let range = message.range(of: "line ") else { return nil }
        let digits = message[range.upperBound...].prefix { $0.isNumber }
        return digits.isEmpty ? nil : Int(digits)
    }

    /// The message in `language`.
    public func message(in language: Language) -> String {
        language == .vi ? messageVI : message
    }

    public var description: String { message }
}
