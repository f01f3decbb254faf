import Foundation
import Forecasting
import Statistics

/// Indications of where pollution comes from — not a source apportionment: concentration by
/// wind sector and speed with the conditional probability of high values, the urban increment
/// over a background station (Lenschow et al. 2001), and the weekday and hour-of-day profiles.
///
/// - **Wind**: 16 compass sectors of 22.5° centred on N, NNE, …; speed bins 0–2, 2–4, 4–6 and
///   ≥ 6 m/s. For each sector: the hours (also per speed bin), the mean concentration (also per
///   speed bin), and the conditional
///   probability function CPF = P(c ≥ c₇₅ | sector) with c₇₅ the 75th percentile (type 7) of all
///   paired hours (Ashbaugh et al. 1985; openair's `polarPlot(statistic = "cpf")`).
/// - **Urban increment**: for each other station, the mean over days valid at both stations of
///   (station − background); a positive increment indicates local sources.
/// - **Profiles**: the mean by weekday (0 = Monday) and by hour of day, each also as a ratio to
///   the overall mean; a weekday/weekend contrast and morning and evening peaks indicate traffic.
public enum SourceSignals {
    /// One wind sector.
    public struct Sector: Sendable, Equatable {
        /// The compass name (N, NNE, …).
        public let name: String
        /// The hours with a concentration and wind in the sector.
        public let count: Int
        /// The mean concentration.
        public let mean: Double
        /// P(c ≥ c₇₅ | sector).
        public let conditionalProbability: Double
        /// The mean concentration in each speed bin (0–2, 2–4, 4–6, ≥ 6 m/s), `NaN` when empty.
        public let meanBySpeed: [Double]
        /// The hours in each speed bin (0–2, 2–4, 4–6, ≥ 6 m/s); they sum to ``count``. Divided
        /// by the hours of all sectors, they are the frequencies of a wind rose.
        public let countBySpeed: [Int]
    }

    /// The speed bins' lower edges, m/s.
    public static let speedBins: [Double] = [0, 2, 4, 6]

    /// Concentration by wind sector and speed.
    ///
    /// - Parameters:
    ///   - concentration: The readings.
    ///   - direction: Wind direction in degrees (0 = from the north), same count.
    ///   - speed: Wind speed in m/s, same count.
    ///   - percentile: The CPF threshold percentile, in (0, 1); default 0.75.
    /// - Returns: 16 sectors from N clockwise, and the threshold c_p.
    /// - Throws: ``AirQualityError/invalidSetting(_:)`` for arrays of unequal length or a
    ///   percentile outside (0, 1); ``AirQualityError/noData(_:)`` with no complete hour.
    /// - Complexity: O(*n* log *n*).
    public static func windSectors(concentration: [Double], direction: [Double], speed: [Double], percentile: Double = 0.75)
        throws(AirQualityError) -> (sectors: [Sector], threshold: Double)
    {
        guard concentration.count == direction.count && direction.count == speed.count else {
            throw .invalidSetting(
                "wind sectors need one direction and one speed per reading; got \(concentration.count) readings, "
                    + "\(direction.count) directions and \(speed.count) speeds")
        }
        guard percentile > 0 && percentile < 1 else {
            throw .invalidSetting("the conditional-probability percentile must be in (0, 1), not \(percentile)")
        }
        let complete = concentration.indices.filter { !concentration[$0].isNaN && !direction[$0].isNaN && !speed[$0].isNaN }
        guard !complete.isEmpty else { throw .noData("no hour has a concentration, a wind direction and a wind speed") }
        let threshold: Double
        do { threshold = try Descriptive.quantile(complete.map { concentration[$0] }, probability: percentile) } catch {
            throw .invalidSetting("the conditional-probability threshold cannot be computed: \(error)")
        }
        var sums = [Double](repeating: 0, count: 16), counts = [Int](repeating: 0, count: 16), high = counts
        var speedSums = [[Double]](repeating: [0, 0, 0, 0], count: 16)
        var speedCounts = [[Int]](repeating: [0, 0, 0, 0], count: 16)
        for i in complete {
            let angle = (direction[i].truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360)
            let sector = Int(((angle + 11.25) / 22.5).rounded(.down)) % 16
            let bin = speedBins.lastIndex { speed[i] >= $0 } ?? 0
            sums[sector] += concentration[i]
            counts[sector] += 1
            if concentration[i] >= threshold { high[sector] += 1 }
            speedSums[sector][bin] += concentration[i]
            speedCounts[sector][bin] += 1
        }
        let names = ["N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"]
        func ratio(_ sum: Double, _ count: Int) -> Double { count > 0 ? sum / Double(count) : .nan }
        var sectors: [Sector] = []
        for s in 0..<16 {
            let bySpeed: [Double] = (0..<4).map { ratio(speedSums[s][$0], speedCounts[s][$0]) }
            sectors.append(Sector(
                name: names[s], count: counts[s], mean: ratio(sums[s], counts[s]),
                conditionalProbability: ratio(Double(high[s]), counts[s]), meanBySpeed: bySpeed, countBySpeed: speedCounts[s]))
        }
        return (sectors, threshold)
    }

    /// The urban increment of each station over a background station.
    ///
    /// - Parameters:
    ///   - records: Localised station records of one pollutant (``Localization/stations``).
    ///   - background: The background station's name.
    /// - Returns: Per other station: the mean of (station − background) over days valid at both,
    ///   the number of such days, and the background mean over them.
    /// - Throws: ``AirQualityError/noData(_:)`` when the background station is not among the records.
    /// - Complexity: O(stations × days).
    public static func urbanIncrement(_ records: [Localization.Record], background: String) throws(AirQualityError)
        -> [(station: String, increment: Double, days: Int, backgroundMean: Double)]
    {
        guard let base = records.first(where: { $0.stations == [background] }) else {
            throw .noData("no background station '\(background)'; the stations are \(records.flatMap(\.stations).joined(separator: ", "))")
        }
        var byDay: [Int: Double] = [:]
        for day in base.daily where day.isValid { byDay[CivilDay.number(of: day.date)] = day.mean }
        return records.filter { $0.stations != [background] }.map { record in
            var difference = 0.0, backgroundSum = 0.0, days = 0
            for day in record.daily where day.isValid {
                guard let reference = byDay[CivilDay.number(of: day.date)] else { continue }
                difference += day.mean - reference
                backgroundSum += reference
                days += 1
            }
            return (record.stations.joined(separator: "+"), days > 0 ? difference / Double(days) : .nan, days,
                    days > 0 ? backgroundSum / Double(days) : .nan)
        }
    }

    /// Mean concentration by weekday (0 = Monday) and, for sub-daily data, by hour of day.
    ///
    /// - Parameter series: A checked record (hourly or daily), `NaN` where missing.
    /// - Returns: Seven weekday means, and 24 hour means (empty for daily data), plus the overall mean.
    /// - Complexity: O(*n*).
    public static func profiles(_ series: TimeSeries) -> (weekday: [Double], hour: [Double], mean: Double) {
        var weekday = [Double](repeating: 0, count: 7), weekdayCount = [Int](repeating: 0, count: 7)
        let subDaily = (series.frequency.fixedSeconds ?? CivilDay.secondsPerDay) < CivilDay.secondsPerDay
        var hour = [Double](repeating: 0, count: subDaily ? 24 : 0), hourCount = [Int](repeating: 0, count: subDaily ? 24 : 0)
        var total = 0.0, count = 0
        for (index, value) in series.values.enumerated() where !value.isNaN {
            let date = series.date(at: index)
            let day = CivilDay.floorModulo(CivilDay.number(of: date) + 3, 7)
            weekday[day] += value
            weekdayCount[day] += 1
            if subDaily {
                hour[date.hour] += value
                hourCount[date.hour] += 1
            }
            total += value
            count += 1
        }
        let mean = { (sum: Double, n: Int) in n > 0 ? sum / Double(n) : .nan }
        return (zip(weekday, weekdayCount).map(mean), zip(hour, hourCount).map(mean), mean(total, count))
    }
}
