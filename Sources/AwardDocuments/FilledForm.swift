import AwardEngine
import Foundation

/// A statistics form with its figures, as awardctl, the API and the page give it: the circular's
/// indicator rows (section headings have no cells) and its columns.
public struct FilledForm: Sendable, Codable, Equatable {
    public struct ColumnHead: Sendable, Codable, Equatable {
        public var code: String
        public var label: String
        public var group: String?
    }

    public struct Row: Sendable, Codable, Equatable {
        public var code: String?
        public var label: String
        public var level: Int
        public var unit: String?
        /// One figure a column; `nil` for a section heading.
        public var cells: [Int]?
    }

    public var code: String
    public var symbol: String
    public var title: String
    public var circular: String
    public var circularIssued: String
    public var source: String
    public var unit: String
    public var hasUnitColumn: Bool
    public var due: String?
    public var period: Int
    public var periodText: String
    public var org: String?
    public var orgName: String?
    public var columns: [ColumnHead]
    public var rows: [Row]
    /// Figures the rows cannot place (a position class not recorded…), said under the table.
    public var notes: [String]
    public var signature: [String]
    /// The org's predecessors (the units it continues since the 2025 reform) are counted too.
    public var includingPredecessors = false
    /// The forms summed into this one (imported from units' workbooks), when it is a sum.
    public var summedFrom: [String] = []

    enum CodingKeys: String, CodingKey {
        case code, symbol, title, circular, circularIssued = "circular_issued", source, unit, hasUnitColumn = "has_unit_column", due, period
        case periodText = "period_text", org, orgName = "org_name", columns, rows, notes, signature
        case includingPredecessors = "including_predecessors", summedFrom = "summed_from"
    }

    /// The row code's figures, by column code (for tests and sums).
    public func cells(_ rowCode: String) -> [String: Int] {
        guard let row = rows.first(where: { $0.code == rowCode }), let cells = row.cells else { return [:] }
        return Dictionary(zip(columns.map(\.code), cells), uniquingKeysWith: +)
    }

    /// The header line: the indicator, its code, its unit (where the form has one), then each
    /// column as "group: label (code)".
    public var headers: [String] {
        ["Chỉ tiêu", "Mã số"] + (hasUnitColumn ? ["Đơn vị tính"] : [])
            + columns.map { ($0.group.map { "\($0): " } ?? "") + $0.label + " (\($0.code))" }
    }

    /// The line of column letters and numbers under the headers (A, B, C, 1, 2, …).
    var columnCodes: [String] { ["A", "B"] + (hasUnitColumn ? ["C"] : []) + columns.map(\.code) }

    /// The rows as spreadsheet cells: the code line first, then each indicator.
    public var table: [[XLSXCell]] {
        [columnCodes.map { .text($0) }] + rows.map { row in
            let indent = String(repeating: "  ", count: max(0, row.level - 1))
            return [.text(indent + row.label), .text(row.code ?? "")] + (hasUnitColumn ? [.text(row.unit ?? "")] : [])
                + (row.cells ?? []).map { .integer(Int64($0)) }
        }
    }

    /// The heading above the table, in the circular's order.
    public var heading: [String] {
        let who = (orgName ?? "Toàn hệ thống") + (includingPredecessors ? " (kể cả các đơn vị tiền thân)" : "")
        return ["\(symbol) — Ban hành kèm theo \(circular) \(circularIssued)"] + (due.map { ["Ngày nhận báo cáo: \($0)"] } ?? [])
            + ["Đơn vị báo cáo: \(who)", "Đơn vị nhận báo cáo: Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)", title, "Năm \(period)", periodText]
            + (unit.isEmpty ? [] : [unit]) + (summedFrom.isEmpty ? [] : ["Tổng hợp từ: " + summedFrom.joined(separator: "; ")])
    }

    /// The signature block: the preparer on the left, the head on the right.
    public var signatureLines: [[String]] {
        [["", "…, ngày … tháng … năm …"], [signature[0], signature[2].uppercased()], [signature[1], signature[3]]]
    }

    /// The form as CSV for Excel.
    public var csv: String {
        var text = CSV.byteOrderMark + heading.map { CSV.record([$0]) }.joined() + CSV.record(headers) + CSV.record(columnCodes)
        for row in rows {
            text += CSV.record([row.label, row.code ?? ""] + (hasUnitColumn ? [row.unit ?? ""] : []) + (row.cells ?? []).map(String.init))
        }
        return text + notes.map { CSV.record([$0]) }.joined() + CSV.record([]) + signatureLines.map { CSV.record([""] + $0) }.joined()
    }

    /// The form as an .xlsx.
    public func xlsx() throws(AwardError) -> Data {
        try XLSXWriter.workbook(sheetName: "Biểu \(code)", title: heading, headers: headers, rows: table,
                                footer: notes.map { [$0] } + signatureLines)
    }
}

extension Papers {
    /// A statistics form filled for a reporting period and org, within the viewer's jurisdiction,
    /// in the layout of the circular that governs the period. `includingPredecessors`: with `org`,
    /// the units it continues since the 2025 reform count too.
    public func form(_ code: String, period: Int, org: String? = nil, includingPredecessors: Bool = false,
                     viewer: Principal? = nil) async throws(AwardError) -> FilledForm {
        let (form, circular) = try StatisticsForm.named(code, period: period)
        let reporting = try await engine.reportingOrg(org, viewer: viewer)
        let including = includingPredecessors && reporting != nil
        let facts = try await engine.formFacts(form.counts, period: period, org: org, includingPredecessors: including, viewer: viewer)
        let names = Dictionary(try await engine.kinds().map { ($0.code, $0.nameVi) }, uniquingKeysWith: { a, _ in a })
        var filled = form.fill(facts, circular: circular, period: period, org: reporting?.code, orgName: reporting?.name,
                               kindName: { names[$0] ?? $0 })
        filled.includingPredecessors = including
        return filled
    }
}
