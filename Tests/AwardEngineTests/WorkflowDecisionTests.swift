@testable import AwardDomain
import Testing

/// ``Workflow/decide(_:)`` without a database: every (state, action) pair and every guard, with the
/// effects each accepted command returns (history, decision, quota, bonus, clock, timers).
@Suite struct WorkflowDecisionTests {
    static let unit: Int64 = 10, province: Int64 = 20, central: Int64 = 30
    static let today = CivilDate(iso: "2024-06-03")!
    static let decided = DecisionInput(number: "15/QĐ-TTg", date: CivilDate(iso: "2024-05-20")!)
    static let vote = VoteTally(members: 10, present: 9, inFavour: 8)

    /// A Bằng khen climbing province (council vote, achievement report, 10 working days) → central (20 days).
    static func rule(noticeDays: Int? = nil) -> KindRule {
        KindRule(code: "bk", nameVi: "Bằng khen", nameEn: "Certificate of merit", category: "commendation",
                 nomineeTypes: [.individual, .collective],
                 chain: [TierRule(level: .province, limitDays: 10, vote: VoteRule(threshold: 0.7), documents: ["bao-cao-thanh-tich"]),
                         TierRule(level: .central, limitDays: 20)],
                 coefficient: 1.0, publicNoticeDays: noticeDays, collectiveMultiplier: 2)
    }

    static func facts(_ state: NominationState, tier: Int = 1) -> NominationFacts {
        NominationFacts(
            id: 7, state: state, tier: tier, route: [province, central], routeLevels: [.province, .central], routeCodes: ["T-LC", "TW"],
            unit: unit, unitCode: "P-HB", unitPath: [central, province, unit], version: 3, kind: "bk", nomineeId: 5,
            nomineeType: .collective, year: 2023, packId: 1,
            decisionId: state == .awarded ? 99 : nil, awardDate: state == .awarded ? decided.date : nil,
            awardIssuer: state == .awarded ? central : nil, awardYear: state == .awarded ? 2024 : nil,
            clockStartedOn: state == .pending ? CivilDate(iso: "2024-05-27")! : nil, clockDaysUsed: 0,
            documentTypes: ["bao-cao-thanh-tich"])
    }

    /// The principal who may give `action` on `facts`: the unit's nominator, or the approver of the
    /// org the nomination waits at (the awarding authority for a revocation).
    static func principal(for action: Action, _ facts: NominationFacts) -> Principal {
        if action.isProposerAction { return Principal(name: "lan", role: .nominator, orgId: unit, orgCode: "P-HB") }
        let org = action == .revoke ? central : facts.route[facts.tier - 1]
        return Principal(name: "minh", role: .approver, orgId: org, orgCode: org == central ? "TW" : "T-LC")
    }

    static func inputs(_ action: Action, _ facts: NominationFacts, principal: Principal? = nil, rule: KindRule = rule(),
                       vote: VoteTally? = vote, nominee: NomineeFacts = NomineeFacts(), actingFor: String? = nil) -> DecisionInputs {
        let deciding = facts.tier == facts.route.count
        let command = ActionCommand(
            action: action, actingFor: actingFor,
            reason: [.return, .reject, .revoke].contains(action) ? "Thiếu báo cáo" : nil,
            decision: action == .revoke || (action == .approve && deciding) ? decided : nil, vote: vote)
        return DecisionInputs(
            principal: principal ?? Self.principal(for: action, facts), command: command, facts: facts, rule: rule,
            draft: DraftPin(packId: 2, pack: RulePack(code: "p", version: 1, name: "Pack", validFrom: CivilDate(iso: "2020-01-01")!, kinds: [rule]),
                            ancestry: [.init(id: central, level: .central), .init(id: province, level: .province), .init(id: unit, level: .unit)]),
            nominee: nominee, today: today)
    }

    static let allowed: [Action: Set<NominationState>] = [
        .submit: [.draft], .approve: [.pending], .return: [.pending, .publicNotice], .resubmit: [.returned],
        .reject: [.pending, .publicNotice], .withdraw: [.draft, .pending, .publicNotice, .returned], .revoke: [.awarded],
    ]

    @Test(arguments: NominationState.allCases, Action.allCases)
    func everyStateAndActionWithItsEffects(state: NominationState, action: Action) throws {
        for tier in [1, 2] {
            let facts = Self.facts(state, tier: tier)
            let inputs = Self.inputs(action, facts)
            guard Self.allowed[action]!.contains(state) else {
                let error = #expect(throws: AwardError.self) { try Workflow.decide(inputs) }
                #expect(error?.code == .wrongState, "\(state) \(action): \(error?.message ?? "")")
                continue
            }
            let decision = try Workflow.decide(inputs)
            #expect(decision.transition.from == state)
            #expect(decision.history.command == action)
            #expect(decision.history.actor == inputs.principal.name)
            #expect(decision.history.org == (action.isProposerAction ? Self.unit : inputs.principal.orgId))
            let awards = action == .approve && tier == 2
            #expect((decision.decision?.purpose == .award) == awards)
            #expect((decision.decision?.purpose == .revocation) == (action == .revoke))
            #expect(decision.quota?.movement == (awards ? .consume : action == .revoke ? .release : nil))
            #expect((decision.bonus != nil) == awards)
            #expect((decision.pin != nil) == (action == .submit))
            #expect((decision.eligibility != nil) == (action == .submit))
            if [.rejected, .withdrawn, .awarded, .revoked].contains(decision.transition.to.state) {
                #expect(decision.clock.startedOn == nil && decision.clock.dueOn == nil && decision.timers.isEmpty)
            }
        }
    }

    @Test func anAwardCountsAgainstTheIssuersQuotaRecordsADecisionAndABonus() throws {
        let decision = try Workflow.decide(Self.inputs(.approve, Self.facts(.pending, tier: 2)))
        #expect(decision.transition.to.state == .awarded)
        #expect(decision.quota == QuotaEffect(movement: .consume, issuer: Self.central, kind: "bk", year: 2024, nomineeType: .collective, campaign: nil))
        #expect(decision.decision?.issuer == Self.central && decision.decision?.input == Self.decided && decision.decision?.batch == false)
        // Collectives ×2: 1.0 × 2 × 2,340,000 = 4,680,000 đồng.
        #expect(decision.bonus?.amount(base: 2_340_000) == 4_680_000)
    }

    @Test func aRevocationGivesTheQuotaBackAndAnnulsTheAward() throws {
        let decision = try Workflow.decide(Self.inputs(.revoke, Self.facts(.awarded, tier: 2)))
        #expect(decision.quota == QuotaEffect(movement: .release, issuer: Self.central, kind: "bk", year: 2024, nomineeType: .collective, campaign: nil))
        #expect(decision.decision?.purpose == .revocation && decision.decision?.revokes == 99)
    }

    @Test func leavingATierNeedsItsDocumentsNoOpenObjectionAndAPassingVote() throws {
        var missing = Self.facts(.pending)
        missing.documentTypes = []
        let documents = #expect(throws: AwardError.self) { try Workflow.decide(Self.inputs(.approve, missing)) }
        #expect(documents?.code == .documentsMissing && documents?.message.contains("bao-cao-thanh-tich") == true)

        var objected = Self.facts(.pending)
        objected.openObjections = 2
        #expect((#expect(throws: AwardError.self) { try Workflow.decide(Self.inputs(.approve, objected)) })?.code == .objectionsOpen)

        let facts = Self.facts(.pending)
        #expect((#expect(throws: AwardError.self) { try Workflow.decide(Self.inputs(.approve, facts, vote: nil)) })?.code == .voteRequired)
        let low = VoteTally(members: 10, present: 9, inFavour: 6)
        #expect((#expect(throws: AwardError.self) { try Workflow.decide(Self.inputs(.approve, facts, vote: low)) })?.code == .voteFailed)
        let impossible = VoteTally(members: 5, present: 9, inFavour: 6)
        #expect((#expect(throws: AwardError.self) { try Workflow.decide(Self.inputs(.approve, facts, vote: impossible)) })?.code == .voteInvalid)

        let forwarded = try Workflow.decide(Self.inputs(.approve, facts))
        #expect(forwarded.transition.to.tier == 2 && forwarded.history.vote == Self.vote)
        // Arriving complete at the central tier starts its 20-working-day clock today.
        #expect(forwarded.clock.startedOn == Self.today && forwarded.clock.dueOn == CivilDate(iso: "2024-07-01")!)
        #expect(forwarded.timers == [TimerEffect(kind: .deadline, due: CivilDate(iso: "2024-07-01")!)])
    }

    @Test func prerequisitesAreJudgedAtSubmissionAndAgainWhereDecided() throws {
        let blocked = NomineeFacts(discipline: [.init(status: "review", from: CivilDate(iso: "2024-01-01")!)])
        let submit = #expect(throws: AwardError.self) { try Workflow.decide(Self.inputs(.submit, Self.facts(.draft), nominee: blocked)) }
        #expect(submit?.code == .underReview)
        let award = #expect(throws: AwardError.self) { try Workflow.decide(Self.inputs(.approve, Self.facts(.pending, tier: 2), nominee: blocked)) }
        #expect(award?.code == .underReview)
        // An admin's override at submission lets it through where it is decided.
        var overridden = Self.facts(.pending, tier: 2)
        overridden.override = "Quyết định của Chủ tịch"
        #expect(try Workflow.decide(Self.inputs(.approve, overridden, nominee: blocked)).transition.to.state == .awarded)
        #expect(!Workflow.needsNomineeFacts(.approve, overridden))
        #expect(Workflow.needsNomineeFacts(.submit, Self.facts(.draft)))
    }

    @Test func aPublicNoticeComesBeforeTheCouncilVote() throws {
        let rule = Self.rule(noticeDays: 10)
        let submitted = try Workflow.decide(Self.inputs(.submit, Self.facts(.draft), rule: rule))
        #expect(submitted.transition.to.state == .publicNotice)
        #expect(submitted.noticeUntil == CivilDate(iso: "2024-06-17")!)
        #expect(submitted.timers.contains(TimerEffect(kind: .noticeEnd, due: CivilDate(iso: "2024-06-17")!)))
        let early = #expect(throws: AwardError.self) { try Workflow.decide(Self.inputs(.approve, Self.facts(.publicNotice), rule: rule)) }
        #expect(early?.code == .wrongState && early?.message.contains("public notice") == true)
    }

    @Test func aReturnPausesTheClockAndAResubmissionResumesIt() throws {
        let returned = try Workflow.decide(Self.inputs(.return, Self.facts(.pending)))
        // 27/05 → 03/06: five working days used, the clock stopped.
        #expect(returned.clock == DeadlineClock(startedOn: nil, daysUsed: 5, dueOn: nil))
        var back = Self.facts(.returned)
        back.clockDaysUsed = 5
        let resumed = try Workflow.decide(Self.inputs(.resubmit, back))
        #expect(resumed.clock.startedOn == Self.today && resumed.clock.daysUsed == 5)
        #expect(resumed.clock.dueOn == CivilDate(iso: "2024-06-10")!)
    }

    @Test func whoMayActAndForWhichOrg() throws {
        let facts = Self.facts(.pending)
        let stranger = Principal(name: "x", role: .approver, orgId: 77, orgCode: "OTHER")
        #expect((#expect(throws: AwardError.self) { try Workflow.decide(Self.inputs(.approve, facts, principal: stranger)) })?.code == .unknownNomination)
        let nominator = Principal(name: "lan", role: .nominator, orgId: Self.unit, orgCode: "P-HB")
        #expect((#expect(throws: AwardError.self) { try Workflow.decide(Self.inputs(.approve, facts, principal: nominator)) })?.code == .roleNotAllowed)
        let auditor = Principal(name: "a", role: .auditor, orgId: Self.central, orgCode: "TW")
        #expect((#expect(throws: AwardError.self) { try Workflow.decide(Self.inputs(.withdraw, facts, principal: auditor)) })?.code == .roleNotAllowed)
        let notMine = #expect(throws: AwardError.self) { try Workflow.decide(Self.inputs(.approve, facts, actingFor: "TW")) }
        #expect(notMine?.code == .notUsersOrg)
        // The central approver on a dossier still at the province: the org it waits at is named.
        let central = Principal(name: "hoa", role: .approver, orgId: Self.central, orgCode: "TW")
        let early = #expect(throws: AwardError.self) { try Workflow.decide(Self.inputs(.approve, facts, principal: central)) }
        #expect(early?.code == .wrongOrg && early?.message.contains("it is for T-LC, not TW") == true)
    }

    @Test func aBatchAttachesToItsDecisionAndOnlyAtTheDecidingTier() throws {
        var inputs = Self.inputs(.approve, Self.facts(.pending, tier: 2))
        inputs.batchKind = "bk"
        #expect(try Workflow.decide(inputs).decision?.batch == true)
        inputs.batchKind = "giay-khen"
        #expect((#expect(throws: AwardError.self) { try Workflow.decide(inputs) })?.code == .wrongKind)
        var early = Self.inputs(.approve, Self.facts(.pending, tier: 1))
        early.batchKind = "bk"
        early.command.decision = Self.decided
        #expect((#expect(throws: AwardError.self) { try Workflow.decide(early) })?.code == .notDecidingTier)
    }
}
