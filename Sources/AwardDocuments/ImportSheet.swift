import AwardEngine
import Foundation

/// The import templates officers download: the import's columns with an example row for
/// individuals, collectives or households.
public enum ImportSheet {
    public struct Template: Sendable {
        public var headers: [String]
        public var rows: [[String]]
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

    /// The template as an .xlsx: every cell text, so Excel keeps codes such as "05" as typed.
    public static func xlsx(_ template: Template) throws(AwardError) -> Data {
        try XLSXWriter.workbook(sheetName: "Nhập hồ sơ", headers: template.headers, rows: template.rows.map { $0.map { XLSXCell.text($0) } })
    }
}
