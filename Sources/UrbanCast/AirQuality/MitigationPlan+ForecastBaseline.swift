import Forecasting
import Foundation

extension MitigationPlan {
    /// A baseline forecast year by year from a station's or city's monthly means by one of the
    /// Forecasting module's models (`baseline: {from: forecast, ...}`).
    ///
    /// 1. The monthly means of the series (a month counts with 75 % of its days), from the first
    ///    to the last valid month; interior months that miss the capture rule are filled by
    ///    linear interpolation (the models need a complete series) and counted in
    ///    ``interpolatedMonths``.
    /// 2. The model is fitted to them with a season length of 12 and forecast to December of
    ///    the plan's horizon, with 95 % intervals; a month's sd is (upper − lower) / (2 · 1.96).
    /// 3. Each year's mean is the mean of its 12 months, observed where the record has them and
    ///    forecast after it; its sd is the sum of its forecast months' sds over 12, the sd of
    ///    the annual mean when the monthly errors are perfectly correlated (an upper bound for
    ///    positively correlated errors). Observed months add no uncertainty.
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
            /// The sd of that mean from the forecast months (0 for a fully observed year).
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

        /// Forecasts a baseline path.
        ///
        /// - Parameters:
        ///   - source: The series (file, station or city, normalised or not).
        ///   - model: A model specification as `urbancast forecast --model` reads it.
        ///   - pollutant: The plan's pollutant.
        ///   - unit: The plan's unit; the series must be in it.
        ///   - year: The base year.
        ///   - horizon: The last year of the plan.
        /// - Returns: The path.
        /// - Throws: As ``DerivedBaseline/derive(level:trend:pollutant:unit:year:options:)`` for
        ///   the data; ``AirQualityError/invalidSetting(_:)`` for an unknown model, a model that
        ///   cannot be fitted (with the model's reason), fewer than 24 valid months, a base
        ///   year before the record, a base year or horizon outside 1…9999, or a horizon before
        ///   the base year.
        /// - Complexity: that of the model's fit on the monthly means.
        public static func forecast(
            source: DerivedBaseline.Source, model: String, pollutant: Pollutant, unit: ConcentrationUnit, year: Int, horizon: Int
        ) throws(AirQualityError) -> ForecastBaseline {
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
            let series = try DerivedBaseline.series(source, pollutant: pollutant, unit: unit)
            let name = series.key.isEmpty ? pollutant.name : "\(series.key) \(pollutant.name)"
            guard let first = series.monthly.firstIndex(where: \.isValid), let last = series.monthly.lastIndex(where: \.isValid),
                series.monthly[first...last].filter(\.isValid).count >= 24
            else {
                throw .invalidSetting("\(source.file): \(name) has fewer than 24 valid monthly means; a monthly forecast needs two years")
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
                throw .invalidSetting("\(source.file): \(name) starts in \(start); the base year \(year) must be covered from January")
            }
            let steps = (horizon - end.year) * 12 + (12 - end.month)
            var forecastMean: [Double] = [], forecastSD: [Double] = [], fittedName = model
            if steps > 0 {
                do {
                    let fitted = try specification.fit(values, seasonLength: 12)
                    let forecast = try fitted.forecast(horizon: steps, levels: [95])
                    guard let interval = forecast.interval(level: 95) else {
                        throw AirQualityError.invalidSetting("model '\(model)' gave no 95 % interval")
                    }
                    forecastMean = forecast.mean
                    forecastSD = zip(interval.lower, interval.upper).map { ($1 - $0) / (2 * 1.96) }
                    fittedName = fitted.summary.name
                } catch let error as AirQualityError {
                    throw error
                } catch {
                    throw .invalidSetting("model '\(model)' on \(name): \(error)")
                }
            }
            guard forecastMean.allSatisfy(\.isFinite), forecastSD.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw .invalidSetting("model '\(model)' on \(name) gave a non-finite forecast")
            }
            // Month m of year y is observed at offset from the start, else forecast at its step.
            let startIndex = start.year * 12 + start.month - 1, endIndex = end.year * 12 + end.month - 1
            var path: [Year] = []
            for y in max(year, start.year)...horizon {
                var sum = 0.0, sd = 0.0, forecastMonths = 0
                for month in 0..<12 {
                    let index = y * 12 + month
                    if index <= endIndex {
                        sum += values[index - startIndex]
                    } else {
                        sum += forecastMean[index - endIndex - 1]
                        sd += forecastSD[index - endIndex - 1]
                        forecastMonths += 1
                    }
                }
                path.append(Year(year: y, mean: sum / 12, sd: sd / 12, forecastMonths: forecastMonths))
            }
            return ForecastBaseline(
                source: source, key: series.key, model: model, fittedModel: fittedName, lastObserved: end,
                interpolatedMonths: interpolated, path: path)
        }
    }
}
