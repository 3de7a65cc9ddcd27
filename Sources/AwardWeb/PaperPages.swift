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
            try await layoutPage(context, error: nil, flash: request.queryFields["saved"] == "1" ? "Đã lưu bố cục in phôi." : nil)
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

    // MARK: The certificate layout

    struct LayoutModel: Sendable {
        struct Field: Sendable { var name: String; var label: String; var x: String; var y: String; var width: String; var size: String }
        var orgName: String
        var csrf: String
        var a4: Bool
        var landscape: Bool
        var offsetX: String
        var offsetY: String
        var fields: [Field]
        var error: String?
        var canEdit: Bool
    }

    static let fieldLabels = [
        "name": "Họ tên / tên tập thể", "unit": "Đơn vị (cá nhân)", "achievement": "Thành tích", "decision": "Số quyết định",
        "register": "Số vào sổ", "date": "Địa danh, ngày tháng", "signer_title": "Chức danh người ký", "signer": "Họ tên người ký",
    ]

    func layoutPage(_ context: WebRequestContext, error: String?, flash: String?, shown: CertificateLayout? = nil) async throws -> Response {
        let session = try context.signedIn
        let layout: CertificateLayout
        if let shown { layout = shown } else { layout = try await engine.certificateLayout(org: session.principal.orgCode) }
        let labels = try await labels()
        func text(_ value: Double) -> String {
            guard value.isFinite, abs(value) < 1e9 else { return "" }
            return value == value.rounded() ? String(Int(value)) : String(value)
        }
        let model = LayoutModel(
            orgName: labels.org(session.principal.orgCode), csrf: session.csrf, a4: layout.paper == "A4", landscape: layout.orientation == "landscape",
            offsetX: text(layout.offsetX), offsetY: text(layout.offsetY),
            fields: CertificateLayout.fieldNames.compactMap { name in
                layout.fields[name].map { .init(name: name, label: Self.fieldLabels[name] ?? name, x: text($0.x), y: text($0.y), width: text($0.width),
                                                size: text($0.fontSize)) }
            },
            error: error, canEdit: engine.capabilities(of: session.principal).mayEditCertificateLayout)
        return pages.page(.certificateLayout, model, title: "Bố cục in phôi", context: context, nav: "decide", flash: flash,
                          status: error == nil ? .ok : .badRequest)
    }

    func saveLayout(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let session = try context.signedIn
        let form = context.form
        var layout = try await engine.certificateLayout(org: session.principal.orgCode)
        layout.paper = form["paper"] ?? layout.paper
        layout.orientation = form["orientation"] ?? layout.orientation
        var problems: [String] = []
        func number(_ name: String, _ label: String) -> Double? {
            guard let text = form[name] else { return nil }
            // Millimetres on a page: a finite number, and not an absurd one (no NaN, no infinity).
            guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite, abs(value) <= 10_000 else {
                problems.append("\(label): \"\(text.prefix(30))\" không phải là số (mm).")
                return nil
            }
            return value
        }
        layout.offsetX = number("offset_x", "Độ lệch ngang") ?? layout.offsetX
        layout.offsetY = number("offset_y", "Độ lệch dọc") ?? layout.offsetY
        for name in CertificateLayout.fieldNames {
            guard var field = layout.fields[name] else { continue }
            let label = Self.fieldLabels[name] ?? name
            field.x = number("\(name)_x", "\(label), x") ?? field.x
            field.y = number("\(name)_y", "\(label), y") ?? field.y
            field.width = number("\(name)_width", "\(label), rộng") ?? field.width
            field.fontSize = number("\(name)_size", "\(label), cỡ chữ") ?? field.fontSize
            layout.fields[name] = field
        }
        if !problems.isEmpty { return try await layoutPage(context, error: problems.joined(separator: " "), flash: nil, shown: layout) }
        let refusal: AwardError?
        do {
            _ = try await engine.setCertificateLayout(org: session.principal.orgCode, layout, by: session.principal)
            refusal = nil
        } catch {
            refusal = error
        }
        if let refusal {
            guard refusal.category == .invalidInput else { throw refusal }
            return try await layoutPage(context, error: refusal.messageVI, flash: nil, shown: layout)
        }
        return WebMiddleware.redirect("/certificates/layout?saved=1")
    }

    // MARK: Statistics forms

    struct FormModel: Sendable {
        struct Row: Sendable { var index: String; var name: String; var cells: [String] }
        var code: String
        var period: Int
        var forms: [Option]
        var heading: [String]
        var columns: [String]
        var rows: [Row]
        var xlsxLink: String
        var csvLink: String
        var error: String?
    }

    func formPage(_ request: Request, _ context: WebRequestContext, papers: Papers) async throws -> Response {
        let principal = try context.principal
        let query = request.queryFields
        let labels = try await labels()
        let code = query["code"] ?? "0602"
        // The reporting year ends on 30 November: in December the next year's period has begun.
        let current = labels.today.month == 12 ? labels.today.year + 1 : labels.today.year
        let period = query["period"].flatMap { Int($0) } ?? current - 1
        let org = query["org"].flatMap { $0.isEmpty ? nil : $0 }
        let filled = try await papers.form(code, period: period, org: org, viewer: principal)
        let format = query["format"]
        if format == "xlsx" { return APIRoutes.download(try filled.xlsx(), type: APIRoutes.xlsxType, name: "bieu-\(code)-\(period).xlsx") }
        if format == "csv" { return APIRoutes.download(Data(filled.csv.utf8), type: "text/csv; charset=utf-8", name: "bieu-\(code)-\(period).csv") }
        let base = "/reports/forms?code=\(code)&period=\(period)" + (org.map { "&org=\($0)" } ?? "")
        let model = FormModel(
            code: code, period: period,
            forms: StatisticsForm.all.map { Option(code: $0.code, name: "Biểu \($0.code): \($0.title.capitalizedSentence)", selected: $0.code == code) },
            heading: filled.heading, columns: filled.columns.map { ($0.group.map { "\($0): " } ?? "") + $0.title },
            rows: [FormModel.Row(index: "", name: "Tổng số", cells: filled.total.map(String.init))]
                + filled.rows.enumerated().map { .init(index: String($0 + 1), name: $1.name, cells: $1.cells.map(String.init)) },
            xlsxLink: base + "&format=xlsx", csvLink: base + "&format=csv", error: nil)
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
