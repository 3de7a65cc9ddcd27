/// What an accepted command changes, as data: the transition and every effect the engine records
/// for it in the same transaction. ``Workflow/decide(_:)`` computes it without I/O; the engine's
/// stores write it.
public struct WorkflowDecision: Sendable, Equatable {
    /// The state machine's step: from, to (the new position), the tier and org that acted.
    public var transition: Transition
    /// The history row: the command and who gave it (from and to states are the transition's).
    public var history: HistoryRecord
    /// A draft's submission pins the pack in force today and its route.
    public var pin: (packId: Int64, route: [Int64])?
    /// The eligibility judged at submission, stored with the nomination.
    public var eligibility: EligibilityResult?
    /// The decision to number and record (or, in a batch, to attach to).
    public var decision: DecisionEffect?
    /// The issuer's quota the award counts against, or gives back when revoked.
    public var quota: QuotaEffect?
    /// The bonus to compute from the base salary in force on the decision date.
    public var bonus: BonusEffect?
    /// The tier's processing clock after the command.
    public var clock: DeadlineClock
    /// The last day of the public notice, if one runs or ran.
    public var noticeUntil: CivilDate?
    /// Timers to set (a deadline, the end of a public notice).
    public var timers: [TimerEffect]

    public static func == (a: Self, b: Self) -> Bool {
        a.transition == b.transition && a.history == b.history && a.pin?.packId == b.pin?.packId && a.pin?.route == b.pin?.route
            && a.eligibility == b.eligibility && a.decision == b.decision && a.quota == b.quota && a.bonus == b.bonus
            && a.clock == b.clock && a.noticeUntil == b.noticeUntil && a.timers == b.timers
    }
}

/// One row of a nomination's history, as the transition records it.
public struct HistoryRecord: Sendable, Equatable {
    public var command: Action
    public var org: Int64
    public var actor: String
    public var reason: String?
    public var comment: String?
    public var vote: VoteTally?
}

/// The decision an award or a revocation records.
public struct DecisionEffect: Sendable, Equatable {
    public enum Purpose: String, Sendable, Equatable { case award, revocation }
    public var purpose: Purpose
    public var issuer: Int64
    public var input: DecisionInput
    public var kind: String
    public var details: DecisionDetails
    /// The award decision a revocation annuls.
    public var revokes: Int64?
    /// In a batch the decision is recorded once, before its recipients: this one attaches to it.
    public var batch: Bool
}

/// A quota movement.
public struct QuotaEffect: Sendable, Equatable {
    public enum Movement: Sendable, Equatable { case consume, release }
    public var movement: Movement
    public var issuer: Int64
    public var kind: String
    public var year: Int
    public var nomineeType: NomineeType
    public var campaign: String?
}

/// A bonus to compute: the rule's coefficient and multipliers, on the decision's date.
public struct BonusEffect: Sendable, Equatable {
    public var rule: KindRule
    public var nomineeType: NomineeType
    public var date: CivilDate

    /// The bonus for a base salary, or 0 when the kind carries none.
    public func amount(base: Int64) -> Int64 {
        guard let coefficient = rule.coefficient, coefficient > 0 else { return 0 }
        let multiplier: Double = switch nomineeType {
        case .individual: 1
        case .collective: rule.collectiveMultiplier ?? 1
        case .household: rule.householdMultiplier ?? 1
        }
        return Bonus.amount(coefficient: coefficient, multiplier: multiplier, base: base)
    }

    /// Whether the base salary is needed at all.
    public var needsBaseSalary: Bool { (rule.coefficient ?? 0) > 0 }
}

/// A timer the timer service acts on when it falls due.
public struct TimerEffect: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case deadline, noticeEnd = "notice_end" }
    public var kind: Kind
    public var due: CivilDate

    public init(kind: Kind, due: CivilDate) {
        self.kind = kind
        self.due = due
    }
}

/// A tier's processing clock: it starts when the dossier is complete at a tier (the first day
/// counted is the next working day), pauses while returned, and stops at a final state.
public struct DeadlineClock: Sendable, Equatable {
    public var startedOn: CivilDate?
    /// Working days used at this tier before a return paused it.
    public var daysUsed: Int
    public var dueOn: CivilDate?
}
