import AwardEngine
import AwardHTTP
import Foundation
import HTTPTypes
import Hummingbird

/// The certificate layout form: where each field prints on the blank certificate. A number that
/// is not one is refused beside its own input and in the summary, every other input keeps what was
/// typed, and nothing is saved until every number reads.
extension WebRoutes {
    struct LayoutModel: Sendable {
        struct Input: Sendable { var id: String; var label: String; var value: String; var error: String? }
        struct Field: Sendable { var name: String; var label: String; var x: Input; var y: Input; var width: Input; var size: Input }
        var orgName: String
        var csrf: String
        var a4: Bool
        var landscape: Bool
        var offsetX: Input
        var offsetY: Input
        var fields: [Field]
        var summary: ErrorSummary?
        var canEdit: Bool
    }

    static let fieldLabels = [
        "name": "Họ tên / tên tập thể", "unit": "Đơn vị (cá nhân)", "achievement": "Thành tích", "decision": "Số quyết định",
        "register": "Số vào sổ", "date": "Địa danh, ngày tháng", "signer_title": "Chức danh người ký", "signer": "Họ tên người ký",
    ]

    /// What a refused sending brings back: the typed text of every input, and each refused input's message.
    struct LayoutRefusal: Sendable {
        var typed: [String: String]
        var problems: [(id: String, message: String)]
        var general: String?
    }

    func layoutPage(_ context: WebRequestContext, flash: String?, refused: LayoutRefusal? = nil) async throws -> Response {
        let session = try context.signedIn
        let layout = try await engine.certificateLayout(org: session.principal.orgCode)
        let labels = try await labels()
        func text(_ value: Double) -> String {
            guard value.isFinite, abs(value) < 1e9 else { return "" }
            return value == value.rounded() ? String(Int(value)) : String(value)
        }
        let errors = Dictionary((refused?.problems ?? []).map { ($0.id, $0.message) }, uniquingKeysWith: { first, _ in first })
        func input(_ id: String, _ label: String, _ value: Double) -> LayoutModel.Input {
            .init(id: id, label: label, value: refused?.typed[id] ?? text(value), error: errors[id])
        }
        let paper = refused?.typed["paper"] ?? layout.paper, orientation = refused?.typed["orientation"] ?? layout.orientation
        let model = LayoutModel(
            orgName: labels.org(session.principal.orgCode), csrf: session.csrf, a4: paper == "A4", landscape: orientation == "landscape",
            offsetX: input("offset_x", "Độ lệch ngang (mm)", layout.offsetX), offsetY: input("offset_y", "Độ lệch dọc (mm)", layout.offsetY),
            fields: CertificateLayout.fieldNames.compactMap { name in
                let label = Self.fieldLabels[name] ?? name
                return layout.fields[name].map {
                    .init(name: name, label: label, x: input("\(name)_x", "\(label), x", $0.x), y: input("\(name)_y", "\(label), y", $0.y),
                          width: input("\(name)_width", "\(label), rộng", $0.width), size: input("\(name)_size", "\(label), cỡ chữ", $0.fontSize))
                }
            },
            summary: refused.map { refused in
                ErrorSummary(title: "Chưa lưu được bố cục", message: refused.general,
                             items: refused.problems.map { .init(id: $0.id, message: $0.message) })
            },
            canEdit: engine.capabilities(of: session.principal).mayEditCertificateLayout)
        return pages.page(.certificateLayout, model, title: "Bố cục in phôi", context: context, nav: "decide", flash: flash,
                          status: refused == nil ? .ok : .badRequest)
    }

    func saveLayout(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let session = try context.signedIn
        let form = context.form
        var layout = try await engine.certificateLayout(org: session.principal.orgCode)
        layout.paper = form["paper"] ?? layout.paper
        layout.orientation = form["orientation"] ?? layout.orientation
        var problems: [(id: String, message: String)] = []
        func number(_ name: String, _ label: String) -> Double? {
            guard let text = form[name] else { return nil }
            // Millimetres on a page: a finite number, and not an absurd one (no NaN, no infinity).
            guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite, abs(value) <= 10_000 else {
                problems.append((name, "«\(label)»: «\(text.prefix(30))» không phải là số (mm), ví dụ 12,5."))
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
        if !problems.isEmpty {
            return try await layoutPage(context, flash: nil, refused: LayoutRefusal(typed: form.fields, problems: problems, general: nil))
        }
        let refusal: AwardError?
        do {
            _ = try await engine.setCertificateLayout(org: session.principal.orgCode, layout, by: session.principal)
            refusal = nil
        } catch {
            refusal = error
        }
        if let refusal {
            guard refusal.category == .invalidInput else { throw refusal }
            return try await layoutPage(context, flash: nil, refused: LayoutRefusal(typed: form.fields, problems: [], general: refusal.messageVI))
        }
        return WebMiddleware.redirect("/certificates/layout?saved=1")
    }
}
