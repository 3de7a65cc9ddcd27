import AwardEngine
import AwardHTTP
import Foundation
import HTTPTypes
import Hummingbird

/// The dossier page and its forms: the actions the caller may take now, document uploads and
/// downloads, and the form that creates a nomination. A refusal re-renders the page with the
/// engine's Vietnamese message; a success redirects (POST–redirect–GET).
extension WebRoutes {
    func registerDossier(on web: WebRouter) {
        web.get("nominations/new", .permission(.createNomination)) { request, context in
            var typed = NewTyped(year: String(Labels.time(Date()).suffix(4)))
            if let id = request.queryFields["nominee_id"].flatMap({ Int64($0) }) {
                // Nominating someone already known (from the search): their record, their name.
                let known = try await engine.nomineeHistory(id, viewer: try context.principal)
                typed.nomineeId = String(known.id)
                typed.existingName = "\(known.name) (\(known.type.vietnamese))"
            }
            return try await newForm(context, typed, error: nil)
        }
        web.post("nominations/new", .permission(.createNomination)) { _, context in try await create(context) }
        web.get("nominations/{id}", .permission(.readNomination)) { _, context in try await dossier(context, id: try Self.id(context), error: nil) }
        web.post("nominations/{id}/documents", .permission(.uploadDocument)) { _, context in try await upload(context, id: try Self.id(context)) }
        web.get("nominations/{id}/documents/{document}", .permission(.readNomination)) { _, context in
            guard let document = context.parameters.get("document").flatMap(Int64.init), document > 0 else {
                throw AwardError(.notFound, code: .unknownDocument, "no such document", vi: ErrorCode.unknownDocument.vietnamese)
            }
            let (info, content) = try await engine.document(document, of: try Self.id(context), viewer: try context.principal)
            var headers = HTTPFields()
            headers[.contentType] = info.mediaType
            headers[.contentDisposition] = HTTPIO.attachment(info.name)
            headers[.cacheControl] = "private, no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: content)))
        }
        web.post("nominations/{id}/{action}", .byParameter("action", Dictionary(uniqueKeysWithValues: Action.allCases.map { ($0.rawValue, Permission($0)) }))) { _, context in
            guard let action = context.parameters.get("action").flatMap(Action.init(rawValue:)) else {
                throw AwardError(.notFound, code: .unknownAction, "no such action", vi: ErrorCode.unknownAction.vietnamese)
            }
            return try await act(context, id: try Self.id(context), action: action)
        }
    }

    static func id(_ context: WebRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id").flatMap(Int64.init), id > 0 else {
            throw AwardError(.notFound, code: .unknownNomination, "no such nomination", vi: ErrorCode.unknownNomination.vietnamese)
        }
        return id
    }


    // MARK: The dossier

    struct Step: Sendable { var name: String; var status: String; var statusName: String }
    struct ActionForm: Sendable {
        var id: Int64
        var action: String
        var label: String
        var style: String
        var csrf: String
        var today: String
        var needsDecision: Bool
        var offersVote: Bool
        var needsReason: Bool
    }
    struct DocumentRow: Sendable {
        var nomination: Int64
        var id: Int64
        var typeName: String
        var name: String
        var size: String
        var uploadedBy: String
        var sha256: String
    }
    struct HistoryRow: Sendable {
        var commandName: String
        var actor: String
        var orgName: String
        var at: String
        var toState: String?
        var reason: String?
        var comment: String?
        var decision: String?
    }
    struct Reason: Sendable { var message: String; var source: String }
    struct Eligibility: Sendable { var summary: String; var reasons: [Reason] }
    struct DossierModel: Sendable {
        var id: Int64
        var nominee: String
        var kindName: String
        var nomineeType: String
        var year: String
        var unitName: String
        var state: String
        var stateName: String
        var orgName: String
        var due: String?
        var overdue: Bool
        var decision: String?
        var revocation: String?
        var bonus: String?
        var reason: String?
        var chainStatus: String
        var steps: [Step]
        var eligibility: Eligibility?
        var hasActions: Bool
        var actions: [ActionForm]
        var documents: [DocumentRow]
        var canUpload: Bool
        var documentTypes: [Option]
        var csrf: String
        var history: [HistoryRow]
        /// Whether the viewer's org sent this dossier up, so that its proposal letter can be printed.
        var sentUp: Bool
        var error: String?
    }

    func dossier(_ context: WebRequestContext, id: Int64, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try context.signedIn
        let principal = session.principal
        let (view, unit) = try await engine.nominationWithUnit(id, viewer: principal)
        let capabilities = engine.capabilities(on: view, unit: unit, for: principal)
        let labels = try await labels()
        async let history = engine.history(id, viewer: principal)
        async let documents = engine.documents(of: id, viewer: principal)
        async let audit = engine.verifyAudit(nomination: id, viewer: principal)
        let route = try await engine.route(of: id, viewer: principal)
        let steps = route.enumerated().map { index, code -> Step in
            let position = index + 1
            let done = position < view.tierIndex || [.awarded, .revoked].contains(view.state)
            let current = position == view.tierIndex && !view.state.isFinal && view.state != .awarded
            return Step(name: labels.org(code), status: done ? "done" : current ? "current" : "ahead",
                        statusName: done ? "đã qua" : current ? "đang xử lý" : "sắp tới")
        }
        var eligibility: Eligibility? = nil
        if [.draft, .pending, .publicNotice, .returned].contains(view.state), let result = try? await engine.check(id, viewer: principal) {
            eligibility = Eligibility(summary: result.eligible ? "Đủ điều kiện theo bộ quy tắc đang áp dụng." : "Chưa đủ điều kiện:",
                                      reasons: result.reasons.map { Reason(message: $0.messageVi, source: $0.source) })
        }
        let actions = capabilities.actions.map { action -> ActionForm in
            let primary = action == .approve || action == .submit || action == .resubmit
            let needsDecision = (action == .approve && view.tierIndex == view.tiers) || action == .revoke
            return ActionForm(id: id, action: action.rawValue, label: action.buttonLabel,
                              style: primary ? "primary" : action.needsReason ? "warning" : "",
                              csrf: session.csrf, today: labels.today.vietnamese, needsDecision: needsDecision,
                              offersVote: action == .approve, needsReason: action.needsReason)
        }
        let auditReport = try await audit
        let entries = try await history
        let sentUp = entries.contains { entry in
            entry.org.lowercased() == principal.orgCode.lowercased() && [.pending, .publicNotice].contains(entry.toState)
                && ["approve", "create", "submit", "resubmit"].contains(entry.command)
        } && view.tierIndex > 1
        let due = labels.due(view.dueOn)
        let model = DossierModel(
            id: id, nominee: view.nominee.name, kindName: labels.kind(view.kind), nomineeType: view.nominee.type.vietnamese,
            year: view.year.map(String.init) ?? "—", unitName: labels.org(view.unit), state: view.state.rawValue,
            stateName: view.state.vietnamese, orgName: labels.org(view.org), due: [.pending, .publicNotice].contains(view.state) ? due?.text : nil,
            overdue: due?.overdue ?? false,
            decision: view.decision.map { "\($0.number) ngày \($0.date.vietnamese) (\(labels.org($0.issuer)))" },
            revocation: view.revocation.map { "\($0.number) ngày \($0.date.vietnamese)" },
            bonus: view.bonusVnd.map(Labels.money), reason: view.reason,
            chainStatus: auditReport.ok ? "Toàn vẹn: \(auditReport.rows) bước, mã băm khớp" : "BỊ SỬA ĐỔI: mắt xích hỏng",
            steps: steps, eligibility: eligibility, hasActions: !actions.isEmpty, actions: actions,
            documents: try await documents.map {
                DocumentRow(nomination: id, id: $0.id, typeName: $0.type.vietnamese, name: $0.name, size: "\(($0.size + 1023) / 1024) KiB",
                            uploadedBy: $0.uploadedBy, sha256: $0.sha256)
            },
            canUpload: capabilities.mayUpload,
            documentTypes: DocumentType.allCases.map { Option(code: $0.rawValue, name: $0.vietnamese, selected: false) },
            csrf: session.csrf,
            history: entries.map { entry in
                HistoryRow(commandName: entry.command.commandVietnamese, actor: entry.actor, orgName: labels.org(entry.org),
                           at: Labels.time(entry.at), toState: entry.fromState == entry.toState ? nil : entry.toState.vietnamese,
                           reason: entry.reason, comment: entry.comment,
                           decision: entry.decision.map { "\($0.number) ngày \($0.date.vietnamese)" })
            },
            sentUp: sentUp, error: error)
        return pages.page(.dossier, model, title: "Hồ sơ \(id) – \(view.nominee.name)", context: context, status: status)
    }

    func act(_ context: WebRequestContext, id: Int64, action: Action) async throws -> Response {
        let principal = try context.principal
        let form = context.form
        do {
            var decision: DecisionInput? = nil
            if let dateText = form["decision_date"] {
                guard let date = CivilDate(parsing: dateText) else {
                    throw AwardError(.invalidInput, code: .badDate, "decision_date \(dateText) is not a date",
                                     vi: "Ngày quyết định «\(dateText)» không hợp lệ; viết theo dạng dd/mm/yyyy.")
                }
                decision = DecisionInput(number: form["decision_number"], date: date)
            }
            var vote: VoteTally? = nil
            if let members = form["members"].flatMap(Int.init), let present = form["present"].flatMap(Int.init),
               let inFavour = form["in_favour"].flatMap(Int.init) {
                vote = VoteTally(members: members, present: present, inFavour: inFavour)
            }
            _ = try await engine.perform(action, on: id, by: principal, reason: form["reason"], comment: form["comment"],
                                         decision: decision, vote: vote)
            return WebMiddleware.redirect("/nominations/\(id)")
        } catch let error as AwardError where ![.notFound, .unauthenticated, .internal, .unavailable].contains(error.category) {
            return try await dossier(context, id: id, error: error.messageVI, status: Self.status(of: error))
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
            return WebMiddleware.redirect("/nominations/\(id)")
        } catch let error as AwardError where ![.notFound, .unauthenticated, .internal, .unavailable].contains(error.category) {
            return try await dossier(context, id: id, error: error.messageVI, status: Self.status(of: error))
        }
    }

    static func status(of error: AwardError) -> HTTPResponse.Status { error.httpStatus }
}
