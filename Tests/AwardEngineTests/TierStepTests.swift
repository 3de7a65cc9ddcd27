import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Issue 29, steps within a tier: a province dossier passes named people — a specialist appraises,
/// the head of the board reviews, the council's secretary records its opinion, the leader approves
/// and decides; each step is a history row naming the person; two specialists on one step give one
/// winner; an assigned dossier is worked by its assignee; stepping back needs a reason.
@Suite struct TierStepTests {
    static let today = CivilDate(iso: "2026-12-04")!
    static let now = Date(timeIntervalSince1970: Double(today.dayNumber) * 86_400 + 5 * 3_600)

    /// Decree 152's pack with its steps, in force from 2026, with a council vote at the province for
    /// Bằng khen (so that the province's four steps all apply) and no document requirements.
    static var stepsPack: String {
        var object = (try? JSONSerialization.jsonObject(with: Data(LaoCai.communePack.utf8))) as? [String: Any] ?? [:]
        object["code"] = "test-steps"
        if var kinds = object["kinds"] as? [[String: Any]], let i = kinds.firstIndex(where: { $0["code"] as? String == "bang-khen-tinh" }),
           var chain = kinds[i]["chain"] as? [[String: Any]], let p = chain.firstIndex(where: { $0["level"] as? String == "province" }) {
            chain[p]["vote"] = ["threshold": 0.5]
            kinds[i]["chain"] = chain
            object["kinds"] = kinds
        }
        return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    struct Office {
        var an: Principal, dung: Principal, binh: Principal, chau: Principal
    }

    /// The province's office: two specialists, the head of the board, the council's secretary (hoa is the leader).
    static func office(_ engine: AwardEngine) async throws -> Office {
        for (login, name, title) in [("cv.an", "Nguyễn Văn An", "Chuyên viên Ban Thi đua – Khen thưởng"),
                                     ("cv.dung", "Phạm Thị Dung", "Chuyên viên Ban Thi đua – Khen thưởng"),
                                     ("tb.binh", "Trần Văn Bình", "Trưởng Ban Thi đua – Khen thưởng"),
                                     ("tk.chau", "Lê Minh Châu", "Thư ký Hội đồng Thi đua – Khen thưởng")] {
            _ = try await engine.addUser(name: login, org: "T-LC", role: .approver)
            _ = try await engine.setPersonName(user: login, displayName: name, title: title)
        }
        _ = try await engine.setPersonName(user: "hoa", displayName: "Hoàng Thị Hoa", title: "Chủ tịch UBND tỉnh")
        return Office(an: try await engine.principal(named: "cv.an"), dung: try await engine.principal(named: "cv.dung"),
                      binh: try await engine.principal(named: "tb.binh"), chau: try await engine.principal(named: "tk.chau"))
    }

    @Test func aProvinceDossierPassesFourNamedPeopleAndTwoSpecialistsOnOneStepGiveOneWinner() async throws {
        try await TestDatabase.withEngine(poolSize: 8) { engine, db in
            let u = try await Seed.tree(engine)
            _ = try await engine.importPack(Self.stepsPack)
            let o = try await Self.office(engine)
            _ = try await engine.setPersonName(user: "phuong", displayName: "Đặng Thị Phương", title: "Chủ tịch UBND phường")
            // Working in steps is the org's own choice: not the auditor's, not another org's approver.
            await #expect(throws: AwardError.self) { try await engine.setWorksInSteps(org: "T-LC", true, by: u.thanh) }
            await #expect(throws: AwardError.self) { try await engine.setWorksInSteps(org: "T-LC", true, by: u.minh) }
            try await engine.setWorksInSteps(org: "T-LC", true, by: u.hoa)
            try await engine.setWorksInSteps(org: "P-HB", true, by: u.phuong)

            var view = try await engine.nominate(.init(kind: "bang-khen-tinh", unit: "P-HB", nomineeName: "Giàng Thị Dua", nomineeType: .individual),
                                                 by: u.lan, now: Self.now)
            let id = view.id
            // At the commune: prepare, then approve and sign.
            #expect(view.step == "prepare" && view.stepName == "Chuẩn bị, thẩm định")
            let early = await #expect(throws: AwardError.self) { try await engine.perform(.approve, on: id, by: u.phuong, now: Self.now) }
            #expect(early?.code == .stepNotDone)
            _ = try await engine.moveStep(id, .complete, by: u.phuong)
            view = try await engine.perform(.approve, on: id, by: u.phuong, now: Self.now)
            // At the province: it arrives at the first step, unassigned.
            #expect(view.org == "T-LC" && view.step == "appraise" && view.assignee == nil)
            // The commune's letter to the province names who did each of its steps.
            let letter = try await engine.proposalPaper([id], viewer: u.phuong)
            #expect(letter.processing == ["Chuẩn bị, thẩm định: Đặng Thị Phương, Chủ tịch UBND phường",
                                          "Phê duyệt và ký: Đặng Thị Phương, Chủ tịch UBND phường"], "\(letter.processing)")

            // Two specialists complete the appraisal at once: one step is recorded, the other is told.
            let before = try db.count("SELECT count(*) AS n FROM transitions WHERE nomination_id = \(id)")
            @Sendable func appraise(_ who: Principal) async -> AwardError? {
                do { _ = try await engine.moveStep(id, .complete, from: "appraise", comment: "Đủ điều kiện", by: who); return nil } catch { return error }
            }
            async let first = appraise(o.an)
            async let second = appraise(o.dung)
            let outcomes = await [first, second]
            #expect(outcomes.filter { $0 == nil }.count == 1)
            for case .some(let error) in outcomes { #expect(error.code == .concurrentChange, "\(error)") }
            #expect(try db.count("SELECT count(*) AS n FROM transitions WHERE nomination_id = \(id)") == before + 1)
            #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE id = \(id) AND step = 'review'") == 1)

            // The head of the board sends it back to the appraisal: only with a reason.
            let noReason = await #expect(throws: AwardError.self) { try await engine.moveStep(id, .back, by: o.binh) }
            #expect(noReason?.code == .reasonRequired && noReason?.field == "reason")
            view = try await engine.moveStep(id, .back, reason: "Bổ sung xác nhận thành tích của Sở", by: o.binh)
            #expect(view.step == "appraise")
            let first2 = await #expect(throws: AwardError.self) { try await engine.moveStep(id, .back, reason: "x", by: o.binh) }
            #expect(first2?.code == .noStep)

            // He gives it to An: Dung may not touch it now; an outsider may not be given it.
            let outsider = await #expect(throws: AwardError.self) { try await engine.assign(id, to: "minh", by: o.binh) }
            #expect(outsider?.code == .badAssignee && outsider?.field == "assignee")
            let auditor = await #expect(throws: AwardError.self) { try await engine.assign(id, to: "thanh", by: o.binh) }
            #expect(auditor?.code == .badAssignee)
            try await engine.setEmail(user: "cv.an", email: "an@laocai.gov.vn", mode: .immediate, by: o.an)
            view = try await engine.assign(id, to: "cv.an", by: o.binh)
            // The specialist is told by e-mail, naming who gave it.
            let letters = try await engine.claimMail(limit: 10)
            let mail = try #require(letters.first { $0.to == "an@laocai.gov.vn" })
            #expect(mail.subject.hasSuffix("Hồ sơ số \(id) được giao cho anh/chị xử lý") && mail.body.contains("Trần Văn Bình"), "\(mail)")
            #expect(view.assignee == "cv.an" && view.assigneeName == "Nguyễn Văn An")
            #expect(try await engine.myWork(of: o.an).assigned.map(\.id) == [id])
            #expect(try await engine.myWork(of: o.dung).assigned.isEmpty)
            let taken = await #expect(throws: AwardError.self) { try await engine.moveStep(id, .complete, by: o.dung) }
            #expect(taken?.code == .assignedToOther)

            // An appraises and hands it to the head; the head reviews; the secretary records the council.
            view = try await engine.moveStep(id, .complete, comment: "Đã bổ sung; đủ điều kiện", assignTo: "tb.binh", by: o.an)
            #expect(view.step == "review" && view.assignee == "tb.binh")
            view = try await engine.moveStep(id, .complete, by: o.binh)
            #expect(view.step == "council" && view.assignee == nil)
            let leaderTooEarly = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: id, by: u.hoa, decision: .init(number: nil, date: Self.today),
                                         vote: VoteTally(members: 9, present: 9, inFavour: 9), now: Self.now)
            }
            #expect(leaderTooEarly?.code == .stepNotDone)
            view = try await engine.moveStep(id, .complete, comment: "Hội đồng họp ngày 03/12/2026: 9/9 đồng ý", by: o.chau)
            #expect(view.step == "approve")
            let last = await #expect(throws: AwardError.self) { try await engine.moveStep(id, .complete, by: u.hoa) }
            #expect(last?.code == .noStep)

            // The leader decides: the award leaves the steps behind.
            view = try await engine.perform(.approve, on: id, by: u.hoa, decision: .init(number: nil, date: Self.today),
                                            vote: VoteTally(members: 9, present: 9, inFavour: 9), now: Self.now)
            #expect(view.state == .awarded && view.step == nil && view.assignee == nil)

            // The timeline names each person and the step they did.
            let history = try await engine.history(id)
            let province = history.filter { $0.org == "T-LC" }
            #expect(province.map(\.command) == ["step", "step_back", "assign", "step", "step", "step", "approve"])
            let people = Set(province.map(\.actorDisplay))
            #expect(people.contains("Trần Văn Bình, Trưởng Ban Thi đua – Khen thưởng"))
            #expect(people.contains("Nguyễn Văn An, Chuyên viên Ban Thi đua – Khen thưởng"))
            #expect(people.contains("Lê Minh Châu, Thư ký Hội đồng Thi đua – Khen thưởng"))
            #expect(people.contains("Hoàng Thị Hoa, Chủ tịch UBND tỉnh"))
            #expect(province.last?.step == "approve" && province.last?.stepName == "Phê duyệt và ký")
            #expect(province[2].assignee == "cv.an" && province[2].assigneeName == "Nguyễn Văn An")
            #expect(province[1].reason == "Bổ sung xác nhận thành tích của Sở" && province[1].stepName == "Xem xét, trình")
            // The chain covers the steps and holds; each step is an event.
            #expect(try await engine.verifyAudit().ok)
            #expect(try db.count("SELECT count(*) AS n FROM events WHERE nomination_id = \(id) AND type = 'nomination.step_completed'") == 5)
            #expect(try db.count("SELECT count(*) AS n FROM events WHERE nomination_id = \(id) AND type = 'nomination.assigned'") == 1)
            #expect(try db.count("SELECT count(*) AS n FROM events WHERE nomination_id = \(id) AND type = 'nomination.step_returned'") == 1)
        }
    }

    @Test func anOrgThatDoesNotWorkInStepsIsOneBoxAndHistoryCannotBeEdited() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            _ = try await engine.importPack(Self.stepsPack)
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lò Văn Páo", nomineeType: .individual),
                                              by: u.lan, now: Self.now)
            #expect(n.step == nil && n.state == .pending)
            let none = await #expect(throws: AwardError.self) { try await engine.moveStep(n.id, .complete, by: u.phuong) }
            #expect(none?.code == .noStep)
            // Assigning works without steps too; a second assignment to the same person changes nothing.
            _ = try await engine.assign(n.id, to: "phuong", by: u.phuong)
            let again = await #expect(throws: AwardError.self) { try await engine.assign(n.id, to: "phuong", by: u.phuong) }
            #expect(again?.code == .nothingChanged)
            // A draft or another org's dossier cannot be moved.
            let other = await #expect(throws: AwardError.self) { try await engine.assign(n.id, to: "hoa", by: u.hoa) }
            #expect(other?.code == .wrongOrg)
            #expect(throws: (any Error).self) { try db.execute("UPDATE transitions SET step = 'x' WHERE command = 'assign'") }

            // Many at once: each its own step, with its outcome; a dossier of another org is refused alone.
            var ids: [Int64] = []
            for name in ["Lò Thị Mai", "Vàng A Sùng"] {
                ids.append(try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: name, nomineeType: .individual),
                                                     by: u.lan, now: Self.now).id)
            }
            let elsewhere = try await engine.nominate(.init(kind: "giay-khen", unit: "X-TP", nomineeName: "Thào A Chứ", nomineeType: .individual),
                                                      by: u.pao, now: Self.now).id
            let outcomes = try await engine.assignEach(ids + [elsewhere], to: "phuong", as: .principal(u.phuong))
            #expect(outcomes.map(\.ok) == [true, true, false])
            #expect(outcomes.last?.code == "unknown_nomination")
            #expect(try db.count("SELECT count(*) AS n FROM transitions WHERE command = 'assign'") == 3)
            let nominator = await #expect(throws: AwardError.self) { try await engine.assignEach(ids, to: "phuong", as: .principal(u.lan)) }
            #expect(nominator?.code == .roleNotAllowed)
        }
    }
}
