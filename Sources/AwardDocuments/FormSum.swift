import AwardEngine
import Foundation

/// The central board's sum of the forms its provinces sent (each a workbook in this layout): the
/// figures of each row code and column, added up. A workbook of another form, a period's other
/// circular or a row it cannot read is refused, naming the file and what was found.
extension FilledForm {
    /// The figures of one unit's workbook, by row code and column code.
    public struct Unit: Sendable, Equatable {
        public var name: String
        public var figures: [String: [String: Int]]
    }

    /// Reads a unit's workbook of form `code`: the line of column codes (A, B, …) names the columns;
    /// each row with a code gives its figures.
    public static func unit(_ data: Data, named name: String, code: String) throws(AwardError) -> Unit {
        let rows = try XLSXReader.rows(data)
        guard rows.contains(where: { $0.first?.contains("Biểu số \(code)") == true }) else {
            throw AwardError(.invalidInput, code: .unknownForm, "\(name) is not form \(code) in this layout",
                             vi: "Tệp \(name) không phải biểu \(code) theo mẫu này (dòng đầu phải ghi «Biểu số \(code)…»).", field: "file")
        }
        guard let codeLine = rows.firstIndex(where: { Array($0.prefix(2)) == ["A", "B"] }) else {
            throw AwardError(.invalidInput, code: .badCsv, "\(name): no line of column codes (A, B, …) under the headers",
                             vi: "Tệp \(name): không thấy dòng mã cột (A, B, C, 1, 2, …) dưới tiêu đề.", field: "file")
        }
        let columns = rows[codeLine]
        var figures: [String: [String: Int]] = [:]
        for row in rows[(codeLine + 1)...] {
            guard row.count > 1, !row[1].isEmpty, row[1].allSatisfy(\.isNumber) else { continue }
            for (i, column) in columns.enumerated() where i < row.count && column.first?.isNumber == true {
                let text = row[i].trimmingCharacters(in: .whitespaces)
                guard let value = text.isEmpty ? 0 : Int(text), value >= 0, value <= 100_000_000 else {
                    throw AwardError(.invalidInput, code: .badCsv, "\(name): row \(row[1]), column \(column): not a whole number",
                                     vi: "Tệp \(name): dòng mã \(row[1]), cột \(column) không phải số nguyên không âm.", field: "file")
                }
                figures[row[1], default: [:]][column, default: 0] += value
            }
        }
        return Unit(name: name, figures: figures)
    }

    /// This form (filled, usually empty of figures of its own) plus the units' figures: an
    /// expanded column a unit has and this form lacks is added.
    public func adding(_ units: [Unit]) -> FilledForm {
        var sum = self
        var codes = columns.map(\.code)
        for unit in units {
            for column in unit.figures.values.flatMap(\.keys) where !codes.contains(column) {
                codes.append(column)
                sum.columns.append(ColumnHead(code: column, label: "Cột \(column) (theo biểu của đơn vị)", group: nil))
            }
        }
        sum.rows = rows.map { row in
            guard let code = row.code, var cells = row.cells else { return row }
            cells += Array(repeating: 0, count: codes.count - cells.count)
            for unit in units { for (i, column) in codes.enumerated() { cells[i] += unit.figures[code]?[column] ?? 0 } }
            var summed = row
            summed.cells = cells
            return summed
        }
        sum.summedFrom += units.map(\.name)
        return sum
    }
}
