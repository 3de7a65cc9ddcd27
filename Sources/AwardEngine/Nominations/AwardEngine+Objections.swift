import AwardPostgres
import Foundation

/// An objection received during a public notice.
public struct ObjectionInfo: Sendable, Codable, Equatable {
    public var id: Int64
    public var text: String
    public var receivedOn: CivilDate
    public var resolution: String?

    enum CodingKeys: String, CodingKey { case id, text, receivedOn = "received_on", resolution }
}

extension AwardEngine {
    /// Records an objection received during a nomination's public notice.
    /// An objection cannot have been received after today.
    public func addObjection(to id: Int64, text: String, receivedOn: CivilDate, by principal: Principal,
                             now: Date = Date()) async throws(AwardError) -> ObjectionInfo {
        let text = try Text.required(text, field: .objection, maxLength: 4000, multiline: true)
        guard receivedOn <= Self.today(now) else {
            throw AwardError(.invalidInput, code: .dateInFuture,
                             "received_on \(receivedOn.vietnamese) is in the future: an objection is recorded once it has been received",
                             vi: "Ngày nhận \(receivedOn.vietnamese) ở tương lai: chỉ ghi phản ánh đã nhận được.")
        }
        try Policy.require(principal, .raiseObjection)
        return try await transaction { c in
            try Access.nomination(c, id, principal, .raiseObjection)
            return ObjectionInfo(id: try ObjectionStore.insert(c, nomination: id, text: text, receivedOn: receivedOn, by: principal.name),
                                 text: text, receivedOn: receivedOn, resolution: nil)
        }
    }

    /// Resolves an objection with a note (the council's finding).
    public func resolveObjection(_ objection: Int64, resolution: String, by principal: Principal) async throws(AwardError) -> ObjectionInfo {
        let resolution = try Text.required(resolution, field: .resolution, maxLength: 4000, multiline: true)
        try Policy.require(principal, .resolveObjection)
        return try await transaction { c in
            guard let resolved = try ObjectionStore.resolve(c, id: objection, resolution: resolution, by: principal.name) else {
                throw AwardError(.notFound, code: .unknownObjection, "no open objection with id \(objection)")
            }
            try Access.nomination(c, resolved.nomination, principal, .resolveObjection)
            return resolved.info
        }
    }
}
