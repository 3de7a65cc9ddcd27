import AwardEngine
import Foundation

/// `POST /v1/nominations`.
struct CreateNominationBody: Decodable, Sendable {
    struct Nominee: Decodable, Sendable {
        var id: Int64?
        var name: String?
        var type: NomineeType?
    }
    var kind: String
    var unit: String
    var nominee: Nominee
    var year: Int?
    var reason: String?
    var draft: Bool?
    var submittedOn: CivilDate?
    var commendationType: CommendationType?
    var campaign: String?
    var overrideReason: String?

    enum CodingKeys: String, CodingKey {
        case kind, unit, nominee, year, reason, draft, submittedOn = "submitted_on", commendationType = "commendation_type",
             campaign, overrideReason = "override_reason"
    }
}

/// `POST /v1/nominees/{id}/transfer`.
struct TransferBody: Decodable, Sendable {
    var to: String
    var reason: String
}

/// `POST /v1/inbox/{action}`: one action on many dossiers.
struct BulkBody: Decodable, Sendable {
    var ids: [Int64]
    var reason: String?
    var comment: String?
}

/// What `POST /v1/inbox/{action}` answers: each dossier's outcome, and how many went through.
struct BulkReply: Encodable, Sendable {
    var action: String
    var done: Int
    var refused: Int
    var results: [BulkOutcome]
}

/// `POST /v1/nominations/{id}/{action}`.
struct ActionBody: Decodable, Sendable {
    struct Decision: Decodable, Sendable {
        /// Omitted: the issuer's next number for the year.
        var number: String?
        var date: CivilDate
    }
    var reason: String?
    var comment: String?
    var decision: Decision?
    var vote: VoteTally?
    /// Who signs the decision, when it awards (default: the issuer's usual signer).
    var signer: String?
    var signerTitle: String?
    /// KT., TM., TL., TUQ. or Q.
    var signerPrefix: String?

    enum CodingKeys: String, CodingKey {
        case reason, comment, decision, vote, signer, signerTitle = "signer_title", signerPrefix = "signer_prefix"
    }

    static let empty = ActionBody(reason: nil, comment: nil, decision: nil, vote: nil)

    func details() throws(AwardError) -> DecisionDetails {
        DecisionDetails(signer: signer, signerTitle: signerTitle, signerPrefix: try SignerPrefix.parse(signerPrefix))
    }
}

/// A page of a list: the items and the cursor of the next page (`null` on the last).
struct Page<Item: Encodable & Sendable>: Encodable, Sendable {
    var items: [Item]
    @ExplicitNull var nextCursor: String?

    enum CodingKeys: String, CodingKey { case items, nextCursor = "next_cursor" }
}

/// Opaque page cursors: base64url of a small JSON value.
enum Cursor {
    static func encode<T: Encodable>(_ value: T) -> String {
        let data = (try? JSON.encoder.encode(value)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode<T: Decodable>(_ text: String, as type: T.Type) throws(AwardError) -> T {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard text.count <= 2000, let data = Data(base64Encoded: base64), let value = try? JSON.decoder.decode(T.self, from: data) else {
            throw AwardError(.invalidInput, code: .badCursor, "the cursor is not one this server issued")
        }
        return value
    }
}
