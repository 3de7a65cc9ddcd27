/// What a user may do.
public enum Role: String, ClosedVocabulary, CaseIterable, Sendable, Codable {
    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

    /// Creates, submits, withdraws and resubmits nominations for its org and the orgs below it.
    case nominator
    /// Approves, returns and rejects nominations waiting at its own org, and revokes its awards.
    case approver
    /// Reads everything in its org's subtree.
    case auditor
    /// Everything a nominator and an approver may do, and reads everything.
    case admin

    /// The role as an officer reads it.
    public var vietnamese: String {
        switch self {
        case .nominator: "cán bộ đề nghị"
        case .approver: "cán bộ xét duyệt"
        case .auditor: "kiểm tra, giám sát"
        case .admin: "quản trị"
        }
    }
}

/// An authenticated user: who acts, for which org, in which role.
public struct Principal: Sendable, Equatable {
    /// The user's name, recorded as the actor in history.
    public let name: String
    public let role: Role
    /// The user's org.
    public let orgId: Int64
    public let orgCode: String
    /// Set when the user acts under a leader's delegation (their role as an approver comes from it).
    public let delegation: DelegationGrant?

    public init(name: String, role: Role, orgId: Int64, orgCode: String, delegation: DelegationGrant? = nil) {
        self.name = name
        self.role = role
        self.orgId = orgId
        self.orgCode = orgCode
        self.delegation = delegation
    }
}
