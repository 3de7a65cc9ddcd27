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
        web.post("nominations/{id}/amendment", .permission(.amendNomination)) { _, context in try await amend(context, id: try Self.id(context)) }
        web.post("nominations/{id}/documents/{document}/withdraw", .permission(.withdrawDocument)) { _, context in
            let id = try Self.id(context)
            guard let document = context.parameters.get("document").flatMap(Int64.init), document > 0 else {
                throw AwardError(.notFound, code: .unknownDocument, "no such document", vi: ErrorCode.unknownDocument.vietnamese)
            }
            do {
                _ = try await engine.withdrawDocument(document, of: id, reason: context.form["reason"], by: try context.principal)
                return WebMiddleware.redirect("/nominations/\(id)", flash: .documentWithdrawn)
            } catch let error as AwardError where ![.notFound, .unauthenticated, .internal, .unavailable].contains(error.category) {
                return try await dossier(context, id: id, error: error.messageVI, status: Self.status(of: error))
            }
        }
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
        var needsDecision: Bool
        var offersVote: Bool
        var needsReason: Bool
        /// What the form holds: the defaults, or what was typed when it was refused.
        var number: String
        var date: String
        var signerFields: DecisionFields.Signer
        var members: String
        var present: String
        var inFavour: String
        var reason: String
        var comment: String
        /// A decision dated in another year than this one waits for this box to be ticked.
        var askYear: String?
        /// The refusal, beside the form, and the input it is about.
        var error: String?
        var errorTarget: String?
    }

    struct DocumentRow: Sendable {
        var nomination: Int64
        var id: Int64
        var typeName: String
        var name: String
        var size: String
        var uploadedBy: String
        var sha256: String
        /// "Đã rút …" once withdrawn; the file stays.
        var withdrawn: String?
        var mayWithdraw: Bool
        var csrf: String
    }

    /// A tier of the dossier's route with the documents the law lists for it, ticked.
    struct TaskTier: Sendable {
        var name: String
        var positionName: String
        var current: Bool
        var tasks: [Task]
        var source: String?
    }
    struct Task: Sendable { var name: String; var done: Bool; var statusName: String; var required: Bool }
    struct HistoryRow: Sendable {
        var commandName: String
        var actor: String
        var orgName: String
        var at: String
        var toState: String?
        var reason: String?
        var comment: String?
        var decision: String?
        var step: String?
        var assignee: String?
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
        var decisionId: Int64?
        var revocation: String?
        var bonus: String?
        /// Why it was returned, at the top while it waits for its unit.
        var returnedBecause: String?
        var reason: String?
        var chainStatus: String
        var steps: [Step]
        var eligibility: Eligibility?
        var hasActions: Bool
        var actions: [ActionForm]
        var documents: [DocumentRow]
        var tasks: [TaskTier]
        var blockers: [String]
        var canUpload: Bool
        var uploadLimit: String
        var documentTypes: [Option]
        var csrf: String
        var amend: AmendForm?
        var history: [HistoryRow]
        /// Whether the viewer's org sent this dossier up, so that its proposal letter can be printed.
        var sentUp: Bool
        var stepPanel: StepPanel?
        var error: String?
        /// Where the summary's link leads: the refused input.
        var errorHref: String?
    }

    func dossier(_ context: WebRequestContext, id: Int64, error: String?, status: HTTPResponse.Status = .ok,
                 refused: Refused? = nil, amendRefused: AwardError? = nil) async throws -> Response {
        let session = try context.signedIn
        let principal = session.principal
        let screen = try await engine.dossierScreen(id, viewer: principal)
        let view = screen.view
        let capabilities = screen.capabilities
        let today = AwardEngine.today(Date())
        let steps = screen.route.enumerated().map { index, code -> Step in
            let position = index + 1
            let done = position < view.tierIndex || [.awarded, .revoked].contains(view.state)
            let current = position == view.tierIndex && !view.state.isFinal && view.state != .awarded
            return Step(name: screen.orgName(code), status: done ? "done" : current ? "current" : "ahead",
                        statusName: done ? "đã qua" : current ? "đang xử lý" : "sắp tới")
        }
        let eligibility = screen.eligibility.map { result in
            Eligibility(summary: result.eligible ? "Đủ điều kiện theo bộ quy tắc đang áp dụng." : "Chưa đủ điều kiện:",
                        reasons: result.reasons.map { Reason(message: $0.messageVi, source: $0.source) })
        }
        let outlook = screen.outlook
        // Who may sign for the org, offered when a form records a decision.
        let deciding = capabilities.actions.contains { ($0 == .approve && outlook.approvalDecides) || $0 == .revoke }
        let listed = deciding ? (try? await engine.signers(org: principal.orgCode)) ?? [] : []
        let actions = capabilities.actions.map { action -> ActionForm in
            let primary = action == .approve || action == .submit || action == .resubmit
            let needsDecision = (action == .approve && outlook.approvalDecides) || action == .revoke
            // The form that was refused keeps what was typed; the others start from the defaults.
            let typed = refused?.action == action ? refused?.form : nil
            func value(_ name: String, _ fallback: String = "") -> String { typed?[name] ?? fallback }
            return ActionForm(
                id: id, action: action.rawValue, label: action.buttonLabel, style: primary ? "primary" : action.needsReason ? "warning" : "",
                csrf: session.csrf, needsDecision: needsDecision, offersVote: action == .approve && outlook.approvalNeedsVote,
                needsReason: action.needsReason,
                number: value("decision_number"), date: value("decision_date", today.vietnamese),
                signerFields: DecisionFields.signer(idPrefix: "\(action.rawValue)-", usual: screen.usualSigner, typed: typed, listed: listed),
                members: value("members"), present: value("present"), inFavour: value("in_favour"),
                reason: value("reason"), comment: value("comment"),
                askYear: refused?.action == action ? refused?.askYear : nil,
                error: refused?.action == action ? refused?.error.messageVI : nil,
                errorTarget: refused.flatMap { $0.action == action ? Self.input(of: $0.error, action: action) : nil })
        }
        let auditReport = screen.chain
        let entries = screen.history
        let due = Labels.due(view.dueOn, today: today)
        var amendForm: AmendForm? = nil
        if capabilities.mayAmend {
            let typed = amendRefused == nil ? nil : context.form
            let type = typed?["nominee_type"] ?? view.nominee.type.rawValue
            amendForm = AmendForm(id: id, csrf: session.csrf, name: typed?["nominee_name"] ?? view.nominee.name,
                                  types: NomineeType.allCases.map { Option(code: $0.rawValue, name: $0.vietnamese, selected: $0.rawValue == type) },
                                  year: typed?["year"] ?? view.year.map(String.init) ?? "", reason: typed?["reason"] ?? view.reason ?? "",
                                  error: amendRefused?.messageVI)
        }
        let model = DossierModel(
            id: id, nominee: view.nominee.name, kindName: screen.kindName, nomineeType: view.nominee.type.vietnamese,
            year: view.year.map(String.init) ?? "—", unitName: screen.orgName(view.unit), state: view.state.rawValue,
            stateName: view.state.vietnamese, orgName: screen.orgName(view.org), due: [.pending, .publicNotice].contains(view.state) ? due?.text : nil,
            overdue: due?.overdue ?? false,
            decision: view.decision.map { "\($0.number) ngày \($0.date.vietnamese) (\(screen.orgName($0.issuer)))" },
            decisionId: view.decision == nil ? nil : screen.decisionId,
            revocation: view.revocation.map { "\($0.number) ngày \($0.date.vietnamese)" },
            bonus: view.bonusVnd.map(Labels.money),
            returnedBecause: screen.returnedBecause,
            reason: view.reason,
            chainStatus: auditReport.ok ? "Toàn vẹn: \(auditReport.rows) bước, mã băm khớp" : "BỊ SỬA ĐỔI: mắt xích hỏng",
            steps: steps, eligibility: eligibility, hasActions: !actions.isEmpty, actions: actions,
            documents: screen.documents.map { document in
                DocumentRow(nomination: id, id: document.id, typeName: document.type.vietnamese, name: document.name,
                            size: ByteSize.vietnamese(document.size), uploadedBy: document.uploadedBy, sha256: document.sha256,
                            withdrawn: document.withdrawn.map { "Đã rút \(Labels.time($0.at)) (\($0.by))" + ($0.reason.map { ": \($0)" } ?? "") },
                            mayWithdraw: screen.withdrawable.contains(document.id),
                            csrf: session.csrf)
            },
            tasks: outlook.tiers.filter { !$0.documents.isEmpty }.map { tier in
                TaskTier(name: screen.orgName(tier.orgCode), positionName: tier.position == .done ? "đã qua" : tier.position == .current ? "đang xử lý" : "sắp tới",
                         current: tier.position == .current,
                         tasks: tier.documents.map { Task(name: $0.name, done: $0.present, statusName: $0.present ? "Đã có" : $0.required ? "Bắt buộc, chưa có" : "Chưa có", required: $0.required) },
                         source: tier.source)
            },
            blockers: view.state == .pending || view.state == .returned || view.state == .draft ? outlook.blockers : [],
            canUpload: capabilities.mayUpload, uploadLimit: ByteSize.limit(WebRoutes.maxUpload),
            documentTypes: DocumentType.allCases.map { Option(code: $0.rawValue, name: $0.vietnamese, selected: false) },
            csrf: session.csrf,
            amend: amendForm,
            history: entries.map { entry in
                HistoryRow(commandName: entry.command.commandVietnamese, actor: entry.actorDisplay, orgName: screen.orgName(entry.org),
                           at: Labels.time(entry.at), toState: entry.fromState == entry.toState ? nil : entry.toState.vietnamese,
                           reason: entry.reason, comment: entry.comment,
                           decision: entry.decision.map { "\($0.number) ngày \($0.date.vietnamese)" },
                           step: entry.stepName ?? entry.step, assignee: entry.assigneeName ?? entry.assignee)
            },
            sentUp: screen.sentUpByViewer, stepPanel: Self.stepPanel(screen, csrf: session.csrf), error: error ?? refused?.error.messageVI ?? amendRefused?.messageVI,
            errorHref: (refused.flatMap { Self.input(of: $0.error, action: $0.action) ?? "act-\($0.action.rawValue)" }
                        ?? amendRefused.map(Self.amendInput)).map { "#" + $0 })
        return pages.page(.dossier, model, title: "Hồ sơ \(id) – \(view.nominee.name)", context: context, status: status)
    }
}
