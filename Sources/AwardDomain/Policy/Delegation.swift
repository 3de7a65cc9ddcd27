/// What a leader may let another person of the org do for them (issue 29): approve (forward,
/// return or reject at the org's tier) or sign (the steps that issue a decision).
public enum DelegatedAct: String, ClosedVocabulary, CaseIterable, Sendable, Codable {
    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

    case approve
    case sign

    public var vietnamese: String {
        switch self {
        case .approve: "xét duyệt (chuyển lên, trả lại, không đồng ý)"
        case .sign: "ký quyết định khen thưởng"
        }
    }
}

/// A delegation as the policy judges it: who acts for whom, under which prefix, for what and when.
public struct DelegationGrant: Sendable, Equatable {
    public var id: Int64
    /// The leader's login and name as papers print it.
    public var delegator: String
    public var delegatorName: String?
    public var delegatorTitle: String?
    /// The delegate's name and title as papers print them.
    public var delegateName: String?
    public var delegateTitle: String?
    public var prefix: SignerPrefix
    public var acts: Set<DelegatedAct>
    /// The kinds of award it covers; empty: every kind.
    public var kinds: [String]
    public var from: CivilDate
    public var to: CivilDate

    public init(id: Int64, delegator: String, delegatorName: String? = nil, delegatorTitle: String? = nil, delegateName: String? = nil,
                delegateTitle: String? = nil, prefix: SignerPrefix, acts: Set<DelegatedAct>, kinds: [String], from: CivilDate, to: CivilDate) {
        self.id = id
        self.delegator = delegator
        self.delegatorName = delegatorName
        self.delegatorTitle = delegatorTitle
        self.delegateName = delegateName
        self.delegateTitle = delegateTitle
        self.prefix = prefix
        self.acts = acts
        self.kinds = kinds
        self.from = from
        self.to = to
    }

    /// Whether it lets its delegate do `act` for `kind` on `day`.
    public func covers(_ act: DelegatedAct, kind: String?, on day: CivilDate) -> Bool {
        from <= day && day <= to && acts.contains(act) && (kinds.isEmpty || kind.map { kinds.contains($0) } ?? false)
    }

    /// The leader as a refusal names them.
    var leader: String { delegatorName ?? delegator }
}

extension Action {
    /// What a delegation must allow for a delegate to do this action (any of them; the step then
    /// needs `sign` if it issues a decision and `approve` if it does not). Empty: not delegable.
    public var delegable: [DelegatedAct] {
        switch self {
        case .approve: [.approve, .sign]
        case .return, .reject: [.approve]
        case .submit, .resubmit, .withdraw, .revoke: []
        }
    }
}

extension Policy {
    /// The principal a delegate acts as when their own role does not allow the act: an approver of
    /// their org carrying the first delegation that covers one of `acts` for `kind` on `day`.
    /// Without any delegation the role's `refusal` stands; with delegations that do not cover it,
    /// the refusal says why (outside the dates, another act or another kind).
    public static func delegated(_ principal: Principal, _ acts: [DelegatedAct], kind: String?, on day: CivilDate,
                                 grants: [DelegationGrant], refusal: AwardError) throws(AwardError) -> Principal {
        guard principal.role != .admin, let act = acts.first, !grants.isEmpty else { throw refusal }
        for act in acts {
            if let grant = grants.first(where: { $0.covers(act, kind: kind, on: day) }) {
                return Principal(name: principal.name, role: .approver, orgId: principal.orgId, orgCode: principal.orgCode, delegation: grant)
            }
        }
        let inDates = grants.filter { $0.from <= day && day <= $0.to }
        guard let current = inDates.first else {
            let nearest = grants.max { $0.to < $1.to }!
            throw AwardError(.forbidden, code: .delegationDates,
                             "the delegation from \(nearest.delegator) to \(principal.name) runs from \(nearest.from.iso) to \(nearest.to.iso), not on \(day.iso)",
                             vi: "Ủy quyền của \(nearest.leader) cho \(principal.name) có hiệu lực từ \(nearest.from.vietnamese) đến \(nearest.to.vietnamese); ngày \(day.vietnamese) nằm ngoài thời hạn đó.")
        }
        guard let actCovered = inDates.first(where: { !$0.acts.isDisjoint(with: acts) }) else {
            throw outsideScope(current, principal, act)
        }
        let kinds = actCovered.kinds.joined(separator: ", ")
        throw AwardError(.forbidden, code: .delegationScope,
                         "the delegation from \(actCovered.delegator) to \(principal.name) covers the kinds \(kinds), not \(kind ?? "?")",
                         vi: "Ủy quyền của \(actCovered.leader) cho \(principal.name) chỉ gồm các hình thức \(kinds); không gồm \(kind ?? "?").",
                         field: "kind")
    }

    /// Refuses a delegated step that needs `act` (signing: it issues a decision) when the
    /// delegation it runs under does not allow it.
    public static func requireDelegated(_ grant: DelegationGrant, _ principal: Principal, _ act: DelegatedAct) throws(AwardError) {
        guard grant.acts.contains(act) else { throw outsideScope(grant, principal, act) }
    }

    static func outsideScope(_ grant: DelegationGrant, _ principal: Principal, _ act: DelegatedAct) -> AwardError {
        AwardError(.forbidden, code: .delegationScope,
                   "the delegation from \(grant.delegator) to \(principal.name) covers \(grant.acts.map(\.rawValue).sorted().joined(separator: ", ")), not \(act.rawValue)",
                   vi: "Ủy quyền của \(grant.leader) cho \(principal.name) không bao gồm việc \(act.vietnamese).")
    }

    /// Who may record a delegation: the leader (an approver of the org) for themselves, or an admin
    /// naming one; the delegate is another active user of the org who is not an admin. `nil` roles:
    /// no such active user of the org.
    public static func requireDelegation(by principal: Principal, leader: String, leaderRole: Role?, delegate: String, delegateRole: Role?,
                                         sameUser: Bool, orgName: String) throws(AwardError) {
        guard principal.role == .admin || leader.lowercased() == principal.name.lowercased() else {
            throw AwardError(.forbidden, code: .roleNotAllowed, "only an admin delegates for another user",
                             vi: "Chỉ quản trị viên được lập ủy quyền thay cho người khác.", field: "delegator")
        }
        guard leaderRole == .approver else {
            throw AwardError(.refused, code: .unknownUser, "\(leader) is not an approver of \(orgName): only a leader delegates",
                             vi: "\(leader) không phải cán bộ xét duyệt của \(orgName): chỉ lãnh đạo có thẩm quyền mới ủy quyền.", field: "delegator")
        }
        guard let delegateRole, delegateRole != .admin, !sameUser else {
            throw AwardError(.refused, code: .unknownUser, "no other active user named \(delegate) at \(orgName)",
                             vi: "\(orgName) không có người dùng khác đang hoạt động tên \(delegate): người được ủy quyền phải là người của đơn vị.",
                             field: "delegate")
        }
    }

    /// Only the issuer's own leader (or a delegate of its, acting as one) signs its decisions; an admin may.
    public static func requireSigner(_ acting: Principal, issuer: OrgRef) throws(AwardError) {
        guard acting.role == .admin || acting.orgId == issuer.id else {
            throw AwardError(.forbidden, code: .notUsersOrg, "only the leader of \(issuer.code) signs its decisions",
                             vi: "Chỉ lãnh đạo của cơ quan ban hành (\(issuer.code)) được ký số quyết định này.")
        }
    }
}
