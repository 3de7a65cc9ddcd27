import AwardDomain
import Foundation

/// Who a nominee is, as the ministry's statistics count it: for a person the date of birth, sex,
/// position class and citizen identity number; for a collective whether it is an enterprise.
/// The number is whole only for a caller whose jurisdiction covers the nominee's home unit (and
/// whose role may read personal data); anyone else sees its last three digits.
public struct NomineeProfile: Sendable, Codable, Equatable {
    public var nomineeId: Int64
    public var type: NomineeType
    @ExplicitNull public var birthDate: CivilDate?
    @ExplicitNull public var sex: Sex?
    @ExplicitNull public var positionClass: PositionClass?
    @ExplicitNull public var enterprise: Bool?
    /// The number (whole or masked), or `nil` when none is recorded.
    @ExplicitNull public var cccd: String?
    /// Whether `cccd` is masked for this caller.
    public var cccdMasked: Bool
    @ExplicitNull public var recordedBy: String?
    /// The person's name of the user who recorded it, when their account has one.
    @ExplicitNull public var recordedByName: String?
    @ExplicitNull public var recordedAt: Date?
    /// Whether the caller may record the profile (the policy's answer, for the page's form).
    public var mayRecord = false

    enum CodingKeys: String, CodingKey {
        case nomineeId = "nominee_id", type, birthDate = "birth_date", sex, positionClass = "position_class", enterprise, cccd
        case cccdMasked = "cccd_masked", recordedBy = "recorded_by", recordedByName = "recorded_by_name", recordedAt = "recorded_at"
        case mayRecord = "may_record"
    }

    /// The position class in the forms' words.
    public var positionClassText: String? { positionClass?.vietnamese }
}

/// What an officer records of a nominee (`PUT /v1/nominees/{id}/profile`): the facts given replace
/// the recorded ones (an absent one is cleared), except the CCCD, which stays as it is unless
/// `cccd` gives a new number or `remove_cccd` removes it.
public struct ProfileInput: Sendable, Codable, Equatable {
    public var birthDate: CivilDate?
    public var sex: Sex?
    public var positionClass: PositionClass?
    public var enterprise: Bool?
    public var cccd: String?
    public var removeCccd: Bool?

    public init(birthDate: CivilDate? = nil, sex: Sex? = nil, positionClass: PositionClass? = nil, enterprise: Bool? = nil,
                cccd: String? = nil, removeCccd: Bool? = nil) {
        self.birthDate = birthDate
        self.sex = sex
        self.positionClass = positionClass
        self.enterprise = enterprise
        self.cccd = cccd
        self.removeCccd = removeCccd
    }

    enum CodingKeys: String, CodingKey {
        case birthDate = "birth_date", sex, positionClass = "position_class", enterprise, cccd, removeCccd = "remove_cccd"
    }

    /// Checks the facts against the nominee's type and each other; returns the checked number.
    func validated(for type: NomineeType, today: CivilDate) throws(AwardError) -> CitizenID? {
        if type != .individual, birthDate != nil || sex != nil || positionClass != nil || cccd != nil {
            throw AwardError(.invalidInput, code: .factsNotForType,
                             "birth_date, sex, position_class and cccd are recorded for an individual, not a \(type.rawValue)",
                             vi: "Ngày sinh, giới tính, chức vụ và số CCCD chỉ ghi cho cá nhân.", field: "type")
        }
        if type != .collective, enterprise != nil {
            throw AwardError(.invalidInput, code: .factsNotForType, "enterprise is recorded for a collective only",
                             vi: "«Là doanh nghiệp» chỉ ghi cho tập thể.", field: "enterprise")
        }
        if let birthDate, birthDate > today || birthDate.year < 1880 {
            throw AwardError(.invalidInput, code: .badDate, "birth_date must be a past date after 1880",
                             vi: "Ngày sinh phải là một ngày đã qua, sau năm 1880.", field: "birth_date")
        }
        if cccd != nil, removeCccd == true {
            throw AwardError(.invalidInput, code: .badCitizenId, "give either cccd or remove_cccd, not both",
                             vi: "Chỉ ghi số CCCD mới hoặc xóa số CCCD, không cả hai.", field: "cccd")
        }
        return try cccd.map { text throws(AwardError) in try CitizenID(text, birthYear: birthDate?.year, sex: sex) }
    }
}
