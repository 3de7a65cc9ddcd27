import ArgumentParser
import AwardEngine
import AwardPostgres

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load the demo data set: Lào Cai province with towns, wards and agencies, a user per role, and nominations in every state.")
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let summary = try await connection.run { engine in
            _ = try await engine.migrate()
            return try await DemoData.load(into: engine)
        }
        Printer.write(summary.alreadyLoaded ? "demo data already loaded; new tokens issued\n"
                      : "loaded \(summary.orgs) organisations and \(summary.nominations) nominations\n")
        Printer.write(Printer.table(["user", "org", "role", "token"], summary.users.map { [$0.name, $0.org, $0.role.rawValue, $0.token] }))
    }
}
