import AwardDomain
import Foundation

/// What `/verify/{code}` shows anyone, without signing in: the decision a code names (or the
/// certificate, an award of one recipient), whether it stands or was annulled, whether it is
/// digitally signed, and whether its history chain holds. Only what the decision itself publishes:
/// its number, date, issuer, the award, and its recipients' names and units.
public struct Verification: Sendable, Encodable, Equatable {
    public enum Subject: String, Sendable, Encodable { case decision, certificate }

    /// A decision that annulled the award (Quyết định hủy bỏ).
    public struct Annulment: Sendable, Encodable, Equatable {
        public var number: String
        public var decidedOn: CivilDate
        public var issuer: String

        enum CodingKeys: String, CodingKey { case number, decidedOn = "decided_on", issuer }
    }

    /// A recipient as the decision's list publishes it.
    public struct Recipient: Sendable, Encodable, Equatable {
        public var name: String
        public var type: NomineeType
        public var unit: String
        public var annulled: Bool
    }

    public var code: String
    public var subject: Subject
    public var decisionNumber: String
    public var decidedOn: CivilDate
    /// "award", or "revocation" (a decision annulling awards).
    public var purpose: String
    public var issuer: String
    /// "nay là …" when the issuer was closed by the 2025 reform.
    public var issuerNow: String?
    public var kindName: String
    /// The certificate's recipient; for a decision, nil.
    public var recipient: Recipient?
    /// The decision's recipients (the first 500, in Vietnamese order) and how many it has.
    public var recipients: [Recipient]
    public var recipientCount: Int
    /// The certificate's annulment, if it was annulled.
    public var annulment: Annulment?
    /// How many of the decision's awards were annulled since.
    public var annulledCount: Int
    /// Whether the decision's digitally signed and sealed original is stored and its signatures hold
    /// against the trusted roots (false for a decision signed on paper).
    public var signed: Bool
    /// Whether the history chain of every award concerned recomputes.
    public var chainHolds: Bool

    /// The award stands: a certificate not annulled, a decision none of whose awards was annulled.
    public var stands: Bool { subject == .certificate ? annulment == nil : annulledCount == 0 }

    enum CodingKeys: String, CodingKey {
        case code, subject, decisionNumber = "decision_number", decidedOn = "decided_on", purpose, issuer, issuerNow = "issuer_now"
        case kindName = "kind_name", recipient, recipients, recipientCount = "recipient_count", annulment, annulledCount = "annulled_count"
        case signed, chainHolds = "chain_holds", stands
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(subject, forKey: .subject)
        try c.encode(decisionNumber, forKey: .decisionNumber)
        try c.encode(decidedOn, forKey: .decidedOn)
        try c.encode(purpose, forKey: .purpose)
        try c.encode(issuer, forKey: .issuer)
        try c.encode(issuerNow, forKey: .issuerNow)
        try c.encode(kindName, forKey: .kindName)
        try c.encode(recipient, forKey: .recipient)
        try c.encode(recipients, forKey: .recipients)
        try c.encode(recipientCount, forKey: .recipientCount)
        try c.encode(annulment, forKey: .annulment)
        try c.encode(annulledCount, forKey: .annulledCount)
        try c.encode(signed, forKey: .signed)
        try c.encode(chainHolds, forKey: .chainHolds)
        try c.encode(stands, forKey: .stands)
    }

    /// A code as people type it: spaces and dashes dropped, upper case ("q3f2-a91c-07b" → "Q3F2A91C07B…").
    public static func normalized(_ text: String) -> String {
        String(text.uppercased().unicodeScalars.filter { !CharacterSet.whitespaces.contains($0) && $0 != "-" }.map(Character.init))
    }

    /// A code as printed, in groups of four: "Q3F2-A91C-07B5".
    public static func grouped(_ code: String) -> String {
        stride(from: 0, to: code.count, by: 4).map { start in
            let from = code.index(code.startIndex, offsetBy: start)
            return String(code[from..<(code.index(from, offsetBy: 4, limitedBy: code.endIndex) ?? code.endIndex)])
        }.joined(separator: "-")
    }

    /// The page a code leads to under the site's public address.
    public static func url(base: String, code: String) -> String {
        (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/verify/" + code
    }
}
