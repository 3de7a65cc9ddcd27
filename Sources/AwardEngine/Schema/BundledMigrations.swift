/// The files of `Migrations/`, embedded in the engine, in order, each with the oldest engine
/// release that runs on the schema it leaves. A new migration adds its file there and a line here;
/// `MigrationTests` fails when the two lists differ.
///
/// Declaring the oldest engine: a migration that only adds (a table, a column with a default, an
/// index, a function) names the release before its own, so that an awardd of that release keeps
/// serving during a rolling upgrade; one that removes or changes what an older engine reads names
/// its own release, and ships only after the release that stopped reading it (expand, then
/// contract). Migrations 1–12 shipped with 0.2.0; 13–22 with 0.3.0.
enum BundledMigrations {
    static let all: [Migration] = [
        file(1, "core", PackageResources._001_core_sql, oldest: "0.2.0"),
        file(2, "users", PackageResources._002_users_sql, oldest: "0.2.0"),
        file(3, "rules", PackageResources._003_rules_sql, oldest: "0.2.0"),
        file(4, "decisions-dossiers-deadlines", PackageResources._004_decisions_dossiers_deadlines_sql, oldest: "0.2.0"),
        file(5, "proof-and-search", PackageResources._005_proof_and_search_sql, oldest: "0.2.0"),
        file(6, "fast-paths", PackageResources._006_fast_paths_sql, oldest: "0.2.0"),
        file(7, "report-tables", PackageResources._007_report_tables_sql, oldest: "0.2.0"),
        file(8, "sign-in", PackageResources._008_sign_in_sql, oldest: "0.2.0"),
        file(9, "papers", PackageResources._009_papers_sql, oldest: "0.2.0"),
        file(10, "campaigns", PackageResources._010_campaigns_sql, oldest: "0.2.0"),
        file(11, "events", PackageResources._011_events_sql, oldest: "0.2.0"),
        file(12, "lean-transitions", PackageResources._012_lean_transitions_sql, oldest: "0.2.0"),
        file(13, "repair-edited-migrations", PackageResources._013_repair_edited_migrations_sql, oldest: "0.3.0-dev"),
        file(14, "app-role", PackageResources._014_app_role_sql, oldest: "0.3.0-dev"),
        file(15, "nominee-transfers", PackageResources._015_nominee_transfers_sql, oldest: "0.3.0-dev"),
        file(16, "sign-in-throttle", PackageResources._016_sign_in_throttle_sql, oldest: "0.3.0-dev"),
        file(17, "webhook-networks", PackageResources._017_webhook_networks_sql, oldest: "0.3.0-dev"),
        file(18, "officer-pages", PackageResources._018_officer_pages_sql, oldest: "0.3.0-dev"),
        file(19, "import-uploads", PackageResources._019_import_uploads_sql, oldest: "0.3.0-dev"),
        file(20, "awardd-listeners", PackageResources._020_awardd_listeners_sql, oldest: "0.3.0-dev"),
        file(21, "fold-search-path", PackageResources._021_fold_search_path_sql, oldest: "0.3.0-dev"),
        file(22, "org-lineage", PackageResources._022_org_lineage_sql, oldest: "0.3.0-dev"),
        file(23, "report-bodies", PackageResources._023_report_bodies_sql, oldest: "0.3.0-dev"),
        file(24, "verification", PackageResources._024_verification_sql, oldest: "0.3.0-dev"),
        file(25, "delegations", PackageResources._025_delegations_sql, oldest: "0.3.0-dev"),
        file(26, "signed-decisions", PackageResources._026_signed_decisions_sql, oldest: "0.3.0-dev"),
        file(27, "tier-steps", PackageResources._027_tier_steps_sql, oldest: "0.3.0-dev"),
        file(28, "report-facts", PackageResources._028_report_facts_sql, oldest: "0.3.0-dev"),
        file(29, "national-reads", PackageResources._029_national_reads_sql, oldest: "0.3.0-dev"),
    ]

    private static func file(_ version: Int, _ name: String, _ bytes: [UInt8], oldest: String) -> Migration {
        Migration(version: version, name: name, sql: String(decoding: bytes, as: UTF8.self), oldestEngine: oldest)
    }
}
