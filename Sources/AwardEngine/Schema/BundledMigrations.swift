/// The files of `Migrations/`, embedded in the engine, in order. A new migration adds its file
/// there and a line here; `MigrationTests` fails when the two lists differ.
enum BundledMigrations {
    static let all: [Migration] = [
        file(1, "core", PackageResources._001_core_sql),
        file(2, "users", PackageResources._002_users_sql),
        file(3, "rules", PackageResources._003_rules_sql),
        file(4, "decisions-dossiers-deadlines", PackageResources._004_decisions_dossiers_deadlines_sql),
        file(5, "proof-and-search", PackageResources._005_proof_and_search_sql),
        file(6, "fast-paths", PackageResources._006_fast_paths_sql),
        file(7, "report-tables", PackageResources._007_report_tables_sql),
        file(8, "sign-in", PackageResources._008_sign_in_sql),
        file(9, "papers", PackageResources._009_papers_sql),
        file(10, "campaigns", PackageResources._010_campaigns_sql),
        file(11, "events", PackageResources._011_events_sql),
        file(12, "lean-transitions", PackageResources._012_lean_transitions_sql),
        file(13, "repair-edited-migrations", PackageResources._013_repair_edited_migrations_sql),
        file(14, "app-role", PackageResources._014_app_role_sql),
        file(15, "nominee-transfers", PackageResources._015_nominee_transfers_sql),
        file(16, "sign-in-throttle", PackageResources._016_sign_in_throttle_sql),
        file(17, "webhook-networks", PackageResources._017_webhook_networks_sql),
        file(18, "officer-pages", PackageResources._018_officer_pages_sql),
        file(19, "import-uploads", PackageResources._019_import_uploads_sql),
        file(20, "awardd-listeners", PackageResources._020_awardd_listeners_sql),
        file(21, "fold-search-path", PackageResources._021_fold_search_path_sql),
    ]

    private static func file(_ version: Int, _ name: String, _ bytes: [UInt8]) -> Migration {
        Migration(version: version, name: name, sql: String(decoding: bytes, as: UTF8.self))
    }
}
