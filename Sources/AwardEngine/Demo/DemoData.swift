import Foundation
import AwardPostgres

/// A demo data set: the real Tỉnh Lào Cai of 1 July 2025 (old Lào Cai and Yên Bái merged: 99
/// communes and wards, with the 319 communes, 18 districts and two provinces they replaced, their
/// NSO codes and lineage), a few of its agencies, a user of every role with a token, and
/// nominations in every state with Vietnamese names, across the merger, so that a new user has
/// something to look at and act on at once.
///
/// The units are facts of the official lists: Quyết định 19/2025/QĐ-TTg (30/6/2025, the list and
/// codes of administrative units from 1/7/2025), Nghị quyết 202/2025/QH15 (Lào Cai and Yên Bái
/// into Tỉnh Lào Cai), Nghị quyết 1673/NQ-UBTVQH15 (16/6/2025, Lào Cai's communes), and the NSO
/// list of before (danhmuchanhchinh.nso.gov.vn). `Resources/demo/lao-cai-*.csv` are in the engine's
/// unit import format (docs/unit-import-format.md), as `scripts/admin-units --province 15` writes them.
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

    /// The demo's own bodies beside the official units: attached to a unit, as agencies are.
    static let orgs: [(code: String, name: String, level: OrgLevel, parent: String?)] = [
        ("SNV-LC", "Sở Nội vụ tỉnh Lào Cai", .unit, "P15"),
        ("SGD-LC", "Sở Giáo dục và Đào tạo tỉnh Lào Cai", .unit, "P15"),
        ("SYT-LC", "Sở Y tế tỉnh Lào Cai", .unit, "P15"),
        ("THCS-DH", "Trường THCS Duyên Hải", .unit, "W2647"),
        ("TYT-TP", "Trạm Y tế xã Tả Phìn", .unit, "W3013"),
        ("HTX-CHE-TP", "Hợp tác xã Chè Tả Phìn", .unit, "W3013"),
    ]

    /// One user per role, and approvers at every tier of the demo's chains.
    static let users: [(name: String, org: String, role: Role, variable: String, note: String)] = [
        ("admin", "TW", .admin, "ADMIN", "administrator"),
        ("nguyen.lan", "W2647", .nominator, "LAN", "ward emulation officer (Phường Lào Cai)"),
        ("hoang.mai", "LD80", .nominator, "MAI", "city officer (Thành phố Lào Cai, dossiers before 1/7/2025)"),
        ("giang.pao", "LD88", .nominator, "PAO", "town officer (Thị xã Sa Pa, dossiers before 1/7/2025)"),
        ("tran.minh", "LD80", .approver, "MINH", "city (district tier, dossiers before 1/7/2025)"),
        ("lo.sung", "LD88", .approver, "SUNG", "town (district tier, dossiers before 1/7/2025)"),
        ("le.hoa", "P15", .approver, "HOA", "province"),
        ("tran.an", "P15", .approver, "AN", "province specialist (appraises)"),
        ("nguyen.hung", "P15", .approver, "HUNG", "province leader (approves and signs)"),
        ("pham.tung", "TW", .approver, "TUNG", "central"),
        ("vu.thanh", "P15", .auditor, "THANH", "province auditor"),
        ("ubnd.laocai", "W2647", .approver, "WARD", "ward Phường Lào Cai (commune tier, from 1/7/2025)"),
        ("ubnd.sapa", "W3006", .approver, "SAPA", "ward Phường Sa Pa (commune tier)"),
        ("ly.may", "W3006", .nominator, "MAY", "ward emulation officer (Phường Sa Pa)"),
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
        ("tran.an", "Trần Thị An", "Chuyên viên Ban Thi đua - Khen thưởng"),
        ("nguyen.hung", "Nguyễn Văn Hùng", "Phó Chủ tịch UBND tỉnh"),
        ("pham.tung", "Phạm Thanh Tùng", "Vụ trưởng, Ban Thi đua - Khen thưởng Trung ương"),
        ("vu.thanh", "Vũ Đức Thành", "Thanh tra viên"),
        ("ubnd.laocai", "Đỗ Văn Hải", "Văn phòng HĐND và UBND phường"),
        ("ubnd.sapa", "Sùng A Chư", "Văn phòng HĐND và UBND phường"),
        ("ly.may", "Lý Thị Mây", "Công chức Văn hóa - Xã hội"),
    ]

    /// Who usually signs the demo's deciding bodies' decisions.
    static let signers: [(org: String, name: String, title: String)] = [
        ("TW", "Trần Văn Hưng", "Phó Thủ tướng"),
        ("P15", "Nguyễn Văn Hùng", "Phó Chủ tịch"),
        ("LD80", "Lương Văn Dũng", "Chủ tịch"),
        ("LD88", "Vàng Văn Sử", "Chủ tịch"),
        ("W2647", "Đỗ Văn Hải", "Chủ tịch"),
        ("W3006", "Sùng A Chư", "Chủ tịch"),
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
        // Loaded already: this demo (its units), or the demo of before 0.3 (its province LC).
        if try await engine.orgs().contains(where: { $0.code == "W2647" || $0.code == "LC" }) {
            var loaded: [User] = [], reissued: [String] = []
            for entry in users {
                if let token = kept[entry.name], let principal = try? await engine.principal(of: .bearer(token)), principal.name == entry.name {
                    loaded.append(try await user(entry, token))
                } else {
                    loaded.append(try await user(entry, try await engine.rotateToken(name: entry.name).token))
                    reissued.append(entry.name)
                }
            }
            return Summary(orgs: try await engine.orgs().count, nominations: try await engine.nominationCount(), alreadyLoaded: true,
                           users: loaded, reissued: reissued)
        }
        _ = try await engine.addOrg(code: "TW", name: "Chính phủ", level: .central, parent: nil)
        _ = try await engine.importUnits(units: Data(PackageResources.lao_cai_units_csv), lineage: Data(PackageResources.lao_cai_lineage_csv), under: "TW")
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
        // Awarded by the city (Thành phố Lào Cai, district tier) on Great National Unity Day,
        // 18/11/2024: one decision, three recipients of wards Duyên Hải and Cốc Lếu — both now
        // Phường Lào Cai.
        for (unit, name, type) in [("LW2635", "Nguyễn Văn An", NomineeType.individual), ("LW2635", "Trần Thị Bích Ngọc", .individual),
                                   ("LW2644", "Tổ dân phố số 5 phường Cốc Lếu", .collective)] {
            let id = try await nominate("giay-khen", unit, name, type, 2024, on: "2024-11-01",
                                        reason: "Thành tích xuất sắc trong phong trào Ngày hội Đại đoàn kết toàn dân tộc")
            _ = try await engine.perform(.approve, on: id, by: p("tran.minh"), decision: .init(number: "215/QĐ-UBND", date: unityDay), now: now)
        }
        // A household awarded at Sa Pa, later revoked for false claims.
        let revoked = try await nominate("giay-khen", "LW3013", "Hộ gia đình ông Lò Văn Páo", .household, 2024, by: "giang.pao", on: "2024-11-01")
        _ = try await engine.perform(.approve, on: revoked, by: p("lo.sung"), decision: .init(number: "98/QĐ-UBND", date: unityDay), now: now)
        _ = try await engine.perform(.revoke, on: revoked, by: p("lo.sung"), reason: "Kê khai thành tích không trung thực",
                                     decision: .init(number: "12/QĐ-UBND", date: CivilDate(iso: "2025-03-05")!), now: now)
        // A Prime Minister's Bằng khen halfway up: forwarded by the city in June 2025 to old Tỉnh
        // Lào Cai, then moved to the new province when the old one closed (below).
        let ttg = try await nominate("bang-khen-ttg", "LW2635", "Trường THCS Duyên Hải", .collective, 2024, on: "2025-06-10",
                                     reason: "Đã có nhiều thành tích trong công tác giáo dục giai đoạn 2019–2024")
        _ = try await engine.perform(.approve, on: ttg, by: p("tran.minh"), now: now)
        // Returned to the ward for supplementation; rejected at the town; withdrawn by the town.
        let returned = try await nominate("bang-khen-tinh", "LW2644", "Hoàng Văn Ước", .individual, 2024, on: "2025-06-15")
        _ = try await engine.perform(.return, on: returned, by: p("tran.minh"), reason: "Bổ sung báo cáo thành tích có xác nhận của thủ trưởng", now: now)
        let rejected = try await nominate("ldtt", "LW3013", "Sùng A Lử", .individual, 2024, by: "giang.pao", on: "2025-06-16")
        _ = try await engine.perform(.reject, on: rejected, by: p("lo.sung"), reason: "Không đạt mức hoàn thành tốt nhiệm vụ năm 2024", now: now)
        let withdrawn = try await nominate("giay-khen", "LW3001", "Đỗ Thị Hương", .individual, 2024, by: "giang.pao", on: "2025-06-16")
        _ = try await engine.perform(.withdraw, on: withdrawn, by: p("giang.pao"), reason: "Đơn vị đề nghị hình thức khác", now: now)
        // The old city's and province's dossiers still in flight on 1/7/2025 go on at the units that
        // took over their powers, each with a step citing the rule pack's transitional provision.
        for closed in ["LD80", "LP10"] {
            _ = try await engine.rerouteToSuccessors(from: closed, by: p("admin"))
        }
        // Received under Decree 152: pending at the wards themselves (commune tier), and a draft.
        _ = try await nominate("bang-khen-tinh", "W3006", "Giàng Thị Mỷ", .individual, 2025, by: "ly.may")
        _ = try await nominate("ldtt", "W2647", "Phạm Đức Đạt", .individual, 2025, by: "nguyen.lan")
        _ = try await nominate("thu-khen", "W2647", "Đội tình nguyện phường Lào Cai", .collective, 2025, by: "nguyen.lan", draft: true)
        // A national emulation fighter: forwarded by the ward and the province (with its dossier),
        // now in public notice before the Central Emulation Council votes.
        let fighter = try await engine.nominate(.init(kind: "giay-khen", unit: "W2647", nomineeName: "Lê Văn Tâm", nomineeType: .individual, draft: true),
                                                by: p("nguyen.lan")).nominee.id
        for year in [2023, 2024] {
            try await engine.importPriorAward(nominee: fighter, kind: "cstd-tinh", year: year,
                                              decision: .init(number: "\(100 + year - 2000)/QĐ-UBND", date: CivilDate(year: year, month: 12, day: 20)!),
                                              issuer: "UBND tỉnh Lào Cai", by: "demo")
        }
        let cstdtq = try await engine.nominate(.init(kind: "cstdtq", unit: "W2647", nomineeId: fighter, year: 2025,
                                                     reason: "Hai năm liên tục đạt Chiến sĩ thi đua cấp tỉnh; sáng kiến ứng dụng toàn quốc"),
                                               by: p("nguyen.lan"), now: now).id
        _ = try await engine.perform(.approve, on: cstdtq, by: p("ubnd.laocai"), now: now)
        for (type, name) in [(DocumentType.toTrinh, "To-trinh-CSTDTQ.pdf"), (.danhSach, "Danh-sach.pdf"), (.baoCaoThanhTich, "Bao-cao-thanh-tich-Le-Van-Tam.pdf"),
                             (.bienBan, "Bien-ban-HDTDKT-tinh.pdf"), (.sangKien, "Cong-nhan-sang-kien.pdf")] {
            _ = try await engine.addDocument(to: cstdtq, type: type, name: name, content: Array("%PDF-1.4\n% demo: \(name)\n%%EOF\n".utf8),
                                             by: p("le.hoa"), now: now)
        }
        _ = try await engine.perform(.approve, on: cstdtq, by: p("le.hoa"), vote: nil, now: now)
        try await loadHistory(engine)
        try await decided2025(engine, p, now: now)
        try await campaigns(engine, p, now: now)
        try await officeInSteps(engine, p, now: now)
        try await reportFacts(engine, p)
        return Summary(orgs: try await engine.orgs().count, nominations: try await engine.nominationCount(), alreadyLoaded: false,
                       users: loaded, reissued: [])
    }

    /// The reporting year 2025 (1/12/2024–30/11/2025) ends with papers to file: a province's
    /// Bằng khen (a thematic campaign's awards) and a Prime Minister's Bằng khen, each climbing
    /// from the ward with the province's dossier, decided in one numbered decision with its signer.
    static func decided2025(_ engine: AwardEngine, _ p: (String) -> Principal, now: Date) async throws(AwardError) {
        func climb(_ kind: String, _ name: String, _ type: NomineeType, _ reason: String, type commendation: CommendationType = .annual,
                   to deciding: String) async throws(AwardError) -> Int64 {
            let id = try await engine.nominate(
                .init(kind: kind, unit: "W2647", nomineeName: name, nomineeType: type, year: 2025, reason: reason,
                      submittedOn: CivilDate(iso: "2025-07-15"), commendationType: commendation),
                by: p("nguyen.lan"), idempotencyKey: nil, now: now, trusted: true).id
            _ = try await engine.perform(.approve, on: id, by: p("ubnd.laocai"), vote: VoteTally(members: 9, present: 8, inFavour: 8), now: now)
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
                            type: .thematic, to: "P15"),
            try await climb("bang-khen-tinh", "Vàng A Dình", .individual, "Đã có thành tích xuất sắc trong phong trào thi đua “Chuyển đổi số” năm 2025",
                            type: .thematic, to: "P15"),
            try await climb("bang-khen-tinh", "Tổ Công nghệ số cộng đồng phường Lào Cai", .collective,
                            "Đã có thành tích xuất sắc trong phong trào thi đua “Chuyển đổi số” năm 2025", type: .thematic, to: "P15"),
        ]
        // The province and the Prime Minister sign their decisions digitally (issue 29): awardd signs and seals the
        // province's with the demo's test keys when it has them (scripts/run makes them); the Prime Minister's waits.
        try await engine.setSignsDigitally(org: "P15", true, by: p("le.hoa"))
        _ = try await engine.decide(org: "P15", kind: "bang-khen-tinh", nominations: province, by: p("le.hoa"), date: CivilDate(iso: "2025-10-10")!,
                                    details: .init(signer: "Nguyễn Văn Hùng", onBehalf: true,
                                                   legalBasis: "Quyết định số 25/2024/QĐ-UBND ngày 10/5/2024 của UBND tỉnh Lào Cai ban hành Quy chế thi đua, khen thưởng",
                                                   commendationType: .thematic, achievementPeriod: "phong trào thi đua “Chuyển đổi số” năm 2025"),
                                    now: now)
        let state = [
            try await climb("bang-khen-ttg", "Trường Mầm non Duyên Hải", .collective, "Đã có thành tích xuất sắc trong công tác giáo dục từ năm học 2020–2021 đến năm học 2024–2025",
                            to: "TW"),
            try await climb("bang-khen-ttg", "Hội Cựu chiến binh phường Lào Cai", .collective,
                            "Đã có thành tích xuất sắc trong phong trào thi đua yêu nước giai đoạn 2020–2025", to: "TW"),
        ]
        try await engine.setDecisionPattern(org: "TW", pattern: "{n}/QĐ-TTg")
        try await engine.setSignsDigitally(org: "TW", true, by: p("pham.tung"))
        _ = try await engine.decide(org: "TW", kind: "bang-khen-ttg", nominations: state, by: p("pham.tung"), date: CivilDate(iso: "2025-11-20")!,
                                    details: .init(signer: "Trần Văn Hưng", onBehalf: true, legalBasis: "Luật Tổ chức Chính phủ ngày 18 tháng 2 năm 2025",
                                                   achievementPeriod: "giai đoạn 2020–2025"),
                                    now: now)
    }
}
