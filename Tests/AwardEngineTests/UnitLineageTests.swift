@testable import AwardEngine
@testable import AwardDomain
import AwardPostgres
import AwardTestSupport
import Foundation
import Testing

/// The official units of 1/7/2025, those they replaced and the lineage between them, on real
/// units (scripts/admin-units, from the NSO codes of vietnam-provinces 2026.9.0; the figures and
/// worked examples are those of the data note, ../shared/admin-units.md).
@Suite(.serialized) struct UnitLineageTests {
    @Test func theCountryImportsWithTheDataCountsTheWorkedExamplesHoldAndASecondImportChangesNothing() async throws {
        let files = try await LaoCai.export()
        try await TestDatabase.withEngine { engine, db in
            _ = try await engine.addOrg(code: "TW", name: "Chính phủ", level: .central, parent: nil)
            let first = try await engine.importUnits(units: files.units, lineage: files.lineage)
            #expect(first.units == 14_165 && first.added == 14_165 && first.edges == 14_955 && first.edgesAdded == 14_955)
            func count(_ sql: SQL) throws -> Int { try db.count(sql) }
            // 34 provinces and 3,321 communes in force (2,621 xã, 687 phường, 13 đặc khu); 63 / 696 / 10,051 before.
            #expect(try count("SELECT count(*) AS n FROM orgs WHERE unit_key LIKE 'P%' AND level = 'province' AND valid_to IS NULL AND valid_from = '2025-07-01'") == 34)
            #expect(try count("SELECT count(*) AS n FROM orgs WHERE unit_key LIKE 'W%' AND level = 'commune' AND valid_to IS NULL") == 3_321)
            for (type, n) in [("xã", 2_621), ("phường", 687), ("đặc khu", 13)] {
                #expect(try count("SELECT count(*) AS n FROM orgs WHERE unit_key LIKE 'W%' AND division_type = \(type)") == n)
            }
            #expect(try count("SELECT count(*) AS n FROM orgs WHERE unit_key LIKE 'LP%' AND valid_to = '2025-06-30'") == 63)
            #expect(try count("SELECT count(*) AS n FROM orgs WHERE unit_key LIKE 'LD%' AND level = 'district'") == 696)
            #expect(try count("SELECT count(*) AS n FROM orgs WHERE unit_key LIKE 'LW%' AND level = 'commune'") == 10_051)
            // 63 province edges (one new province each); 10,565 commune edges less the 11 of the 10
            // old communes the old list lacks; 3,647 district coverage pairs and 691 district → province.
            #expect(try count("SELECT count(*) AS n FROM org_lineage l JOIN orgs o ON o.id = l.predecessor_id WHERE o.level = 'province'") == 63)
            #expect(try count("SELECT count(DISTINCT l.predecessor_id) AS n FROM org_lineage l JOIN orgs o ON o.id = l.predecessor_id WHERE o.level = 'province'") == 63)
            #expect(try count("SELECT count(*) AS n FROM org_lineage l JOIN orgs o ON o.id = l.predecessor_id WHERE o.level = 'commune'") == 10_554)
            #expect(try count("SELECT count(*) AS n FROM org_lineage l JOIN orgs s ON s.id = l.successor_id WHERE l.relation = 'covers' AND s.level = 'commune'") == 3_647)
            #expect(try count("SELECT count(*) AS n FROM org_lineage l JOIN orgs s ON s.id = l.successor_id WHERE l.relation = 'covers' AND s.level = 'province'") == 691)

            // Phường Cốc Lếu (LW2644) went whole into Phường Lào Cai (W2647), with 2635, 2641,
            // 2647, 2665 and Xã Bản Phiệt 2911 — and old 2647 (Kim Tân) is not new 2647.
            let coc = try await engine.orgProfile(code: "LW2644")
            #expect(coc.successors.map(\.code) == ["W2647"] && coc.now == "nay là Phường Lào Cai" && coc.validTo?.iso == "2025-06-30")
            let laoCai = try await engine.orgProfile(code: "W2647")
            #expect(Set(laoCai.predecessors.filter { $0.distance == 1 && $0.relation != "covers" }.map(\.code)) == ["LW2635", "LW2641", "LW2644", "LW2647", "LW2665", "LW2911"])
            #expect(laoCai.officialCode == "02647" && laoCai.parent == "P15" && laoCai.validFrom?.iso == "2025-07-01")
            #expect(try await engine.orgProfile(code: "LW2647").name == "Phường Kim Tân")
            // New Tỉnh Lào Cai (15, Yên Bái's old number) continues old Lào Cai (10) and Yên Bái (15).
            let province = try await engine.orgProfile(code: "P15")
            #expect(Set(province.predecessors.filter { $0.relation == "merged" }.map(\.code)) == ["LP10", "LP15"])
            // Tiền Giang (82) went to Đồng Tháp (82) only, though the package's own table also says Tây Ninh.
            #expect(try await engine.orgProfile(code: "LP82").successors.filter { $0.level == .province && $0.relation != "covers" }.map(\.code) == ["P82"])
            // Huyện Bát Xát (LD82): territory in 8 new communes and the new province; Xã Cốc San
            // (W2746) took Tòng Sành from Bát Xát with Cốc San and Đồng Tuyển from TP Lào Cai.
            let batXat = try await engine.orgProfile(code: "LD82")
            #expect(Set(batXat.successors.filter { $0.level == .commune }.map(\.code)) == ["W2683", "W2686", "W2695", "W2701", "W2707", "W2725", "W2728", "W2746"])
            #expect(batXat.successors.allSatisfy { $0.relation == "covers" } && batXat.now?.hasSuffix("(Tỉnh Lào Cai)") == true)
            #expect(Set(try await engine.orgProfile(code: "W2746").predecessors.filter { $0.relation != "covers" }.map(\.code)) == ["LW2746", "LW2749", "LW2662"])
            // Phường Đại Mỗ (LW634) split among five: none of them takes over its records whole.
            #expect(Set(try await engine.orgProfile(code: "LW634").successors.map(\.code)) == ["W622", "W634", "W637", "W9556", "W9886"])
            for successor in ["W622", "W634", "W637", "W9556", "W9886"] {
                #expect(try count("""
                    SELECT count(*) AS n FROM orgs o WHERE o.unit_key = 'LW634'
                      AND o.id = ANY(award_org_with_predecessors((SELECT id FROM orgs WHERE unit_key = \(successor))))
                    """) == 0)
            }

            let orgs = try count("SELECT count(*) AS n FROM orgs"), edges = try count("SELECT count(*) AS n FROM org_lineage")
            let again = try await engine.importUnits(units: files.units, lineage: files.lineage)
            #expect(again.added == 0 && again.updated == 0 && again.unchanged == 14_165 && again.edgesAdded == 0 && again.edgesRemoved == 0 && again.edgesUnchanged == 14_955)
            #expect(try count("SELECT count(*) AS n FROM orgs") == orgs && count("SELECT count(*) AS n FROM org_lineage") == edges)
        }
    }
}
