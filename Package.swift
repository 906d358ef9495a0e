// swift-tools-version:6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "funnel",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "funnel", targets: ["funnel"]),
        .executable(name: "funnel-bench", targets: ["FunnelBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/stencilproject/Stencil", from: "0.15.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
    ],
    targets: [
        .executableTarget(name: "funnel", dependencies: ["FunnelCLI"], swiftSettings: strict),
        // Benchmarks recorded in BENCHMARKS.md: `swift run -c release funnel-bench <name>`.
        .executableTarget(name: "FunnelBench", dependencies: [
            "FunnelKit", "FunnelCore", "FunnelConfig", "FunnelSources", "FunnelPlanner", "FunnelState",
            "WixAPI", "WixEmulator", "FunnelTestSupport", "FunnelRender", "FunnelServe",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ], swiftSettings: strict),
        .target(name: "FunnelCLI", dependencies: [
            "FunnelKit", "WixEmulator", "FunnelCore", "FunnelConfig", "FunnelState", "FunnelSources", "FunnelRender", "FunnelServe",
            "HTTPTransport", "WixAPI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .target(name: "FunnelKit", dependencies: [
            "FunnelCore", "FunnelConfig", "FunnelPlanner", "FunnelSources", "WixAPI", "FunnelState", "FunnelRender",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .target(name: "FunnelServe", dependencies: [
            "FunnelKit", "FunnelCore", "FunnelConfig", "FunnelState", "WixAPI",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ], swiftSettings: strict),
        .target(name: "FunnelCore", swiftSettings: strict),
        .target(name: "FunnelRender", dependencies: [
            "FunnelCore",
            .product(name: "Plot", package: "Plot"),
        ], swiftSettings: strict),
        .target(name: "FunnelConfig", dependencies: [
            "FunnelCore",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Stencil", package: "Stencil"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: strict),
        .target(name: "FunnelPlanner", dependencies: ["FunnelCore"], swiftSettings: strict),
        .target(name: "FunnelSources", dependencies: [
            "FunnelCore", "FunnelConfig", "HTTPTransport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: strict),
        // What the Wix client and the CRM sources share about HTTP failures: which ones waiting can
        // fix, the retry notice a person sees, the client configuration their retry loops assume.
        .target(name: "HTTPTransport", dependencies: [
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ], swiftSettings: strict),
        .target(name: "WixAPI", dependencies: [
            "FunnelCore", "HTTPTransport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOFoundationCompat", package: "swift-nio"),
        ], swiftSettings: strict),
        .target(name: "FunnelState", dependencies: [
            "FunnelCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .target(name: "WixEmulator", dependencies: [
            "FunnelCore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: strict),
        .target(name: "FunnelTestSupport", dependencies: [
            "WixEmulator", "FunnelCore", "FunnelKit", "FunnelConfig", "FunnelSources", "FunnelState", "WixAPI",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ], swiftSettings: strict),

        .testTarget(name: "FunnelCoreTests", dependencies: ["FunnelCore"], swiftSettings: strict),
        .testTarget(name: "FunnelConfigTests", dependencies: ["FunnelConfig", "FunnelCore", .product(name: "Yams", package: "Yams")],
                    resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "FunnelPlannerTests", dependencies: ["FunnelPlanner", "FunnelCore"], swiftSettings: strict),
        .testTarget(name: "FunnelSourcesTests", dependencies: ["FunnelSources", "FunnelConfig", "FunnelCore", "FunnelTestSupport", "HTTPTransport",
                                                       .product(name: "AsyncHTTPClient", package: "async-http-client")],
                    swiftSettings: strict),
        .testTarget(name: "WixAPITests", dependencies: ["WixAPI", "FunnelCore", "FunnelTestSupport", "WixEmulator", "HTTPTransport",
                                                   .product(name: "AsyncHTTPClient", package: "async-http-client")],
                    swiftSettings: strict),
        .testTarget(name: "FunnelStateTests", dependencies: ["FunnelState", "FunnelCore", "FunnelTestSupport"], swiftSettings: strict),
        .testTarget(name: "WixEmulatorTests", dependencies: [
            "WixEmulator", "FunnelTestSupport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "FunnelKitTests", dependencies: ["FunnelKit", "FunnelTestSupport", "WixEmulator", "FunnelRender"], swiftSettings: strict),
        .testTarget(name: "FunnelServeTests", dependencies: [
            "FunnelServe", "FunnelTestSupport", "FunnelKit", "FunnelState", "FunnelSources", "WixAPI", "WixEmulator",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ], swiftSettings: strict),
        // The golden plans are made by the real config loader, source and planner (FunnelKit's plan path).
        .testTarget(name: "FunnelRenderTests", dependencies: ["FunnelRender", "FunnelCore", "FunnelCLI", "FunnelKit", "FunnelConfig",
                                                       "FunnelSources", "WixAPI", .product(name: "Logging", package: "swift-log")],
                    resources: [.copy("Golden")], swiftSettings: strict),
        .testTarget(name: "FunnelCLITests", dependencies: ["FunnelCLI", "FunnelConfig", "FunnelCore", "FunnelTestSupport", "WixAPI", "WixEmulator"],
                    swiftSettings: strict),
    ]
)
