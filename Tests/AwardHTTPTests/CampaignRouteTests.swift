@testable import AwardHTTP
@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import HTTPTypes
import Testing

/// A campaign year over the API: launch, registrations (one returned and resent), reviews,
/// proposals into nominations, awards and the report; refusals with their codes (issue 16).
@Suite struct CampaignRouteTests {
    @Test func aCampaignYearOverHTTP() async throws {
        try await APIHarness.with { api in
            let launch = """
                {"code": "PT-2026", "org": "T-LC", "name": "Thi đua yêu nước năm 2026", "kind": "regular",
                 "starts_on": "2026-01-01", "ends_on": "2026-12-31", "launch_number": "12/KH-UBND",
                 "awards": [{"kind": "ldtt", "per_unit_quota": 3}, {"kind": "bang-khen-tinh", "per_unit_quota": 1}],
                 "criteria": [{"kind": "ldtt", "text": "Hoàn thành tốt nhiệm vụ trở lên"}]}
                """
            // A nominator does not launch; a period that ends before it starts is refused, naming the fields.
            #expect(try await api.send(.post, "/v1/campaigns", as: "lan", json: launch).status == 403)
            let backwards = try await api.send(.post, "/v1/campaigns", as: "hoa", json: launch.replacingOccurrences(of: "2026-12-31", with: "2025-12-31"))
            #expect(backwards.status == 400 && backwards.code == "bad_period" && backwards.text.contains("ends_on"))
            #expect(try await api.send(.post, "/v1/campaigns", as: "hoa", json: launch).status == 201)
            #expect(try await api.send(.post, "/v1/campaigns", as: "hoa", json: launch).status == 409)
            let launched = try await api.send(.post, "/v1/campaigns/PT-2026/move", as: "hoa", json: #"{"to": "registration", "launch_date": "2026-01-05"}"#)
            #expect(launched.status == 200 && launched.object["state"] as? String == "registration")
            #expect(try await api.send(.get, "/v1/campaigns?state=registration", as: "lan").text.contains("PT-2026"))
            #expect(try await api.send(.get, "/v1/campaigns?state=open", as: "lan").status == 400)

            let people = ["Lò Văn An", "Vàng Thị Bình", "Giàng A Chư", "Sùng Thị Dung"].map { #"{"nominee": {"name": "\#($0)", "type": "individual"}, "kinds": ["ldtt"]}"# }
            let ham = try await api.send(.post, "/v1/campaigns/PT-2026/registrations", as: "lan",
                                         json: #"{"unit": "P-HB", "year": 2026, "entries": [\#(people.joined(separator: ","))]}"#)
            #expect(ham.status == 201)
            let hamId = ham.object["id"] as! Int
            let taPhin = try await api.send(.post, "/v1/campaigns/PT-2026/registrations", as: "pao",
                                            json: #"{"unit": "X-TP", "year": 2026, "entries": [{"nominee": {"name": "Thào A Páo", "type": "individual"}, "kinds": ["ldtt"]}]}"#)
            #expect(taPhin.status == 201)
            // A ward cannot register for another ward.
            #expect(try await api.send(.post, "/v1/campaigns/PT-2026/registrations", as: "pao",
                                       json: #"{"unit": "P-HB", "year": 2026, "entries": [{"nominee": {"name": "Lạ", "type": "individual"}, "kinds": ["ldtt"]}]}"#).status == 403)
            #expect(try await api.send(.post, "/v1/registrations/\(hamId)/send", as: "lan").status == 200)
            #expect(try await api.send(.post, "/v1/registrations/\(hamId)/return", as: "hoa").code == "empty_reason")
            #expect(try await api.send(.post, "/v1/registrations/\(hamId)/return", as: "hoa", json: #"{"reason": "Bổ sung chỉ tiêu"}"#).status == 200)
            #expect(try await api.send(.post, "/v1/registrations/\(hamId)/accept", as: "hoa").code == "registration_state")
            #expect(try await api.send(.post, "/v1/registrations/\(hamId)/send", as: "lan").status == 200)
            #expect(try await api.send(.post, "/v1/registrations/\(hamId)/accept", as: "hoa").status == 200)
            #expect(try await api.send(.post, "/v1/registrations/\(hamId)/approve", as: "hoa").status == 404)
            // Another district's approver does not see Hàm Rồng's registration.
            #expect(try await api.send(.get, "/v1/registrations/\(hamId)", as: "sung").status == 404)
            let taId = taPhin.object["id"] as! Int
            _ = try await api.send(.post, "/v1/registrations/\(taId)/send", as: "pao")
            _ = try await api.send(.post, "/v1/registrations/\(taId)/accept", as: "hoa")

            for to in ["running", "reviewing"] {
                #expect(try await api.send(.post, "/v1/campaigns/PT-2026/move", as: "hoa", json: #"{"to": "\#(to)"}"#).status == 200)
            }
            let registration = try await api.engine.registration(Int64(hamId))
            let ids = registration.entries.map(\.nomineeId)
            for id in ids.prefix(3) {
                let review = try await api.send(.post, "/v1/campaigns/PT-2026/reviews", as: "lan",
                                                json: #"{"year": 2026, "nominee_id": \#(id), "result": "here", "kind": "ldtt", "vote": {"members": 7, "present": 7, "in_favour": 6}}"#)
                #expect(review.status == 200)
            }
            let bad = try await api.send(.post, "/v1/campaigns/PT-2026/reviews", as: "lan", json: #"{"year": 2026, "nominee_id": \#(ids[3]), "result": "maybe"}"#)
            #expect(bad.status == 400 && bad.text.contains("here, higher, not_reached"))
            let over = try await api.send(.post, "/v1/campaigns/PT-2026/reviews", as: "lan", json: #"{"year": 2026, "nominee_id": \#(ids[3]), "result": "here", "kind": "ldtt"}"#)
            #expect(over.status == 422 && over.code == "campaign_quota_exceeded")
            _ = try await api.send(.post, "/v1/campaigns/PT-2026/reviews", as: "lan", json: #"{"year": 2026, "nominee_id": \#(ids[3]), "result": "not_reached", "criteria_met": false}"#)

            let proposals = try await api.send(.post, "/v1/campaigns/PT-2026/proposals", as: "lan", json: #"{"unit": "P-HB", "year": 2026}"#)
            #expect(proposals.status == 201)
            let nominations = (proposals.object["items"] as! [[String: Any]]).map { Int64($0["id"] as! Int) }
            #expect(nominations.count == 3)
            _ = try await api.engine.decide(org: "TX-HL", kind: "ldtt", nominations: nominations, by: api.users.minh, date: CivilDate(iso: "2026-11-20")!)

            let report = try await api.send(.get, "/v1/campaigns/PT-2026/report?year=2026", as: "hoa")
            #expect(report.status == 200)
            let units = report.object["units"] as! [[String: Any]]
            let row = units.first { $0["org"] as? String == "P-HB" }!
            #expect(row["registered"] as? Int == 4 && row["reviewed"] as? Int == 4 && row["proposed"] as? Int == 3)
            #expect(row["not_reached"] as? Int == 1 && row["awarded_here"] as? Int == 3)
            #expect((report.object["sentence"] as? String)?.contains("3 cá nhân") == true)

            #expect(try await api.send(.post, "/v1/campaigns/PT-2026/move", as: "hoa", json: #"{"to": "closed"}"#).status == 200)
            let closed = try await api.send(.post, "/v1/campaigns/PT-2026/reviews", as: "lan", json: #"{"year": 2026, "nominee_id": \#(ids[3]), "result": "not_reached"}"#)
            #expect(closed.status == 422 && closed.code == "campaign_state")
            #expect(try await api.send(.get, "/v1/campaigns/NOPE", as: "hoa").status == 404)
            #expect(try await api.send(.get, "/v1/funds/TX-HL/2026", as: "minh").status == 200)
            #expect(try await api.send(.get, "/v1/funds/T-LC/2026", as: "minh").status == 403)
            #expect(try await api.send(.get, "/v1/clusters", as: "hoa").status == 200)
        }
    }
}
