import AwardEngine
import Foundation
import Mustache

/// The paper templates: the defaults shipped in the binary, the check a replacement must pass,
/// and rendering with an org's own version where it has one.
enum PaperTemplates {
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// The defaults, by kind, for the print view (HTML).
    static let defaultHTML: [TemplateKind: String] = [
        .decision: text(PackageResources.decision_html_mustache),
        .proposal: text(PackageResources.proposal_html_mustache),
        .list: text(PackageResources.list_html_mustache),
        .certificate: text(PackageResources.certificate_html_mustache),
    ]

    /// The defaults' `word/document.xml`, partials written out so that the .docx shows every tag.
    static let defaultDocumentXML: [TemplateKind: String] = {
        let list = text(PackageResources.list_docx_mustache)
        let signature = text(PackageResources.signature_docx_mustache)
        let heading = text(PackageResources.heading_docx_mustache)
        func expand(_ bytes: [UInt8]) -> String {
            text(bytes).replacingOccurrences(of: "{{> docx-heading}}", with: heading)
                .replacingOccurrences(of: "{{> list}}", with: list).replacingOccurrences(of: "{{> signature}}", with: signature)
        }
        return [.decision: expand(PackageResources.decision_docx_mustache), .proposal: expand(PackageResources.proposal_docx_mustache)]
    }()

    /// The partials every print view may include and no org replaces.
    static let fixedPartials: [String: String] = [
        "paper-css": text(PackageResources.paper_css),
        "heading": text(PackageResources.heading_mustache),
    ]

    /// The fixed partials, parsed once. They ship with the binary: a broken one is a build fault,
    /// caught by the tests.
    static let fixedLibrary: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in fixedPartials { try! library.register(text, named: name) }
        return library
    }()

    /// Which kinds take which formats: a .docx for the letters, HTML for all.
    static func accepts(_ kind: TemplateKind, _ format: TemplateFormat) -> Bool {
        format == .html || kind == .decision || kind == .proposal
    }

    /// The default template of a kind in a format, as the bytes `template get` gives.
    static func defaultBody(_ kind: TemplateKind, _ format: TemplateFormat) throws(AwardError) -> Data {
        guard accepts(kind, format) else { throw unsupported(kind, format) }
        switch format {
        case .html: return Data(defaultHTML[kind]!.utf8)
        case .docx: return try WordPackage.defaultTemplate(documentXML: defaultDocumentXML[kind]!)
        }
    }

    static func unsupported(_ kind: TemplateKind, _ format: TemplateFormat) -> AwardError {
        AwardError(.invalidInput, code: .badTemplate, "\(kind.rawValue) templates are html only (docx: decision, proposal)",
                   vi: "Mẫu \(kind.vietnamese) chỉ có dạng html (dạng docx chỉ cho quyết định và tờ trình).")
    }

    /// Parses a template; a syntax error is refused with its line and column.
    static func parse(_ text: String, part: String? = nil) throws(AwardError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            let place = part.map { "\($0), " } ?? ""
            let what = "\(error.error)"
            throw AwardError(
                .invalidInput, code: .badTemplate,
                "template \(place)line \(error.context.lineNumber), column \(error.context.columnNumber): \(what): \(error.context.line.trimmingCharacters(in: .whitespaces))",
                vi: "Mẫu văn bản lỗi cú pháp ở \(part.map { "\($0), " } ?? "")dòng \(error.context.lineNumber), cột \(error.context.columnNumber) "
                    + "(\(vietnamese(what))): \(error.context.line.trimmingCharacters(in: .whitespaces))")
        } catch {
            throw AwardError(.invalidInput, code: .badTemplate, "the template does not parse", vi: "Mẫu văn bản không đọc được.")
        }
    }

    static func vietnamese(_ parserError: String) -> String {
        switch parserError {
        case "sectionCloseNameIncorrect": "thẻ đóng {{/…}} không khớp thẻ mở"
        case "unfinishedName": "thẻ {{…}} chưa đóng"
        case "expectedSectionEnd": "thiếu thẻ đóng {{/…}}"
        default: parserError
        }
    }

    /// Checks a replacement before it is stored: UTF-8 mustache for HTML; for a .docx, a Word
    /// package whose templated parts parse.
    static func validate(_ kind: TemplateKind, _ format: TemplateFormat, _ body: Data) throws(AwardError) {
        guard accepts(kind, format) else { throw unsupported(kind, format) }
        switch format {
        case .html:
            guard let text = String(data: body, encoding: .utf8) else {
                throw AwardError(.invalidInput, code: .badTemplate, "an HTML template is UTF-8 text", vi: "Mẫu HTML phải là văn bản UTF-8.")
            }
            try TemplateReferences.check(text, part: "HTML")
            _ = try parse(text)
        case .docx:
            for (path, bytes) in try WordPackage.parts(of: body) {
                guard path.hasSuffix(".xml") || path.hasSuffix(".rels") else { continue }
                let text = String(decoding: bytes, as: UTF8.self)
                try TemplateReferences.check(text, part: path)
                if WordPackage.isTemplated(path) { _ = try parse(text, part: path) }
            }
        }
    }

    /// The print view of a paper, with the org's templates where it has them.
    static func html(_ kind: TemplateKind, _ model: [String: Any], stored: [TemplateKind: [TemplateFormat: Data]]) throws(AwardError) -> String {
        var library = fixedLibrary
        let list = stored[.list]?[.html].map { String(decoding: $0, as: UTF8.self) } ?? defaultHTML[.list]!
        library.register(try parse(list), named: "list")
        let main = stored[kind]?[.html].map { String(decoding: $0, as: UTF8.self) } ?? defaultHTML[kind]!
        return try parse(main).render(model, library: library).precomposedStringWithCanonicalMapping
    }

    /// The Word file of a paper, from the org's .docx template where it has one.
    static func docx(_ kind: TemplateKind, _ model: [String: Any], stored: [TemplateKind: [TemplateFormat: Data]]) throws(AwardError) -> Data {
        guard accepts(kind, .docx) else { throw unsupported(kind, .docx) }
        let template: Data
        if let own = stored[kind]?[.docx] { template = own } else { template = try defaultBody(kind, .docx) }
        var parts: [(String, Data)] = []
        for (path, bytes) in try WordPackage.parts(of: template) {
            if WordPackage.isTemplated(path) {
                let rendered = try parse(String(decoding: bytes, as: UTF8.self), part: path).render(model)
                parts.append((path, Data(rendered.precomposedStringWithCanonicalMapping.utf8)))
            } else {
                parts.append((path, bytes))
            }
        }
        return try WordPackage.zip(parts)
    }
}
