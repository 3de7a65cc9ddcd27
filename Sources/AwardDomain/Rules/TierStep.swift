/// A step inside a tier, as rule-pack data: how the dossier moves between named people of the
/// org it waits at before the org acts (e.g. a province: appraise → review → (council) → approve
/// and sign; a commune: prepare → approve and sign). The last step is the org's own act: approve
/// (forward or decide), return or reject. Numbering, sealing and issuing the decision follow it as
/// the decision's own steps (decided → signed → issued).
///
/// An org works in steps when it says so (`awardctl org steps CODE on`); a dossier arriving at
/// such an org starts at the first step of its level in the dossier's pinned pack.
public struct TierStep: Sendable, Codable, Equatable {
    /// A short code (`appraise`, `review`, `council`, `approve`).
    public var code: String
    public var nameVi: String
    public var nameEn: String
    /// Who usually does it ("Chuyên viên Ban Thi đua – Khen thưởng"), for the pages' help.
    public var whoVi: String?
    /// The step applies only when the kind's rule has a council vote at this tier.
    public var onlyWithVote: Bool?
    /// The step applies only to kinds decided by one of these (`president`: the Prime Minister
    /// considers the dossier and submits it to the President).
    public var onlyDecidedBy: [String]?

    enum CodingKeys: String, CodingKey {
        case code, nameVi = "name_vi", nameEn = "name_en", whoVi = "who_vi", onlyWithVote = "only_with_vote", onlyDecidedBy = "only_decided_by"
    }

    public init(code: String, nameVi: String, nameEn: String, whoVi: String? = nil, onlyWithVote: Bool? = nil) {
        self.code = code
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.whoVi = whoVi
        self.onlyWithVote = onlyWithVote
    }
}

extension RulePack {
    /// The steps of a tier at `level` for a kind whose tier has (`vote`) or has not a council vote,
    /// decided by `decidedBy` (the kind's catalogue); empty when the pack has none for the level.
    public func steps(at level: OrgLevel, vote: Bool, decidedBy: String? = nil) -> [TierStep] {
        (steps?[level.rawValue] ?? []).filter { step in
            (vote || step.onlyWithVote != true) && (step.onlyDecidedBy.map { $0.contains(decidedBy ?? "") } ?? true)
        }
    }

    /// The steps of the tier at `level` for `kind`.
    public func steps(at level: OrgLevel, kind code: String) -> [TierStep] {
        let kind = kind(code)
        return steps(at: level, vote: kind?.tier(at: level)?.vote != nil, decidedBy: kind?.catalogue?.decidedBy)
    }

    package func validateSteps(_ refuse: (String, String) -> AwardError) throws(AwardError) {
        for (level, list) in steps ?? [:] {
            guard OrgLevel(rawValue: level) != nil else {
                throw refuse("\"\(level)\"", "steps: \(level) is not a level (one of \(OrgLevel.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard (2...8).contains(list.count) else { throw refuse("\"\(level)\"", "steps: a level has 2 to 8 steps, \(level) has \(list.count)") }
            guard Set(list.map(\.code)).count == list.count else { throw refuse("\"\(level)\"", "steps: a step code appears twice at \(level)") }
            for step in list {
                guard step.code.range(of: "^[a-z][a-z0-9_-]{0,39}$", options: .regularExpression) != nil else {
                    throw refuse("\"\(step.code)\"", "steps: step code \(step.code) must be lower-case letters, digits, '_' or '-'")
                }
                guard !step.nameVi.isEmpty, step.nameVi.count <= 100, !step.nameEn.isEmpty, step.nameEn.count <= 100,
                      (step.whoVi?.count ?? 0) <= 200 else {
                    throw refuse("\"\(step.code)\"", "steps: step \(step.code) needs name_vi and name_en (at most 100 characters)")
                }
            }
            guard list.first?.onlyWithVote != true, list.last?.onlyWithVote != true, list.first?.onlyDecidedBy == nil, list.last?.onlyDecidedBy == nil else {
                throw refuse("\"\(level)\"", "steps: the first and last steps of \(level) always apply (only_with_vote is for the steps between)")
            }
        }
    }
}

/// Where a dossier stands inside its tier's steps, and what moving from there means.
public struct StepPosition: Sendable, Equatable {
    /// The tier's steps (those that apply to the kind).
    public var steps: [TierStep]
    /// The index of the current step in `steps`.
    public var index: Int

    /// The position of `code` in `steps`; `nil` when the dossier has no step or the step is not in the list.
    public init?(_ code: String?, in steps: [TierStep]) {
        guard let code, let index = steps.firstIndex(where: { $0.code == code }) else { return nil }
        self.steps = steps
        self.index = index
    }

    public var current: TierStep { steps[index] }
    public var isFinal: Bool { index == steps.count - 1 }
    public var next: TierStep? { isFinal ? nil : steps[index + 1] }
    public var previous: TierStep? { index == 0 ? nil : steps[index - 1] }
}

extension Workflow {
    /// Inside a tier that works in steps, the org's own act waits for its last step: approving or
    /// rejecting before it is refused (returning to the proposer is allowed at any step, since an
    /// appraisal is what finds a gap). A dossier assigned to a person is acted on by that person.
    public static func checkStep(_ action: Action, facts: NominationFacts, principal: Principal) throws(AwardError) {
        guard facts.state == .pending, [.approve, .return, .reject].contains(action) else { return }
        try Policy.requireAssignee(principal, assignee: facts.assignee, name: facts.assigneeName, nomination: facts.id)
        guard action != .return, let step = facts.step, let final = facts.finalStep, step != final else { return }
        throw AwardError(.refused, code: .stepNotDone,
                         "nomination \(facts.id) is at step \(step) of its tier: \(action.rawValue) waits for the last step (\(final))",
                         vi: "Hồ sơ số \(facts.id) đang ở bước «\(facts.stepName ?? step)» của \(facts.currentOrgName ?? "cơ quan"): chỉ được "
                             + "\(action.vietnamese) ở bước cuối; hãy hoàn thành các bước trước (chuyển bước).")
    }
}
