import Foundation

/// Where the text of a certificate lands on an org's pre-printed blank.
public struct CertificateLayout: Sendable, Codable, Equatable {
    /// One printed field: its top-left corner and width in millimetres from the blank's edge.
    public struct Field: Sendable, Codable, Equatable {
        public var x: Double
        public var y: Double
        public var width: Double
        public var fontSize: Double
        public var align: String
        public var bold: Bool

        public init(x: Double, y: Double, width: Double, fontSize: Double = 14, align: String = "center", bold: Bool = false) {
            self.x = x; self.y = y; self.width = width; self.fontSize = fontSize; self.align = align; self.bold = bold
        }

        enum CodingKeys: String, CodingKey { case x, y, width, fontSize = "font_size", align, bold }
    }

    /// A3 or A4.
    public var paper: String
    /// landscape or portrait.
    public var orientation: String
    /// The printer's calibration: added to every field, in millimetres (negative moves left / up).
    public var offsetX: Double
    public var offsetY: Double
    /// name, achievement, decision, date, signer_title, signer, register.
    public var fields: [String: Field]

    public static let fieldNames = ["name", "unit", "achievement", "decision", "date", "signer_title", "signer", "register"]

    /// The layout of the blank the Ministry of Home Affairs' sample shows, A4 landscape.
    public static let standard = CertificateLayout(paper: "A4", orientation: "landscape", offsetX: 0, offsetY: 0, fields: [
        "name": Field(x: 40, y: 78, width: 217, fontSize: 22, bold: true),
        "unit": Field(x: 40, y: 92, width: 217, fontSize: 15),
        "achievement": Field(x: 40, y: 104, width: 217, fontSize: 14),
        "decision": Field(x: 30, y: 160, width: 110, fontSize: 12, align: "left"),
        "register": Field(x: 30, y: 167, width: 110, fontSize: 12, align: "left"),
        "date": Field(x: 160, y: 140, width: 110, fontSize: 13),
        "signer_title": Field(x: 160, y: 148, width: 110, fontSize: 13, bold: true),
        "signer": Field(x: 160, y: 180, width: 110, fontSize: 14, bold: true),
    ])

    public init(paper: String, orientation: String, offsetX: Double, offsetY: Double, fields: [String: Field]) {
        self.paper = paper; self.orientation = orientation; self.offsetX = offsetX; self.offsetY = offsetY; self.fields = fields
    }

    /// The paper's size in millimetres, as oriented.
    public var sizeMM: (width: Double, height: Double) {
        let portrait: (Double, Double) = paper == "A3" ? (297, 420) : (210, 297)
        return orientation == "landscape" ? (portrait.1, portrait.0) : portrait
    }

    /// Refuses a layout whose paper, orientation or fields are not ones a printer can place.
    public func validated() throws(AwardError) -> CertificateLayout {
        func refuse(_ english: String, _ vietnamese: String) -> AwardError {
            AwardError(.invalidInput, code: .badLayout, english, vi: vietnamese)
        }
        guard ["A3", "A4"].contains(paper) else { throw refuse("paper must be A3 or A4, not \(paper)", "Khổ giấy phải là A3 hoặc A4, không phải \(paper).") }
        guard ["landscape", "portrait"].contains(orientation) else {
            throw refuse("orientation must be landscape or portrait", "Hướng giấy phải là landscape (ngang) hoặc portrait (dọc).")
        }
        guard abs(offsetX) <= 30, abs(offsetY) <= 30 else {
            throw refuse("the calibration offset is at most 30 mm each way", "Độ lệch hiệu chỉnh tối đa 30 mm mỗi chiều.")
        }
        let size = sizeMM
        for (name, field) in fields {
            guard Self.fieldNames.contains(name) else {
                throw refuse("unknown field \(name); the fields are \(Self.fieldNames.joined(separator: ", "))",
                             "Không có trường \(name); các trường: \(Self.fieldNames.joined(separator: ", ")).")
            }
            guard field.x >= 0, field.y >= 0, field.width > 0, field.x + field.width <= size.width, field.y <= size.height else {
                throw refuse("field \(name) lies outside the \(paper) \(orientation) page (\(Int(size.width))×\(Int(size.height)) mm)",
                             "Trường \(name) nằm ngoài trang \(paper) (\(Int(size.width))×\(Int(size.height)) mm).")
            }
            guard (6...48).contains(field.fontSize) else {
                throw refuse("field \(name): the font size is 6 to 48 pt", "Trường \(name): cỡ chữ từ 6 đến 48 pt.")
            }
            guard ["left", "center", "right"].contains(field.align) else {
                throw refuse("field \(name): align is left, center or right", "Trường \(name): căn lề là left, center hoặc right.")
            }
        }
        return self
    }

    enum CodingKeys: String, CodingKey { case paper, orientation, offsetX = "offset_x", offsetY = "offset_y", fields }
}
