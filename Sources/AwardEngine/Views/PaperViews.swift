import Foundation

/// The papers rendered from templates: each kind has a default shipped with the project, and an
/// admin may replace it per issuing org.
public enum TemplateKind: String, Sendable, Codable, CaseIterable {
    /// Quyết định khen thưởng (Decree 30/2020, Annex I).
    case decision
    /// Tờ trình: the letter that forwards dossiers to the next tier.
    case proposal
    /// Danh sách kèm theo: the attached list of a decision or a proposal.
    case list
    /// The text printed onto a Giấy khen / Bằng khen blank.
    case certificate

    public var vietnamese: String {
        switch self {
        case .decision: "Quyết định khen thưởng"
        case .proposal: "Tờ trình"
        case .list: "Danh sách kèm theo"
        case .certificate: "Phôi bằng khen, giấy khen"
        }
    }
}

/// The form a template is written in: mustache over HTML (the print view and the PDF), or a Word
/// package whose `word/document.xml` holds the mustache tags.
public enum TemplateFormat: String, Sendable, Codable, CaseIterable {
    case html, docx
}

/// One stored version of an org's template.
public struct TemplateVersion: Sendable, Codable, Equatable {
    public var org: String
    public var kind: TemplateKind
    public var format: TemplateFormat
    public var version: Int
    public var sha256: String
    public var size: Int
    public var createdBy: String
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case org, kind, format, version, sha256, size, createdBy = "created_by", createdAt = "created_at"
    }
}

/// An organisation as a paper names it.
public struct PaperOrg: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    public var level: OrgLevel
    /// The names of its ancestors from the root down (the governing body is the last).
    public var ancestors: [String]
}

/// One line of an attached list.
public struct PaperRecipient: Sendable, Codable, Equatable {
    public var nominationId: Int64
    public var name: String
    public var type: NomineeType
    /// The proposing unit's name.
    public var unit: String
    /// The achievement, as the dossier states it.
    public var reason: String?
    public var year: Int?
    public var bonusVnd: Int64?
    /// The council's vote where one was recorded at the tier concerned.
    public var vote: VoteTally?
}

/// Everything a decision's papers print: the decision, its issuer, the kind's name, the orgs that
/// proposed it, the recipients, and the templates in force when it was made.
public struct DecisionPaper: Sendable {
    public var sheet: DecisionSheet
    public var issuer: PaperOrg
    public var kindName: String
    public var createdAt: Date
    /// The orgs whose proposals the decision answers ("Theo đề nghị của …").
    public var proposers: [String]
    public var recipients: [PaperRecipient]
    /// The org's own templates in force when the decision was made (absent: the default).
    public var templates: [TemplateKind: [TemplateFormat: Data]]
}

/// Everything a proposal letter (tờ trình) prints: who forwards what to whom, with the council votes.
public struct ProposalPaper: Sendable {
    public var from: PaperOrg
    public var to: PaperOrg
    public var kindNames: [String]
    /// When the last of them was forwarded (the letter's date).
    public var forwardedAt: Date
    public var signer: String
    public var recipients: [PaperRecipient]
    public var templates: [TemplateKind: [TemplateFormat: Data]]
}

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

/// Awards counted for a statistics form: by submitting body, kind, nominee type and commendation type.
public struct FormCount: Sendable, Codable, Equatable {
    /// The body that submitted (a direct child of the report's org, or the org itself).
    public var body: String
    public var bodyName: String
    public var kind: String
    public var nomineeType: NomineeType
    public var commendationType: CommendationType
    public var count: Int

    enum CodingKeys: String, CodingKey {
        case body, bodyName = "body_name", kind, nomineeType = "nominee_type", commendationType = "commendation_type", count
    }
}

/// A decision in the year's list.
public struct DecisionListItem: Sendable, Codable, Equatable {
    public var id: Int64
    public var number: String
    public var date: CivilDate
    public var issuer: String
    public var kind: String
    /// award or revocation.
    public var purpose: String
    public var recipients: Int
}
