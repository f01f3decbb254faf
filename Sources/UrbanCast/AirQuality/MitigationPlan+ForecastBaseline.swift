import Forecasting
import Foundation
import Statistics

extension MitigationPlan {
    /// A baseline forecast year by year from a station's or city's monthly means by one of the
    /// Forecasting module's models (`baseline: {from: forecast, ...}`).
    ///
    /// 1. The monthly means of the series (a month counts with 75 % of its days), from the first
    ///    to the last valid month; interior months that miss the capture rule are filled by
    ///    linear interpolation (the models need a complete series) and counted in
    ///    ``interpolatedMonths``.
    /// 2. The model is fitted to them with a season length of 12 and forecast to December of
    ///    the plan's horizon.
    /// 3. Each year's mean is the mean of its 12 months, observed where the record has them and
    ///    forecast (the point forecast) after it.
    /// 4. Its sd is the sd of that annual mean over ``samplePaths`` future sample paths of the
    ///    fitted model (``FuturePathSimulator``, path k drawn from `SeededGenerator(seed:
    ///    seed).split(stream: k)`, the plan's `seed`): `sd_y = sd_k( Σ_{forecast months m of y}
    ///    y_{k,m} ) / 12`, so the months' errors are correlated as the model says (a random walk's
    ///    strongly, white noise's not at all). Observed months add no uncertainty. The Monte
    ///    Carlo error of an sd from N paths is about `sd · √(1/(2N))` for Gaussian paths, 0.7 %
    ///    at the default 10,000.
    ///
    /// C₀ of the plan is the base year's mean; every month of the base year must be observed or
    /// forecast (the base year cannot start before the record).
    public struct ForecastBaseline: Sendable, Equatable {
        /// One year of the path.
        public struct Year: Sendable, Equatable {
            /// The calendar year.
            public let year: Int
            /// The mean of the year's 12 monthly values.
            public let mean: Double
            /// The sd of that mean from the forecast months over the sample paths (0 for a fully
            /// observed year).
            public let sd: Double
            /// The months of the year that are forecast (0 to 12).
            public let forecastMonths: Int
        }

        /// The series forecast.
        public let source: DerivedBaseline.Source
        /// The key of the series.
        public let key: SeriesKey
        /// The model as the spec names it (`auto-ets`, `theta`, `arima(0,1,1)(0,1,1)[12]`).
        public let model: String
        /// The fitted model's name (`ETS(M,N,M)`, …).
        public let fittedModel: String
        /// The last observed month.
        public let lastObserved: SeriesDate
        /// Interior months that missed the capture rule and were interpolated.
        public let interpolatedMonths: Int
        /// The path from the base year to the horizon.
        public let path: [Year]
        /// The number of sample paths behind each year's sd (0 when nothing is forecast).
        public let samplePaths: Int

        /// Forecasts a baseline path.
        ///
        /// - Parameters:
        ///   - source: The series (file, station or city, normalised or not).
        ///   - model: A model specification as `urbancast forecast --model` reads it; a
        ///     combination (`combo(…)`) is refused, since a mean of forecasts has no sample paths.
        ///   - pollutant: The plan's pollutant.
        ///   - unit: The plan's unit; the series must be in it.
        ///   - year: The base year.
        ///   - horizon: The last year of the plan.
        ///   - seed: The seed of the sample paths (the plan's `seed`).
        ///   - paths: The number of sample paths behind the yearly sds, at least 100 (default 10,000).
        /// - Returns: The path.
        /// - Throws: As ``DerivedBaseline/derive(level:trend:pollutant:unit:year:options:)`` for
        ///   the data; ``AirQualityError/invalidSetting(_:)`` for an unknown model, a model that
        ///   cannot be fitted or has no sample paths (with the model's reason), non-finite sample
        ///   paths, fewer than 24 valid months, a base year before the record, a base year or
        ///   horizon outside 1…9999, a horizon before the base year, or fewer than 100 paths.
        /// - Complexity: that of the model's fit on the monthly means, plus O(paths × steps)
        ///   (times the state size for ARIMA) for the sample paths, `steps` the forecast months.
        public static func forecast(
            source: DerivedBaseline.Source, model: String, pollutant: Pollutant, unit: ConcentrationUnit, year: Int, horizon: Int,
            seed: UInt64 = 1, paths: Int = 10_000
        ) throws(AirQualityError) -> ForecastBaseline {
            let specification = try check(model: model, year: year, horizon: horizon, paths: paths)
            let series = try DerivedBaseline.Series.read(source, pollutant: pollutant, unit: unit)
            return try forecast(series, specification: specification, model: model, pollutant: pollutant, year: year,
                                horizon: horizon, seed: seed, paths: paths)
        }

        /// Forecasts a baseline path from a series held in memory.
        ///
        /// ```swift
        /// let city = MitigationPlan.DerivedBaseline.Series(try Localization(panel).cities[0])
        /// let path = try MitigationPlan.ForecastBaseline.forecast(
        ///     city, model: "auto-ets", pollutant: .pm25, unit: .microgramsPerCubicMetre, year: 2016, horizon: 2030)
        /// path.path.last?.mean   // the 2030 annual mean
        /// ```
        ///
        /// - Parameters:
        ///   - series: The monthly means of the station or city; ``source`` is its ``DerivedBaseline/Series/source``.
        ///   - model: A model specification as `ModelSpecification(parsing:)` reads it (`auto-ets`, `naive`, `arima(0,1,1)(0,1,1)[12]`); a
        ///     combination (`combo(…)`) is refused, since a mean of forecasts has no sample paths.
        ///   - pollutant: The plan's pollutant.
        ///   - unit: The plan's unit; the series must be in it.
        ///   - year: The base year.
        ///   - horizon: The last year of the plan.
        ///   - seed: The seed of the sample paths.
        ///   - paths: The number of sample paths behind the yearly sds, at least 100 (default 10,000).
        /// - Returns: The path.
        /// - Throws: ``AirQualityError/invalidSetting(_:)`` for a series in another unit, and as the
        ///   file-reading ``forecast(source:model:pollutant:unit:year:horizon:seed:paths:)`` for the
        ///   model, the months and the years.
        /// - Complexity: that of the model's fit on the monthly means, plus O(paths × steps).
        public static func forecast(
            _ series: DerivedBaseline.Series, model: String, pollutant: Pollutant, unit: ConcentrationUnit, year: Int,
            horizon: Int, seed: UInt64 = 1, paths: Int = 10_000
        ) throws(AirQualityError) -> ForecastBaseline {
            let specification = try check(model: model, year: year, horizon: horizon, paths: paths)
            try series.check(unit: unit, pollutant: pollutant)
            return try forecast(series, specification: specification, model: model, pollutant: pollutant, year: year,
                                horizon: horizon, seed: seed, paths: paths)
        }

        /// The model, years and paths checked before any data is read.
        private static func check(model: String, year: Int, horizon: Int, paths: Int) throws(AirQualityError)
            -> ModelSpecification
        {
            guard paths >= 100 else {
                throw .invalidSetting("the forecast baseline needs at least 100 sample paths for its sds, not \(paths)")
            }
            let specification: ModelSpecification
            do { specification = try ModelSpecification(parsing: model) } catch {
                throw .invalidSetting("model '\(model)': \(error.description)")
            }
            // Years outside the dates a series can hold would overflow the month arithmetic below.
            guard MitigationPlan.years.contains(year), MitigationPlan.years.contains(horizon) else {
                throw .invalidSetting(
                    "the base year \(year) and the horizon \(horizon) must be years between 1 and 9999")
            }
            guard horizon >= year else {
                throw .invalidSetting(
                    "the horizon \(horizon) is before the base year \(year); the path runs from one to the other")
            }
            return specification
        }

        /// The path of a checked model on a series in the plan's unit.
        private static func forecast(
            _ series: DerivedBaseline.Series, specification: ModelSpecification, model: String, pollutant: Pollutant, year: Int,
            horizon: Int, seed: UInt64, paths: Int
        ) throws(AirQualityError) -> ForecastBaseline {
            let name = series.key.isEmpty ? pollutant.name : "\(series.key) \(pollutant.name)"
            guard let first = series.monthly.firstIndex(where: \.isValid), let last = series.monthly.lastIndex(where: \.isValid),
                series.monthly[first...last].filter(\.isValid).count >= 24
            else {
                throw .invalidSetting("\(series.origin)\(name) has fewer than 24 valid monthly means; a monthly forecast needs two years")
            }
            let span = Array(series.monthly[first...last])
            var values = span.map(\.validMean)
            let interpolated = values.filter(\.isNaN).count
            for index in values.indices where values[index].isNaN {
                let before = values[..<index].lastIndex { !$0.isNaN } ?? index
                let after = values[(index + 1)...].firstIndex { !$0.isNaN } ?? index
                let weight = Double(index - before) / Double(after - before)
                values[index] = values[before] + weight * (values[after] - values[before])
            }
            let start = span[0].date, end = span[span.count - 1].date
            guard year > start.year || (year == start.year && start.month == 1) else {
                throw .invalidSetting("\(series.origin)\(name) starts in \(start); the base year \(year) must be covered from January")
            }
            let steps = (horizon - end.year) * 12 + (12 - end.month)
            var forecastMean: [Double] = [], fittedName = model
            var simulator: FuturePathSimulator?
            if steps > 0 {
                do {
                    let fitted = try specification.fit(values, seasonLength: 12)
                    forecastMean = try fitted.forecast(horizon: steps, levels: []).mean
                    simulator = try fitted.pathSimulator(horizon: steps)
                    fittedName = fitted.summary.name
                } catch {
                    throw .invalidSetting("model '\(model)' on \(name): \(error)")
                }
            }
            guard forecastMean.allSatisfy(\.isFinite) else {
                throw .invalidSetting("model '\(model)' on \(name) gave a non-finite forecast")
            }
            // Month m of year y is observed at offset from the start, else forecast at its step.
            let startIndex = start.year * 12 + start.month - 1, endIndex = end.year * 12 + end.month - 1
            let years = Array(max(year, start.year)...horizon)
            let sds = try Self.annualMeanSDs(
                simulator, years: years, firstStep: endIndex + 1, paths: paths, seed: seed, name: "model '\(model)' on \(name)")
            var path: [Year] = []
            for (k, y) in years.enumerated() {
                var sum = 0.0, forecastMonths = 0
                for month in 0..<12 {
                    let index = y * 12 + month
                    if index <= endIndex {
                        sum += values[index - startIndex]
                    } else {
                        sum += forecastMean[index - endIndex - 1]
                        forecastMonths += 1
                    }
                }
                path.append(Year(year: y, mean: sum / 12, sd: sds[k], forecastMonths: forecastMonths))
            }
            return ForecastBaseline(
                source: series.source, key: series.key, model: model, fittedModel: fittedName, lastObserved: end,
                interpolatedMonths: interpolated, path: path, samplePaths: simulator == nil ? 0 : paths)
        }

        /// The sd over `paths` sample paths of each year's mean of 12 months, where only the
        /// forecast months vary: `sd_k(Σ_{m forecast in y} y_{k,m}) / 12` (sample sd, `k − 1`),
        /// 0 for a year without forecast months or without a simulator.
        ///
        /// - Parameters:
        ///   - simulator: The fitted model's paths, step 1 at absolute month `firstStep`
        ///     (`year · 12 + month − 1`); `nil` when nothing is forecast.
        ///   - years: The calendar years, in order.
        ///   - paths: The number of paths; path k is drawn from `SeededGenerator(seed: seed).split(stream: k)`.
        ///   - name: The model and series, for the error message.
        /// - Throws: ``AirQualityError/invalidSetting(_:)`` when a path is not finite (for example
        ///   a multiplicative trend whose slope turns negative).
        /// - Complexity: O(paths × steps) time, O(steps + years) memory (one path buffer reused).
        static func annualMeanSDs(
            _ simulator: FuturePathSimulator?, years: [Int], firstStep: Int, paths: Int, seed: UInt64, name: String
        ) throws(AirQualityError) -> [Double] {
            guard let simulator else { return years.map { _ in 0 } }
            // Welford's running mean and sum of squared deviations of each year's sum over the paths.
            var means = [Double](repeating: 0, count: years.count)
            var squares = [Double](repeating: 0, count: years.count)
            var path: [Double] = []
            var workspace = FuturePathSimulator.Workspace()
            let root = SeededGenerator(seed: seed)
            for k in 0..<paths {
                var generator = root.split(stream: k)
                simulator.path(into: &path, workspace: &workspace, generator: &generator)
                for (j, y) in years.enumerated() {
                    var sum = 0.0
                    for month in 0..<12 {
                        let step = y * 12 + month - firstStep
                        if step >= 0, step < path.count { sum += path[step] }
                    }
                    guard sum.isFinite else {
                        throw .invalidSetting("\(name) gave a sample path that is not finite in \(y); choose another model")
                    }
                    let deviation = sum - means[j]
                    means[j] += deviation / Double(k + 1)
                    squares[j] += deviation * (sum - means[j])
                }
            }
            return squares.map { ($0 / Double(paths - 1)).squareRoot() / 12 }
        }
    }
}
