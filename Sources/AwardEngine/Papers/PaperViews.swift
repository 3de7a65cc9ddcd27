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
    /// The code its certificate carries to /verify (migration 24).
    public var verifyCode: String = ""
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
    /// The code the decision carries to /verify, and the site's public address (nil until set).
    public var verifyCode: String = ""
    public var publicURL: String? = nil
}

/// Everything a proposal letter (tờ trình) prints: who forwards what to whom, with the council votes.
public struct ProposalPaper: Sendable {
    public var from: PaperOrg
    public var to: PaperOrg
    /// Who decides, when not `to`: `to` is then asked to consider and submit ("xem xét, trình").
    public var decider: PaperOrg?
    public var kindNames: [String]
    /// The documents the listed dossiers hold (their types in Vietnamese, withdrawn ones left out),
    /// which the letter says it sends along.
    public var documentNames: [String] = []
    /// When the last of them was forwarded (the letter's date).
    public var forwardedAt: Date
    public var signer: String
    public var recipients: [PaperRecipient]
    public var templates: [TemplateKind: [TemplateFormat: Data]]
    /// Where the org works in steps: who did each step before it forwarded them
    /// ("Thẩm định: Trần Thị An, Chuyên viên Ban Thi đua - Khen thưởng"), in order.
    public var processing: [String] = []
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
