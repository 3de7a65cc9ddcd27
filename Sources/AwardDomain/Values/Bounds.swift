/// The range of every number that comes from outside: checked where it is decoded (JSON bodies,
/// forms, command lines) and again by the engine, with an error naming the field and the range.
/// Within these ranges no arithmetic the engine does on them can overflow.
public struct Bound: Sendable, Equatable {
    /// The field as the caller names it (`members`, `amount_vnd`).
    public let field: String
    /// The field as an officer reads it.
    public let label: String
    public let range: ClosedRange<Int64>

    public init(_ field: String, _ label: String, _ range: ClosedRange<Int64>) {
        self.field = field
        self.label = label
        self.range = range
    }

    /// Council votes: a council has at most ten thousand members (the largest is a few dozen).
    public static let members = Bound("members", "tổng số thành viên hội đồng", 1...10_000)
    public static let present = Bound("present", "số thành viên có mặt", 0...10_000)
    public static let inFavour = Bound("in_favour", "số thành viên đồng ý", 0...10_000)
    /// A cluster's voters and the votes of one member.
    public static let voters = Bound("voters", "số đơn vị bỏ phiếu", 1...10_000)
    public static let votes = Bound("votes", "số phiếu", 0...10_000)
    /// One entry of money, in đồng: up to a thousand billion (a province's whole yearly fund is far less).
    public static let amountVnd = Bound("amount_vnd", "số tiền (đồng)", 1...1_000_000_000_000)
    /// A campaign's prize per award, in đồng (0: no prize).
    public static let prizeVnd = Bound("amount_vnd", "mức thưởng (đồng)", 0...1_000_000_000_000)
    /// The base salary, in đồng a month.
    public static let baseSalaryVnd = Bound("amount", "mức lương cơ sở (đồng)", 1...1_000_000_000)
    public static let year = Bound("year", "năm", 1945...2200)
    /// A quota: awards per org and year, or proposals per unit in a campaign.
    public static let quota = Bound("limit", "chỉ tiêu", 0...1_000_000)
    public static let flagQuota = Bound("flag_quota", "số Cờ thi đua được đề nghị", 0...1_000)
    /// Working days of a deadline, and how far ahead a list of due dossiers looks.
    public static let workingDays = Bound("days", "số ngày làm việc", 0...2_000)
    public static let within = Bound("within", "số ngày làm việc tới hạn", 0...365)
    /// An id in a path or a body.
    public static let id = Bound("id", "mã số", 1...Int64.max)

    /// The value, or a refusal naming the field and the range.
    public func check(_ value: Int64) throws(AwardError) -> Int64 {
        guard range.contains(value) else { throw refusal("\(value)") }
        return value
    }

    /// The value, or a refusal naming the field and the range.
    public func check(_ value: Int) throws(AwardError) -> Int {
        Int(try check(Int64(value)))
    }

    /// A number written as text (a form field, a query parameter, a cell), or a refusal that names
    /// the field, the range and what was given.
    public func parse(_ text: String) throws(AwardError) -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 20, let value = Int64(trimmed) else { throw refusal(trimmed) }
        return try check(value)
    }

    /// The refusal of `given`.
    public func refusal(_ given: String) -> AwardError {
        let shown = given.count > 24 ? String(given.prefix(24)) + "…" : given
        return AwardError(.invalidInput, code: .outOfRange,
                          "\(field) must be a whole number from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound)), not \(shown)",
                          vi: "Trường «\(label)» (\(field)) phải là số nguyên từ \(Self.format(range.lowerBound)) đến \(Self.format(range.upperBound)), không phải «\(shown)».", field: field)
    }

    /// The refusal as a decoding error's underlying value (the API names the field with it).
    public var valueRefusal: ValueRefusal {
        ValueRefusal(en: "must be a whole number from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))",
                     vi: "phải là số nguyên từ \(Self.format(range.lowerBound)) đến \(Self.format(range.upperBound)).")
    }

    /// Decodes an integer in range from a JSON body; anything else (a fraction, text, a number out
    /// of range or beyond 64 bits) is refused with the field and the range, never Swift's words.
    public func decode<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> Int64 {
        let value: Int64
        do {
            value = try container.decode(Int64.self, forKey: key)
        } catch DecodingError.keyNotFound(let key, let context) {
            throw DecodingError.keyNotFound(key, context)
        } catch DecodingError.valueNotFound(let type, let context) {
            throw DecodingError.valueNotFound(type, context)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath + [key], debugDescription: valueRefusal.en, underlyingError: valueRefusal))
        }
        guard range.contains(value) else {
            throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath + [key], debugDescription: valueRefusal.en, underlyingError: valueRefusal))
        }
        return value
    }

    /// ``decode(_:_:)`` for an optional field.
    public func decodeIfPresent<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> Int64? {
        guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
        return try decode(container, key)
    }

    /// `1.000.000` as Vietnamese writes thousands.
    static func format(_ value: Int64) -> String {
        if value == Int64.max { return "9.223.372.036.854.775.807" }
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(ch)
        }
        return (value < 0 ? "-" : "") + out
    }
}
