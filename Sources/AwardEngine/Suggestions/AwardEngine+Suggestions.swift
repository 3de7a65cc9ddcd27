import AwardDomain
import AwardPostgres
import Foundation

/// One line of «Đề xuất khen thưởng» (who qualifies this year): a person or collective of the unit
/// and a kind of award the rule pack in force lets the unit propose, with the judgement `check`
/// would give a draft of it — qualifies, or qualifies but for one condition (named, with its source).
public struct Suggestion: Sendable, Codable, Equatable {
    public var nominee: Int64
    public var nomineeName: String
    public var nomineeType: NomineeType
    public var kind: String
    public var kindName: String
    public var eligible: Bool
    /// The one condition missing (empty when it qualifies).
    public var missing: [EligibilityReason]
    /// Every rule weighed.
    public var checked: [String]
    /// Already proposed for this year (a dossier open or decided): shown, not offered again.
    public var proposed: Bool

    enum CodingKeys: String, CodingKey {
        case nominee, nomineeName = "nominee_name", nomineeType = "nominee_type", kind, kindName = "kind_name", eligible, missing, checked, proposed
    }
}

/// The list for a unit and a year.
public struct SuggestionList: Sendable, Codable, Equatable {
    public var unit: String
    public var year: Int
    public var pack: String
    public var items: [Suggestion]
    /// The unit has more nominees than one list weighs: list its sub-units instead.
    public var cut: Bool
}

extension AwardEngine {
    /// Who of `unit` qualifies for what for achievement year `year`: every (nominee × kind) pair the
    /// pack in force today routes from the unit, judged by ``Eligibility/evaluate`` on the nominee's
    /// record exactly as ``check(_:viewer:now:)`` judges a draft; kept when it qualifies or lacks
    /// one condition. Nothing changes. An officer who may propose for the unit (or reads it).
    public func suggestions(unit code: String, year: Int, viewer: Principal?, now: Date = Date()) async throws(AwardError) -> SuggestionList {
        let year = try Bound.year.check(year)
        let cache = packCache
        let today = Self.today(now)
        return try await readLease { c in
            let unit = try OrgStore.org(c, code: code)
            try Policy.require(viewer, .readNominee, Subject(org: unit.ref))
            let (_, pack) = try cache.packInForce(c, on: today)
            let ancestry = try OrgStore.ancestry(c, unit: unit.id)
            let kinds = pack.kinds.filter { kind in
                kind.suggestible && (try? Routing.route(chain: kind.chain.map(\.level), ancestry: ancestry, kind: kind.code, unitCode: unit.code)) != nil
            }
            let nominees = try SuggestionStore.nominees(c, unit: unit.id)
            let proposed = try SuggestionStore.proposed(c, unit: unit.id, year: year)
            var items: [Suggestion] = []
            for nominee in nominees.prefix(SuggestionStore.nomineeLimit) {
                let kindsForType = kinds.filter { $0.nomineeTypes.contains(nominee.type) }
                guard !kindsForType.isEmpty else { continue }
                let facts = try NomineeStore.facts(c, nominee: nominee.id, unit: unit.id)
                for kind in kindsForType {
                    let result = Eligibility.evaluate(kind: kind, nomineeType: nominee.type, year: year, facts: facts, today: today)
                    guard result.eligible || result.reasons.count == 1 else { continue }
                    items.append(Suggestion(nominee: nominee.id, nomineeName: nominee.name, nomineeType: nominee.type, kind: kind.code,
                                            kindName: kind.nameVi, eligible: result.eligible, missing: result.reasons, checked: result.checked,
                                            proposed: proposed.contains("\(nominee.id)/\(kind.code)")))
                }
            }
            return SuggestionList(unit: unit.code, year: year, pack: "\(pack.code) v\(pack.version)", items: items,
                                  cut: nominees.count > SuggestionStore.nomineeLimit)
        }
    }

    /// Turns chosen lines of the list into draft nominations of `unit` for `year` (each a nomination
    /// of its own, as ``nominate(_:by:idempotencyKey:now:)`` makes it). Every choice is checked against
    /// the list before any is made.
    public func draftsFromSuggestions(unit: String, year: Int, choices: [(nominee: Int64, kind: String)], by principal: Principal,
                                      now: Date = Date()) async throws(AwardError) -> [NominationView] {
        try Policy.require(principal, .createNomination)
        guard (1...200).contains(choices.count) else {
            throw AwardError(.invalidInput, code: .noNominations, "choose 1 to 200 lines, not \(choices.count)",
                             vi: "Chọn từ 1 đến 200 dòng để lập hồ sơ (đã chọn \(choices.count)).", field: "items")
        }
        guard Set(choices.map { "\($0.nominee)/\($0.kind)" }).count == choices.count else {
            throw AwardError(.invalidInput, code: .duplicateIds, "a line is chosen twice", vi: "Một dòng được chọn hai lần.", field: "items")
        }
        let list = try await suggestions(unit: unit, year: year, viewer: principal, now: now)
        let offered = Set(list.items.filter { !$0.proposed }.map { "\($0.nominee)/\($0.kind)" })
        for choice in choices where !offered.contains("\(choice.nominee)/\(choice.kind)") {
            throw AwardError(.refused, code: .kindNotOffered, "nominee \(choice.nominee) is not suggested for \(choice.kind) in \(year)",
                             vi: "Đối tượng số \(choice.nominee) không có trong danh sách đề xuất «\(choice.kind)» năm \(year) (hoặc đã được đề nghị).",
                             field: "items")
        }
        var made: [NominationView] = []
        for choice in choices {
            made.append(try await nominate(.init(kind: choice.kind, unit: unit, nomineeId: choice.nominee, year: year, draft: true),
                                           by: principal, now: now))
        }
        return made
    }
}
