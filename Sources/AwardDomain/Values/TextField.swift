/// A text field a caller fills in: the name its errors give it, and the code of its "empty" refusal.
public enum TextField: String, Sendable, CaseIterable, CustomStringConvertible {
    public var description: String { rawValue }

    case achievementPeriod = "achievement period"
    case actor
    case campaign
    case comment
    case decisionNumber = "decision number"
    case documentName = "document name"
    case issuer
    case kind
    case legalBasis = "legal basis"
    case name
    case nominee
    case note
    case objection
    case overrideReason = "override reason"
    case pattern
    case reason
    case resolution
    case searchText = "search text"
    case signer
    case signerTitle = "signer title"
    case jobTitle = "job title"
    case title
    case unit
    case assignee

    /// The field as an officer reads it on a form.
    public var vietnamese: String {
        switch self {
        case .achievementPeriod: "thời gian đạt thành tích"
        case .actor: "người thực hiện"
        case .campaign: "phong trào thi đua"
        case .comment: "ý kiến"
        case .decisionNumber: "số quyết định"
        case .documentName: "tên tài liệu"
        case .issuer: "cơ quan ban hành"
        case .kind: "hình thức khen thưởng"
        case .legalBasis: "căn cứ pháp lý"
        case .name: "tên"
        case .nominee: "họ tên hoặc tên tập thể được đề nghị"
        case .note: "ghi chú"
        case .objection: "nội dung phản ánh"
        case .overrideReason: "lý do cho qua điều kiện"
        case .pattern: "mẫu số quyết định"
        case .reason: "lý do"
        case .resolution: "kết quả giải quyết"
        case .searchText: "nội dung tìm kiếm"
        case .signer: "người ký"
        case .signerTitle: "chức vụ người ký"
        case .jobTitle: "chức vụ"
        case .title: "tiêu đề"
        case .unit: "đơn vị"
        case .assignee: "người được giao"
        }
    }

    /// The refusal of a required field left blank.
    public var emptyCode: ErrorCode {
        switch self {
        case .achievementPeriod: .emptyAchievementPeriod
        case .actor: .emptyActor
        case .campaign: .emptyCampaign
        case .comment: .emptyComment
        case .decisionNumber: .emptyDecisionNumber
        case .documentName: .emptyDocumentName
        case .issuer: .emptyIssuer
        case .kind: .emptyKind
        case .legalBasis: .emptyLegalBasis
        case .name: .emptyName
        case .nominee: .emptyNominee
        case .note: .emptyNote
        case .objection: .emptyObjection
        case .overrideReason: .emptyOverrideReason
        case .pattern: .emptyPattern
        case .reason: .emptyReason
        case .resolution: .emptyResolution
        case .searchText: .emptySearchText
        case .signer: .emptySigner
        case .signerTitle, .jobTitle: .emptyTitle
        case .title: .emptyTitle
        case .unit: .emptyUnit
        case .assignee: .badAssignee
        }
    }
}
