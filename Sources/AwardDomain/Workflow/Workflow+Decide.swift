extension Workflow {
    /// Whether judging `action` on these facts evaluates the nominee's eligibility, and so needs the
    /// nominee's record (``DecisionInputs/nominee``): a draft's submission, and an award at the
    /// deciding tier that no admin override let through.
    public static func needsNomineeFacts(_ action: Action, _ facts: NominationFacts) -> Bool {
        switch action {
        case .submit: facts.state == .draft
        case .approve: facts.state == .pending && facts.tier == facts.route.count && facts.override == nil
        default: false
        }
    }

    /// Judges one command on one nomination and returns everything to record, or the refusal.
    ///
    /// In order: the caller must see the nomination and its role must allow the action; it acts for
    /// the proposing unit (submit, resubmit, withdraw) or its own org (the rest), and `--org` must
    /// name that org. A draft's submission pins the pack in force today, resolves its route and
    /// judges eligibility. The state machine (``apply(_:to:today:)``) then judges the command;
    /// leaving a tier needs the tier's documents, no open objection and a passing council vote.
    /// An award re-checks eligibility, counts against the issuer's quota, records a numbered
    /// decision and a bonus; a revocation gives the quota back and records the annulling decision.
    /// Last, the tier's processing clock and the public notice move, and their timers are set.
    public static func decide(_ input: DecisionInputs) throws(AwardError) -> WorkflowDecision {
        let principal = input.principal, facts = input.facts, command = input.command, today = input.today
        let action = command.action
        try Policy.require(principal, Permission(action), Subject(org: input.heldUnit ?? facts.unitRef))
        let actingId = action.isProposerAction ? facts.unit : principal.orgId
        let actingCode = action.isProposerAction ? facts.unitCode : principal.orgCode
        if let orgCode = command.actingFor, orgCode.lowercased() != actingCode.lowercased() {
            if action.isProposerAction {
                throw AwardError(.refused, code: .wrongOrg,
                                 "only the proposing unit may \(action.rawValue) this nomination: it is for \(facts.unitCode), not \(orgCode)",
                                 vi: "Chỉ đơn vị đề nghị được \(action.vietnamese) hồ sơ này: hồ sơ của \(facts.unitCode), không phải \(orgCode).")
            }
            throw AwardError(.forbidden, code: .notUsersOrg, "user \(principal.name) acts for \(principal.orgCode), not \(orgCode)",
                             vi: "Người dùng \(principal.name) thuộc \(principal.orgCode), không thuộc \(orgCode).")
        }

        var rule = input.rule
        var route = facts.route
        var routeLevels = facts.routeLevels
        var pin: (packId: Int64, route: [Int64])? = nil
        var eligibility: EligibilityResult? = nil
        if action == .submit && facts.state == .draft, let draft = input.draft {
            guard let pinned = draft.pack.kind(facts.kind) else {
                throw AwardError(.refused, code: .kindNotInPack,
                                 "\(facts.kind) is not awarded under \(draft.pack.name) (in force on \(today.vietnamese))",
                                 vi: "«\(input.rule?.nameVi ?? facts.kind)» không có trong \(draft.pack.name) (có hiệu lực ngày \(today.vietnamese)).")
            }
            route = try Routing.route(chain: pinned.chain.map(\.level), ancestry: draft.ancestry, kind: facts.kind, unitCode: facts.unitCode)
            routeLevels = route.compactMap { id in draft.ancestry.first { $0.id == id }?.level }
            let result = Eligibility.evaluate(kind: pinned, nomineeType: facts.nomineeType, year: facts.year,
                                              facts: try nomineeFacts(input), today: today)
            guard result.eligible else { throw result.refusal(kind: facts.kind, kindName: pinned.nameVi) }
            eligibility = result
            rule = pinned
            pin = (draft.packId, route)
        }

        let tierRule = facts.tier <= routeLevels.count ? rule?.tier(at: routeLevels[facts.tier - 1]) : nil
        let position = Position(state: facts.state, tier: facts.tier, route: route, unit: facts.unit, awardDate: facts.awardDate,
                                noticeTier: rule?.noticeTier(on: routeLevels), earliestDecision: facts.earliestDecisionOn)
        var decision = command.decision
        if action == .approve, let batchKind = input.batchKind {
            guard batchKind == facts.kind else {
                throw AwardError(.refused, code: .wrongKind, "nomination \(facts.id) is for \(facts.kind), not \(batchKind)",
                                 vi: "Hồ sơ số \(facts.id) đề nghị «\(rule?.nameVi ?? facts.kind)», không phải \(batchKind).")
            }
            guard position.atDecidingTier else {
                throw AwardError(.refused, code: .notDecidingTier,
                                 "nomination \(facts.id) is at tier \(facts.tier) of \(route.count): only its deciding tier can award it",
                                 vi: "Hồ sơ số \(facts.id) đang ở cấp \(facts.tier)/\(route.count): chỉ cấp có thẩm quyền mới quyết định khen thưởng.")
            }
            decision = command.decision.map { DecisionInput(number: "batch", date: $0.date) }
        }

        let transition: Transition
        do {
            transition = try apply(Command(action: action, actingOrg: actingId, reason: command.reason, decision: decision),
                                   to: position, today: today)
            if action == .approve, let tierRule {
                try checkLeaving(tierRule, facts: facts, vote: command.vote, kindName: rule?.nameVi ?? facts.kind)
            }
        } catch {
            if error.code == .wrongOrg, let expected = error.expectedOrg {
                // Most often a window left open while someone else moved the dossier: say what happened.
                var vi = "\(error.vi): hồ sơ thuộc \(facts.code(of: expected)), không phải \(actingCode)."
                if let step = facts.lastStep {
                    vi = "\(error.vi). Hồ sơ đã được xử lý: \(step.actor) đã \(step.verbVietnamese) lúc \(step.at); hồ sơ hiện "
                        + "\(facts.state == .awarded || facts.state.isFinal ? "đã kết thúc" : "đang ở \(facts.currentOrgName ?? facts.code(of: expected))")"
                        + " (trạng thái «\(facts.state.vietnamese)»). Hãy tải lại trang để xem."
                }
                throw AwardError(.refused, code: error.code, "\(error.message): it is for \(facts.code(of: expected)), not \(actingCode)", vi: vi)
            }
            throw AwardError(.refused, code: error.code, error.message, vi: error.vi)
        }
        try checkStep(action, facts: facts, principal: principal)

        var effect: DecisionEffect? = nil
        var quota: QuotaEffect? = nil
        var bonus: BonusEffect? = nil
        if let given = transition.decision {
            if action == .approve {
                // Enforced again where it is decided: the facts may have changed since submission.
                if let rule, facts.override == nil {
                    let result = Eligibility.evaluate(kind: rule, nomineeType: facts.nomineeType, year: facts.year,
                                                      facts: try nomineeFacts(input), today: today)
                    guard result.eligible else { throw result.refusal(kind: facts.kind, kindName: rule.nameVi) }
                }
                quota = QuotaEffect(movement: .consume, issuer: actingId, kind: facts.kind, year: given.date.year,
                                    nomineeType: facts.nomineeType, campaign: facts.campaign)
                var details = command.details
                if input.batchKind == nil { details.commendationType = facts.commendationType }
                effect = DecisionEffect(purpose: .award, issuer: actingId, input: given, kind: facts.kind, details: details,
                                        revokes: nil, batch: input.batchKind != nil)
                if let rule { bonus = BonusEffect(rule: rule, nomineeType: facts.nomineeType, date: given.date) }
            } else {
                if let issuer = facts.awardIssuer, let year = facts.awardYear {
                    quota = QuotaEffect(movement: .release, issuer: issuer, kind: facts.kind, year: year,
                                        nomineeType: facts.nomineeType, campaign: facts.campaign)
                }
                effect = DecisionEffect(purpose: .revocation, issuer: actingId, input: given, kind: facts.kind, details: command.details,
                                        revokes: facts.decisionId, batch: false)
            }
        }

        let (clock, noticeUntil, timers) = clocks(after: transition, action: action, facts: facts, rule: rule,
                                                  routeLevels: routeLevels, calendar: input.calendar, today: today)
        return WorkflowDecision(
            transition: transition,
            history: HistoryRecord(command: action, org: actingId, actor: principal.name, reason: command.reason,
                                   comment: command.comment, vote: command.vote),
            pin: pin, eligibility: eligibility, decision: effect, quota: quota, bonus: bonus,
            clock: clock, noticeUntil: noticeUntil, timers: timers)
    }

    static func nomineeFacts(_ input: DecisionInputs) throws(AwardError) -> NomineeFacts {
        guard let nominee = input.nominee else {
            throw AwardError(.internal, code: .internal, "the nominee's record was not read before judging eligibility")
        }
        return nominee
    }

    /// Leaving a tier needs its documents; its council's vote, after any public notice.
    static func checkLeaving(_ tierRule: TierRule, facts: NominationFacts, vote: VoteTally?, kindName: String) throws(WorkflowError) {
        let missing = (tierRule.documents ?? []).filter { !facts.documentTypes.contains($0) }
        if !missing.isEmpty {
            let names = missing.map { "\($0) (\(DocumentType(rawValue: $0)?.vietnamese ?? $0))" }.joined(separator: ", ")
            throw WorkflowError(code: .documentsMissing, message: "the dossier cannot leave the \(tierRule.level.rawValue) tier without: \(names)",
                                vi: "Hồ sơ chưa thể chuyển khỏi cấp \(tierRule.level.vietnamese) khi còn thiếu: "
                                    + missing.map { DocumentType(rawValue: $0)?.vietnamese ?? $0 }.joined(separator: ", ") + ".")
        }
        if facts.openObjections > 0 {
            throw WorkflowError(code: .objectionsOpen, message: "\(facts.openObjections) objection(s) from the public notice are not resolved",
                                vi: "Còn \(facts.openObjections) phản ánh trong thời gian công khai chưa được giải quyết.")
        }
        if let voteRule = tierRule.vote {
            guard let vote else {
                throw WorkflowError(code: .voteRequired,
                                    message: "approving \(facts.kind) at the \(tierRule.level.rawValue) tier needs the council's vote (members/present/in favour)",
                                    vi: "Đồng ý «\(kindName)» ở cấp \(tierRule.level.vietnamese) cần kết quả biểu quyết của Hội đồng (tổng số thành viên/có mặt/đồng ý).")
            }
            try vote.check(against: voteRule, kindName: kindName)
        }
    }

    /// The tier's processing clock and the public notice after a transition: the clock starts
    /// when the dossier is complete at the tier it arrives at, pauses while returned (keeping the
    /// working days used), resumes on resubmission and stops at a final state.
    static func clocks(
        after transition: Transition, action: Action, facts: NominationFacts, rule: KindRule?, routeLevels: [OrgLevel],
        calendar: WorkingCalendar, today: CivilDate
    ) -> (DeadlineClock, CivilDate?, [TimerEffect]) {
        let next = transition.to
        var clock = DeadlineClock(startedOn: facts.clockStartedOn, daysUsed: facts.clockDaysUsed, dueOn: nil)
        var noticeUntil = facts.noticeUntil
        let waiting = next.state == .pending || next.state == .publicNotice
        let arrived = waiting && (next.tier != facts.tier || facts.state == .draft || facts.state == .returned)
        let nextRule = next.tier <= routeLevels.count ? rule?.tier(at: routeLevels[next.tier - 1]) : nil
        if next.state == .returned, let started = clock.startedOn {
            clock.daysUsed += calendar.workingDays(from: started, to: today)
            clock.startedOn = nil
        } else if arrived {
            if action != .resubmit { clock.daysUsed = 0 }
            let complete = (nextRule?.documents ?? []).allSatisfy(facts.documentTypes.contains)
            clock.startedOn = complete ? today : nil
            if complete, let limit = nextRule?.limitDays {
                clock.dueOn = calendar.add(workingDays: max(0, limit - clock.daysUsed), to: today)
            }
        } else if waiting {
            clock.dueOn = facts.clockStartedOn.flatMap { started in
                nextRule?.limitDays.map { calendar.add(workingDays: max(0, $0 - clock.daysUsed), to: started) }
            }
        } else {
            clock.startedOn = nil
        }
        var timers: [TimerEffect] = []
        if let due = clock.dueOn { timers.append(TimerEffect(kind: .deadline, due: due)) }
        if next.state == .publicNotice && facts.state != .publicNotice {
            if let days = rule?.publicNoticeDays { noticeUntil = calendar.add(workingDays: days, to: today) }
            if let noticeUntil { timers.append(TimerEffect(kind: .noticeEnd, due: noticeUntil)) }
        }
        return (clock, noticeUntil, timers)
    }
}

extension EligibilityResult {
    /// The refusal for an ineligible nomination: the first failed rule's code, and every reason.
    public func refusal(kind: String, kindName: String? = nil) -> AwardError {
        let text = reasons.map { "\($0.messageEn) [\($0.code); \($0.source)]" }.joined(separator: " ")
        let textVI = reasons.map { "\($0.messageVi) [\($0.source)]" }.joined(separator: " ")
        return AwardError(.refused, code: reasons.first?.code ?? .ineligible, "not eligible for \(kind): \(text)",
                          vi: "Chưa đủ điều kiện «\(kindName ?? kind)»: \(textVI)")
    }
}
