// swift-tools-version: 6.1
import PackageDescription

// Kernel benchmarks for UrbanCast, kept out of the root package so `swift test` never builds the
// benchmark tooling. Run from this folder: `swift package benchmark` (see README.md).
let package = Package(
    name: "UrbanCastBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "UrbanCast", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "KernelBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Forecasting", package: "UrbanCast"),
                .product(name: "LinearAlgebra", package: "UrbanCast"),
                .product(name: "Statistics", package: "UrbanCast"),
                .product(name: "UrbanCast", package: "UrbanCast"),
            ],
            path: "Benchmarks/KernelBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
