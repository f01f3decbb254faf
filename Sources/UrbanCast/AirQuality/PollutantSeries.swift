import Forecasting

/// The record of one pollutant at one place (a station, or a city after localisation): its key,
/// pollutant, unit and regular time series.
///
/// The key holds the file's key columns other than `pollutant` (for example `city=Beijing
/// station=Dongsi`).
public struct PollutantSeries: Sendable {
    /// The key columns other than `pollutant`, in file order.
    public var key: SeriesKey
    /// The pollutant.
    public var pollutant: Pollutant
    /// The unit of ``series``.
    public var unit: ConcentrationUnit
    /// The concentrations on a regular grid; missing values are `NaN`.
    public var series: TimeSeries
    /// The file line of the series' first row (1 when not read from a file).
    public var firstLine: Int

    /// Creates a pollutant series.
    ///
    /// - Parameters:
    ///   - key: The key columns other than `pollutant`.
    ///   - pollutant: The pollutant.
    ///   - unit: The unit of the values.
    ///   - series: The concentrations.
    ///   - firstLine: The file line of the first row.
    public init(key: SeriesKey, pollutant: Pollutant, unit: ConcentrationUnit, series: TimeSeries, firstLine: Int = 1) {
        self.key = key
        self.pollutant = pollutant
        self.unit = unit
        self.series = series
        self.firstLine = firstLine
    }

    /// The station name: the value of the key column `station` (any letter case), else the whole
    /// key as text, else `"all"` for a file with no key columns.
    public var station: String {
        if let index = key.columns.firstIndex(where: { $0.lowercased() == "station" }) { return key.values[index] }
        return key.isEmpty ? "all" : key.description
    }

    /// The key without its `station` column: the city (or other area) the station belongs to.
    public var areaKey: SeriesKey {
        let kept = key.columns.indices.filter { key.columns[$0].lowercased() != "station" }
        return SeriesKey(columns: kept.map { key.columns[$0] }, values: kept.map { key.values[$0] })
    }

    /// How messages name the series: `station=Dongsi pollutant=PM2.5`.
    public var name: String {
        key.isEmpty ? "pollutant=\(pollutant.name)" : "\(key) pollutant=\(pollutant.name)"
    }

    /// The same series in `unit`, converted at `conditions` (see ``ConcentrationUnit/factor(to:pollutant:at:)``).
    ///
    /// - Parameters:
    ///   - unit: The target unit.
    ///   - conditions: The temperature and pressure of the conversion.
    /// - Returns: The converted series; `self` when the unit is already `unit`.
    /// - Throws: ``AirQualityError/unconvertibleUnit(pollutant:from:to:)`` for particulate matter
    ///   between mass and mixing ratio.
    /// - Complexity: O(*n*).
    public func converted(to unit: ConcentrationUnit, at conditions: ReferenceConditions) throws(AirQualityError)
        -> PollutantSeries
    {
        guard unit != self.unit else { return self }
        let factor = try self.unit.factor(to: unit, pollutant: pollutant, at: conditions)
        var copy = self
        copy.unit = unit
        copy.series.values = series.values.map { $0 * factor }
        return copy
    }
}
