/// Where a nomination is in its life.
public enum NominationState: String, ClosedVocabulary, CaseIterable, Sendable, Codable {
    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

    /// Recorded by the proposer, not yet sent.
    case draft
    /// Waiting at a tier for its officer to approve, return or reject.
    case pending
    /// Published for public comment before the council votes (công khai), for kinds whose pack requires it.
    case publicNotice = "public_notice"
    /// Sent back to the proposer for supplementation (trả lại để bổ sung).
    case returned
    /// Decided: the award was granted by a numbered decision.
    case awarded
    /// Refused at a tier, with a reason.
    case rejected
    /// Withdrawn by the proposer before a decision.
    case withdrawn
    /// The award was annulled (hủy bỏ) by a later decision.
    case revoked

    /// Whether nothing more can happen to the nomination.
    public var isFinal: Bool {
        switch self {
        case .rejected, .withdrawn, .revoked: true
        case .draft, .pending, .publicNotice, .returned, .awarded: false
        }
    }

    /// Vietnamese name of the state.
    public var vietnamese: String {
        switch self {
        case .draft: "Nháp"
        case .pending: "Chờ xét"
        case .publicNotice: "Đang công khai"
        case .returned: "Trả lại bổ sung"
        case .awarded: "Đã khen thưởng"
        case .rejected: "Không đồng ý"
        case .withdrawn: "Đã rút"
        case .revoked: "Đã hủy bỏ"
        }
    }
}

/// What an officer does to an existing nomination.
public enum Action: String, ClosedVocabulary, CaseIterable, Sendable, Codable {
    public init(from decoder: any Decoder) throws { self = try Self.decodeVocabulary(from: decoder) }

    /// Send a draft to the first tier (the proposer).
    case submit
    /// Forward to the next tier, or award at the deciding tier (the tier's officer).
    case approve
    /// Send back to the proposer for supplementation, with a reason (the tier's officer).
    case `return`
    /// Send a returned nomination back to the tier that returned it (the proposer).
    case resubmit
    /// Refuse, with a reason (the tier's officer).
    case reject
    /// Withdraw before a decision (the proposer).
    case withdraw
    /// Annul an award by a new decision, with a reason (the awarding authority).
    case revoke

    /// The verb an officer reads ("trình", "đồng ý"…).
    public var vietnamese: String {
        switch self {
        case .submit: "trình"
        case .approve: "đồng ý"
        case .return: "trả lại"
        case .resubmit: "trình lại"
        case .reject: "không đồng ý"
        case .withdraw: "rút"
        case .revoke: "hủy bỏ"
        }
    }

    /// Whether the proposing unit performs it (rather than the tier the nomination waits at).
    public var isProposerAction: Bool {
        switch self {
        case .submit, .resubmit, .withdraw: true
        case .approve, .return, .reject, .revoke: false
        }
    }
}
