@testable import AwardEngine
@testable import AwardDomain
import Foundation

/// Real units for the tests: Vietnam's administrative units as scripts/admin-units writes them
/// (from the NSO codes of vietnam-provinces 2026.9.0), and new Tỉnh Lào Cai with awards decided
/// by its old and new communes.
public enum LaoCai {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public struct ExportFailed: Error, CustomStringConvertible {
        public var description: String { "scripts/admin-units failed: it needs the vietnam-provinces wheel (PyPI, or AWARD_VP_WHEEL_DIR)" }
    }

    /// units.csv and lineage.csv as scripts/admin-units writes them (the whole country, or one new province).
    public static func export(province: Int? = nil) async throws -> (units: Data, lineage: Data) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("units-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let process = Process()
        process.executableURL = repository.appendingPathComponent("scripts/admin-units")
        process.arguments = [dir.path] + (province.map { ["--province", String($0)] } ?? [])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        guard try await offPool({ reap(process) }) == 0 else { throw ExportFailed() }
        return (try Data(contentsOf: dir.appendingPathComponent("units.csv")), try Data(contentsOf: dir.appendingPathComponent("lineage.csv")))
    }

    /// Decree 152's pack without document requirements, in force from 2026 (the communes decide Giấy khen).
    public static var communePack: String {
        let text = AwardEngine.bundledPacks.last { $0.contains("\"nd152-2025\"") } ?? ""
        var object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        object["code"] = "test-commune"
        object["valid_from"] = "2026-01-01"
        object["valid_to"] = NSNull()
        if var kinds = object["kinds"] as? [[String: Any]] {
            for k in kinds.indices {
                if var chain = kinds[k]["chain"] as? [[String: Any]] {
                    for t in chain.indices { chain[t].removeValue(forKey: "documents") }
                    kinds[k]["chain"] = chain
                }
            }
            object["kinds"] = kinds
        }
        return String(decoding: (try? JSONSerialization.data(withJSONObject: object)) ?? Data(), as: UTF8.self)
    }

    /// Giấy khen of old Phường Lào Cai's predecessors, of new Phường Lào Cai, and of Xã Cốc San (not its).
    public static let awards: [(unit: String, name: String, date: String)] = [
        ("LW2644", "Nguyễn Thị Hoa", "2024-12-20"), ("LW2644", "Trần Văn Bình", "2024-12-20"),   // Cốc Lếu, before the merger
        ("LW2641", "Lê Thị Cúc", "2023-12-15"),                                                // Phường Lào Cai (old)
        ("THCS-VH", "Phạm Văn Dũng", "2024-12-22"),                                            // a school of Vạn Hoà
        ("W2647", "Hoàng Thị Én", "2025-12-18"), ("W2647", "Vũ Văn Phúc", "2025-12-18"), ("W2647", "Đỗ Thị Giang", "2025-12-19"),
        ("LW2746", "Giàng A Hùng", "2024-12-20"), ("W2746", "Sùng Thị Mai", "2025-12-20"),    // Cốc San: not Phường Lào Cai's
    ]

    /// New Tỉnh Lào Cai's units under a new root TW, an admin, and `awards`, each decided by the
    /// commune (old or new) its unit sits in; returns the admin.
    public static func load(_ engine: AwardEngine, awards: [(unit: String, name: String, date: String)] = awards) async throws -> Principal {
        _ = try await engine.importPack(communePack)
        _ = try await engine.addOrg(code: "TW", name: "Chính phủ", level: .central, parent: nil)
        let files = try await export(province: 15)
        _ = try await engine.importUnits(units: files.units, lineage: files.lineage)
        // A school under old Xã Vạn Hoà (LW2665), one of the units that became Phường Lào Cai.
        _ = try await engine.addOrg(code: "THCS-VH", name: "Trường THCS Vạn Hoà", level: .unit, parent: "LW2665")
        _ = try await engine.addUser(name: "admin", org: "TW", role: .admin)
        let admin = try await engine.principal(named: "admin")
        var number = 0
        for award in awards {
            let commune = award.unit == "THCS-VH" ? "LW2665" : award.unit
            let chairName = "ct.\(commune.lowercased())"
            if (try? await engine.principal(named: chairName)) == nil {
                _ = try await engine.addUser(name: chairName, org: commune, role: .approver)
            }
            let chair = try await engine.principal(named: chairName)
            let n = try await engine.nominate(.init(kind: "giay-khen", unit: award.unit, nomineeName: award.name, nomineeType: .individual), by: admin)
            number += 1
            _ = try await engine.perform(.approve, on: n.id, by: chair, actingFor: commune,
                                         decision: DecisionInput(number: "\(number)/QĐ-UBND", date: CivilDate(iso: award.date)!))
        }
        return admin
    }
}
