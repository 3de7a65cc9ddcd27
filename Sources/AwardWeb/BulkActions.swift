import AwardDomain
import AwardEngine
import AwardHTTP
import Foundation
import Hummingbird

/// The inbox's bulk actions: the dossiers ticked in the inbox forwarded, returned (one reason) or
/// rejected in one go, each its own step; the answer lists each dossier's outcome.
extension WebRoutes {
    struct BulkModel: Sendable {
        struct Row: Sendable { var id: Int64; var label: String; var value: String; var ok: Bool }
        var heading: String
        var summary: String
        var rows: [Row]
    }

    func registerBulk(on web: WebRouter) {
        let policy = RoutePolicy.byParameter("action", Dictionary(uniqueKeysWithValues: AwardEngine.bulkActions.map { ($0.rawValue, Permission($0)) }))
        web.post("inbox/{action}", policy) { request, context in
            let principal = try context.principal
            guard let action = context.parameters.get("action").flatMap(Action.init(rawValue:)), AwardEngine.bulkActions.contains(action) else {
                throw AwardError(.notFound, code: .unknownAction, "unknown bulk action")
            }
            let form = context.form
            // The ticked rows: n12=12, n13=13 (as the deciding form's).
            let ids = form.fields.compactMap { key, value -> Int64? in
                key.hasPrefix("n") && Int64(key.dropFirst()) != nil ? Int64(value) : nil
            }.sorted()
            let results = try await engine.performEach(action, on: ids, as: .principal(principal), reason: form["reason"])
            let labels = try await labels()
            let done = results.filter(\.ok).count
            let verb = action == .approve ? "chuyển lên cấp trên" : action == .return ? "trả lại" : "không đề nghị"
            let model = BulkModel(
                heading: "Kết quả \(verb) \(results.count) hồ sơ",
                summary: "Đã \(verb) \(done) hồ sơ" + (done < results.count ? "; \(results.count - done) hồ sơ không thực hiện được (lý do bên dưới)." : "."),
                rows: results.map { outcome in
                    .init(id: outcome.nomination, label: "Hồ sơ số \(outcome.nomination)",
                          value: outcome.ok ? "\(outcome.state?.vietnamese ?? "") — nay ở \(outcome.org.map { labels.org($0) } ?? "")"
                                            : "Không thực hiện: \(outcome.messageVI ?? "")",
                          ok: outcome.ok)
                })
            return pages.page(.bulk, model, title: model.heading, context: context, nav: "inbox")
        }
    }
}
