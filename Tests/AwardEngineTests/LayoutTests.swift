import Foundation
import Testing

/// The engine room by concept (issue 26): SQL text lives only in the stores, never in a facade
/// extension (`AwardEngine+*.swift`) or a screen's read model (`*Screen.swift`), and no file of the
/// engine lies outside a concept folder but the facade's own and the shared plumbing.
@Suite struct LayoutTests {
    static let engine = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/AwardEngine")

    static func swiftFiles() throws -> [String] {
        let enumerator = try #require(FileManager.default.enumerator(atPath: engine.path))
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
    }

    @Test func noFacadeOrScreenHoldsSQLText() throws {
        let sql = try Regex(#"(?m)(c\.execute(Unprepared)?\(\"|^\s*(SELECT|INSERT INTO|UPDATE|DELETE FROM|WITH)\s)"#)
        var offenders: [String] = []
        for file in try Self.swiftFiles() {
            let name = (file as NSString).lastPathComponent
            guard name.hasPrefix("AwardEngine+") || name.hasSuffix("Screen.swift") else { continue }
            let text = try String(contentsOf: Self.engine.appendingPathComponent(file), encoding: .utf8)
            if text.contains(sql) { offenders.append(file) }
        }
        #expect(offenders.isEmpty, "SQL text outside the stores: \(offenders)")
    }

    @Test func everyEngineFileIsInAConceptFolder() throws {
        let topLevel = Set(["AwardEngine.swift", "Access.swift", "ErrorMapping.swift", "EngineMetrics.swift", "Postgres+Domain.swift"])
        let stray = try Self.swiftFiles().filter { !$0.contains("/") && !topLevel.contains($0) }
        #expect(stray.isEmpty, "engine files outside a concept folder: \(stray)")
        let folders = Set(try Self.swiftFiles().compactMap { $0.split(separator: "/").first.map(String.init) }.filter { !$0.hasSuffix(".swift") })
        #expect(!folders.contains("Stores") && !folders.contains("Views"), "layer folders are back: \(folders.sorted())")
    }
}
