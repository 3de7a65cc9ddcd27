import AwardEngine
import Foundation
import Hummingbird

/// A nominee's profile on its page: the facts the ministry's statistics count (date of birth, sex,
/// position class, CCCD; a collective's enterprise flag) and the form an officer of its unit records
/// them with. The CCCD is shown whole only where the policy allows, else its last three digits.
extension WebRoutes {
    struct ProfileModel: Sendable {
        struct Fact: Sendable { var label: String; var value: String }
        var facts: [Fact]
        var mayRecord: Bool
        var isPerson: Bool
        var isCollective: Bool
        var cccdMasked: Bool
        var recorded: String?
        var form: FormState
    }

    static let profileInputs = ["birth_date": "birth_date", "sex": "sex", "position_class": "position_class", "cccd": "cccd",
                                "enterprise": "enterprise", "type": "birth_date"]

    func profileModel(_ p: NomineeProfile, typed: WebForm?, refused: AwardError?) -> ProfileModel {
        let dash = "—"
        var facts: [ProfileModel.Fact] = []
        if p.type == .individual {
            facts = [.init(label: "Ngày sinh", value: p.birthDate?.vietnamese ?? dash), .init(label: "Giới tính", value: p.sex?.vietnamese ?? dash),
                     .init(label: "Chức vụ (theo biểu thống kê)", value: p.positionClassText ?? dash),
                     .init(label: "Số CCCD", value: p.cccd ?? dash)]
        } else if p.type == .collective {
            facts = [.init(label: "Là doanh nghiệp", value: p.enterprise.map { $0 ? "Có" : "Không" } ?? dash)]
        }
        func pick<T: RawRepresentable>(_ name: String, _ current: T?) -> String where T.RawValue == String { typed?[name] ?? current?.rawValue ?? "" }
        let sexValue = pick("sex", p.sex), classValue = pick("position_class", p.positionClass)
        let enterpriseValue = typed?["enterprise"] ?? p.enterprise.map { $0 ? "yes" : "no" } ?? ""
        let none = Option(code: "", name: "— Chưa ghi —", selected: false)
        let form = FormState([
            FormField("birth_date", label: "Ngày sinh", value: typed?["birth_date"] ?? p.birthDate?.vietnamese ?? "", kind: .date),
            FormField("sex", label: "Giới tính", value: sexValue, kind: .select,
                      options: [none] + Sex.allCases.map { Option(code: $0.rawValue, name: $0.vietnamese, selected: $0.rawValue == sexValue) }),
            FormField("position_class", label: "Chức vụ", hint: "Theo các dòng «Cá nhân» của biểu 0602, 0603 (Thông tư 02/2023/TT-BNV).",
                      value: classValue, kind: .select,
                      options: [none] + PositionClass.allCases.map { Option(code: $0.rawValue, name: $0.vietnamese, selected: $0.rawValue == classValue) }),
            FormField("cccd", label: "Số CCCD mới", hint: "12 chữ số. Để trống để giữ số đã ghi. Số được mã hóa khi lưu; nơi khác chỉ thấy 3 số cuối.",
                      value: "", maxLength: 20),
            FormField("remove_cccd", label: "Xóa số CCCD đã ghi", value: "", kind: .checkbox),
            FormField("enterprise", label: "Là doanh nghiệp", hint: "Biểu thống kê đếm riêng tập thể là doanh nghiệp.", value: enterpriseValue, kind: .select,
                      options: [none, Option(code: "yes", name: "Có", selected: enterpriseValue == "yes"),
                                Option(code: "no", name: "Không", selected: enterpriseValue == "no")]),
        ], error: refused, inputs: Self.profileInputs, title: "Chưa ghi được thông tin đối tượng")
        let recorder = p.recordedByName ?? p.recordedBy
        let recorded = p.recordedAt.map { "Ghi lần cuối: \(CSV.vietnameseDateTime($0))\(recorder.map { ", \($0)" } ?? "")" }
        return ProfileModel(facts: facts, mayRecord: p.mayRecord && p.type != .household, isPerson: p.type == .individual, isCollective: p.type == .collective,
                            cccdMasked: p.cccdMasked && p.cccd != nil, recorded: recorded, form: form)
    }

    func registerProfiles(on web: WebRouter) {
        web.post("nominees/{id}/profile", .permission(.recordNomineeFacts)) { _, context in
            guard let id = context.parameters.get("id").flatMap(Int64.init), id > 0 else {
                throw AwardError(.notFound, code: .unknownNominee, "no such nominee", vi: ErrorCode.unknownNominee.vietnamese)
            }
            let form = context.form
            do {
                func optional(_ name: String) -> String? { form[name].flatMap { $0.isEmpty ? nil : $0 } }
                let input = ProfileInput(
                    birthDate: try optional("birth_date").map { text throws(AwardError) in try Self.date(text, field: "Ngày sinh", name: "birth_date") },
                    sex: try optional("sex").map { text throws(AwardError) in try Self.vocabulary(text, Sex.self, field: "Giới tính", name: "sex") },
                    positionClass: try optional("position_class").map { text throws(AwardError) in try Self.vocabulary(text, PositionClass.self, field: "Chức vụ", name: "position_class") },
                    enterprise: optional("enterprise").map { $0 == "yes" }, cccd: optional("cccd"),
                    removeCccd: form["remove_cccd"] != nil ? true : nil)
                _ = try await engine.setProfile(of: id, input, by: try context.principal)
                return WebMiddleware.redirect("/nominees/\(id)", flash: .saved)
            } catch {
                return try await nomineePage(context, refused: try Self.shown(error))
            }
        }
    }
}
