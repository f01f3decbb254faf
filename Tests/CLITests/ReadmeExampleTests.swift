import Foundation
import Testing
import Forecasting

/// The README's library example, compiled and run here. `readmeMatchesThisFile` keeps the two
/// copies identical, so the README cannot drift from code that compiles.
@Suite struct ReadmeExampleTests {
    @Test func exampleRuns() throws {
        // README-EXAMPLE-BEGIN
        // New York City: daily water consumption (million gallons) against population (millions).
        let population = [7.07, 7.18, 7.32, 7.43, 7.78, 8.01, 8.18, 8.27, 8.34]
        let consumption = [1506.0, 1426.0, 1424.0, 1339.0, 1240.0, 1184.0, 1069.0, 1039.0, 1010.0]
        let fit = try LinearRegression(response: consumption, predictors: [population], names: ["population"],
                                       options: RegressionOptions(covariance: .hc1))
        for coefficient in fit.coefficients {
            print(coefficient.name, coefficient.estimate, coefficient.standardError, coefficient.pValue)
        }
        let next = try fit.predict([[8.5]], level: 95)[0]
        print("at 8.5 million:", next.mean, next.predictionLower, next.predictionUpper)
        // README-EXAMPLE-END
        #expect(fit.coefficients[1].estimate < 0)
        #expect(next.predictionLower < next.mean && next.mean < next.predictionUpper)
    }

    /// The README's library examples: the marker's name, the test file that compiles and runs the
    /// example between its markers, and the imports the README shows above it.
    static let examples: [(id: String, file: String, imports: [String])] = [
        ("", "Tests/CLITests/ReadmeExampleTests.swift", ["import Forecasting"]),
        ("A", "Tests/UrbanCastTests/LibraryExampleForecastTests.swift", ["import Foundation", "import UrbanCast"]),
        ("B", "Tests/UrbanCastTests/LibraryExampleScenarioTests.swift", ["import UrbanCast"]),
        ("C", "Tests/UrbanCastTests/LibraryExampleAirTests.swift", ["import UrbanCast"]),
    ]

    /// Every ```swift block of the README is one of the examples above, word for word, so the README
    /// cannot show code that the tests do not compile and run.
    @Test func readmeShowsExactlyTheTestedExamples() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let blocks = readme.components(separatedBy: "```swift\n").dropFirst().compactMap {
            $0.components(separatedBy: "```").first
        }
        var expected: [String] = []
        for example in Self.examples {
            let source = try String(contentsOf: root.appendingPathComponent(example.file), encoding: .utf8)
            let lines = source.components(separatedBy: "\n")
            let marker = "README-EXAMPLE" + (example.id.isEmpty ? "" : "-" + example.id)
            let begin = try #require(lines.firstIndex { $0.hasSuffix("// " + marker + "-BEGIN") }, "\(marker) in \(example.file)")
            let end = try #require(lines.firstIndex { $0.hasSuffix("// " + marker + "-END") }, "\(marker) end in \(example.file)")
            let body = lines[(begin + 1)..<end].map { $0.hasPrefix("        ") ? String($0.dropFirst(8)) : $0 }
            expected.append((example.imports + [""] + body).joined(separator: "\n") + "\n")
        }
        #expect(blocks == expected)
    }
}
