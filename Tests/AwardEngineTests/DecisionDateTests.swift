@testable import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// A decision is dated between the dossier's last step and today (issue 26, fault 5), met as an
/// officer meets it: dossiers submitted today, no paper dossiers.
@Suite struct DecisionDateTests {
    static var today: CivilDate { AwardEngine.today(Date()) }

    @Test func aDecisionBeforeTheDossiersLastStepOrAfterTodayIsRefusedAndChangesNothing() async throws {
        try await TestDatabase.withEngine(paperDossiers: false) { engine, db in
            let u = try await Seed.tree(engine)
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Nguyễn Văn An", nomineeType: .individual,
                                                    year: Self.today.year), by: u.lan)
            let lastYear = CivilDate(dayNumber: Self.today.dayNumber - 365)
            let before = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: n.id, by: u.minh, actingFor: "TX-HL", decision: .init(number: "15/QĐ-UBND", date: lastYear))
            }
            #expect(before?.code == .decisionDate)
            #expect(before?.field == "decision date")
            #expect(before?.messageVI.contains("trước bước xử lý gần nhất của hồ sơ (\(Self.today.vietnamese))") == true)
            let tomorrow = CivilDate(dayNumber: Self.today.dayNumber + 1)
            let future = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: n.id, by: u.minh, actingFor: "TX-HL", decision: .init(number: "15/QĐ-UBND", date: tomorrow))
            }
            #expect(future?.code == .decisionDate)
            #expect(future?.messageVI.contains("sau hôm nay") == true)
            #expect(try db.count("SELECT count(*) AS n FROM decisions") == 0)
            #expect(try await engine.history(n.id).map(\.command) == ["create"])

            let awarded = try await engine.perform(.approve, on: n.id, by: u.minh, actingFor: "TX-HL",
                                                   decision: .init(number: "15/QĐ-UBND", date: Self.today))
            #expect(awarded.state == .awarded)
        }
    }

    @Test func aPaperDossierMayBeDecidedOnAnyDaySinceItWasReceived() async throws {
        try await TestDatabase.withEngine(paperDossiers: false) { engine, _ in
            let u = try await Seed.tree(engine)
            let received = CivilDate(iso: "2025-06-20")!
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Trần Thị Bình", nomineeType: .individual,
                                                    year: 2024, submittedOn: received), by: u.admin)
            let early = await #expect(throws: AwardError.self) {
                try await engine.perform(.approve, on: n.id, by: u.minh, actingFor: "TX-HL",
                                         decision: .init(number: "2/QĐ-UBND", date: CivilDate(iso: "2025-06-19")!))
            }
            #expect(early?.code == .decisionDate)
            let awarded = try await engine.perform(.approve, on: n.id, by: u.minh, actingFor: "TX-HL",
                                                   decision: .init(number: "2/QĐ-UBND", date: CivilDate(iso: "2025-06-25")!))
            #expect(awarded.decision?.date == CivilDate(iso: "2025-06-25"))
        }
    }
}
