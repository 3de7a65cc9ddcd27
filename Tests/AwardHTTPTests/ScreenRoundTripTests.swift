@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// One read model per screen (issue 26): the dossier, inbox and campaign pages each read what they
/// show in at most two round trips to the database, besides the session lookup, whatever the
/// dossier holds (history, documents, a decision).
@Suite struct ScreenRoundTripTests {
    @Test func theDossierInboxAndCampaignPagesEachCostAtMostTwoRoundTripsBesideTheSession() async throws {
        try await WebHarness.with { web in
            let engine = web.engine
            // A dossier with history, documents and a decision: every part of the page is filled.
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Nguyễn Văn An", nomineeType: .individual, year: 2025),
                                              by: web.users.lan)
            for name in ["bao-cao.pdf", "to-trinh.pdf"] {
                _ = try await engine.addDocument(to: n.id, type: name.hasPrefix("bao") ? .baoCaoThanhTich : .toTrinh, name: name,
                                                 content: Array("%PDF-1.4 \(name)".utf8), by: web.users.lan)
            }
            _ = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Trần Thị Bình", nomineeType: .individual, year: 2025, draft: true),
                                          by: web.users.lan)
            let (hoa, hoaCsrf) = try await web.signIn("hoa")
            let created = try await web.post("/campaigns", ["_csrf": hoaCsrf, "code": "PT-2026", "org": "T-LC", "name": "Thi đua 2026", "kind": "regular",
                                                            "starts_on": "01/01/2026", "ends_on": "31/12/2026", "awards": "ldtt:3",
                                                            "requires_registration": "1"], session: hoa)
            #expect(created.status == 303)
            #expect(try await web.post("/campaigns/PT-2026/move", ["_csrf": hoaCsrf, "to": "registration"], session: hoa).status == 303)
            let (lan, lanCsrf) = try await web.signIn("lan")
            #expect(try await web.post("/campaigns/PT-2026/register", ["_csrf": lanCsrf, "unit": "P-HB", "year": "2026", "nominee": "Lò Văn An",
                                                                      "nominee_type": "individual", "kind_ldtt": "1"], session: lan).status == 303)
            let (minh, minhCsrf) = try await web.signIn("minh")
            let decided = try await web.post("/nominations/\(n.id)/approve", ["_csrf": minhCsrf, "decision_number": "12/QĐ-UBND",
                                                                            "decision_date": AwardEngine.today(Date()).vietnamese,
                                                                            "signer": "Lê Văn Minh", "signer_title": "Chủ tịch"], session: minh)
            #expect(decided.status == 303, "\(decided.body)")
            #expect(try await engine.nomination(n.id).state == .awarded)

            /// Round trips of the second load of `uri` (the first prepares statements and fills caches).
            func cost(_ uri: String, session: String, shows text: String) async throws -> Int {
                let warm = try await web.get(uri, session: session)
                #expect(warm.status == 200 && warm.body.contains(text), "\(uri): \(warm.status)")
                let before = engine.pool.roundTrips
                let page = try await web.get(uri, session: session)
                #expect(page.status == 200)
                return engine.pool.roundTrips - before
            }
            func sessionCost(_ token: String) async throws -> Int {
                _ = try await engine.session(token: token)
                let before = engine.pool.roundTrips
                _ = try await engine.session(token: token)
                return engine.pool.roundTrips - before
            }
            let lanSession = try await sessionCost(lan)
            #expect(lanSession >= 1)
            let dossier = try await cost("/nominations/\(n.id)", session: lan, shows: "12/QĐ-UBND")
            #expect(dossier - lanSession <= 2, "the dossier page made \(dossier - lanSession) round trips beside the session's \(lanSession)")
            let inbox = try await cost("/", session: lan, shows: "Trần Thị Bình")
            #expect(inbox - lanSession <= 2, "the inbox made \(inbox - lanSession) round trips beside the session's \(lanSession)")
            let hoaSession = try await sessionCost(hoa)
            let campaign = try await cost("/campaigns/PT-2026", session: hoa, shows: "Lò Văn An")
            #expect(campaign - hoaSession <= 2, "the campaign page made \(campaign - hoaSession) round trips beside the session's \(hoaSession)")
        }
    }

    @Test func aDossierOutOfReachIsNotFoundThroughTheScreenRead() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Nguyễn Văn An", nomineeType: .individual), by: u.lan)
            let error = await #expect(throws: AwardError.self) { try await engine.dossierScreen(n.id, viewer: u.sung) }
            #expect(error?.category == .notFound)
            let missing = await #expect(throws: AwardError.self) { try await engine.dossierScreen(n.id + 1000, viewer: u.lan) }
            #expect(missing?.category == .notFound)
            let screen = try await engine.dossierScreen(n.id, viewer: u.lan)
            #expect(screen.view.id == n.id && screen.chain.ok && screen.orgName("P-HB") != "P-HB")
            // A draft-free, open dossier is weighed for eligibility in the same read.
            #expect(screen.eligibility != nil)
        }
    }
}
