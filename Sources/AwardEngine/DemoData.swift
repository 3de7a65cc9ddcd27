import Foundation
import AwardPostgres

/// A demo data set: a province with its towns, wards and agencies, a user of every role with a
/// token, and nominations in every state with Vietnamese names, so that a new user has something
/// to look at and act on at once.
public enum DemoData {
    /// What was loaded, with the demo users' tokens (issued anew on every load).
    public struct Summary: Sendable, Codable, Equatable {
        public var orgs: Int
        public var nominations: Int
        /// Whether the data was already there (loading again only issues new tokens).
        public var alreadyLoaded: Bool
        public var tokens: [IssuedToken]
    }

    static let orgs: [(code: String, name: String, level: OrgLevel, parent: String?)] = [
        ("TW", "Chính phủ", .central, nil),
        ("LC", "UBND tỉnh Lào Cai", .province, "TW"),
        ("SNV-LC", "Sở Nội vụ tỉnh Lào Cai", .unit, "LC"),
        ("TP-LC", "UBND thành phố Lào Cai", .district, "LC"),
        ("P-DK", "UBND phường Duyên Hải", .commune, "TP-LC"),
        ("P-CC", "UBND phường Cốc Lếu", .commune, "TP-LC"),
        ("THCS-DK", "Trường THCS Duyên Hải", .unit, "P-DK"),
        ("TX-SP", "UBND thị xã Sa Pa", .district, "LC"),
        ("P-SP", "UBND phường Sa Pa", .commune, "TX-SP"),
        ("X-TP", "UBND xã Tả Phìn", .commune, "TX-SP"),
        ("TYT-TP", "Trạm Y tế xã Tả Phìn", .unit, "X-TP"),
    ]

    /// One user per role, and approvers at every tier of the demo's chains.
    static let users: [(name: String, org: String, role: Role)] = [
        ("admin", "TW", .admin),
        ("nguyen.lan", "P-DK", .nominator),       // ward emulation officer
        ("hoang.mai", "TP-LC", .nominator),       // city officer, nominates for its wards and schools
        ("giang.pao", "TX-SP", .nominator),
        ("tran.minh", "TP-LC", .approver),        // city (district tier)
        ("lo.sung", "TX-SP", .approver),          // town (district tier)
        ("le.hoa", "LC", .approver),              // province
        ("pham.tung", "TW", .approver),           // central
        ("vu.thanh", "LC", .auditor),
        ("ubnd.duyenhai", "P-DK", .approver),     // ward (commune tier, from 1/7/2025)
        ("ubnd.sapa", "P-SP", .approver),
    ]

    /// Loads the demo set unless its orgs already exist; issues every demo user a new token either way.
    public static func load(into engine: AwardEngine, now: Date = Date()) async throws(AwardError) -> Summary {
        if try await engine.orgs().contains(where: { $0.code == "LC" }) {
            var tokens: [IssuedToken] = []
            for user in users { tokens.append(try await engine.rotateToken(name: user.name)) }
            return Summary(orgs: orgs.count, nominations: 0, alreadyLoaded: true, tokens: tokens)
        }
        for org in orgs {
            _ = try await engine.addOrg(code: org.code, name: org.name, level: org.level, parent: org.parent)
        }
        var tokens: [IssuedToken] = []
        for user in users { tokens.append(try await engine.addUser(name: user.name, org: user.org, role: user.role)) }
        var principals: [String: Principal] = [:]
        for user in users { principals[user.name] = try await engine.principal(named: user.name) }
        let p = { (name: String) in principals[name]! }

        // Dossiers received before 1 July 2025 follow Decree 98's chain (with the district tier);
        // those received since follow Decree 152's (commune → province → central).
        let unityDay = CivilDate(iso: "2024-11-18")!
        var count = 0
        func nominate(_ kind: String, _ unit: String, _ name: String, _ type: NomineeType, _ year: Int, by: String = "hoang.mai",
                      on submitted: String? = nil, draft: Bool = false, reason: String? = nil) async throws(AwardError) -> Int64 {
            count += 1
            return try await engine.nominate(
                .init(kind: kind, unit: unit, nomineeName: name, nomineeType: type, year: year, reason: reason, draft: draft,
                      submittedOn: submitted.flatMap(CivilDate.init(iso:))),
                by: p(by), idempotencyKey: nil, now: now, trusted: true).id
        }
        // Awarded by the city on Great National Unity Day, 18/11/2024: one decision, three recipients.
        for (unit, name, type) in [("P-DK", "Nguyễn Văn An", NomineeType.individual), ("P-DK", "Trần Thị Bích Ngọc", .individual),
                                   ("P-CC", "Tổ dân phố số 5 phường Cốc Lếu", .collective)] {
            let id = try await nominate("giay-khen", unit, name, type, 2024, on: "2024-11-01",
                                        reason: "Thành tích xuất sắc trong phong trào Ngày hội Đại đoàn kết toàn dân tộc")
            _ = try await engine.perform(.approve, on: id, by: p("tran.minh"), decision: .init(number: "215/QĐ-UBND", date: unityDay), now: now)
        }
        // A household awarded at Sa Pa, later revoked for false claims.
        let revoked = try await nominate("giay-khen", "X-TP", "Hộ gia đình ông Lò Văn Páo", .household, 2024, by: "giang.pao", on: "2024-11-01")
        _ = try await engine.perform(.approve, on: revoked, by: p("lo.sung"), decision: .init(number: "98/QĐ-UBND", date: unityDay), now: now)
        _ = try await engine.perform(.revoke, on: revoked, by: p("lo.sung"), reason: "Kê khai thành tích không trung thực",
                                     decision: .init(number: "12/QĐ-UBND", date: CivilDate(iso: "2025-03-05")!), now: now)
        // A Prime Minister's Bằng khen halfway up: forwarded by the city, waiting at the province.
        let ttg = try await nominate("bang-khen-ttg", "THCS-DK", "Trường THCS Duyên Hải", .collective, 2024, on: "2025-06-10",
                                     reason: "Đã có nhiều thành tích trong công tác giáo dục giai đoạn 2019–2024")
        _ = try await engine.perform(.approve, on: ttg, by: p("tran.minh"), now: now)
        // Returned to the ward for supplementation; rejected at the town; withdrawn by the town.
        let returned = try await nominate("bang-khen-tinh", "P-CC", "Hoàng Văn Ước", .individual, 2024, on: "2025-06-15")
        _ = try await engine.perform(.return, on: returned, by: p("tran.minh"), reason: "Bổ sung báo cáo thành tích có xác nhận của thủ trưởng", now: now)
        let rejected = try await nominate("ldtt", "TYT-TP", "Sùng A Lử", .individual, 2024, by: "giang.pao", on: "2025-06-16")
        _ = try await engine.perform(.reject, on: rejected, by: p("lo.sung"), reason: "Không đạt mức hoàn thành tốt nhiệm vụ năm 2024", now: now)
        let withdrawn = try await nominate("giay-khen", "P-SP", "Đỗ Thị Hương", .individual, 2024, by: "giang.pao", on: "2025-06-16")
        _ = try await engine.perform(.withdraw, on: withdrawn, by: p("giang.pao"), reason: "Đơn vị đề nghị hình thức khác", now: now)
        // Received under Decree 152: pending at the wards themselves (commune tier), and a draft.
        _ = try await nominate("bang-khen-tinh", "P-SP", "Giàng Thị Mỷ", .individual, 2025, by: "giang.pao")
        _ = try await nominate("ldtt", "P-DK", "Phạm Đức Đạt", .individual, 2025, by: "nguyen.lan")
        _ = try await nominate("thu-khen", "P-DK", "Đội tình nguyện Duyên Hải", .collective, 2025, by: "nguyen.lan", draft: true)
        // A national emulation fighter: forwarded by the ward and the province (with its dossier),
        // now in public notice before the Central Emulation Council votes.
        let fighter = try await engine.nominate(.init(kind: "giay-khen", unit: "P-DK", nomineeName: "Lê Văn Tâm", nomineeType: .individual, draft: true),
                                                by: p("nguyen.lan")).nominee.id
        for year in [2023, 2024] {
            try await engine.importPriorAward(nominee: fighter, kind: "cstd-tinh", year: year,
                                              decision: .init(number: "\(100 + year - 2000)/QĐ-UBND", date: CivilDate(year: year, month: 12, day: 20)!),
                                              issuer: "UBND tỉnh Lào Cai", by: "demo")
        }
        count += 1
        let cstdtq = try await engine.nominate(.init(kind: "cstdtq", unit: "P-DK", nomineeId: fighter, year: 2025,
                                                     reason: "Hai năm liên tục đạt Chiến sĩ thi đua cấp tỉnh; sáng kiến ứng dụng toàn quốc"),
                                               by: p("nguyen.lan"), now: now).id
        _ = try await engine.perform(.approve, on: cstdtq, by: p("ubnd.duyenhai"), now: now)
        for (type, name) in [(DocumentType.toTrinh, "To-trinh-CSTDTQ.pdf"), (.danhSach, "Danh-sach.pdf"), (.baoCaoThanhTich, "Bao-cao-thanh-tich-Le-Van-Tam.pdf")] {
            _ = try await engine.addDocument(to: cstdtq, type: type, name: name, content: Array("%PDF-1.4\n% demo: \(name)\n%%EOF\n".utf8),
                                             by: p("le.hoa"), now: now)
        }
        _ = try await engine.perform(.approve, on: cstdtq, by: p("le.hoa"), vote: nil, now: now)
        return Summary(orgs: orgs.count, nominations: count, alreadyLoaded: false, tokens: tokens)
    }
}
