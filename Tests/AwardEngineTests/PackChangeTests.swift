import AwardEngine
@testable import AwardDomain
import AwardTestSupport
import Foundation
import Testing

/// Issue 30, a pack that changes under dossiers in flight: the pinned pack keeps judging them; an
/// admin sees those the new pack would judge differently and moves them with a reason, all or none.
@Suite struct PackChangeTests {
    /// The test district pack again, a later version: Giấy khen now asks for two consecutive provincial titles.
    static var newVersion: Int {
        (((try? JSONSerialization.jsonObject(with: Data(Seed.districtPackText.utf8))) as? [String: Any])?["version"] as? Int ?? 1) + 10
    }

    static var stricterPack: String {
        var object = (try? JSONSerialization.jsonObject(with: Data(Seed.districtPackText.utf8))) as? [String: Any] ?? [:]
        object["version"] = Self.newVersion
        if var kinds = object["kinds"] as? [[String: Any]], let i = kinds.firstIndex(where: { $0["code"] as? String == "giay-khen" }) {
            kinds[i]["prerequisites"] = [["rule": "consecutive_awards", "kind": "cstd-tinh", "count": 2, "source": "Điều kiện thử nghiệm"]]
            object["kinds"] = kinds
        }
        return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test func anAdminSeesWhatTheNewPackJudgesDifferentlyAndMovesItAllOrNone() async throws {
        try await TestDatabase.withEngine { engine, db in
            let u = try await Seed.tree(engine)
            var ids: [Int64] = []
            for name in ["Nguyễn Văn An", "Lò Thị Mai"] {
                ids.append(try await engine.nominate(.init(kind: "giay-khen", unit: "P-HB", nomineeName: name, nomineeType: .individual, year: 2026),
                                                     by: u.lan).id)
            }
            let pinned = try db.count("SELECT pack_id AS n FROM nominations WHERE id = \(ids[0])")
            _ = try await engine.importPack(Self.stricterPack)

            // The pinned pack keeps judging them: still eligible under it.
            #expect(try await engine.check(ids[0]).eligible)
            let changes = try await engine.packChanges(by: u.admin)
            #expect(Set(changes.map(\.nomination)) == Set(ids))
            #expect(changes.allSatisfy { $0.before.eligible && $0.after?.eligible == false && !$0.routeDiffers && $0.to == "test-district v\(Self.newVersion)" })
            let officer = await #expect(throws: AwardError.self) { try await engine.packChanges(by: u.minh) }
            #expect(officer?.code == .roleNotAllowed)

            // All or none: one unknown dossier, or no reason, and nothing moves.
            let unknown = await #expect(throws: AwardError.self) { try await engine.repin([ids[0], 987_654], reason: "Áp dụng bộ mới", by: u.admin) }
            #expect(unknown?.field == "ids")
            let noReason = await #expect(throws: AwardError.self) { try await engine.repin(ids, reason: " ", by: u.admin) }
            #expect(noReason?.field == "reason")
            #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE pack_id = \(pinned)") >= 2)

            let moved = try await engine.repin(ids, reason: "Áp dụng bộ quy tắc mới theo văn bản sửa đổi", by: u.admin)
            #expect(moved.count == 2)
            #expect(try db.count("SELECT count(*) AS n FROM nominations WHERE id IN (\(ids[0]), \(ids[1])) AND pack_id <> \(pinned)") == 2)
            let step = try #require(try await engine.history(ids[0]).last)
            #expect(step.command == "repin" && step.reason == "Áp dụng bộ quy tắc mới theo văn bản sửa đổi" && step.comment?.hasSuffix("→ test-district v\(Self.newVersion)") == true)
            #expect(try db.count("SELECT count(*) AS n FROM events WHERE type = 'nomination.repinned'") == 2)
            #expect(try await engine.verifyAudit().ok)
            #expect(try await engine.packChanges(by: u.admin).isEmpty)
            // Judged by the new pack from now on.
            #expect(try await engine.check(ids[0]).eligible == false)
        }
    }
}
