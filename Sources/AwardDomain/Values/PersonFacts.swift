/// A person's sex as the statistics forms count it (women are a row of form 0605 and a column of
/// the staff register).
public enum Sex: String, Sendable, Codable, CaseIterable, ClosedVocabulary {
    case male, female

    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

    public var vietnamese: String { self == .male ? "Nam" : "Nữ" }
}

/// The position classes the forms of Circular 02/2023/TT-BNV count individuals by (form 0602 and
/// 0603, rows "Cá nhân" by position).
public enum PositionClass: String, Sendable, Codable, CaseIterable, ClosedVocabulary {
    /// Leaders at ministry or province level and above (cấp bộ, cấp tỉnh và tương đương trở lên).
    case seniorLeader = "senior_leader"
    /// Leaders at department level (cấp vụ, sở, ban, ngành và tương đương).
    case departmentLeader = "department_leader"
    /// Owners and managers of businesses (doanh nhân: chủ doanh nghiệp, người quản lý doanh nghiệp).
    case businessManager = "business_manager"
    /// Other leaders, from deputy head of division up (lãnh đạo khác từ phó trưởng phòng trở lên).
    case otherLeader = "other_leader"
    /// Those who work directly: workers, farmers, staff, soldiers (người trực tiếp lao động, công tác).
    case worker

    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

    public var vietnamese: String {
        switch self {
        case .seniorLeader: "Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên"
        case .departmentLeader: "Lãnh đạo cấp vụ, sở, ngành và tương đương"
        case .businessManager: "Doanh nhân"
        case .otherLeader: "Các cấp lãnh đạo khác từ phó phòng trở lên"
        case .worker: "Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu"
        }
    }
}

/// A citizen identity number (Căn cước công dân / căn cước, 12 digits, Circular 59/2021/TT-BCA):
/// three digits for the province of birth registration, one for the century of birth and sex, two
/// for the year of birth, six in sequence. Checked against the province codes and, when known, the
/// person's date of birth and sex. Its text is never put into an error, a log or an English message.
public struct CitizenID: Sendable, Hashable {
    /// The twelve digits.
    public let digits: String

    /// The province codes of Circular 07/2016/TT-BCA (as amended), by which numbers are issued.
    static let provinces: Set<Int> = [
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46,
        48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93,
        94, 95, 96,
    ]

    /// Checks `text` (spaces and dots between digits are ignored) against the person's known facts.
    public init(_ text: String, birthYear: Int? = nil, sex: Sex? = nil) throws(AwardError) {
        let kept = text.filter { !$0.isWhitespace && $0 != "." }
        guard kept.count == 12, kept.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw Self.refusal("must be exactly 12 digits", vi: "gồm đúng 12 chữ số")
        }
        let digit = Array(kept).map { Int(String($0))! }
        let province = digit[0] * 100 + digit[1] * 10 + digit[2]
        guard Self.provinces.contains(province) else {
            throw Self.refusal("does not begin with a province code (001–096)", vi: "phải bắt đầu bằng mã tỉnh nơi đăng ký khai sinh (001–096)")
        }
        // The fourth digit: 0/1 born 1900–1999 (man/woman), 2/3 2000–2099, 4/5 2100–2199, …
        let century = 1900 + (digit[3] / 2) * 100
        let encodedSex: Sex = digit[3] % 2 == 0 ? .male : .female
        if let birthYear, birthYear != century + digit[4] * 10 + digit[5] {
            throw Self.refusal("does not match the year of birth", vi: "không khớp với năm sinh (chữ số thứ 4–6 ghi thế kỷ và năm sinh)")
        }
        if let sex, sex != encodedSex {
            throw Self.refusal("does not match the sex", vi: "không khớp với giới tính (chữ số thứ 4 ghi giới tính)")
        }
        digits = kept
    }

    /// The digits with all but the last three hidden: `*********123`.
    public var masked: String { Self.mask(digits) }

    /// Masks any stored number the same way.
    public static func mask(_ digits: String) -> String {
        String(repeating: "*", count: max(0, digits.count - 3)) + digits.suffix(3)
    }

    static func refusal(_ en: String, vi: String) -> AwardError {
        AwardError(.invalidInput, code: .badCitizenId, "cccd: the citizen identity number \(en)",
                   vi: "Số CCCD \(vi).", field: "cccd")
    }
}
