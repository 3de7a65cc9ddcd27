// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "AwardEngine",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AwardEngine", targets: ["AwardEngine"]),
        .executable(name: "awardctl", targets: ["awardctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    ],
    targets: [
        // libpq, from Debian's libpq-dev; pkg-config supplies the include path.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(
            name: "AwardEngine",
            dependencies: [
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            resources: [.embedInCode("Resources/schema.sql")]
        ),
        .executableTarget(
            name: "awardctl",
            dependencies: [
                "AwardEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Fresh databases for tests, in the real PostgreSQL the test command starts.
        .target(
            name: "AwardTestSupport",
            dependencies: ["AwardEngine"],
            path: "Tests/AwardTestSupport"
        ),
        .testTarget(
            name: "AwardEngineTests",
            dependencies: ["AwardEngine", "AwardTestSupport"]
        ),
        .testTarget(
            name: "AwardCtlTests",
            dependencies: ["AwardEngine", "AwardTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
