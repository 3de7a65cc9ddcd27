import AwardEngine

/// One input of a form as every form shows it (the `field` partial): its label, a hint, the error
/// beside it when the last sending was refused, and what was typed.
struct FormField: Sendable {
    enum Kind: Sendable { case text, number, date, select, textarea, checkbox, file }

    var id: String
    var name: String
    var label: String
    var hint: String?
    var value: String
    var error: String?
    var kind: Kind
    var options: [Option] = []
    var required = false
    /// The most characters (text), or the file types accepted (file).
    var maxLength: Int?
    var accept: String?
    var min: String?
    var max: String?

    init(_ name: String, id: String? = nil, label: String, hint: String? = nil, value: String = "", kind: Kind = .text,
         options: [Option] = [], required: Bool = false, maxLength: Int? = nil, accept: String? = nil, min: String? = nil, max: String? = nil) {
        self.id = id ?? name
        self.name = name
        self.label = label
        self.hint = hint
        self.value = value
        self.kind = kind
        self.options = options
        self.required = required
        self.maxLength = maxLength
        self.accept = accept
        self.min = min
        self.max = max
    }

    // What the partial asks.
    var isText: Bool { kind == .text || kind == .date }
    var isNumber: Bool { kind == .number }
    var isSelect: Bool { kind == .select }
    var isTextarea: Bool { kind == .textarea }
    var isCheckbox: Bool { kind == .checkbox }
    var isFile: Bool { kind == .file }
    var isDate: Bool { kind == .date }
    var checked: Bool { kind == .checkbox && !value.isEmpty }
    /// The ids the input is described by: its hint and its error.
    var describedBy: String? {
        let ids = [hint.map { _ in "\(id)-hint" }, error.map { _ in "\(id)-error" }].compactMap { $0 }
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }
}

/// The box at the top of a refused form (GOV.UK's error summary): what went wrong, each error a
/// link to its input.
struct ErrorSummary: Sendable {
    struct Item: Sendable {
        var id: String
        var message: String
    }

    var title: String
    /// A refusal not about one input (the dossier moved meanwhile, a rule of the workflow).
    var message: String?
    var items: [Item]
    /// Eligibility reasons that explain a refusal, each with its legal source.
    var reasons: [Reason] = []

    struct Reason: Sendable { var message: String; var source: String }
}

/// A form's fields and the refusal of its last sending, placed: an error the engine names by its
/// field goes beside the input that field maps to (and in the summary, linked); any other error is
/// the summary's message.
struct FormState: Sendable {
    var fields: [String: FormField]
    var summary: ErrorSummary?
    /// Errors of a group of inputs (a fieldset of checkboxes), by the group's id.
    var groupErrors: [String: String] = [:]

    /// `inputs` maps the engine's field names (``AwardError/field``) to the ids of this form's inputs
    /// or of its `groups` (a fieldset whose error stands under its legend).
    init(_ fields: [FormField], error: AwardError?, inputs: [String: String], title: String, groups: Set<String> = []) {
        var byId = Dictionary(fields.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        guard let error else {
            self.fields = byId
            summary = nil
            return
        }
        if let field = error.field, let id = inputs[field], byId[id] != nil || groups.contains(id) {
            if byId[id] != nil { byId[id]?.error = error.messageVI } else { groupErrors[id] = error.messageVI }
            summary = ErrorSummary(title: title, message: nil, items: [.init(id: id, message: error.messageVI)])
        } else {
            summary = ErrorSummary(title: title, message: error.messageVI, items: [])
        }
        self.fields = byId
    }

    subscript(_ id: String) -> FormField? { fields[id] }
}
