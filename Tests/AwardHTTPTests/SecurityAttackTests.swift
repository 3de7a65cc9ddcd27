@testable import AwardHTTP
@testable import AwardWeb
@testable import AwardEngine
@testable import AwardDomain
@testable import AwardPostgres
import AwardTestSupport
import HummingbirdBcrypt
import Foundation
import Testing

/// The attacks a hostile tester ran against the demo (issue 25), each as it was tried: every one of
/// them now fails, changes nothing, and answers in words of the engine's own.
@Suite struct SecurityAttackTests {
    static let ttg = #"{"kind":"bang-khen-ttg","unit":"P-HB","nominee":{"name":"Trường Tiểu học Hàm Rồng","type":"collective"}}"#

    /// No database or Swift wording in what a caller reads.
    static func plain(_ reply: APIHarness.Reply, sourceLocation: SourceLocation = #_sourceLocation) {
        for leak in ["violates", "constraint", "out of range for type", "Swift", "Fatal", "PostgreSQL", "SQLSTATE", "syntax"] {
            #expect(!reply.text.contains(leak), "the answer leaks \"\(leak)\": \(reply.text)", sourceLocation: sourceLocation)
        }
    }

    // 1. Numbers that used to trap.
    @Test func votesBeyondAnyCouncilAreRefusedNamingTheFieldAndTheRange() async throws {
        try await APIHarness.with { api in
            let n = try await api.engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Lò Thị Mai", nomineeType: .individual), by: api.users.lan)
            let before = try api.database.count("SELECT version AS n FROM nominations WHERE id = \(n.id)")
            for (members, present, favour) in [("4611686018427387904", "4611686018427387904", "4611686018427387904"), ("-5", "-5", "-5"),
                                              ("9223372036854775807", "1", "1"), ("1e30", "1", "1"), ("3.5", "3", "3"), ("2147483648", "2", "2")] {
                let body = #"{"decision":{"number":"9/QĐ-UBND","date":"2024-03-01"},"vote":{"members":\#(members),"present":\#(present),"in_favour":\#(favour)}}"#
                let reply = try await api.send(.post, "/v1/nominations/\(n.id)/approve", as: "minh", json: body)
                #expect(reply.status == 400, "\(members): \(reply.text)")
                #expect((reply.object["detail_vi"] as? String)?.contains("vote.members") == true || (reply.object["detail_vi"] as? String)?.contains("10.000") == true,
                        "\(reply.text)")
                Self.plain(reply)
            }
            // In range but impossible: refused as such, in words.
            let impossible = try await api.send(.post, "/v1/nominations/\(n.id)/approve", as: "minh",
                                                json: #"{"decision":{"number":"9/QĐ-UBND","date":"2024-03-01"},"vote":{"members":5,"present":7,"in_favour":7}}"#)
            #expect(impossible.status == 400 && impossible.code == "vote_invalid")
            #expect(try api.database.count("SELECT version AS n FROM nominations WHERE id = \(n.id)") == before)
        }
    }

    @Test func fundIncomeIsBoundedAndTheStatementNeverTraps() async throws {
        try await APIHarness.with { api in
            let refused = await #expect(throws: AwardError.self) {
                try await api.engine.addFundIncome(org: "P-HB", year: 2025, amountVnd: Int64.max, source: "Ngân sách", by: api.users.phuong)
            }
            #expect(refused?.code == .outOfRange && refused?.messageVI.contains("1.000.000.000.000") == true)
            _ = try await api.engine.addFundIncome(org: "P-HB", year: 2025, amountVnd: 1, source: "Ngân sách", by: api.users.phuong)
            // Rows written before the bound (by the database's owner) that sum past 64 bits: a refusal, not a crash.
            try api.database.execute("INSERT INTO fund_income (org_id, year, amount_vnd, source, recorded_by) SELECT id, 2025, 9223372036854775807, 'x', 'x' FROM orgs WHERE code = 'P-HB'")
            let statement = await #expect(throws: AwardError.self) { try await api.engine.fund(org: "P-HB", year: 2025) }
            #expect(statement?.code == .outOfRange)
            let reply = try await api.send(.get, "/v1/funds/P-HB/2025", as: "minh")
            #expect(reply.status == 422)
            Self.plain(reply)
        }
    }

    // 2. Another district's people.
    @Test func aNomineeOfAnotherDistrictCannotBeAttachedByItsId() async throws {
        try await APIHarness.with { api in
            let theirs = try await api.engine.nominate(.init(kind: "giay-khen", unit: "X-TP", nomineeName: "Giàng A Páo", nomineeType: .individual, year: 2023),
                                                      by: api.users.pao)
            let nominee = theirs.nominee.id
            let attach = try await api.send(.post, "/v1/nominations", as: "lan",
                                            json: #"{"kind":"giay-khen","unit":"P-HB","nominee":{"id":\#(nominee)},"draft":true}"#)
            #expect(attach.status == 404 && attach.code == "unknown_nominee", "\(attach.text)")
            #expect(try api.database.count("SELECT count(*) AS n FROM nominations WHERE nominee_id = \(nominee)") == 1)
            // Its history, search hits and facts stay closed to the ward.
            #expect(try await api.send(.get, "/v1/nominees/\(nominee)/history", as: "lan").status == 404)
            #expect(try await api.send(.get, "/v1/search?q=Giang", as: "lan").items.isEmpty)
            // Registering it by id in a campaign is refused too.
            await #expect(throws: AwardError.self) {
                try await api.engine.transferNominee(nominee, to: "P-HB", reason: "Chuyển công tác", by: api.users.lan)
            }
            // An officer whose jurisdiction covers both units transfers it, with a reason kept for good;
            // from then on the ward nominates it.
            let moved = try await api.send(.post, "/v1/nominees/\(nominee)/transfer", as: "hoa",
                                           json: #"{"to":"P-HB","reason":"Chuyển công tác về phường Hàm Rồng theo Quyết định 12/QĐ-UBND"}"#)
            #expect(moved.status == 200 && moved.object["from"] as? String == "X-TP" && moved.object["to"] as? String == "P-HB", "\(moved.text)")
            let again = try await api.send(.post, "/v1/nominations", as: "lan",
                                           json: #"{"kind":"giay-khen","unit":"P-HB","nominee":{"id":\#(nominee)},"draft":true}"#)
            #expect(again.status == 201, "\(again.text)")
            #expect(try await api.send(.get, "/v1/nominees/\(nominee)/history", as: "lan").status == 200)
            // The old district now sees only what it proposed itself.
            let old = try await api.engine.nomineeHistory(nominee, viewer: api.users.pao)
            #expect(old.entries.map(\.nominationId) == [theirs.id])
            // The home moves only with a transfer row, whoever writes it.
            #expect(throws: PostgresError.self) {
                try Connection(conninfo: api.database.conninfo).execute("UPDATE nominees SET home_org_id = (SELECT id FROM orgs WHERE code = 'X-TP') WHERE id = \(nominee)")
            }
        }
    }

    // 3. The country's overdue list.
    @Test func theOverdueListStaysWithinTheCallersJurisdiction() async throws {
        try await APIHarness.with { api in
            _ = try await api.engine.nominate(.init(kind: "giay-khen", unit: "X-TP", nomineeName: "Sùng Seo Dình", nomineeType: .individual), by: api.users.pao)
            let country = try await api.send(.get, "/v1/overdue?org=TW&within=365", as: "lan")
            #expect(country.status == 403 && country.code == "outside_jurisdiction")
            let own = try await api.send(.get, "/v1/overdue?within=365", as: "lan")
            #expect(own.status == 200 && own.items.isEmpty, "\(own.text)")
            let province = try await api.send(.get, "/v1/overdue?within=365", as: "hoa")
            #expect(province.items.count == 1)
        }
    }

    // 6. Anyone locks anyone out; user names confirmed.
    @Test func failedSignInsFromOneClientDoNotKeepTheAdminOut() async throws {
        try await APIHarness.with { api in
            try await api.engine.setPassword(name: "admin", password: "quản-trị-hệ-thống-2025", cost: 4)
            // One instant for the whole attack: on a loaded machine the thirty tries took longer than
            // the first wait, and the right password then came after it (a flaky pass of the throttle).
            let now = Date()
            for _ in 0..<30 {
                _ = try? await api.engine.signIn(name: "admin", password: "doan-mo-\(UUID().uuidString.prefix(6))", client: "203.0.113.9", now: now)
            }
            let refused = await #expect(throws: AwardError.self) {
                try await api.engine.signIn(name: "admin", password: "quản-trị-hệ-thống-2025", client: "203.0.113.9", now: now)
            }
            #expect(refused?.code == .tooManyAttempts)
            // The real admin, at another machine, signs in at once.
            _ = try await api.engine.signIn(name: "admin", password: "quản-trị-hệ-thống-2025", client: "198.51.100.20")
        }
    }

    @Test func anUnknownNameAndAWrongPasswordCostTheSameCheckAndReadTheSame() async throws {
        // A vault of its own, so that the count is this test's alone.
        let vault = PasswordVault(hasher: { password, _ in Bcrypt.hash(password, cost: 4) })
        let database = try await TestDatabase.create()
        defer { database.drop() }
        let engine = AwardEngine(database: .conninfo(database.conninfo), poolSize: 2, passwords: vault)
        defer { Task { try? await engine.close() } }
        _ = try await Seed.tree(engine)
        let api = (engine: engine, database: database)
        do {
            try await api.engine.setPassword(name: "minh", password: "mật-khẩu-phường-2025", cost: 4)
            let before = vault.checks
            let wrong = await #expect(throws: AwardError.self) { try await api.engine.signIn(name: "minh", password: "sai-rồi-sai-rồi", client: "a") }
            #expect(vault.checks == before + 1)
            let unknown = await #expect(throws: AwardError.self) { try await api.engine.signIn(name: "khong-co-ai", password: "sai-rồi-sai-rồi", client: "b") }
            #expect(vault.checks == before + 2)
            #expect(wrong == unknown)
            // Both kinds of names are slowed alike: five failures from one client, at one moment.
            let t0 = Date()
            for name in ["minh", "ai-do-khong-ton-tai"] {
                for _ in 0..<5 { _ = try? await api.engine.signIn(name: name, password: "sai-rồi-sai-rồi", client: "c", now: t0) }
                let sixth = await #expect(throws: AwardError.self) { try await api.engine.signIn(name: name, password: "sai-rồi-sai-rồi", client: "c", now: t0) }
                #expect(sixth?.code == .tooManyAttempts && sixth?.messageVI.contains("5 giây") == true, "\(name): \(sixth?.messageVI ?? "")")
            }
            // A slowed attempt is refused before any check; once the wait is over it is checked again.
            let checks = vault.checks
            _ = try? await api.engine.signIn(name: "minh", password: "mật-khẩu-phường-2025", client: "c", now: t0.addingTimeInterval(1))
            #expect(vault.checks == checks)
            _ = try await api.engine.signIn(name: "minh", password: "mật-khẩu-phường-2025", client: "c", now: t0.addingTimeInterval(6))
            #expect(vault.checks == checks + 1)
        }
    }

    // 7. A sign-in flood starves everyone: bcrypt holds no connection.
    @Test func aPasswordCheckHoldsNoDatabaseConnection() async throws {
        let gate = Gate()
        let vault = PasswordVault(threads: 1, verifier: { password, hash in gate.wait(); return Bcrypt.verify(password, hash: hash) },
                                  hasher: { password, _ in Bcrypt.hash(password, cost: 4) })
        let database = try await TestDatabase.create()
        defer { database.drop() }
        let engine = AwardEngine(database: .conninfo(database.conninfo), poolSize: 1, passwords: vault)
        let u = try await Seed.tree(engine)
        try await engine.setPassword(name: "lan", password: "mật-khẩu-phường-2025")
        let signIn = Task { try await engine.signIn(name: "lan", password: "mật-khẩu-phường-2025", client: "a") }
        try await gate.arrived()
        // The check is running and has not returned: the one connection still serves others.
        let inbox = try await engine.inbox(of: u.lan)
        #expect(inbox.isEmpty)
        _ = try await engine.orgs()
        gate.open()
        _ = try await signIn.value
        try await engine.close()
    }

    // 8. Open redirect.
    @Test(arguments: ["/\\evil.example/x", "//evil.example/x", "https://evil.example/", "/\t/evil.example", " /x", "javascript:alert(1)",
                      "/\\/evil.example", "http:/x"])
    func nextIsAPathOfThisSiteAndNothingElse(next: String) {
        #expect(SafeRedirect.path(next) == nil, "\(next)")
        #expect(SafeRedirect.path("/nominations/12?tab=tai-lieu") == "/nominations/12?tab=tai-lieu")
    }

    // 9. Webhooks as a pivot.
    @Test func webhooksToLoopbackOrPrivateAddressesNeedAnAdminsAllowance() async throws {
        try await APIHarness.with { api in
            for url in ["http://127.0.0.1:8080/metrics", "http://localhost:5432/", "http://[::1]/x", "http://10.0.0.5/hook",
                        "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0:8080/"] {
                let refused = await #expect(throws: AwardError.self, "\(url)") {
                    try await api.engine.addWebhook(url: url, events: ["*"], org: nil, by: api.users.admin)
                }
                #expect(refused?.code == .webhookDestinationRefused, "\(url): \(refused?.message ?? "")")
            }
            _ = try await api.engine.allowWebhookNetwork("10.20.0.0/16", reason: "Mạng nội bộ của tỉnh", by: api.users.admin)
            _ = try await api.engine.addWebhook(url: "http://10.20.3.4/hook", events: ["*"], org: nil, by: api.users.admin)
            await #expect(throws: AwardError.self) { try await api.engine.addWebhook(url: "http://10.21.3.4/hook", events: ["*"], org: nil, by: api.users.admin) }
            await #expect(throws: AwardError.self) { try await api.engine.allowWebhookNetwork("10.20.0.0/16", by: api.users.hoa) }
            _ = try await api.engine.allowWebhookNetwork("10.20.0.0/16", allowed: false, reason: "Đổi mạng", by: api.users.admin)
            #expect(try await api.engine.webhookAllowedNetworks().isEmpty)
            // Even allowed, awardd's own listening address is never a destination.
            WebhookDestination.ownListeners.add(host: "127.0.0.1", port: 18_999)
            _ = try await api.engine.allowWebhookNetwork("127.0.0.0/8", by: api.users.admin)
            await #expect(throws: AwardError.self) { try await api.engine.addWebhook(url: "http://127.0.0.1:18999/x", events: ["*"], org: nil, by: api.users.admin) }
        }
    }

    // 11. Names that lie about what they show.
    @Test(arguments: ["\u{200B}\u{200B}", "\u{200D}\u{FEFF}", "Phạm \u{202E}fdp.exe\u{202C}", "Lê\u{2067}Văn", "Trần\u{0007}Bình"])
    func namesOfInvisibleOrReversingCharactersAreRefusedNamingTheField(name: String) async throws {
        try await APIHarness.with { api in
            let body = #"{"kind":"giay-khen","unit":"P-HB","nominee":{"name":"\#(name.unicodeScalars.map { $0.value < 0x80 && $0.value >= 0x20 ? String($0) : String(format: "\\u%04X", $0.value) }.joined())","type":"individual"},"draft":true}"#
            let reply = try await api.send(.post, "/v1/nominations", as: "lan", json: body)
            #expect(reply.status == 400, "\(reply.text)")
            #expect((reply.object["detail_vi"] as? String)?.contains("họ tên hoặc tên tập thể") == true, "\(reply.text)")
            #expect(try api.database.count("SELECT count(*) AS n FROM nominees") == 0)
        }
    }

    @Test func weakPasswordsAreRefusedAndAChangeEndsEverySession() async throws {
        try await APIHarness.with { api in
            for (password, rule) in [("1234567890", "12"), ("lan-phuong-ham-rong", "tên đăng nhập"), ("1qaz2wsx3edc", "phổ biến"), ("QWERTY123456", "phổ biến")] {
                let refused = await #expect(throws: AwardError.self) { try await api.engine.setPassword(name: "lan", password: password) }
                #expect(refused?.code == .badPassword && refused?.messageVI.contains(rule) == true, "\(password): \(refused?.messageVI ?? "")")
            }
            try await api.engine.setPassword(name: "lan", password: "Ngày-18-tháng-11-Đại-đoàn-kết", cost: 4)
            let first = try await api.engine.signIn(name: "lan", password: "Ngày-18-tháng-11-Đại-đoàn-kết", client: "a")
            let second = try await api.engine.signIn(name: "lan", password: "Ngày-18-tháng-11-Đại-đoàn-kết", client: "b")
            try await api.engine.setPassword(name: "lan", password: "Mùa-thi-đua-năm-2026-mới", cost: 4)
            for token in [first.token, second.token] {
                await #expect(throws: AwardError.self) { try await api.engine.session(token: token) }
            }
            // A role change and a revocation end them too.
            let third = try await api.engine.signIn(name: "lan", password: "Mùa-thi-đua-năm-2026-mới", client: "a")
            _ = try await api.engine.changeRole(name: "lan", role: .auditor)
            await #expect(throws: AwardError.self) { try await api.engine.session(token: third.token) }
            let fourth = try await api.engine.signIn(name: "lan", password: "Mùa-thi-đua-năm-2026-mới", client: "a")
            _ = try await api.engine.revokeUser(name: "lan")
            await #expect(throws: AwardError.self) { try await api.engine.session(token: fourth.token) }
        }
    }
}

/// A gate a password check waits at, so that a test can act while it runs.
final class Gate: @unchecked Sendable {
    private let lock = NSCondition()
    private var isOpen = false
    private var arrivals = 0

    func wait() {
        lock.lock()
        arrivals += 1
        lock.broadcast()
        while !isOpen { lock.wait() }
        lock.unlock()
    }

    func open() {
        lock.lock()
        isOpen = true
        lock.broadcast()
        lock.unlock()
    }

    /// Returns once a check waits at the gate.
    func arrived() async throws {
        for _ in 0..<500 {
            if lock.withLock({ arrivals > 0 }) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("no password check reached the gate")
    }
}

