import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import Testing

/// The lifecycle, judged without a database: every (state, action) pair.
@Suite struct WorkflowTests {
    static let unit: Int64 = 10
    static let route: [Int64] = [20, 30]
    static let today = CivilDate(iso: "2024-06-01")!
    static let decision = DecisionInput(number: "15/QĐ-UBND", date: CivilDate(iso: "2024-05-20")!)

    /// The states in which each action is allowed.
    static let allowed: [Action: Set<NominationState>] = [
        .submit: [.draft], .approve: [.pending], .return: [.pending, .publicNotice], .resubmit: [.returned],
        .reject: [.pending, .publicNotice], .withdraw: [.draft, .pending, .publicNotice, .returned], .revoke: [.awarded],
    ]

    /// A position in `state` at the deciding tier when `deciding`, else at tier 1 of 2.
    static func position(_ state: NominationState, deciding: Bool) -> Position {
        Position(state: state, tier: deciding ? 2 : 1, route: route, unit: unit,
                 awardDate: state == .awarded || state == .revoked ? decision.date : nil)
    }

    /// A well-formed command for `action` at `position`, acting for the right org.
    static func command(_ action: Action, at position: Position) -> Command {
        let org: Int64 = action.isProposerAction ? unit : action == .revoke ? route[1] : route[position.tier - 1]
        let needsDecision = action == .revoke || (action == .approve && position.atDecidingTier)
        return Command(action: action, actingOrg: org,
                       reason: [.return, .reject, .revoke].contains(action) ? "Thiếu báo cáo thành tích" : nil,
                       decision: needsDecision ? decision : nil)
    }

    @Test(arguments: NominationState.allCases, Action.allCases)
    func everyStateAndAction(state: NominationState, action: Action) throws {
        for deciding in [false, true] {
            let position = Self.position(state, deciding: deciding)
            let command = Self.command(action, at: position)
            if Self.allowed[action]!.contains(state) {
                let transition = try Workflow.apply(command, to: position, today: Self.today)
                #expect(transition.from == state)
                let expected: NominationState = switch action {
                case .submit, .resubmit: .pending
                case .approve: deciding ? .awarded : .pending
                case .return: .returned
                case .reject: .rejected
                case .withdraw: .withdrawn
                case .revoke: .revoked
                }
                #expect(transition.to.state == expected)
                if action == .approve && !deciding { #expect(transition.to.tier == 2) }
                if action == .submit { #expect(transition.to.tier == 1) }
                if action == .resubmit { #expect(transition.to.tier == position.tier) }
            } else {
                let error = #expect(throws: WorkflowError.self) {
                    try Workflow.apply(command, to: position, today: Self.today)
                }
                #expect(error?.code == .wrongState)
                #expect(error?.message.contains(state.rawValue) == true, "\(error?.message ?? "")")
                #expect(error?.message.contains(action.rawValue) == true)
            }
        }
    }

    @Test(arguments: Action.allCases)
    func actingForAnotherOrgIsRefused(action: Action) throws {
        let state = Self.allowed[action]!.sorted { $0.rawValue < $1.rawValue }.first!
        let position = Self.position(state, deciding: false)
        var command = Self.command(action, at: position)
        command.actingOrg = 999
        let error = #expect(throws: WorkflowError.self) { try Workflow.apply(command, to: position, today: Self.today) }
        #expect(error?.code == .wrongOrg)
        #expect(error?.expectedOrg == Self.command(action, at: position).actingOrg)
    }

    @Test(arguments: [Action.return, .reject, .revoke])
    func reasonIsRequired(action: Action) {
        let position = Self.position(action == .revoke ? .awarded : .pending, deciding: true)
        var command = Self.command(action, at: position)
        command.reason = nil
        let error = #expect(throws: WorkflowError.self) { try Workflow.apply(command, to: position, today: Self.today) }
        #expect(error?.code == .reasonRequired)
    }

    @Test func awardingNeedsADecision() {
        let position = Self.position(.pending, deciding: true)
        var command = Self.command(.approve, at: position)
        command.decision = nil
        let error = #expect(throws: WorkflowError.self) { try Workflow.apply(command, to: position, today: Self.today) }
        #expect(error?.code == .decisionRequired)
    }

    @Test func forwardingTakesNoDecision() {
        let position = Self.position(.pending, deciding: false)
        var command = Self.command(.approve, at: position)
        command.decision = Self.decision
        let error = #expect(throws: WorkflowError.self) { try Workflow.apply(command, to: position, today: Self.today) }
        #expect(error?.code == .decisionNotAllowed)
    }

    @Test func decisionsCannotBeDatedInTheFuture() {
        let position = Self.position(.pending, deciding: true)
        var command = Self.command(.approve, at: position)
        command.decision = DecisionInput(number: "1/QĐ", date: CivilDate(iso: "2024-06-02")!)
        let error = #expect(throws: WorkflowError.self) { try Workflow.apply(command, to: position, today: Self.today) }
        #expect(error?.code == .decisionDate)
    }

    @Test func revocationCannotPredateTheAward() {
        let position = Self.position(.awarded, deciding: true)
        var command = Self.command(.revoke, at: position)
        command.decision = DecisionInput(number: "2/QĐ", date: CivilDate(iso: "2024-05-01")!)
        let error = #expect(throws: WorkflowError.self) { try Workflow.apply(command, to: position, today: Self.today) }
        #expect(error?.code == .decisionDate)
    }

    @Test func returnedNominationGoesBackToTheTierThatReturnedIt() throws {
        let atSecond = Position(state: .pending, tier: 2, route: Self.route, unit: Self.unit)
        let returned = try Workflow.apply(Command(action: .return, actingOrg: 30, reason: "Bổ sung biên bản"), to: atSecond, today: Self.today)
        #expect(returned.to.state == .returned)
        #expect(returned.to.currentOrg == Self.unit)
        let resubmitted = try Workflow.apply(Command(action: .resubmit, actingOrg: Self.unit), to: returned.to, today: Self.today)
        #expect(resubmitted.to.state == .pending)
        #expect(resubmitted.to.tier == 2)
        #expect(resubmitted.to.currentOrg == 30)
    }
}

@Suite struct RoutingTests {
    typealias A = Routing.Ancestor

    @Test func levelsTheAncestryLacksAreSkipped() throws {
        // A unit directly under a province: the district step is skipped.
        let ancestry = [A(id: 1, level: .central), A(id: 2, level: .province), A(id: 5, level: .unit)]
        let route = try Routing.route(chain: [.district, .province, .central], ancestry: ancestry, kind: "bang-khen-ttg", unitCode: "U")
        #expect(route == [2, 1])
    }

    @Test func theDecidingLevelMustExist() {
        let ancestry = [A(id: 2, level: .province), A(id: 3, level: .district), A(id: 4, level: .commune)]
        let error = #expect(throws: AwardError.self) {
            try Routing.route(chain: [.district, .province, .central], ancestry: ancestry, kind: "bang-khen-ttg", unitCode: "P")
        }
        #expect(error?.code == .noDecidingAuthority)
        #expect(error?.category == .refused)
    }

    @Test func theNearestOrgOfALevelIsChosen() throws {
        let ancestry = [A(id: 1, level: .province), A(id: 2, level: .unit), A(id: 3, level: .unit)]
        #expect(try Routing.route(chain: [.unit, .province], ancestry: ancestry, kind: "k", unitCode: "U") == [3, 1])
    }
}

@Suite struct CivilDateTests {
    @Test func parsesIsoAndVietnameseForms() {
        #expect(CivilDate(parsing: "2023-11-18") == CivilDate(year: 2023, month: 11, day: 18))
        #expect(CivilDate(parsing: "18/11/2023") == CivilDate(year: 2023, month: 11, day: 18))
        #expect(CivilDate(parsing: "29/02/2024") != nil)
        #expect(CivilDate(parsing: "29/02/2023") == nil)
        #expect(CivilDate(parsing: "2023-13-01") == nil)
        #expect(CivilDate(parsing: "tomorrow") == nil)
        #expect(CivilDate(year: 2023, month: 1, day: 5)!.vietnamese == "05/01/2023")
    }
}
