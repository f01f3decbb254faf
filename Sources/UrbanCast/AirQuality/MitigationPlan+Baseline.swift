import Foundation

extension MitigationPlan {
    /// A baseline path derived from monitoring data instead of typed into the plan: the base-year
    /// annual mean of one station or city, and the Theil–Sen trend of the same series or of
    /// another (typically a station's weather-normalised record).
    ///
    /// - C₀ = the annual mean of the base year (the mean of its valid daily means; of the
    ///   weather-normalised series when the level's source is normalised), which must meet the
    ///   annual data-capture rule.
    /// - trend = the Theil–Sen slope per year of the (STL-deseasonalised) monthly means, as
    ///   ``TrendAnalysis`` computes it, of the trend's source.
    /// - trend sd = (upper − lower) / (2 · 1.96) from its 95 % block-bootstrap interval, the sd of
    ///   a normal distribution with that interval.
    public struct DerivedBaseline: Sendable, Equatable {
        /// Which series of a file a source is.
        public enum Selection: Sendable, Equatable {
            /// The file's only station (an error when it has several).
            case only
            /// The station with this name (the `station` key column).
            case station(String)
            /// The city mean of all stations (``Localization/cities``); the file must hold one city.
            case city
        }

        /// A series that the level or the trend comes from.
        public struct Source: Sendable, Equatable {
            /// The data file: a station data file as `urbancast air` reads it (long or wide; when
            /// normalised, holding the meteorology that ``WeatherNormalization`` needs). Empty for
            /// a series given in memory (``Series``).
            public let file: String
            /// The station or city.
            public let selection: Selection
            /// Whether the weather-normalised series is used (per station only).
            public let normalized: Bool

            /// Creates a source.
            ///
            /// - Parameters:
            ///   - file: The data file.
            ///   - selection: The station or city.
            ///   - normalized: Whether to use the weather-normalised series.
            public init(file: String, selection: Selection = .only, normalized: Bool = false) {
                self.file = file
                self.selection = selection
                self.normalized = normalized
            }
        }

        /// The base year.
        public let year: Int
        /// The base-year annual mean C₀, in ``MitigationPlan/unit``.
        public let concentration: Double
        /// The valid days of the base year in the level's series.
        public let validDays: Int
        /// Where the level comes from, and the key of its series.
        public let level: Source, levelKey: SeriesKey
        /// Where the trend comes from, and the key of its series.
        public let trendSource: Source, trendKey: SeriesKey
        /// The trend of the monthly means.
        public let trend: TrendAnalysis.Result

        /// The sd of the trend, (upper − lower) / (2 · 1.96).
        public var trendSD: Double { (trend.upper - trend.lower) / (2 * 1.96) }

        /// Derives a baseline from station data files: ``Series/read(_:pollutant:unit:)`` for each
        /// source, then the derivation from the series in memory.
        ///
        /// - Parameters:
        ///   - level: The series of the base-year mean.
        ///   - trend: The series of the trend; `nil` for the level's.
        ///   - pollutant: The plan's pollutant.
        ///   - unit: The plan's unit; both series must be in it.
        ///   - year: The base year.
        ///   - options: The trend settings (deseasonalisation, bootstrap replicates, seed).
        /// - Returns: The derived baseline.
        /// - Throws: ``AirQualityError/data(_:)`` for problems in a file (at their cells),
        ///   ``AirQualityError/invalidSetting(_:)`` for a selection a file cannot give (an
        ///   unknown station, several stations or cities, a city when normalised), a unit other
        ///   than the plan's, or a base year missing or below the capture rule;
        ///   ``AirQualityError/noData(_:)`` for too few valid months for a trend.
        /// - Complexity: that of ``Localization`` and ``TrendAnalysis`` (when normalised, of
        ///   ``WeatherNormalization``).
        public static func derive(
            level: Source, trend: Source? = nil, pollutant: Pollutant, unit: ConcentrationUnit, year: Int,
            options: TrendAnalysis.Options = TrendAnalysis.Options()
        ) throws(AirQualityError) -> DerivedBaseline {
            let levelSeries = try Series.read(level, pollutant: pollutant, unit: unit)
            _ = try levelSeries.baseYear(year, pollutant: pollutant)
            let trendSeries = try trend.map { source throws(AirQualityError) in try Series.read(source, pollutant: pollutant, unit: unit) }
            return try derive(level: levelSeries, trend: trendSeries, pollutant: pollutant, unit: unit, year: year, options: options)
        }

        /// Derives a baseline from series held in memory.
        ///
        /// ```swift
        /// let city = try Localization(panel).cities[0]             // daily PM2.5 of one city
        /// let baseline = try MitigationPlan.DerivedBaseline.derive(
        ///     level: .init(city), pollutant: .pm25, unit: .microgramsPerCubicMetre, year: 2016,
        ///     options: .init(deseasonalization: .none))
        /// baseline.concentration; baseline.trend.slopePerYear      // C₀ and the Theil–Sen slope
        /// ```
        ///
        /// - Parameters:
        ///   - level: The series of the base-year mean.
        ///   - trend: The series of the trend; `nil` for the level's.
        ///   - pollutant: The plan's pollutant.
        ///   - unit: The plan's unit; both series must be in it.
        ///   - year: The base year.
        ///   - options: The trend settings (deseasonalisation, bootstrap replicates, seed).
        /// - Returns: The derived baseline; its ``level`` and ``trendSource`` are the series'
        ///   ``Series/source``.
        /// - Throws: ``AirQualityError/invalidSetting(_:)`` for a series in another unit than the
        ///   plan's, or a base year missing or below the capture rule; ``AirQualityError/noData(_:)``
        ///   for too few valid months for a trend.
        /// - Complexity: that of ``TrendAnalysis``.
        public static func derive(
            level: Series, trend: Series? = nil, pollutant: Pollutant, unit: ConcentrationUnit, year: Int,
            options: TrendAnalysis.Options = TrendAnalysis.Options()
        ) throws(AirQualityError) -> DerivedBaseline {
            try level.check(unit: unit, pollutant: pollutant)
            try trend?.check(unit: unit, pollutant: pollutant)
            let base = try level.baseYear(year, pollutant: pollutant)
            let trendSeries = trend ?? level
            let result = try TrendAnalysis.analyze(
                key: trendSeries.key, pollutant: pollutant, unit: unit, monthly: trendSeries.monthly, options: options)
            return DerivedBaseline(
                year: year, concentration: base.mean, validDays: base.count, level: level.source, levelKey: level.key,
                trendSource: trendSeries.source, trendKey: trendSeries.key, trend: result)
        }

        /// The monthly and annual means of one station or city that a baseline is derived or
        /// forecast from: a localised record (``Localization/Record``) or a weather-normalised
        /// series (``WeatherNormalization``), held in memory or read from a file
        /// (``read(_:pollutant:unit:)``).
        public struct Series: Sendable {
            /// The station's or city's key.
            public var key: SeriesKey
            /// The unit of the means.
            public var unit: ConcentrationUnit
            /// The annual means by the data-capture rules (a year from its valid days).
            public var annual: [PeriodStatistic]
            /// The monthly means by the data-capture rules.
            public var monthly: [PeriodStatistic]
            /// Where the series came from (an empty ``Source/file`` for one built in memory).
            public var source: Source

            /// Creates a series from its statistics.
            ///
            /// - Parameters:
            ///   - key: The station's or city's key.
            ///   - unit: The unit of the means.
            ///   - annual: The annual means.
            ///   - monthly: The monthly means.
            ///   - source: Where the series came from.
            public init(key: SeriesKey, unit: ConcentrationUnit, annual: [PeriodStatistic], monthly: [PeriodStatistic],
                        source: Source = Source(file: "")) {
                self.key = key
                self.unit = unit
                self.annual = annual
                self.monthly = monthly
                self.source = source
            }

            /// The series of a localised station or city (``Localization/stations``,
            /// ``Localization/cities``).
            ///
            /// - Parameter record: The station or city.
            public init(_ record: Localization.Record) {
                self.init(key: record.key, unit: record.unit, annual: record.annual, monthly: record.monthly)
            }

            /// The weather-normalised series of a station, its means by the standard capture rules.
            ///
            /// - Parameter normalization: The station's normalisation.
            public init(normalized normalization: WeatherNormalization) {
                let rules = DataCaptureRules.standard
                self.init(key: normalization.key, unit: normalization.unit, annual: normalization.normalizedAnnual(rules: rules),
                          monthly: normalization.normalizedMonthly(rules: rules), source: Source(file: "", normalized: true))
            }

            /// Reads a source's file and picks its station or city: the file adapter in front of the
            /// derivations from series in memory.
            ///
            /// - Parameters:
            ///   - source: The file, the station or city, and whether to normalise.
            ///   - pollutant: The pollutant to read.
            ///   - unit: The plan's unit; the series must be in it.
            /// - Returns: The series, its ``source`` the one given.
            /// - Throws: ``AirQualityError/data(_:)`` for problems in the file (at their cells),
            ///   ``AirQualityError/invalidSetting(_:)`` for a selection the file cannot give (an
            ///   unknown station, several stations or cities, a city when normalised) or a unit
            ///   other than `unit`.
            /// - Complexity: that of ``Localization`` (when normalised, of ``WeatherNormalization``).
            public static func read(_ source: Source, pollutant: Pollutant, unit: ConcentrationUnit) throws(AirQualityError) -> Series {
                let rules = DataCaptureRules.standard
                let path = source.file
                var series: Series
                if source.normalized {
                    if source.selection == .city {
                        throw .invalidSetting("a normalised series is per station (the weather model is fitted per station); name a station instead of the city")
                    }
                    let results = try WeatherNormalization.run(contentsOf: path, pollutant: pollutant)
                    series = Series(normalized: try pick(results, key: \.key, selection: source.selection, file: path))
                } else {
                    let read = try AirQualityInput.read(contentsOf: path, options: .init(pollutants: [pollutant]))
                    let localization = try Localization(read, options: .init(capture: rules))
                    let records = source.selection == .city ? localization.cities : localization.stations
                    if source.selection == .city, records.count != 1 {
                        throw .invalidSetting("\(path) holds \(records.count) cities (\(records.map(\.key.description).joined(separator: ", "))); a city baseline needs one")
                    }
                    series = Series(try pick(records, key: \.key, selection: source.selection == .city ? .only : source.selection, file: path))
                }
                series.source = source
                try series.check(unit: unit, pollutant: pollutant)
                return series
            }

            /// `FILE: ` for a series read from a file, empty for one built in memory.
            var origin: String { source.file.isEmpty ? "" : "\(source.file): " }

            /// The annual mean of the base year.
            ///
            /// - Throws: ``AirQualityError/invalidSetting(_:)`` when the series has no data in
            ///   `year` or fewer valid days than the annual capture rule.
            func baseYear(_ year: Int, pollutant: Pollutant) throws(AirQualityError) -> PeriodStatistic {
                let name = key.isEmpty ? pollutant.name : "\(key) \(pollutant.name)"
                guard let base = annual.first(where: { $0.date.year == year }) else {
                    let years = annual.map { String($0.date.year) }.joined(separator: ", ")
                    throw .invalidSetting("\(origin)\(name) has no data in the base year \(year); it covers \(years)")
                }
                guard base.isValid else {
                    throw .invalidSetting("\(origin)\(name) has \(base.count) valid days of \(base.possible) in \(year), below the \(Int(DataCaptureRules.standard.yearFraction * 100)) % capture rule; choose another base year")
                }
                return base
            }

            /// Refuses a series in another unit than the plan's.
            func check(unit plan: ConcentrationUnit, pollutant: Pollutant) throws(AirQualityError) {
                guard unit == plan else {
                    throw .invalidSetting("\(origin)\(pollutant.name) is in \(unit.symbol) but the plan is in \(plan.symbol)")
                }
            }
        }

        private static func pick<Record>(_ records: [Record], key: (Record) -> SeriesKey, selection: Selection, file: String)
            throws(AirQualityError) -> Record
        {
            switch selection {
            case .station(let name):
                guard let match = records.first(where: { key($0)["station"] == name }) else {
                    let names = records.compactMap { key($0)["station"] }
                    throw .invalidSetting("\(file) has no station '\(name)'; it has \(names.joined(separator: ", "))")
                }
                return match
            case .only, .city:
                guard records.count == 1, let only = records.first else {
                    throw .invalidSetting("\(file) holds \(records.count) series (\(records.map { key($0).description }.joined(separator: ", "))); name a station, or use the city mean")
                }
                return only
            }
        }
    }
}

extension MitigationPlan {
    /// A plan whose baseline is derived from monitoring data (``DerivedBaseline``): its base year,
    /// C₀, trend and trend sd are the baseline's, and ``derivedBaseline`` records it.
    ///
    /// - Parameters:
    ///   - pollutant: The pollutant.
    ///   - unit: The unit of every concentration.
    ///   - baseline: The derived baseline.
    ///   - horizon: The last year.
    ///   - sectors: The source sectors; shares sum to 1 ± 0.01.
    ///   - measures: The candidate measures.
    ///   - costUnit: The unit of the costs.
    ///   - health: The health-impact parameters.
    ///   - target: The portfolio target, if any.
    ///   - scenarios: Named scenarios (lists of measure names).
    ///   - draws: Monte Carlo draws, at least 10.
    ///   - seed: The seed of the draws.
    /// - Throws: As ``init(pollutant:unit:baseYear:baseConcentration:trendPerYear:trendSD:horizon:sectors:measures:costUnit:health:target:scenarios:draws:seed:)``.
    public init(pollutant: Pollutant, unit: ConcentrationUnit, baseline: DerivedBaseline, horizon: Int, sectors: [Sector],
                measures: [Measure], costUnit: String = "", health: HealthImpact, target: (concentration: Double, year: Int)? = nil,
                scenarios: [(name: String, measures: [String])] = [], draws: Int = 1000, seed: UInt64 = 1) throws(AirQualityError) {
        try self.init(
            pollutant: pollutant, unit: unit, baseYear: baseline.year, baseConcentration: baseline.concentration,
            trendPerYear: baseline.trend.slopePerYear, trendSD: baseline.trendSD, horizon: horizon, sectors: sectors,
            measures: measures, costUnit: costUnit, health: health, target: target, scenarios: scenarios, draws: draws, seed: seed)
        derivedBaseline = baseline
    }

    /// A plan whose baseline is a model's forecast year by year (``ForecastBaseline``): its base
    /// year is the path's first year, C₀ that year's mean, the trend the path's average slope
    /// (reported only; ``baseline(year:deviation:)`` follows the path), and ``forecastBaseline``
    /// records it.
    ///
    /// - Parameters:
    ///   - pollutant: The pollutant.
    ///   - unit: The unit of every concentration.
    ///   - baseline: The forecast path.
    ///   - horizon: The last year.
    ///   - sectors: The source sectors; shares sum to 1 ± 0.01.
    ///   - measures: The candidate measures.
    ///   - costUnit: The unit of the costs.
    ///   - health: The health-impact parameters.
    ///   - target: The portfolio target, if any.
    ///   - scenarios: Named scenarios (lists of measure names).
    ///   - draws: Monte Carlo draws, at least 10.
    ///   - seed: The seed of the draws.
    /// - Throws: ``AirQualityError/invalidSetting(_:)`` for an empty path, and as
    ///   ``init(pollutant:unit:baseYear:baseConcentration:trendPerYear:trendSD:horizon:sectors:measures:costUnit:health:target:scenarios:draws:seed:)``.
    public init(pollutant: Pollutant, unit: ConcentrationUnit, baseline: ForecastBaseline, horizon: Int, sectors: [Sector],
                measures: [Measure], costUnit: String = "", health: HealthImpact, target: (concentration: Double, year: Int)? = nil,
                scenarios: [(name: String, measures: [String])] = [], draws: Int = 1000, seed: UInt64 = 1) throws(AirQualityError) {
        guard let first = baseline.path.first else { throw .invalidSetting("the forecast baseline has no years") }
        try self.init(
            pollutant: pollutant, unit: unit, baseYear: first.year, baseConcentration: first.mean, trendPerYear: baseline.averageSlope,
            trendSD: 0, horizon: horizon, sectors: sectors, measures: measures, costUnit: costUnit, health: health, target: target,
            scenarios: scenarios, draws: draws, seed: seed)
        forecastBaseline = baseline
    }
}

extension MitigationPlan.ForecastBaseline {
    /// The path's average slope per year, (last mean − first mean) / (last year − first year),
    /// 0 for a path of one year.
    var averageSlope: Double {
        guard let first = path.first, let last = path.last, last.year > first.year else { return 0 }
        return (last.mean - first.mean) / Double(last.year - first.year)
    }
}
