import AwardEngine
import Foundation
import Hummingbird

/// An organisation's page: what it is and when it was in force, the units it continues and those
/// that continue it (the 2025 reform), its awards by year with its predecessors', one year's
/// awardees including theirs, and the decisions it issued.
extension WebRoutes {
    func registerOrgs(on web: WebRouter) {
        web.get("orgs/{code}", .permission(.readReports)) { request, context in try await orgPage(request, context) }
        // "Đơn vị của tôi": the signed-in person's own org.
        web.get("unit", .signedIn) { _, context in WebMiddleware.redirect("/orgs/\(try context.principal.orgCode)") }
    }

    struct OrgModel: Sendable {
        struct Link: Sendable { var code: String; var name: String; var official: String?; var relation: String; var effective: String; var closed: String? }
        struct Year: Sendable { var year: Int; var own: Int; var including: Int; var link: String; var current: Bool }
        struct Row: Sendable {
            var index: Int; var id: Int64; var nominee: String; var type: String; var kindName: String
            var unitName: String; var fromPredecessor: Bool; var number: String; var date: String
        }
        struct Decision: Sendable { var id: Int64; var number: String; var date: String; var awards: Int }
        var code: String
        var name: String
        var facts: [Fact]
        var now: String?
        var closedOn: String?
        var predecessors: [Link]
        var successors: [Link]
        var years: [Year]
        var year: Int?
        var rows: [Row]
        var truncated: Bool
        var awardeesLink: String
        var decisions: [Decision]
        var decisionCount: Int
        var signers: [Signer] = []
    }

    struct Signer: Sendable { var name: String; var title: String; var contact: String }

    struct Fact: Sendable { var label: String; var value: String }

    static func relationName(_ relation: String, partly: Bool) -> String {
        let name = switch relation {
        case "merged": "Sáp nhập"
        case "split": "Chia tách"
        case "renamed": "Đổi tên, giữ nguyên địa giới"
        case "moved": "Chuyển đơn vị quản lý"
        default: "Địa bàn"
        }
        return partly && relation != "split" ? name + " (một phần)" : name
    }

    func orgPage(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let principal = try context.principal
        let code = context.parameters.get("code") ?? ""
        let year = request.queryFields["year"].flatMap { Int($0) }
        let screen = try await engine.orgScreen(code: code, year: year, viewer: principal)
        let p = screen.profile
        func links(_ links: [OrgProfile.Link]) -> [OrgModel.Link] {
            links.map { .init(code: $0.code, name: $0.name, official: $0.officialCode, relation: Self.relationName($0.relation, partly: $0.partly),
                              effective: $0.effective.vietnamese, closed: $0.validTo?.vietnamese) }
        }
        var facts: [Fact] = [Fact(label: "Cấp", value: p.divisionType.map { "\(p.level.vietnamese) · \($0)" } ?? p.level.vietnamese)]
        if let official = p.officialCode { facts.append(Fact(label: "Mã đơn vị hành chính", value: official)) }
        if let parent = p.parentName { facts.append(Fact(label: "Trực thuộc", value: parent)) }
        if p.validFrom != nil || p.validTo != nil {
            facts.append(Fact(label: "Thời gian hoạt động", value: "\(p.validFrom.map { "từ \($0.vietnamese)" } ?? "") \(p.validTo.map { "đến \($0.vietnamese)" } ?? "")"
                .trimmingCharacters(in: .whitespaces)))
        }
        let model = OrgModel(
            code: p.code, name: p.name, facts: facts, now: p.now, closedOn: p.validTo?.vietnamese,
            predecessors: links(p.predecessors), successors: links(p.successors),
            years: p.awardsByYear.reversed().map {
                .init(year: $0.year, own: $0.own, including: $0.includingPredecessors, link: "/orgs/\(p.code)?year=\($0.year)", current: $0.year == screen.year)
            },
            year: screen.year,
            rows: screen.rows.enumerated().map { index, row in
                .init(index: index + 1, id: row.awardee.nominationId, nominee: row.awardee.nominee, type: row.awardee.nomineeType.vietnamese,
                      kindName: row.kindName, unitName: row.unitName, fromPredecessor: row.fromPredecessor,
                      number: row.awardee.decisionNumber, date: row.awardee.decisionDate.vietnamese)
            },
            truncated: screen.rows.count >= OrgScreen.limit,
            awardeesLink: "/awardees?year=\(screen.year ?? 0)&org=\(p.code)",
            decisions: p.decisions.map { .init(id: $0.id, number: $0.number, date: $0.decidedOn.vietnamese, awards: $0.awards) },
            decisionCount: p.decisionCount,
            signers: p.signers.map { .init(name: $0.displayName ?? $0.user, title: $0.title, contact: [$0.email, $0.phone].compactMap { $0 }.joined(separator: " · ")) })
        return pages.page(.org, model, title: p.name, context: context, nav: "unit")
    }
}
