import AwardEngine
import Foundation
import Hummingbird

/// An org's delegations: who may approve or sign for whom, for which dates and kinds; the form a
/// leader delegates with, and the revocation of one still running.
extension WebRoutes {
    func registerDelegations(on web: WebRouter) {
        web.get("orgs/{code}/delegations", .permission(.readDelegations)) { _, context in try await delegationsPage(context, code: context.parameters.get("code") ?? "", refused: nil) }
        web.post("orgs/{code}/delegations", .permission(.delegateAuthority)) { _, context in try await addDelegation(context) }
        web.post("delegations/{id}/revoke", .permission(.delegateAuthority)) { _, context in try await revokeDelegation(context) }
    }

    struct DelegationsModel: Sendable {
        struct Row: Sendable {
            var id: Int64; var delegator: String; var delegate: String; var prefix: String; var acts: String; var kinds: String
            var dates: String; var basis: String?; var status: String; var running: Bool; var revocable: Bool; var revoked: String?
        }
        var org: String
        var orgName: String
        var rows: [Row]
        var mayDelegate: Bool
        var csrf: String
        var form: FormState
        var acts: [Option]
        var kinds: [Option]
    }

    /// The engine's field names → the form's inputs (`acts` and `kinds` are groups of boxes).
    static let delegationInputs = ["delegate": "delegate", "delegator": "delegate", "signer prefix": "prefix", "prefix": "prefix", "acts": "acts",
                                   "kind": "kinds", "kinds": "kinds", "from": "from", "to": "to", TextField.legalBasis.rawValue: "basis"]

    func delegationsPage(_ context: WebRequestContext, code: String, refused: AwardError?,
                         refusalTitle: String = "Chưa ghi được ủy quyền") async throws -> Response {
        let session = try context.signedIn
        let screen = try await engine.delegationScreen(org: code, viewer: session.principal)
        let labels = try await labels()
        let typed = refused == nil ? nil : context.form
        func person(_ name: String?, _ title: String?, _ login: String) -> String { (name ?? login) + (title.map { ", \($0)" } ?? "") }
        let rows = screen.delegations.map { d in
            DelegationsModel.Row(
                id: d.id, delegator: person(d.delegatorName, d.delegatorTitle, d.delegator), delegate: person(d.delegateName, d.delegateTitle, d.delegate),
                prefix: d.prefix.rawValue, acts: d.acts.map(\.vietnamese).joined(separator: "; "),
                kinds: d.kinds.isEmpty ? "Mọi hình thức" : d.kinds.map(labels.kind).joined(separator: "; "),
                dates: "\(d.from.vietnamese) – \(d.to.vietnamese)", basis: d.basis,
                status: d.revokedAt != nil ? "Đã thu hồi" : d.running(on: screen.today) ? "Đang hiệu lực" : d.to < screen.today ? "Đã hết hạn" : "Chưa đến ngày",
                running: d.running(on: screen.today), revocable: screen.mayDelegate && d.revokedAt == nil && d.to >= screen.today,
                revoked: d.revokedAt.map { "\($0), \(d.revokedBy ?? ""): \(d.revokeReason ?? "")" })
        }
        let candidates = [Option(code: "", name: "— Chọn người được ủy quyền —", selected: false)] + screen.candidates.map {
            Option(code: $0.user, name: person($0.displayName, $0.title, $0.user), selected: typed?["delegate"] == $0.user)
        }
        let prefixes = SignerPrefix.allCases.map { Option(code: $0.rawValue, name: $0.vietnamese, selected: (typed?["prefix"] ?? "KT.") == $0.rawValue) }
        let model = DelegationsModel(
            org: screen.org, orgName: screen.orgName, rows: rows, mayDelegate: screen.mayDelegate, csrf: session.csrf,
            form: FormState([
                FormField("delegate", label: "Người được ủy quyền", hint: "Người dùng của \(screen.orgName), thường là cấp phó.", value: typed?["delegate"] ?? "",
                          kind: .select, options: candidates, required: true),
                FormField("prefix", label: "Hình thức ký", hint: "In trên văn bản trước chức vụ của người đứng đầu (Nghị định 30/2020).",
                          value: typed?["prefix"] ?? "KT.", kind: .select, options: prefixes, required: true),
                FormField("from", label: "Từ ngày", value: typed?["from"] ?? screen.today.vietnamese, kind: .date, required: true),
                FormField("to", label: "Đến ngày", hint: "Không quá 366 ngày.", value: typed?["to"] ?? "", kind: .date, required: true),
                FormField("basis", label: "Căn cứ ủy quyền", hint: "Ví dụ: Giấy ủy quyền số 12/GUQ-UBND ngày 01/12/2026", value: typed?["basis"] ?? "",
                          maxLength: 500),
            ], error: refused, inputs: Self.delegationInputs, title: refusalTitle, groups: ["acts", "kinds"]),
            acts: DelegatedAct.allCases.map { act in Option(code: act.rawValue, name: act.vietnamese, selected: typed.map { $0["act_\(act.rawValue)"] != nil } ?? true) },
            kinds: try await engine.kinds().map { Option(code: $0.code, name: $0.nameVi, selected: typed?["kind_\($0.code)"] != nil) })
        return pages.page(.delegations, model, title: "Ủy quyền — \(screen.orgName)", context: context, nav: "unit",
                          status: refused == nil ? .ok : .badRequest)
    }

    func addDelegation(_ context: WebRequestContext) async throws -> Response {
        let principal = try context.principal
        let form = context.form
        let code = context.parameters.get("code") ?? ""
        // The org first: a request for an org the caller may not delegate for is refused before its fields are read.
        try await engine.authorize(principal, .delegateAuthority, org: code)
        do {
            let from = try Self.date(form["from"], field: "Từ ngày", name: "from")
            let to = try Self.date(form["to"], field: "Đến ngày", name: "to")
            guard let prefix = try SignerPrefix.parse(form["prefix"]) else {
                throw AwardError(.invalidInput, code: .badSignerPrefix, "choose a prefix", vi: "Chọn hình thức ký (KT., TM., TL., TUQ. hoặc Q.).", field: "prefix")
            }
            let kinds = try await engine.kinds().map(\.code).filter { form["kind_\($0)"] != nil }
            let request = DelegationRequest(org: code, delegate: form["delegate"] ?? "", prefix: prefix,
                                            acts: DelegatedAct.allCases.filter { form["act_\($0.rawValue)"] != nil }, kinds: kinds,
                                            from: from, to: to, basis: form["basis"])
            _ = try await engine.delegate(request, by: principal)
            return WebMiddleware.redirect("/orgs/\(code)/delegations")
        } catch {
            return try await delegationsPage(context, code: code, refused: try Self.shown(error))
        }
    }

    func revokeDelegation(_ context: WebRequestContext) async throws -> Response {
        let principal = try context.principal
        guard let id = context.parameters.get("id").flatMap({ Int64($0) }) else { throw AwardError(.notFound, code: .unknownDelegation, "no such delegation") }
        do {
            let revoked = try await engine.revokeDelegation(id, reason: context.form["reason"] ?? "", by: principal)
            return WebMiddleware.redirect("/orgs/\(revoked.org)/delegations")
        } catch {
            let refusal = try Self.shown(error)
            // The page of the delegation's org, with the refusal in its summary.
            let org = try await engine.delegationOrg(id, viewer: principal)
            return try await delegationsPage(context, code: org, refused: AwardError(refusal.category, code: refusal.code, refusal.message, vi: refusal.messageVI),
                                             refusalTitle: "Chưa thu hồi được ủy quyền số \(id)")
        }
    }

    /// A date typed dd/mm/yyyy, refused by the name of its input.
    static func date(_ text: String?, field: String, name: String) throws(AwardError) -> CivilDate {
        do { return try date(text, field: field) } catch { throw AwardError(error.category, code: error.code, error.message, vi: error.messageVI, field: name) }
    }
}
