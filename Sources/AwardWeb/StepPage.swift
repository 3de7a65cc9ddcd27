import AwardDomain
import AwardEngine
import AwardHTTP
import Foundation
import Hummingbird

/// The steps inside a tier on the web: the dossier's panel (where it is inside the org, who has it,
/// complete the step, send it back one step, give it to someone), the inbox's bulk assignment, and
/// "Việc của tôi" — what is assigned to the person signed in.
extension WebRoutes {
    /// The dossier page's panel of the tier's steps.
    struct StepPanel: Sendable {
        struct Item: Sendable { var name: String; var who: String?; var status: String; var statusName: String }
        var id: Int64
        var csrf: String
        /// The current step's code (sent back as `from`) and name; nil when the tier is one box.
        var from: String?
        var current: String?
        var items: [Item]
        var assignee: String?
        var mayMove: Bool
        var canComplete: Bool
        var canBack: Bool
        var nextName: String?
        var mayAssign: Bool
        var people: [Option]
    }

    static func stepPanel(_ screen: DossierScreen, csrf: String) -> StepPanel? {
        let view = screen.view
        guard view.state == .pending, view.step != nil || !screen.assignees.isEmpty || view.assignee != nil else { return nil }
        let index = screen.tierSteps.firstIndex { $0.code == view.step }
        let items = screen.tierSteps.enumerated().map { i, step in
            let status = index.map { i < $0 ? "done" : i == $0 ? "current" : "ahead" } ?? "ahead"
            return StepPanel.Item(name: step.nameVi, who: step.whoVi, status: status,
                                  statusName: status == "done" ? "đã xong" : status == "current" ? "đang xử lý" : "sắp tới")
        }
        let next = index.flatMap { $0 + 1 < screen.tierSteps.count ? screen.tierSteps[$0 + 1] : nil }
        return StepPanel(
            id: view.id, csrf: csrf, from: view.step, current: view.stepName, items: items,
            assignee: view.assigneeName, mayMove: screen.mayMoveStep && index != nil,
            canComplete: next != nil, canBack: (index ?? 0) > 0, nextName: next?.nameVi,
            mayAssign: !screen.assignees.isEmpty,
            people: screen.assignees.map { Option(code: $0.login, name: $0.display, selected: $0.login.lowercased() == view.assignee?.lowercased()) })
    }

    struct MyWorkModel: Sendable {
        var name: String
        var rows: [InboxRow]
    }

    func registerSteps(on web: WebRouter) {
        web.post("nominations/{id}/step", .permission(.workStep)) { _, context in
            let id = try Self.id(context)
            let form = context.form
            do {
                guard let move = form["move"].flatMap(StepMove.init(rawValue:)) else {
                    throw AwardError(.invalidInput, code: .unknownAction, "move is complete or back", vi: "Chọn «Hoàn thành bước» hoặc «Trả về bước trước».")
                }
                _ = try await engine.moveStep(id, move, from: form["from"], reason: move == .back ? form["reason"] : nil,
                                              comment: move == .complete ? form["comment"] : nil,
                                              assignTo: move == .complete ? form["assign_to"].flatMap { $0.isEmpty ? nil : $0 } : nil,
                                              by: try context.principal)
                return WebMiddleware.redirect("/nominations/\(id)", flash: move == .complete ? .stepDone : .stepBack)
            } catch let error as AwardError where ![.notFound, .unauthenticated, .internal, .unavailable].contains(error.category) {
                return try await dossier(context, id: id, error: error.messageVI, status: Self.status(of: error))
            }
        }
        web.post("nominations/{id}/assignment", .permission(.assignDossier)) { _, context in
            let id = try Self.id(context)
            do {
                _ = try await engine.assign(id, to: context.form["to"] ?? "", comment: context.form["comment"], by: try context.principal)
                return WebMiddleware.redirect("/nominations/\(id)", flash: .assigned)
            } catch let error as AwardError where ![.notFound, .unauthenticated, .internal, .unavailable].contains(error.category) {
                return try await dossier(context, id: id, error: error.messageVI, status: Self.status(of: error))
            }
        }
        web.post("inbox/assign", .permission(.assignDossier)) { _, context in
            let form = context.form
            let ids = form.fields.compactMap { key, value -> Int64? in key.hasPrefix("n") && Int64(key.dropFirst()) != nil ? Int64(value) : nil }.sorted()
            let results = try await engine.assignEach(ids, to: form["to"] ?? "", as: .principal(try context.principal))
            let done = results.filter(\.ok).count
            let model = BulkModel(
                heading: "Kết quả giao \(results.count) hồ sơ",
                summary: "Đã giao \(done) hồ sơ" + (done < results.count ? "; \(results.count - done) hồ sơ không giao được (lý do bên dưới)." : "."),
                rows: results.map { outcome in
                    .init(id: outcome.nomination, label: "Hồ sơ số \(outcome.nomination)",
                          value: outcome.ok ? "Đã giao" : "Không thực hiện: \(outcome.messageVI ?? "")", ok: outcome.ok)
                })
            return pages.page(.bulk, model, title: model.heading, context: context, nav: "inbox")
        }
        web.get("my-work", .permission(.readInbox)) { _, context in
            let principal = try context.principal
            let work = try await engine.myWork(of: principal)
            let labels = try await labels()
            let model = MyWorkModel(name: WebMiddleware.user(context)?.name ?? principal.name,
                                    rows: work.assigned.map { InboxRow($0, labels) })
            return pages.page(.myWork, model, title: "Việc của tôi", context: context, nav: "my-work")
        }
    }
}
