import AwardEngine
import Foundation

/// The import templates officers download: the import's columns with an example row for
/// individuals, collectives or households.
public enum ImportSheet {
    public struct Template: Sendable {
        public var headers: [String]
        public var rows: [[String]]
        /// What the coded columns accept, for the sheet of allowed values and the drop-downs.
        public var kinds: [(code: String, name: String)] = []
        public var units: [(code: String, name: String)] = []
    }

    /// The template for `type`, headed in Vietnamese, with the kinds and units an officer may
    /// choose (their codes in the file, their names beside them on the second sheet).
    public static func template(for type: NomineeType, kinds: [AwardKind], units: [Organisation]) -> Template {
        var template = template(for: type)
        template.headers = AwardEngine.importColumns.map { AwardEngine.importColumnLabels[$0] ?? $0 }
        template.kinds = kinds.filter { $0.nomineeTypes.contains(type) }.map { ($0.code, $0.nameVi) }
        template.units = units.map { ($0.code, $0.name) }
        if let column = AwardEngine.importColumns.firstIndex(of: "nominee_type") { template.rows = template.rows.map { var r = $0; r[column] = type.vietnamese; return r } }
        if let column = AwardEngine.importColumns.firstIndex(of: "type") {
            template.rows = template.rows.map { var r = $0; r[column] = CommendationType(rawValue: r[column]).map(\.vietnamese) ?? r[column]; return r }
        }
        if let unit = template.units.first, let column = AwardEngine.importColumns.firstIndex(of: "unit") {
            template.rows = template.rows.map { var r = $0; r[column] = unit.code; return r }
        }
        return template
    }

    public static func template(for type: NomineeType) -> Template {
        let example: [String: String]
        switch type {
        case .individual:
            example = ["kind": "giay-khen", "unit": "P-DK", "nominee": "Nguyễn Văn An", "nominee_type": "individual", "year": "2026",
                       "reason": "Hoàn thành xuất sắc nhiệm vụ năm 2026", "type": "annual"]
        case .collective:
            example = ["kind": "bang-khen-tinh", "unit": "P-DK", "nominee": "Trường THCS Duyên Hải", "nominee_type": "collective", "year": "2026",
                       "reason": "Tập thể hoàn thành xuất sắc nhiệm vụ năm học 2025–2026", "type": "annual"]
        case .household:
            example = ["kind": "giay-khen", "unit": "P-DK", "nominee": "Hộ ông Lò Văn Sinh", "nominee_type": "household", "year": "2026",
                       "reason": "Gương điển hình trong phong trào xây dựng nông thôn mới", "type": "thematic"]
        }
        let headers = AwardEngine.importColumns
        return Template(headers: headers, rows: [headers.map { example[$0] ?? "" }])
    }

    /// The template as an .xlsx: every cell text, so Excel keeps codes such as "05" as typed; a
    /// second sheet lists the allowed values, and the coded columns offer them as drop-downs.
    public static func xlsx(_ template: Template) throws(AwardError) -> Data {
        let writer = try XLSXWriter(sheetName: "Nhập hồ sơ")
        writer.headers(template.headers)
        for row in template.rows { writer.append(row.map { XLSXCell.text($0) }) }
        if !template.kinds.isEmpty || !template.units.isEmpty {
            let ranges = writer.listSheet(
                name: "Giá trị hợp lệ",
                headers: ["Mã hình thức", "Hình thức khen thưởng", "Mã đơn vị", "Đơn vị", "Loại đối tượng", "Loại khen thưởng"],
                columns: [template.kinds.map(\.code), template.kinds.map(\.name), template.units.map(\.code), template.units.map(\.name),
                          NomineeType.allCases.map(\.vietnamese), CommendationType.allCases.map(\.vietnamese)])
            let rows = 1000
            let columns = AwardEngine.importColumns
            for (name, range, what) in [("kind", 0, "một mã hình thức"), ("unit", 2, "một mã đơn vị"), ("nominee_type", 4, "một loại đối tượng"),
                                        ("type", 5, "một loại khen thưởng")] {
                guard let column = columns.firstIndex(of: name), range < ranges.count else { continue }
                writer.dropDown(column: column, rows: rows, source: ranges[range],
                                message: "Chọn \(what) trong danh sách (xem trang «Giá trị hợp lệ»).")
            }
        }
        return try writer.finish()
    }
}
