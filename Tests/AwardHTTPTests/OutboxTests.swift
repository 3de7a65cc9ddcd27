@testable import AwardHTTP
@testable import AwardEngine
@testable import AwardDomain
import AwardOutbox
import AwardPostgres
import AwardTestSupport
import Foundation
import Hummingbird
import Logging
import Synchronization
import Testing

/// The outbox: events written with what they describe (and never for a refusal or a lost race),
/// signed webhooks delivered in order, retried, exactly once across workers; the live stream
/// (issue 17).
@Suite struct OutboxTests {
    /// A webhook receiver: records every request, answers 500 to the first `failures`.
    final class Receiver: Sendable {
        struct Hit: Sendable { var body: [UInt8]; var timestamp: Int; var signature: String; var delivery: String; var answered: Int }
        final class Log: Sendable {
            let hits = Mutex<[Hit]>([])
            let failures: Mutex<Int>
            init(failures: Int) { self.failures = Mutex(failures) }
        }
        let log: Log
        /// Every request so far.
        var all: [Hit] { log.hits.withLock { $0 } }
        let port: Int
        let task: Task<Void, any Error>

        init(failures: Int = 0) async throws {
            let log = Log(failures: failures)
            self.log = log
            let router = Router()
            let (stream, continuation) = AsyncStream<Int>.makeStream()
            router.post("hook") { request, _ -> Response in
                let body = Array(buffer: try await request.body.collect(upTo: 1 << 20))
                let status = log.failures.withLock { left -> Int in
                    if left > 0 { left -= 1; return 500 }
                    return 200
                }
                log.hits.withLock {
                    $0.append(Hit(body: body, timestamp: Int(request.headers[.init("X-Award-Timestamp")!] ?? "") ?? 0,
                                  signature: request.headers[.init("X-Award-Signature")!] ?? "", delivery: request.headers[.init("X-Award-Delivery")!] ?? "",
                                  answered: status))
                }
                return Response(status: .init(code: status))
            }
            var logger = Logger(label: "receiver")
            logger.logLevel = .error
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                  onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
            task = Task { try await app.run() }
            var iterator = stream.makeAsyncIterator()
            port = await iterator.next() ?? 0
        }

        var url: String { "http://127.0.0.1:\(port)/hook" }
        func stop() { task.cancel() }

        /// The events answered 200, by event id, with how many times each was.
        var acceptedEventIds: [Int] {
            all.filter { $0.answered == 200 }.compactMap { Self.object($0.body)["id"] as? Int }
        }

        static func object(_ body: [UInt8]) -> [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        }
    }

    /// A Giấy khen's life at the district: submitted, returned, resubmitted, awarded.
    static func life(_ engine: AwardEngine, _ u: Seed.Users, name: String = "Nguyễn Văn Sự Kiện") async throws -> Int64 {
        let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: name, nomineeType: .individual), by: u.lan)
        _ = try await engine.perform(.return, on: n.id, by: u.minh, reason: "Bổ sung báo cáo")
        _ = try await engine.perform(.resubmit, on: n.id, by: u.lan)
        _ = try await engine.perform(.approve, on: n.id, by: u.minh, decision: .init(number: nil, date: CivilDate(iso: "2026-11-20")!))
        return n.id
    }

    @Test func everyCommittedStepWritesItsEventAndARefusalOrALostRaceNone() async throws {
        try await TestDatabase.withEngine(poolSize: 8) { engine, db in
            let u = try await Seed.tree(engine)
            let id = try await Self.life(engine, u)
            #expect(try await engine.events(ofNomination: id).map(\.type)
                    == ["nomination.submitted", "nomination.returned", "nomination.resubmitted", "nomination.awarded"])
            #expect(try await engine.events(ofNomination: id).map(\.seq) == [1, 2, 3, 4])
            let before = try db.count("SELECT count(*) AS n FROM events")
            // Refused: a nominator approving, an approver of another district.
            await #expect(throws: AwardError.self) { try await engine.perform(.approve, on: id, by: u.lan) }
            let other = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Đua", nomineeType: .individual), by: u.lan)
            await #expect(throws: AwardError.self) { try await engine.perform(.return, on: other.id, by: u.sung, reason: "Không") }
            #expect(try db.count("SELECT count(*) AS n FROM events") == before + 1)
            // Eight officers return it at once: one wins, one event.
            let wins = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 { group.addTask { (try? await engine.perform(.return, on: other.id, by: u.minh, reason: "Trả lại")) != nil } }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1)
            #expect(try await engine.events(ofNomination: other.id).map(\.type) == ["nomination.submitted", "nomination.returned"])
            #expect(try db.count("SELECT count(*) AS n FROM events WHERE type = 'decision.issued'") == 1)
            // History cannot be edited.
            #expect(throws: (any Error).self) { try db.execute("UPDATE events SET actor = 'x'") }
        }
    }

    @Test func theStreamFollowsJurisdictionAndResumesFromTheLastEventSeen() async throws {
        try await TestDatabase.withEngine { engine, _ in
            let u = try await Seed.tree(engine)
            let id = try await Self.life(engine, u)
            // A reader takes only transactions older than every running one (cluster-wide, so other
            // tests' transactions may hold it back a moment).
            var seen: [OutboxEvent] = []
            for _ in 0..<600 {
                seen = try await engine.events(after: nil, viewer: u.minh)
                if seen.filter({ $0.nominationId == id }).count == 4 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(seen.filter { $0.nominationId == id }.count == 4)
            #expect(try await engine.events(after: nil, viewer: u.sung).isEmpty, "another district sees nothing of it")
            let resumed = try await engine.events(after: seen[seen.count - 2].cursor, viewer: u.minh)
            #expect(resumed.map(\.id) == [seen.last!.id])
            await #expect(throws: AwardError.self) { try await engine.events(after: "not-a-cursor", viewer: u.minh) }
        }
    }

    @Test func aReceiverGetsEveryEventInOrderSignedAndOnceAfterItRecovers() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let receiver = try await Receiver(failures: 3)
            defer { receiver.stop() }
            _ = try await engine.allowWebhookNetwork("127.0.0.1/32", reason: "the test receiver", by: u.admin)
            let hook = try await engine.addWebhook(url: receiver.url, events: ["nomination.submitted", "nomination.returned", "nomination.resubmitted",
                                                                              "nomination.awarded"], org: "TX-HL", by: u.admin)
            let secret = try #require(hook.secret)
            #expect(secret.count == 64)
            #expect(try await engine.webhooks(viewer: u.admin).first?.secret == nil, "the secret is shown once")
            await #expect(throws: AwardError.self) { try await engine.addWebhook(url: "ftp://x", events: ["*"], org: nil, by: u.admin) }
            await #expect(throws: AwardError.self) { try await engine.addWebhook(url: receiver.url, events: ["*"], org: nil, by: u.minh) }
            let id = try await Self.life(engine, u)
            // Outside the subscription's org: not delivered.
            _ = try await engine.nominate(.init(kind: "giay-khen", unit: "X-TP", nomineeName: "Ngoài", nomineeType: .individual), by: u.pao)

            let sender = WebhookSender(engine: engine, maxAttempts: 10, backoffBase: .milliseconds(20))
            for _ in 0..<100 where try db.count("SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'pending'") > 0 {
                try await sender.deliverDue()
                try await Task.sleep(for: .milliseconds(30))
            }
            #expect(try db.count("SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'delivered'") == 4)
            let accepted = receiver.all.filter { $0.answered == 200 }
            let bodies = accepted.map { Receiver.object($0.body) }
            #expect(bodies.map { $0["seq"] as? Int } == [1, 2, 3, 4], "in order, each once")
            #expect(bodies.allSatisfy { $0["nomination_id"] as? Int == Int(id) })
            #expect(accepted.allSatisfy { WebhookSigner.verify(header: $0.signature, secret: secret, timestamp: $0.timestamp, body: $0.body) })
            #expect(!accepted.contains { WebhookSigner.verify(header: $0.signature, secret: String(repeating: "0", count: 64), timestamp: $0.timestamp, body: $0.body) })
            #expect(receiver.all.filter { $0.answered == 500 }.count == 3)
            let data = try #require(bodies.last?["data"] as? [String: Any])
            #expect((data["nominee"] as? [String: Any])?["name"] as? String == "Nguyễn Văn Sự Kiện")
            #expect((data["decision"] as? [String: Any])?["number"] as? String == "1/QĐ-UBND")
        }
    }

    @Test func deadDeliveriesAreListedAndRedeliveredByHand() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let receiver = try await Receiver(failures: 2)
            defer { receiver.stop() }
            _ = try await engine.allowWebhookNetwork("127.0.0.1/32", reason: "the test receiver", by: u.admin)
            _ = try await engine.addWebhook(url: receiver.url, events: ["nomination.submitted"], org: nil, by: u.admin)
            _ = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Chết", nomineeType: .individual), by: u.lan)
            let sender = WebhookSender(engine: engine, maxAttempts: 2, backoffBase: .milliseconds(10))
            for _ in 0..<50 where try db.count("SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'pending'") > 0 {
                try await sender.deliverDue()
                try await Task.sleep(for: .milliseconds(20))
            }
            let dead = try await engine.webhookDeliveries(status: "dead", viewer: u.admin)
            #expect(dead.count == 1 && dead[0].attempts == 2 && dead[0].lastStatus == 500)
            try await engine.redeliverWebhook(dead[0].id, by: u.admin)
            try await sender.deliverDue()
            #expect(try await engine.webhookDeliveries(status: "delivered", viewer: u.admin).count == 1)
            await #expect(throws: AwardError.self) { try await engine.webhookDeliveries(status: "lost", viewer: u.admin) }
        }
    }

    @Test func threeWorkersDeliverEachEventExactlyOnce() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let receiver = try await Receiver()
            defer { receiver.stop() }
            _ = try await engine.allowWebhookNetwork("127.0.0.1/32", reason: "the test receiver", by: u.admin)
            _ = try await engine.addWebhook(url: receiver.url, events: ["*"], org: nil, by: u.admin)
            for i in 0..<12 { _ = try await Self.life(engine, u, name: "Người \(i)") }
            let expected = try db.count("SELECT count(*) AS n FROM webhook_deliveries")
            // Three processes: three engines with their own pools over one database.
            var logger = Logger(label: "worker")
            logger.logLevel = .error
            let engines = (0..<3).map { _ in AwardEngine(conninfo: db.conninfo, poolSize: 2, applicationName: "worker", logger: logger) }
            await withTaskGroup(of: Void.self) { group in
                for worker in engines {
                    group.addTask {
                        let sender = WebhookSender(engine: worker, backoffBase: .milliseconds(10))
                        for _ in 0..<200 {
                            let sent = (try? await sender.deliverDue(limit: 5)) ?? 0
                            if sent == 0, ((try? db.count("SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'pending'")) ?? 1) == 0 { break }
                        }
                    }
                }
            }
            for worker in engines { try? await worker.close() }
            let ids = receiver.acceptedEventIds
            #expect(ids.count == expected)
            #expect(Set(ids).count == ids.count, "no event sent twice")
            #expect(try db.count("SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'delivered'") == expected)
        }
    }

    @Test func theAPIStreamsEventsAsServerSentEvents() async throws {
        try await APIHarness.with { api in
            let id = try await Self.life(api.engine, api.users)
            for _ in 0..<600 where try await api.engine.events(after: nil, viewer: api.users.minh).filter({ $0.nominationId == id }).count < 4 {
                try await Task.sleep(for: .milliseconds(50))
            }
            let stream = try await api.send(.get, "/v1/events?follow=false", as: "minh")
            #expect(stream.status == 200 && stream.headers[.contentType]?.hasPrefix("text/event-stream") == true)
            #expect(stream.text.contains("event: nomination.awarded") && stream.text.contains("\"nomination_id\":\(id)"))
            let ids = stream.text.split(separator: "\n").filter { $0.hasPrefix("id: ") }.map { String($0.dropFirst(4)) }
            #expect(ids.count >= 4)
            let resumed = try await api.send(.get, "/v1/events?follow=false", as: "minh", headers: ["Last-Event-ID": ids[ids.count - 2]])
            #expect(resumed.text.split(separator: "\n").filter { $0.hasPrefix("id: ") }.map { String($0.dropFirst(4)) } == [ids.last!])
            #expect(!(try await api.send(.get, "/v1/events?follow=false", as: "sung").text.contains("nomination.")))
            #expect(try await api.send(.get, "/v1/events?follow=false", as: "minh", headers: ["Last-Event-ID": "x"]).code == "bad_cursor")
            #expect(try await api.send(.get, "/v1/events?follow=false").status == 401)
        }
    }
}

/// E-mail through a real SMTP server (aiosmtpd, started here): immediate mail and the daily
/// digest, in Vietnamese with encoded headers; a relay that is down loses nothing (issue 17).
@Suite struct MailTests {
    static func freePort() -> Int { Int.random(in: 20_000...40_000) }

    @Test func theMailArrivesInVietnameseAndADownRelayLosesNothing() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            try await engine.setEmail(user: "minh", email: "minh@hoanglien.laocai.gov.vn", mode: .immediate, by: u.admin)
            try await engine.setEmail(user: "lan", email: "lan@hamrong.laocai.gov.vn", mode: .daily, by: u.lan)
            await #expect(throws: AwardError.self) { try await engine.setEmail(user: "minh", email: "khong-hop-le", mode: .daily, by: u.admin) }
            await #expect(throws: AwardError.self) { try await engine.setEmail(user: "minh", email: nil, mode: .none, by: u.lan) }
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: "Đặng Thị Thư", nomineeType: .individual), by: u.lan)
            #expect(try db.count("SELECT count(*) AS n FROM email_outbox WHERE event_id IS NOT NULL") == 1)

            // The relay is down: nothing is lost, the mail stays queued.
            var logger = Logger(label: "mail")
            logger.logLevel = .critical
            let port = Self.freePort()
            let down = MailService(engine: engine, smtp: try SMTPClient(url: "smtp://127.0.0.1:\(port)", from: "tdkt@laocai.gov.vn"),
                                   wakeups: nil, interval: .seconds(1), digestHour: 0, logger: logger)
            #expect(try await down.runOnce() == 2)
            #expect(try db.count("SELECT count(*) AS n FROM email_outbox WHERE status = 'pending' AND last_error IS NOT NULL") == 2)
            try db.execute("UPDATE email_outbox SET next_attempt_at = now()")

            let maildir = FileManager.default.temporaryDirectory.appendingPathComponent("award-mail-\(UUID().uuidString)")
            let server = Process()
            server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            server.arguments = ["python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir.path]
            // Its output is not the test's: a server left behind must not hold the test runner's pipes.
            server.standardOutput = FileHandle.nullDevice
            server.standardError = FileHandle.nullDevice
            try server.run()
            defer {
                // python3 may be a shim that runs the server as its child: stop whatever serves this maildir.
                let stop = Process()
                stop.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
                stop.arguments = ["-9", "-f", maildir.path]
                try? stop.run()
                reap(stop)
                kill(server.processIdentifier, SIGKILL)
                reap(server)
                try? FileManager.default.removeItem(at: maildir)
            }
            var up = false
            for _ in 0..<100 where !up {
                try await Task.sleep(for: .milliseconds(100))
                up = FileManager.default.fileExists(atPath: maildir.appendingPathComponent("new").path)
            }
            #expect(up, "aiosmtpd (PyPI) must be installed: scripts/test installs it")
            try await Task.sleep(for: .milliseconds(300))
            // Letters name people, not logins (issue 29): the recipient and who acted, when their names are recorded.
            _ = try await engine.setPersonName(user: "minh", displayName: "Nguyễn Văn Minh", title: "Chủ tịch")
            _ = try await engine.setPersonName(user: "lan", displayName: "Nguyễn Thị Lan", title: "Công chức Văn hóa - Xã hội")
            let relay = MailService(engine: engine, smtp: try SMTPClient(url: "smtp://127.0.0.1:\(port)", from: "tdkt@laocai.gov.vn"),
                                    wakeups: nil, interval: .seconds(1), digestHour: 0, logger: logger)
            #expect(try await relay.runOnce() == 2)
            #expect(try db.count("SELECT count(*) AS n FROM email_outbox WHERE status = 'sent'") == 2)
            // A second digest run the same day queues none.
            #expect(try await engine.queueDigests() == 0)

            let files = try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path)
            #expect(files.count == 2)
            var subjects: [String] = []
            var bodies: [String] = []
            for file in files {
                let text = try String(contentsOf: maildir.appendingPathComponent("new").appendingPathComponent(file), encoding: .utf8)
                let parts = text.components(separatedBy: "\n\n")
                let headerLines = parts[0].replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n ", with: " ")
                let subject = try #require(headerLines.split(separator: "\n").first { $0.hasPrefix("Subject: ") })
                #expect(subject.contains("=?UTF-8?B?") && subject.allSatisfy(\.isASCII), "UTF-8 headers are encoded")
                subjects.append(subject.dropFirst(9).split(separator: " ").map { word -> String in
                    let inner = word.replacingOccurrences(of: "=?UTF-8?B?", with: "").replacingOccurrences(of: "?=", with: "")
                    return String(decoding: Data(base64Encoded: inner) ?? Data(), as: UTF8.self)
                }.joined())
                let base64 = parts.dropFirst().joined(separator: "\n").replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: "")
                bodies.append(String(decoding: Data(base64Encoded: base64) ?? Data(), as: UTF8.self))
            }
            #expect(subjects.contains("[Thi đua – Khen thưởng] Hồ sơ số \(n.id) được trình đến đơn vị"), "\(subjects)")
            #expect(subjects.contains { $0.hasPrefix("[Thi đua – Khen thưởng] Tổng hợp ngày") })
            #expect(bodies.contains { $0.contains("Kính gửi Nguyễn Văn Minh, Chủ tịch") && $0.contains("Đặng Thị Thư")
                && $0.contains("Người thực hiện: Nguyễn Thị Lan, Công chức Văn hóa - Xã hội (lan)") }, "\(bodies)")
            #expect(bodies.contains { $0.contains("Kính gửi Nguyễn Thị Lan, Công chức Văn hóa - Xã hội") && $0.contains("sắp đến hạn") })
        }
    }
}
