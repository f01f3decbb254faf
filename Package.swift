// swift-tools-version: 6.0
import PackageDescription

// Layers (see DESIGN.md): CLapacke → LinearAlgebra → Statistics → Forecasting → UrbanCast → UrbanCastCharts → urbancast.
// Each target imports only the targets above it.
let package = Package(
    name: "UrbanCast",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "UrbanCast", targets: ["UrbanCast"]),
        .library(name: "UrbanCastCharts", targets: ["UrbanCastCharts"]),
        .library(name: "Forecasting", targets: ["Forecasting"]),
        .library(name: "Statistics", targets: ["Statistics"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .executable(name: "urbancast", targets: ["urbancast"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        // Reading .xlsx workbooks: the XML parts inside the ZIP container (read by ZipContainer).
        .package(url: "https://github.com/CoreOffice/XMLCoder", exact: "0.18.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLapacke",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]
        ),
        // zlib inflates the parts of .xlsx workbooks.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "LinearAlgebra", dependencies: ["CLapacke"]),
        .target(name: "Statistics", dependencies: ["LinearAlgebra"]),
        .target(name: "Forecasting", dependencies: ["LinearAlgebra", "Statistics"]),
        .target(
            name: "UrbanCast",
            dependencies: [
                "Forecasting", "Statistics", "LinearAlgebra", .product(name: "Yams", package: "Yams"),
                "CZlib", .product(name: "XMLCoder", package: "XMLCoder"),
            ]
        ),
        // Charts and HTML reports drawn from UrbanCast's typed results; UrbanCast never imports it.
        .target(name: "UrbanCastCharts", dependencies: ["UrbanCast"]),
        .executableTarget(
            name: "urbancast",
            dependencies: [
                "UrbanCast",
                "UrbanCastCharts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Shared by every test target: the tolerance vocabulary (Tolerance, expectClose). A plain
        // target, so test targets can depend on it.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ForecastingTests", dependencies: ["Forecasting", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "UrbanCastTests",
            dependencies: ["UrbanCast", "TestSupport", "CZlib"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "UrbanCastChartsTests", dependencies: ["UrbanCastCharts", "UrbanCast", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["urbancast", "UrbanCast", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
