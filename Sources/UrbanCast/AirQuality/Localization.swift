import Forecasting

/// Station monitoring data turned into station and city statistics by hour, day, month and year,
/// with data capture reported for every period and quality flags for every station.
///
/// The steps, per pollutant:
/// 1. **Units**: the stations of a city are converted to the unit of its first station
///    (ppb ↔ µg/m³ at ``Options/conditions``), or to ``Options/units`` where given.
/// 2. **Quality checks** (``QualityChecks``) on each station's record: negatives excluded by
///    default, constant runs and spikes flagged and kept.
/// 3. **Daily means** of each station from its readings, valid with ``DataCaptureRules/dayFraction``
///    of the day's readings (daily input: a day with a value is valid). **Monthly** and **annual**
///    means are the means of the valid daily means, valid with
///    ``DataCaptureRules/monthFraction`` and ``DataCaptureRules/yearFraction`` of the calendar days.
/// 4. **City**: stations sharing the key columns other than `station` form a city. A city hour or
///    day is the mean (or the ``Options/weights``-weighted mean, weights renormalised over the
///    stations present) of its valid stations, valid with
///    ``DataCaptureRules/stationFraction`` of them; city months and years follow from city days
///    as for a station.
///
/// ```swift
/// let series = try AirQualityInput.read(contentsOf: "Datasets/beijing_12sites_daily_long.csv")
/// let localized = try Localization(series)
/// localized.cities.first?.annual.map(\.validMean)   // Beijing PM2.5 by year
/// ```
public struct Localization: Sendable {
    /// Settings of a localisation.
    public struct Options: Sendable, Equatable {
        /// The data-capture rules.
        public var capture: DataCaptureRules
        /// The quality checks.
        public var checks: QualityChecks
        /// The temperature and pressure of unit conversions. Default 25 °C, 1013.25 hPa.
        public var conditions: ReferenceConditions
        /// The unit to report each pollutant in; a pollutant not listed keeps its first station's unit.
        public var units: [Pollutant: ConcentrationUnit]
        /// Station weights (for example population served) by station name; `nil` for the plain mean.
        public var weights: [String: Double]?

        /// Creates localisation settings.
        ///
        /// - Parameters:
        ///   - capture: The data-capture rules.
        ///   - checks: The quality checks.
        ///   - conditions: The conditions of unit conversion.
        ///   - units: The unit per pollutant.
        ///   - weights: Station weights, or `nil` for the mean.
        public init(capture: DataCaptureRules = .standard, checks: QualityChecks = .standard,
                    conditions: ReferenceConditions = .usEPA, units: [Pollutant: ConcentrationUnit] = [:],
                    weights: [String: Double]? = nil) {
            self.capture = capture
            self.checks = checks
            self.conditions = conditions
            self.units = units
            self.weights = weights
        }
    }

    /// The statistics of one station or one city for one pollutant.
    public struct Record: Sendable {
        /// The station's key, or the city's key (the key without its `station` column).
        public let key: SeriesKey
        /// The pollutant.
        public let pollutant: Pollutant
        /// The unit of every value.
        public let unit: ConcentrationUnit
        /// The stations behind the record: one for a station, every station of a city.
        public let stations: [String]
        /// The checked sub-daily record (hourly or finer), excluded readings as `NaN`; `nil`
        /// for daily input, or for a city whose stations differ in frequency.
        public let subDaily: TimeSeries?
        /// One entry per calendar day from the first to the last day of the record.
        public let daily: [PeriodStatistic]
        /// One entry per calendar month of the record.
        public let monthly: [PeriodStatistic]
        /// One entry per calendar year of the record.
        public let annual: [PeriodStatistic]
        /// The quality flags of a station (empty for a city).
        public let flags: [QualityFlag]
    }

    /// The settings used.
    public let options: Options
    /// One record per station series, in input order.
    public let stations: [Record]
    /// One record per city and pollutant, in order of first appearance.
    public let cities: [Record]

    /// Localises station series.
    ///
    /// - Parameters:
    ///   - series: Station series (hourly, sub-hourly dividing the day, or daily).
    ///   - options: Capture rules, checks, units and weights.
    /// - Throws: ``AirQualityError/unsupportedFrequency(series:frequency:supported:)`` for
    ///   weekly or coarser data, ``AirQualityError/unconvertibleUnit(pollutant:from:to:)``,
    ///   ``AirQualityError/invalidWeights(_:)`` for a station without a weight, a negative or
    ///   non-finite weight, or a city whose weights are all zero, and
    ///   ``AirQualityError/noData(_:)`` for no series.
    /// - Complexity: O(*n* · *w* log *w*) for *n* readings in all (the spike check's window *w*).
    public init(_ series: [PollutantSeries], options: Options = Options()) throws(AirQualityError) {
        guard !series.isEmpty else { throw .noData("no station series to localise") }
        self.options = options
        var groups: [(area: SeriesKey, pollutant: Pollutant, members: [Int])] = []
        var groupIndex: [AreaPollutant: Int] = [:]
        for (index, entry) in series.enumerated() {
            let id = AreaPollutant(area: entry.areaKey, pollutant: entry.pollutant)
            if let existing = groupIndex[id] {
                groups[existing].members.append(index)
            } else {
                groupIndex[id] = groups.count
                groups.append((entry.areaKey, entry.pollutant, [index]))
            }
        }
        var stationRecords = [Record?](repeating: nil, count: series.count)
        var cityRecords: [Record] = []
        for group in groups {
            let unit = options.units[group.pollutant] ?? series[group.members[0]].unit
            var members: [Record] = []
            for index in group.members {
                let record = try Self.station(series[index].converted(to: unit, at: options.conditions), options: options)
                stationRecords[index] = record
                members.append(record)
            }
            cityRecords.append(try Self.city(area: group.area, pollutant: group.pollutant, unit: unit, members: members, options: options))
        }
        stations = stationRecords.compactMap { $0 }
        cities = cityRecords
    }

    private struct AreaPollutant: Hashable {
        let area: SeriesKey
        let pollutant: Pollutant
    }

    /// The readings per day of a supported frequency.
    private static func readingsPerDay(_ entry: PollutantSeries) throws(AirQualityError) -> Int {
        let frequency = entry.series.frequency
        switch frequency {
        case .daily: return 1
        case .hourly: return 24
        case .subHourly(let minutes) where 1440 % minutes == 0: return 1440 / minutes
        default:
            throw .unsupportedFrequency(
                series: entry.name, frequency: frequency.description,
                supported: "hourly, daily, or sub-hourly data whose step divides the day")
        }
    }

    private static func station(_ entry: PollutantSeries, options: Options) throws(AirQualityError) -> Record {
        let perDay = try readingsPerDay(entry)
        let (flags, values) = options.checks.apply(to: entry.series)
        let series = entry.series
        let firstDay = CivilDay.number(of: series.start)
        let lastDay = CivilDay.number(of: series.end)
        var sums = [Double](repeating: 0, count: lastDay - firstDay + 1)
        var counts = [Int](repeating: 0, count: sums.count)
        let step = perDay == 1 ? CivilDay.secondsPerDay : CivilDay.secondsPerDay / perDay
        let start = series.start.secondsSinceEpoch
        for (index, value) in values.enumerated() where !value.isNaN {
            let day = CivilDay.floorDivide(start + index * step, CivilDay.secondsPerDay) - firstDay
            sums[day] += value
            counts[day] += 1
        }
        let daily = sums.indices.map { day in
            PeriodStatistic(
                date: CivilDay.date(firstDay + day), mean: counts[day] > 0 ? sums[day] / Double(counts[day]) : .nan,
                count: counts[day], possible: perDay,
                isValid: DataCaptureRules.meets(counts[day], of: perDay, fraction: options.capture.dayFraction))
        }
        let subDaily = perDay > 1 ? TimeSeries(start: series.start, frequency: series.frequency, values: values) : nil
        return Record(
            key: entry.key, pollutant: entry.pollutant, unit: entry.unit, stations: [entry.station], subDaily: subDaily,
            daily: daily, monthly: aggregate(daily, by: .monthly, options.capture.monthFraction),
            annual: options.capture.annual(daily), flags: flags)
    }

    /// Means of the valid daily means per calendar month or year, with the capture rule applied
    /// to the period's calendar days.
    static func aggregate(_ daily: [PeriodStatistic], by frequency: Frequency, _ fraction: Double) -> [PeriodStatistic] {
        let precision: SeriesDate.Precision = frequency == .monthly ? .month : .year
        var result: [PeriodStatistic] = []
        var index = 0
        while index < daily.count {
            let first = daily[index].date
            let period = SeriesDate(year: first.year, month: first.month, precision: precision)
            let next = period.advanced(by: 1, frequency: frequency).secondsSinceEpoch
            var sum = 0.0
            var count = 0
            while index < daily.count, daily[index].date.secondsSinceEpoch < next {
                if daily[index].isValid {
                    sum += daily[index].mean
                    count += 1
                }
                index += 1
            }
            let possible = CivilDay.length(of: period, frequency: frequency)
            result.append(PeriodStatistic(
                date: period, mean: count > 0 ? sum / Double(count) : .nan, count: count, possible: possible,
                isValid: DataCaptureRules.meets(count, of: possible, fraction: fraction)))
        }
        return result
    }

    private static func city(area: SeriesKey, pollutant: Pollutant, unit: ConcentrationUnit, members: [Record],
                             options: Options) throws(AirQualityError) -> Record {
        let names = members.flatMap(\.stations)
        let weights = try stationWeights(names, area: area, pollutant: pollutant, options.weights)
        let fraction = options.capture.stationFraction
        // City days: the weighted mean of the stations' valid daily means.
        let firstDay = members.map { CivilDay.number(of: $0.daily[0].date) }.min() ?? 0
        let lastDay = members.map { CivilDay.number(of: $0.daily[$0.daily.count - 1].date) }.max() ?? 0
        var daily: [PeriodStatistic] = []
        daily.reserveCapacity(lastDay - firstDay + 1)
        var dayValues = [Double](repeating: .nan, count: members.count)
        for day in firstDay...lastDay {
            for (m, member) in members.enumerated() {
                let offset = day - CivilDay.number(of: member.daily[0].date)
                dayValues[m] = member.daily.indices.contains(offset) ? member.daily[offset].validMean : .nan
            }
            let (mean, count) = weightedMean(dayValues, weights)
            daily.append(PeriodStatistic(
                date: CivilDay.date(day), mean: mean, count: count, possible: members.count,
                isValid: DataCaptureRules.meets(count, of: members.count, fraction: fraction)))
        }
        return Record(
            key: area, pollutant: pollutant, unit: unit, stations: names,
            subDaily: citySubDaily(members, weights: weights, fraction: fraction), daily: daily,
            monthly: aggregate(daily, by: .monthly, options.capture.monthFraction),
            annual: options.capture.annual(daily), flags: [])
    }

    /// City readings on the union grid of the stations' sub-daily records, when they share a frequency.
    private static func citySubDaily(_ members: [Record], weights: [Double], fraction: Double) -> TimeSeries? {
        let records = members.compactMap(\.subDaily)
        guard records.count == members.count, let first = records.first,
            records.allSatisfy({ $0.frequency == first.frequency }), let step = first.frequency.fixedSeconds
        else { return nil }
        let start = records.map(\.start.secondsSinceEpoch).min() ?? 0
        let end = records.map(\.end.secondsSinceEpoch).max() ?? 0
        guard let origin = records.first(where: { $0.start.secondsSinceEpoch == start })?.start,
            records.allSatisfy({ ($0.start.secondsSinceEpoch - start) % step == 0 })
        else { return nil }
        let offsets = records.map { ($0.start.secondsSinceEpoch - start) / step }
        var values = [Double](repeating: .nan, count: (end - start) / step + 1)
        var readings = [Double](repeating: .nan, count: records.count)
        for index in values.indices {
            for (m, record) in records.enumerated() {
                let position = index - offsets[m]
                readings[m] = record.values.indices.contains(position) ? record.values[position] : .nan
            }
            let (mean, count) = weightedMean(readings, weights)
            if DataCaptureRules.meets(count, of: records.count, fraction: fraction) { values[index] = mean }
        }
        return TimeSeries(start: origin, frequency: first.frequency, values: values)
    }

    /// The weighted mean of the non-missing values, weights renormalised over them, and their count.
    private static func weightedMean(_ values: [Double], _ weights: [Double]) -> (mean: Double, count: Int) {
        var sum = 0.0
        var total = 0.0
        var count = 0
        for (value, weight) in zip(values, weights) where !value.isNaN {
            sum += weight * value
            total += weight
            count += 1
        }
        return (total > 0 ? sum / total : .nan, count)
    }

    private static func stationWeights(_ names: [String], area: SeriesKey, pollutant: Pollutant,
                                       _ weights: [String: Double]?) throws(AirQualityError) -> [Double] {
        guard let weights else { return [Double](repeating: 1, count: names.count) }
        let missing = names.filter { weights[$0] == nil }
        guard missing.isEmpty else {
            throw .invalidWeights("no weight for station\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); give every station a weight (the weights name: \(weights.keys.sorted().joined(separator: ", ")))")
        }
        let chosen = names.map { weights[$0] ?? 0 }
        if let bad = zip(names, chosen).first(where: { !($0.1.isFinite && $0.1 >= 0) }) {
            throw .invalidWeights("the weight of station \(bad.0) is \(bad.1); weights must be finite and ≥ 0")
        }
        guard chosen.contains(where: { $0 > 0 }) else {
            let label = area.isEmpty ? "" : " of \(area)"
            throw .invalidWeights("every station weight\(label) for \(pollutant.name) is zero; give at least one a positive weight")
        }
        return chosen
    }
}
