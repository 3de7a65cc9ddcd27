/// What the engine knows of a nomination when a command arrives: the row it read in the command's
/// first round trip, decoded. Pure data; ``Workflow/decide(_:)`` judges a command against it.
public struct NominationFacts: Sendable, Equatable {
    public var id: Int64
    public var state: NominationState
    /// The 1-based tier it is at (or returns to).
    public var tier: Int
    /// The orgs it climbs, and their levels and codes, tier by tier; the last decides.
    public var route: [Int64]
    public var routeLevels: [OrgLevel]
    public var routeCodes: [String]
    /// The proposing unit, its code and its path from the root (who may see the nomination).
    public var unit: Int64
    public var unitCode: String
    public var unitPath: [Int64]
    /// The proposing unit as the policy sees it.
    public var unitRef: OrgRef { OrgRef(id: unit, code: unitCode, path: unitPath) }
    /// The version the command's write must still find.
    public var version: Int64
    public var kind: String
    public var nomineeId: Int64
    public var nomineeType: NomineeType
    public var year: Int?
    public var campaign: String?
    /// The rule pack pinned at submission (nil for a draft).
    public var packId: Int64?
    public var commendationType: CommendationType
    /// The award decision, once awarded: its date, issuer and year.
    public var decisionId: Int64?
    public var awardDate: CivilDate?
    public var awardIssuer: Int64?
    public var awardYear: Int?
    /// An admin's override of the eligibility rules, given at submission.
    public var override: String?
    public var noticeUntil: CivilDate?
    /// The tier's processing clock: the day it started (nil while stopped) and the working days
    /// already used at this tier before a return.
    public var clockStartedOn: CivilDate?
    public var clockDaysUsed: Int
    /// The document types in the dossier, and the objections from its public notice still open.
    public var documentTypes: Set<String>
    public var openObjections: Int
    /// The earliest day a decision on it may bear: the day of its last step (for a paper dossier
    /// recorded after the fact, the day it was submitted). `nil`: not known (no check).
    public var earliestDecisionOn: CivilDate?
    /// The last step taken, and the name of the org the dossier is at: what a refusal to a stale
    /// window says happened.
    public var lastStep: LastStep?
    public var currentOrgName: String?
    /// The step inside the tier it is at (nil: the tier is one box), and the tier's last step.
    public var step: String?
    public var stepName: String?
    public var finalStep: String?
    /// The person it is assigned to at this tier, if any: login and name as shown.
    public var assignee: String?
    public var assigneeName: String?

    public init(id: Int64, state: NominationState, tier: Int, route: [Int64], routeLevels: [OrgLevel], routeCodes: [String],
                unit: Int64, unitCode: String, unitPath: [Int64], version: Int64, kind: String, nomineeId: Int64,
                nomineeType: NomineeType, year: Int? = nil, campaign: String? = nil, packId: Int64? = nil,
                commendationType: CommendationType = .annual, decisionId: Int64? = nil, awardDate: CivilDate? = nil,
                awardIssuer: Int64? = nil, awardYear: Int? = nil, override: String? = nil, noticeUntil: CivilDate? = nil,
                clockStartedOn: CivilDate? = nil, clockDaysUsed: Int = 0, documentTypes: Set<String> = [], openObjections: Int = 0,
                earliestDecisionOn: CivilDate? = nil, lastStep: LastStep? = nil, currentOrgName: String? = nil,
                step: String? = nil, stepName: String? = nil, finalStep: String? = nil, assignee: String? = nil, assigneeName: String? = nil) {
        self.step = step
        self.stepName = stepName
        self.finalStep = finalStep
        self.assignee = assignee
        self.assigneeName = assigneeName
        self.id = id
        self.state = state
        self.tier = tier
        self.route = route
        self.routeLevels = routeLevels
        self.routeCodes = routeCodes
        self.unit = unit
        self.unitCode = unitCode
        self.unitPath = unitPath
        self.version = version
        self.kind = kind
        self.nomineeId = nomineeId
        self.nomineeType = nomineeType
        self.year = year
        self.campaign = campaign
        self.packId = packId
        self.commendationType = commendationType
        self.decisionId = decisionId
        self.awardDate = awardDate
        self.awardIssuer = awardIssuer
        self.awardYear = awardYear
        self.override = override
        self.noticeUntil = noticeUntil
        self.clockStartedOn = clockStartedOn
        self.clockDaysUsed = clockDaysUsed
        self.documentTypes = documentTypes
        self.openObjections = openObjections
        self.earliestDecisionOn = earliestDecisionOn
        self.lastStep = lastStep
        self.currentOrgName = currentOrgName
    }

    /// The code of an org on the route, or of the proposing unit.
    public func code(of org: Int64) -> String {
        if org == unit { return unitCode }
        return route.firstIndex(of: org).map { routeCodes[$0] } ?? "#\(org)"
    }
}

/// A command on a nomination as the engine received it, after its text fields were cleaned.
public struct ActionCommand: Sendable, Equatable {
    public var action: Action
    /// The org the caller says it acts for (awardctl's `--org`), checked against the one it must be.
    public var actingFor: String?
    public var reason: String?
    public var comment: String?
    public var decision: DecisionInput?
    public var vote: VoteTally?
    public var details: DecisionDetails

    public init(action: Action, actingFor: String? = nil, reason: String? = nil, comment: String? = nil,
                decision: DecisionInput? = nil, vote: VoteTally? = nil, details: DecisionDetails = .init()) {
        self.action = action
        self.actingFor = actingFor
        self.reason = reason
        self.comment = comment
        self.decision = decision
        self.vote = vote
        self.details = details
    }
}

/// Submitting a draft pins the rule pack in force that day: the pack, and the unit's ancestry its
/// chain is resolved against.
public struct DraftPin: Sendable, Equatable {
    public var packId: Int64
    public var pack: RulePack
    public var ancestry: [Routing.Ancestor]

    public init(packId: Int64, pack: RulePack, ancestry: [Routing.Ancestor]) {
        self.packId = packId
        self.pack = pack
        self.ancestry = ancestry
    }
}

/// Everything ``Workflow/decide(_:)`` needs: who, what, the nomination's facts, the rules that
/// govern it, the nominee's record when eligibility is judged, the calendar, and today.
public struct DecisionInputs: Sendable {
    public var principal: Principal
    public var command: ActionCommand
    public var facts: NominationFacts
    /// The pinned pack's rule for the kind (nil for a draft or a kind the pack lacks).
    public var rule: KindRule?
    /// For a draft being submitted: the pack in force today.
    public var draft: DraftPin?
    /// The nominee's awards, ratings, initiatives and discipline, when ``Workflow/needsNomineeFacts(_:_:)``.
    public var nominee: NomineeFacts?
    public var calendar: WorkingCalendar
    public var today: CivilDate
    /// For a batch decision: the kind it awards (the decision itself is recorded once, by the caller).
    public var batchKind: String?
    /// The org the policy judges the proposing unit as: the unit itself, or, for a unit closed by
    /// a merger, the unit in the caller's reach that took over its records (nil: the unit).
    public var heldUnit: OrgRef?

    public init(principal: Principal, command: ActionCommand, facts: NominationFacts, rule: KindRule?, draft: DraftPin? = nil,
                nominee: NomineeFacts? = nil, calendar: WorkingCalendar = .init(), today: CivilDate, batchKind: String? = nil,
                heldUnit: OrgRef? = nil) {
        self.heldUnit = heldUnit
        self.principal = principal
        self.command = command
        self.facts = facts
        self.rule = rule
        self.draft = draft
        self.nominee = nominee
        self.calendar = calendar
        self.today = today
        self.batchKind = batchKind
    }
}

/// A step of a dossier's history as a refusal recounts it.
public struct LastStep: Sendable, Equatable {
    public var command: String
    public var actor: String
    /// "HH:mm dd/mm/yyyy", Vietnam's time.
    public var at: String

    public init(command: String, actor: String, at: String) {
        self.command = command
        self.actor = actor
        self.at = at
    }

    /// What the step did, as a sentence says it ("đồng ý", "trả lại").
    public var verbVietnamese: String {
        switch command {
        case "create": "tạo và trình"
        case "amend": "sửa"
        case "reroute": "chuyển sang đơn vị kế thừa"
        case "notice_end": "kết thúc công khai"
        default: Action(rawValue: command)?.vietnamese ?? command
        }
    }
}
