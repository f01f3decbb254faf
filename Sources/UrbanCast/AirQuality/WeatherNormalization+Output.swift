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

    /// The JSON object of `urbancast air normalize --format json`: `{"key", "pollutant", "unit",
    /// "rowsFitted", "lambda", "effectiveDegreesOfFreedom", "fittedRSquared", "heldOut":
    /// {"rSquared", "rmse", "folds": [{"start", "end", "n", "rSquared", "rmse"}]},
    /// "partialEffects": [{"variable", "x", "effect"}], "series": [{"date", "observed",
    /// "normalized"}]}`.
    ///
    /// - Parameter period: The period of `series`.
    /// - Complexity: O(*n*).
    public func json(period: Localization.Period) -> JSONValue {
        .object([
            ("key", Localization.keyJSON(key)), ("pollutant", .string(pollutant.name)), ("unit", .string(unit.symbol)),
            ("rowsFitted", .integer(rowsFitted)), ("lambda", .optionalNumber(lambda)),
            ("effectiveDegreesOfFreedom", .optionalNumber(effectiveDegreesOfFreedom)),
            ("fittedRSquared", .optionalNumber(fittedRSquared)),
            ("heldOut", .object([
                ("rSquared", .optionalNumber(heldOutRSquared)), ("rmse", .optionalNumber(heldOutRMSE)),
                ("folds", .array(heldOut.map { skill in
                    .object([("start", .string(skill.start.description)), ("end", .string(skill.end.description)),
                             ("n", .integer(skill.count)), ("rSquared", .optionalNumber(skill.rSquared)),
                             ("rmse", .optionalNumber(skill.rmse))])
                })),
            ])),
            ("partialEffects", .array(partialEffects.map { effect in
                .object([("variable", .string(effect.variable)), ("x", .array(effect.x.map(JSONValue.number))),
                         ("effect", .array(effect.effect.map(JSONValue.number)))])
            })),
            ("series", .array(series(by: period).map { entry in
                .object([("date", .string(entry.date.description)), ("observed", .optionalNumber(entry.observed)),
                         ("normalized", .optionalNumber(entry.normalized))])
            })),
        ])
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
