import AwardPostgres
import Foundation

extension AwardEngine {
    /// A command's answer: read already, or the rows of the view read queued with its COMMIT.
    enum Outcome: Sendable {
        case view(NominationView)
        case pending(Deferred, Int64)

        func view() throws -> NominationView {
            switch self {
            case .view(let view): return view
            case .pending(let deferred, let id):
                guard let row = deferred.rows?.first else {
                    throw AwardError(.notFound, code: .unknownNomination, "no nomination with id \(id)", vi: "Không có hồ sơ số \(id) (hoặc hồ sơ ngoài phạm vi của người dùng).")
                }
                return try Queries.nominationView(row)
            }
        }
    }

    /// One command on one nomination, as the deciding transaction sees it.
    struct Step: Sendable {
        var id: Int64
        var principal: Principal
        var command: ActionCommand
        var today: CivilDate
        /// A decision already recorded for a batch: the awarding approvals attach to it.
        var batch: (id: Int64, kind: String)? = nil
    }

    /// The text of a transition's read, as sent to PostgreSQL with `$1` for the nomination id,
    /// and of the view its write returns (over the written row `upd`): the benchmark runs these
    /// very statements in pgbench.
    public static var transitionReads: (read: String, view: String) {
        (NominationStore.readQuery(id: 0).text, Queries.viewColumns + "\n" + Queries.viewJoins("upd"))
    }

    /// Judges and records one command inside the caller's transaction: loads the nomination's
    /// facts (and, when the command needs them, the pack in force, the unit's ancestry and the
    /// nominee's record), asks ``Workflow/decide(_:)``, and has the stores record its effects.
    /// `prefetched` is the result of the nomination's read when the caller already read it.
    /// Returns the slot of the queued write, whose row is the nomination's view once it was sent.
    @discardableResult
    static func act(_ c: Connection, _ step: Step, cache: PackCache, prefetched: Rows? = nil) throws -> Deferred {
        // Read ahead of the transaction's BEGIN when this is its first statement: the write is
        // version-checked, so the read needs no snapshot shared with it.
        guard let row = try (prefetched ?? c.executeAhead(NominationStore.readQuery(id: step.id))).first else {
            throw AwardError(.notFound, code: .unknownNomination, "no nomination with id \(step.id)")
        }
        let (facts, stamp) = try NominationStore.facts(row)
        // Asked first, so that nothing else is read for a caller the policy refuses.
        // A unit closed by a merger is held by the unit that took over its records (no read when the caller reaches the unit).
        let held = try Access.heldHome(c, step.principal, facts.unitRef)
        // A role that may not act may still act under a leader's delegation covering this kind today.
        let principal = try acting(c, step.principal, Permission(step.command.action), step.command.action.delegable, kind: facts.kind,
                                   on: step.today, subject: Subject(org: held))
        var command = step.command
        if let grant = principal.delegation { command.details = command.details.signed(under: grant, by: principal.name) }
        var draft: DraftPin? = nil
        if step.command.action == .submit && facts.state == .draft {
            let (packId, pack) = try cache.packInForce(c, on: step.today)
            draft = DraftPin(packId: packId, pack: pack, ancestry: try OrgStore.ancestry(c, unit: facts.unit))
        }
        let nominee = Workflow.needsNomineeFacts(step.command.action, facts)
            ? try NomineeStore.facts(c, nominee: facts.nomineeId, unit: facts.unit) : nil
        let decision = try Workflow.decide(DecisionInputs(
            principal: principal, command: command, facts: facts,
            rule: try facts.packId.flatMap { try cache.pack(c, id: $0).kind(facts.kind) }, draft: draft, nominee: nominee,
            calendar: try cache.calendar(c, from: step.today, stamp: stamp), today: step.today, batchKind: step.batch?.kind, heldUnit: held))

        if let grant = principal.delegation { try Policy.requireDelegated(grant, principal, decision.decision != nil ? .sign : .approve) }
        if let quota = decision.quota { try QuotaStore.apply(c, quota) }
        var decisionId: Int64? = nil
        if let effect = decision.decision {
            decisionId = try step.batch?.id ?? DecisionStore.record(
                c, issuer: effect.issuer, decision: effect.input, purpose: effect.purpose.rawValue, kind: effect.kind,
                actor: principal.name, details: effect.details, revokes: effect.revokes).id
        }
        let bonus = try decision.bonus.map { try DecisionStore.bonus(c, $0) } ?? nil
        return try NominationStore.enqueueTransition(c, facts, decision, decisionId: decisionId, bonus: bonus, today: step.today,
                                                      delegation: principal.delegation)
    }

    static func cleanDecision(_ decision: DecisionInput?) throws(AwardError) -> DecisionInput? {
        try decision.map { d throws(AwardError) in
            DecisionInput(number: try d.number.map { n throws(AwardError) in try Text.required(n, field: .decisionNumber, maxLength: 100) }, date: d.date)
        }
    }

    static func cleanDetails(_ details: DecisionDetails) throws(AwardError) -> DecisionDetails {
        var clean = details
        clean.signer = try Text.optional(details.signer, field: .signer, maxLength: 200, multiline: false)
        clean.signerTitle = try Text.optional(details.signerTitle, field: .signerTitle, maxLength: 200, multiline: false)
        clean.legalBasis = try Text.optional(details.legalBasis, field: .legalBasis, maxLength: 2000)
        clean.achievementPeriod = try Text.optional(details.achievementPeriod, field: .achievementPeriod, maxLength: 200, multiline: false)
        return clean
    }
}
