import AwardDocuments
import AwardEngine
import AwardHTTP
import Foundation
import Hummingbird

/// The papers on the web: a decision's Word, PDF and print view, its certificates, a proposal
/// letter, the certificate layout form and the statistics forms. Each is one engine call.
extension WebRoutes {
    func registerPapers(on web: WebRouter) {
        let papers = Papers(engine: engine)
        web.get("decisions/{id}/document", .permission(.readDecision)) { request, context in
            let format = try PaperFormat(parsing: request.queryFields["format"])
            return APIRoutes.paper(try await papers.decision(try Self.id(context), format: format, viewer: try context.principal))
        }
        web.get("decisions/{id}/certificates", .permission(.readDecision)) { request, context in
            let query = request.queryFields
            let format = try PaperFormat(parsing: query["format"])
            let nomination = query["nomination"].flatMap { Int64($0) }
            return APIRoutes.paper(try await papers.certificates(decision: try Self.id(context), nomination: nomination,
                                                                 background: query["background"] == "1", format: format,
                                                                 viewer: try context.principal))
        }
        web.get("proposals", .permission(.readProposal)) { request, context in
            let query = request.queryFields
            let format = try PaperFormat(parsing: query["format"])
            let ids = (query["ids"] ?? "").split(separator: ",").compactMap { Int64($0) }
            return APIRoutes.paper(try await papers.proposal(ids, format: format, viewer: try context.principal))
        }
        web.get("decisions", .permission(.readDecision)) { request, context in try await decisionsPage(request, context) }
        web.get("import-template", .signedIn) { request, context in
            guard let type = request.queryFields["type"].flatMap({ NomineeType(rawValue: String($0)) }) else {
                throw AwardError(.invalidInput, code: .badNomineeType, "type must be individual, collective or household",
                                 vi: "Chọn mẫu cho individual (cá nhân), collective (tập thể) hoặc household (hộ gia đình).")
            }
            // The kinds in force and the units the officer may nominate for, as its drop-downs.
            let principal = try context.principal
            let template = ImportSheet.template(for: type, kinds: try await engine.kinds(),
                                                units: try await engine.orgs(for: principal, may: .createNomination))
            return APIRoutes.download(try ImportSheet.xlsx(template), type: APIRoutes.xlsxType, name: "mau-nhap-\(type.rawValue).xlsx")
        }
        web.get("certificates/layout", .signedIn) { request, context in
            try await layoutPage(context, flash: request.queryFields["saved"] == "1" ? "Đã lưu bố cục in phôi." : nil)
        }
        web.post("certificates/layout", .permission(.editCertificateLayout)) { request, context in try await saveLayout(request, context) }
        web.get("reports/forms", .permission(.readReports)) { request, context in try await formPage(request, context, papers: papers) }
    }

    // MARK: The year's decisions

    struct DecisionsModel: Sendable {
        struct Row: Sendable {
            var id: Int64; var number: String; var date: String; var purposeName: String; var kindName: String; var issuerName: String
            var recipients: Int
        }
        var year: Int
        /// The years that have decisions, as links.
        var years: [Option]
        var canDecide: Bool
        var rows: [Row]
    }

    func decisionsPage(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let principal = try context.principal
        let labels = try await labels()
        // Without a year asked for, the list opens on this year, or on the latest year that has
        // decisions when this one has none yet (a decision dated last year is not hidden).
        let years = try await engine.decisionYears(viewer: principal)
        let year = request.queryFields["year"].flatMap { Int($0) }
            ?? (years.contains(labels.today.year) ? labels.today.year : years.first { $0 < labels.today.year } ?? labels.today.year)
        let items = try await engine.decisions(year: year, viewer: principal)
        let model = DecisionsModel(
            year: year, years: years.map { Option(code: String($0), name: String($0), selected: $0 == year) },
            canDecide: engine.capabilities(of: principal).mayDecide,
            rows: items.map {
                .init(id: $0.id, number: $0.number, date: $0.date.vietnamese, purposeName: $0.purpose == "award" ? "Khen thưởng" : "Hủy bỏ khen thưởng",
                      kindName: labels.kind($0.kind), issuerName: labels.org($0.issuer), recipients: $0.recipients)
            })
        return pages.page(.decisions, model, title: "Quyết định năm \(year)", context: context, nav: "decide")
    }

    // MARK: Statistics forms

    struct FormModel: Sendable {
        struct Row: Sendable { var code: String; var label: String; var unit: String; var cells: [String]; var heading: Bool; var indent: Int }
        var code: String
        var period: Int
        var forms: [Option]
        var heading: [String]
        var columns: [String]
        var groups: [String]
        var hasUnitColumn: Bool
        var rows: [Row]
        var notes: [String]
        var signature: [[String]]
        var xlsxLink: String
        var csvLink: String
        var error: String?
        var org: String? = nil
        var including = false
    }

    func formPage(_ request: Request, _ context: WebRequestContext, papers: Papers) async throws -> Response {
        let principal = try context.principal
        let query = request.queryFields
        let labels = try await labels()
        // The reporting year ends on 30 November: in December the next year's period has begun.
        let current = labels.today.month == 12 ? labels.today.year + 1 : labels.today.year
        let period = query["period"].flatMap { Int($0) } ?? current - 1
        let circular = try StatisticsForm.circular(for: period)
        // A form of another circular: the same place in the one in force (0602 ↔ 0702).
        var code = query["code"] ?? "0602"
        if !circular.forms.contains(where: { $0.code == code }) {
            code = circular.forms.first { $0.code.suffix(2) == code.suffix(2) }?.code ?? circular.forms[0].code
        }
        let org = query["org"].flatMap { $0.isEmpty ? nil : $0 }
        let including = query["predecessors"] == "1"
        let filled = try await papers.form(code, period: period, org: org, includingPredecessors: including, viewer: principal)
        let format = query["format"]
        if format == "xlsx" { return APIRoutes.download(try filled.xlsx(), type: APIRoutes.xlsxType, name: "bieu-\(code)-\(period).xlsx") }
        if format == "csv" { return APIRoutes.download(Data(filled.csv.utf8), type: "text/csv; charset=utf-8", name: "bieu-\(code)-\(period).csv") }
        let base = "/reports/forms?code=\(code)&period=\(period)" + (org.map { "&org=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" } ?? "")
            + (including ? "&predecessors=1" : "")
        let options = circular.forms.map { form in
            Option(code: form.code, name: "Biểu \(form.code): " + form.title.capitalizedSentence, selected: form.code == code)
        }
        let rows = filled.rows.map { row in
            FormModel.Row(code: row.code ?? "", label: row.label, unit: row.unit ?? "", cells: (row.cells ?? []).map(String.init),
                          heading: row.cells == nil, indent: max(0, row.level - 1))
        }
        let model = FormModel(
            code: code, period: period, forms: options, heading: filled.heading,
            columns: filled.columns.map { "\($0.label) (\($0.code))" }, groups: filled.columns.map { $0.group ?? "" },
            hasUnitColumn: filled.hasUnitColumn, rows: rows, notes: filled.notes, signature: filled.signatureLines,
            xlsxLink: base + "&format=xlsx", csvLink: base + "&format=csv", error: nil, org: org, including: filled.includingPredecessors)
        return pages.page(.forms, model, title: "Biểu thống kê \(code)", context: context, nav: "reports")
    }
}

extension String {
    /// "SỐ LƯỢNG KHEN THƯỞNG" → "Số lượng khen thưởng".
    var capitalizedSentence: String {
        let lower = lowercased(with: Locale(identifier: "vi_VN"))
        return lower.prefix(1).uppercased() + lower.dropFirst()
    }
}
