@testable import AwardHTTP
@testable import AwardWeb
@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Issue 30 on the pages: a nominee's profile recorded on its page (the CCCD refused beside its
/// input, whole for the unit's officers, masked for the auditor), and the staff register page.
@Suite struct ProfilePageTests {
    @Test func anOfficerRecordsTheProfileOnTheNomineesPageAndTheAuditorSeesItMasked() async throws {
        try await WebHarness.with { web in
            web.engine.usePersonalDataKey(try PersonalDataKey(base64: PersonalDataKey.generate()))
            let u = try #require(web.users)
            try await web.engine.setPassword(name: "thanh", password: WebHarness.password, cost: 4)
            let n = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Nguyễn Thị Hoa", nomineeType: .individual), by: u.lan)
            let id = n.nominee.id
            let (lan, csrf) = try await web.signIn("lan")
            let page = try await web.get("/nominees/\(id)", session: lan)
            #expect(page.status == 200 && page.body.contains("Thông tin đối tượng") && page.body.contains(#"action="/nominees/\#(id)/profile""#))
            var fields = ["_csrf": csrf, "birth_date": "08/03/1985", "sex": "female", "position_class": "worker", "cccd": "0011850123"]
            let bad = try await web.post("/nominees/\(id)/profile", fields, session: lan)
            #expect(bad.status == 400 && bad.body.contains(#"id="cccd-error""#) && bad.body.contains("12 chữ số") && !bad.body.contains("0011850123"))
            #expect(try web.database.count("SELECT count(*) AS n FROM nominees WHERE birth_date IS NOT NULL") == 0)
            fields["cccd"] = "001185012345"
            #expect(try await web.post("/nominees/\(id)/profile", fields.filter { $0.key != "_csrf" }, session: lan).status == 403)
            let saved = try await web.post("/nominees/\(id)/profile", fields, session: lan)
            #expect(saved.status == 303 && saved.location == "/nominees/\(id)")
            let shown = try await web.get("/nominees/\(id)", session: lan)
            #expect(shown.body.contains("001185012345") && shown.body.contains("08/03/1985") && shown.body.contains("Người trực tiếp công tác"))
            let (thanh, _) = try await web.signIn("thanh")
            let audited = try await web.get("/nominees/\(id)", session: thanh)
            #expect(audited.status == 200 && audited.body.contains("*********345") && !audited.body.contains("001185012345"))
            #expect(!audited.body.contains(#"action="/nominees/\#(id)/profile""#))
        }
    }

    @Test func theProvinceKeepsItsStaffRegisterOnAPageAndADistrictCannot() async throws {
        try await WebHarness.with { web in
            let (hoa, csrf) = try await web.signIn("hoa")
            let page = try await web.get("/orgs/T-LC/staff", session: hoa)
            #expect(page.status == 200 && page.body.contains("Thêm tổ chức") && page.body.contains("Chưa ghi tổ chức nào"))
            let noDate = try await web.post("/orgs/T-LC/staff/bodies", ["_csrf": csrf, "name": "Ban Thi đua - Khen thưởng", "structure": "home_affairs_board"],
                                            session: hoa)
            #expect(noDate.status == 400 && noDate.body.contains(#"id="established-error""#))
            let added = try await web.post("/orgs/T-LC/staff/bodies", ["_csrf": csrf, "name": "Ban Thi đua - Khen thưởng", "structure": "home_affairs_board",
                                                                       "established": "01/01/2020"], session: hoa)
            #expect(added.status == 303)
            let body = try #require(try await web.engine.staffRegister(org: "T-LC", viewer: nil).first)
            let person = try await web.post("/orgs/T-LC/staff/people", ["_csrf": csrf, "body": "\(body.id)", "full_name": "Nguyễn Thị An", "sex": "female",
                                                                        "birth_date": "01/12/1990", "education": "university", "in_work_since": "01/03/2015"],
                                            session: hoa)
            #expect(person.status == 303)
            #expect(try await web.get("/orgs/T-LC/staff", session: hoa).body.contains("Nguyễn Thị An"))
            let (minh, minhCsrf) = try await web.signIn("minh")
            // A district keeps no register (forms 0604 and 0605 are a ministry's or a province's); nor may it write the province's.
            #expect(!(try await web.get("/orgs/TX-HL/staff", session: minh).body.contains("Thêm tổ chức")))
            let refused = try await web.post("/orgs/T-LC/staff/bodies", ["_csrf": minhCsrf, "name": "Khác", "structure": "home_affairs_board",
                                                                         "established": "01/01/2020"], session: minh)
            #expect(refused.status == 403)
            #expect(try web.database.count("SELECT count(*) AS n FROM emulation_bodies") == 1)
        }
    }
}
