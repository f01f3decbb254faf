import Forecasting

extension WeatherNormalization {
    /// The observed and normalised means by `period` (hours as they are; days, months and years
    /// by the data-capture rules of ``Localization``), aligned by date.
    ///
    /// - Parameters:
    ///   - period: The period.
    ///   - rules: The data-capture rules.
    /// - Returns: One entry per period: the date, the observed mean and the normalised mean
    ///   (`NaN` where the period is not valid).
    /// - Complexity: O(*n*).
    public func series(by period: Localization.Period, rules: DataCaptureRules = .standard)
        -> [(date: SeriesDate, observed: Double, normalized: Double)]
    {
        if period == .hour {
            return (0..<observed.count).map { (observed.date(at: $0), observed.values[$0], normalized.values[$0]) }
        }
        guard let first = localized(observed, rules: rules), let second = localized(normalized, rules: rules) else { return [] }
        let a = Localization.periods(of: first, period)
        let b = Localization.periods(of: second, period)
        return zip(a, b).map { ($0.date, $0.validMean, $1.validMean) }
    }

    /// The monthly means of the normalised series, with the data-capture rules applied, for
    /// ``TrendAnalysis`` (`urbancast air trend --normalized`).
    ///
    /// - Parameter rules: The data-capture rules.
    /// - Complexity: O(*n*).
    public func normalizedMonthly(rules: DataCaptureRules = .standard) -> [PeriodStatistic] {
        localized(normalized, rules: rules)?.monthly ?? []
    }

    /// The annual means of the normalised series, by the same capture rules as
    /// ``normalizedMonthly(rules:)`` (a year from its valid days).
    ///
    /// - Parameter rules: The data-capture rules.
    /// - Returns: One entry per calendar year of the record.
    /// - Complexity: O(*n*).
    public func normalizedAnnual(rules: DataCaptureRules = .standard) -> [PeriodStatistic] {
        localized(normalized, rules: rules)?.annual ?? []
    }

    /// A series localised as a station, without quality flags changing its values.
    private func localized(_ series: TimeSeries, rules: DataCaptureRules) -> Localization.Record? {
        let checks = (try? QualityChecks(excludesNegativeValues: false)) ?? .standard
        let entry = PollutantSeries(key: key, pollutant: pollutant, unit: unit, series: series)
        return try? Localization([entry], options: .init(capture: rules, checks: checks)).stations.first
    }

    /// A summary table: the fit, the held-out skill per block, and the series by `period`.
    ///
    /// - Complexity: O(*n*).
    public func table(period: Localization.Period) -> String {
        var lines = [
            "\(key.isEmpty ? "" : "\(key) ")\(pollutant.name): penalised regression splines on \(logScale ? "log(c + 1)" : "c"), \(rowsFitted) rows, λ = \(lambda), edf = \(String(format: "%.1f", effectiveDegreesOfFreedom))",
            "in-sample R² \(String(format: "%.3f", fittedRSquared)); held-out (contiguous blocks) R² \(String(format: "%.3f", heldOutRSquared)), RMSE \(String(format: "%.2f", heldOutRMSE)) \(unit.symbol)",
        ]
        var rows = [["block", "start", "end", "n", "R²", "RMSE"]]
        for (index, skill) in heldOut.enumerated() {
            rows.append([String(index + 1), skill.start.description, skill.end.description, String(skill.count),
                         String(format: "%.3f", skill.rSquared), String(format: "%.2f", skill.rmse)])
        }
        lines += TextTable.render(rows)
        lines.append("")
        var series = [["date", "observed", "normalized"]]
        for entry in self.series(by: period) {
            series.append([entry.date.description, entry.observed.isFinite ? String(format: "%.2f", entry.observed) : "-",
                           entry.normalized.isFinite ? String(format: "%.2f", entry.normalized) : "-"])
        }
        lines += TextTable.render(series)
        return lines.joined(separator: "\n")
    }
}

extension WeatherNormalization {
    /// The document of `urbancast air normalize --format json`; its coding keys are the contract:
    /// `{"results": [{"key", "pollutant", "unit", "rowsFitted", "lambda",
    /// "effectiveDegreesOfFreedom", "fittedRSquared", "heldOut": {"rSquared", "rmse", "folds":
    /// [{"start", "end", "n", "rSquared", "rmse"}]}, "partialEffects": [{"variable", "x",
    /// "effect"}], "series": [{"date", "observed", "normalized"}]}]}`. Non-finite numbers are
    /// written as `null`.
    public struct Document: Codable, Sendable {
        /// One series' normalisation.
        public struct Result: Codable, Sendable {
            /// The series key, as an object of column → value.
            public var key: SeriesKey
            /// The pollutant's name.
            public var pollutant: String
            /// The unit's symbol.
            public var unit: String
            /// The rows the model was fitted to.
            public var rowsFitted: Int
            /// The smoothing penalty λ chosen.
            public var lambda: Double
            /// The effective degrees of freedom of the fit.
            public var effectiveDegreesOfFreedom: Double
            /// The in-sample R².
            public var fittedRSquared: Double
            /// The skill on contiguous held-out blocks.
            public var heldOut: HeldOut
            /// The partial effect of each meteorological variable.
            public var partialEffects: [PartialEffect]
            /// The observed and normalised series by the document's period.
            public var series: [Entry]
        }

        /// The held-out skill, overall and per block.
        public struct HeldOut: Codable, Sendable {
            /// The held-out R² over all blocks.
            public var rSquared: Double
            /// The held-out root mean squared error, in the series' unit.
            public var rmse: Double
            /// The skill of each block, in time order.
            public var folds: [Fold]
        }

        /// The skill of one held-out block.
        public struct Fold: Codable, Sendable {
            /// The block's first date.
            public var start: SeriesDate
            /// The block's last date.
            public var end: SeriesDate
            /// The rows in the block.
            public var n: Int
            /// The block's R².
            public var rSquared: Double
            /// The block's root mean squared error.
            public var rmse: Double
        }

        /// A variable's partial effect on a grid.
        public struct PartialEffect: Codable, Sendable {
            /// The variable's name.
            public var variable: String
            /// The grid of the variable's values.
            public var x: [Double]
            /// The effect at each grid value.
            public var effect: [Double]
        }

        /// One period's observed and normalised value.
        public struct Entry: Codable, Sendable {
            /// The period.
            public var date: SeriesDate
            /// The observed mean.
            public var observed: Double
            /// The weather-normalised mean.
            public var normalized: Double
        }

        /// The normalisations, in the order fitted.
        public var results: [Result]

        /// The document of `results` with their series by `period`.
        ///
        /// - Parameters:
        ///   - results: The normalisations.
        ///   - period: The period of each result's `series`.
        /// - Complexity: O(total rows).
        public init(_ results: [WeatherNormalization], period: Localization.Period) {
            self.results = results.map { result in
                Result(
                    key: result.key, pollutant: result.pollutant.name, unit: result.unit.symbol,
                    rowsFitted: result.rowsFitted, lambda: result.lambda,
                    effectiveDegreesOfFreedom: result.effectiveDegreesOfFreedom,
                    fittedRSquared: result.fittedRSquared,
                    heldOut: HeldOut(
                        rSquared: result.heldOutRSquared, rmse: result.heldOutRMSE,
                        folds: result.heldOut.map {
                            Fold(start: $0.start, end: $0.end, n: $0.count, rSquared: $0.rSquared, rmse: $0.rmse)
                        }),
                    partialEffects: result.partialEffects.map {
                        PartialEffect(variable: $0.variable, x: $0.x, effect: $0.effect)
                    },
                    series: result.series(by: period).map {
                        Entry(date: $0.date, observed: $0.observed, normalized: $0.normalized)
                    })
            }
        }
    }
}
