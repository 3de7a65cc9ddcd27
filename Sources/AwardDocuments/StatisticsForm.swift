import AwardEngine
import Foundation

/// The statistics forms of the Ministry of Home Affairs as data (`Resources/statistics-forms.json`,
/// built by `docs/research/build_forms.py`), in each circular's layout: numbered indicator rows
/// with their codes, award forms (or other measures) as columns. Each row and column selects the
/// facts it counts with `where` (a dimension → the values it accepts); a cell counts the facts
/// both its row and its column select. A newer circular is a new entry of the file.
public struct StatisticsForm: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        /// The row code ("01"); `nil` for a section heading.
        public var code: String?
        public var label: String
        public var level: Int
        /// The row's unit ("Người", "Tập thể"), for forms that print one per row.
        public var unit: String?
        public var `where`: [String: [String]]?
    }

    public struct Column: Sendable, Codable, Equatable {
        public var code: String
        public var label: String
        public var group: String?
        public var `where`: [String: [String]]
        /// "kind": one column per award kind found ("Mỗi hình thức khen thưởng ghi riêng một cột").
        public var expand: String?
    }

    public var code: String
    public var symbol: String
    public var title: String
    public var counts: FormCounting
    public var unit: String
    public var hasUnitColumn: Bool
    /// The award kinds the form counts at all (awards forms).
    public var kinds: [String]?
    /// The receiving date printed in the header ("Ngày 15 tháng 12 năm báo cáo").
    public var due: String?
    public var rows: [Row]
    public var columns: [Column]
    public var signature: [String]

    enum CodingKeys: String, CodingKey {
        case code, symbol, title, counts, unit, hasUnitColumn = "has_unit_column", kinds, due, rows, columns, signature
    }

    /// A circular and the forms it set, for the periods it governs.
    public struct Circular: Sendable, Codable, Equatable {
        public var name: String
        public var issued: String
        public var fromPeriod: Int
        public var toPeriod: Int?
        /// Where the layout was taken from.
        public var source: String
        public var forms: [StatisticsForm]

        enum CodingKeys: String, CodingKey { case name, issued, fromPeriod = "from_period", toPeriod = "to_period", source, forms }

        public func governs(_ period: Int) -> Bool { period >= fromPeriod && period <= (toPeriod ?? Int.max) }
    }

    struct File: Codable { var circulars: [Circular] }

    /// Every circular the project knows, newest first.
    public static let circulars: [Circular] = {
        // Shipped with the binary and read at start-up: a broken file is a build fault, caught by the tests.
        try! JSONDecoder().decode(File.self, from: Data(PackageResources.statistics_forms_json)).circulars
    }()

    /// The circular that governs a reporting period; a period before any is refused with why.
    public static func circular(for period: Int) throws(AwardError) -> Circular {
        guard let circular = circulars.first(where: { $0.governs(period) }) else {
            let oldest = circulars.map(\.fromPeriod).min() ?? 2023
            throw AwardError(.invalidInput, code: .unknownForm,
                             "period \(period): no circular's forms are known before \(oldest) (Circular 03/2018/TT-BNV governs 2018–2022)",
                             vi: "Kỳ báo cáo \(period): chưa có biểu mẫu của thông tư nào trước năm \(oldest) (Thông tư 03/2018/TT-BNV áp dụng từ kỳ 2018 đến 2022; các kỳ trước chưa có phụ lục biểu mẫu được đối chiếu).",
                             field: "period")
        }
        return circular
    }

    /// The form with `code` for a period: a code of another circular names the one in force.
    public static func named(_ code: String, period: Int) throws(AwardError) -> (StatisticsForm, Circular) {
        let circular = try circular(for: period)
        guard let form = circular.forms.first(where: { $0.code == code }) else {
            let known = circular.forms.map(\.code).joined(separator: ", ")
            throw AwardError(.notFound, code: .unknownForm, "no statistics form \(code) for period \(period); \(circular.name) sets \(known)",
                             vi: "Không có biểu \(code) cho kỳ \(period); \(circular.name) quy định các biểu: \(known).")
        }
        return (form, circular)
    }

    /// Whether a fact is selected by a `where`: every dimension named accepts its value.
    static func selects(_ filter: [String: [String]]?, _ fact: FormFact) -> Bool {
        guard let filter else { return true }
        return filter.allSatisfy { dimension, values in fact.dimensions[dimension].map(values.contains) ?? false }
    }

    /// The form filled with the period's facts; `kindName` names the award kinds of expanded columns.
    public func fill(_ facts: [FormFact], circular: Circular, period: Int, org: String?, orgName: String?,
                     kindName: (String) -> String) -> FilledForm {
        let counted = facts.filter { fact in kinds.map { $0.contains(fact.dimensions["kind"] ?? "") } ?? true }
        // The columns as printed: an expanding column becomes one per kind found (or stays, empty).
        var heads: [(head: FilledForm.ColumnHead, filter: [String: [String]])] = []
        for column in columns {
            let found = column.expand == nil ? [] : Set(counted.filter { Self.selects(column.where, $0) }.compactMap { $0.dimensions[column.expand!] })
            if found.isEmpty {
                heads.append((FilledForm.ColumnHead(code: column.code, label: column.label, group: column.group), column.where))
                continue
            }
            for (i, value) in found.sorted().enumerated() {
                var filter = column.where
                filter[column.expand!] = [value]
                heads.append((FilledForm.ColumnHead(code: "\(column.code).\(i + 1)", label: kindName(value), group: column.label), filter))
            }
        }
        let rows = rows.map { row in
            FilledForm.Row(code: row.code, label: row.label, level: row.level, unit: row.unit,
                           cells: row.code == nil ? nil : heads.map { head in
                               counted.filter { Self.selects(row.where, $0) && Self.selects(head.filter, $0) }.reduce(0) { $0 + $1.count }
                           })
        }
        return FilledForm(
            code: code, symbol: symbol, title: title, circular: circular.name, circularIssued: circular.issued, source: circular.source,
            unit: unit, hasUnitColumn: hasUnitColumn, due: due, period: period,
            periodText: "Kỳ báo cáo: từ ngày 01/12/\(period - 1) đến ngày 30/11/\(period)", org: org, orgName: orgName,
            columns: heads.map(\.head), rows: rows, notes: notes(counted), signature: signature)
    }

    /// What the reader should know about figures the rows cannot place.
    func notes(_ facts: [FormFact]) -> [String] {
        func unknown(_ dimension: String, of type: String) -> Int {
            facts.filter { $0.dimensions["nominee_type"] == type && $0.dimensions[dimension] == "unknown" }.reduce(0) { $0 + $1.count }
        }
        guard counts == .awards else { return [] }
        var notes: [String] = []
        let people = unknown("position_class", of: "individual")
        if people > 0 {
            notes.append("\(people) lượt khen thưởng cá nhân chưa ghi chức vụ: được tính ở dòng «Cá nhân» nhưng không ở các dòng chức vụ (ghi ở trang của đối tượng).")
        }
        let collectives = unknown("enterprise", of: "collective")
        if collectives > 0 {
            notes.append("\(collectives) lượt khen thưởng tập thể chưa ghi có phải doanh nghiệp hay không: không được tính ở dòng «Trong đó: Doanh nghiệp».")
        }
        return notes
    }
}
