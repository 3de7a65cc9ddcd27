import Mustache

// The rows of long lists answer the template's lookups directly: swift-mustache otherwise reflects
// (Mirror) on every row for every field, which costs tens of milliseconds on a page of 200 rows.

extension InboxRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "nominee": nominee
        case "nomineeType": nomineeType
        case "kindName": kindName
        case "state": state
        case "stateName": stateName
        case "tierName": tierName
        case "tierIndex": tierIndex
        case "tiers": tiers
        case "unitName": unitName
        case "due": due
        case "overdue": overdue
        case "stepName": blank(stepName)
        case "stepLine": blank(stepLine)
        default: nil
        }
    }
}

extension WebRoutes.AwardeeRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "index": index
        case "id": id
        case "nominee": nominee
        case "nomineeType": nomineeType
        case "kindName": kindName
        case "unitName": unitName
        case "number": number
        case "date": date
        default: nil
        }
    }
}

extension Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "code": code
        case "name": self.name
        case "selected": selected
        default: nil
        }
    }
}

extension FormField: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "name": self.name
        case "label": label
        case "hint": blank(hint)
        case "value": value
        case "error": blank(error)
        case "options": options
        case "required": required
        case "maxLength": maxLength.map { String($0) as Any } ?? Blank()
        case "accept": blank(accept)
        case "min": blank(min)
        case "max": blank(max)
        case "isText": isText
        case "isNumber": isNumber
        case "isSelect": isSelect
        case "isTextarea": isTextarea
        case "isCheckbox": isCheckbox
        case "isFile": isFile
        case "isDate": isDate
        case "checked": checked
        case "describedBy": blank(describedBy)
        default: nil
        }
    }
}

extension FormState: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "summary": summary.map { TemplateModel($0) as Any } ?? Blank()
        case "groupErrors": GroupErrors(errors: groupErrors)
        default: fields[name]
        }
    }

    /// A group's error by its id (`{{#groupErrors.reg-kinds}}`), or nothing.
    struct GroupErrors: MustacheParent {
        let errors: [String: String]
        func child(named name: String) -> Any? { blank(errors[name]) }
    }
}
