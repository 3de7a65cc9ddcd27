import AwardPostgres
import Foundation

extension AwardEngine {
    /// Subscribes `url` to event types (`*` for all) within `org`'s subtree (everything when nil).
    /// Admin only. The answer carries the signing secret, shown this once.
    public func addWebhook(url: String, events: [String], org: String?, by principal: Principal) async throws(AwardError) -> WebhookSubscription {
        try Self.requireAdmin(principal)
        let url = url.trimmingCharacters(in: .whitespaces)
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil, url.count <= 2000,
              !url.contains(where: \.isWhitespace) else {
            throw AwardError(.invalidInput, code: .badWebhookUrl, "url \(url.prefix(80)) is not an http:// or https:// address",
                             vi: "Địa chỉ nhận (url) «\(url.prefix(80))» không hợp lệ: phải bắt đầu bằng http:// hoặc https://.")
        }
        let events = Array(Set(events.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })).sorted()
        guard !events.isEmpty, events.allSatisfy({ $0 == "*" || EventTypes.known.contains($0) }) else {
            throw AwardError(.invalidInput, code: .badEventType, "events must name known types (or *): \(EventTypes.known.joined(separator: ", "))",
                             vi: "Loại sự kiện (events) không hợp lệ; các loại được chấp nhận: *, \(EventTypes.known.joined(separator: ", ")).")
        }
        let secret = Self.newSecret()
        return try await transaction { c in
            // The destination is checked now, and again at every delivery.
            _ = try WebhookDestination.resolve(url, allowed: try WebhookStore.allowedNetworks(c), listeners: try WebhookStore.listeners(c))
            let orgId = try org.map { try OrgStore.org(c, code: $0).id }
            return try WebhookStore.insert(c, url: url, events: events, org: orgId, secret: secret, actor: principal.name)
        }
    }

    /// Lets webhooks reach a network outside the public internet (the province's own, say
    /// `10.20.0.0/16`), or (`allowed: false`) stops letting them. Admin only; kept in history.
    public func allowWebhookNetwork(_ cidr: String, allowed: Bool = true, reason: String? = nil, by principal: Principal) async throws(AwardError) -> [String] {
        try Self.requireAdmin(principal)
        guard let network = IPNetwork(cidr) else {
            throw AwardError(.invalidInput, code: .badNetwork, "\(cidr.prefix(60)) is not a network in CIDR notation (e.g. 10.20.0.0/16)",
                             vi: "«\(cidr.prefix(60))» không phải dải mạng dạng CIDR (ví dụ 10.20.0.0/16).")
        }
        let reason = try Text.optional(reason, field: .reason, maxLength: 500)
        return try await transaction { c in
            try WebhookStore.setNetwork(c, network.description, allowed: allowed, reason: reason, actor: principal.name)
            return try WebhookStore.allowedNetworks(c).map(\.description)
        }
    }

    /// The networks outside the public internet that webhooks may reach now, and where awardd
    /// processes listen (never a destination).
    public func webhookDestinationRules() async throws(AwardError) -> (allowed: [IPNetwork], listeners: [(IPAddress, Int)]) {
        try await lease { c in (try WebhookStore.allowedNetworks(c), try WebhookStore.listeners(c)) }
    }

    /// The networks outside the public internet that webhooks may reach now.
    public func webhookAllowedNetworks() async throws(AwardError) -> [IPNetwork] {
        try await webhookDestinationRules().allowed
    }

    /// Records where this awardd listens, so that no process adds a webhook to it.
    public func recordListener(host: String, port: Int) async throws(AwardError) {
        WebhookDestination.ownListeners.add(host: host, port: port)
        guard let address = IPAddress(host) else { return }
        try await transaction { c in try WebhookStore.recordListener(c, address: address.description, port: port) }
    }

    /// A new secret for a subscription (shown this once); the old one stays valid for a day.
    public func rotateWebhookSecret(_ id: Int64, by principal: Principal) async throws(AwardError) -> WebhookSubscription {
        try Self.requireAdmin(principal)
        let secret = Self.newSecret()
        return try await transaction { c in
            guard let rotated = try WebhookStore.rotate(c, id: id, secret: secret) else { throw Self.unknownWebhook(id) }
            return rotated
        }
    }

    /// Stops a subscription: no new deliveries (those already queued are still sent).
    public func removeWebhook(_ id: Int64, by principal: Principal) async throws(AwardError) {
        try Self.requireAdmin(principal)
        try await transaction { c in
            guard try WebhookStore.deactivate(c, id: id) else { throw Self.unknownWebhook(id) }
        }
    }

    public func webhooks(viewer principal: Principal) async throws(AwardError) -> [WebhookSubscription] {
        try Self.requireAdmin(principal)
        return try await lease { c in try WebhookStore.all(c) }
    }

    /// Deliveries, newest first: all, or `pending`, `delivered` or `dead` ones.
    public func webhookDeliveries(status: String? = nil, subscription: Int64? = nil, limit: Int = 100,
                                  viewer principal: Principal) async throws(AwardError) -> [WebhookDelivery] {
        try Self.requireAdmin(principal)
        if let status, !["pending", "delivered", "dead"].contains(status) {
            throw AwardError(.invalidInput, code: .badStatus, "status \(status) is not one of pending, delivered, dead",
                             vi: "Trạng thái (status) «\(status)» không hợp lệ; các giá trị được chấp nhận: pending, delivered, dead.")
        }
        return try await lease { c in try WebhookStore.deliveries(c, status: status, subscription: subscription, limit: max(1, min(limit, 1000))) }
    }

    /// Sends a delivery again (a dead one after the receiver is fixed, or a delivered one to replay it).
    public func redeliverWebhook(_ delivery: Int64, by principal: Principal) async throws(AwardError) {
        try Self.requireAdmin(principal)
        try await transaction { c in
            guard try WebhookStore.redeliver(c, id: delivery) else {
                throw AwardError(.notFound, code: .unknownDelivery, "no webhook delivery with id \(delivery)", vi: "Không có lần gửi số \(delivery).")
            }
        }
    }

    /// Claims due deliveries for a worker (see ``WebhookStore``); each must be finished with
    /// ``finishWebhookDelivery(_:status:error:retryInMilliseconds:maxAttempts:)`` within `claimSeconds`.
    public func claimWebhookDeliveries(limit: Int = 20, claimSeconds: Int = 60) async throws(AwardError) -> [WebhookJob] {
        try await transaction { c in try WebhookStore.claim(c, limit: limit, seconds: claimSeconds) }
    }

    /// Records a delivery's outcome: delivered on a 2xx answer; otherwise retried after
    /// `retryInMilliseconds`, and dead once it has been tried `maxAttempts` times.
    public func finishWebhookDelivery(_ id: Int64, status: Int?, error: String?, retryInMilliseconds: Int, maxAttempts: Int) async throws(AwardError) {
        try await transaction { c in
            if let status, (200..<300).contains(status) {
                try WebhookStore.delivered(c, id: id, status: status)
            } else {
                try WebhookStore.failed(c, id: id, status: status, error: error ?? "HTTP \(status.map(String.init) ?? "-")",
                                        retryInMilliseconds: retryInMilliseconds, maxAttempts: maxAttempts)
            }
        }
    }

    static func requireAdmin(_ principal: Principal) throws(AwardError) {
        try Policy.require(principal, .manageWebhooks)
    }

    static func unknownWebhook(_ id: Int64) -> AwardError {
        AwardError(.notFound, code: .unknownWebhook, "no webhook subscription with id \(id)", vi: "Không có đăng ký webhook số \(id).")
    }

    /// 32 random bytes as hex.
    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
