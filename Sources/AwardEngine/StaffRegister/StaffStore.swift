import AwardDomain
import AwardPostgres
import Foundation

/// The staff register's rows: emulation bodies and their civil servants.
enum StaffStore {
    static func addBody(_ c: Connection, org: Int64, name: String, structure: BodyStructure, established: CivilDate, by actor: String) throws -> Int64 {
        let rows = try c.execute("""
            INSERT INTO emulation_bodies (org_id, name, structure, established_on, recorded_by)
            VALUES (\(org), \(name), \(structure.rawValue), \(established)::date, \(actor))
            ON CONFLICT (org_id, name) DO NOTHING RETURNING id
            """)
        guard let id = try rows.first?.int("id") else {
            throw AwardError(.conflict, code: .duplicateName, "a body named \(name) is recorded for this org already",
                             vi: "Đơn vị đã có tổ chức tên «\(name)».", field: "name")
        }
        return id
    }

    /// The org a body belongs to, as the policy sees it.
    static func bodyOrg(_ c: Connection, body: Int64) throws -> OrgRef {
        guard let row = try c.execute("""
            SELECT o.id, o.code, o.path FROM emulation_bodies b JOIN orgs o ON o.id = b.org_id WHERE b.id = \(body)
            """).first else {
            throw AwardError(.notFound, code: .unknownBody, "no emulation body \(body)", vi: "Không có tổ chức làm công tác thi đua số \(body).")
        }
        return try OrgStore.ref(row)
    }

    /// The body a staff member belongs to.
    static func staffBody(_ c: Connection, staff: Int64) throws -> Int64 {
        guard let id = try c.execute("SELECT body_id FROM emulation_staff WHERE id = \(staff)").first?.int("body_id") else {
            throw AwardError(.notFound, code: .unknownBody, "no staff member \(staff)", vi: "Không có công chức số \(staff) trong sổ.")
        }
        return id
    }

    static func closeBody(_ c: Connection, body: Int64, on day: CivilDate) throws {
        try c.execute("UPDATE emulation_bodies SET dissolved_on = \(day)::date WHERE id = \(body)")
    }

    static func addStaff(_ c: Connection, _ input: StaffInput, name: String, joined: CivilDate, by actor: String) throws -> Int64 {
        try c.execute("""
            INSERT INTO emulation_staff (body_id, full_name, sex, birth_date, education, in_work_since, joined_on, recorded_by)
            VALUES (\(input.body), \(name), \(input.sex.rawValue), \(input.birthDate)::date, \(input.education.rawValue),
                    \(input.inWorkSince)::date, \(joined)::date, \(actor))
            RETURNING id
            """).first?.int("id") ?? 0
    }

    /// A date column that must not be NULL.
    static func day(_ row: Row, _ name: String) throws -> CivilDate {
        guard let value = try row.optional(CivilDate.self, name) else {
            throw PostgresError(kind: .protocolViolation, message: "column \(name) is NULL")
        }
        return value
    }

    static func leave(_ c: Connection, staff: Int64, on day: CivilDate) throws {
        try c.execute("UPDATE emulation_staff SET left_on = \(day)::date WHERE id = \(staff)")
    }

    /// The bodies of the orgs under `root` (all when `nil`), each with its staff; with `asOf`, only
    /// those in being on that day.
    static func register(_ c: Connection, under root: Int64?, asOf end: CivilDate? = nil) throws -> [EmulationBody] {
        let bodies = try c.execute("""
            SELECT b.id, o.code, b.name, b.structure, b.established_on, b.dissolved_on
            FROM emulation_bodies b JOIN orgs o ON o.id = b.org_id
            WHERE (\(root)::bigint IS NULL OR o.path @> ARRAY[\(root)::bigint])
              AND (\(end)::date IS NULL OR (b.established_on <= \(end)::date AND (b.dissolved_on IS NULL OR b.dissolved_on > \(end)::date)))
            ORDER BY o.code, b.name COLLATE vi
            """)
        let staff = try c.execute("""
            SELECT s.id, s.body_id, s.full_name, s.sex, s.birth_date, s.education, s.in_work_since, s.joined_on, s.left_on
            FROM emulation_staff s JOIN emulation_bodies b ON b.id = s.body_id JOIN orgs o ON o.id = b.org_id
            WHERE (\(root)::bigint IS NULL OR o.path @> ARRAY[\(root)::bigint])
              AND (\(end)::date IS NULL OR (s.joined_on <= \(end)::date AND (s.left_on IS NULL OR s.left_on > \(end)::date)))
            ORDER BY s.full_name COLLATE vi, s.id
            """)
        var byBody: [Int64: [StaffMember]] = [:]
        for row in staff {
            let member = StaffMember(
                id: try row.int("id"), bodyId: try row.int("body_id"), fullName: try row.string("full_name"),
                sex: Sex(rawValue: try row.string("sex")) ?? .male, birthDate: try day(row, "birth_date"),
                education: Education(rawValue: try row.string("education")) ?? .university,
                inWorkSince: try day(row, "in_work_since"), joinedOn: try day(row, "joined_on"),
                leftOn: try row.optional(CivilDate.self, "left_on"))
            byBody[member.bodyId, default: []].append(member)
        }
        return try bodies.map { row in
            let id = try row.int("id")
            return EmulationBody(id: id, org: try row.string("code"), name: try row.string("name"),
                                 structure: BodyStructure(rawValue: try row.string("structure")) ?? .homeAffairsBoard,
                                 establishedOn: try day(row, "established_on"),
                                 dissolvedOn: try row.optional(CivilDate.self, "dissolved_on"), staff: byBody[id] ?? [])
        }
    }
}
