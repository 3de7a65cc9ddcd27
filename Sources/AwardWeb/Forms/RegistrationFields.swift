import AwardEngine

/// The campaign page's registration form: the unit picked by name among those the officer may
/// register, the year, who registers and the titles aimed at, or a file; a refusal stands beside
/// the input it is about and in the summary, and what was typed stays.
enum RegistrationFields {
    /// The engine's field names → the form's inputs (the titles are a group of checkboxes).
    static let inputs = [TextField.unit.rawValue: "reg-unit", Bound.year.field: "reg-year", TextField.nominee.rawValue: "reg-nominee",
                         TextField.note.rawValue: "reg-targets", TextField.kind.rawValue: "reg-kinds"]

    static func form(units: [(code: String, name: String)], defaultUnit: String, year: Int, typed: [String: String]?,
                     refused: AwardError?) -> FormState {
        let unit = typed?["unit"] ?? defaultUnit
        let type = typed?["nominee_type"] ?? NomineeType.individual.rawValue
        let unitField = units.isEmpty
            ? FormField("unit", id: "reg-unit", label: "Đơn vị đăng ký", value: unit, required: true, maxLength: 64)
            : FormField("unit", id: "reg-unit", label: "Đơn vị đăng ký", kind: .select,
                        options: units.map { Option(code: $0.code, name: $0.name, selected: $0.code == unit) }, required: true)
        return FormState([
            unitField,
            FormField("year", id: "reg-year", label: "Năm đăng ký", value: typed?["year"] ?? String(year), kind: .number, required: true,
                      min: "1945", max: "2200"),
            FormField("nominee", id: "reg-nominee", label: "Họ tên hoặc tên tập thể", value: typed?["nominee"] ?? "", maxLength: 300),
            FormField("nominee_type", id: "reg-type", label: "Loại đối tượng", kind: .select,
                      options: NomineeType.allCases.map { Option(code: $0.rawValue, name: $0.vietnamese, selected: $0.rawValue == type) }),
            FormField("targets", id: "reg-targets", label: "Chỉ tiêu đăng ký", hint: "Không bắt buộc: các chỉ tiêu đơn vị, cá nhân cam kết đạt.",
                      value: typed?["targets"] ?? "", kind: .textarea, maxLength: 4000),
            FormField("file", id: "reg-file", label: "Hoặc nhập từ tệp Excel / CSV",
                      hint: "Các cột: nominee, nominee_type, kinds (mã danh hiệu, cách nhau bởi ;), targets — hoặc nominee_id của đối tượng đã có.",
                      kind: .file, accept: ".xlsx,.csv"),
        ], error: refused, inputs: inputs, title: "Chưa ghi được bản đăng ký", groups: ["reg-kinds"])
    }
}
