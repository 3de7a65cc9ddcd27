import AwardDomain
import AwardPostgres
import Foundation

/// A correction of a returned nomination by its unit before it is sent again: the nominee's
/// name and type, the achievement year and the achievement. `nil` leaves a field as it is.
public struct Amendment: Sendable, Equatable {
    public var nomineeName: String?
    public var nomineeType: NomineeType?
    public var year: Int?
    public var reason: String?

    public init(nomineeName: String? = nil, nomineeType: NomineeType? = nil, year: Int? = nil, reason: String? = nil) {
        self.nomineeName = nomineeName
        self.nomineeType = nomineeType
        self.year = year
        self.reason = reason
    }
}

extension AwardEngine {
    /// Corrects returned nomination `id` (``Amendment``), recorded as a step of its own ('amend',
    /// from returned to returned) whose comment lists each change, in the history's chain. Only
    /// while it is returned, by a nominator of its unit (or above) or an admin. The nominee's name
    /// and type are the nominee's record: corrected only while no other dossier names that nominee.
    public func amend(_ id: Int64, _ amendment: Amendment, by principal: Principal) async throws(AwardError) -> NominationView {
        let name = try amendment.nomineeName.map { n throws(AwardError) in try Text.required(n, field: .nominee, maxLength: 300, multiline: false) }
        let reason = try Text.optional(amendment.reason, field: .reason)
        let year = try amendment.year.map { y throws(AwardError) in try Bound.year.check(y) }
        let cache = packCache
        return try await transaction { c in
            guard let row = try c.execute(NominationStore.readQuery(id: id)).first else { throw Access.unknownNomination(id) }
            let (facts, _) = try NominationStore.facts(row)
            try Policy.require(principal, .amendNomination, Subject(org: try Access.heldHome(c, principal, facts.unitRef)))
            guard facts.state == .returned else {
                throw AwardError(.conflict, code: .wrongState, "only a returned nomination is amended; \(id) is \(facts.state.rawValue)",
                                 vi: "Chỉ sửa được hồ sơ đang bị trả lại; hồ sơ số \(id) đang ở trạng thái «\(facts.state.vietnamese)».")
            }
            guard let now = try NominationStore.amendable(c, id: id) else { throw Access.unknownNomination(id) }
            let oldName = now.name, oldType = now.type, oldYear = now.year, oldReason = now.reason
            var changes: [String] = []
            let newName = name.flatMap { $0 == oldName ? nil : $0 }
            let newType = amendment.nomineeType.flatMap { $0 == oldType ? nil : $0 }
            if let newName { changes.append("Tên: «\(oldName)» → «\(newName)»") }
            if let newType {
                let rule = try facts.packId.flatMap { try cache.pack(c, id: $0).kind(facts.kind) }
                if let rule, !rule.nomineeTypes.contains(newType) {
                    throw AwardError(.refused, code: .nomineeTypeNotAccepted, "\(rule.code) is not awarded to \(newType.rawValue) nominees",
                                     vi: "«\(rule.nameVi)» không xét cho \(newType.vietnamese); chỉ xét cho "
                                         + rule.nomineeTypes.map(\.vietnamese).joined(separator: ", ") + ".", field: "nominee type")
                }
                changes.append("Loại đối tượng: \(oldType.vietnamese) → \(newType.vietnamese)")
            }
            if (newName != nil || newType != nil), now.shared {
                throw AwardError(.refused, code: .nomineeRequired,
                                 "nominee \(oldName) has other nominations: its record is not renamed from one of them",
                                 vi: "«\(oldName)» còn có hồ sơ khác nên không đổi tên hay loại đối tượng từ hồ sơ này được; "
                                     + "hãy rút hồ sơ và đề nghị lại cho đúng đối tượng.", field: TextField.nominee.rawValue)
            }
            let newYear = year.flatMap { $0 == oldYear ? nil : $0 }
            if let newYear { changes.append("Năm thành tích: \(oldYear.map(String.init) ?? "—") → \(newYear)") }
            let newReason = reason.flatMap { $0 == oldReason ? nil : $0 }
            if newReason != nil { changes.append("Thành tích: đã sửa") }
            guard !changes.isEmpty else {
                throw AwardError(.invalidInput, code: .nothingChanged, "the amendment changes nothing", vi: ErrorCode.nothingChanged.vietnamese)
            }
            try NominationStore.amend(c, id: id, version: now.version, name: newName, type: newType, year: newYear,
                                      reason: newReason, org: facts.unit, actor: principal.name, comment: changes.joined(separator: "; "))
            return try Queries.view(c, id: id)
        }
    }
}
