import AwardEngine
import Foundation
import Hummingbird

/// The search page: people and collectives by name (accents and case ignored), with their
/// nominations; and organisations by name, a unit closed by the 2025 reform with what it is now.
extension WebRoutes {
    struct SearchModel: Sendable {
        struct Found: Sendable {
            var kindName: String
            var year: String
            var stateName: String
            var id: Int64
        }
        struct Hit: Sendable {
            var id: Int64
            var name: String
            var type: String
            var nominations: [Found]
        }
        /// An org whose name matched: a unit closed by the 2025 reform with what it is now.
        struct Org: Sendable { var code: String; var name: String; var level: String; var closed: String?; var now: String? }
        var query: String
        var searched: Bool
        var hits: [Hit]
        var orgs: [Org]
    }

    func search(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let principal = try context.principal
        let labels = try await labels()
        let text = request.queryFields["q"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let hits = text.isEmpty ? [] : try await engine.search(text, viewer: principal, limit: 50)
        let orgs = text.isEmpty ? [] : try await engine.findOrgs(text, limit: 20)
        let model = SearchModel(query: text, searched: !text.isEmpty, hits: hits.map { hit in
            SearchModel.Hit(id: hit.id, name: hit.name, type: hit.type.vietnamese, nominations: hit.nominations.map {
                SearchModel.Found(kindName: labels.kind($0.kind), year: $0.year.map(String.init) ?? "", stateName: $0.state.vietnamese, id: $0.id)
            })
        }, orgs: orgs.map { SearchModel.Org(code: $0.code, name: $0.name, level: $0.level.vietnamese, closed: $0.validTo?.vietnamese, now: $0.now) })
        return pages.page(.search, model, title: "Tìm đối tượng", context: context, nav: "search")
    }
}
