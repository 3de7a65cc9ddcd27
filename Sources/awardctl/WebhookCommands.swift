import ArgumentParser
import AwardEngine
import Foundation

/// `awardctl webhook`: subscriptions of other systems to the engine's events (admin only).
struct WebhookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook", abstract: "Webhooks: other systems told of every event, signed, retried, replayable.",
        discussion: """
            Each delivery POSTs the event's JSON with X-Award-Timestamp and X-Award-Signature: v1=HMAC-SHA256(secret,
            "TIMESTAMP.BODY") in hex. awardd delivers at least once, in order per nomination, retrying with exponential
            backoff and jitter until --webhook-attempts, then marks the delivery dead (`webhook redeliver` sends it again).
            Event types: \(EventTypes.known.joined(separator: ", ")) (or *).
            """,
        subcommands: [Add.self, List.self, Allow.self, Disallow.self, Rotate.self, Remove.self, Deliveries.self, Redeliver.self])

    struct Allow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Let webhooks reach a network outside the public internet (loopback, link-local and private ranges are refused otherwise).",
            discussion: "Example: awardctl webhook allow 10.20.0.0/16 --reason \"Mạng nội bộ của tỉnh\" --as admin")
        @Argument(help: "The network, in CIDR notation.") var network: String
        @Option(help: "Why (kept in history).") var reason: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let now = try await connection.run { try await $0.allowWebhookNetwork(network, reason: reason, by: try await actor.principal($0)) }
            Printer.write("webhooks may reach: \(now.isEmpty ? "public addresses only" : now.joined(separator: ", "))\n")
        }
    }

    struct Disallow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop letting webhooks reach a network allowed before.")
        @Argument(help: "The network, in CIDR notation, as it was allowed.") var network: String
        @Option(help: "Why (kept in history).") var reason: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let now = try await connection.run {
                try await $0.allowWebhookNetwork(network, allowed: false, reason: reason, by: try await actor.principal($0))
            }
            Printer.write("webhooks may reach: \(now.isEmpty ? "public addresses only" : now.joined(separator: ", "))\n")
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Subscribe a URL to event types, optionally within an org's subtree; prints the signing secret once.",
            discussion: "Example: awardctl webhook add --url https://vanban.laocai.gov.vn/hooks/award --events nomination.awarded,decision.issued --org LC --as admin")
        @Option var url: String
        @Option(help: "Event types, comma-separated, or *.") var events: String
        @Option(help: "Only events within this org's subtree.") var org: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            let types = events.split(separator: ",").map(String.init)
            try await io.one { try await $0.addWebhook(url: url, events: types, org: org, by: try await actor.principal($0)) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The subscriptions.")
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws { try await io.many { try await $0.webhooks(viewer: try await actor.principal($0)) } }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A new signing secret (printed once); the old one stays valid for a day.")
        @Argument var id: Int64
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws { try await io.one { try await $0.rotateWebhookSecret(id, by: try await actor.principal($0)) } }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a subscription (deliveries already queued are still sent).")
        @Argument var id: Int64
        @OptionGroup var actor: ActorOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { engine in try await engine.removeWebhook(id, by: try await actor.principal(engine)) }
            Printer.write("webhook \(id) stopped\n")
        }
    }

    struct Deliveries: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deliveries, newest first.", discussion: "Example: awardctl webhook deliveries --status dead --as admin")
        @Option(help: "pending, delivered or dead.") var status: String?
        @Option var subscription: Int64?
        @Option var limit: Int = 100
        @OptionGroup var actor: ActorOptions
        @OptionGroup var io: CommandIO

        func run() async throws {
            try await io.many { try await $0.webhookDeliveries(status: status, subscription: subscription, limit: limit, viewer: try await actor.principal($0)) }
        }
    }

    struct Redeliver: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send a delivery again (a dead one once the receiver is fixed, or any to replay it).")
        @Argument var delivery: Int64
        @OptionGroup var actor: ActorOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await connection.run { engine in try await engine.redeliverWebhook(delivery, by: try await actor.principal(engine)) }
            Printer.write("delivery \(delivery) is due again\n")
        }
    }
}

extension WebhookSubscription: Tabular {
    public static var headers: [String] { ["id", "url", "events", "org", "active", "secret"] }
    public var cells: [String] { [String(id), url, events.joined(separator: ","), org ?? "", active ? "yes" : "no", secret ?? ""] }
}

extension WebhookDelivery: Tabular {
    public static var headers: [String] { ["id", "subscription", "event_id", "event_type", "status", "attempts", "last_status", "last_error", "next_attempt_at"] }
    public var cells: [String] {
        [String(id), String(subscription), String(eventId), eventType, status, String(attempts), lastStatus.map(String.init) ?? "", lastError ?? "", nextAttemptAt]
    }
}
