import AwardEngine
import AwardHTTP
import Foundation
import HTTPTypes
import Hummingbird

/// The batch decision, a decision's page, the year-end summary, a nominee's history and the audit
/// log: each one engine call, rendered.
extension WebRoutes {
    func registerReports(on web: WebRouter) {
        web.get("decisions/new", .permission(.decide)) { request, context in try await decideForm(request, context, error: nil) }
        web.post("decisions/new", .permission(.decide)) { request, context in try await decide(request, context) }
        web.get("decisions/{id}", .permission(.readDecision)) { _, context in try await decisionPage(context) }
        web.get("reports/summary", .permission(.readReports)) { request, context in try await summary(request, context) }
        web.get("nominees/{id}", .permission(.readNominee)) { _, context in try await nomineePage(context) }
        web.get("audit", .permission(.readAudit)) { request, context in try await audit(request, context) }
    }

    // MARK: Deciding in batch

    struct DecideModel: Sendable {
        var orgName: String
        var kinds: [Option]
        var kind: String
        var rows: [InboxRow]
        var csrf: String
        var date: String
        var number: String
        var signerFields: DecisionFields.Signer
        var askYear: String?
        var error: String?
        var errorHref: String?
    }

    func decideForm(_ request: Request, _ context: WebRequestContext, error: AwardError?, askYear: Int? = nil,
                    status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try context.signedIn
        let labels = try await labels()
        async let usual = engine.usualSigner(org: session.principal.orgCode)
        async let listed = engine.signers(org: session.principal.orgCode)
        let waiting = try await engine.inbox(of: session.principal, kind: nil, state: .pending, limit: 1000).filter { $0.tierIndex == $0.tiers }
        let typed = error == nil ? nil : context.form
        let present = Set(waiting.map(\.kind))
        let asked = request.queryFields["kind"] ?? context.form["kind"]
        let kind = asked.flatMap { present.contains($0) ? $0 : nil } ?? present.sorted().first ?? ""
        let model = DecideModel(
            orgName: labels.org(session.principal.orgCode),
            kinds: present.sorted { labels.kind($0) < labels.kind($1) }.map { Option(code: $0, name: labels.kind($0), selected: $0 == kind) },
            kind: kind, rows: waiting.filter { $0.kind == kind }.map { InboxRow($0, labels) }, csrf: session.csrf,
            date: typed?["decision_date"] ?? labels.today.vietnamese, number: typed?["decision_number"] ?? "",
            signerFields: DecisionFields.signer(idPrefix: "", usual: try await usual, typed: typed, listed: (try? await listed) ?? []), askYear: askYear.map(String.init),
            error: error?.messageVI,
            errorHref: error.flatMap { ["decision date": "#date", "decision number": "#number", "signer": "#signer",
                                        "signer title": "#signer-title", "signer prefix": "#signer-prefix"][$0.field ?? ""] })
        return pages.page(.decide, model, title: "Quyết định theo danh sách", context: context, nav: "decide", status: status)
    }

    func decide(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let principal = try context.principal
        let form = context.form
        let ids = form.fields.compactMap { name, value in name.hasPrefix("n") ? Int64(value) : nil }.sorted()
        do {
            guard let date = try DecisionFields.date(form, today: AwardEngine.today(Date())) else {
                throw AwardError(.invalidInput, code: .badDate, "decision_date is missing",
                                 vi: "Hãy nhập ngày quyết định (dd/mm/yyyy).", field: "decision date")
            }
            let decision = try await engine.decide(org: principal.orgCode, kind: form["kind"] ?? "", nominations: ids, by: principal, date: date,
                                                   number: form["decision_number"], details: try DecisionFields.details(form))
            return WebMiddleware.redirect("/decisions/\(decision.id)", flash: .decided)
        } catch let asked as DecisionFields.OtherYear {
            return try await decideForm(request, context, error: asked.error, askYear: asked.year, status: .unprocessableContent)
        } catch let error as AwardError where ![.unauthenticated, .internal, .unavailable].contains(error.category) {
            return try await decideForm(request, context, error: error, status: Self.status(of: error))
        }
    }

    struct DecisionModel: Sendable {
        struct Row: Sendable {
            var index: Int; var id: Int64; var decisionId: Int64; var nominee: String; var nomineeType: String; var unitName: String
            var stateName: String; var bonus: String
        }
        var id: Int64
        var number: String
        var purposeName: String
        var kindName: String
        var date: String
        var issuerName: String
        /// "nay là …" when the issuing body no longer exists.
        var issuerNow: String?
        var signer: String?
        var onBehalf: String
        var legalBasis: String?
        var count: Int
        var total: String?
        var rows: [Row]
        /// Its digital signatures (nil: signed on paper).
        var signing: SigningModel?
    }

    func decisionPage(_ context: WebRequestContext, refused: AwardError? = nil) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(Int64.init), id > 0 else {
            throw AwardError(.notFound, code: .unknownNomination, "no such decision", vi: "Không có quyết định này.")
        }
        let sheet = try await engine.decision(id, viewer: try context.principal)
        let labels = try await labels()
        let d = sheet.decision
        let model = DecisionModel(
            id: d.id, number: d.number, purposeName: sheet.purpose == "award" ? "Quyết định khen thưởng" : "Quyết định hủy bỏ khen thưởng",
            kindName: labels.kind(d.kind), date: d.date.vietnamese, issuerName: labels.org(d.issuer),
            issuerNow: try await engine.nowNote(of: d.issuer), signer: d.signer,
            onBehalf: d.onBehalf ? "KT. " : "", legalBasis: d.legalBasis, count: sheet.recipientsDetail.count,
            total: d.totalBonusVnd.map(Labels.money),
            rows: sheet.recipientsDetail.enumerated().map { i, r in
                DecisionModel.Row(index: i + 1, id: r.nominationId, decisionId: d.id, nominee: r.nominee, nomineeType: r.nomineeType.vietnamese,
                                  unitName: labels.org(r.unit), stateName: r.state.vietnamese, bonus: r.bonusVnd.map(Labels.money) ?? "—")
            }, signing: try await signingModel(id, context, refused: refused))
        return pages.page(.decision, model, title: "Quyết định số \(d.number)", context: context, status: refused == nil ? .ok : .unprocessableContent)
    }

    // MARK: The summary

    struct SummaryModel: Sendable {
        struct Row: Sendable { var kindName: String; var collective: Int; var individual: Int; var household: Int; var total: Int }
        struct Bar: Sendable {
            var label: String; var y: Int; var textY: Int; var total: Int
            var collectiveWidth: Int; var individualX: Int; var individualWidth: Int; var householdX: Int; var householdWidth: Int; var totalX: Int
        }
        var period: String
        var from: Int
        var to: Int
        var orgs: [Option]
        var rows: [Row]
        var bars: [Bar]
        var chartWidth: Int
        var chartHeight: Int
        var sentences: [String]
        var error: String?
    }

    func summary(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let principal = try context.principal
        let labels = try await labels()
        let year = labels.today.year
        let from = request.queryFields["from"].flatMap { Int($0) } ?? year
        let to = request.queryFields["to"].flatMap { Int($0) } ?? from
        let org = request.queryFields["org"].flatMap { $0.isEmpty ? nil : $0 }
        var message: String? = nil
        var report: SummaryReport? = nil
        do { report = try await engine.summary(fromYear: from, toYear: to, org: org, viewer: principal) } catch { try self.error(error, into: &message) }
        var byKind: [String: [NomineeType: Int]] = [:]
        for row in report?.rows ?? [] { byKind[row.kind, default: [:]][row.nomineeType, default: 0] += row.count }
        let rows = byKind.map { kind, counts in
            SummaryModel.Row(kindName: labels.kind(kind), collective: counts[.collective] ?? 0, individual: counts[.individual] ?? 0,
                             household: counts[.household] ?? 0, total: counts.values.reduce(0, +))
        }.sorted { $0.total > $1.total || ($0.total == $1.total && $0.kindName < $1.kindName) }
        let largest = max(1, rows.map(\.total).max() ?? 1)
        let scale = 600.0 / Double(largest)
        let bars = rows.enumerated().map { i, r -> SummaryModel.Bar in
            let c = Int(Double(r.collective) * scale), n = Int(Double(r.individual) * scale), h = Int(Double(r.household) * scale)
            return SummaryModel.Bar(label: String(r.kindName.prefix(34)), y: i * 28 + 4, textY: i * 28 + 18, total: r.total,
                                    collectiveWidth: c, individualX: 260 + c, individualWidth: n, householdX: 260 + c + n, householdWidth: h,
                                    totalX: 266 + c + n + h)
        }
        let model = SummaryModel(
            period: from == to ? "năm \(from)" : "từ năm \(from) đến năm \(to)", from: from, to: to,
            orgs: labels.filterOrgs(of: principal, selected: org),
            rows: rows, bars: bars, chartWidth: 920, chartHeight: max(30, rows.count * 28 + 8), sentences: report?.sentences ?? [], error: message)
        return pages.page(.summary, model, title: "Tổng hợp khen thưởng", context: context, nav: "reports")
    }

    // MARK: A nominee across years

    struct NomineeModel: Sendable {
        struct Row: Sendable { var year: String; var kindName: String; var link: String?; var stateName: String; var unitName: String; var decision: String }
        var name: String
        var type: String
        var rows: [Row]
        var id: Int64
        var csrf: String
        var profile: ProfileModel
    }

    func nomineePage(_ context: WebRequestContext, refused: AwardError? = nil) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(Int64.init), id > 0 else {
            throw AwardError(.notFound, code: .unknownNominee, "no such nominee", vi: ErrorCode.unknownNominee.vietnamese)
        }
        let history = try await engine.nomineeHistory(id, viewer: try context.principal)
        let profile = try await engine.profile(of: id, viewer: try context.principal)
        let labels = try await labels()
        let model = NomineeModel(name: history.name, type: history.type.vietnamese, rows: history.entries.map { e in
            NomineeModel.Row(year: e.year.map(String.init) ?? "—", kindName: labels.kind(e.kind), link: e.nominationId.map { "/nominations/\($0)" },
                             stateName: NominationState(rawValue: e.state)?.vietnamese ?? (e.state == "imported" ? "Khen thưởng trước đây" : e.state),
                             unitName: e.unit.map(labels.org) ?? (e.issuer ?? "—"),
                             decision: e.decisionNumber.map { "\($0) ngày \(e.decisionDate?.vietnamese ?? "?")" } ?? "")
        }, id: id, csrf: try context.signedIn.csrf, profile: profileModel(profile, typed: refused == nil ? nil : context.form, refused: refused))
        return pages.page(.nominee, model, title: history.name, context: context, nav: "search", status: refused.map(Self.status(of:)) ?? .ok)
    }

    // MARK: The audit log

    struct AuditModel: Sendable {
        struct Row: Sendable { var at: String; var id: Int64; var nominee: String; var command: String; var toState: String; var actor: String; var orgName: String; var reason: String }
        var chain: String
        var chainOk: Bool
        var actor: String
        var from: String
        var to: String
        var rows: [Row]
        var error: String?
    }

    func audit(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let principal = try context.principal
        let labels = try await labels()
        func value(_ name: String) -> String { request.queryFields[name] ?? "" }
        var message: String? = nil
        var rows: [AuditEntry] = []
        let from = CivilDate(parsing: value("from")), to = CivilDate(parsing: value("to"))
        do {
            rows = try await engine.auditLog(actor: value("actor").isEmpty ? nil : value("actor"), from: from, to: to, viewer: principal, limit: 500)
        } catch {
            // A caller who may not read the log gets the refusal page, not an empty log.
            if error.category == .forbidden { throw error }
            try self.error(error, into: &message)
        }
        let report = try await engine.verifyAudit(viewer: principal)
        let model = AuditModel(
            chain: report.ok ? "Chuỗi băm toàn vẹn: \(report.nominations) hồ sơ, \(report.rows) bước xử lý đều khớp."
                : "CẢNH BÁO: \(report.problems.count) chuỗi lịch sử bị sửa đổi (xem awardctl audit verify).",
            chainOk: report.ok, actor: value("actor"), from: value("from"), to: value("to"),
            rows: rows.map { e in
                AuditModel.Row(at: Labels.time(e.at), id: e.nominationId, nominee: e.nominee, command: e.command.commandVietnamese,
                               toState: NominationState(rawValue: e.toState)?.vietnamese ?? e.toState, actor: e.actor,
                               orgName: labels.org(e.org), reason: e.reason ?? "")
            }, error: message)
        return pages.page(.audit, model, title: "Nhật ký", context: context, nav: "audit")
    }
}
