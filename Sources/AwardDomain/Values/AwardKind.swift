/// A form of commendation or an emulation title, with the chain of levels it climbs.
public struct AwardKind: Sendable, Encodable, Equatable {
    /// Machine code, e.g. `giay-khen`.
    public let code: String
    /// Vietnamese name, e.g. `Giấy khen`.
    public let nameVi: String
    /// English name.
    public let nameEn: String
    /// `commendation` (hình thức khen thưởng) or `title` (danh hiệu thi đua).
    public let category: String
    /// The nominee types the kind accepts.
    public let nomineeTypes: [NomineeType]
    /// The levels a nomination climbs, in order; the last decides.
    public let chain: [OrgLevel]

    enum CodingKeys: String, CodingKey {
        case code, nameVi = "name_vi", nameEn = "name_en", category, nomineeTypes = "nominee_types", chain
    }
}
