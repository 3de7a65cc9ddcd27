// swift-tools-version:6.2
import PackageDescription

// The schema's migrations (Migrations/NNNN-name.sql), embedded in the engine. A new migration
// adds its file here and in Sources/AwardEngine/Schema/BundledMigrations.swift; MigrationTests
// fails when the three lists differ.
let migrationFiles = [
    "0001-core.sql",
    "0002-users.sql",
    "0003-rules.sql",
    "0004-decisions-dossiers-deadlines.sql",
    "0005-proof-and-search.sql",
    "0006-fast-paths.sql",
    "0007-report-tables.sql",
    "0008-sign-in.sql",
    "0009-papers.sql",
    "0010-campaigns.sql",
    "0011-events.sql",
    "0012-lean-transitions.sql",
    "0013-repair-edited-migrations.sql",
    "0014-app-role.sql",
    "0015-nominee-transfers.sql",
    "0016-sign-in-throttle.sql",
    "0017-webhook-networks.sql",
    "0018-officer-pages.sql",
    "0019-import-uploads.sql",
    "0020-awardd-listeners.sql",
    "0021-fold-search-path.sql",
    "0022-org-lineage.sql",
    "0023-report-bodies.sql",
    "0024-verification.sql",
    "0025-delegations.sql",
    "0026-signed-decisions.sql",
    "0027-tier-steps.sql",
    "0028-report-facts.sql",
    "0029-national-reads.sql",
]

// Products several targets use.
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let prometheus = Target.Dependency.product(name: "Prometheus", package: "swift-prometheus")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let nioSSL = Target.Dependency.product(name: "NIOSSL", package: "swift-nio-ssl")

let package = Package(
    name: "AwardEngine",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AwardEngine", targets: ["AwardEngine"]),
        .executable(name: "awardctl", targets: ["awardctl"]),
        .executable(name: "awardd", targets: ["awardd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // Configuration files (JSON and YAML), environment variables and secret files for awardd.
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: ["JSON", "YAML"]),
        // Certificates and CMS signatures for the signed decisions. CMS.sign and isValidSignature are
        // SPI (not covered by semantic versioning): pinned exactly.
        .package(url: "https://github.com/apple/swift-certificates", exact: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
    ],
    targets: [
        // libpq, from Debian's libpq-dev; pkg-config supplies the include path.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // libxlsxwriter, from Debian's libxlsxwriter-dev: the .xlsx files officers open in Excel.
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // libqrencode, from Debian's libqrencode-dev: the QR codes printed papers carry to /verify.
        .systemLibrary(
            name: "CQREncode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        // The libpq layer: connections, pipelines, COPY, SQL interpolation, the pool, the local
        // cluster. The only importer of CLibPQ; it knows no domain type.
        .target(
            name: "AwardPostgres",
            dependencies: [
                "CLibPQ",
                logging,
                nioPosix,
            ]
        ),
        // The law as pure values and functions: no I/O, no clock, no logging, no database.
        .target(name: "AwardDomain"),
        // Stores that own their SQL, and the facade that loads facts, asks the domain, records effects.
        .target(
            name: "AwardOutbox",
            dependencies: [
                "AwardEngine",
                logging,
                nioPosix,
                nioSSL,
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "AwardEngine",
            dependencies: [
                "AwardDomain",
                "AwardPostgres",
                logging,
                metrics,
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                "AwardSigning",
                .product(name: "X509", package: "swift-certificates"),
            ],
            resources: [
                .embedInCode("Resources/nd98-2023.json"),
                .embedInCode("Resources/nd152-2025.json"),
                .embedInCode("Resources/nd152-2025-v3.json"),
                .embedInCode("Resources/nd152-2025-v4.json"),
                .embedInCode("Resources/nd152-2025-v5.json"),
                .embedInCode("Resources/nd152-2025-v6.json"),
                .embedInCode("Resources/demo/lao-cai-units.csv"),
                .embedInCode("Resources/demo/lao-cai-lineage.csv"),
                .embedInCode("Resources/passwords/common-passwords.txt"),
            ] + migrationFiles.map { .embedInCode("Resources/Migrations/\($0)") }
        ),
        .executableTarget(
            name: "awardctl",
            dependencies: [
                "AwardEngine",
                "AwardDocuments",
                "AwardPostgres",
                argumentParser,
                logging,
            ]
        ),
        // The HTTP API over the engine: routes, auth, problem responses, metrics. No business rule.
        .target(
            name: "AwardHTTP",
            dependencies: [
                "AwardEngine",
                "AwardDocuments",
                "AwardPostgres",
                hummingbird,
                metrics,
                logging,
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.embedInCode("Resources/openapi.json")]
        ),
        // The officers' web pages: server-rendered Vietnamese HTML over the same engine calls, with
        // sessions, CSRF tokens and security headers. No business rule.
        .target(
            name: "AwardWeb",
            dependencies: [
                "AwardEngine",
                "AwardHTTP",
                "AwardDocuments",
                hummingbird,
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                logging,
            ],
            resources: [
                .embedInCode("Resources/layout.mustache"),
                .embedInCode("Resources/login.mustache"),
                .embedInCode("Resources/inbox.mustache"),
                .embedInCode("Resources/campaigns.mustache"),
                .embedInCode("Resources/campaign.mustache"),
                .embedInCode("Resources/fund.mustache"),
                .embedInCode("Resources/org.mustache"),
                .embedInCode("Resources/verify.mustache"),
                .embedInCode("Resources/bulk.mustache"),
                .embedInCode("Resources/my-work.mustache"),
                .embedInCode("Resources/suggestions.mustache"),
                .embedInCode("Resources/staff.mustache"),
                .embedInCode("Resources/delegations.mustache"),
                .embedInCode("Resources/dossier.mustache"),
                .embedInCode("Resources/new.mustache"),
                .embedInCode("Resources/awardees.mustache"),
                .embedInCode("Resources/search.mustache"),
                .embedInCode("Resources/error.mustache"),
                .embedInCode("Resources/decide.mustache"),
                .embedInCode("Resources/decision.mustache"),
                .embedInCode("Resources/summary.mustache"),
                .embedInCode("Resources/nominee.mustache"),
                .embedInCode("Resources/audit.mustache"),
                .embedInCode("Resources/certificate-layout.mustache"),
                .embedInCode("Resources/forms.mustache"),
                .embedInCode("Resources/decisions.mustache"),
                .embedInCode("Resources/app.css"),
                .embedInCode("Resources/live.js"),
                .embedInCode("Resources/field.mustache"),
                .embedInCode("Resources/error-summary.mustache"),
                .embedInCode("Resources/signer.mustache"),
                .embedInCode("Resources/layout-input.mustache"),
                .embedInCode("Resources/layout-cell.mustache"),
                .embedInCode("Resources/import.mustache"),
            ]
        ),
        // PKCS#11 tokens (p11-kit's header; the token's module is loaded at run time).
        .target(name: "CPKCS11", linkerSettings: [.linkedLibrary("dl")]),
        // Digital signatures on PDFs (PAdES, adbe.pkcs7.detached): incremental updates, CMS with a key
        // file or a token's key, and verification against trusted roots. No rule, no database.
        .target(
            name: "AwardSigning",
            dependencies: [
                "CPKCS11",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The papers officers print, sign and file (decisions, proposal letters, certificates as
        // print views, Word files and PDF), Excel files in and out, and the statistics forms. No rule.
        .target(
            name: "AwardDocuments",
            dependencies: [
                "AwardEngine",
                "AwardDomain",
                "CXLSXWriter",
                "CQREncode",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [
                .embedInCode("Resources/paper.css"),
                .embedInCode("Resources/heading.mustache"),
                .embedInCode("Resources/decision.html.mustache"),
                .embedInCode("Resources/proposal.html.mustache"),
                .embedInCode("Resources/list.html.mustache"),
                .embedInCode("Resources/certificate.html.mustache"),
                .embedInCode("Resources/decision.docx.mustache"),
                .embedInCode("Resources/proposal.docx.mustache"),
                .embedInCode("Resources/list.docx.mustache"),
                .embedInCode("Resources/signature.docx.mustache"),
                .embedInCode("Resources/heading.docx.mustache"),
                .embedInCode("Resources/statistics-forms.json"),
            ]
        ),
        .executableTarget(
            name: "awardd",
            dependencies: [
                "AwardEngine",
                "AwardOutbox",
                "AwardPostgres",
                "AwardHTTP",
                "AwardWeb",
                argumentParser,
                nioSSL,
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                hummingbird,
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                logging,
                metrics,
                prometheus,
            ]
        ),
        // Fresh databases for tests, in the real PostgreSQL the test command starts.
        .target(
            name: "AwardTestSupport",
            dependencies: ["AwardEngine", "AwardDomain", "AwardPostgres"],
            path: "Tests/AwardTestSupport"
        ),
        .testTarget(
            name: "AwardEngineTests",
            dependencies: ["AwardEngine", "AwardDomain", "AwardPostgres", "AwardTestSupport"]
        ),
        .testTarget(
            name: "AwardDocumentsTests",
            dependencies: ["AwardDocuments", "AwardSigning", "AwardEngine", "AwardDomain", "AwardPostgres", "AwardTestSupport",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(
            name: "AwardCtlTests",
            dependencies: ["AwardEngine", "AwardDomain", "AwardPostgres", "AwardTestSupport"]
        ),
        .testTarget(
            name: "AwardHTTPTests",
            dependencies: [
                "AwardEngine", "AwardDomain", "AwardPostgres", "AwardHTTP", "AwardWeb", "AwardOutbox", "AwardTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                metrics,
                prometheus,
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
