@testable import AwardHTTP
@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The first-hour fixes of the API (issue 13, items 5, 6, 7, 9, 10).
@Suite struct FirstHourAPITests {
    static let giayKhen = #"{"kind":"giay-khen","unit":"P-HB","nominee":{"name":"Nguyễn Văn An","type":"individual"},"year":2023}"#

    @Test func aRefusalExplainsItselfInVietnameseAndInEnglishOnRequest() async throws {
        try await APIHarness.with { api in
            let id = try #require(try await api.send(.post, "/v1/nominations", as: "lan", json: Self.giayKhen).object["id"] as? Int)
            let refused = try await api.send(.post, "/v1/nominations/\(id)/approve", as: "lan")
            #expect(refused.status == 403)
            #expect(refused.object["detail_vi"] as? String == "Người dùng lan có vai trò cán bộ đề nghị, không được đồng ý hồ sơ.")
            #expect(refused.object["detail_en"] as? String == "user lan is nominator and cannot approve")
            #expect(refused.object["detail"] as? String == refused.object["detail_vi"] as? String)
            #expect(refused.headers[.contentLanguage] == "vi")
            let english = try await api.send(.post, "/v1/nominations/\(id)/approve", as: "lan", headers: ["Accept-Language": "en-GB,en;q=0.9,vi;q=0.5"])
            #expect(english.object["detail"] as? String == "user lan is nominator and cannot approve")
            #expect(english.headers[.contentLanguage] == "en")
            // The award's Vietnamese name, not its code.
            let collective = try await api.send(.post, "/v1/nominations", as: "lan",
                                                json: #"{"kind":"cstdcs","unit":"P-HB","nominee":{"name":"Đoàn Thanh niên","type":"collective"},"year":2025}"#)
            #expect(collective.status == 422)
            let vi = try #require(collective.object["detail_vi"] as? String)
            #expect(vi.contains("«Chiến sĩ thi đua cơ sở» không xét cho tập thể") && !vi.contains("cstdcs"))
        }
    }

    @Test func everyErrorCodeHasAVietnameseExplanation() {
        for code in ErrorCode.allCases {
            #expect(!code.vietnamese.isEmpty && code.vietnamese.unicodeScalars.contains { $0.value > 0x7F || $0 == "." }, "\(code)")
        }
    }

    @Test func anUnknownValueNamesItsFieldAndTheAcceptedValues() async throws {
        try await APIHarness.with { api in
            let before = try api.nominationCount()
            let person = try await api.send(.post, "/v1/nominations", as: "lan",
                                            json: #"{"kind":"giay-khen","unit":"P-HB","nominee":{"name":"An","type":"person"}}"#)
            #expect(person.status == 400)
            let en = try #require(person.object["detail_en"] as? String)
            #expect(en == #"nominee.type: "person" is not accepted; accepted values: individual, collective, household"#)
            #expect(!person.text.contains("Cannot initialize"))
            #expect((person.object["detail_vi"] as? String)?.hasPrefix("Trường nominee.type:") == true)
            #expect(try api.nominationCount() == before)
        }
    }

    @Test func aRulePackWithAnUnknownLevelListsTheLevels() throws {
        let text = AwardEngine.bundledPacks.first { $0.contains(#""level": "commune""#) }!.replacingOccurrences(of: #""level": "commune""#, with: #""level": "comune""#)
        let refused = #expect(throws: AwardError.self) { try RulePack.parse(text) }
        let message = refused?.message ?? ""
        #expect(message.contains(#""comune" is not accepted; accepted values: central, ministry, province, district, commune, unit"#), "\(message)")
        #expect(message.contains("line "))
        #expect(!message.contains("Cannot initialize"))
    }

    @Test func datesInJSONMayBeWrittenTheVietnameseWayAndAnswerInISO() async throws {
        try await APIHarness.with { api in
            let id = try #require(try await api.send(.post, "/v1/nominations", as: "lan", json: Self.giayKhen).object["id"] as? Int)
            let bad = try await api.send(.post, "/v1/nominations/\(id)/approve", as: "minh",
                                         json: #"{"decision":{"number":"15/QĐ-UBND","date":"31/02/2023"}}"#)
            #expect(bad.status == 400)
            #expect(bad.object["detail_en"] as? String == #"decision.date: "31/02/2023" is not a date; accepted forms: dd/mm/yyyy or YYYY-MM-DD"#)
            let awarded = try await api.send(.post, "/v1/nominations/\(id)/approve", as: "minh",
                                             json: #"{"decision":{"number":"15/QĐ-UBND","date":"18/11/2023"}}"#)
            #expect(awarded.status == 200, "\(awarded.text)")
            #expect((awarded.object["decision"] as? [String: Any])?["date"] as? String == "2023-11-18")
        }
    }

    @Test func awardeesTakeTheDecisionYearTheAchievementYearOrBoth() async throws {
        try await APIHarness.with { api in
            let id = try #require(try await api.send(.post, "/v1/nominations", as: "lan", json: Self.giayKhen).object["id"] as? Int)
            // A 2023 achievement decided on 15/01/2024.
            _ = try await api.send(.post, "/v1/nominations/\(id)/approve", as: "minh", json: #"{"decision":{"number":"3/QĐ-UBND","date":"2024-01-15"}}"#)
            func ids(_ query: String) async throws -> [Int?] {
                try await api.send(.get, "/v1/awardees?\(query)", as: "hoa").items.map { $0["nomination_id"] as? Int }
            }
            #expect(try await ids("year=2023") == [])
            #expect(try await ids("year=2024") == [id])
            #expect(try await ids("achievement_year=2023") == [id])
            #expect(try await ids("year=2024&achievement_year=2022") == [])
            let neither = try await api.send(.get, "/v1/awardees", as: "hoa")
            #expect(neither.status == 400 && neither.code == "year_required")
            #expect(try await api.send(.get, "/v1/awardees?achievement_year=99", as: "hoa").code == "bad_year")
        }
    }

    @Test func aDossierDocumentDownloadsAsUploadedWithinTheCallersView() async throws {
        try await APIHarness.with { api in
            let id = try #require(try await api.send(.post, "/v1/nominations", as: "lan", json: Self.giayKhen).object["id"] as? Int)
            let content = Data("%PDF-1.4\n% Tờ trình số 12/TTr-UBND\n%%EOF\n".utf8)
            let uploaded = try await api.send(.post, "/v1/nominations/\(id)/documents?type=to-trinh&name=T%E1%BB%9D-tr%C3%ACnh.pdf", as: "lan",
                                              raw: content, contentType: "application/pdf")
            #expect(uploaded.status == 201)
            let document = try #require(uploaded.object["id"] as? Int)
            let got = try await api.send(.get, "/v1/nominations/\(id)/documents/\(document)", as: "minh")
            #expect(got.status == 200)
            #expect(got.body == content)
            #expect(got.headers[.contentType] == "application/pdf")
            #expect(got.headers[HTTPField.Name("X-Content-SHA256")!] == uploaded.object["sha256"] as? String)
            #expect(got.headers[.contentDisposition]?.contains("filename*=UTF-8''T%E1%BB%9D-tr%C3%ACnh.pdf") == true)
            // Outside the caller's view, and an unknown document, are both not found.
            #expect(try await api.send(.get, "/v1/nominations/\(id)/documents/\(document)", as: "sung").status == 404)
            let unknown = try await api.send(.get, "/v1/nominations/\(id)/documents/999", as: "minh")
            #expect(unknown.status == 404 && unknown.code == "unknown_document")
        }
    }
}
