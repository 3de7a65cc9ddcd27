@testable import AwardHTTP
@testable import AwardWeb
@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Mustache
import Testing

/// What a ward officer working alone met in the first hour (issue 26), each as it happens on the page.
@Suite struct OfficerPagesTests {
    @Test func aSearchOfSeveralWordsTypedInTheFormFindsThePerson() async throws {
        try await WebHarness.with { web in
            _ = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Trường Tiểu học Hàm Rồng", nomineeType: .collective, year: 2025),
                                              by: web.users.lan)
            let (session, _) = try await web.signIn("minh")
            // What the browser sends for "truong tieu hoc": spaces as '+'.
            let found = try await web.get("/search?q=truong+tieu+hoc", session: session)
            #expect(found.status == 200)
            #expect(found.body.contains("Trường Tiểu học Hàm Rồng"), "the search found nothing")
            #expect(!found.body.contains("truong+tieu+hoc"), "the page echoes the undecoded query")
            // Percent-escapes and '+' together, as a browser writes "Hàm Rồng".
            let accented = try await web.get("/search?q=H%C3%A0m+R%E1%BB%93ng", session: session)
            #expect(accented.body.contains("Trường Tiểu học Hàm Rồng"))
        }
    }

    @Test func aDoubleClickOnCreateMakesOneDossier() async throws {
        try await WebHarness.with { web in
            let (session, csrf) = try await web.signIn("lan")
            let form = try await web.get("/nominations/new", session: session)
            let once = try #require(form.body.range(of: #"name="_once" value="([0-9a-f]{32})""#, options: .regularExpression)
                .map { String(form.body[$0].split(separator: "\"")[3]) })
            let fields = ["_csrf": csrf, "_once": once, "kind": "giay-khen", "unit": "P-HB", "nominee_name": "Phạm Thị Hoa",
                          "nominee_type": "individual", "year": "2025"]
            // Two sendings at once, then a third later (a reload of the POST).
            async let first = web.post("/nominations/new", fields, session: session)
            async let second = web.post("/nominations/new", fields, session: session)
            let answers = try await [first, second, web.post("/nominations/new", fields, session: session)]
            #expect(answers.allSatisfy { $0.status == 303 }, "\(answers.map(\.status))")
            #expect(Set(answers.compactMap(\.location)).count == 1, "\(answers.map(\.location))")
            let count = try web.database.column("SELECT count(*) FROM nominations")
            #expect(count == ["1"])
            #expect(try web.database.column("SELECT count(*) FROM nominees WHERE name = 'Phạm Thị Hoa'") == ["1"])
            // A refused sending claims nothing: corrected, the same form is sent once.
            let page = try await web.get("/nominations/new", session: session)
            let key = try #require(page.body.range(of: #"name="_once" value="([0-9a-f]{32})""#, options: .regularExpression)
                .map { String(page.body[$0].split(separator: "\"")[3]) })
            var wrong = fields
            wrong["_once"] = key
            wrong["nominee_name"] = ""
            #expect(try await web.post("/nominations/new", wrong, session: session).status == 400)
            wrong["nominee_name"] = "Vũ Văn Nam"
            #expect(try await web.post("/nominations/new", wrong, session: session).status == 303)
            #expect(try web.database.column("SELECT count(*) FROM nominations") == ["2"])
        }
    }

    @Test func queriesAndFormsDecodeAsHTMLSays() {
        #expect(FormURLEncoded.decode("q=truong+tieu+hoc&x=a%2Bb&y=&z") == ["q": "truong tieu hoc", "x": "a+b", "y": "", "z": ""])
        #expect(FormURLEncoded.decode("a=1&a=2")["a"] == "1")
        // A value that is not UTF-8 once decoded is dropped, never guessed.
        #expect(FormURLEncoded.decode("bad=%FF&ok=1") == ["ok": "1"])
    }

    @Test func eachStepOfTheTimelineShowsOnlyItsOwnReasonAndDecision() async throws {
        try await WebHarness.with { web in
            let n = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lò Thị Mai", nomineeType: .individual, year: 2025,
                                                        reason: "Hoàn thành xuất sắc nhiệm vụ năm 2025"), by: web.users.lan)
            _ = try await web.engine.perform(.approve, on: n.id, by: web.users.minh, comment: "Đủ điều kiện",
                                             decision: .init(number: "21/QĐ-UBND", date: AwardEngine.today(Date())))
            let (session, _) = try await web.signIn("minh")
            let page = try await web.get("/nominations/\(n.id)", session: session)
            let timeline = try #require(page.body.range(of: #"<ol class="timeline">"#).map { String(page.body[$0.lowerBound...]) })
            let steps = timeline.components(separatedBy: "<li>").dropFirst()
            #expect(steps.count == 2)
            let created = try #require(steps.first { $0.contains("Tạo hồ sơ") })
            #expect(!created.contains("21/QĐ-UBND"), "the creation step shows the final decision")
            #expect(!created.contains("Đủ điều kiện"))
            let approved = try #require(steps.first { $0.contains("Đồng ý") })
            #expect(approved.contains("21/QĐ-UBND") && approved.contains("Đủ điều kiện"))
        }
    }

    @Test func everyPageTemplateParsesAtStartUp() throws {
        let pages = try WebPages()
        for template in WebPages.Template.allCases {
            #expect(pages.library.getTemplate(named: template.rawValue) != nil, "\(template.rawValue)")
        }
    }

    @Test func aFieldWithNothingInItNeverShowsTheOuterValueOfTheSameName() throws {
        struct Row: Sendable { var reason: String? }
        struct Page: Sendable { var reason: String; var rows: [Row] }
        var library = MustacheLibrary()
        try library.register("{{#rows}}[{{reason}}]{{/rows}}", named: "t")
        let html = library.render(TemplateModel(Page(reason: "outer", rows: [Row(reason: nil), Row(reason: "own")])), withTemplate: "t")
        #expect(html == "[][own]")
    }

    @Test func theDecidingFormStartsFromTheUsualSignerKeepsWhatWasTypedAndAsksBeforeAnotherYear() async throws {
        try await WebHarness.with { web in
            _ = try await web.engine.setUsualSigner(org: "TX-HL", name: "Lương Văn Dũng", title: "Phó Chủ tịch", by: web.users.admin)
            let n = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lò Thị Mai", nomineeType: .individual, year: 2025),
                                                  by: web.users.lan)
            let (session, csrf) = try await web.signIn("minh")
            let page = try await web.get("/nominations/\(n.id)", session: session)
            #expect(page.body.contains(#"name="signer" type="text" value="Lương Văn Dũng""#))
            #expect(page.body.contains(#"value="Phó Chủ tịch""#))
            #expect(page.body.contains(#"<option value="KT." selected>"#), "a deputy signs for the head by default")
            // Giấy khen at the district needs no council vote: no vote fields.
            #expect(!page.body.contains(#"name="members""#))

            let today = AwardEngine.today(Date())
            let lastYear = CivilDate(year: today.year - 1, month: 11, day: 18)!
            var fields = ["_csrf": csrf, "decision_number": "8/QĐ-UBND", "decision_date": lastYear.vietnamese,
                          "signer": "Lương Văn Dũng", "signer_title": "Phó Chủ tịch", "signer_prefix": "KT.", "comment": "Đủ điều kiện"]
            let asked = try await web.post("/nominations/\(n.id)/approve", fields, session: session)
            #expect(asked.status == 422)
            #expect(asked.body.contains("không phải năm nay"))
            #expect(asked.body.contains(#"name="confirm_year" type="checkbox" value="\#(lastYear.year)""#))
            #expect(asked.body.contains(#"value="\#(lastYear.vietnamese)""#), "the typed date is kept")
            #expect(asked.body.contains(#"value="8/QĐ-UBND""#), "the typed number is kept")
            #expect(asked.body.contains("Đủ điều kiện</textarea>"), "the comment is kept")
            #expect(asked.body.contains(##"href="#approve-date""##), "the summary leads to the date")
            #expect(try await web.state(n.id) == .pending)

            let tomorrow = CivilDate(dayNumber: today.dayNumber + 1)
            fields["decision_date"] = tomorrow.vietnamese
            fields["confirm_year"] = String(tomorrow.year)
            let future = try await web.post("/nominations/\(n.id)/approve", fields, session: session)
            #expect(future.status == 422)
            #expect(future.body.contains("sau hôm nay"))
            #expect(future.body.contains(#"value="\#(tomorrow.vietnamese)""#))
            #expect(try await web.state(n.id) == .pending)

            fields["decision_date"] = lastYear.vietnamese
            fields["confirm_year"] = String(lastYear.year)
            let done = try await web.post("/nominations/\(n.id)/approve", fields, session: session)
            #expect(done.status == 303)
            #expect(try await web.state(n.id) == .awarded)
            #expect(try web.database.column("SELECT signer || '|' || signer_title || '|' || signer_prefix FROM decisions") == ["Lương Văn Dũng|Phó Chủ tịch|KT."])
            // The confirmation travels in a one-shot cookie to the page the form leads to.
            let flash = done.headers[values: .setCookie].first { $0.hasPrefix("award_flash=") }?.split(separator: ";").first.map(String.init)
            #expect(flash == "award_flash=awarded")
            let after = try await web.get("/nominations/\(n.id)", session: session, extraCookie: flash)
            #expect(after.body.contains("Đã đồng ý khen thưởng"), "the confirmation banner")
            let again = try await web.get("/nominations/\(n.id)", session: session)
            #expect(!again.body.contains("Đã đồng ý khen thưởng"), "shown once")
            let decision = try #require(try web.database.column("SELECT id FROM decisions").first)
            #expect(after.body.contains(#"<a href="/decisions/\#(decision)">"#), "the dossier links to its decision")

            // The paper prints the prefix, the title and the name, and cites the organisation law.
            let paper = try await web.get("/decisions/\(decision)/document?format=html", session: session)
            #expect(paper.body.contains("KT. CHỦ TỊCH"))
            #expect(paper.body.contains("PHÓ CHỦ TỊCH"))
            #expect(paper.body.contains("Lương Văn Dũng"))
            #expect(paper.body.contains("Luật Tổ chức chính quyền địa phương"))
        }
    }

    @Test func sizesReadAsKBAndMB() {
        #expect(ByteSize.vietnamese(512) == "512 byte")
        #expect(ByteSize.vietnamese(1_024) == "2 KB")
        #expect(ByteSize.vietnamese(850_000) == "850 KB")
        #expect(ByteSize.vietnamese(1_500_000) == "1,5 MB")
        #expect(ByteSize.vietnamese(12_000_000) == "12 MB")
        #expect(ByteSize.limit(10 * 1024 * 1024) == "10 MB")
    }

    @Test func aReturnedDossierIsCorrectedByItsUnitAsAStepThenSentAgain() async throws {
        try await WebHarness.with { web in
            let n = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Nguyen Van Hung", nomineeType: .individual,
                                                        year: 2024, reason: "Hoàn thành tốt"), by: web.users.lan)
            _ = try await web.engine.perform(.return, on: n.id, by: web.users.minh, reason: "Tên viết không dấu, năm thành tích sai")
            let (session, csrf) = try await web.signIn("lan")
            let page = try await web.get("/nominations/\(n.id)", session: session)
            // The return reason stands at the top, and the form to correct it is there.
            let reasonAt = try #require(page.body.range(of: "Tên viết không dấu, năm thành tích sai")).lowerBound
            let historyAt = try #require(page.body.range(of: "Lịch sử xử lý")).lowerBound
            #expect(reasonAt < historyAt)
            #expect(page.body.contains(#"action="/nominations/\#(n.id)/amendment""#))

            // Nothing changed: refused, nothing recorded.
            let same = try await web.post("/nominations/\(n.id)/amendment", ["_csrf": csrf, "nominee_name": "Nguyen Van Hung",
                                                                               "nominee_type": "individual", "year": "2024", "reason": "Hoàn thành tốt"],
                                          session: session)
            #expect(same.status == 400 && same.body.contains("Không có gì thay đổi"))
            // A year out of range is refused beside the year, keeping what was typed.
            let bad = try await web.post("/nominations/\(n.id)/amendment", ["_csrf": csrf, "nominee_name": "Nguyễn Văn Hùng",
                                                                              "nominee_type": "individual", "year": "20255", "reason": "Hoàn thành xuất sắc"],
                                         session: session)
            #expect(bad.status == 400 || bad.status == 422)
            #expect(bad.body.contains(#"value="Nguyễn Văn Hùng""#) && bad.body.contains(##"href="#amend-year""##))
            #expect(try await web.engine.history(n.id).map(\.command) == ["create", "return"])

            let done = try await web.post("/nominations/\(n.id)/amendment", ["_csrf": csrf, "nominee_name": "Nguyễn Văn Hùng",
                                                                               "nominee_type": "individual", "year": "2025", "reason": "Hoàn thành xuất sắc"],
                                          session: session)
            #expect(done.status == 303)
            let history = try await web.engine.history(n.id)
            #expect(history.map(\.command) == ["create", "return", "amend"])
            #expect(history.last?.comment == "Tên: «Nguyen Van Hung» → «Nguyễn Văn Hùng»; Năm thành tích: 2024 → 2025; Thành tích: đã sửa")
            let amended = try await web.engine.nomination(n.id)
            #expect(amended.nominee.name == "Nguyễn Văn Hùng" && amended.year == 2025 && amended.state == .returned)
            #expect(try await web.engine.verifyAudit(nomination: n.id).ok, "the step is in the chain")
            // Sent again, it is no longer amendable; another ward's nominator never could.
            _ = try await web.engine.perform(.resubmit, on: n.id, by: web.users.lan)
            let late = await #expect(throws: AwardError.self) { try await web.engine.amend(n.id, Amendment(year: 2023), by: web.users.lan) }
            #expect(late?.code == .wrongState)
            let outsider = await #expect(throws: AwardError.self) { try await web.engine.amend(n.id, Amendment(year: 2023), by: web.users.pao) }
            #expect(outsider?.category == .notFound)
        }
    }

    @Test func theDossierListsEachTiersDocumentsTicksThemAndAMistakeIsWithdrawnNotDeleted() async throws {
        try await WebHarness.with { web in
            let pdf = Array("%PDF-1.4\n% Award Engine test\n%%EOF\n".utf8)
            // A dossier under Decree 152's pack (the seed's own pack, from 2026, lists no documents).
            let n = try await web.engine.nominate(.init(kind: "bang-khen-ttg", unit: "TH-HB", nomineeName: "Trường Tiểu học Hàm Rồng",
                                                        nomineeType: .collective, year: 2025, submittedOn: CivilDate(iso: "2025-12-20")),
                                                  by: web.users.admin)
            let (session, csrf) = try await web.signIn("lan")
            let empty = try await web.get("/nominations/\(n.id)", session: session)
            #expect(empty.body.contains("Tài liệu cần có theo từng cấp"))
            #expect(empty.body.contains("Biên bản") && empty.body.contains("Bắt buộc, chưa có"))
            #expect(empty.body.contains("Căn cứ: Nghị định 152/2025/NĐ-CP, Điều 42"))

            let mistake = try await web.engine.addDocument(to: n.id, type: .toTrinh, name: "nham.pdf", content: pdf, by: web.users.lan)
            let ticked = try await web.get("/nominations/\(n.id)", session: session)
            #expect(ticked.body.contains("Đã có"))
            #expect(ticked.body.contains(#"action="/nominations/\#(n.id)/documents/\#(mistake.id)/withdraw""#))
            // Another officer may not withdraw what lan uploaded.
            let other = await #expect(throws: AwardError.self) {
                try await web.engine.withdrawDocument(mistake.id, of: n.id, reason: nil, by: web.users.minh)
            }
            #expect(other?.code == .documentNotWithdrawable)

            let withdrawn = try await web.post("/nominations/\(n.id)/documents/\(mistake.id)/withdraw",
                                               ["_csrf": csrf, "reason": "Tải nhầm tệp"], session: session)
            #expect(withdrawn.status == 303)
            let documents = try await web.engine.documents(of: n.id)
            #expect(documents.count == 1 && documents[0].withdrawn?.by == "lan" && documents[0].withdrawn?.reason == "Tải nhầm tệp")
            let after = try await web.get("/nominations/\(n.id)", session: session)
            #expect(after.body.contains("Đã rút") && after.body.contains("Tải nhầm tệp"))
            #expect(!after.body.contains("/documents/\(mistake.id)/withdraw"), "withdrawn once")
            #expect(try web.database.count("SELECT count(*) AS n FROM documents") == 1, "the file stays")

            // Once the dossier has moved on, what was uploaded before stays.
            let kept = try await web.engine.addDocument(to: n.id, type: .toTrinh, name: "to-trinh.pdf", content: pdf, by: web.users.lan)
            try await Task.sleep(for: .milliseconds(20))
            _ = try await web.engine.perform(.approve, on: n.id, by: web.users.phuong)
            let late = await #expect(throws: AwardError.self) { try await web.engine.withdrawDocument(kept.id, of: n.id, reason: nil, by: web.users.lan) }
            #expect(late?.code == .documentNotWithdrawable)
            // The province may not forward it while a required document is missing, and says which.
            let blocked = await #expect(throws: AwardError.self) { try await web.engine.perform(.approve, on: n.id, by: web.users.hoa) }
            #expect(blocked?.messageVI.contains("Biên bản") == true)
        }
    }

    @Test func theAwardeesDownloadSpeaksVietnameseWithTheCodesLast() async throws {
        try await WebHarness.with { web in
            let n = try await web.engine.nominate(.init(kind: "giay-khen", unit: "TH-HB", nomineeName: "Đặng Thị Thu", nomineeType: .individual, year: 2025),
                                                  by: web.users.lan)
            let today = AwardEngine.today(Date())
            _ = try await web.engine.perform(.approve, on: n.id, by: web.users.minh, decision: .init(number: "12/QĐ-UBND", date: today))
            let (session, _) = try await web.signIn("minh")
            let csv = try await web.get("/awardees?year=\(today.year)&format=csv", session: session)
            let lines = csv.body.replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: "\r\n").map(String.init)
            #expect(lines.first == "STT,Họ và tên / Tên tập thể,Loại đối tượng,Hình thức khen thưởng,Đơn vị,Số quyết định,Ngày quyết định,Mã hồ sơ,Mã hình thức,Mã đơn vị",
                    "\(lines)")
            #expect(lines.dropFirst().first == "1,Đặng Thị Thu,cá nhân,Giấy khen,Trường Tiểu học Hàm Rồng,12/QĐ-UBND,\(today.vietnamese),\(n.id),giay-khen,TH-HB")
        }
    }

    @Test func tenNominationsAreImportedFromTheWebAfterAPreviewOnceAndOnlyInTheirSession() async throws {
        try await WebHarness.with { web in
            let (session, csrf) = try await web.signIn("lan")
            let page = try await web.get("/nominations/import", session: session)
            #expect(page.status == 200 && page.body.contains("/import-template?type=individual"))
            let header = "Hình thức khen thưởng (mã),Đơn vị đề nghị (mã),Họ tên hoặc tên tập thể,Loại đối tượng,Năm thành tích\r\n"
            let good = header + (1...10).map { "giay-khen,P-HB,Người thứ \($0),cá nhân,2025\r\n" }.joined()
            let before = try web.database.count("SELECT count(*) AS n FROM nominations")

            // A file with a unit outside the ward: every row shown, the bad one marked, nothing created.
            let bad = header + "giay-khen,P-HB,Lê Văn A,cá nhân,2025\r\ngiay-khen,X-TP,Lê Văn B,cá nhân,2025\r\n"
            let refused = try await web.postMultipart("/nominations/import", [("_csrf", csrf)], file: ("file", "sai.csv", Data(bad.utf8)), session: session)
            #expect(refused.status == 422)
            #expect(refused.body.contains("Dòng 3") && refused.body.contains("row-error") && refused.body.contains("Lê Văn A"))
            #expect(!refused.body.contains("import-confirm"))

            // Every refused row is listed with its own error, not only the first: an unknown kind
            // (line 2), a type that is none (line 3), a unit out of reach (line 4); line 5 is fine.
            let many = header + "bang-khen-khong-co,P-HB,Lê Văn C,cá nhân,2025\r\ngiay-khen,P-HB,Lê Văn D,con mèo,2025\r\n"
                + "giay-khen,X-TP,Lê Văn E,cá nhân,2025\r\ngiay-khen,P-HB,Lê Văn G,cá nhân,2025\r\n"
            let everyRow = try await web.postMultipart("/nominations/import", [("_csrf", csrf)], file: ("file", "nhieu-loi.csv", Data(many.utf8)), session: session)
            #expect(everyRow.status == 422)
            for line in 2...4 { #expect(everyRow.body.contains(##"href="#dong-\##(line)""##), "line \(line) is in the summary") }
            #expect(!everyRow.body.contains(##"href="#dong-5""##), "line 5 has no error")
            #expect(everyRow.body.contains("3 dòng có lỗi"))
            #expect(everyRow.body.contains("bang-khen-khong-co") && everyRow.body.contains("con mèo"))
            #expect(try web.database.count("SELECT count(*) AS n FROM nominations") == before)

            let preview = try await web.postMultipart("/nominations/import", [("_csrf", csrf)], file: ("file", "muoi.csv", Data(good.utf8)), session: session)
            #expect(preview.status == 200 && preview.body.contains("Cả 10 dòng đều hợp lệ") && preview.body.contains("Người thứ 10"))
            #expect(try web.database.count("SELECT count(*) AS n FROM nominations") == before, "a preview creates nothing")
            let token = try #require(preview.body.firstMatch(of: /nominations\/import\/([0-9a-f]{32})\/confirm/).map { String($0.1) })

            // Another session of the same officer does not see the upload.
            let (other, otherCsrf) = try await web.signIn("lan")
            #expect(try await web.get("/nominations/import/\(token)", session: other).status == 404)
            #expect(try await web.post("/nominations/import/\(token)/confirm", ["_csrf": otherCsrf], session: other).status == 404)

            let done = try await web.post("/nominations/import/\(token)/confirm", ["_csrf": csrf], session: session)
            #expect(done.status == 303 && (done.location ?? "").hasPrefix("/nominations/import/done?first="))
            #expect(try web.database.count("SELECT count(*) AS n FROM nominations") == before + 10)
            let listed = try await web.get(done.location ?? "", session: session)
            #expect(listed.body.matches(of: /<a href="\/nominations\/[0-9]+">/).count == 10 && listed.body.contains("Người thứ 7"))
            // Confirmed once: a second confirmation imports nothing.
            let again = try await web.post("/nominations/import/\(token)/confirm", ["_csrf": csrf], session: session)
            #expect(again.status == 404 && again.body.contains("tải tệp lên lại"))
            #expect(try web.database.count("SELECT count(*) AS n FROM nominations") == before + 10)
        }
    }

    @Test func aCampaignIsLaunchedWithPickersByVietnameseNameAndQuotasAsRows() async throws {
        try await WebHarness.with { web in
            let (session, csrf) = try await web.signIn("hoa")
            let page = try await web.get("/campaigns", session: session)
            #expect(page.body.contains(#"<option value="T-LC" selected>UBND tỉnh Lào Cai</option>"#), "the launching org by its name")
            #expect(page.body.contains(#"<label for="award_ldtt">Lao động tiên tiến</label>"#), "each kind by its Vietnamese name")
            #expect(!page.body.contains("ldtt:10"), "no code syntax to learn")
            var fields = ["_csrf": csrf, "code": "PT-CHON", "org": "T-LC", "name": "Thi đua chọn", "kind": "regular",
                          "starts_on": "01/01/2026", "ends_on": "31/12/2026", "award_ldtt": "1", "quota_ldtt": "-2", "award_cstdcs": "1"]
            let bad = try await web.post("/campaigns", fields, session: session)
            #expect(bad.status == 400 && bad.body.contains("chỉ tiêu"))
            #expect(bad.body.contains(#"id="award_ldtt" name="award_ldtt" value="1" checked"#) && bad.body.contains(#"value="-2""#), "what was ticked and typed stays")
            #expect(try web.database.count("SELECT count(*) AS n FROM campaigns") == 0)
            fields["quota_ldtt"] = "3"
            fields["amount_cstdcs"] = "1.000.000"
            let created = try await web.post("/campaigns", fields, session: session)
            #expect(created.status == 303)
            let campaign = try await web.engine.campaign("PT-CHON")
            #expect(campaign.awards.map(\.kind).sorted() == ["cstdcs", "ldtt"])
            #expect(campaign.awards.first { $0.kind == "ldtt" }?.perUnitQuota == 3)
            #expect(campaign.awards.first { $0.kind == "cstdcs" }?.amountVnd == 1_000_000)
        }
    }

    @Test func aStaleWindowIsToldWhoActedWhenAndWhereTheDossierIsNow() async throws {
        try await WebHarness.with { web in
            let n = try await web.engine.nominate(.init(kind: "bang-khen-tinh", unit: "P-HB", nomineeName: "Tổ dân phố số 9", nomineeType: .collective, year: 2025),
                                                  by: web.users.lan)
            let (session, csrf) = try await web.signIn("minh")
            _ = try await web.get("/nominations/\(n.id)", session: session)   // the window is opened…
            _ = try await web.engine.perform(.approve, on: n.id, by: web.users.minh, vote: VoteTally(members: 9, present: 9, inFavour: 9))   // …another tab acts
            let stale = try await web.post("/nominations/\(n.id)/approve", ["_csrf": csrf], session: session)
            #expect([403, 409, 422].contains(stale.status))
            #expect(stale.body.contains("Hồ sơ đã được xử lý: minh đã đồng ý lúc"), "who acted and when")
            #expect(stale.body.contains("hồ sơ hiện đang ở UBND tỉnh Lào Cai"), "where it is now, by name")
            #expect(!stale.body.contains("không phải TX-HL"), "no codes")
        }
    }

    @Test func theInboxPagerCountsRowsNotIds() async throws {
        try await WebHarness.with { web in
            for i in 1...27 {
                _ = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Người số \(i)", nomineeType: .individual, year: 2025),
                                                  by: web.users.lan)
            }
            let (session, _) = try await web.signIn("minh")
            let first = try await web.get("/", session: session)
            #expect(first.body.contains("Trang 1: hồ sơ thứ 1–25"))
            let next = try #require(first.body.firstMatch(of: /href="(\/\?after=[0-9]+&amp;page=2)"/).map { String($0.1).replacingOccurrences(of: "&amp;", with: "&") })
            let second = try await web.get(next, session: session)
            #expect(second.body.contains("Trang 2: hồ sơ thứ 26–27"))
        }
    }

    @Test func theDecisionsListDoesNotHideADecisionDatedLastYear() async throws {
        try await WebHarness.with { web in
            let today = AwardEngine.today(Date())
            let lastYear = CivilDate(year: today.year - 1, month: 12, day: 20)!
            let a = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Hà Văn Năm", nomineeType: .individual, year: lastYear.year),
                                                  by: web.users.lan)
            _ = try await web.engine.perform(.approve, on: a.id, by: web.users.minh, decision: .init(number: "90/QĐ-UBND", date: lastYear))
            let (session, _) = try await web.signIn("minh")
            let opened = try await web.get("/decisions", session: session)
            #expect(opened.body.contains("90/QĐ-UBND"), "this year has none yet: the list opens on last year's")
            let awardees = try await web.get("/awardees", session: session)
            #expect(awardees.body.contains("Hà Văn Năm"), "the awardees list too")
            let b = try await web.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Hà Thị Nay", nomineeType: .individual, year: today.year),
                                                  by: web.users.lan)
            _ = try await web.engine.perform(.approve, on: b.id, by: web.users.minh, decision: .init(number: "1/QĐ-UBND", date: today))
            let now = try await web.get("/decisions", session: session)
            #expect(now.body.contains("1/QĐ-UBND") && now.body.contains(#"<a href="/decisions?year=\#(lastYear.year)">"#), "last year stays one click away")
        }
    }
}
