import AwardEngine
import Foundation

/// What the pages print of the engine's values: Vietnamese names, dd/mm/yyyy dates, deadlines.
struct Labels: Sendable {
    let kinds: [String: String]
    let orgs: [String: Organisation]
    /// Every org in the tree's order (Vietnamese names under each parent).
    let tree: [Organisation]
    let today: CivilDate

    init(kinds: [AwardKind], orgs: [Organisation], now: Date) {
        self.kinds = Dictionary(kinds.map { ($0.code, $0.nameVi) }, uniquingKeysWith: { a, _ in a })
        self.orgs = Dictionary(orgs.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.tree = orgs
        self.today = AwardEngine.today(now)
    }

    /// The orgs a list can be narrowed to: the viewer's own and those directly under it, and the
    /// one chosen when it is deeper — a province's officer picks among its communes, the centre
    /// among the provinces, never among the country's 14,000 units in one list.
    func filterOrgs(of viewer: Principal, selected: String?) -> [Option] {
        tree.filter { $0.code == viewer.orgCode || $0.parent == viewer.orgCode || $0.code == selected }
            .map { Option(code: $0.code, name: $0.name, selected: $0.code == selected) }
    }

    func kind(_ code: String) -> String { kinds[code] ?? code }
    func org(_ code: String) -> String { orgs[code]?.name ?? code }

    /// "còn 5 ngày (30/12/2026)", "quá hạn 2 ngày (…)", with whether it is late.
    func due(_ date: CivilDate?) -> (text: String, overdue: Bool)? { Self.due(date, today: today) }

    static func due(_ date: CivilDate?, today: CivilDate) -> (text: String, overdue: Bool)? {
        guard let date else { return nil }
        let days = date.dayNumber - today.dayNumber
        if days < 0 { return ("quá hạn \(-days) ngày (\(date.vietnamese))", true) }
        if days == 0 { return ("hết hạn hôm nay (\(date.vietnamese))", false) }
        return ("còn \(days) ngày (\(date.vietnamese))", false)
    }

    static func time(_ date: Date) -> String { AwardEngine.vietnameseTime(date) }

    static func money(_ amount: Int64) -> String { Money.vnd(amount) }
}

/// An option of a select box.
struct Option: Sendable {
    var code: String
    var name: String
    var selected: Bool
}

/// One row of the inbox.
struct InboxRow: Sendable {
    var id: Int64
    var nominee: String
    var nomineeType: String
    var kindName: String
    var state: String
    var stateName: String
    var tierName: String
    var tierIndex: Int
    var tiers: Int
    var unitName: String
    var due: String
    var overdue: Bool
    /// Inside the tier: the step it is at and who has it ("Thẩm định · Nguyễn Văn An").
    var stepName: String?
    var stepLine: String?

    init(_ view: NominationView, _ labels: Labels) {
        self.init(view, kindName: labels.kind(view.kind), unitName: labels.org(view.unit), today: labels.today)
    }

    init(_ view: NominationView, kindName: String, unitName: String, today: CivilDate) {
        id = view.id
        nominee = view.nominee.name
        nomineeType = view.nominee.type.vietnamese
        self.kindName = kindName
        state = view.state.rawValue
        stateName = view.state.vietnamese
        tierName = view.tier.vietnamese
        tierIndex = view.tierIndex
        tiers = view.tiers
        self.unitName = unitName
        let due = Labels.due(view.dueOn, today: today)
        self.due = due?.text ?? "—"
        overdue = due?.overdue ?? false
        stepName = view.stepName
        let parts = [view.stepName, view.assigneeName.map { "giao: \($0)" }].compactMap { $0 }
        stepLine = parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}

extension Action {
    /// The button an officer presses.
    var buttonLabel: String {
        switch self {
        case .submit: "Trình hồ sơ"
        case .approve: "Đồng ý"
        case .return: "Trả lại để bổ sung"
        case .resubmit: "Trình lại"
        case .reject: "Không đồng ý"
        case .withdraw: "Rút hồ sơ"
        case .revoke: "Hủy bỏ khen thưởng"
        }
    }

    var needsReason: Bool { self == .return || self == .reject || self == .revoke }
}

extension String {
    /// What the history's command column says in Vietnamese.
    var commandVietnamese: String {
        switch self {
        case "create": "Tạo hồ sơ"
        case "import": "Nhập từ tệp"
        case "amend": "Sửa hồ sơ"
        case "reroute": "Chuyển sang đơn vị kế thừa"
        case "step": "Hoàn thành bước"
        case "step_back": "Trả về bước trước"
        case "assign": "Giao xử lý"
        case "repin": "Chuyển sang bộ quy tắc mới"
        case "notice_end": "Hết thời gian công khai"
        default: Action(rawValue: self)?.buttonLabel ?? self
        }
    }
}
