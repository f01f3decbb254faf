extension AirQualityInput {
    /// The station series of an in-memory panel, as ``read(_:file:options:)`` gives them from the
    /// long layout.
    ///
    /// Each series' key must have a `pollutant` column (any letter case) naming a ``Pollutant``;
    /// the other key columns (`city`, `station`, …) stay in the key. The unit is
    /// ``KeyedSeries/unit`` parsed as a ``ConcentrationUnit`` (`µg/m³`, `ppb`, `mg/m³`, …), or
    /// ``Options/defaultUnit`` where it is `nil`. The series may be hourly, sub-hourly or daily.
    ///
    /// ```swift
    /// let start = SeriesDate(year: 2024, month: 1, day: 1, precision: .day)
    /// let no2 = KeyedSeries(key: ["station": "Dongsi", "pollutant": "NO2"], unit: "ppb",
    ///                       series: TimeSeries(start: start, frequency: .daily, values: [40, 38, 41]))
    /// let series = try AirQualityInput.series(SeriesPanel([no2]))
    /// series[0].pollutant   // .no2
    /// series[0].key         // station=Dongsi
    /// ```
    ///
    /// - Parameters:
    ///   - panel: Station series keyed by pollutant and place.
    ///   - options: The unit of series without one and the pollutants to keep
    ///     (``Options/limits`` applies to files only).
    /// - Returns: One series per panel series, in panel order.
    /// - Throws: ``AirQualityError/series(_:_:)`` naming the first series whose key has no
    ///   `pollutant` column (``AirQualityError/missingColumn(_:available:)``) or names an unknown
    ///   pollutant or unit; ``AirQualityError/noData(_:)`` when a requested pollutant is absent.
    /// - Complexity: O(*n*) in the number of series.
    public static func series(_ panel: SeriesPanel, options: Options = Options()) throws(AirQualityError)
        -> [PollutantSeries]
    {
        var result: [PollutantSeries] = []
        result.reserveCapacity(panel.count)
        for entry in panel {
            do {
                result.append(try PollutantSeries(entry, defaultUnit: options.defaultUnit))
            } catch {
                throw .series(entry.key, error)
            }
        }
        return try selecting(options.pollutants, from: result, source: "", container: "the panel")
    }
}

extension PollutantSeries {
    /// The station series of a keyed series whose key has a `pollutant` column: the pollutant
    /// taken out of the key, the unit parsed.
    ///
    /// - Throws: ``AirQualityError/missingColumn(_:available:)`` (the key's columns as available),
    ///   ``AirQualityError/unknownPollutant(_:)`` or ``AirQualityError/unknownUnit(_:)``.
    init(_ entry: KeyedSeries, defaultUnit: ConcentrationUnit) throws(AirQualityError) {
        guard let position = entry.key.columns.firstIndex(where: { $0.lowercased() == "pollutant" }) else {
            throw .missingColumn("pollutant", available: entry.key.columns)
        }
        let name = entry.key.values[position]
        guard let pollutant = Pollutant(name: name) else { throw .unknownPollutant(name) }
        var unit = defaultUnit
        if let text = entry.unit {
            guard let parsed = ConcentrationUnit(parsing: text) else { throw .unknownUnit(text) }
            unit = parsed
        }
        let kept = entry.key.columns.indices.filter { $0 != position }
        self.init(
            key: SeriesKey(columns: kept.map { entry.key.columns[$0] }, values: kept.map { entry.key.values[$0] }),
            pollutant: pollutant, unit: unit, series: entry.series, firstLine: entry.firstLine)
    }
}

extension Localization {
    /// Localises the station series of an in-memory panel (``AirQualityInput/series(_:options:)``
    /// with the default unit µg/m³ for series without one).
    ///
    /// ```swift
    /// let localization = try Localization(panel)   // keys like ["city": "Beijing", "station": "Dongsi", "pollutant": "PM2.5"]
    /// localization.cities[0].annual                // the city's annual means
    /// ```
    ///
    /// - Parameters:
    ///   - panel: Station series keyed by pollutant and place.
    ///   - options: Capture rules, checks, units and weights.
    /// - Throws: As ``AirQualityInput/series(_:options:)`` and ``init(_:options:)``.
    /// - Complexity: As ``init(_:options:)``.
    public init(_ panel: SeriesPanel, options: Options = Options()) throws(AirQualityError) {
        try self.init(try AirQualityInput.series(panel), options: options)
    }
}
