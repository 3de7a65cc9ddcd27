import Foundation

/// One event from the outbox, as the live stream (Server-Sent Events) and webhooks carry it.
public struct OutboxEvent: Sendable, Codable, Equatable {
    /// The position in the stream: `TXID-ID`, what `Last-Event-ID` resumes from.
    public var cursor: String
    public var id: Int64
    public var type: String
    public var at: String
    public var actor: String
    public var nominationId: Int64?
    /// The nomination's history seq (events of one nomination are ordered by it).
    public var seq: Int?
    /// The event's content (the transition with its nominee, kind, orgs and decision; the decision; …), as JSON.
    public var data: String

    enum CodingKeys: String, CodingKey { case cursor, id, type, at, actor, nominationId = "nomination_id", seq, data }

    /// The event as one Server-Sent Events message.
    public var serverSentEvent: String {
        "id: \(cursor)\nevent: \(type)\ndata: \(json)\n\n"
    }

    /// The event as the JSON object a webhook receives and an SSE message carries.
    public var json: String {
        let nomination = nominationId.map(String.init) ?? "null"
        let seqText = seq.map(String.init) ?? "null"
        return #"{"id":\#(id),"type":"\#(type)","at":"\#(at)","actor":\#(Self.quoted(actor)),"nomination_id":\#(nomination),"seq":\#(seqText),"data":\#(data)}"#
    }

    static func quoted(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}

/// The event types a webhook may subscribe to (or `*` for all).
public enum EventTypes {
    public static let known = [
        "nomination.drafted", "nomination.submitted", "nomination.approved", "nomination.returned", "nomination.resubmitted",
        "nomination.rejected", "nomination.withdrawn", "nomination.awarded", "nomination.revoked", "nomination.amended", "nomination.rerouted",
        "nomination.step_completed", "nomination.step_returned", "nomination.assigned", "nomination.repinned",
        "decision.issued", "decision.revocation", "document.added", "objection.added", "deadline.warning",
        "campaign.draft", "campaign.registration", "campaign.running", "campaign.reviewing", "campaign.closed",
        "registration.draft", "registration.sent", "registration.returned", "registration.accepted",
    ]
}

/// A webhook subscription (its secret is shown only when created or rotated).
public struct WebhookSubscription: Sendable, Codable, Equatable {
    public var id: Int64
    public var url: String
    public var events: [String]
    public var org: String?
    public var active: Bool
    public var createdBy: String
    /// Set only in the answer of `add` and `rotate`: keep it, it is not shown again.
    public var secret: String?

    enum CodingKeys: String, CodingKey { case id, url, events, org, active, createdBy = "created_by", secret }
}

/// One delivery of an event to a subscription.
public struct WebhookDelivery: Sendable, Codable, Equatable {
    public var id: Int64
    public var subscription: Int64
    public var eventId: Int64
    public var eventType: String
    public var status: String
    public var attempts: Int
    public var lastStatus: Int?
    public var lastError: String?
    public var nextAttemptAt: String

    enum CodingKeys: String, CodingKey {
        case id, subscription, eventId = "event_id", eventType = "event_type", status, attempts, lastStatus = "last_status",
             lastError = "last_error", nextAttemptAt = "next_attempt_at"
    }
}

/// A delivery a worker has claimed: where to send what, signed with which secrets.
public struct WebhookJob: Sendable, Equatable {
    public var delivery: Int64
    public var attempt: Int
    public var url: String
    /// The current secret, then the previous one during a day after a rotation.
    public var secrets: [String]
    public var event: OutboxEvent
}
