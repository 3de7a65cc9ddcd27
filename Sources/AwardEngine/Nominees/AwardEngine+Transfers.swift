import AwardPostgres
import Foundation

/// A nominee's move from one home unit to another, as its record keeps it.
public struct NomineeTransfer: Sendable, Codable, Equatable {
    public var nomineeId: Int64
    /// The unit it left (`nil` for a nominee recorded without a home).
    public var from: String?
    public var to: String
    public var reason: String
    public var actor: String
    public var at: Date

    enum CodingKeys: String, CodingKey { case nomineeId = "nominee_id", from, to, reason, actor, at }
}

extension AwardEngine {
    /// Moves a nominee to another home unit: from then on the new unit's officers see its whole
    /// record and may nominate it, and the old unit keeps seeing only the nominations it proposed.
    /// Granted by an officer whose jurisdiction covers both units (a nominator, an approver or an
    /// admin), with a reason, recorded for good.
    public func transferNominee(_ id: Int64, to unit: String, reason: String, by principal: Principal) async throws(AwardError) -> NomineeTransfer {
        let reason = try Text.required(reason, field: .reason, maxLength: 2000, multiline: true)
        try Policy.require(principal, .transferNominee)
        return try await transaction { c in
            guard let home = try Access.nomineeHome(c, id) else {
                throw AwardError(.notFound, code: .unknownNominee, "no nominee with id \(id)", vi: "Không có đối tượng số \(id).")
            }
            let target = try OrgStore.org(c, code: unit)
            try Policy.require(principal, .transferNominee, Subject(org: try Access.heldHome(c, principal, home), target: target.ref))
            guard home.id != target.id else {
                throw AwardError(.invalidInput, code: .sameUnit, "nominee \(id) belongs to \(target.code) already",
                                 vi: "Đối tượng số \(id) đã thuộc \(target.name).")
            }
            return try NomineeStore.transfer(c, nominee: id, from: home.id == 0 ? nil : home.id, to: target.id, reason: reason, actor: principal.name)
        }
    }

    /// A nominee's transfers, oldest first, for whoever may read the nominee.
    public func transfers(of id: Int64, viewer: Principal? = nil) async throws(AwardError) -> [NomineeTransfer] {
        try await lease { c in
            _ = try Access.nominee(c, id, viewer)
            return try NomineeStore.transfers(c, nominee: id)
        }
    }
}
