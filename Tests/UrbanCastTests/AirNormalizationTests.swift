import Foundation
import Forecasting
import Statistics
import Testing
import UrbanCast
import TestSupport

@Suite("Air quality: penalised splines and weather normalisation")
struct AirNormalizationTests {
    /// Cubic B-splines reproduce a cubic (up to the tiny ridge) when unpenalised, and a very large penalty
    /// leaves the least-squares straight line (the null space of second differences), here
    /// compared with ordinary least squares.
    @Test func splineLimits() throws {
        let x = (0..<200).map { Double($0) / 20 - 3 }
        let cubic = x.map { $0 * $0 * $0 - 2 * $0 + 1 }
        let design = try AdditiveDesign(variables: ["x": x], terms: [SplineTerm("x", .spline(basisSize: 9))])
        let exact = try PenalizedAdditiveModel(design: design, response: cubic, lambda: 0)
        let fitted = exact.predict(design.matrix)
        let worst = zip(fitted, cubic).map { abs($0 - $1) }.max() ?? .nan
        #expect(worst < 1e-4, "largest error \(worst)")  // the 1e-9 ridge biases by ~1e-5 here
        let stiff = try PenalizedAdditiveModel(design: design, response: cubic, lambda: 1e9)
        let line = try LinearRegression(response: cubic, predictors: [x], names: ["x"])
        let slope = line.coefficients[1].estimate
        let intercept = line.coefficients[0].estimate
        let straight = stiff.predict(design.matrix)
        #expect(zip(x, straight).allSatisfy { abs($1 - (intercept + slope * $0)) < 1e-3 * (1 + abs($1)) })
        expectClose(stiff.effectiveDegreesOfFreedom, 2, .absolute(0.01))
        #expect(throws: ForecastingError.self) { try AdditiveDesign(variables: ["x": x], terms: [SplineTerm("y", .linear)]) }
        #expect(throws: ForecastingError.self) { try AdditiveDesign(variables: ["x": x], terms: [SplineTerm("x", .spline(basisSize: 3))]) }
    }

    /// A seeded synthetic station: c = 60 − 8·years + 15·(temperature effect) + wind effect + noise,
    /// with seasonal temperature. The normalised annual means follow the trend (−8 per year), the
    /// held-out R² is high, and the partial effect of wind speed is decreasing.
    @Test func recoversATrendUnderSeasonalWeather() throws {
        let seed: UInt64 = 2026
        var generator = SeededGenerator(seed: seed)
        var rows = ["station,date,NO2,TEMP,WSPM"]
        let start = SeriesDate(year: 2020, month: 1, day: 1, precision: .minute)
        let hours = 3 * 8760
        for h in 0..<hours {
            let date = start.advanced(by: h, frequency: .hourly)
            let years = Double(h) / 8766
            let temperature = 12 - 14 * cos(2 * Double.pi * years) + 3 * generator.nextNormal()
            let wind = max(0.2, 3 + 1.5 * generator.nextNormal())
            let value = 60 - 8 * years + 0.04 * (temperature - 12) * (temperature - 12) + 25 / (1 + wind) + 3 * generator.nextNormal()
            rows.append("S,\(date),\(value),\(temperature),\(wind)")
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aq-norm-\(UUID().uuidString).csv").path
        try rows.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let results = try WeatherNormalization.run(
            contentsOf: path, pollutant: .no2, options: .init(meteorology: ["TEMP", "WSPM"], windDirection: nil, windSpeed: nil))
        let result = try #require(results.first)
        // Noise is 3 units of a total spread of about 8; the end blocks hold the trend flat.
        #expect(result.heldOutRSquared > 0.7, "seed \(seed): \(result.heldOutRSquared)")
        #expect(result.heldOut.count == 5 && result.heldOut.allSatisfy { $0.rSquared > 0.2 }, "\(result.heldOut.map(\.rSquared))")
        #expect(result.fittedRSquared > result.heldOutRSquared)
        let annual = result.series(by: .year).map(\.normalized)
        #expect(annual.count == 3)
        for (a, b) in zip(annual, annual.dropFirst()) { #expect(abs((b - a) + 8) < 1, "seed \(seed): \(annual)") }
        let wind = try #require(result.partialEffects.first { $0.variable == "WSPM" })
        #expect(zip(wind.effect, wind.effect.dropFirst()).filter { $1 > $0 + 0.05 }.isEmpty, "\(wind.effect)")
        #expect(Set(result.partialEffects.map(\.variable)) == ["TEMP", "WSPM", "hour", "weekday", "dayOfYear", "trend"])
    }

    @Test func missingMeteorologyIsNamed() throws {
        #expect(throws: AirQualityError.self) {
            try WeatherNormalization.run(contentsOf: repositoryPath("Datasets/beijing_dongsi_hourly_wide.csv"), pollutant: .no2,
                                         options: .init(meteorology: ["TEMP", "HUMIDITY"]))
        }
        do {
            _ = try WeatherNormalization.run(contentsOf: repositoryPath("Datasets/beijing_dongsi_hourly_wide.csv"), pollutant: .no2,
                                             options: .init(meteorology: ["TEMP", "HUMIDITY"]))
        } catch {
            #expect(error.description.hasPrefix("missing column 'HUMIDITY'; the file has: station, date, PM2.5"))
        }
        #expect(throws: AirQualityError.self) {
            try WeatherNormalization.run(contentsOf: repositoryPath("Datasets/beijing_dongsi_hourly_wide.csv"), pollutant: .pm25,
                                         options: .init(folds: 1))
        }
    }

    /// Dongsi hourly PM2.5: held-out R² on 5 contiguous blocks, against the random forest of
    /// Benchmarks/compare/air_normalization_rf.py on the same features and blocks (0.342,
    /// Benchmarks/compare/results/air_normalization_rf.txt); the goal is within 0.05.
    @Test func dongsiHeldOutSkillIsCloseToARandomForest() throws {
        let results = try WeatherNormalization.run(
            contentsOf: repositoryPath("Datasets/beijing_dongsi_hourly_wide.csv"), pollutant: .pm25)
        let dongsi = try #require(results.first)
        #expect(dongsi.rowsFitted == 34_230)
        #expect(dongsi.heldOutRSquared >= 0.342 - 0.05, "\(dongsi.heldOutRSquared)")
        let annual = dongsi.series(by: .year)
        #expect(annual.first { $0.date.year == 2014 }.map { $0.normalized.isFinite } == true)
    }
}
