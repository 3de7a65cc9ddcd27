import Foundation

/// A demo data set: a province with its towns, wards and agencies, and nominations in every
/// state with Vietnamese names, so that a new user has something to look at and act on.
public enum DemoData {
    /// What was loaded.
    public struct Summary: Sendable, Codable, Equatable {
        public var orgs: Int
        public var nominations: Int
        /// Whether the data was already there (loading is idempotent).
        public var alreadyLoaded: Bool
    }

    static let orgs: [(code: String, name: String, level: OrgLevel, parent: String?)] = [
        ("TW", "Chính phủ", .central, nil),
        ("LC", "UBND tỉnh Lào Cai", .province, "TW"),
        ("SNV-LC", "Sở Nội vụ tỉnh Lào Cai", .unit, "LC"),
        ("TP-LC", "UBND thành phố Lào Cai", .district, "LC"),
        ("P-DK", "UBND phường Duyên Hải", .commune, "TP-LC"),
        ("P-CC", "UBND phường Cốc Lếu", .commune, "TP-LC"),
        ("THCS-DK", "Trường THCS Duyên Hải", .unit, "P-DK"),
        ("TX-SP", "UBND thị xã Sa Pa", .district, "LC"),
        ("P-SP", "UBND phường Sa Pa", .commune, "TX-SP"),
        ("X-TP", "UBND xã Tả Phìn", .commune, "TX-SP"),
        ("TYT-TP", "Trạm Y tế xã Tả Phìn", .unit, "X-TP"),
    ]

    /// Loads the demo set unless its orgs already exist.
    public static func load(into engine: AwardEngine, now: Date = Date()) async throws(AwardError) -> Summary {
        if try await engine.orgs().contains(where: { $0.code == "LC" }) {
            return Summary(orgs: orgs.count, nominations: 0, alreadyLoaded: true)
        }
        for org in orgs {
            _ = try await engine.addOrg(code: org.code, name: org.name, level: org.level, parent: org.parent)
        }
        let d2023 = CivilDate(iso: "2023-11-18")!
        var count = 0
        func nominate(_ kind: String, _ unit: String, _ name: String, _ type: NomineeType, _ year: Int, draft: Bool = false,
                      reason: String? = nil) async throws(AwardError) -> Int64 {
            count += 1
            return try await engine.nominate(
                .init(kind: kind, unit: unit, nomineeName: name, nomineeType: type, year: year, reason: reason, draft: draft),
                actor: "can-bo-tdkt").id
        }
        // Awarded at the town on Great National Unity Day, 18/11/2023: one decision, three recipients.
        for (unit, name, type) in [("P-DK", "Nguyễn Văn An", NomineeType.individual), ("P-DK", "Trần Thị Bích Ngọc", .individual),
                                   ("P-CC", "Tổ dân phố số 5 phường Cốc Lếu", .collective)] {
            let id = try await nominate("giay-khen", unit, name, type, 2023, reason: "Thành tích xuất sắc trong phong trào Ngày hội Đại đoàn kết toàn dân tộc")
            _ = try await engine.perform(.approve, on: id, actingFor: "TP-LC", actor: "pho-chu-tich-tp", decision: .init(number: "215/QĐ-UBND", date: d2023))
        }
        // A household awarded at Sa Pa, later revoked for false claims.
        let revoked = try await nominate("giay-khen", "X-TP", "Hộ gia đình ông Lò Văn Páo", .household, 2023)
        _ = try await engine.perform(.approve, on: revoked, actingFor: "TX-SP", actor: "chu-tich-sp", decision: .init(number: "98/QĐ-UBND", date: d2023))
        _ = try await engine.perform(.revoke, on: revoked, actingFor: "TX-SP", actor: "chu-tich-sp", reason: "Kê khai thành tích không trung thực",
                                     decision: .init(number: "12/QĐ-UBND", date: CivilDate(iso: "2024-03-05")!))
        // A Prime Minister's Bằng khen halfway up: forwarded by the town, waiting at the province.
        let ttg = try await nominate("bang-khen-ttg", "THCS-DK", "Trường THCS Duyên Hải", .collective, 2024,
                                     reason: "Đã có nhiều thành tích trong công tác giáo dục giai đoạn 2019–2024")
        _ = try await engine.perform(.approve, on: ttg, actingFor: "TP-LC", actor: "pho-chu-tich-tp", now: now)
        // Pending at the town.
        _ = try await nominate("bang-khen-tinh", "P-SP", "Giàng Thị Mỷ", .individual, 2024)
        _ = try await nominate("cstdcs", "P-DK", "Phạm Đức Đạt", .individual, 2024)
        // Returned to the ward for supplementation.
        let returned = try await nominate("bang-khen-tinh", "P-CC", "Hoàng Văn Ước", .individual, 2024)
        _ = try await engine.perform(.return, on: returned, actingFor: "TP-LC", actor: "pho-chu-tich-tp", reason: "Bổ sung báo cáo thành tích có xác nhận của thủ trưởng")
        // Rejected, withdrawn, and a draft.
        let rejected = try await nominate("ldtt", "TYT-TP", "Sùng A Lử", .individual, 2024)
        _ = try await engine.perform(.reject, on: rejected, actingFor: "TX-SP", actor: "chu-tich-sp", reason: "Không đạt mức hoàn thành tốt nhiệm vụ năm 2024")
        let withdrawn = try await nominate("giay-khen", "P-SP", "Đỗ Thị Hương", .individual, 2024)
        _ = try await engine.perform(.withdraw, on: withdrawn, actingFor: "P-SP", actor: "can-bo-tdkt", reason: "Đơn vị đề nghị hình thức khác")
        _ = try await nominate("thu-khen", "P-DK", "Đội tình nguyện Duyên Hải", .collective, 2024, draft: true)
        return Summary(orgs: orgs.count, nominations: count, alreadyLoaded: false)
    }
}
