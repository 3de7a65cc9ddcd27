/// Who may do what: the one place where a role or a jurisdiction is compared.
///
/// Pure: the caller (the engine) loads the facts of every thing a request names — the org paths
/// of the nomination's unit, of an existing nominee's home unit, of a campaign's launching org,
/// of a decision's issuer and recipients — and asks before every read and command. For lists it
/// returns a ``Scope`` that the stores apply verbatim in SQL. Pages and the API show only what the
/// ``Capabilities`` it computes allow.
///
/// ```swift
/// try Policy.require(principal, .createNomination, Subject(org: unit, nomineeHome: home))
/// let scope = try Policy.scope(viewer, .readReports, requested: org)   // scope.root in SQL
/// ```
public enum Policy {
    /// Allowed, or refused with the error to answer.
    public enum Verdict: Sendable, Equatable {
        case allowed
        case refused(AwardError)

        public var isAllowed: Bool { self == .allowed }
    }

    /// Judges `permission` for `principal` (`nil`: the operator at the database, who may do
    /// everything) on the things `subject` describes.
    public static func check(_ principal: Principal?, _ permission: Permission, _ subject: Subject = Subject()) -> Verdict {
        guard let principal else { return .allowed }
        // What the caller may not know exists is not found, whatever its role.
        if permission.hidesOutside, permission.reach == .subtree, principal.role != .admin, let org = subject.org,
           !reaches(principal, org), !subject.alsoVisibleVia.contains(where: { reaches(principal, $0) }) {
            return .refused(outside(principal, permission, org))
        }
        guard permission.roles.contains(principal.role) else {
            return .refused(roleRefusal(principal, permission))
        }
        switch permission.reach {
        case .none:
            return .allowed
        case .ownAccount:
            if principal.role == .admin || subject.account?.lowercased() == principal.name.lowercased() { return .allowed }
            return .refused(AwardError(.forbidden, code: .roleNotAllowed, "user \(principal.name) may change only their own account",
                                       vi: "Người dùng \(principal.name) chỉ được thay đổi tài khoản của chính mình."))
        case .ownOrg:
            // Without an org, only the role is asked (a page before it reads its form).
            guard let org = subject.org else { return .allowed }
            if principal.role == .admin || org.id == principal.orgId { return .allowed }
            return .refused(outside(principal, permission, org))
        case .subtree:
            if principal.role == .admin { return .allowed }
            // The subject's own org, or (for reads) another org through which the caller sees it.
            let orgVisible = subject.org.map { reaches(principal, $0) || subject.alsoVisibleVia.contains { reaches(principal, $0) } } ?? true
            guard orgVisible else { return .refused(outside(principal, permission, subject.org)) }
            for named in [subject.nomineeHome, subject.target].compactMap({ $0 }) where !reaches(principal, named) {
                return .refused(outside(principal, permission, named, nominee: named == subject.nomineeHome))
            }
            return .allowed
        }
    }

    /// ``check(_:_:_:)``, throwing the refusal.
    public static func require(_ principal: Principal?, _ permission: Permission, _ subject: Subject = Subject()) throws(AwardError) {
        if case .refused(let error) = check(principal, permission, subject) { throw error }
    }

    /// Whether ``check(_:_:_:)`` allows it (for capability flags).
    public static func allows(_ principal: Principal?, _ permission: Permission, _ subject: Subject = Subject()) -> Bool {
        check(principal, permission, subject).isAllowed
    }

    /// What part of the tree a list may show the viewer: everything (an admin, the operator), or the
    /// viewer's subtree. The role must allow `permission`.
    public static func scope(_ viewer: Principal?, _ permission: Permission) throws(AwardError) -> Scope {
        try require(viewer, permission)
        guard let viewer, viewer.role != .admin else { return .everything }
        return Scope(root: viewer.orgId)
    }

    /// A list narrowed to a requested org, which must lie within the viewer's jurisdiction (or be
    /// seen through one of `alsoVisibleVia`: the units that took over its records); without one,
    /// the viewer's whole scope.
    public static func scope(_ viewer: Principal?, _ permission: Permission, requested: OrgRef?,
                             alsoVisibleVia: [OrgRef] = []) throws(AwardError) -> Scope {
        guard let requested else { return try scope(viewer, permission) }
        try require(viewer, permission, Subject(org: requested, alsoVisibleVia: alsoVisibleVia))
        return Scope(root: requested.id)
    }

    /// Whether `org` is the principal's org or lies below it.
    package static func reaches(_ principal: Principal, _ org: OrgRef) -> Bool {
        org.path.contains(principal.orgId)
    }

    static func roleRefusal(_ principal: Principal, _ permission: Permission) -> AwardError {
        if let action = Action.allCases.first(where: { Permission($0) == permission }) {
            return AwardError(.forbidden, code: .roleNotAllowed,
                              "user \(principal.name) is \(principal.role.rawValue) and cannot \(action.rawValue)",
                              vi: "Người dùng \(principal.name) có vai trò \(principal.role.vietnamese), không được \(action.vietnamese) hồ sơ.")
        }
        let allowed = Role.allCases.filter { permission.roles.contains($0) }
        return AwardError(
            .forbidden, code: .roleNotAllowed,
            "user \(principal.name) is \(principal.role.rawValue) and may not \(permission.rawValue.replacingOccurrences(of: "_", with: " ")) (allowed: \(allowed.map(\.rawValue).joined(separator: ", ")))",
            vi: "Người dùng \(principal.name) có vai trò «\(principal.role.vietnamese)», không được \(permission.vietnamese); chỉ \(allowed.map(\.vietnamese).joined(separator: ", ")) được làm việc này.")
    }

    static func outside(_ principal: Principal, _ permission: Permission, _ org: OrgRef?, nominee: Bool = false) -> AwardError {
        if permission.hidesOutside || nominee {
            return nominee
                ? AwardError(.notFound, code: .unknownNominee, "no such nominee in the jurisdiction of \(principal.orgCode)",
                             vi: "Không có đối tượng này trong phạm vi quản lý của \(principal.orgCode); người thuộc đơn vị khác chỉ được chuyển sang qua thủ tục chuyển đối tượng.")
                : AwardError(.notFound, code: permission.unknownCode, "not found (or outside the jurisdiction of \(principal.orgCode))",
                             vi: "Không tìm thấy (hoặc ngoài phạm vi quản lý của \(principal.orgCode)).")
        }
        let name = org?.code ?? "?"
        return AwardError(.forbidden, code: .outsideJurisdiction,
                          "user \(principal.name) of \(principal.orgCode) may not act for \(name), which is not under it",
                          vi: "Người dùng \(principal.name) của \(principal.orgCode) không được thao tác cho \(name) vì đơn vị này không trực thuộc.")
    }
}

extension Permission {
    /// The "unknown" code a hidden refusal answers with.
    var unknownCode: ErrorCode {
        switch self {
        case .readNominee, .transferNominee, .recordNomineeFacts: .unknownNominee
        case .readDecision: .unknownDecision
        case .readCampaign, .moveCampaign, .recordReview: .unknownCampaign
        case .readRegistration, .sendRegistration, .judgeRegistration: .unknownRegistration
        default: .unknownNomination
        }
    }
}

/// An org as the policy sees it: its id, code, and the ids of its ancestors and itself, root first.
public struct OrgRef: Sendable, Equatable, Hashable {
    public var id: Int64
    public var code: String
    public var path: [Int64]

    public init(id: Int64, code: String, path: [Int64]) {
        self.id = id
        self.code = code
        self.path = path
    }
}

/// The facts of what a request names.
public struct Subject: Sendable, Equatable {
    /// The org the thing belongs to: a nomination's proposing unit, a campaign's launching org, a
    /// registration's unit, a decision's issuer, a fund's org, an org a list asks for.
    public var org: OrgRef?
    /// For reads: other orgs through which a caller sees it (a decision's recipients' units, the
    /// units a campaign covers, the launching org of a registration's campaign).
    public var alsoVisibleVia: [OrgRef]
    /// An existing nominee named by id: its home unit must be within reach too.
    public var nomineeHome: OrgRef?
    /// Where something is moved to (a nominee's transfer): within reach too.
    public var target: OrgRef?
    /// A user account the request names (mail settings).
    public var account: String?

    public init(org: OrgRef? = nil, alsoVisibleVia: [OrgRef] = [], nomineeHome: OrgRef? = nil, target: OrgRef? = nil, account: String? = nil) {
        self.org = org
        self.alsoVisibleVia = alsoVisibleVia
        self.nomineeHome = nomineeHome
        self.target = target
        self.account = account
    }
}

/// The part of the tree a list shows: `root`'s subtree, or everything when `nil`. The stores take
/// `root` as it is and filter `path @> ARRAY[root]` in SQL.
public struct Scope: Sendable, Equatable {
    public var root: Int64?

    public init(root: Int64?) { self.root = root }

    public static let everything = Scope(root: nil)
}
