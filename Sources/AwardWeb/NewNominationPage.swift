import AwardEngine
import AwardHTTP
import Foundation
import HTTPTypes
import Hummingbird

/// The form that creates a nomination: a new nominee by name and type, or one already known
/// (chosen from the search). A refusal re-renders the form with the engine's reason and what was typed.
extension WebRoutes {
    struct NewModel: Sendable {
        var csrf = ""
        var kinds: [Option] = []
        var units: [Option] = []
        var types: [Option] = []
        var nomineeName = ""
        var year = ""
        var reason = ""
        var draft = false
        var error: String?
        var kind = ""
        var unit = ""
        var nomineeType = "individual"
        /// An existing nominee chosen from the search, and how the form names them.
        var nomineeId: String?
        var existingName: String?

        static func blank(year: Substring) -> NewModel { NewModel(year: String(year)) }
    }

    func newForm(_ context: WebRequestContext, _ typed: NewModel, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try context.signedIn
        let principal = session.principal
        let labels = try await labels()
        var model = typed
        model.csrf = session.csrf
        model.error = error
        model.kinds = labels.kinds.sorted { $0.value < $1.value }.map { Option(code: $0.key, name: $0.value, selected: $0.key == typed.kind) }
        let root = principal.orgCode
        let units = try await engine.orgs(for: principal, may: .createNomination).sorted { $0.name < $1.name }
        model.units = units.map { Option(code: $0.code, name: $0.name, selected: $0.code == (typed.unit.isEmpty ? root : typed.unit)) }
        model.types = NomineeType.allCases.map { Option(code: $0.rawValue, name: $0.vietnamese, selected: $0.rawValue == typed.nomineeType) }
        return pages.page(.new, model, title: "Đề nghị khen thưởng mới", user: WebMiddleware.user(context), nav: "new", status: status)
    }

    func create(_ context: WebRequestContext) async throws -> Response {
        let principal = try context.principal
        let form = context.form
        var typed = NewModel(nomineeName: form.fields["nominee_name"] ?? "", year: form.fields["year"] ?? "", reason: form.fields["reason"] ?? "",
                             draft: form["draft"] != nil, kind: form.fields["kind"] ?? "", unit: form.fields["unit"] ?? "",
                             nomineeType: form.fields["nominee_type"] ?? "individual")
        typed.nomineeId = form["nominee_id"]
        typed.existingName = form["existing_name"]
        do {
            guard let type = NomineeType(rawValue: typed.nomineeType) else {
                throw AwardError(.invalidInput, code: .badNomineeType, "bad nominee type")
            }
            var year: Int? = nil
            if !typed.year.trimmingCharacters(in: .whitespaces).isEmpty {
                guard let value = Int(typed.year.trimmingCharacters(in: .whitespaces)) else {
                    throw AwardError(.invalidInput, code: .badYear, "bad year", vi: "Năm đạt thành tích phải là một số, ví dụ 2025.")
                }
                year = value
            }
            let reason = typed.reason.isEmpty ? nil : typed.reason
            let request: NominationRequest
            if let known = typed.nomineeId {
                guard let id = Int64(known) else { throw AwardError(.invalidInput, code: .badId, "bad nominee id", vi: "Mã đối tượng không hợp lệ.") }
                request = NominationRequest(kind: typed.kind, unit: typed.unit, nomineeId: id, year: year, reason: reason, draft: typed.draft)
            } else {
                request = NominationRequest(kind: typed.kind, unit: typed.unit, nomineeName: typed.nomineeName, nomineeType: type, year: year,
                                            reason: reason, draft: typed.draft)
            }
            let created = try await engine.nominate(request, by: principal)
            return WebMiddleware.redirect("/nominations/\(created.id)")
        } catch let error as AwardError where ![.unauthenticated, .internal, .unavailable].contains(error.category) {
            return try await newForm(context, typed, error: error.messageVI, status: Self.status(of: error))
        }
    }
}

extension Labels {
    /// Whether `code` is `root` or below it in the tree.
    func isUnder(_ code: String, _ root: String) -> Bool {
        var current: String? = code
        var steps = 0
        while let here = current, steps < 64 {
            if here == root { return true }
            current = orgs[here]?.parent
            steps += 1
        }
        return false
    }
}
