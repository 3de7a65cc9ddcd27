import AwardEngine
import CXLSXWriter
import Foundation

/// One cell of a spreadsheet row: text stays text (a code such as "05" keeps its zero), numbers
/// are numbers, dates are Excel dates shown dd/mm/yyyy.
public enum XLSXCell: Sendable, Equatable {
    case text(String)
    case number(Double)
    case integer(Int64)
    case date(CivilDate)
    case dateTime(Date)
    case empty

    var width: Int {
        switch self {
        case .text(let text): text.split(separator: "\n").map(\.count).max() ?? 0
        case .number, .integer: 12
        case .date: 10
        case .dateTime: 19
        case .empty: 0
        }
    }
}

/// Writes an .xlsx with Debian's libxlsxwriter in constant memory: bold headers, column widths
/// from the first rows, the header row frozen with a filter on it, dates as dates. A title and
/// notes may stand above and below the table (the statistics forms' heading and signature).
/// Used by one task at a time.
public final class XLSXWriter {
    private let directory: URL
    private let path: URL
    private var workbook: UnsafeMutablePointer<lxw_workbook>?
    private var sheet: UnsafeMutablePointer<lxw_worksheet>?
    private var bold: UnsafeMutablePointer<lxw_format>?
    private var header: UnsafeMutablePointer<lxw_format>?
    private var dateFormat: UnsafeMutablePointer<lxw_format>?
    private var dateTimeFormat: UnsafeMutablePointer<lxw_format>?
    private var wrap: UnsafeMutablePointer<lxw_format>?
    private var row: UInt32 = 0
    private var headerRow: UInt32 = 0
    private var columns = 0
    private var pending: [[XLSXCell]] = []
    private var widthsSet = false
    private var finished = false
    /// Rows held back to size the columns before the first is written.
    static let sizingRows = 200

    /// A workbook with one sheet named `sheetName` (at most 31 characters, as Excel allows).
    public init(sheetName: String) throws(AwardError) {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("award-xlsx-\(UUID().uuidString)")
        path = directory.appendingPathComponent("book.xlsx")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw AwardError(.internal, code: .internal, "the spreadsheet's temporary directory could not be made")
        }
        var options = lxw_workbook_options()
        options.constant_memory = 1
        workbook = directory.path.withCString { tmp in
            options.tmpdir = UnsafeMutablePointer(mutating: tmp)
            return workbook_new_opt(path.path, &options)
        }
        guard let workbook else { throw AwardError(.internal, code: .internal, "libxlsxwriter could not start a workbook") }
        sheet = workbook_add_worksheet(workbook, String(sheetName.prefix(31)))
        bold = workbook_add_format(workbook)
        format_set_bold(bold)
        header = workbook_add_format(workbook)
        format_set_bold(header)
        format_set_text_wrap(header)
        format_set_align(header, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        format_set_bg_color(header, 0xDDEBF7)
        format_set_border(header, UInt8(LXW_BORDER_THIN.rawValue))
        dateFormat = workbook_add_format(workbook)
        format_set_num_format(dateFormat, "dd/mm/yyyy")
        dateTimeFormat = workbook_add_format(workbook)
        format_set_num_format(dateTimeFormat, "dd/mm/yyyy hh:mm:ss")
        wrap = workbook_add_format(workbook)
        format_set_text_wrap(wrap)
    }

    deinit {
        if !finished, let workbook { workbook_close(workbook) }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Lines above the table: the first bold (a form's title), the rest plain.
    public func title(_ lines: [String]) {
        for (i, line) in lines.enumerated() {
            worksheet_write_string(sheet, row, 0, line, i == 0 ? bold : nil)
            row += 1
        }
        if !lines.isEmpty { row += 1 }
    }

    /// The header row; it stays in view as the officer scrolls.
    public func headers(_ names: [String]) {
        columns = names.count
        headerRow = row
        for (i, name) in names.enumerated() { worksheet_write_string(sheet, row, UInt16(i), name, header) }
        worksheet_freeze_panes(sheet, row + 1, 0)
        // Every table's header row filters (set here: the sheet streams its rows to disk).
        if !names.isEmpty { worksheet_autofilter(sheet, row, 0, row, UInt16(names.count - 1)) }
        row += 1
        pending.append(names.map { .text($0) })
    }

    /// One row of the table.
    public func append(_ cells: [XLSXCell]) {
        if !widthsSet {
            pending.append(cells)
            if pending.count > Self.sizingRows { flushPending() }
            return
        }
        write(cells)
    }

    /// Lines below the table (notes, the signature block): each line's cells from the second
    /// column, the last cell under the table's right side, where a signature block stands.
    public func footer(_ lines: [[String]]) {
        flushPending()
        row += 1
        for line in lines {
            for (i, text) in line.enumerated() {
                let column = i == line.count - 1 && i > 0 ? max(2, columns - 5) : i + 1
                worksheet_write_string(sheet, row, UInt16(column), text, bold)
            }
            row += 1
        }
    }

    /// A second sheet listing the values a column accepts (a header row, then one column each);
    /// returns, per column, the range a drop-down takes its choices from.
    @discardableResult
    public func listSheet(name: String, headers: [String], columns lists: [[String]]) -> [String] {
        guard let workbook, let list = workbook_add_worksheet(workbook, String(name.prefix(31))) else { return [] }
        for (i, title) in headers.enumerated() {
            worksheet_write_string(list, 0, UInt16(i), title, header)
            worksheet_set_column(list, UInt16(i), UInt16(i), Double(min(60, max(14, (lists[safe: i] ?? []).map(\.count).max() ?? 10) + 2)), nil)
        }
        // Row by row: the workbook streams each sheet's rows to disk in order.
        for r in 0..<(lists.map(\.count).max() ?? 0) {
            for (i, values) in lists.enumerated() where r < values.count {
                worksheet_write_string(list, UInt32(r + 1), UInt16(i), values[r], nil)
            }
        }
        worksheet_freeze_panes(list, 1, 0)
        let quoted = "'" + String(name.prefix(31)).replacingOccurrences(of: "'", with: "''") + "'"
        return lists.enumerated().map { i, values in
            let letter = String(UnicodeScalar(UInt8(65 + i)))
            return "=\(quoted)!$\(letter)$2:$\(letter)$\(max(2, values.count + 1))"
        }
    }

    /// A drop-down on `column` of the table's first `rows` rows, offering the values of `source`
    /// (a range ``listSheet(name:headers:columns:)`` returned); other values are refused with `message`.
    public func dropDown(column: Int, rows: Int, source: String, message: String) {
        guard let sheet else { return }
        var validation = lxw_data_validation()
        validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
        source.withCString { formula in
            message.withCString { text in
                "Giá trị không hợp lệ".withCString { title in
                    validation.value_formula = UnsafeMutablePointer(mutating: formula)
                    validation.error_message = UnsafeMutablePointer(mutating: text)
                    validation.error_title = UnsafeMutablePointer(mutating: title)
                    _ = worksheet_data_validation_range(sheet, headerRow + 1, UInt16(column), headerRow + UInt32(rows), UInt16(column), &validation)
                }
            }
        }
    }

    /// Closes the workbook and returns the file's bytes.
    public func finish() throws(AwardError) -> Data {
        flushPending()
        finished = true
        let status = workbook_close(workbook)
        workbook = nil
        guard status == LXW_NO_ERROR, let data = try? Data(contentsOf: path) else {
            throw AwardError(.internal, code: .internal, "libxlsxwriter could not write the workbook (\(status.rawValue))")
        }
        return data
    }

    private func flushPending() {
        guard !widthsSet else { return }
        widthsSet = true
        let count = max(columns, pending.map(\.count).max() ?? 0)
        for column in 0..<count {
            // A long header wraps (its row is tall) rather than widening a column of numbers.
            let headerWidth = columns > 0 && column < pending[0].count ? min(pending[0][column].width, 24) : 0
            let widest = max(headerWidth, pending.dropFirst(columns > 0 ? 1 : 0).map { column < $0.count ? $0[column].width : 0 }.max() ?? 8)
            worksheet_set_column(sheet, UInt16(column), UInt16(column), Double(min(60, max(6, widest + 2))), nil)
        }
        // The header row was written already; the rest follow in order.
        for cells in pending.dropFirst(columns > 0 ? 1 : 0) { write(cells) }
        pending = []
    }

    private func write(_ cells: [XLSXCell]) {
        for (i, cell) in cells.enumerated() {
            let column = UInt16(i)
            switch cell {
            case .text(let text):
                worksheet_write_string(sheet, row, column, text, text.contains("\n") ? wrap : nil)
            case .number(let value):
                worksheet_write_number(sheet, row, column, value, nil)
            case .integer(let value):
                worksheet_write_number(sheet, row, column, Double(value), nil)
            case .date(let date):
                var value = lxw_datetime(year: Int32(date.year), month: Int32(date.month), day: Int32(date.day), hour: 0, min: 0, sec: 0)
                worksheet_write_datetime(sheet, row, column, &value, dateFormat)
            case .dateTime(let date):
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
                let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
                var value = lxw_datetime(year: Int32(c.year!), month: Int32(c.month!), day: Int32(c.day!), hour: Int32(c.hour!),
                                         min: Int32(c.minute!), sec: Double(c.second!))
                worksheet_write_datetime(sheet, row, column, &value, dateTimeFormat)
            case .empty:
                break
            }
        }
        row += 1
    }

    /// A whole table at once.
    public static func workbook(sheetName: String, title: [String] = [], headers: [String], rows: [[XLSXCell]],
                                footer: [[String]] = []) throws(AwardError) -> Data {
        let writer = try XLSXWriter(sheetName: sheetName)
        writer.title(title)
        writer.headers(headers)
        for row in rows { writer.append(row) }
        if !footer.isEmpty { writer.footer(footer) }
        return try writer.finish()
    }
}

extension XLSXCell {
    /// A cell from the text a table prints: dd/mm/yyyy as a date, dd/mm/yyyy HH:mm:ss as a date
    /// and time, a whole number without a leading zero as a number, anything else as text.
    public static func guess(_ text: String) -> XLSXCell {
        if text.isEmpty { return .empty }
        let scalars = Array(text.unicodeScalars)
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { $0 < scalars.count && ("0"..."9").contains(scalars[$0]) } }
        if (scalars.count == 10 || scalars.count == 19), digits(0..<2), scalars[2] == "/", digits(3..<5), scalars[5] == "/", digits(6..<10),
           let date = CivilDate(parsing: String(text.prefix(10))) {
            if scalars.count == 10 { return .date(date) }
            let time = text.suffix(8).split(separator: ":").compactMap { Int($0) }
            if text.dropFirst(10).first == " ", time.count == 3 {
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
                if let moment = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day,
                                                                   hour: time[0], minute: time[1], second: time[2])) {
                    return .dateTime(moment)
                }
            }
        }
        if scalars.count <= 15, digits(0..<scalars.count), scalars.first != "0" || scalars.count == 1, let value = Int64(text) {
            return .integer(value)
        }
        return .text(text)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
