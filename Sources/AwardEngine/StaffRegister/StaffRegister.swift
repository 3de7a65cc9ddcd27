import AwardDomain
import Foundation

/// A body that does emulation and commendation work in a ministry or province (form 0604), with
/// the civil servants recorded in it (form 0605).
public struct EmulationBody: Sendable, Codable, Equatable {
    public var id: Int64
    /// The ministry or province it belongs to.
    public var org: String
    public var name: String
    public var structure: BodyStructure
    public var establishedOn: CivilDate
    @ExplicitNull public var dissolvedOn: CivilDate?
    public var staff: [StaffMember]

    enum CodingKeys: String, CodingKey {
        case id, org, name, structure, establishedOn = "established_on", dissolvedOn = "dissolved_on", staff
    }
}

/// A civil servant of an emulation body, as form 0605 counts them.
public struct StaffMember: Sendable, Codable, Equatable {
    public var id: Int64
    public var bodyId: Int64
    public var fullName: String
    public var sex: Sex
    public var birthDate: CivilDate
    public var education: Education
    /// When they began emulation and commendation work (anywhere).
    public var inWorkSince: CivilDate
    public var joinedOn: CivilDate
    @ExplicitNull public var leftOn: CivilDate?

    enum CodingKeys: String, CodingKey {
        case id, bodyId = "body_id", fullName = "full_name", sex, birthDate = "birth_date", education
        case inWorkSince = "in_work_since", joinedOn = "joined_on", leftOn = "left_on"
    }

    /// Whole years of age on `day`.
    public func age(on day: CivilDate) -> Int { Self.years(from: birthDate, to: day) }

    /// Whole years in the work on `day`.
    public func yearsInWork(on day: CivilDate) -> Int { Self.years(from: inWorkSince, to: day) }

    static func years(from start: CivilDate, to day: CivilDate) -> Int {
        day.year - start.year - ((day.month, day.day) < (start.month, start.day) ? 1 : 0)
    }
}

/// A civil servant to record.
public struct StaffInput: Sendable, Equatable {
    public var body: Int64
    public var fullName: String
    public var sex: Sex
    public var birthDate: CivilDate
    public var education: Education
    public var inWorkSince: CivilDate
    public var joinedOn: CivilDate?

    public init(body: Int64, fullName: String, sex: Sex, birthDate: CivilDate, education: Education, inWorkSince: CivilDate,
                joinedOn: CivilDate? = nil) {
        self.body = body
        self.fullName = fullName
        self.sex = sex
        self.birthDate = birthDate
        self.education = education
        self.inWorkSince = inWorkSince
        self.joinedOn = joinedOn
    }
}

/// What the staff register's page shows.
public struct StaffScreen: Sendable {
    public var org: String
    public var orgName: String
    public var bodies: [EmulationBody]
    public var mayManage: Bool
    public var today: CivilDate
}
