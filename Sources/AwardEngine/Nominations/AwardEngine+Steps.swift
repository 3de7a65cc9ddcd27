import AwardDomain
import AwardPostgres
import Foundation

/// A move inside a tier that works in steps (``TierStep``).
public enum StepMove: String, Sendable, CaseIterable {
    /// The current step is done: on to the next one (a comment says what was found).
    case complete
    /// Back to the previous step, with a reason (trả về bước trước).
    case back
}

/// A person a dossier can be given to: login, name as shown, title.
public struct Assignee: Sendable, Encodable, Equatable {
    public var login: String
    public var name: String
    public var title: String?

    /// "Nguyễn Văn An, Chuyên viên" — as a list shows them.
    public var display: String { name + (title.map { ", " + $0 } ?? "") }
}

/// "Việc của tôi": what waits for one person — the dossiers assigned to them.
public struct MyWork: Sendable, Encodable {
    public var assigned: [NominationView]
}

extension AwardEngine {
    /// Moves dossier `id` one step inside the tier it waits at: `complete` (on to the next step,
    /// optionally giving it to `assignTo`) or `back` (to the previous step; needs a reason). Only
    /// an approver of the org it waits at, and only its assignee when it is assigned; the last
    /// step ends with the org's own act (approve, return or reject), never with `complete`.
    /// A history row of its own ('step' or 'step_back', in the chain, with its event); two people
    /// moving it at once: one wins, the other is refused. `from` is the step the caller saw (a page,
    /// the API): when the dossier has moved on since, nothing is done and the refusal says where it is.
    public func moveStep(_ id: Int64, _ move: StepMove, from seen: String? = nil, reason: String? = nil, comment: String? = nil,
                         assignTo: String? = nil, by principal: Principal) async throws(AwardError) -> NominationView {
        let reason = try Text.optional(reason, field: .reason)
        let comment = try Text.optional(comment, field: .comment)
        if move == .back, reason == nil {
            throw AwardError(.invalidInput, code: .reasonRequired, "returning to the previous step needs a reason",
                             vi: "Cần nêu lý do khi trả hồ sơ về bước trước.", field: "reason")
        }
        let cache = packCache
        return try await transaction { c in
            let facts = try Self.waitingFacts(c, id, principal, .workStep)
            try Policy.requireAssignee(principal, assignee: facts.assignee, name: facts.assigneeName, nomination: id)
            let steps = try Self.tierSteps(c, facts, cache)
            guard let at = StepPosition(facts.step, in: steps) else {
                throw AwardError(.refused, code: .noStep, "nomination \(id) waits at an org that does not work in steps",
                                 vi: "Cơ quan nơi hồ sơ số \(id) đang chờ không xử lý theo bước: hãy đồng ý, trả lại hoặc không đồng ý.")
            }
            if let seen, seen != at.current.code {
                throw AwardError(.conflict, code: .concurrentChange, "nomination \(id) is at step \(at.current.code) now, not \(seen)",
                                 vi: "Hồ sơ số \(id) vừa được người khác chuyển sang bước «\(at.current.nameVi)»; hãy tải lại trang để xem.")
            }
            let target: TierStep
            switch move {
            case .complete:
                guard let next = at.next else {
                    throw AwardError(.refused, code: .noStep, "nomination \(id) is at its tier's last step (\(at.current.code))",
                                     vi: "Hồ sơ số \(id) đang ở bước cuối «\(at.current.nameVi)»: hãy đồng ý, trả lại hoặc không đồng ý.")
                }
                target = next
            case .back:
                guard let previous = at.previous else {
                    throw AwardError(.refused, code: .noStep, "nomination \(id) is at its tier's first step (\(at.current.code))",
                                     vi: "Hồ sơ số \(id) đang ở bước đầu «\(at.current.nameVi)»: không có bước trước để trả về.")
                }
                target = previous
            }
            let assignee = try assignTo.map { try Self.assignee(c, $0, facts) }
            try StepStore.record(c, id: id, version: facts.version, .init(
                command: move == .complete ? "step" : "step_back", atStep: at.current.code, step: target.code,
                assigneeId: assignee?.id, assigneeLogin: assignee?.login, org: principal.orgId, actor: principal.name, reason: reason,
                comment: comment ?? (move == .complete ? "\(at.current.nameVi) → \(target.nameVi)" : nil)))
            return try Queries.view(c, id: id)
        }
    }

    /// Gives dossier `id`, waiting at the caller's org, to `login` (an active approver of that org):
    /// from then on only they act on it there, until it is given to someone else or leaves the tier.
    public func assign(_ id: Int64, to login: String, comment: String? = nil, by principal: Principal) async throws(AwardError) -> NominationView {
        let login = try Text.required(login, field: .assignee, maxLength: 64, multiline: false)
        let comment = try Text.optional(comment, field: .comment)
        return try await transaction { c in
            let facts = try Self.waitingFacts(c, id, principal, .assignDossier)
            let assignee = try Self.assignee(c, login, facts)
            guard assignee.login.lowercased() != facts.assignee?.lowercased() else {
                throw AwardError(.invalidInput, code: .nothingChanged, "nomination \(id) is already assigned to \(assignee.login)",
                                 vi: "Hồ sơ số \(id) đã được giao cho \(assignee.display).", field: "assignee")
            }
            try StepStore.record(c, id: id, version: facts.version, .init(
                command: "assign", atStep: facts.step, step: facts.step, assigneeId: assignee.id, assigneeLogin: assignee.login,
                org: principal.orgId, actor: principal.name, reason: nil, comment: comment ?? "Giao cho \(assignee.display)"))
            return try Queries.view(c, id: id)
        }
    }

    /// Whether `org` works in steps (dossiers arriving from now on start at the pack's first step
    /// for its level). Its leader or an admin.
    public func setWorksInSteps(org: String, _ on: Bool, by principal: Principal?) async throws(AwardError) {
        try await transaction { c in
            let target = try OrgStore.org(c, code: org)
            try Policy.require(principal, .organizeWork, Subject(org: target.ref))
            try StepStore.setWorksInSteps(c, org: target.id, on: on)
        }
    }

    /// What waits for `principal`: the dossiers assigned to them (at most `limit`).
    public func myWork(of principal: Principal, limit: Int = 200) async throws(AwardError) -> MyWork {
        try Policy.require(principal, .readInbox)
        return try await readLease { c in
            MyWork(assigned: try c.execute(StepStore.assignedQuery(login: principal.name, limit: max(1, min(limit, 1_000)))).map(Queries.nominationView))
        }
    }

    /// The people a dossier waiting at `org` can be given (its active approvers), for the forms.
    public func assignees(at org: String, viewer: Principal) async throws(AwardError) -> [Assignee] {
        try await readLease { c in
            let target = try OrgStore.org(c, code: org)
            try Policy.require(viewer, .assignDossier, Subject(org: target.ref))
            return try StepStore.assignees(c.execute(StepStore.assigneesQuery(org: target.id)))
        }
    }

    /// The facts of a dossier pending at the caller's org, after the policy allowed `permission` on it.
    static func waitingFacts(_ c: Connection, _ id: Int64, _ principal: Principal, _ permission: Permission) throws -> NominationFacts {
        guard let row = try c.execute(NominationStore.readQuery(id: id)).first else { throw Access.unknownNomination(id) }
        let (facts, _) = try NominationStore.facts(row)
        try Policy.require(principal, permission, Subject(org: try Access.heldHome(c, principal, facts.unitRef)))
        guard facts.state == .pending else {
            throw AwardError(.conflict, code: .wrongState, "nomination \(id) is \(facts.state.rawValue), not pending at a tier",
                             vi: "Hồ sơ số \(id) đang ở trạng thái «\(facts.state.vietnamese)», không chờ xử lý ở cơ quan nào.")
        }
        let waitsAt = facts.route[facts.tier - 1]
        guard Policy.waitsAtCallersOrg(principal, facts) else {
            throw AwardError(.refused, code: .wrongOrg, "nomination \(id) waits at \(facts.code(of: waitsAt)), not \(principal.orgCode)",
                             vi: "Hồ sơ số \(id) đang chờ ở \(facts.currentOrgName ?? facts.code(of: waitsAt)), không phải ở cơ quan của người dùng.")
        }
        return facts
    }

    /// The steps of the tier a dossier waits at, from its pinned pack (those that apply to its kind).
    static func tierSteps(_ c: Connection, _ facts: NominationFacts, _ cache: PackCache) throws -> [TierStep] {
        guard let packId = facts.packId, facts.tier <= facts.routeLevels.count else { return [] }
        let pack = try cache.pack(c, id: packId)
        let level = facts.routeLevels[facts.tier - 1]
        return pack.steps(at: level, kind: facts.kind)
    }

    /// The user a dossier is given to, checked by the policy: an active approver of the org it waits at.
    static func assignee(_ c: Connection, _ login: String, _ facts: NominationFacts) throws -> (id: Int64, login: String, display: String) {
        guard let user = try StepStore.assignable(c, login: login) else {
            throw AwardError(.invalidInput, code: .badAssignee, "no user \(login)", vi: "Không có người dùng «\(login)».", field: "assignee")
        }
        try Policy.requireAssignable(login: user.login, role: user.role, orgId: user.orgId, revoked: user.revoked,
                                     waitsAt: facts.route[facts.tier - 1], orgName: facts.currentOrgName ?? facts.code(of: facts.route[facts.tier - 1]))
        return (user.id, user.login, user.display)
    }
}
