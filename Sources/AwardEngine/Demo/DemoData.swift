import Foundation
import AwardPostgres

/// A demo data set: a province with its towns, wards and agencies, a user of every role with a
/// token, and nominations in every state with Vietnamese names, so that a new user has something
/// to look at and act on at once.
public enum DemoData {
    /// What is loaded, with the demo users' credentials.
    public struct Summary: Sendable, Codable, Equatable {
        public var orgs: Int
        /// The nominations in the database now.
        public var nominations: Int
        /// Whether the data was already there.
        public var alreadyLoaded: Bool
        public var users: [User]
        /// The users whose token given to ``DemoData/load(into:keeping:now:)`` no longer worked and was replaced.
        public var reissued: [String]
    }

    /// A demo user: who, what they do, the shell variable that holds their token in the
    /// credentials file, and the token.
    public struct User: Sendable, Codable, Equatable {
        public var name: String
        public var org: String
        public var role: Role
        public var note: String
        public var variable: String
        public var token: String
        /// The password for the web pages' sign-in.
        public var password: String
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
    static let users: [(name: String, org: String, role: Role, variable: String, note: String)] = [
        ("admin", "TW", .admin, "ADMIN", "administrator"),
        ("nguyen.lan", "P-DK", .nominator, "LAN", "ward emulation officer (Duyên Hải)"),
        ("hoang.mai", "TP-LC", .nominator, "MAI", "city officer, nominates for its wards and schools"),
        ("giang.pao", "TX-SP", .nominator, "PAO", "town officer (Sa Pa)"),
        ("tran.minh", "TP-LC", .approver, "MINH", "city (district tier, dossiers before 1/7/2025)"),
        ("lo.sung", "TX-SP", .approver, "SUNG", "town (district tier, dossiers before 1/7/2025)"),
        ("le.hoa", "LC", .approver, "HOA", "province"),
        ("pham.tung", "TW", .approver, "TUNG", "central"),
        ("vu.thanh", "LC", .auditor, "THANH", "province auditor"),
        ("ubnd.duyenhai", "P-DK", .approver, "WARD", "ward (commune tier, from 1/7/2025)"),
        ("ubnd.sapa", "P-SP", .approver, "SAPA", "ward Sa Pa (commune tier)"),
    ]

    /// The demo users' full names and titles (the header and the history show them).
    static let people: [(user: String, name: String, title: String)] = [
        ("admin", "Quản trị hệ thống", "Quản trị viên"),
        ("nguyen.lan", "Nguyễn Thị Lan", "Công chức Văn hóa - Xã hội"),
        ("hoang.mai", "Hoàng Thị Mai", "Chuyên viên Phòng Nội vụ"),
        ("giang.pao", "Giàng A Páo", "Chuyên viên Phòng Nội vụ"),
        ("tran.minh", "Trần Văn Minh", "Trưởng phòng Nội vụ"),
        ("lo.sung", "Lò Văn Sung", "Trưởng phòng Nội vụ"),
        ("le.hoa", "Lê Thị Hoa", "Trưởng ban Thi đua - Khen thưởng"),
        ("pham.tung", "Phạm Thanh Tùng", "Vụ trưởng, Ban Thi đua - Khen thưởng Trung ương"),
        ("vu.thanh", "Vũ Đức Thành", "Thanh tra viên"),
        ("ubnd.duyenhai", "Đỗ Văn Hải", "Văn phòng HĐND và UBND phường"),
        ("ubnd.sapa", "Sùng A Chư", "Văn phòng HĐND và UBND phường"),
    ]

    /// Who usually signs the demo's deciding bodies' decisions.
    static let signers: [(org: String, name: String, title: String)] = [
        ("TW", "Trần Văn Hưng", "Phó Thủ tướng"),
        ("LC", "Nguyễn Văn Hùng", "Phó Chủ tịch"),
        ("TP-LC", "Lương Văn Dũng", "Chủ tịch"),
        ("TX-SP", "Vàng Văn Sử", "Chủ tịch"),
        ("P-DK", "Đỗ Văn Hải", "Chủ tịch"),
        ("P-SP", "Sùng A Chư", "Chủ tịch"),
    ]

    /// Twelve letters and digits, easy to type from the banner (no 0/O, 1/l).
    static func newPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// Loads the demo set unless its orgs already exist. A demo user keeps the token given in
    /// `keeping` (by user name) while it still works; a user without one, or whose token no
    /// longer works, is issued a new one (named in ``Summary/reissued``).
    /// A demo user keeps the password given in `passwords` too; one without gets a new random one.
    public static func load(into engine: AwardEngine, keeping kept: [String: String] = [:], passwords: [String: String] = [:],
                            now: Date = Date()) async throws(AwardError) -> Summary {
        func user(_ entry: (name: String, org: String, role: Role, variable: String, note: String), _ token: String) async throws(AwardError) -> User {
            let password: String
            if let given = passwords[entry.name] {
                password = given
            } else {
                password = newPassword()
                try await engine.setPassword(name: entry.name, password: password, cost: 10)
            }
            return User(name: entry.name, org: entry.org, role: entry.role, note: entry.note, variable: entry.variable, token: token,
                        password: password)
        }
        if try await engine.orgs().contains(where: { $0.code == "LC" }) {
            var loaded: [User] = [], reissued: [String] = []
            for entry in users {
                if let token = kept[entry.name], let principal = try? await engine.principal(of: .bearer(token)), principal.name == entry.name {
                    loaded.append(try await user(entry, token))
                } else {
                    loaded.append(try await user(entry, try await engine.rotateToken(name: entry.name).token))
                    reissued.append(entry.name)
                }
            }
            return Summary(orgs: orgs.count, nominations: try await engine.nominationCount(), alreadyLoaded: true,
                           users: loaded, reissued: reissued)
        }
        for org in orgs {
            _ = try await engine.addOrg(code: org.code, name: org.name, level: org.level, parent: org.parent)
        }
        var loaded: [User] = []
        for entry in users { loaded.append(try await user(entry, try await engine.addUser(name: entry.name, org: entry.org, role: entry.role).token)) }
        var principals: [String: Principal] = [:]
        for user in users { principals[user.name] = try await engine.principal(named: user.name) }
        let p = { (name: String) in principals[name]! }
        for person in people { _ = try await engine.setPersonName(user: person.user, displayName: person.name, title: person.title) }
        for signer in signers { _ = try await engine.setUsualSigner(org: signer.org, name: signer.name, title: signer.title, by: p("admin")) }

        // Dossiers received before 1 July 2025 follow Decree 98's chain (with the district tier);
        // those received since follow Decree 152's (commune → province → central).
        let unityDay = CivilDate(iso: "2024-11-18")!
        func nominate(_ kind: String, _ unit: String, _ name: String, _ type: NomineeType, _ year: Int, by: String = "hoang.mai",
                      on submitted: String? = nil, draft: Bool = false, reason: String? = nil) async throws(AwardError) -> Int64 {
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
        let cstdtq = try await engine.nominate(.init(kind: "cstdtq", unit: "P-DK", nomineeId: fighter, year: 2025,
                                                     reason: "Hai năm liên tục đạt Chiến sĩ thi đua cấp tỉnh; sáng kiến ứng dụng toàn quốc"),
                                               by: p("nguyen.lan"), now: now).id
        _ = try await engine.perform(.approve, on: cstdtq, by: p("ubnd.duyenhai"), now: now)
        for (type, name) in [(DocumentType.toTrinh, "To-trinh-CSTDTQ.pdf"), (.danhSach, "Danh-sach.pdf"), (.baoCaoThanhTich, "Bao-cao-thanh-tich-Le-Van-Tam.pdf"),
                             (.bienBan, "Bien-ban-HDTDKT-tinh.pdf"), (.sangKien, "Cong-nhan-sang-kien.pdf")] {
            _ = try await engine.addDocument(to: cstdtq, type: type, name: name, content: Array("%PDF-1.4\n% demo: \(name)\n%%EOF\n".utf8),
                                             by: p("le.hoa"), now: now)
        }
        _ = try await engine.perform(.approve, on: cstdtq, by: p("le.hoa"), vote: nil, now: now)
        try await decided2025(engine, p, now: now)
        try await campaigns(engine, p, now: now)
        return Summary(orgs: orgs.count, nominations: try await engine.nominationCount(), alreadyLoaded: false,
                       users: loaded, reissued: [])
    }

    /// The reporting year 2025 (1/12/2024–30/11/2025) ends with papers to file: a province's
    /// Bằng khen (a thematic campaign's awards) and a Prime Minister's Bằng khen, each climbing
    /// from the ward with the province's dossier, decided in one numbered decision with its signer.
    static func decided2025(_ engine: AwardEngine, _ p: (String) -> Principal, now: Date) async throws(AwardError) {
        func climb(_ kind: String, _ name: String, _ type: NomineeType, _ reason: String, type commendation: CommendationType = .annual,
                   to deciding: String) async throws(AwardError) -> Int64 {
            let id = try await engine.nominate(
                .init(kind: kind, unit: "P-DK", nomineeName: name, nomineeType: type, year: 2025, reason: reason,
                      submittedOn: CivilDate(iso: "2025-07-15"), commendationType: commendation),
                by: p("nguyen.lan"), idempotencyKey: nil, now: now, trusted: true).id
            _ = try await engine.perform(.approve, on: id, by: p("ubnd.duyenhai"), vote: VoteTally(members: 9, present: 8, inFavour: 8), now: now)
            if deciding == "TW" {
                for (type, file) in [(DocumentType.toTrinh, "To-trinh.pdf"), (.danhSach, "Danh-sach.pdf"), (.baoCaoThanhTich, "Bao-cao-thanh-tich.pdf"),
                                     (.bienBan, "Bien-ban-HDTDKT-tinh.pdf")] {
                    _ = try await engine.addDocument(to: id, type: type, name: file, content: Array("%PDF-1.4\n% demo: \(file)\n%%EOF\n".utf8),
                                                     by: p("le.hoa"), now: now)
                }
                _ = try await engine.perform(.approve, on: id, by: p("le.hoa"), vote: VoteTally(members: 15, present: 14, inFavour: 13), now: now)
            }
            return id
        }
        let province = [
            try await climb("bang-khen-tinh", "Đinh Thị Hồng Nhung", .individual, "Đã có thành tích xuất sắc trong phong trào thi đua “Chuyển đổi số” năm 2025",
                            type: .thematic, to: "LC"),
            try await climb("bang-khen-tinh", "Vàng A Dình", .individual, "Đã có thành tích xuất sắc trong phong trào thi đua “Chuyển đổi số” năm 2025",
                            type: .thematic, to: "LC"),
            try await climb("bang-khen-tinh", "Tổ Công nghệ số cộng đồng phường Duyên Hải", .collective,
                            "Đã có thành tích xuất sắc trong phong trào thi đua “Chuyển đổi số” năm 2025", type: .thematic, to: "LC"),
        ]
        _ = try await engine.decide(org: "LC", kind: "bang-khen-tinh", nominations: province, by: p("le.hoa"), date: CivilDate(iso: "2025-10-10")!,
                                    details: .init(signer: "Nguyễn Văn Hùng", onBehalf: true,
                                                   legalBasis: "Quyết định số 25/2024/QĐ-UBND ngày 10/5/2024 của UBND tỉnh Lào Cai ban hành Quy chế thi đua, khen thưởng",
                                                   commendationType: .thematic, achievementPeriod: "phong trào thi đua “Chuyển đổi số” năm 2025"),
                                    now: now)
        let state = [
            try await climb("bang-khen-ttg", "Trường Mầm non Duyên Hải", .collective, "Đã có thành tích xuất sắc trong công tác giáo dục từ năm học 2020–2021 đến năm học 2024–2025",
                            to: "TW"),
            try await climb("bang-khen-ttg", "Hội Cựu chiến binh phường Duyên Hải", .collective,
                            "Đã có thành tích xuất sắc trong phong trào thi đua yêu nước giai đoạn 2020–2025", to: "TW"),
        ]
        try await engine.setDecisionPattern(org: "TW", pattern: "{n}/QĐ-TTg")
        _ = try await engine.decide(org: "TW", kind: "bang-khen-ttg", nominations: state, by: p("pham.tung"), date: CivilDate(iso: "2025-11-20")!,
                                    details: .init(signer: "Trần Văn Hưng", onBehalf: true, legalBasis: "Luật Tổ chức Chính phủ ngày 18 tháng 2 năm 2025",
                                                   achievementPeriod: "giai đoạn 2020–2025"),
                                    now: now)
    }
}
