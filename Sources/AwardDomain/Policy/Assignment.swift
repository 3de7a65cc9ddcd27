extension Policy {
    /// A dossier assigned to a person at its tier is acted on by that person (or an admin); anyone
    /// else is refused, naming the assignee. Reassigning (``Permission/assignDossier``) is how the
    /// head of the office moves it to someone else.
    public static func requireAssignee(_ principal: Principal, assignee: String?, name: String?, nomination: Int64) throws(AwardError) {
        guard let assignee, assignee.lowercased() != principal.name.lowercased(), principal.role != .admin else { return }
        throw AwardError(.refused, code: .assignedToOther, "nomination \(nomination) is assigned to \(assignee) at this tier",
                         vi: "Hồ sơ số \(nomination) đã được giao cho \(name ?? assignee) xử lý; chỉ người được giao thực hiện bước này "
                             + "(hoặc giao lại hồ sơ cho mình trước).")
    }

    /// Whether a dossier waits at the caller's own org (the steps inside a tier are that org's).
    public static func waitsAtCallersOrg(_ principal: Principal, _ facts: NominationFacts) -> Bool {
        facts.state == .pending && facts.route[facts.tier - 1] == principal.orgId
    }

    /// Who may be given a dossier: an active user of the org it waits at whose role may work its steps.
    public static func requireAssignable(login: String, role: Role, orgId: Int64, revoked: Bool, waitsAt org: Int64,
                                         orgName: String) throws(AwardError) {
        guard !revoked, orgId == org, Permission.workStep.roles.contains(role) else {
            throw AwardError(.invalidInput, code: .badAssignee,
                             "\(login) cannot be assigned: an assignee is an active approver of the org the dossier waits at",
                             vi: "Không giao được cho \(login): người được giao phải là cán bộ xét duyệt đang hoạt động của \(orgName).",
                             field: "assignee")
        }
    }

    /// The workflow actions a page offers once the steps inside the tier are counted: approve and
    /// reject wait for the last step, and an assigned dossier is worked by its assignee.
    public static func stepActions(_ actions: [Action], facts: NominationFacts, principal: Principal) -> [Action] {
        actions.filter { action in (try? Workflow.checkStep(action, facts: facts, principal: principal)) != nil }
    }

    /// What a person may do inside the tier on a dossier pending at their org: move its step, give it to someone.
    public static func stepCapabilities(_ principal: Principal, facts: NominationFacts, unit: OrgRef) -> (mayMove: Bool, mayAssign: Bool) {
        guard waitsAtCallersOrg(principal, facts) else { return (false, false) }
        let isAssignee = facts.assignee == nil || facts.assignee?.lowercased() == principal.name.lowercased() || principal.role == .admin
        return (facts.step != nil && isAssignee && allows(principal, .workStep, Subject(org: unit)), allows(principal, .assignDossier, Subject(org: unit)))
    }
}
