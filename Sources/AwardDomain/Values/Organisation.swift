/// A node of the organisation tree: a ministry, a province, a district, a commune or a unit.
public struct Organisation: Sendable, Encodable, Equatable {
    /// Database id.
    public let id: Int64
    /// Short code, matched without regard to case (e.g. `QN`, `HL-TX`).
    public let code: String
    /// Vietnamese name, NFC.
    public let name: String
    /// Level in the tree.
    public let level: OrgLevel
    /// The parent's code, `nil` for a root.
    @ExplicitNull public private(set) var parent: String?

    enum CodingKeys: String, CodingKey { case code, name, level, parent }


    package init(id: Int64, code: String, name: String, level: OrgLevel, parent: String? = nil) {
        self.id = id
        self.code = code
        self.name = name
        self.level = level
        self.parent = parent
    }
}

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

    package init(code: String, nameVi: String, nameEn: String, category: String, nomineeTypes: [NomineeType], chain: [OrgLevel]) {
        self.code = code
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.category = category
        self.nomineeTypes = nomineeTypes
        self.chain = chain
    }
}
