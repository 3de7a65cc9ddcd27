import AwardEngine
import AwardHTTP
import Foundation
import HTTPTypes
import Hummingbird

/// The dossier's forms: an action (with its decision and signer), the amendment of a returned
/// dossier, an upload. A refusal re-renders the dossier with what was typed; a success redirects
/// with its confirmation.
extension WebRoutes {
    /// A refused action: which form, what it held, and why.
    struct Refused: Sendable {
        var action: Action
        var form: WebForm
        var error: AwardError
        var askYear: String? = nil
    }

    /// The correction of a returned dossier by its unit: what it holds now, or what was typed.
    struct AmendForm: Sendable {
        var id: Int64
        var csrf: String
        var name: String
        var types: [Option]
        var year: String
        var reason: String
        var error: String?
    }

    /// The input of the amendment form an engine error is about.
    static func amendInput(of error: AwardError) -> String {
        switch error.field {
        case "nominee type": "amend-type"
        case "year": "amend-year"
        case "reason": "amend-reason"
        default: "amend-name"
        }
    }

    /// The input of an action's form an engine error is about.
    static func input(of error: AwardError, action: Action) -> String? {
        let suffix: String? = switch error.field {
        case "decision date": "date"
        case "decision number": "number"
        case "signer": "signer"
        case "signer title": "signer-title"
        case "signer prefix": "signer-prefix"
        case "vote": "members"
        case "reason": action.needsReason ? "reason" : nil
        default: nil
        }
        return suffix.map { "\(action.rawValue)-\($0)" }
    }
    func act(_ context: WebRequestContext, id: Int64, action: Action) async throws -> Response {
        let principal = try context.principal
        let form = context.form
        do {
            let decision = try DecisionFields.date(form, today: AwardEngine.today(Date())).map {
                DecisionInput(number: form["decision_number"], date: $0)
            }
            var vote: VoteTally? = nil
            if let members = form["members"].flatMap(Int.init), let present = form["present"].flatMap(Int.init),
               let inFavour = form["in_favour"].flatMap(Int.init) {
                vote = VoteTally(members: members, present: present, inFavour: inFavour)
            }
            let details = try DecisionFields.details(form)
            let done = try await engine.perform(action, on: id, by: principal, reason: form["reason"], comment: form["comment"],
                                                decision: decision, vote: vote, details: details)
            return WebMiddleware.redirect("/nominations/\(id)", flash: Flash.after(action, state: done.state))
        } catch let asked as DecisionFields.OtherYear {
            return try await dossier(context, id: id, error: nil, status: .unprocessableContent,
                                     refused: Refused(action: action, form: form, error: asked.error, askYear: String(asked.year)))
        } catch let error as AwardError where ![.notFound, .unauthenticated, .internal, .unavailable].contains(error.category) {
            return try await dossier(context, id: id, error: nil, status: Self.status(of: error),
                                     refused: Refused(action: action, form: form, error: error))
        }
    }

    func amend(_ context: WebRequestContext, id: Int64) async throws -> Response {
        let form = context.form
        do {
            var year: Int? = nil
            if let text = form["year"] { year = Int(try Bound.year.parse(text)) }
            var type: NomineeType? = nil
            if let text = form["nominee_type"] {
                guard let given = NomineeType(rawValue: text) else {
                    throw AwardError(.invalidInput, code: .badNomineeType, "nominee_type \(text) is not a nominee type", field: "nominee type")
                }
                type = given
            }
            _ = try await engine.amend(id, Amendment(nomineeName: form["nominee_name"], nomineeType: type, year: year, reason: form["reason"]),
                                       by: try context.principal)
            return WebMiddleware.redirect("/nominations/\(id)", flash: .amended)
        } catch let error as AwardError where ![.notFound, .unauthenticated, .internal, .unavailable].contains(error.category) {
            return try await dossier(context, id: id, error: nil, status: Self.status(of: error), amendRefused: error)
        }
    }

    func upload(_ context: WebRequestContext, id: Int64) async throws -> Response {
        let principal = try context.principal
        let form = context.form
        if form.truncated {
            return try await dossier(context, id: id, error: WebMiddleware.tooLargeMessage, status: .contentTooLarge)
        }
        do {
            guard let file = form.files["file"], let type = form["type"].flatMap(DocumentType.init(rawValue:)) else {
                throw AwardError(.invalidInput, code: .emptyDocument, "choose a document type and a file",
                                 vi: "Chọn loại tài liệu và tệp cần tải lên.")
            }
            _ = try await engine.addDocument(to: id, type: type, name: file.name, content: file.content, by: principal)
            return WebMiddleware.redirect("/nominations/\(id)", flash: .uploaded)
        } catch let error as AwardError where ![.notFound, .unauthenticated, .internal, .unavailable].contains(error.category) {
            return try await dossier(context, id: id, error: error.messageVI, status: Self.status(of: error))
        }
    }

    static func status(of error: AwardError) -> HTTPResponse.Status { error.httpStatus }
}
