import AwardEngine
import Foundation
import Hummingbird

/// The staff register of forms 0604 and 0605 (`/orgs/{code}/staff`): the bodies doing emulation
/// and commendation work in a ministry or province, their civil servants, and the forms that keep it.
extension WebRoutes {
    func registerStaff(on web: WebRouter) {
        web.get("orgs/{code}/staff", .permission(.readReports)) { _, context in
            try await staffPage(context, code: context.parameters.get("code") ?? "", refused: nil)
        }
        web.post("orgs/{code}/staff/bodies", .permission(.manageStaffRegister)) { _, context in
            let code = context.parameters.get("code") ?? ""
            let form = context.form
            do {
                _ = try await engine.addEmulationBody(
                    org: code, name: form["name"] ?? "",
                    structure: try Self.vocabulary(form["structure"] ?? "", BodyStructure.self, field: "Cấp tổ chức", name: "structure"),
                    established: try Self.date(form["established"], field: "Ngày thành lập", name: "established"), by: try context.principal)
                return WebMiddleware.redirect("/orgs/\(code)/staff", flash: .saved)
            } catch {
                return try await staffPage(context, code: code, refused: try Self.shown(error))
            }
        }
        web.post("orgs/{code}/staff/people", .permission(.manageStaffRegister)) { _, context in
            let code = context.parameters.get("code") ?? ""
            let form = context.form
            do {
                guard let body = form["body"].flatMap({ Int64($0) }) else {
                    throw AwardError(.invalidInput, code: .unknownBody, "choose the body", vi: "Chọn tổ chức của công chức.", field: "body")
                }
                let input = StaffInput(
                    body: body, fullName: form["full_name"] ?? "", sex: try Self.vocabulary(form["sex"] ?? "", Sex.self, field: "Giới tính", name: "sex"),
                    birthDate: try Self.date(form["birth_date"], field: "Ngày sinh", name: "birth_date"),
                    education: try Self.vocabulary(form["education"] ?? "", Education.self, field: "Trình độ đào tạo", name: "education"),
                    inWorkSince: try Self.date(form["in_work_since"], field: "Bắt đầu làm công tác thi đua, khen thưởng", name: "in_work_since"),
                    joinedOn: try form["joined_on"].flatMap { $0.isEmpty ? nil : $0 }.map { text throws(AwardError) in try Self.date(text, field: "Ngày về tổ chức", name: "joined_on") })
                _ = try await engine.addStaff(input, by: try context.principal)
                return WebMiddleware.redirect("/orgs/\(code)/staff", flash: .saved)
            } catch {
                return try await staffPage(context, code: code, refused: try Self.shown(error))
            }
        }
    }

    struct StaffModel: Sendable {
        struct Person: Sendable { var id: Int64; var name: String; var sex: String; var born: String; var education: String; var since: String; var left: String? }
        struct Body: Sendable { var id: Int64; var name: String; var structure: String; var dates: String; var people: [Person] }
        var org: String
        var orgName: String
        var bodies: [Body]
        var mayManage: Bool
        var csrf: String
        var form: FormState
    }

    static let staffInputs = ["name": "name", "structure": "structure", "established": "established", "body": "body", "full_name": "full_name",
                              "sex": "sex", "birth_date": "birth_date", "education": "education", "in_work_since": "in_work_since", "joined_on": "joined_on"]

    func staffPage(_ context: WebRequestContext, code: String, refused: AwardError?) async throws -> Response {
        let session = try context.signedIn
        let screen = try await engine.staffScreen(org: code, viewer: session.principal)
        let typed = refused == nil ? nil : context.form
        func choices<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ name: String, _ label: (T) -> String) -> [Option] where T.RawValue == String {
            [Option(code: "", name: "— Chọn —", selected: false)] + T.allCases.map { Option(code: $0.rawValue, name: label($0), selected: typed?[name] == $0.rawValue) }
        }
        let bodies = screen.bodies.map { b in
            StaffModel.Body(id: b.id, name: b.name, structure: b.structure.vietnamese,
                            dates: "Thành lập \(b.establishedOn.vietnamese)" + (b.dissolvedOn.map { " · thôi hoạt động \($0.vietnamese)" } ?? ""),
                            people: b.staff.map { m in
                                StaffModel.Person(id: m.id, name: m.fullName, sex: m.sex.vietnamese, born: m.birthDate.vietnamese, education: m.education.vietnamese,
                                                  since: m.inWorkSince.vietnamese, left: m.leftOn?.vietnamese)
                            })
        }
        let bodyOptions = [Option(code: "", name: "— Chọn tổ chức —", selected: false)]
            + screen.bodies.filter { $0.dissolvedOn == nil }.map { Option(code: String($0.id), name: $0.name, selected: typed?["body"] == String($0.id)) }
        let model = StaffModel(
            org: screen.org, orgName: screen.orgName, bodies: bodies, mayManage: screen.mayManage, csrf: session.csrf,
            form: FormState([
                FormField("name", label: "Tên tổ chức", hint: "Ví dụ: Ban Thi đua - Khen thưởng", value: typed?["name"] ?? "", required: true, maxLength: 300),
                FormField("structure", label: "Cấp tổ chức", hint: "Theo các dòng của biểu 0604.", value: typed?["structure"] ?? "", kind: .select,
                          options: choices(BodyStructure.self, "structure", \.vietnamese), required: true),
                FormField("established", label: "Ngày thành lập", value: typed?["established"] ?? "", kind: .date, required: true),
                FormField("body", label: "Tổ chức", value: typed?["body"] ?? "", kind: .select, options: bodyOptions, required: true),
                FormField("full_name", label: "Họ và tên", value: typed?["full_name"] ?? "", required: true, maxLength: 200),
                FormField("sex", label: "Giới tính", value: typed?["sex"] ?? "", kind: .select, options: choices(Sex.self, "sex", \.vietnamese), required: true),
                FormField("birth_date", label: "Ngày sinh", value: typed?["birth_date"] ?? "", kind: .date, required: true),
                FormField("education", label: "Trình độ đào tạo", value: typed?["education"] ?? "", kind: .select,
                          options: choices(Education.self, "education", \.vietnamese), required: true),
                FormField("in_work_since", label: "Bắt đầu làm công tác thi đua, khen thưởng", hint: "Tính thâm niên trong lĩnh vực (biểu 0605).",
                          value: typed?["in_work_since"] ?? "", kind: .date, required: true),
                FormField("joined_on", label: "Ngày về tổ chức", hint: "Để trống: hôm nay.", value: typed?["joined_on"] ?? "", kind: .date),
            ], error: refused, inputs: Self.staffInputs, title: "Chưa ghi được vào sổ"))
        return pages.page(.staff, model, title: "Sổ cán bộ thi đua, khen thưởng — \(screen.orgName)", context: context, nav: "reports",
                          status: refused.map(Self.status(of:)) ?? .ok)
    }
}
