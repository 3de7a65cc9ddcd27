import ArgumentParser
import AwardEngine

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load the demo data set: Lào Cai province with towns, wards and agencies, and nominations in every state.")
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let summary = try await connection.run { engine in
            _ = try await engine.migrate()
            return try await DemoData.load(into: engine)
        }
        Printer.write(summary.alreadyLoaded ? "demo data already loaded\n"
                      : "loaded \(summary.orgs) organisations and \(summary.nominations) nominations\n")
    }
}
