// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for UrbanCast's readers and grammars, kept out of the root package so the
// normal build never sees the sanitizer flags. Build (see README.md and `make fuzz`):
//
//   swift build -c release --scratch-path ../.build-fuzz -Xswiftc -sanitize=fuzzer,address
//
// Each executable exports LLVMFuzzerTestOneInput and has a main.swift that hands it to
// LLVMFuzzerRunDriver. libFuzzer's own main() cannot be used: SwiftPM links every executable
// with main defined as the module's entry point (`<module>_main`), which a module compiled
// with -parse-as-library does not have, so the link fails.
let package = Package(
    name: "UrbanCastFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "UrbanCast", path: ".."),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver"]),
        .executableTarget(
            name: "fuzz-csv",
            dependencies: ["FuzzSupport", .product(name: "UrbanCast", package: "UrbanCast")]),
        .executableTarget(
            name: "fuzz-dates",
            dependencies: ["FuzzSupport", .product(name: "Forecasting", package: "UrbanCast")]),
        .executableTarget(
            name: "fuzz-long",
            dependencies: [
                "FuzzSupport", .product(name: "UrbanCast", package: "UrbanCast"),
                .product(name: "Forecasting", package: "UrbanCast"),
            ]),
        .executableTarget(
            name: "fuzz-wide",
            dependencies: ["FuzzSupport", .product(name: "UrbanCast", package: "UrbanCast")]),
        .executableTarget(
            name: "fuzz-xlsx",
            dependencies: ["FuzzSupport", .product(name: "UrbanCast", package: "UrbanCast")]),
        .executableTarget(
            name: "fuzz-scenario",
            dependencies: ["FuzzSupport", .product(name: "UrbanCast", package: "UrbanCast")]),
        .executableTarget(
            name: "fuzz-mitigation",
            dependencies: ["FuzzSupport", .product(name: "UrbanCast", package: "UrbanCast")]),
        .executableTarget(
            name: "fuzz-model",
            dependencies: ["FuzzSupport", .product(name: "Forecasting", package: "UrbanCast")]),
    ],
    swiftLanguageModes: [.v6]
)
