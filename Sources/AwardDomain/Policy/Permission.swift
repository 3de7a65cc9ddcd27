/// Everything a request can ask to do, as the policy judges it. Each case says which roles may do
/// it (``roles``), whether it reaches into the org tree (``reach``), and how a request outside the
/// caller's jurisdiction is answered (``hidesOutside``: as if the thing did not exist).
///
/// A new route or command names one of these; ``Policy`` is the only place that compares a role
/// or a jurisdiction (a test scans the sources for any other).
public enum Permission: String, CaseIterable, Sendable, Codable {
    // Nominations
    case readNomination = "read_nomination"
    case createNomination = "create_nomination"
    case backdateSubmission = "backdate_submission"
    case overrideEligibility = "override_eligibility"
    case submitNomination = "submit_nomination"
    case resubmitNomination = "resubmit_nomination"
    case withdrawNomination = "withdraw_nomination"
    case approveNomination = "approve_nomination"
    case returnNomination = "return_nomination"
    case rejectNomination = "reject_nomination"
    case revokeAward = "revoke_award"
    case uploadDocument = "upload_document"
    case raiseObjection = "raise_objection"
    case resolveObjection = "resolve_objection"
    case importNominations = "import_nominations"
    // Nominees (people, collectives, households)
    case readNominee = "read_nominee"
    case transferNominee = "transfer_nominee"
    case recordNomineeFacts = "record_nominee_facts"
    case readPersonalData = "read_personal_data"
    case exportPersonalData = "export_personal_data"
    case manageStaffRegister = "manage_staff_register"
    // Decisions and papers
    case decide = "decide"
    case readDecision = "read_decision"
    case readProposal = "read_proposal"
    case manageTemplates = "manage_templates"
    case editCertificateLayout = "edit_certificate_layout"
    // Lists and reports over a part of the tree
    case readInbox = "read_inbox"
    case readReports = "read_reports"
    case readAudit = "read_audit"
    case readEvents = "read_events"
    // Campaigns, registrations, reviews, clusters, the fund
    case launchCampaign = "launch_campaign"
    case moveCampaign = "move_campaign"
    case readCampaign = "read_campaign"
    case register = "register"
    case sendRegistration = "send_registration"
    case judgeRegistration = "judge_registration"
    case readRegistration = "read_registration"
    case recordReview = "record_review"
    case proposeFromReviews = "propose_from_reviews"
    case manageCluster = "manage_cluster"
    case voteInCluster = "vote_in_cluster"
    case recordFundIncome = "record_fund_income"
    case readFund = "read_fund"
    // Administration
    case manageWebhooks = "manage_webhooks"
    case rerouteToSuccessors = "reroute_to_successors"
    case manageSite = "manage_site"
    case manageUsers = "manage_users"
    case manageMailSettings = "manage_mail_settings"
    case readOwnAccount = "read_own_account"
    case setUsualSigner = "set_usual_signer"
    case delegateAuthority = "delegate_authority"
    case readDelegations = "read_delegations"
    case sealDecision = "seal_decision"
    case amendNomination = "amend_nomination"
    case withdrawDocument = "withdraw_document"
    case workStep = "work_step"
    case assignDossier = "assign_dossier"
    case organizeWork = "organize_work"

    /// Where a permission reaches in the org tree.
    public enum Reach: String, Sendable, Codable {
        /// No org: the caller's own account or inbox, or an admin's system-wide setting.
        case none
        /// The subject's org (and every org the subject names) must be the caller's org or below it.
        case subtree
        /// The subject's org must be the caller's own org.
        case ownOrg = "own_org"
        /// The subject is the caller's own account (an admin reaches every account).
        case ownAccount = "own_account"
    }

    /// The roles that may do it (the operator at the database, with no user, may do everything).
    public var roles: Set<Role> {
        switch self {
        case .readNomination, .readNominee, .readDecision, .readProposal, .readInbox, .readReports, .readEvents, .readCampaign,
             .readRegistration, .readFund, .readOwnAccount, .manageMailSettings, .readDelegations:
            [.nominator, .approver, .auditor, .admin]
        case .createNomination, .submitNomination, .resubmitNomination, .withdrawNomination, .importNominations, .register,
             .sendRegistration, .proposeFromReviews, .amendNomination:
            [.nominator, .admin]
        case .approveNomination, .returnNomination, .rejectNomination, .revokeAward, .resolveObjection, .decide, .launchCampaign,
             .moveCampaign, .judgeRegistration, .voteInCluster, .recordFundIncome, .editCertificateLayout, .manageCluster, .setUsualSigner,
             .delegateAuthority, .workStep, .assignDossier, .organizeWork:
            [.approver, .admin]
        case .uploadDocument, .raiseObjection, .transferNominee, .recordReview, .recordNomineeFacts, .withdrawDocument, .sealDecision,
             .readPersonalData:
            [.nominator, .approver, .admin]
        case .exportPersonalData, .manageStaffRegister:
            [.approver, .admin]
        case .readAudit:
            [.auditor, .admin]
        case .backdateSubmission, .overrideEligibility, .manageTemplates, .manageWebhooks, .manageUsers, .rerouteToSuccessors, .manageSite:
            [.admin]
        }
    }

    /// How far into the tree it reaches.
    public var reach: Reach {
        switch self {
        case .backdateSubmission, .overrideEligibility, .manageTemplates, .manageWebhooks, .manageUsers, .readInbox, .readOwnAccount,
             .rerouteToSuccessors, .manageSite:
            .none
        case .manageMailSettings:
            .ownAccount
        case .editCertificateLayout, .setUsualSigner, .delegateAuthority, .sealDecision, .organizeWork:
            .ownOrg
        default:
            .subtree
        }
    }

    /// Whether a request outside the caller's jurisdiction is answered "not found" (a named thing
    /// the caller may not know exists) rather than "forbidden" (an org the caller named itself).
    public var hidesOutside: Bool {
        switch self {
        case .readNomination, .submitNomination, .resubmitNomination, .withdrawNomination, .approveNomination, .returnNomination,
             .rejectNomination, .revokeAward, .uploadDocument, .raiseObjection, .resolveObjection, .readNominee, .readDecision,
             .readCampaign, .readRegistration, .sendRegistration, .judgeRegistration, .moveCampaign, .recordReview, .amendNomination,
             .withdrawDocument, .workStep, .assignDossier, .recordNomineeFacts:
            true
        default:
            false
        }
    }

    /// The permission a workflow action needs.
    public init(_ action: Action) {
        switch action {
        case .submit: self = .submitNomination
        case .resubmit: self = .resubmitNomination
        case .withdraw: self = .withdrawNomination
        case .approve: self = .approveNomination
        case .return: self = .returnNomination
        case .reject: self = .rejectNomination
        case .revoke: self = .revokeAward
        }
    }

    /// What it is, in Vietnamese (SECURITY.md's table and refusals).
    public var vietnamese: String {
        switch self {
        case .readNomination: "xem hồ sơ đề nghị, lịch sử, tài liệu"
        case .createNomination: "tạo hồ sơ đề nghị"
        case .backdateSubmission: "ghi hồ sơ giấy với ngày trình trong quá khứ"
        case .overrideEligibility: "cho qua điều kiện khen thưởng (có lý do)"
        case .submitNomination: "trình hồ sơ"
        case .resubmitNomination: "trình lại hồ sơ đã bổ sung"
        case .withdrawNomination: "rút hồ sơ"
        case .approveNomination: "đồng ý (chuyển lên hoặc quyết định)"
        case .returnNomination: "trả lại hồ sơ để bổ sung"
        case .rejectNomination: "không đồng ý"
        case .revokeAward: "hủy bỏ khen thưởng"
        case .uploadDocument: "tải tài liệu lên hồ sơ"
        case .raiseObjection: "ghi ý kiến phản ánh trong thời gian công khai"
        case .resolveObjection: "giải quyết ý kiến phản ánh"
        case .importNominations: "nhập hồ sơ từ tệp Excel/CSV"
        case .readNominee: "xem đối tượng và quá trình khen thưởng"
        case .transferNominee: "chuyển đối tượng sang đơn vị khác"
        case .recordNomineeFacts: "ghi xếp loại, sáng kiến, kỷ luật, khen thưởng trước đây, thông tin nhân thân của đối tượng"
        case .readPersonalData: "xem đầy đủ số CCCD của người thuộc đơn vị mình quản lý (nơi khác chỉ thấy 3 số cuối)"
        case .exportPersonalData: "xuất số CCCD ra tệp danh sách (khi yêu cầu rõ)"
        case .manageStaffRegister: "ghi sổ cán bộ làm công tác thi đua, khen thưởng của cơ quan mình"
        case .decide: "ban hành quyết định khen thưởng"
        case .readDecision: "xem quyết định và in giấy khen, bằng khen"
        case .readProposal: "in tờ trình của đơn vị mình"
        case .manageTemplates: "thay mẫu văn bản"
        case .editCertificateLayout: "đặt bố cục in phôi của cơ quan mình"
        case .setUsualSigner: "đặt người ký thường lệ của cơ quan mình"
        case .delegateAuthority: "ủy quyền cho người của cơ quan mình ký hoặc xét duyệt thay, có thời hạn"
        case .readDelegations: "xem các ủy quyền"
        case .sealDecision: "đóng dấu số (chữ ký số của cơ quan) và phát hành quyết định đã được lãnh đạo ký"
        case .amendNomination: "sửa hồ sơ bị trả lại trước khi trình lại"
        case .withdrawDocument: "rút tài liệu mình đã tải lên nhầm (khi hồ sơ còn ở cấp đó)"
        case .workStep: "chuyển hồ sơ sang bước xử lý tiếp theo hoặc trả về bước trước (trong cơ quan)"
        case .assignDossier: "giao hồ sơ đang chờ ở cơ quan cho một người xử lý"
        case .organizeWork: "bật, tắt việc xử lý hồ sơ theo bước (thẩm định, xem xét, phê duyệt) trong cơ quan mình"
        case .readInbox: "xem hộp việc của cơ quan mình"
        case .readReports: "xem danh sách khen thưởng, tổng hợp, biểu thống kê, hồ sơ đến hạn"
        case .readAudit: "xem nhật ký thao tác và kiểm tra chuỗi lịch sử"
        case .readEvents: "nhận sự kiện trực tiếp"
        case .launchCampaign: "phát động phong trào thi đua"
        case .moveCampaign: "chuyển trạng thái phong trào"
        case .readCampaign: "xem phong trào"
        case .register: "đăng ký thi đua"
        case .sendRegistration: "gửi bản đăng ký"
        case .judgeRegistration: "chấp nhận hoặc trả lại bản đăng ký"
        case .readRegistration: "xem bản đăng ký"
        case .recordReview: "ghi kết quả bình xét"
        case .proposeFromReviews: "lập hồ sơ từ kết quả bình xét"
        case .manageCluster: "lập cụm, khối thi đua"
        case .voteInCluster: "ghi kết quả suy tôn của cụm"
        case .recordFundIncome: "ghi thu quỹ thi đua, khen thưởng"
        case .readFund: "xem quỹ thi đua, khen thưởng"
        case .manageWebhooks: "quản lý webhook"
        case .rerouteToSuccessors: "chuyển hồ sơ đang xử lý của đơn vị đã giải thể sang đơn vị kế thừa"
        case .manageSite: "đặt địa chỉ công khai của trang xác thực (mã QR trên giấy in)"
        case .manageUsers: "quản lý người dùng"
        case .manageMailSettings: "đặt địa chỉ và cách nhận thư"
        case .readOwnAccount: "xem tài khoản của mình"
        }
    }
}
