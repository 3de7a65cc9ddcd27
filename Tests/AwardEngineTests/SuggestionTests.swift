import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Issue 30, who qualifies this year: the list is `check` run for everyone — for every person and
/// kind of the unit, the list keeps exactly the pairs a draft's check finds eligible or short of one
/// condition, with the same reasons; three chosen lines become three draft nominations.
@Suite struct SuggestionTests {
    static let now = Date(timeIntervalSince1970: Double(CivilDate(iso: "2026-12-04")!.dayNumber) * 86_400 + 5 * 3_600)

    @Test func theListIsCheckForEveryPairAndThreeLinesBecomeThreeDrafts() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            _ = try await engine.importPack(LaoCai.communePack)
            // Three people and a collective of the ward, with different records.
            var people: [String: Int64] = [:]
            for (name, type) in [("Nguyễn Văn An", NomineeType.individual), ("Lò Thị Mai", .individual), ("Vàng A Sùng", .individual),
                                 ("Tổ dân phố số 3", .collective)] {
                people[name] = try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: name, nomineeType: type, year: 2025,
                                                               draft: true), by: u.lan, now: Self.now).nominee.id
            }
            for year in [2024, 2025] {
                try await engine.importPriorAward(nominee: people["Nguyễn Văn An"]!, kind: "cstd-tinh", year: year,
                                                  decision: .init(number: "\(year)/QĐ-UBND", date: CivilDate(year: year, month: 12, day: 20)!),
                                                  issuer: "UBND tỉnh Lào Cai", by: "test")
            }
            try await engine.setRating(nominee: people["Lò Thị Mai"]!, year: 2026, rating: .htxsnv, by: "test")
            try await engine.addDiscipline(nominee: people["Vàng A Sùng"]!, status: "review", from: CivilDate(iso: "2026-11-01")!, to: nil,
                                           note: "Đang xem xét kỷ luật")

            // Another district's officer may not list the ward's people.
            let outsider = await #expect(throws: AwardError.self) { try await engine.suggestions(unit: "P-HB", year: 2026, viewer: u.sung, now: Self.now) }
            #expect(outsider?.category == .notFound || outsider?.category == .forbidden)

            let list = try await engine.suggestions(unit: "P-HB", year: 2026, viewer: u.lan, now: Self.now)
            #expect(!list.items.isEmpty && !list.cut)
            #expect(list.items.contains { $0.nomineeName == "Nguyễn Văn An" && $0.kind == "cstdtq" && $0.eligible })
            // Rated «hoàn thành xuất sắc» this year: Lao động tiên tiến outright; Chiến sĩ thi đua cơ sở but for the title of the same year.
            #expect(list.items.contains { $0.nomineeName == "Lò Thị Mai" && $0.kind == "ldtt" && $0.eligible })
            let short = list.items.first { $0.nomineeName == "Lò Thị Mai" && $0.kind == "cstdcs" }
            #expect(short?.eligible == false && short?.missing.count == 1 && short?.missing.first?.code.rawValue == "same_year_award")
            // Under disciplinary review nothing qualifies outright.
            #expect(!list.items.contains { $0.nomineeName == "Vàng A Sùng" && $0.eligible })

            // Three lines become three drafts; a line not on the list is refused and nothing is made.
            let before = try db.count("SELECT count(*) AS n FROM nominations")
            let notOffered = await #expect(throws: AwardError.self) {
                try await engine.draftsFromSuggestions(unit: "P-HB", year: 2026, choices: [(people["Tổ dân phố số 3"]!, "cstdtq")], by: u.lan, now: Self.now)
            }
            #expect(notOffered?.code == .kindNotOffered && notOffered?.field == "items")
            #expect(try db.count("SELECT count(*) AS n FROM nominations") == before)
            let chosen = Array(list.items.filter { !$0.proposed }.prefix(3))
            #expect(chosen.count == 3)
            let drafts = try await engine.draftsFromSuggestions(unit: "P-HB", year: 2026, choices: chosen.map { ($0.nominee, $0.kind) },
                                                                by: u.lan, now: Self.now)
            #expect(drafts.count == 3 && drafts.allSatisfy { $0.state == .draft && $0.year == 2026 })
            #expect(try db.count("SELECT count(*) AS n FROM nominations") == before + 3)
            let again = try await engine.suggestions(unit: "P-HB", year: 2026, viewer: u.lan, now: Self.now)
            #expect(again.items.filter(\.proposed).count == 3)

            // A State honour whose conditions are all attested by the proposer is never suggested to everyone.
            let pack = try RulePack.parse(LaoCai.communePack)
            let honours = Set(pack.kinds.filter { !$0.suggestible }.map(\.code))
            #expect(honours.contains("huan-chuong-sao-vang") && !honours.contains("huan-chuong-lao-dong-hang-ba") && !honours.contains("giay-khen"))
            #expect(!list.items.contains { honours.contains($0.kind) })
            // Every other pair, judged by check on a draft of it, agrees with the list.
            var pairs = 0
            let listedByPair = Dictionary(list.items.map { ("\($0.nominee)/\($0.kind)", $0) }, uniquingKeysWith: { first, _ in first })
            let draftByPair = Dictionary(drafts.map { ("\($0.nominee.id)/\($0.kind)", $0.id) }, uniquingKeysWith: { first, _ in first })
            for (name, nominee) in people {
                let type: NomineeType = name.hasPrefix("Tổ") ? .collective : .individual
                for kind in pack.kinds where kind.nomineeTypes.contains(type) && kind.suggestible {
                    var id = draftByPair["\(nominee)/\(kind.code)"] ?? 0
                    if id == 0 {
                        id = try await engine.nominate(.init(kind: kind.code, unit: "P-HB", nomineeId: nominee, year: 2026, draft: true),
                                                       by: u.lan, now: Self.now).id
                    }
                    let checked = try await engine.check(id, viewer: u.lan, now: Self.now)
                    let listed = listedByPair["\(nominee)/\(kind.code)"]
                    if checked.eligible || checked.reasons.count == 1 {
                        #expect(listed?.eligible == checked.eligible && listed?.missing == checked.reasons && listed?.checked == checked.checked,
                                "\(name) × \(kind.code)")
                    } else {
                        #expect(listed == nil, "\(name) × \(kind.code) is listed though check finds \(checked.reasons.count) reasons")
                    }
                    pairs += 1
                }
            }
            #expect(pairs >= 25)
        }
    }
}
