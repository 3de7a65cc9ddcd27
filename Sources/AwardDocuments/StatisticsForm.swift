import AwardEngine
import Foundation

/// A statistics form of the Ministry of Home Affairs as data (`Resources/forms.json`): its
/// columns, each counting the awards whose kind, nominee type and commendation type it names.
public struct StatisticsForm: Sendable, Codable, Equatable {
    public struct Column: Sendable, Codable, Equatable {
        public var code: String
        public var title: String
        public var group: String?
        public var kinds: [String]?
        public var nomineeTypes: [NomineeType]?
        public var commendationTypes: [CommendationType]?
        /// For form 0601: the campaign kinds and durations the column counts.
        public var campaignKinds: [CampaignKind]?
        public var durations: [CampaignDuration]?

        enum CodingKeys: String, CodingKey {
            case code, title, group, kinds, nomineeTypes = "nominee_types", commendationTypes = "commendation_types",
                 campaignKinds = "campaign_kinds", durations
        }
    }

    public var code: String
    public var title: String
    public var unit: String
    /// What the form counts: awards (the default) or campaigns (form 0601).
    public var counts: String?
    /// The kinds the form reports; other awards are not counted.
    public var kinds: [String]
    public var columns: [Column]

    /// Whether the form counts campaigns rather than awards.
    public var countsCampaigns: Bool { counts == "campaigns" }

    struct File: Codable {
        var circular: String
        var forms: [StatisticsForm]
    }

    static let file: File = {
        // Shipped with the binary and read at start-up: a broken file is a build fault, caught by the tests.
        try! JSONDecoder().decode(File.self, from: Data(PackageResources.forms_json))
    }()

    /// The circular the forms come from.
    public static var circular: String { file.circular }

    /// Every form the project knows.
    public static var all: [StatisticsForm] { file.forms }

    /// The form with `code`; an unknown one names the known codes.
    public static func named(_ code: String) throws(AwardError) -> StatisticsForm {
        guard let form = all.first(where: { $0.code == code }) else {
            let known = all.map(\.code).joined(separator: ", ")
            throw AwardError(.notFound, code: .unknownForm, "no statistics form \(code); the forms are \(known)",
                             vi: "Không có biểu mẫu \(code); các biểu: \(known).")
        }
        return form
    }

    /// The form filled from the engine's counts: a row per submitting body, the total first.
    public func fill<Count: FormCountable>(_ counts: [Count], period: Int, org: String?, orgName: String?) -> FilledForm {
        let relevant = counts.filter { $0.counted(by: self) }
        var bodies: [(code: String, name: String)] = []
        for count in relevant where !bodies.contains(where: { $0.code == count.body }) { bodies.append((count.body, count.bodyName)) }
        func cells(_ rows: [Count]) -> [Int] {
            columns.map { column in rows.filter { $0.counted(in: column) }.reduce(0) { $0 + $1.count } }
        }
        let rows = bodies.map { body in
            FilledForm.Row(body: body.code, name: body.name, cells: cells(relevant.filter { $0.body == body.code }))
        }
        return FilledForm(
            code: code, title: title, circular: Self.circular, unit: unit, period: period,
            periodText: "Kỳ báo cáo: từ ngày 01/12/\(period - 1) đến ngày 30/11/\(period)", org: org, orgName: orgName,
            columns: columns.map { FilledForm.ColumnHead(code: $0.code, title: $0.title, group: $0.group) },
            total: cells(relevant), rows: rows)
    }
}

/// A form with its figures, as awardctl, the API and the page give it.
public struct FilledForm: Sendable, Codable, Equatable {
    public struct ColumnHead: Sendable, Codable, Equatable {
        public var code: String
        public var title: String
        public var group: String?
    }

    public struct Row: Sendable, Codable, Equatable {
        public var body: String
        public var name: String
        public var cells: [Int]
    }

    public var code: String
    public var title: String
    public var circular: String
    public var unit: String
    public var period: Int
    public var periodText: String
    public var org: String?
    public var orgName: String?
    public var columns: [ColumnHead]
    /// The total row ("Tổng số").
    public var total: [Int]
    public var rows: [Row]
    /// The org's predecessors (the units it continues since the 2025 reform) are counted, each a row.
    public var includingPredecessors = false

    enum CodingKeys: String, CodingKey {
        case code, title, circular, unit, period, periodText = "period_text", org, orgName = "org_name", columns, total, rows
        case includingPredecessors = "including_predecessors"
    }

    /// The header line: STT, the body, then each column as "(code) group: title".
    public var headers: [String] {
        ["STT", "Cơ quan, đơn vị trình"] + columns.map { ($0.group.map { "\($0): " } ?? "") + $0.title + " (\($0.code))" }
    }

    /// The total first, then a row per body, as spreadsheet cells.
    public var table: [[XLSXCell]] {
        [[.text(""), .text("Tổng số")] + total.map { .integer(Int64($0)) }]
            + rows.enumerated().map { i, row in [.integer(Int64(i + 1)), .text(row.name)] + row.cells.map { .integer(Int64($0)) } }
    }

    /// The heading above the table and the signature block below it.
    public var heading: [String] {
        ["Biểu số \(code): \(title)", "Ban hành kèm theo \(circular)", periodText, "Đơn vị báo cáo: \(orgName ?? "Toàn hệ thống")\(includingPredecessors ? " (kể cả các đơn vị tiền thân)" : "")", unit]
    }

    /// The signature block: the preparer on the left, the head on the right.
    public static let signature = [
        ["", "…, ngày … tháng … năm …"],
        ["Người lập biểu", "THỦ TRƯỞNG ĐƠN VỊ"],
        ["(Ký, họ tên)", "(Ký, đóng dấu, họ tên)"],
    ]

    /// The form as CSV for Excel.
    public var csv: String {
        var text = CSV.byteOrderMark + heading.map { CSV.record([$0]) }.joined() + CSV.record(headers)
        text += CSV.record(["", "Tổng số"] + total.map(String.init))
        for (i, row) in rows.enumerated() { text += CSV.record([String(i + 1), row.name] + row.cells.map(String.init)) }
        return text + CSV.record([]) + Self.signature.map { CSV.record([""] + $0) }.joined()
    }

    /// The form as an .xlsx.
    public func xlsx() throws(AwardError) -> Data {
        try XLSXWriter.workbook(sheetName: "Biểu \(code)", title: heading, headers: headers, rows: table, footer: Self.signature)
    }
}

/// A count a statistics form adds up: awards (``FormCount``) or campaigns (``CampaignCount``), by body.
public protocol FormCountable: Sendable {
    var body: String { get }
    var bodyName: String { get }
    var count: Int { get }
    /// Whether the form reports this count at all.
    func counted(by form: StatisticsForm) -> Bool
    /// Whether a column adds it.
    func counted(in column: StatisticsForm.Column) -> Bool
}

extension FormCount: FormCountable {
    public func counted(by form: StatisticsForm) -> Bool { !form.countsCampaigns && form.kinds.contains(kind) }
    public func counted(in column: StatisticsForm.Column) -> Bool {
        (column.kinds?.contains(kind) ?? true) && (column.nomineeTypes?.contains(nomineeType) ?? true)
            && (column.commendationTypes?.contains(commendationType) ?? true)
    }
}

extension CampaignCount: FormCountable {
    public func counted(by form: StatisticsForm) -> Bool { form.countsCampaigns }
    public func counted(in column: StatisticsForm.Column) -> Bool {
        (column.campaignKinds?.contains(kind) ?? true) && (column.durations?.contains(duration) ?? true)
    }
}

extension Papers {
    /// A statistics form filled for a reporting period and org, within the viewer's jurisdiction.
    /// `includingPredecessors`: with `org`, the units it continues since the 2025 reform count too.
    public func form(_ code: String, period: Int, org: String? = nil, includingPredecessors: Bool = false,
                     viewer: Principal? = nil) async throws(AwardError) -> FilledForm {
        let form = try StatisticsForm.named(code)
        let reporting = try await engine.reportingOrg(org, viewer: viewer)
        let scope = reporting?.code, name = reporting?.name
        let including = includingPredecessors && scope != nil
        var filled = form.countsCampaigns
            ? form.fill(try await engine.campaignCounts(period: period, org: org, includingPredecessors: including, viewer: viewer),
                        period: period, org: scope, orgName: name)
            : form.fill(try await engine.formCounts(period: period, org: org, includingPredecessors: including, viewer: viewer),
                        period: period, org: scope, orgName: name)
        filled.includingPredecessors = including
        return filled
    }
}
