/// The decision a command carries: a number such as `15/QĐ-UBND` and its date.
public struct DecisionInput: Sendable, Equatable, Codable {
    /// The number as the issuer writes it; `nil` takes the issuer's next number for the year.
    public var number: String?
    /// The date it was signed.
    public var date: CivilDate

    public init(number: String?, date: CivilDate) {
        self.number = number
        self.date = date
    }
}

/// A command on a nomination, with everything the workflow needs to judge it.
public struct Command: Sendable, Equatable {
    /// What is done.
    public var action: Action
    /// The org the actor acts for.
    public var actingOrg: Int64
    /// Why (required to return, reject and revoke).
    public var reason: String?
    /// The decision (required to award at the deciding tier, and to revoke).
    public var decision: DecisionInput?

    public init(action: Action, actingOrg: Int64, reason: String? = nil, decision: DecisionInput? = nil) {
        self.action = action
        self.actingOrg = actingOrg
        self.reason = reason
        self.decision = decision
    }
}

/// Where a nomination stands: the facts the workflow judges a command against.
public struct Position: Sendable, Equatable {
    /// The current state.
    public var state: NominationState
    /// The 1-based index into `route` of the tier it is at (or returns to).
    public var tier: Int
    /// The orgs it climbs; the last one decides.
    public var route: [Int64]
    /// The proposing unit.
    public var unit: Int64
    /// The date of the award decision, once awarded.
    public var awardDate: CivilDate?
    /// The tier (1-based) whose council may vote only after a public notice, if the kind needs one.
    public var noticeTier: Int?
    /// The earliest date a decision on it may bear (its last step's day), when known.
    public var earliestDecision: CivilDate?

    public init(state: NominationState, tier: Int, route: [Int64], unit: Int64, awardDate: CivilDate? = nil, noticeTier: Int? = nil,
                earliestDecision: CivilDate? = nil) {
        self.state = state
        self.tier = tier
        self.route = route
        self.unit = unit
        self.awardDate = awardDate
        self.noticeTier = noticeTier
        self.earliestDecision = earliestDecision
    }

    /// The org the nomination waits at: the tier's org while pending, the proposer while a draft
    /// or returned, the deciding org once awarded or revoked.
    public var currentOrg: Int64 {
        switch state {
        case .pending, .publicNotice, .rejected: route[tier - 1]
        case .draft, .returned, .withdrawn: unit
        case .awarded, .revoked: route[route.count - 1]
        }
    }

    /// Whether the tier it is at is the deciding one.
    public var atDecidingTier: Bool { tier == route.count }
}

/// The outcome of an accepted command: the new position and what to record.
public struct Transition: Sendable, Equatable {
    /// The state before.
    public var from: NominationState
    /// The position after.
    public var to: Position
    /// The tier at which the command acted (1-based).
    public var tier: Int
    /// The org that acted.
    public var actingOrg: Int64
    /// A decision to record and link: an award at the deciding tier, or a revocation.
    public var decision: DecisionInput?
}

/// The nomination lifecycle as a pure value: no I/O, no clock, no logging.
///
/// The caller passes the nomination's ``Position``, the ``Command`` and today's date; the workflow
/// returns the ``Transition`` to record or a ``WorkflowError`` naming the state, the command and what
/// is wrong. The database then records it under a version check, so a lost race cannot double it.
///
/// ```
/// draft ──submit──▶ pending ──approve (not deciding)──▶ pending at next tier
///                   pending ──approve (deciding, decision)──▶ awarded ──revoke──▶ revoked
///                   pending ──return──▶ returned ──resubmit──▶ pending (same tier)
///                   pending ──reject──▶ rejected
/// draft | pending | returned ──withdraw──▶ withdrawn
/// ```
public enum Workflow {
    /// Judges `command` against `position`.
    /// The states in which `action` may be taken.
    public static func states(allowing action: Action) -> Set<NominationState> {
        switch action {
        case .submit: [.draft]
        case .approve: [.pending]
        case .return, .reject: [.pending, .publicNotice]
        case .resubmit: [.returned]
        case .withdraw: [.draft, .pending, .publicNotice, .returned]
        case .revoke: [.awarded]
        }
    }

    public static func apply(_ command: Command, to position: Position, today: CivilDate) throws(WorkflowError) -> Transition {
        let allowed = states(allowing: command.action)
        if command.action == .approve && position.state == .publicNotice {
            throw WorkflowError(code: .wrongState,
                                message: "cannot approve a nomination that is public_notice: the council votes only after its public notice ends",
                                vi: "Chưa thể đồng ý: hồ sơ đang trong thời gian công khai; Hội đồng chỉ biểu quyết sau khi hết thời gian công khai.")
        }
        guard allowed.contains(position.state) else {
            throw WorkflowError(
                code: .wrongState,
                message: "cannot \(command.action.rawValue) a nomination that is \(position.state.rawValue)"
                    + " (\(command.action.rawValue) is allowed only when \(allowed.map(\.rawValue).sorted().joined(separator: " or ")))",
                vi: "Không thể \(command.action.vietnamese) hồ sơ đang ở trạng thái «\(position.state.vietnamese)»; chỉ được \(command.action.vietnamese) khi hồ sơ \(allowed.map { "«\($0.vietnamese)»" }.sorted().joined(separator: " hoặc ")).")
        }
        try checkActingOrg(command, position)

        var next = position
        var decision: DecisionInput? = nil
        switch command.action {
        case .submit:
            next.state = position.noticeTier == 1 ? .publicNotice : .pending
            next.tier = 1
            try refuseDecision(command, "submit")
        case .resubmit:
            next.state = .pending
            try refuseDecision(command, "resubmit")
        case .withdraw:
            next.state = .withdrawn
            try refuseDecision(command, "withdraw")
        case .return, .reject:
            guard command.reason != nil else {
                throw WorkflowError(code: .reasonRequired, message: "\(command.action.rawValue) needs a reason",
                                    vi: "Cần nêu lý do khi \(command.action.vietnamese) hồ sơ.")
            }
            try refuseDecision(command, command.action.rawValue)
            next.state = command.action == .return ? .returned : .rejected
        case .approve:
            if position.atDecidingTier {
                guard let given = command.decision else {
                    throw WorkflowError(
                        code: .decisionRequired,
                        message: "approving at the deciding tier awards the nomination and needs a decision number and date",
                        vi: "Đồng ý ở cấp có thẩm quyền là quyết định khen thưởng: cần số và ngày quyết định.")
                }
                try checkDecisionDate(given.date, position, today: today)
                next.state = .awarded
                next.awardDate = given.date
                decision = given
            } else {
                guard command.decision == nil else {
                    throw WorkflowError(
                        code: .decisionNotAllowed,
                        message: "tier \(position.tier) of \(position.route.count) does not decide: approving forwards the nomination, so it takes no decision",
                        vi: "Cấp \(position.tier)/\(position.route.count) không có thẩm quyền quyết định: đồng ý là chuyển hồ sơ lên cấp trên, không kèm số quyết định.")
                }
                next.tier = position.tier + 1
                if position.noticeTier == next.tier { next.state = .publicNotice }
            }
        case .revoke:
            guard command.reason != nil else {
                throw WorkflowError(code: .reasonRequired, message: "revoke needs a reason", vi: "Cần nêu lý do hủy bỏ khen thưởng.")
            }
            guard let given = command.decision else {
                throw WorkflowError(code: .decisionRequired, message: "revoke needs the number and date of the annulling decision",
                                    vi: "Hủy bỏ khen thưởng cần số và ngày của quyết định hủy bỏ (--decision, --decision-date).")
            }
            try checkDecisionDate(given.date, position, today: today)
            if let awarded = position.awardDate, given.date < awarded {
                throw WorkflowError(
                    code: .decisionDate,
                    message: "the annulling decision (\(given.date.iso)) cannot predate the award decision (\(awarded.iso))",
                    vi: "Quyết định hủy bỏ (\(given.date.vietnamese)) không thể trước quyết định khen thưởng (\(awarded.vietnamese)).")
            }
            next.state = .revoked
            decision = given
        }
        return Transition(from: position.state, to: next, tier: position.tier, actingOrg: command.actingOrg, decision: decision)
    }

    /// A decision is dated no later than today and no earlier than the dossier's last step: it
    /// cannot decide on a dossier before the dossier reached the one deciding.
    private static func checkDecisionDate(_ date: CivilDate, _ position: Position, today: CivilDate) throws(WorkflowError) {
        guard date <= today else {
            throw WorkflowError(code: .decisionDate, message: "decision date \(date.iso) is in the future (today is \(today.iso))",
                                vi: "Ngày quyết định \(date.vietnamese) ở sau hôm nay (\(today.vietnamese)): hãy nhập ngày đã ký quyết định.")
        }
        if let earliest = position.earliestDecision, date < earliest {
            throw WorkflowError(code: .decisionDate,
                                message: "decision date \(date.iso) is before the dossier's last step (\(earliest.iso))",
                                vi: "Ngày quyết định \(date.vietnamese) ở trước bước xử lý gần nhất của hồ sơ (\(earliest.vietnamese)): "
                                    + "quyết định không thể ký trước khi hồ sơ đến cấp quyết định. Hãy nhập ngày từ \(earliest.vietnamese) đến \(today.vietnamese).")
        }
    }

    private static func checkActingOrg(_ command: Command, _ position: Position) throws(WorkflowError) {
        let expected: Int64
        let role: String, roleVI: String
        if command.action.isProposerAction {
            expected = position.unit
            (role, roleVI) = ("the proposing unit", "đơn vị đề nghị")
        } else if command.action == .revoke {
            expected = position.route[position.route.count - 1]
            (role, roleVI) = ("the awarding authority", "cơ quan đã quyết định khen thưởng")
        } else {
            expected = position.route[position.tier - 1]
            (role, roleVI) = ("the org it waits at (tier \(position.tier))", "cơ quan, đơn vị hồ sơ đang chờ (cấp \(position.tier))")
        }
        guard command.actingOrg == expected else {
            throw WorkflowError(
                code: .wrongOrg,
                message: "only \(role) may \(command.action.rawValue) this nomination",
                vi: "Chỉ \(roleVI) được \(command.action.vietnamese) hồ sơ này",
                expectedOrg: expected)
        }
    }

    private static func refuseDecision(_ command: Command, _ name: String) throws(WorkflowError) {
        guard command.decision == nil else {
            throw WorkflowError(code: .decisionNotAllowed, message: "\(name) takes no decision",
                                vi: "Thao tác «\(command.action.vietnamese)» không kèm quyết định.")
        }
    }
}
