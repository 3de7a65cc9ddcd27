@testable import AwardHTTP
@testable import AwardWeb
@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// The inbox's bulk form: ticked dossiers returned with one reason, each outcome listed; the form
/// needs its token, a reason, and a role that may.
@Suite struct BulkPageTests {
    @Test func tickedDossiersAreReturnedFromTheInboxWithOneReasonAndEachOutcomeIsListed() async throws {
        try await WebHarness.with { web in
            let u = try #require(web.users)
            var ids: [Int64] = []
            for name in ["Vàng Thị Dua", "Sần Văn Páo", "Tráng A Chứ"] {
                ids.append(try await web.engine.nominate(.init(kind: "bang-khen-tinh", unit: "P-HB", nomineeName: name, nomineeType: .individual), by: u.lan).id)
            }
            // The third is forwarded by someone else first: it will be refused, the others go through.
            _ = try await web.engine.perform(.approve, on: ids[2], by: u.minh)
            let (session, csrf) = try await web.signIn("minh")
            let inbox = try await web.get("/", session: session)
            #expect(inbox.body.contains(#"name="n\#(ids[0])""#) && inbox.body.contains(#"formaction="/inbox/return""#))
            var fields = ["_csrf": csrf, "reason": "Bổ sung bản sao quyết định khen thưởng năm trước"]
            for id in ids { fields["n\(id)"] = "\(id)" }
            // Without its token: refused, nothing changes.
            let forged = try await web.post("/inbox/return", fields.filter { $0.key != "_csrf" }, session: session)
            let returnsAfterForged = try web.database.count("SELECT count(*) AS n FROM transitions WHERE command = 'return'")
            #expect(forged.status == 403 && returnsAfterForged == 0)
            // Without a reason: the reason is asked for, nothing changes.
            let bare = try await web.post("/inbox/return", fields.merging(["reason": ""]) { $1 }, session: session)
            #expect([400, 422].contains(bare.status) && bare.body.contains("lý do"), "\(bare.status)")
            let done = try await web.post("/inbox/return", fields, session: session)
            #expect(done.status == 200, "\(done.body.prefix(400))")
            #expect(done.body.contains("Đã trả lại 2 hồ sơ; 1 hồ sơ không thực hiện được"))
            #expect(done.body.contains("Hồ sơ số \(ids[2])") && done.body.contains("Không thực hiện:"))
            #expect(try web.database.count("SELECT count(*) AS n FROM transitions WHERE command = 'return'") == 2)
            // A ward's nominator sees no bulk form, and may not post one.
            let (lan, lanCsrf) = try await web.signIn("lan")
            let lanInbox = try await web.get("/", session: lan)
            #expect(!lanInbox.body.contains(#"formaction="/inbox/return""#))
            let refused = try await web.post("/inbox/return", fields.merging(["_csrf": lanCsrf]) { $1 }, session: lan)
            #expect(refused.status == 403)
        }
    }
}
