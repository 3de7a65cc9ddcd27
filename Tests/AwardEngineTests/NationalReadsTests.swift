import AwardEngine
import AwardTestSupport
import Foundation
import Logging
import Testing

/// The reads migration 29 (`national-reads`) made fast keep their answers: the org tree cached per
/// process and read again when `org_stamp` moved; the years a scope's lists open on.
@Suite struct NationalReadsTests {
    @Test func anOrgAddedOrRenamedByAnotherProcessIsSeenOnTheNextRead() async throws {
        try await TestDatabase.withEngine { engine, db in
            try await Seed.tree(engine)
            let before = try await engine.orgs()
            #expect(before.count == 7)
            // Another process: its own engine over the same database.
            let other = AwardEngine(conninfo: db.conninfo, poolSize: 1, applicationName: "award-test-other", logger: Logger(label: "other"))
            _ = try await other.addOrg(code: "XA-MOI", name: "Xã Mới", level: .commune, parent: "TX-HL")
            try await other.close()
            let added = try await engine.orgs()
            #expect(added.count == 8)
            #expect(added.contains { $0.code == "XA-MOI" && $0.name == "Xã Mới" && $0.parent == "TX-HL" })
            // A change made straight in the database (an operator's UPDATE) moves the stamp too.
            try db.execute("UPDATE orgs SET name = 'Xã Đổi Tên' WHERE code = 'XA-MOI'")
            #expect(try await engine.orgs().first { $0.code == "XA-MOI" }?.name == "Xã Đổi Tên")
            // Nothing changed: the same tree again, and the stamp did not move for a read.
            let stamp = try db.count("SELECT stamp AS n FROM org_stamp")
            #expect(try await engine.orgs() == (try await engine.orgs()))
            #expect(try db.count("SELECT stamp AS n FROM org_stamp") == stamp)
        }
    }

    @Test func theYearsOfDecisionsAreTheScopesWhoeverIssuedThem() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            var ids: [Int64] = []
            for name in ["Nguyễn Thị Hoa", "Trần Văn Bình"] {
                ids.append(try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: name, nomineeType: .individual,
                                                           reason: "Hoàn thành xuất sắc nhiệm vụ năm 2026"), by: u.lan).id)
            }
            _ = try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: ids, by: u.minh, date: CivilDate(iso: "2026-11-18")!)
            // The issuer's officer, and the whole country.
            #expect(try await engine.decisionYears(viewer: u.minh) == [2026])
            #expect(try await engine.decisionYears(viewer: u.admin) == [2026])
            #expect(try await engine.decisionYears() == [2026])
            // The ward whose people it awarded, though the district issued it.
            #expect(try await engine.decisionYears(viewer: u.phuong) == [2026])
            // Another district's officer sees no year.
            #expect(try await engine.decisionYears(viewer: u.sung).isEmpty)
        }
    }
}
