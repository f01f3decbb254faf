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
            /// normalised, holding the meteorology that ``WeatherNormalization`` needs).
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

        /// Derives a baseline from station data files.
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
            let levelSeries = try load(level, pollutant: pollutant, unit: unit)
            let name = levelSeries.key.isEmpty ? pollutant.name : "\(levelSeries.key) \(pollutant.name)"
            guard let base = levelSeries.annual.first(where: { $0.date.year == year }) else {
                let years = levelSeries.annual.map { String($0.date.year) }.joined(separator: ", ")
                throw .invalidSetting("\(level.file): \(name) has no data in the base year \(year); it covers \(years)")
            }
            guard base.isValid else {
                throw .invalidSetting("\(level.file): \(name) has \(base.count) valid days of \(base.possible) in \(year), below the \(Int(DataCaptureRules.standard.yearFraction * 100)) % capture rule; choose another base year")
            }
            let trendSeries = try trend.map { source throws(AirQualityError) in try load(source, pollutant: pollutant, unit: unit) } ?? levelSeries
            let result = try TrendAnalysis.analyze(
                key: trendSeries.key, pollutant: pollutant, unit: unit, monthly: trendSeries.monthly, options: options)
            return DerivedBaseline(
                year: year, concentration: base.mean, validDays: base.count, level: level, levelKey: levelSeries.key,
                trendSource: trend ?? level, trendKey: trendSeries.key, trend: result)
        }

        /// The key, annual and monthly statistics of a source's series.
        static func series(_ source: Source, pollutant: Pollutant, unit: ConcentrationUnit) throws(AirQualityError)
            -> (key: SeriesKey, annual: [PeriodStatistic], monthly: [PeriodStatistic])
        {
            try load(source, pollutant: pollutant, unit: unit)
        }

        /// The annual and monthly statistics of a source's series.
        private static func load(_ source: Source, pollutant: Pollutant, unit: ConcentrationUnit) throws(AirQualityError)
            -> (key: SeriesKey, annual: [PeriodStatistic], monthly: [PeriodStatistic])
        {
            let rules = DataCaptureRules.standard
            let path = source.file
            let key: SeriesKey, seriesUnit: ConcentrationUnit, annual: [PeriodStatistic], monthly: [PeriodStatistic]
            if source.normalized {
                if source.selection == .city {
                    throw .invalidSetting("a normalised series is per station (the weather model is fitted per station); name a station instead of the city")
                }
                let results = try WeatherNormalization.run(contentsOf: path, pollutant: pollutant)
                let chosen = try pick(results, key: \.key, selection: source.selection, file: path)
                (key, seriesUnit) = (chosen.key, chosen.unit)
                annual = chosen.normalizedAnnual(rules: rules)
                monthly = chosen.normalizedMonthly(rules: rules)
            } else {
                let series = try AirQualityInput.read(contentsOf: path, options: .init(pollutants: [pollutant]))
                let localization = try Localization(series, options: .init(capture: rules))
                let records = source.selection == .city ? localization.cities : localization.stations
                if source.selection == .city, records.count != 1 {
                    throw .invalidSetting("\(path) holds \(records.count) cities (\(records.map(\.key.description).joined(separator: ", "))); a city baseline needs one")
                }
                let chosen = try pick(records, key: \.key, selection: source.selection == .city ? .only : source.selection, file: path)
                (key, seriesUnit, annual, monthly) = (chosen.key, chosen.unit, chosen.annual, chosen.monthly)
            }
            guard seriesUnit == unit else {
                throw .invalidSetting("\(path): \(pollutant.name) is in \(seriesUnit.symbol) but the plan is in \(unit.symbol)")
            }
            return (key, annual, monthly)
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
