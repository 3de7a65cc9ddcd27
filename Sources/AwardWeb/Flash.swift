import AwardEngine

/// The confirmation shown once on the page a successful form leads to (a cookie that carries only
/// this code, read and cleared by the next page).
enum Flash: String, Sendable, CaseIterable {
    case created, draftSaved = "draft", uploaded, documentWithdrawn = "doc-withdrawn", amended, decided, imported
    case submitted, approved, awarded, returned, resubmitted, rejected, withdrawn, revoked
    case saved, campaignCreated = "campaign", registered
    case stepDone = "step", stepBack = "step-back", assigned, draftsMade = "drafts"

    static let cookie = "award_flash"

    var message: String {
        switch self {
        case .created: "Đã tạo hồ sơ và trình lên cấp xét duyệt đầu tiên."
        case .draftSaved: "Đã lưu hồ sơ nháp. Hồ sơ chưa được trình."
        case .uploaded: "Đã tải lên tài liệu."
        case .documentWithdrawn: "Đã rút tài liệu. Tệp vẫn được lưu và đánh dấu đã rút."
        case .amended: "Đã sửa hồ sơ. Hãy «Trình lại» khi đã đủ."
        case .decided: "Đã ban hành quyết định."
        case .imported: "Đã nhập các hồ sơ từ tệp."
        case .submitted: "Đã trình hồ sơ."
        case .approved: "Đã đồng ý và chuyển hồ sơ lên cấp trên."
        case .awarded: "Đã đồng ý khen thưởng và ghi số quyết định."
        case .returned: "Đã trả lại hồ sơ để bổ sung."
        case .resubmitted: "Đã trình lại hồ sơ."
        case .rejected: "Đã ghi ý kiến không đồng ý."
        case .withdrawn: "Đã rút hồ sơ."
        case .revoked: "Đã hủy bỏ khen thưởng."
        case .saved: "Đã lưu."
        case .campaignCreated: "Đã tạo phong trào thi đua."
        case .registered: "Đã ghi nhận đăng ký."
        case .stepDone: "Đã hoàn thành bước và chuyển hồ sơ sang bước tiếp theo."
        case .stepBack: "Đã trả hồ sơ về bước trước."
        case .assigned: "Đã giao hồ sơ."
        case .draftsMade: "Đã lập các hồ sơ nháp từ gợi ý. Bổ sung thành tích, tài liệu rồi trình."
        }
    }

    /// The confirmation of an action on a nomination, by where it led.
    static func after(_ action: Action, state: NominationState) -> Flash {
        switch action {
        case .submit: .submitted
        case .approve: state == .awarded ? .awarded : .approved
        case .return: .returned
        case .resubmit: .resubmitted
        case .reject: .rejected
        case .withdraw: .withdrawn
        case .revoke: .revoked
        }
    }
}
