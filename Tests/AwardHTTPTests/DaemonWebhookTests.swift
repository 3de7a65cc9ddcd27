import AwardEngine
import AwardTestSupport
import Foundation
import Testing

/// Webhooks delivered by real awardd processes (issue 17): a daemon killed with SIGKILL after the
/// commit and before the delivery loses nothing — its successor delivers; three daemons together
/// deliver each event exactly once while the receiver is healthy.
@Suite(.serialized) struct DaemonWebhookTests {
    static func waitDelivered(_ db: TestDatabase, seconds: Int = 60) async throws {
        for _ in 0..<(seconds * 10) where try db.count("SELECT count(*) AS n FROM webhook_deliveries WHERE status <> 'delivered'") > 0 {
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    @Test func aDaemonKilledBetweenCommitAndDeliveryLosesNothing() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let receiver = try await OutboxTests.Receiver()
            defer { receiver.stop() }
            _ = try await engine.allowWebhookNetwork("127.0.0.1/32", reason: "the test receiver", by: u.admin)
            _ = try await engine.addWebhook(url: receiver.url, events: ["*"], org: nil, by: u.admin)
            // The first daemon commits (its API) but is killed before it delivers anything.
            let first = try DaemonEndToEndTests.Daemon(arguments: ["--database-url", db.conninfo, "--listen", "127.0.0.1:0", "--log-level", "error",
                                                                   "--webhook-interval", "0"])
            let token = try await engine.rotateToken(name: "lan").token
            let (status, _) = try await DaemonEndToEndTests.call(.shared, .POST, "\(first.base)/v1/nominations", token: token,
                                                                 json: #"{"kind": "giay-khen", "unit": "P-HB", "nominee": {"name": "Trần Văn Bền", "type": "individual"}}"#)
            #expect(status == 201)
            kill(first.process.processIdentifier, SIGKILL)
            reap(first.process)
            #expect(try db.count("SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'pending'") == 1)
            #expect(receiver.all.isEmpty)
            // Its successor delivers what was committed.
            let second = try DaemonEndToEndTests.Daemon(arguments: ["--database-url", db.conninfo, "--listen", "127.0.0.1:0", "--log-level", "error",
                                                                    "--webhook-interval", "1"])
            defer { _ = second.stop() }
            try await Self.waitDelivered(db)
            #expect(receiver.acceptedEventIds.count == 1)
            #expect(try db.count("SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'delivered'") == 1)
        }
    }

    @Test func threeDaemonsDeliverEachEventExactlyOnce() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            let receiver = try await OutboxTests.Receiver()
            defer { receiver.stop() }
            _ = try await engine.allowWebhookNetwork("127.0.0.1/32", reason: "the test receiver", by: u.admin)
            _ = try await engine.addWebhook(url: receiver.url, events: ["*"], org: nil, by: u.admin)
            let daemons = try (0..<3).map { _ in
                try DaemonEndToEndTests.Daemon(arguments: ["--database-url", db.conninfo, "--listen", "127.0.0.1:0", "--log-level", "error",
                                                           "--webhook-interval", "1", "--webhook-backoff", "50"])
            }
            defer { for daemon in daemons { _ = daemon.stop() } }
            for i in 0..<10 { _ = try await OutboxTests.life(engine, u, name: "Người nhận \(i)") }
            let expected = try db.count("SELECT count(*) AS n FROM webhook_deliveries")
            #expect(expected == 50)
            try await Self.waitDelivered(db)
            let ids = receiver.acceptedEventIds
            #expect(ids.count == expected, "each event delivered")
            #expect(Set(ids).count == ids.count, "none twice")
        }
    }
}
