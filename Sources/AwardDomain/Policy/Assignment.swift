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
}
