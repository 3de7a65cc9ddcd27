@testable import AwardEngine
@testable import AwardPostgres
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// The tamper-evident history, the year-end summary, nominee history and search (issue 6).
@Suite struct ProofTests {
    static func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    func history(_ engine: AwardEngine, _ u: Seed.Users, count: Int) async throws -> [Int64] {
        var ids: [Int64] = []
        for i in 0..<count {
            let n = try await engine.nominate(.init(kind: "bang-khen-tinh", unit: "P-HB", nomineeName: "Người \(i)", nomineeType: .individual), by: u.lan)
            _ = try await engine.perform(.approve, on: n.id, by: u.minh)
            _ = try await engine.perform(.return, on: n.id, by: u.hoa, reason: "Bổ sung")
            _ = try await engine.perform(.resubmit, on: n.id, by: u.lan)
            ids.append(n.id)
        }
        return ids
    }

    @Test(arguments: ["edit", "delete", "insert", "reorder", "delete-tail"])
    func tamperingEvenWithTriggersDisabledIsFound(how: String) async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let ids = try await history(engine, u, count: 3)
            let clean = try await engine.verifyAudit()
            #expect(clean.ok && clean.rows == 12 && clean.nominations == 3)
            let digest = try await engine.auditDigest()
            let target = ids[1]
            let sql = Self.tampering(how, target: target)
            // As a superuser with every trigger off: the database cannot stop this, the chain shows it.
            try db.execute("SET session_replication_role = replica; \(sql);")
            let report = try await engine.verifyAudit()
            #expect(!report.ok)
            #expect(report.problems.map(\.nominationId) == [target], "\(how): \(report.problems)")
            if how == "edit" || how == "reorder" { #expect(report.problems.first?.seq == 2) }
            if how == "delete" { #expect(report.problems.first?.seq == 3) }
            #expect(try await engine.verifyAudit(nomination: ids[0]).ok)
            _ = digest
        }
    }

    static func tampering(_ how: String, target: Int64) -> String {
        if how == "edit" { return "UPDATE transitions SET actor = 'mallory' WHERE nomination_id = \(target) AND seq = 2" }
        if how == "delete" { return "DELETE FROM transitions WHERE nomination_id = \(target) AND seq = 2" }
        if how == "reorder" {
            return "UPDATE transitions SET seq = 1000 WHERE nomination_id = \(target) AND seq = 2; "
                + "UPDATE transitions SET seq = 2 WHERE nomination_id = \(target) AND seq = 3; "
                + "UPDATE transitions SET seq = 3 WHERE nomination_id = \(target) AND seq = 1000"
        }
        if how == "insert" {
            let columns = "nomination_id, seq, command, from_state, to_state, tier, org_id, actor, at, prev_hash, hash"
            let values = "nomination_id, 5, 'approve', 'pending', 'pending', tier, org_id, 'mallory', now(), hash, repeat('a', 64)"
            return "INSERT INTO transitions (\(columns)) SELECT \(values) FROM transitions WHERE nomination_id = \(target) AND seq = 4"
        }
        return "DELETE FROM transitions WHERE nomination_id = \(target) AND seq = 4"
    }

    @Test func theDigestProvesNothingChangedSince() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            _ = try await history(engine, u, count: 2)
            let before = try await engine.auditDigest()
            try await Task.sleep(for: .milliseconds(20))
            _ = try await history(engine, u, count: 1)
            // New history does not change the digest as of the earlier moment.
            #expect(try await engine.auditDigest(asOf: before.asOf) == before)
            #expect(try await engine.auditDigest().digest != before.digest)
        }
    }

    @Test func aConsistentRewriteOfAChainPassesVerifyButNotTheDigest() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let ids = try await history(engine, u, count: 2)
            let digest = try await engine.auditDigest()
            // Rewrite one row and recompute its whole chain, as someone who knows the algorithm would.
            try db.execute("""
                SET session_replication_role = replica;
                UPDATE transitions SET actor = 'mallory' WHERE nomination_id = \(ids[0]) AND seq = 2;
                DO $$ DECLARE r transitions%ROWTYPE; prev text; BEGIN
                  FOR r IN SELECT * FROM transitions WHERE nomination_id = \(ids[0]) ORDER BY seq LOOP
                    prev := CASE WHEN r.seq = 1 THEN repeat('0', 64) ELSE (SELECT hash FROM transitions WHERE nomination_id = r.nomination_id AND seq = r.seq - 1) END;
                    UPDATE transitions SET prev_hash = prev, hash = award_chain_hash(prev, r) WHERE nomination_id = r.nomination_id AND seq = r.seq;
                  END LOOP; END $$;
                """)
            #expect(try await engine.verifyAudit().ok)
            #expect(try await engine.auditDigest(asOf: digest.asOf).digest != digest.digest)
        }
    }

    @Test func auditLogByActorAndOrg() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            _ = try await history(engine, u, count: 2)
            #expect(try await engine.auditLog(actor: "hoa").map(\.command) == ["return", "return"])
            #expect(try await engine.auditLog(org: "T-LC").count == 8)
            #expect(try await engine.auditLog(org: "P-HB").allSatisfy { $0.org == "P-HB" })
            #expect(try await engine.auditLog(from: Self.date("2000-01-01"), to: Self.date("2000-12-31")).isEmpty)
            await #expect(throws: AwardError.self) { try await engine.auditLog(viewer: u.minh) }
            let scoped = try await engine.auditLog(viewer: u.thanh)
            #expect(scoped.count == 8)
        }
    }

    @Test func summaryOfATownsAwardsFrom2015To2020() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            func nominate(_ kind: String, _ type: NomineeType, _ i: Int) async throws -> Int64 {
                try await engine.nominate(.init(kind: kind, unit: "P-HB", nomineeName: "\(type == .collective ? "Tổ" : "Ông") \(kind) \(i)", nomineeType: type), by: u.lan).id
            }
            // Giấy khen of the town: 17 collectives and 66 individuals over 2015–2020.
            var giayKhen: [Int64] = []
            for i in 0..<17 { giayKhen.append(try await nominate("giay-khen", .collective, i)) }
            for i in 0..<66 { giayKhen.append(try await nominate("giay-khen", .individual, i)) }
            for (index, year) in (2015...2020).enumerated() {
                let batch = giayKhen.enumerated().filter { $0.offset % 6 == index }.map(\.element)
                _ = try await engine.decide(org: "TX-HL", kind: "giay-khen", nominations: batch, by: u.minh, date: Self.date("\(year)-11-18"))
            }
            // The province chairman's Bằng khen: 3 collectives and 7 individuals.
            var bangKhen: [Int64] = []
            for i in 0..<3 { bangKhen.append(try await nominate("bang-khen-tinh", .collective, i)) }
            for i in 0..<7 { bangKhen.append(try await nominate("bang-khen-tinh", .individual, i)) }
            for id in bangKhen { _ = try await engine.perform(.approve, on: id, by: u.minh) }
            _ = try await engine.decide(org: "T-LC", kind: "bang-khen-tinh", nominations: bangKhen, by: u.hoa, date: Self.date("2019-12-20"))
            // The Prime Minister's Bằng khen: 1 collective; one more awarded in 2021 is outside the period.
            let ttg = try await nominate("bang-khen-ttg", .collective, 0)
            _ = try await engine.perform(.approve, on: ttg, by: u.minh)
            _ = try await engine.perform(.approve, on: ttg, by: u.hoa)
            _ = try await engine.perform(.approve, on: ttg, by: u.tung, decision: .init(number: "45/QĐ-TTg", date: Self.date("2020-06-01")))
            let late = try await nominate("giay-khen", .individual, 99)
            _ = try await engine.perform(.approve, on: late, by: u.minh, decision: .init(number: nil, date: Self.date("2021-01-05")))
            // A revoked award does not count.
            _ = try await engine.perform(.revoke, on: giayKhen[0], by: u.minh, reason: "Khai man", decision: .init(number: nil, date: Self.date("2021-02-01")))

            let report = try await engine.summary(fromYear: 2015, toYear: 2020, org: "TX-HL")
            #expect(report.rows == [
                SummaryRow(kind: "bang-khen-tinh", nomineeType: .individual, count: 7), SummaryRow(kind: "bang-khen-tinh", nomineeType: .collective, count: 3),
                SummaryRow(kind: "bang-khen-ttg", nomineeType: .collective, count: 1),
                SummaryRow(kind: "giay-khen", nomineeType: .individual, count: 66), SummaryRow(kind: "giay-khen", nomineeType: .collective, count: 16),
            ])
            #expect(report.sentences.contains("Từ năm 2015 đến năm 2020, UBND thị xã Hoàng Liên tặng Giấy khen cho 16 tập thể và 66 cá nhân."))
            #expect(report.sentences.contains("Từ năm 2015 đến năm 2020, UBND tỉnh Lào Cai tặng Bằng khen của Chủ tịch UBND tỉnh cho 3 tập thể và 7 cá nhân."))
            #expect(try await engine.summary(fromYear: 2015, toYear: 2020, org: "H-SP").rows.isEmpty)
            let history = try await engine.nomineeHistory(try await engine.nomination(giayKhen[0]).nominee.id)
            #expect(history.entries.map(\.state) == ["revoked"])
        }
    }

    @Test func searchIgnoresAccentsCaseAndNormalFormThroughTheIndex() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            for name in ["Nguyễn Văn A", "Nguyễn Văn An", "Đặng Thị Đào", "Trần Văn Bình", "Ánh Nguyễn"] {
                _ = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: name, nomineeType: .individual), by: u.lan)
            }
            let nfd = "Nguye\u{0302}\u{0303}n Va\u{0306}n A"
            for query in ["nguyen van a", "NGUYEN VAN A", nfd, "nguyễn văn a"] {
                #expect(try await engine.search(query).map(\.name) == ["Nguyễn Văn A", "Nguyễn Văn An"], "\(query)")
            }
            #expect(try await engine.search("dang thi dao").map(\.name) == ["Đặng Thị Đào"])
            #expect(try await engine.search("đào").map(\.name) == ["Đặng Thị Đào"])
            #expect(try await engine.search("nguyen").map(\.name) == ["Ánh Nguyễn", "Nguyễn Văn A", "Nguyễn Văn An"])
            #expect(try await engine.search("100%").isEmpty)
            #expect(try await engine.search("nguyen", viewer: u.sung).isEmpty)
            // With a realistic table the planner reads the trigram index, not the whole table.
            try db.execute("""
                INSERT INTO nominees (name, type) SELECT 'Người nhận số ' || g, 'individual' FROM generate_series(1, 20000) g;
                ANALYZE nominees;
                """)
            let plan = try db.column("EXPLAIN SELECT id FROM nominees WHERE award_fold(name) LIKE award_fold('%nguyen van a%')").joined(separator: "\n")
            #expect(plan.contains("nominees_name_fold_trgm"), "\(plan)")
            #expect(!plan.contains("Seq Scan"), "\(plan)")
        }
    }
}
