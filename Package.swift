// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "CustomerPortal",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "portalctl", targets: ["portalctl"]),
        .executable(name: "portal-bench", targets: ["PortalBench"]),
        .executable(name: "portal-eval", targets: ["PortalEval"]),
        .executable(name: "portal-oidc-test-provider", targets: ["OIDCTestProvider"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto.git", "4.1.0"..<"6.0.0"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CLMDB", pkgConfig: "lmdb", providers: [.apt(["liblmdb-dev"])]),
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .target(
            name: "EventStore",
            dependencies: ["CLMDB", "CSodium"]
        ),
        .target(name: "Domain"),
        .target(name: "QRCode"),
        .target(
            name: "BlobStore",
            dependencies: ["CSodium", .product(name: "NIOCore", package: "swift-nio")]
        ),
        .target(name: "ZipArchive"),
        .target(name: "PDFWriter"),
        .target(name: "Semantics", dependencies: ["COpenBLAS", "CSodium"]),
        .target(name: "NLU", dependencies: ["Semantics", "COpenBLAS", "CSodium"]),
        .target(
            name: "OIDC",
            dependencies: [.product(name: "JWTKit", package: "jwt-kit"), .product(name: "Crypto", package: "swift-crypto")]
        ),
        .executableTarget(
            name: "OIDCTestProvider",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Mail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Projections",
            dependencies: ["EventStore", "Domain", "Semantics", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "PortalAPI",
            dependencies: [
                "EventStore", "Domain", "Projections", "Semantics", "NLU", "Mail", "QRCode", "OIDC", "CSodium", "BlobStore", "ZipArchive", "PDFWriter",
                .product(name: "Ink", package: "Ink"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "portalctl",
            dependencies: [
                "PortalAPI", "EventStore", "Projections", "Domain", "BlobStore", "Semantics", "NLU",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "PortalBench",
            dependencies: ["EventStore", "Projections", "Domain", "CLMDB", "COpenBLAS", "Semantics", "PortalAPI", .product(name: "Logging", package: "swift-log")]
        ),
        .executableTarget(name: "PortalEval", dependencies: ["Semantics"]),
        .executableTarget(name: "LogProbe", dependencies: ["EventStore"]),
        .testTarget(name: "EventStoreTests", dependencies: ["EventStore", "LogProbe"]),
        .testTarget(name: "DomainTests", dependencies: ["Domain"]),
        .testTarget(name: "MailTests", dependencies: ["Mail"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"]),
        .testTarget(name: "BlobStoreTests", dependencies: ["BlobStore", "CSodium"]),
        .testTarget(name: "ZipArchiveTests", dependencies: ["ZipArchive"]),
        .testTarget(name: "PDFWriterTests", dependencies: ["PDFWriter"]),
        .testTarget(name: "SemanticsTests", dependencies: ["Semantics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NLUTests", dependencies: ["NLU", "Semantics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "OIDCTests", dependencies: ["OIDC", "OIDCTestProvider"]),
        .testTarget(name: "ProjectionTests", dependencies: ["Projections", "Domain", "EventStore", "Semantics"]),
        .testTarget(
            name: "PortalAPITests",
            dependencies: [
                "PortalAPI", "Domain", "EventStore", "Projections", "Semantics", "BlobStore", "NLU",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
