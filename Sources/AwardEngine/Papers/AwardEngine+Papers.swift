import AwardPostgres
import Foundation

extension AwardEngine {
    // MARK: Templates

    /// Records a new version of an org's template (admin only). The caller has checked that the
    /// body parses (``AwardDocuments`` does): the engine stores and numbers it.
    public func recordTemplate(org: String, kind: TemplateKind, format: TemplateFormat, body: Data,
                               by principal: Principal) async throws(AwardError) -> TemplateVersion {
        try Policy.require(principal, .manageTemplates)
        guard !body.isEmpty, body.count <= 5 * 1024 * 1024 else {
            throw AwardError(.invalidInput, code: .badTemplate, "a template is 1 byte to 5 MiB",
                             vi: "Mẫu văn bản phải có nội dung và không quá 5 MiB.")
        }
        let bytes = [UInt8](body)
        return try await transaction { c in
            try PaperStore.insertTemplate(c, org: try OrgStore.org(c, code: org), kind: kind, format: format, body: bytes, by: principal.name)
        }
    }

    /// Every stored template version, or one org's.
    public func templateVersions(org: String? = nil) async throws(AwardError) -> [TemplateVersion] {
        try await lease { c in try PaperStore.templateVersions(c, org: try org.map { try OrgStore.org(c, code: $0).id }) }
    }

    /// A stored version's body (the newest without `version`); `nil` when the org has none (the default is in force).
    public func templateBody(org: String, kind: TemplateKind, format: TemplateFormat, version: Int? = nil) async throws(AwardError) -> Data? {
        try await lease { c in
            try PaperStore.templateBody(c, org: try OrgStore.org(c, code: org).id, kind: kind, format: format, version: version)
        }
    }

    // MARK: Papers

    /// What a decision's papers print, for whoever may see the decision.
    public func decisionPaper(_ id: Int64, viewer: Principal? = nil) async throws(AwardError) -> DecisionPaper {
        let sheet = try await decision(id, viewer: viewer)
        return try await lease { c in
            let facts = try PaperStore.decisionFacts(c, id: id)
            return DecisionPaper(
                sheet: sheet, issuer: try PaperStore.paperOrg(c, id: facts.issuer), kindName: facts.kindName, createdAt: facts.createdAt,
                proposers: facts.proposers, recipients: try PaperStore.recipients(c, decision: id, votesAt: facts.issuer),
                templates: try PaperStore.templates(c, org: facts.issuer, asOf: facts.createdAt),
                verifyCode: facts.verifyCode, publicURL: facts.publicURL)
        }
    }

    /// What a proposal letter (tờ trình) prints: the nominations `ids`, all sent up by one org to
    /// one next org (the viewer's own org, unless the viewer is an admin or the operator).
    public func proposalPaper(_ ids: [Int64], viewer: Principal? = nil) async throws(AwardError) -> ProposalPaper {
        guard !ids.isEmpty, ids.count <= 5000 else {
            throw AwardError(.invalidInput, code: .noNominations, "a proposal letter lists 1 to 5000 nominations",
                             vi: "Tờ trình gồm từ 1 đến 5000 hồ sơ.")
        }
        guard Set(ids).count == ids.count else { throw AwardError(.invalidInput, code: .duplicateIds, "a nomination id is listed twice") }
        // A letter is the viewer's own org's (any org's for an admin or the operator).
        let own = try Policy.scope(viewer, .readProposal).root
        return try await lease { c in
            var from: Int64? = own
            var to: Int64? = nil
            var decider: Int64? = nil
            var kinds: [String] = []
            var last = Date(timeIntervalSince1970: 0)
            var signer = ""
            for id in ids {
                try Access.nomination(c, id, viewer)
                guard let sent = try PaperStore.forwarding(c, nomination: id, from: from) else {
                    throw AwardError(.refused, code: .notForwarded, "nomination \(id) was not sent up by this org, so it has no proposal letter",
                                     vi: "Hồ sơ số \(id) chưa được cơ quan này trình lên cấp trên, nên chưa có tờ trình.")
                }
                guard to == nil || to == sent.to, from == nil || from == sent.from else {
                    throw AwardError(.refused, code: .notForwarded, "nomination \(id) went to another org: one letter goes to one org",
                                     vi: "Hồ sơ số \(id) được trình lên cơ quan khác: mỗi tờ trình gửi một cơ quan.")
                }
                from = sent.from
                to = sent.to
                if sent.decider != sent.to { decider = sent.decider }
                if !kinds.contains(sent.kindName) { kinds.append(sent.kindName) }
                if sent.at >= last { last = sent.at; signer = sent.actor }
            }
            let held = try DocumentStore.typesHeld(c, nominations: ids)
            let documentNames = DocumentType.allCases.filter { held.contains($0.rawValue) && ![.toTrinh, .danhSach].contains($0) }.map(\.vietnamese)
            return ProposalPaper(
                from: try PaperStore.paperOrg(c, id: from!), to: try PaperStore.paperOrg(c, id: to!),
                decider: try decider.map { try PaperStore.paperOrg(c, id: $0) }, kindNames: kinds, documentNames: documentNames,
                forwardedAt: last, signer: signer, recipients: try PaperStore.recipients(c, nominations: ids, votesAt: from),
                templates: try PaperStore.templates(c, org: from!, asOf: last),
                processing: try StepStore.processing(c, nominations: ids, at: from!))
        }
    }

    /// The decisions of a year the viewer sees (issued within its subtree, or awarding someone in it), newest first.
    public func decisions(year: Int, viewer: Principal? = nil) async throws(AwardError) -> [DecisionListItem] {
        try Self.checkYear(year)
        return try await lease { c in try PaperStore.decisions(c, year: year, under: try Policy.scope(viewer, .readDecision).root) }
    }

    /// The years in which the viewer sees decisions, newest first (for a list to open on one that has some).
    public func decisionYears(viewer: Principal? = nil) async throws(AwardError) -> [Int] {
        try await lease { c in try PaperStore.decisionYears(c, under: try Policy.scope(viewer, .readDecision).root) }
    }

    // MARK: Certificate layouts

    /// The org's layout for printing onto its blanks (the standard one until it records its own).
    public func certificateLayout(org: String) async throws(AwardError) -> CertificateLayout {
        let json = try await lease { c in try PaperStore.layout(c, org: try OrgStore.org(c, code: org).id) }
        guard let json, let layout = try? JSONDecoder().decode(CertificateLayout.self, from: Data(json.utf8)) else { return .standard }
        return layout
    }

    /// Records an org's layout: an admin, or an approver of that org (whose office prints its blanks).
    public func setCertificateLayout(org: String, _ layout: CertificateLayout, by principal: Principal) async throws(AwardError) -> CertificateLayout {
        let layout = try layout.validated()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: (try? encoder.encode(layout)) ?? Data("{}".utf8), as: UTF8.self)
        try await transaction { c in
            let org = try Access.org(c, code: org, principal, .editCertificateLayout)
            try PaperStore.insertLayout(c, org: org.id, json: json, by: principal.name)
        }
        return layout
    }

    // MARK: Statistics

    /// Awards decided in a reporting period (1 December of the year before to 30 November), counted
    /// by submitting body, kind, nominee type and commendation type, within the viewer's jurisdiction.
    /// `includingPredecessors`: with `org`, the units it continues are counted too, each its own row.
    public func formCounts(period: Int, org: String? = nil, includingPredecessors: Bool = false,
                           viewer: Principal? = nil) async throws(AwardError) -> [FormCount] {
        let (from, to) = try Self.reportingPeriod(period)
        return try await lease { c in
            try PaperStore.formCounts(c, from: from, to: to, org: try Access.scope(c, viewer, .readReports, requested: org).root,
                                      withPredecessors: includingPredecessors)
        }
    }

}
