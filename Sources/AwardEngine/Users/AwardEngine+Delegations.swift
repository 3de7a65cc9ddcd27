import AwardDomain
import AwardPostgres
import Foundation

/// A leader's delegation to a person of the same org: for dates and a scope, under a prefix.
public struct Delegation: Sendable, Codable, Equatable {
    public var id: Int64
    public var org: String
    public var delegator: String
    @ExplicitNull public var delegatorName: String?
    @ExplicitNull public var delegatorTitle: String?
    public var delegate: String
    @ExplicitNull public var delegateName: String?
    @ExplicitNull public var delegateTitle: String?
    public var prefix: SignerPrefix
    public var acts: [DelegatedAct]
    /// Empty: every kind of award.
    public var kinds: [String]
    public var from: CivilDate
    public var to: CivilDate
    @ExplicitNull public var basis: String?
    public var createdBy: String
    /// "dd/mm/yyyy hh:mm" when revoked.
    @ExplicitNull public var revokedAt: String?
    @ExplicitNull public var revokedBy: String?
    @ExplicitNull public var revokeReason: String?

    enum CodingKeys: String, CodingKey {
        case id, org, delegator, delegatorName = "delegator_name", delegatorTitle = "delegator_title", delegate, delegateName = "delegate_name",
             delegateTitle = "delegate_title", prefix, acts, kinds, from, to, basis, createdBy = "created_by", revokedAt = "revoked_at",
             revokedBy = "revoked_by", revokeReason = "revoke_reason"
    }

    /// Whether it lets its delegate act on `day`.
    public func running(on day: CivilDate) -> Bool { revokedAt == nil && from <= day && day <= to }
}

/// What a new delegation asks for.
public struct DelegationRequest: Sendable, Equatable {
    public var org: String
    /// The leader who delegates: the caller when nil (an admin names one).
    public var delegator: String?
    public var delegate: String
    public var prefix: SignerPrefix
    public var acts: [DelegatedAct]
    public var kinds: [String]
    public var from: CivilDate
    public var to: CivilDate
    public var basis: String?

    public init(org: String, delegator: String? = nil, delegate: String, prefix: SignerPrefix, acts: [DelegatedAct], kinds: [String] = [],
                from: CivilDate, to: CivilDate, basis: String? = nil) {
        self.org = org
        self.delegator = delegator
        self.delegate = delegate
        self.prefix = prefix
        self.acts = acts
        self.kinds = kinds
        self.from = from
        self.to = to
        self.basis = basis
    }
}

extension AwardEngine {
    /// Records a delegation. The leader is an approver of the org (the caller, or the user an admin
    /// names); the delegate another active user of it; the dates at most 366 days apart.
    public func delegate(_ request: DelegationRequest, by principal: Principal) async throws(AwardError) -> Delegation {
        let basis = try Text.optional(request.basis, field: .legalBasis, maxLength: 500, multiline: false)
        guard !request.acts.isEmpty else {
            throw AwardError(.invalidInput, code: .badDelegation, "a delegation names what it allows: approve, sign or both",
                             vi: "Chọn việc được ủy quyền: xét duyệt, ký quyết định, hoặc cả hai.", field: "acts")
        }
        guard request.from <= request.to, request.from.dayNumber + 366 >= request.to.dayNumber else {
            throw AwardError(.invalidInput, code: .badDelegation, "a delegation runs from a date to the same or a later date, at most 366 days",
                             vi: "Thời hạn ủy quyền: «đến ngày» không trước «từ ngày», và không quá 366 ngày.", field: "to")
        }
        let kinds = Array(Set(request.kinds.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })).sorted()
        guard kinds.count <= 50 else { throw AwardError(.invalidInput, code: .badDelegation, "at most 50 kinds", vi: "Tối đa 50 hình thức.", field: "kinds") }
        return try await transaction { c in
            let org = try OrgStore.org(c, code: request.org)
            try Policy.require(principal, .delegateAuthority, Subject(org: org.ref))
            let leaderName = request.delegator ?? principal.name
            let leader = try DelegationStore.member(c, user: leaderName, org: org.id)
            let delegate = try DelegationStore.member(c, user: request.delegate, org: org.id)
            try Policy.requireDelegation(by: principal, leader: leaderName, leaderRole: leader?.role, delegate: request.delegate,
                                         delegateRole: delegate?.role, sameUser: leader != nil && leader?.id == delegate?.id, orgName: org.name)
            guard let leader, let delegate else { throw AwardError(.internal, code: .internal, "the policy required both users") }
            for kind in kinds { try OrgStore.requireKind(c, code: kind) }
            let id = try DelegationStore.insert(c, org: org.id, delegator: leader.id, delegate: delegate.id, prefix: request.prefix,
                                                acts: Array(Set(request.acts)).sorted { $0.rawValue < $1.rawValue }, kinds: kinds,
                                                from: request.from, to: request.to, basis: basis, by: principal.name)
            return try DelegationStore.one(c, id: id)!.view
        }
    }

    /// Revokes a delegation (with a reason); the delegation and its revocation both stay.
    public func revokeDelegation(_ id: Int64, reason: String, by principal: Principal) async throws(AwardError) -> Delegation {
        let reason = try Text.required(reason, field: .reason, maxLength: 500)
        return try await transaction { c in
            guard let found = try DelegationStore.one(c, id: id) else {
                throw AwardError(.notFound, code: .unknownDelegation, "no delegation with id \(id)", vi: "Không có ủy quyền số \(id).")
            }
            try Access.org(c, id: found.orgId, principal, .delegateAuthority)
            guard try DelegationStore.revoke(c, id: id, reason: reason, by: principal.name) else {
                throw AwardError(.conflict, code: .badDelegation, "delegation \(id) was revoked already",
                                 vi: "Ủy quyền số \(id) đã bị thu hồi trước đó.")
            }
            return try DelegationStore.one(c, id: id)!.view
        }
    }

    /// An org's delegations (running ones first), for those who see the org.
    public func delegations(org: String, viewer: Principal?) async throws(AwardError) -> [Delegation] {
        try await readLease { c in
            let org = try Access.org(c, code: org, viewer, .readDelegations)
            return try DelegationStore.list(c, org: org.id)
        }
    }

    /// The principal who does `act` for `kind` on `day`: the caller when the role allows it,
    /// else the caller under a delegation that covers it (or the refusal saying why none does).
    static func acting(_ c: Connection, _ principal: Principal, _ permission: Permission, _ acts: [DelegatedAct], kind: String?,
                       on day: CivilDate, subject: Subject = Subject()) throws -> Principal {
        guard case .refused(let refusal) = Policy.check(principal, permission, subject) else { return principal }
        // Only a role refusal can be lifted by a delegation; a jurisdiction refusal stands.
        guard refusal.code == .roleNotAllowed, principal.delegation == nil, !acts.isEmpty else { throw refusal }
        let grants = try DelegationStore.grants(c, delegate: principal.name, org: principal.orgId, around: day)
        let acting = try Policy.delegated(principal, acts, kind: kind, on: day, grants: grants, refusal: refusal)
        try Policy.require(acting, permission, subject)
        return acting
    }

    /// Lets a route gated by `permission` in: the role allows it, or it is an act a delegation can
    /// allow and the principal holds one running today (the engine then judges the act itself).
    public func authorizeRoute(_ principal: Principal, _ permission: Permission, now: Date = Date()) async throws(AwardError) {
        guard case .refused(let refusal) = Policy.check(principal, permission) else { return }
        guard refusal.code == .roleNotAllowed, Self.delegable.contains(permission) else { throw refusal }
        let today = Self.today(now)
        let grants = try await readLease { c in
            try DelegationStore.grants(c, delegate: principal.name, org: principal.orgId, around: today)
        }
        guard grants.contains(where: { $0.from <= today && today <= $0.to }) else { throw refusal }
    }

    /// The permissions a delegation can lift.
    static let delegable: Set<Permission> = [.approveNomination, .returnNomination, .rejectNomination, .decide]

    /// The viewer as a page judges what it may do on a dossier of `kind` today: under a delegation
    /// that covers approving or signing it, when the role alone does not allow it.
    static func viewing(_ c: Connection, _ viewer: Principal, kind: String, on day: CivilDate) throws -> Principal {
        guard !Policy.allows(viewer, .approveNomination), viewer.delegation == nil else { return viewer }
        let grants = try DelegationStore.grants(c, delegate: viewer.name, org: viewer.orgId, around: day)
        guard !grants.isEmpty else { return viewer }
        return (try? Policy.delegated(viewer, [.approve, .sign], kind: kind, on: day, grants: grants,
                                      refusal: AwardError(.forbidden, code: .roleNotAllowed, ""))) ?? viewer
    }
}
