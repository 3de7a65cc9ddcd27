import AwardPostgres
import Foundation

/// Webhook subscriptions and their deliveries: claimed with FOR UPDATE SKIP LOCKED, each for a
/// while, so several awardd processes never send one delivery at the same time, and a worker that
/// dies leaves its claims to expire and be taken again (at least once).
enum WebhookStore {
    static let subscriptionColumns: StaticString = """
        s.id, s.url, array_to_json(s.events)::text AS events, o.code AS org, s.active, s.created_by
        """

    static func subscription(_ row: Row, secret: String? = nil) throws -> WebhookSubscription {
        WebhookSubscription(id: try row.int("id"), url: try row.string("url"),
                            events: try JSONDecoder().decode([String].self, from: Data(try row.string("events").utf8)),
                            org: try row.optionalString("org"), active: try row.bool("active"), createdBy: try row.string("created_by"),
                            secret: secret)
    }

    static func insert(_ c: Connection, url: String, events: [String], org: Int64?, secret: String, actor: String) throws -> WebhookSubscription {
        let row = try c.execute("""
            WITH s AS (INSERT INTO webhook_subscriptions (url, events, org_id, secret, created_by)
                       VALUES (\(url), \(Queries.textArray(events))::text[], \(org)::bigint, \(secret), \(actor)) RETURNING *)
            SELECT \(unsafeRaw: subscriptionColumns) FROM s LEFT JOIN orgs o ON o.id = s.org_id
            """).first!
        return try subscription(row, secret: secret)
    }

    /// The networks outside the public internet that webhooks may reach.
    static func allowedNetworks(_ c: Connection) throws -> [IPNetwork] {
        try c.execute("SELECT network::text AS network FROM webhook_networks_allowed ORDER BY network").compactMap { IPNetwork(try $0.string("network")) }
    }

    /// Where awardd processes listen (recorded at their start).
    static func listeners(_ c: Connection) throws -> [(IPAddress, Int)] {
        try c.execute("SELECT host(address) AS address, port FROM awardd_listeners").compactMap { row -> (IPAddress, Int)? in
            guard let address = IPAddress(try row.string("address")) else { return nil }
            return (address, Int(try row.int("port")))
        }
    }

    static func recordListener(_ c: Connection, address: String, port: Int) throws {
        try c.execute("""
            INSERT INTO awardd_listeners (address, port) VALUES (\(address)::inet, \(port)) ON CONFLICT (address, port) DO UPDATE SET started_at = now()
            """)
    }

    static func setNetwork(_ c: Connection, _ network: String, allowed: Bool, reason: String?, actor: String) throws {
        try c.execute("""
            INSERT INTO webhook_allowed_networks (network, allowed, reason, actor) VALUES (\(network)::cidr, \(allowed), \(reason), \(actor))
            """)
    }

    static func all(_ c: Connection) throws -> [WebhookSubscription] {
        try c.execute("SELECT \(unsafeRaw: subscriptionColumns) FROM webhook_subscriptions s LEFT JOIN orgs o ON o.id = s.org_id ORDER BY s.id")
            .map { try subscription($0) }
    }

    /// Replaces the secret, keeping the old one valid for a day; nil when there is no such subscription.
    static func rotate(_ c: Connection, id: Int64, secret: String) throws -> WebhookSubscription? {
        try c.execute("""
            WITH s AS (UPDATE webhook_subscriptions SET previous_secret = secret, secret = \(secret), rotated_at = now()
                       WHERE id = \(id) RETURNING *)
            SELECT \(unsafeRaw: subscriptionColumns) FROM s LEFT JOIN orgs o ON o.id = s.org_id
            """).first.map { try subscription($0, secret: secret) }
    }

    static func deactivate(_ c: Connection, id: Int64) throws -> Bool {
        try !c.execute("UPDATE webhook_subscriptions SET active = false WHERE id = \(id) RETURNING id").isEmpty
    }

    static func deliveries(_ c: Connection, status: String?, subscription: Int64?, limit: Int) throws -> [WebhookDelivery] {
        try c.execute("""
            SELECT d.id, d.subscription_id, d.event_id, e.type, d.status, d.attempts, d.last_status, d.last_error,
                   to_char(d.next_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS next_attempt_at
            FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
            WHERE (\(status)::text IS NULL OR d.status = \(status)) AND (\(subscription)::bigint IS NULL OR d.subscription_id = \(subscription))
            ORDER BY d.id DESC LIMIT \(limit)
            """).map { row in
            WebhookDelivery(id: try row.int("id"), subscription: try row.int("subscription_id"), eventId: try row.int("event_id"),
                            eventType: try row.string("type"), status: try row.string("status"), attempts: Int(try row.int("attempts")),
                            lastStatus: try row.optionalInt("last_status").map(Int.init), lastError: try row.optionalString("last_error"),
                            nextAttemptAt: try row.string("next_attempt_at"))
        }
    }

    /// Makes a delivery (pending, delivered or dead) pending again, due now; false when there is none.
    static func redeliver(_ c: Connection, id: Int64) throws -> Bool {
        try !c.execute("""
            UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), claimed_until = NULL, delivered_at = NULL
            WHERE id = \(id) RETURNING id
            """).isEmpty
    }

    /// Claims up to `limit` due deliveries for `seconds`: the oldest first, and for each
    /// subscription never a nomination's event while an earlier one of it is still pending.
    static func claim(_ c: Connection, limit: Int, seconds: Int) throws -> [WebhookJob] {
        try c.execute("""
            WITH due AS (
                SELECT d.id FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
                WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND (d.claimed_until IS NULL OR d.claimed_until < now())
                  AND NOT EXISTS (
                      -- through the nomination's own events (a handful), never the subscription's backlog
                      SELECT 1 FROM events pe
                      JOIN webhook_deliveries p ON p.event_id = pe.id AND p.subscription_id = d.subscription_id
                      WHERE pe.nomination_id = e.nomination_id AND pe.nomination_seq < e.nomination_seq
                        AND p.status = 'pending' AND p.id <> d.id)
                ORDER BY d.next_attempt_at, d.id LIMIT \(limit)
                FOR UPDATE OF d SKIP LOCKED),
            claimed AS (
                UPDATE webhook_deliveries w SET claimed_until = now() + make_interval(secs => \(seconds)), attempts = w.attempts + 1
                FROM due WHERE w.id = due.id RETURNING w.id, w.attempts, w.subscription_id, w.event_id)
            SELECT claimed.id AS delivery, claimed.attempts, s.url, s.secret,
                   CASE WHEN s.rotated_at > now() - interval '1 day' THEN s.previous_secret END AS previous_secret,
                   \(unsafeRaw: EventStore.eventColumns)
            FROM claimed JOIN webhook_subscriptions s ON s.id = claimed.subscription_id JOIN events e ON e.id = claimed.event_id
            ORDER BY claimed.id
            """).map { row in
            WebhookJob(delivery: try row.int("delivery"), attempt: Int(try row.int("attempts")), url: try row.string("url"),
                       secrets: [try row.string("secret")] + (try row.optionalString("previous_secret").map { [$0] } ?? []),
                       event: try EventStore.event(row))
        }
    }

    static func delivered(_ c: Connection, id: Int64, status: Int) throws {
        try c.execute("""
            UPDATE webhook_deliveries SET status = 'delivered', delivered_at = now(), claimed_until = NULL, last_status = \(status), last_error = NULL
            WHERE id = \(id)
            """)
    }

    /// Records a failed attempt: dead after `maxAttempts`, else due again after `retryInMilliseconds`.
    static func failed(_ c: Connection, id: Int64, status: Int?, error: String, retryInMilliseconds: Int, maxAttempts: Int) throws {
        try c.execute("""
            UPDATE webhook_deliveries SET status = CASE WHEN attempts >= \(maxAttempts) THEN 'dead' ELSE 'pending' END,
                next_attempt_at = now() + make_interval(secs => \(retryInMilliseconds) / 1000.0), claimed_until = NULL,
                last_status = \(status)::int, last_error = \(String(error.prefix(500)))
            WHERE id = \(id)
            """)
    }
}
