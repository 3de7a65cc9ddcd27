import AwardDomain
import AwardPostgres
import Foundation

/// The staff register behind forms 0604 and 0605: kept by the approvers of a ministry or province
/// (and admins), read by whoever may read its reports.
extension AwardEngine {
    /// Records a body doing emulation and commendation work in `org`.
    public func addEmulationBody(org code: String, name: String, structure: BodyStructure, established: CivilDate,
                                 by principal: Principal?) async throws(AwardError) -> EmulationBody {
        let name = try Text.required(name, field: .name, maxLength: 300, multiline: false)
        return try await transaction { c in
            let org = try Access.org(c, code: code, principal, .manageStaffRegister)
            guard Self.keepsStaffRegister(org.level) else {
                throw AwardError(.refused, code: .wrongOrg, "\(org.code) is a \(org.level.rawValue): the register is kept by a ministry or province",
                                 vi: "Sổ cán bộ thi đua, khen thưởng do bộ, ngành hoặc tỉnh, thành phố lập (biểu 0604, 0605); \(org.name) không thuộc cấp đó.",
                                 field: "org")
            }
            let id = try StaffStore.addBody(c, org: org.id, name: name, structure: structure, established: established,
                                            by: principal?.name ?? "awardctl")
            return try Self.body(c, id)
        }
    }

    /// Records that a body ceased on `day`; its staff are no longer counted from then.
    public func closeEmulationBody(_ id: Int64, on day: CivilDate, by principal: Principal?) async throws(AwardError) -> EmulationBody {
        try await transaction { c in
            try Policy.require(principal, .manageStaffRegister, Subject(org: try StaffStore.bodyOrg(c, body: id)))
            try StaffStore.closeBody(c, body: id, on: day)
            return try Self.body(c, id)
        }
    }

    /// Records a civil servant of a body.
    public func addStaff(_ input: StaffInput, by principal: Principal?) async throws(AwardError) -> StaffMember {
        let name = try Text.required(input.fullName, field: .name, maxLength: 200, multiline: false)
        let joined = input.joinedOn ?? Self.today(Date())
        guard input.inWorkSince > input.birthDate, input.birthDate.year >= 1930 else {
            throw AwardError(.invalidInput, code: .badDate, "in_work_since must come after birth_date (born 1930 or later)",
                             vi: "Ngày bắt đầu làm công tác thi đua, khen thưởng phải sau ngày sinh (sinh từ năm 1930).", field: "in_work_since")
        }
        return try await transaction { c in
            try Policy.require(principal, .manageStaffRegister, Subject(org: try StaffStore.bodyOrg(c, body: input.body)))
            let id = try StaffStore.addStaff(c, input, name: name, joined: joined, by: principal?.name ?? "awardctl")
            return try Self.body(c, input.body).staff.first { $0.id == id }
                ?? StaffMember(id: id, bodyId: input.body, fullName: name, sex: input.sex, birthDate: input.birthDate,
                               education: input.education, inWorkSince: input.inWorkSince, joinedOn: joined, leftOn: nil)
        }
    }

    /// Records that a civil servant left their body on `day`.
    public func staffLeaves(_ id: Int64, on day: CivilDate, by principal: Principal?) async throws(AwardError) {
        try await transaction { c in
            let body = try StaffStore.staffBody(c, staff: id)
            try Policy.require(principal, .manageStaffRegister, Subject(org: try StaffStore.bodyOrg(c, body: body)))
            try StaffStore.leave(c, staff: id, on: day)
        }
    }

    /// The register of `org` and the orgs below it (the caller's whole scope without one).
    public func staffRegister(org: String? = nil, viewer: Principal?) async throws(AwardError) -> [EmulationBody] {
        try await readLease { c in
            try StaffStore.register(c, under: try Access.scope(c, viewer, .readReports, requested: org).root)
        }
    }

    /// The register's page: the org, its bodies with their staff, and whether the viewer may keep it.
    public func staffScreen(org code: String, viewer: Principal) async throws(AwardError) -> StaffScreen {
        try await readLease { c in
            let org = try Access.org(c, code: code, viewer, .readReports)
            return StaffScreen(org: org.code, orgName: org.name, bodies: try StaffStore.register(c, under: org.id),
                               mayManage: Self.keepsStaffRegister(org.level) && Policy.allows(viewer, .manageStaffRegister, Subject(org: org.ref)),
                               today: Self.today(Date()))
        }
    }

    /// The levels that report forms 0604 and 0605.
    static func keepsStaffRegister(_ level: OrgLevel) -> Bool { [.central, .ministry, .province].contains(level) }

    /// One body as recorded, with its staff (including those who left).
    static func body(_ c: Connection, _ id: Int64) throws -> EmulationBody {
        guard let body = try StaffStore.register(c, under: nil).first(where: { $0.id == id }) else {
            throw AwardError(.notFound, code: .unknownBody, "no emulation body \(id)", vi: "Không có tổ chức làm công tác thi đua số \(id).")
        }
        return body
    }
}
