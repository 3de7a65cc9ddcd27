import AwardEngine
import AwardHTTP
import Foundation
import HTTPTypes
import Hummingbird

/// The form that creates a nomination: a new nominee by name and type, or one already known
/// (chosen from the search). A refusal re-renders the form with the engine's reason and what was typed.
extension WebRoutes {
    /// What was typed in the form (kept when a sending is refused).
    struct NewTyped: Sendable {
        var kind = ""
        var unit = ""
        var nomineeName = ""
        var nomineeType = "individual"
        var year = ""
        var reason = ""
        var draft = false
        /// An existing nominee chosen from the search, and how the form names them.
        var nomineeId: String?
        var existingName: String?
    }

    struct NewModel: Sendable {
        var csrf: String
        var form: FormState
        var nomineeId: String?
        var existingName: String?
    }

    /// The engine's field names → this form's inputs.
    static let newInputs = [
        TextField.kind.rawValue: "kind", TextField.unit.rawValue: "unit", TextField.nominee.rawValue: "nominee_name",
        "nominee type": "nominee_type", Bound.year.field: "year", TextField.reason.rawValue: "reason",
    ]

    func newForm(_ context: WebRequestContext, _ typed: NewTyped, error: AwardError?) async throws -> Response {
        let session = try context.signedIn
        let principal = session.principal
        let labels = try await labels()
        let units = try await engine.orgs(for: principal, may: .createNomination).sorted { $0.name < $1.name }
        let unit = typed.unit.isEmpty ? principal.orgCode : typed.unit
        var fields = [
            FormField("kind", label: "Hình thức khen thưởng", kind: .select,
                      options: labels.kinds.sorted { $0.value < $1.value }.map { Option(code: $0.key, name: $0.value, selected: $0.key == typed.kind) },
                      required: true),
            FormField("unit", label: "Đơn vị đề nghị", kind: .select,
                      options: units.map { Option(code: $0.code, name: $0.name, selected: $0.code.lowercased() == unit.lowercased()) }, required: true),
            FormField("year", label: "Năm đạt thành tích", hint: "Ví dụ \(labels.today.year - 1).", value: typed.year, kind: .number,
                      min: "1945", max: "2200"),
            FormField("reason", label: "Tóm tắt thành tích", hint: "Vài dòng; báo cáo thành tích đầy đủ tải lên ở trang hồ sơ.",
                      value: typed.reason, kind: .textarea, maxLength: 4000),
            FormField("draft", label: "Lưu nháp, chưa trình", value: typed.draft ? "1" : "", kind: .checkbox),
        ]
        if typed.nomineeId == nil {
            fields += [
                FormField("nominee_name", label: "Họ tên hoặc tên tập thể được đề nghị",
                          hint: "Đã từng được đề nghị? Hãy tìm ở trang «Tìm đối tượng» rồi chọn «Đề nghị mới» để giữ quá trình khen thưởng của họ.",
                          value: typed.nomineeName, required: true, maxLength: 300),
                FormField("nominee_type", label: "Loại đối tượng", kind: .select,
                          options: NomineeType.allCases.map { Option(code: $0.rawValue, name: $0.vietnamese, selected: $0.rawValue == typed.nomineeType) }),
            ]
        }
        let model = NewModel(csrf: session.csrf, form: FormState(fields, error: error, inputs: Self.newInputs, title: "Chưa tạo được hồ sơ"),
                             nomineeId: typed.nomineeId, existingName: typed.existingName)
        return pages.page(.new, model, title: "Đề nghị khen thưởng mới", context: context, nav: "new",
                          status: error.map(\.httpStatus) ?? .ok)
    }

    func create(_ context: WebRequestContext) async throws -> Response {
        let principal = try context.principal
        let form = context.form
        let typed = NewTyped(kind: form.fields["kind"] ?? "", unit: form.fields["unit"] ?? "", nomineeName: form.fields["nominee_name"] ?? "",
                             nomineeType: form.fields["nominee_type"] ?? "individual", year: form.fields["year"] ?? "",
                             reason: form.fields["reason"] ?? "", draft: form["draft"] != nil, nomineeId: form["nominee_id"],
                             existingName: form["existing_name"])
        do {
            guard let type = NomineeType(rawValue: typed.nomineeType) else {
                throw AwardError(.invalidInput, code: .badNomineeType, "bad nominee type",
                                 vi: "Loại đối tượng phải là một trong: \(NomineeType.allCases.map(\.vietnamese).joined(separator: ", ")).")
            }
            let yearText = typed.year.trimmingCharacters(in: .whitespaces)
            let year = yearText.isEmpty ? nil : Int(try Bound.year.parse(yearText))
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
            return WebMiddleware.redirect("/nominations/\(created.id)", flash: typed.draft ? .draftSaved : .created)
        } catch let error as AwardError where ![.unauthenticated, .internal, .unavailable].contains(error.category) {
            return try await newForm(context, typed, error: error)
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
