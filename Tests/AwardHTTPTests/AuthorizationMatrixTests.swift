import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import AwardTestSupport
import Foundation
import HTTPTypes
import Testing

/// Every action × every role, inside and outside the caller's jurisdiction, through the API.
/// Each cell acts on a fresh nomination in the state the action needs, so a refusal can only
/// come from the role or the jurisdiction.
@Suite struct AuthorizationMatrixTests {
    /// Who tries: the seeded users with their role and where they stand relative to a
    /// nomination proposed by the ward P-HB and waiting at the district TX-HL.
    static let callers: [(user: String, description: String)] = [
        ("lan", "nominator of the proposing ward"),
        ("pao", "nominator outside (another district)"),
        ("minh", "approver of the district where it waits"),
        ("hoa", "approver of the province above (not yet its tier)"),
        ("sung", "approver of another district"),
        ("thanh", "auditor of the province"),
        ("admin", "admin"),
    ]

    /// The expected status of each (action, user).
    static func expected(_ action: Action, _ user: String) -> Int {
        switch user {
        case "pao", "sung": return 404                                   // outside: not even visible
        case "thanh": return 403                                         // auditors only read
        case "lan": return action.isProposerAction ? 200 : 403
        case "minh": return action.isProposerAction ? 403 : 200
        case "hoa": return action.isProposerAction ? 403 : 403           // on the route, but not where it waits
        case "admin": return action.isProposerAction ? 200 : 403         // admin acts for its own org (TW), not the district
        default: return -1
        }
    }

    static func body(_ action: Action) -> String? {
        switch action {
        case .approve: #"{"decision":{"number":"7/QĐ-UBND","date":"2024-03-01"}}"#
        case .return, .reject: #"{"reason":"Bổ sung hồ sơ"}"#
        case .revoke: #"{"reason":"Khai man","decision":{"number":"2/QĐ-UBND","date":"2024-03-01"}}"#
        default: nil
        }
    }

    /// Puts a fresh nomination in the state `action` applies to, at the district TX-HL.
    static func prepare(_ action: Action, _ api: APIHarness) async throws -> Int64 {
        let u = api.users
        let draft = action == .submit
        let n = try await api.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Người thử \(action.rawValue)",
                                                   nomineeType: .individual, draft: draft), by: u.lan)
        switch action {
        case .resubmit:
            _ = try await api.engine.perform(.return, on: n.id, by: u.minh, reason: "Bổ sung")
        case .revoke:
            _ = try await api.engine.perform(.approve, on: n.id, by: u.minh, decision: .init(number: "1/QĐ-UBND", date: CivilDate(iso: "2024-02-01")!))
        default:
            break
        }
        return n.id
    }

    @Test(arguments: Action.allCases)
    func everyRoleInsideAndOutside(action: Action) async throws {
        try await APIHarness.with { api in
            for caller in Self.callers {
                let id = try await Self.prepare(action, api)
                let before = try api.database.count("SELECT version AS n FROM nominations WHERE id = \(id)")
                let reply = try await api.send(.post, "/v1/nominations/\(id)/\(action.rawValue)", as: caller.user, json: Self.body(action))
                #expect(reply.status == Self.expected(action, caller.user), "\(action.rawValue) by \(caller.description): \(reply.text)")
                let after = try api.database.count("SELECT version AS n FROM nominations WHERE id = \(id)")
                #expect((after == before) == (reply.status != 200), "\(action.rawValue) by \(caller.description) changed \(before)→\(after)")
                // Reads follow the same jurisdiction.
                let read = try await api.send(.get, "/v1/nominations/\(id)", as: caller.user)
                #expect(read.status == (["pao", "sung"].contains(caller.user) ? 404 : 200))
            }
        }
    }

    @Test func aRevokedTokenStopsAtOnce() async throws {
        try await APIHarness.with { api in
            #expect(try await api.send(.get, "/v1/inbox", as: "minh").status == 200)
            _ = try await api.engine.revokeUser(name: "minh")
            let after = try await api.send(.get, "/v1/inbox", as: "minh")
            #expect(after.status == 401)
        }
    }
}
