/// The level of an organisation in the tree, highest first.
public enum OrgLevel: String, ClosedVocabulary, CaseIterable, Sendable, Codable {
    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

    case central, ministry, province, district, commune, unit

    /// Vietnamese name of the level.
    public var vietnamese: String {
        switch self {
        case .central: "Trung ương"
        case .ministry: "Bộ, ngành"
        case .province: "Tỉnh, thành phố"
        case .district: "Huyện, thị xã"
        case .commune: "Xã, phường"
        case .unit: "Cơ quan, đơn vị"
        }
    }
}

/// Whether the nominee is a person, a collective or a household.
public enum NomineeType: String, ClosedVocabulary, CaseIterable, Sendable, Codable {
    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

    case individual, collective, household

    /// Vietnamese name of the type.
    public var vietnamese: String {
        switch self {
        case .individual: "cá nhân"
        case .collective: "tập thể"
        case .household: "hộ gia đình"
        }
    }
}
