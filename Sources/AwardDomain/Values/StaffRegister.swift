/// Where a body doing emulation and commendation work sits, as form 0604 (Circular 02/2023/TT-BNV)
/// counts it.
public enum BodyStructure: String, Sendable, Codable, CaseIterable, ClosedVocabulary {
    /// A department (Vụ) of a ministry or central body.
    case ministryDepartment = "ministry_department"
    /// A division, board or section within such a department.
    case departmentDivision = "department_division"
    /// A board under the provincial Department of Home Affairs (Ban Thi đua - Khen thưởng).
    case homeAffairsBoard = "home_affairs_board"
    /// A division under the provincial Department of Home Affairs.
    case homeAffairsDivision = "home_affairs_division"

    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

    public var vietnamese: String {
        switch self {
        case .ministryDepartment: "Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương"
        case .departmentDivision: "Cấp phòng, ban hoặc bộ phận thuộc Vụ"
        case .homeAffairsBoard: "Cấp ban thuộc Sở Nội vụ"
        case .homeAffairsDivision: "Cấp phòng thuộc Sở Nội vụ"
        }
    }
}

/// A civil servant's level of training, as form 0605 counts it.
public enum Education: String, Sendable, Codable, CaseIterable, ClosedVocabulary {
    case elementary, intermediate, college, university, postgraduate

    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

    public var vietnamese: String {
        switch self {
        case .elementary: "Sơ cấp"
        case .intermediate: "Trung cấp"
        case .college: "Cao đẳng"
        case .university: "Đại học"
        case .postgraduate: "Trên đại học"
        }
    }
}
