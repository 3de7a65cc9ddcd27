/// The kind of a campaign (phong trào thi đua), as launching decisions and form 0601 name them.
public enum CampaignKind: String, ClosedVocabulary, Sendable, Codable, CaseIterable {
    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

    /// Thi đua thường xuyên: the annual emulation of every unit.
    case regular
    /// Thi đua theo chuyên đề: a theme (digital transformation, new rural areas…).
    case thematic
    /// Thi đua ngắn hạn, theo đợt: a few weeks or months (18/11, a peak season).
    case short
    /// Thi đua nhiều năm: a five-year review of a directive, a plan period.
    case multiYear = "multi_year"

    public var vietnamese: String {
        switch self {
        case .regular: "Thường xuyên"
        case .thematic: "Theo chuyên đề"
        case .short: "Ngắn hạn, theo đợt"
        case .multiYear: "Nhiều năm"
        }
    }
}

/// How long a campaign runs, in the buckets of statistics form 0601 (computed by the database's
/// `award_campaign_duration` from the period).
public enum CampaignDuration: String, Sendable, Codable, CaseIterable {
    case underOneYear = "under_1_year"
    case oneToThreeYears = "1_to_3_years"
    case threeToFiveYears = "3_to_5_years"
    case overFiveYears = "over_5_years"

    public var vietnamese: String {
        switch self {
        case .underOneYear: "Dưới 1 năm"
        case .oneToThreeYears: "Từ 1 đến 3 năm"
        case .threeToFiveYears: "Trên 3 đến 5 năm"
        case .overFiveYears: "Trên 5 năm"
        }
    }
}

/// A campaign's life: draft → open for registration → running → reviewing → closed; a closed
/// campaign may be reopened for review, with a reason.
public enum CampaignState: String, ClosedVocabulary, Sendable, Codable, CaseIterable {
    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

    case draft, registration, running, reviewing, closed

    public var vietnamese: String {
        switch self {
        case .draft: "Dự thảo"
        case .registration: "Đang đăng ký"
        case .running: "Đang thực hiện"
        case .reviewing: "Đang bình xét"
        case .closed: "Đã kết thúc"
        }
    }

    /// The states a campaign may move to from this one.
    public var next: [CampaignState] {
        switch self {
        case .draft: [.registration]
        case .registration: [.running]
        case .running: [.reviewing]
        case .reviewing: [.closed]
        case .closed: [.reviewing]
        }
    }

    /// Whether units may still add to and send their registrations.
    public var takesRegistrations: Bool { self == .registration || self == .running }
}

/// A unit's registration: draft → sent → accepted, or returned with a reason and sent again.
public enum RegistrationState: String, ClosedVocabulary, Sendable, Codable, CaseIterable {
    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

    case draft, sent, returned, accepted

    public var vietnamese: String {
        switch self {
        case .draft: "Đang lập"
        case .sent: "Đã gửi"
        case .returned: "Bị trả lại"
        case .accepted: "Đã chấp nhận"
        }
    }

    /// Whether the unit may still change its entries.
    public var editable: Bool { self == .draft || self == .returned }
}

/// A registration command, and the state it leads to.
public enum RegistrationAction: String, ClosedVocabulary, Sendable, Codable, CaseIterable {
    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

    case send, `return`, accept

    /// The state the action leads to from `state`, or nil when it does not apply there.
    public func target(from state: RegistrationState) -> RegistrationState? {
        switch (self, state) {
        case (.send, .draft), (.send, .returned): .sent
        case (.return, .sent): .returned
        case (.accept, .sent): .accepted
        default: nil
        }
    }

    /// Whether the unit acts (send) or the launching org (return, accept).
    public var byUnit: Bool { self == .send }
}

/// The outcome of a unit council's review of one registrant.
public enum ReviewResult: String, ClosedVocabulary, Sendable, Codable, CaseIterable {
    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

    /// Proposed for a title the unit's own authority decides.
    case here
    /// Proposed to a higher level.
    case higher
    /// Not reached.
    case notReached = "not_reached"

    public var vietnamese: String {
        switch self {
        case .here: "Đề nghị tại cấp cơ sở"
        case .higher: "Đề nghị cấp trên"
        case .notReached: "Không đạt"
        }
    }

    public var proposes: Bool { self != .notReached }
}

/// A cluster (cụm) groups units of one kind of area; a bloc (khối) units of one sector.
public enum ClusterKind: String, ClosedVocabulary, Sendable, Codable, CaseIterable {
    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

    case cluster, bloc

    public var vietnamese: String { self == .cluster ? "Cụm thi đua" : "Khối thi đua" }
}
