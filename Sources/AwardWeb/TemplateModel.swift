import Mustache

/// A page's model as its template sees it: each value answers for itself. Mustache looks a name up
/// the whole context stack, so a row's empty field would otherwise show the page's field of the same
/// name (a history step without a reason showed the dossier's reason). Here a field that exists but
/// holds nothing is ``Blank`` — nothing printed, a section not entered — and the lookup stops there.
/// Nested values and the elements of lists are wrapped the same way, so every row answers for its
/// own fields by construction.
struct TemplateModel: MustacheParent {
    let value: Any
    /// Values every template of the page may use besides its model's (the page's form key).
    let page: [String: String]

    init(_ value: Any, page: [String: String] = [:]) {
        self.value = value
        self.page = page
    }

    func child(named name: String) -> Any? {
        for child in Mirror(reflecting: value).children where child.label == name {
            return Self.wrap(child.value)
        }
        return page[name]
    }

    /// Wraps what a template may look into; text, numbers and flags are themselves.
    static func wrap(_ value: Any) -> Any {
        switch value {
        case let optional as any OptionalProtocol:
            guard let wrapped = optional.wrappedValue else { return Blank() }
            return wrap(wrapped)
        case is String, is Substring, is Bool, is Int, is Int64, is Double:
            return value
        case let rows as [Any]:
            return rows.map(wrap)
        case is MustacheParent, is MustacheCustomRenderable:
            return value
        default:
            return TemplateModel(value)
        }
    }
}

/// A field that holds nothing: renders as nothing and opens no section.
struct Blank: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

/// Rows with their own lookups (``MustacheParent``) answer an empty field with this.
func blank(_ value: String?) -> Any { value.map { $0 as Any } ?? Blank() }

protocol OptionalProtocol {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalProtocol {
    var wrappedValue: Any? { self.map { $0 as Any } }
}
