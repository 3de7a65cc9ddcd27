import AwardEngine
import Foundation

/// The formats a paper is given in.
public enum PaperFormat: String, Sendable, CaseIterable {
    /// The print view: HTML whose `@page` CSS prints to the Decree 30 layout from any browser.
    case html
    /// A Word file officers edit.
    case docx
    /// The print view printed by headless chromium.
    case pdf

    public var contentType: String {
        switch self {
        case .html: "text/html; charset=utf-8"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .pdf: "application/pdf"
        }
    }

    /// Reads `?format=` / `--format`; an unknown value names the accepted ones.
    public init(parsing text: String?) throws(AwardError) {
        guard let value = PaperFormat(rawValue: (text ?? "html").lowercased()) else {
            throw AwardError(.invalidInput, code: .badDocumentFormat, "format: \"\(text ?? "")\" is not accepted; accepted values: html, docx, pdf",
                             vi: "format: \"\(text ?? "")\" không hợp lệ; chọn một trong: html, docx, pdf.")
        }
        self = value
    }
}

/// A rendered paper: its bytes, media type and a file name to save it under.
public struct RenderedPaper: Sendable {
    public var bytes: Data
    public var contentType: String
    public var filename: String
}

/// The papers officers print, sign and file — decisions, proposal letters, certificates — rendered
/// from the engine's data with the issuing org's templates. No rule lives here: what a paper says
/// comes from the engine; how it looks, from the template.
public struct Papers: Sendable {
    let engine: AwardEngine
    let printer: PDFPrinter

    public init(engine: AwardEngine, printer: PDFPrinter = PDFPrinter()) {
        self.engine = engine
        self.printer = printer
    }

    /// A decision (Quyết định) with its attached list.
    /// Once signed, its PDF is the stored signed original (the seal's revision once issued), never a new print.
    public func decision(_ id: Int64, format: PaperFormat, viewer: Principal? = nil) async throws(AwardError) -> RenderedPaper {
        let paper = try await engine.decisionPaper(id, viewer: viewer)
        if format == .pdf, let original = try await engine.signedOriginal(id, viewer: viewer) {
            let name = "quyet-dinh-" + Self.slug(paper.sheet.decision.number) + (original.stage == .sealed ? "-ban-chinh" : "-da-ky")
            return RenderedPaper(bytes: Data(original.pdf), contentType: "application/pdf", filename: name + ".pdf")
        }
        var model = PaperModel.decision(paper)
        // A view of a signed decision is not the decision: it says where the signed original is.
        if let original = try await engine.signedOriginal(id, viewer: viewer) {
            model["signedOriginal"] = "Bản chính của quyết định này là tệp PDF đã được "
                + (original.stage == .sealed ? "lãnh đạo ký số và cơ quan đóng dấu số" : "lãnh đạo ký số")
                + " (tải bản PDF); bản này chỉ để xem, không thay thế bản chính."
        }
        let name = "quyet-dinh-" + Self.slug(paper.sheet.decision.number)
        return try await render(.decision, model, stored: paper.templates, format: format, name: name)
    }

    /// A proposal letter (Tờ trình) for nominations the viewer's org sent up together.
    public func proposal(_ ids: [Int64], format: PaperFormat, viewer: Principal? = nil) async throws(AwardError) -> RenderedPaper {
        let paper = try await engine.proposalPaper(ids, viewer: viewer)
        let model = PaperModel.proposal(paper, date: AwardEngine.today(paper.forwardedAt))
        let name = "to-trinh-" + ids.map(String.init).prefix(5).joined(separator: "-")
        return try await render(.proposal, model, stored: paper.templates, format: format, name: name)
    }

    /// The certificates of a decision's recipients (or of one of them), placed on the issuer's
    /// blank by its layout; `background` draws a sample blank behind the text to check the placing.
    public func certificates(decision id: Int64, nomination: Int64? = nil, background: Bool = false, format: PaperFormat,
                             viewer: Principal? = nil) async throws(AwardError) -> RenderedPaper {
        guard format != .docx else {
            throw AwardError(.invalidInput, code: .badDocumentFormat, "certificates print as html or pdf",
                             vi: "Phôi in dạng html hoặc pdf.")
        }
        let paper = try await engine.decisionPaper(id, viewer: viewer)
        let layout = try await engine.certificateLayout(org: paper.issuer.code)
        let model = try CertificateSheet.model(paper, layout: layout, only: nomination, background: background)
        let name = (background ? "in-thu-phoi-" : "phoi-") + Self.slug(paper.sheet.decision.number)
        return try await render(.certificate, model, stored: paper.templates, format: format, name: name)
    }

    /// Stores a new version of an org's template after checking that it parses.
    public func setTemplate(org: String, kind: TemplateKind, format: TemplateFormat, body: Data,
                            by principal: Principal) async throws(AwardError) -> TemplateVersion {
        // Who may replace it is asked before a byte of the upload is parsed.
        try engine.authorize(principal, .manageTemplates)
        try PaperTemplates.validate(kind, format, body)
        return try await engine.recordTemplate(org: org, kind: kind, format: format, body: body, by: principal)
    }

    /// A template's body: the org's stored version (the newest, or `version`), else the default.
    public func template(org: String?, kind: TemplateKind, format: TemplateFormat, version: Int? = nil) async throws(AwardError) -> Data {
        if let org, let stored = try await engine.templateBody(org: org, kind: kind, format: format, version: version) { return stored }
        if version != nil {
            throw AwardError(.notFound, code: .badTemplate, "\(org ?? "") has no \(kind.rawValue) \(format.rawValue) template version \(version!)",
                             vi: "\(org ?? "") không có mẫu \(kind.vietnamese) (\(format.rawValue)) phiên bản \(version!).")
        }
        return try PaperTemplates.defaultBody(kind, format)
    }

    func render(_ kind: TemplateKind, _ model: [String: Any], stored: [TemplateKind: [TemplateFormat: Data]], format: PaperFormat,
                name: String) async throws(AwardError) -> RenderedPaper {
        switch format {
        case .html:
            return RenderedPaper(bytes: Data(try PaperTemplates.html(kind, model, stored: stored).utf8), contentType: format.contentType,
                                 filename: name + ".html")
        case .docx:
            return RenderedPaper(bytes: try PaperTemplates.docx(kind, model, stored: stored), contentType: format.contentType, filename: name + ".docx")
        case .pdf:
            let html = try PaperTemplates.html(kind, model, stored: stored)
            return RenderedPaper(bytes: try await printer.pdf(html: html), contentType: format.contentType, filename: name + ".pdf")
        }
    }

    /// "05/QĐ-UBND" → "05-QD-UBND": a file name any system saves.
    static func slug(_ text: String) -> String {
        let folded = text.replacingOccurrences(of: "Đ", with: "D").replacingOccurrences(of: "đ", with: "d")
            .folding(options: [.diacriticInsensitive], locale: nil)
        let mapped = folded.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "-" }
        return String(mapped).split(separator: "-").joined(separator: "-")
    }
}
