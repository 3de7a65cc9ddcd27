@testable import AwardHTTP
import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import AwardTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct APITests {
    static let ttg = #"{"kind":"bang-khen-ttg","unit":"P-HB","nominee":{"name":"Trường Tiểu học Hàm Rồng","type":"collective"},"year":2024}"#

    @Test func bangKhenTtgClimbsEveryTierWithThreeUsersTokens() async throws {
        try await APIHarness.with { api in
            let created = try await api.send(.post, "/v1/nominations", as: "lan", json: Self.ttg)
            #expect(created.status == 201)
            let id = try #require(created.object["id"] as? Int)
            #expect(created.object["org"] as? String == "TX-HL")
            #expect(try await api.send(.post, "/v1/nominations/\(id)/approve", as: "minh").object["org"] as? String == "T-LC")
            #expect(try await api.send(.post, "/v1/nominations/\(id)/approve", as: "hoa").object["org"] as? String == "TW")
            let awarded = try await api.send(.post, "/v1/nominations/\(id)/approve", as: "tung",
                                             json: #"{"decision":{"number":"45/QĐ-TTg","date":"2024-11-18"},"comment":"Đồng ý"}"#)
            #expect(awarded.status == 200)
            #expect(awarded.object["state"] as? String == "awarded")
            #expect((awarded.object["decision"] as? [String: Any])?["number"] as? String == "45/QĐ-TTg")
            let history = try await api.send(.get, "/v1/nominations/\(id)/history", as: "thanh")
            #expect(history.items.map { $0["actor"] as? String } == ["lan", "minh", "hoa", "tung"])
            #expect(history.items.last?["comment"] as? String == "Đồng ý")
            let shown = try await api.send(.get, "/v1/nominations/\(id)", as: "lan")
            #expect(shown.object["state"] as? String == "awarded")
        }
    }

    @Test func anotherDistrictsApproverSeesNothingAndChangesNothing() async throws {
        try await APIHarness.with { api in
            let id = try #require(try await api.send(.post, "/v1/nominations", as: "lan", json: Self.ttg).object["id"] as? Int)
            #expect(try await api.send(.post, "/v1/nominations/\(id)/approve", as: "sung").status == 404)
            #expect(try await api.send(.post, "/v1/nominations/\(id)/reject", as: "sung", json: #"{"reason":"x"}"#).status == 404)
            #expect(try await api.send(.get, "/v1/nominations/\(id)", as: "sung").status == 404)
            #expect(try await api.send(.get, "/v1/nominations/\(id)/history", as: "pao").status == 404)
            #expect(try api.database.count("SELECT count(*) AS n FROM transitions") == 1)
            // The province approver sees it but may not act before the district.
            let early = try await api.send(.post, "/v1/nominations/\(id)/approve", as: "hoa")
            #expect(early.status == 403)
            #expect(early.code == "wrong_org")
        }
    }

    @Test func badRequestsGetTheirProblemAndStoreNothing() async throws {
        try await APIHarness.with { api in
            let malformed = try await api.send(.post, "/v1/nominations", as: "lan", json: #"{"kind": "giay-khen", "#)
            #expect(malformed.status == 400 && malformed.code == "malformed_body")
            let missingField = try await api.send(.post, "/v1/nominations", as: "lan", json: #"{"kind":"giay-khen","unit":"P-HB"}"#)
            #expect(missingField.status == 400)
            #expect((missingField.object["detail"] as? String)?.contains("nominee") == true)
            let unknownKind = try await api.send(.post, "/v1/nominations", as: "lan",
                                                 json: #"{"kind":"huan-chuong","unit":"P-HB","nominee":{"name":"A","type":"individual"}}"#)
            #expect(unknownKind.status == 404 && unknownKind.code == "unknown_kind")
            let huge = try await api.send(.post, "/v1/nominations", as: "lan", raw: Data(repeating: 0x61, count: 10 * 1024 * 1024))
            #expect(huge.status == 413 && huge.code == "body_too_large")
            let noToken = try await api.send(.post, "/v1/nominations", json: Self.ttg)
            #expect(noToken.status == 401 && noToken.code == "missing_token")
            let badToken = try await api.send(.get, "/v1/inbox", headers: ["Authorization": "Bearer awd_forged"])
            #expect(badToken.status == 401 && badToken.code == "bad_token")
            let text = try await api.send(.post, "/v1/nominations", as: "lan", json: Self.ttg, contentType: "text/plain")
            #expect(text.status == 415)
            let invalidUTF8 = try await api.send(.post, "/v1/nominations", as: "lan", raw: Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D]))
            #expect(invalidUTF8.status == 400)
            let nested = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
            #expect(try await api.send(.post, "/v1/nominations", as: "lan", json: nested).status == 400)
            let badType = try await api.send(.post, "/v1/nominations", as: "lan",
                                             json: #"{"kind":"giay-khen","unit":"P-HB","nominee":{"name":"A","type":"robot"}}"#)
            #expect(badType.status == 400)
            let notAccepted = try await api.send(.post, "/v1/nominations", as: "lan",
                                                 json: #"{"kind":"ldtt","unit":"P-HB","nominee":{"name":"Tổ Văn thư","type":"collective"}}"#)
            #expect(notAccepted.status == 422 && notAccepted.code == "nominee_type_not_accepted")
            #expect(try await api.send(.get, "/v1/nominations/abc", as: "lan").status == 400)
            #expect(try await api.send(.post, "/v1/nominations/1/promote", as: "lan").status == 404)
            #expect(try await api.send(.get, "/v1/awardees", as: "lan").status == 400)
            #expect(try await api.send(.get, "/v1/awardees?year=abc", as: "lan").status == 400)
            #expect(try await api.send(.get, "/v1/inbox?limit=0", as: "lan").status == 400)
            #expect(try await api.send(.get, "/v1/inbox?cursor=%21%21", as: "lan").status == 400)
            #expect(try await api.send(.get, "/v1/nothing-here", as: "lan").status == 404)
            #expect(try api.nominationCount() == 0)
            // Hostile text is stored verbatim.
            let sql = #"{"kind":"giay-khen","unit":"P-HB","nominee":{"name":"x'); DROP TABLE nominations; --","type":"individual"}}"#
            let stored = try await api.send(.post, "/v1/nominations", as: "lan", json: sql)
            #expect((stored.object["nominee"] as? [String: Any])?["name"] as? String == "x'); DROP TABLE nominations; --")
        }
    }

    @Test func idempotencyKeyReplaysTheFirstResponse() async throws {
        try await APIHarness.with { api in
            let key = ["Idempotency-Key": "create-42"]
            let first = try await api.send(.post, "/v1/nominations", as: "lan", json: Self.ttg, headers: key)
            let again = try await api.send(.post, "/v1/nominations", as: "lan", json: Self.ttg, headers: key)
            #expect(first.status == 201 && again.status == 201)
            #expect(first.object["id"] as? Int == again.object["id"] as? Int)
            #expect(try api.nominationCount() == 1)
            let other = try await api.send(.post, "/v1/nominations", as: "lan",
                                           json: #"{"kind":"giay-khen","unit":"P-HB","nominee":{"name":"Khác","type":"individual"}}"#, headers: key)
            #expect(other.status == 422 && other.code == "idempotency_key_reused")
            #expect(try api.nominationCount() == 1)
        }
    }

    @Test func listsArePagedAndAwardeesExportAsCSV() async throws {
        try await APIHarness.with { api in
            var ids: [Int] = []
            for name in ["Bùi Thị Hà", "Ánh Dương", "Đặng Văn Em", "Nguyễn Văn An", "Dương Thị Mai"] {
                let created = try await api.send(.post, "/v1/nominations", as: "lan",
                                                 json: #"{"kind":"giay-khen","unit":"P-HB","nominee":{"name":"\#(name)","type":"individual"}}"#)
                ids.append(try #require(created.object["id"] as? Int))
            }
            let page1 = try await api.send(.get, "/v1/inbox?limit=2", as: "minh")
            #expect(page1.items.count == 2)
            let cursor = try #require(page1.object["next_cursor"] as? String)
            let page2 = try await api.send(.get, "/v1/inbox?limit=2&cursor=\(cursor)", as: "minh")
            #expect(page2.items.map { $0["id"] as? Int } == Array(ids[2...3]))
            for id in ids {
                _ = try await api.send(.post, "/v1/nominations/\(id)/approve", as: "minh", json: #"{"decision":{"number":"9/QĐ-UBND","date":"2024-05-19"}}"#)
            }
            let awardees = try await api.send(.get, "/v1/awardees?year=2024&limit=3", as: "thanh")
            #expect(awardees.items.map { $0["nominee"] as? String } == ["Ánh Dương", "Bùi Thị Hà", "Dương Thị Mai"])
            let rest = try await api.send(.get, "/v1/awardees?year=2024&limit=3&cursor=\(try #require(awardees.object["next_cursor"] as? String))", as: "thanh")
            #expect(rest.items.map { $0["nominee"] as? String } == ["Đặng Văn Em", "Nguyễn Văn An"])
            #expect(rest.object["next_cursor"] is NSNull)
            let csv = try await api.send(.get, "/v1/awardees?year=2024", as: "thanh", headers: ["Accept": "text/csv"])
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.hasPrefix("\u{FEFF}nomination_id,nominee,nominee_type,kind,unit,decision_number,decision_date\r\n"))
            #expect(csv.text.contains(",Ánh Dương,individual,giay-khen,P-HB,9/QĐ-UBND,19/05/2024\r\n"))
            #expect(csv.text.components(separatedBy: "\r\n").count == 7)
            // Another district's approver sees none of them, and may not ask for this district.
            #expect(try await api.send(.get, "/v1/awardees?year=2024", as: "sung").items.isEmpty)
            #expect(try await api.send(.get, "/v1/awardees?year=2024&org=TX-HL", as: "sung").status == 403)
            let orgs = try await api.send(.get, "/v1/orgs?limit=5", as: "lan")
            #expect(orgs.items.count == 5 && orgs.items.first?["code"] as? String == "TW")
            // Regression (schemathesis ST108): absent values are written as null, as the schema requires.
            #expect(orgs.items.first?["parent"] is NSNull)
            let moreOrgs = try await api.send(.get, "/v1/orgs?limit=5&cursor=\(try #require(orgs.object["next_cursor"] as? String))", as: "lan")
            #expect(moreOrgs.items.count == 2)
            #expect(try await api.send(.get, "/v1/kinds", as: "lan").items.count == 8)
            #expect(try await api.send(.get, "/v1/me", as: "hoa").object["org"] as? String == "T-LC")
        }
    }

    @Test func operationsEndpoints() async throws {
        try await APIHarness.with { api in
            #expect(try await api.send(.get, "/healthz").status == 200)
            let head = try await api.send(.head, "/healthz")
            #expect(head.status == 200 && head.body.isEmpty)
            #expect(try await api.send(.get, "/readyz").status == 200)
            _ = try await api.send(.post, "/v1/nominations", as: "lan", json: Self.ttg)
            // /metrics answers only clients it allows (loopback by default): a caller it cannot place gets 404.
            // (FirstHourDaemonTests reads it from loopback.)
            #expect(try await api.send(.get, "/metrics").status == 404)
            let spec = try await api.send(.get, "/openapi.json")
            #expect(spec.object["openapi"] as? String == "3.1.0")
            #expect(spec.headers[HTTPField.Name("X-Request-Id")!] != nil)
            // A database one migration behind (an upgrade in progress): not ready, and saying why.
            try api.database.execute("DELETE FROM award_schema_migrations WHERE version = (SELECT max(version) FROM award_schema_migrations)")
            let behind = try await api.send(.get, "/readyz")
            #expect(behind.status == 503 && behind.code == "schema_too_old")
        }
    }

    @Test func eligibilityCheckAndCouncilVoteOverHTTP() async throws {
        try await APIHarness.with { api in
            let draft = try await api.send(.post, "/v1/nominations", as: "lan",
                                           json: #"{"kind":"giay-khen","unit":"P-HB","nominee":{"name":"Ngô Văn Tài","type":"individual"},"draft":true}"#)
            let nominee = try #require((draft.object["nominee"] as? [String: Any])?["id"] as? Int)
            let refused = try await api.send(.post, "/v1/nominations", as: "lan",
                                             json: #"{"kind":"cstdcs","unit":"P-HB","nominee":{"id":\#(nominee)},"year":2025}"#)
            #expect(refused.status == 422 && refused.code == "same_year_award")
            try await api.engine.importPriorAward(nominee: Int64(nominee), kind: "ldtt", year: 2025, decision: .init(number: "1/QĐ", date: CivilDate(iso: "2025-12-01")!),
                                                  issuer: "UBND", by: "test")
            try await api.engine.addInitiative(nominee: Int64(nominee), year: 2025, scope: "unit", title: "Cải tiến quy trình")
            let created = try await api.send(.post, "/v1/nominations", as: "lan",
                                             json: #"{"kind":"cstdcs","unit":"P-HB","nominee":{"id":\#(nominee)},"year":2025}"#)
            let id = try #require(created.object["id"] as? Int)
            let check = try await api.send(.post, "/v1/nominations/\(id)/check", as: "thanh")
            #expect(check.status == 200 && check.object["eligible"] as? Bool == true)
            #expect(check.object.keys.sorted() == ["checked", "eligible", "override", "reasons"])
            let lowVote = try await api.send(.post, "/v1/nominations/\(id)/approve", as: "minh",
                json: #"{"decision":{"number":"8/QĐ-UBND","date":"2026-01-20"},"vote":{"members":10,"present":7,"in_favour":7}}"#)
            #expect(lowVote.status == 422 && lowVote.code == "vote_failed")
            let passed = try await api.send(.post, "/v1/nominations/\(id)/approve", as: "minh",
                json: #"{"decision":{"number":"8/QĐ-UBND","date":"2026-01-20"},"vote":{"members":10,"present":9,"in_favour":8,"secret_ballot":true}}"#)
            #expect(passed.status == 200 && passed.object["state"] as? String == "awarded")
            #expect(try await api.send(.post, "/v1/nominations/\(id)/check", as: "sung").status == 404)
        }
    }

    @Test func decisionsDocumentsAndDeadlinesOverHTTP() async throws {
        try await APIHarness.with { api in
            var ids: [Int] = []
            for name in ["Lý Thị Ngân", "Trịnh Văn Lực", "Tổ dân phố 3"] {
                let created = try await api.send(.post, "/v1/nominations", as: "lan",
                                                 json: #"{"kind":"giay-khen","unit":"P-HB","nominee":{"name":"\#(name)","type":"\#(name.hasPrefix("Tổ") ? "collective" : "individual")"}}"#)
                ids.append(try #require(created.object["id"] as? Int))
            }
            let decision = try await api.send(.post, "/v1/decisions", as: "minh",
                json: #"{"kind":"giay-khen","date":"2026-11-18","nominations":[\#(ids.map(String.init).joined(separator: ","))],"signer":"Nguyễn Văn Minh","on_behalf":true}"#)
            #expect(decision.status == 201)
            #expect(decision.object["number"] as? String == "1/QĐ-UBND")
            #expect(decision.object["total_bonus_vnd"] as? Int == 710_000 * 2 + 1_410_000)
            let again = try await api.send(.post, "/v1/decisions", as: "minh",
                json: #"{"kind":"giay-khen","date":"2026-11-18","nominations":[\#(ids[0])]}"#)
            #expect(again.status == 409 && again.code == "wrong_state")
            let notMine = try await api.send(.post, "/v1/decisions", as: "lan", json: #"{"kind":"giay-khen","date":"2026-11-18","nominations":[1]}"#)
            #expect(notMine.status == 403)

            let pending = try await api.send(.post, "/v1/nominations", as: "lan",
                                             json: #"{"kind":"giay-khen","unit":"P-HB","nominee":{"name":"Đoàn Thị Yến","type":"individual"}}"#)
            let id = try #require(pending.object["id"] as? Int)
            #expect(pending.object["due_on"] is String)
            let uploaded = try await api.send(.post, "/v1/nominations/\(id)/documents?type=to-trinh&name=T%E1%BB%9D%20tr%C3%ACnh.pdf", as: "lan",
                                              raw: Data("%PDF-1.7\n%%EOF\n".utf8), contentType: "application/pdf")
            #expect(uploaded.status == 201)
            #expect(uploaded.object["name"] as? String == "Tờ trình.pdf")
            #expect(try await api.send(.post, "/v1/nominations/\(id)/documents?type=bogus&name=x.pdf", as: "lan", raw: Data("%PDF-1.7".utf8)).status == 400)
            #expect(try await api.send(.post, "/v1/nominations/\(id)/documents?type=khac&name=x.sh", as: "lan", raw: Data("#!/bin/sh".utf8)).status == 400)
            #expect(try await api.send(.post, "/v1/nominations/\(id)/documents?type=khac&name=x.pdf", as: "thanh", raw: Data("%PDF-1.7".utf8)).status == 403)
            #expect(try await api.send(.get, "/v1/nominations/\(id)/documents", as: "thanh").items.count == 1)
            #expect(try await api.send(.get, "/v1/nominations/\(id)/documents", as: "sung").status == 404)
            let overdue = try await api.send(.get, "/v1/overdue?within=30", as: "minh")
            #expect(overdue.items.count == 1)
            #expect(try await api.send(.get, "/v1/overdue?within=30", as: "sung").items.isEmpty)
            #expect(try await api.send(.get, "/v1/overdue?within=-1", as: "minh").status == 400)
            let objection = try await api.send(.post, "/v1/nominations/\(id)/objections", as: "minh", json: #"{"text":"Trùng hồ sơ","received_on":"2026-11-20"}"#)
            #expect(objection.status == 201)
            let objectionId = try #require(objection.object["id"] as? Int)
            #expect(try await api.send(.post, "/v1/objections/\(objectionId)/resolve", as: "lan", json: #"{"resolution":"x"}"#).status == 403)
            #expect(try await api.send(.post, "/v1/objections/\(objectionId)/resolve", as: "minh", json: #"{"resolution":"Đã xác minh"}"#).status == 200)
        }
    }

    @Test func auditSummarySearchAndNomineeHistoryOverHTTP() async throws {
        try await APIHarness.with { api in
            let created = try await api.send(.post, "/v1/nominations", as: "lan",
                                             json: #"{"kind":"giay-khen","unit":"P-HB","nominee":{"name":"Đặng Thị Đào","type":"individual"}}"#)
            let id = try #require(created.object["id"] as? Int)
            _ = try await api.send(.post, "/v1/nominations/\(id)/approve", as: "minh", json: #"{"decision":{"date":"2026-11-18"}}"#)
            let audit = try await api.send(.get, "/v1/audit?actor=minh", as: "thanh")
            #expect(audit.items.map { $0["command"] as? String } == ["approve"])
            let creation = try await api.send(.get, "/v1/audit?actor=lan", as: "thanh")
            #expect(creation.items.first?["from_state"] is NSNull)
            #expect(creation.items.first?["reason"] is NSNull)
            #expect(try await api.send(.get, "/v1/audit", as: "minh").status == 403)
            #expect(try await api.send(.get, "/v1/audit?org=H-SP", as: "thanh").items.isEmpty)
            #expect(try await api.send(.get, "/v1/audit?from=yesterday", as: "thanh").status == 400)
            let csv = try await api.send(.get, "/v1/audit", as: "admin", headers: ["Accept": "text/csv"])
            #expect(csv.text.hasPrefix("\u{FEFF}nomination_id,seq,kind,nominee"))
            let summary = try await api.send(.get, "/v1/reports/summary?from=2026&to=2026", as: "thanh")
            #expect((summary.object["rows"] as? [[String: Any]])?.first?["count"] as? Int == 1)
            #expect((summary.object["sentences"] as? [String])?.first?.contains("tặng Giấy khen cho 1 cá nhân") == true)
            #expect(try await api.send(.get, "/v1/reports/summary?from=2026", as: "thanh").status == 400)
            let search = try await api.send(.get, "/v1/search?q=dang%20thi%20dao", as: "lan")
            #expect(search.items.first?["name"] as? String == "Đặng Thị Đào")
            #expect(try await api.send(.get, "/v1/search?q=dao", as: "sung").items.isEmpty)
            #expect(try await api.send(.get, "/v1/search", as: "lan").status == 400)
            let nominee = try #require((created.object["nominee"] as? [String: Any])?["id"] as? Int)
            #expect(try await api.send(.get, "/v1/nominees/\(nominee)/history", as: "hoa").status == 200)
            #expect(try await api.send(.get, "/v1/nominees/\(nominee)/history", as: "sung").status == 404)
        }
    }

    @Test func everyServedRouteAndStatusIsDocumented() throws {
        let router = AwardAPI.router(engine: AwardEngine(conninfo: "unused"), configuration: .init(metricsText: TestMetrics.text))
        let served = Set(router.routes.map { route -> String in
            let path = "/" + route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                .joined(separator: "/")
            return "\(route.method.rawValue) \(path)"
        })
        let specified = Set(AwardAPI.routes.map { "\($0.method) \($0.path)" })
        #expect(served == specified)
        for spec in AwardAPI.routes {
            let documented = OpenAPIDocument.shared.operations["\(spec.method) \(spec.path)"]
            #expect(documented != nil, "\(spec.method) \(spec.path) is not in /openapi.json")
            #expect(spec.statuses.isSubset(of: documented ?? []), "\(spec.method) \(spec.path): \(spec.statuses.subtracting(documented ?? [])) undocumented")
        }
        #expect(Set(OpenAPIDocument.shared.operations.keys) == specified)
    }
}
