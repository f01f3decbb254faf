import Forecasting

/// US EPA's hourly NowCast for particulate matter (PM2.5 and PM10): a weighted mean of the last
/// 12 hours that leans on the most recent hours when concentrations change fast, used in place
/// of the 24-hour mean to report the AQI each hour.
///
/// With c₁ the most recent hour and c₁₂ the hour 11 hours before it, c_min and c_max the lowest
/// and highest valid values of the 12,
///
/// w* = c_min / c_max (= 1 − (c_max − c_min)/c_max, the "scaled rate of change" subtracted
/// from 1),  w = max(w*, 0.5),  NowCast = Σ w^(i−1) c_i / Σ w^(i−1),
///
/// both sums over the valid hours (a missing hour keeps its place in the powers). The NowCast
/// exists when at least 2 of the 3 most recent hours are valid. EPA then truncates it to
/// 0.1 µg/m³ (PM2.5) or 1 µg/m³ (PM10) and takes the 24-hour table's sub-index, which
/// ``AirQualityIndex/subIndex(_:pollutant:averaging:unit:)`` does by the table's decimals.
///
/// Sources: US EPA, *PM NowCast* fact sheet (NEPIS document P100X0J6: the eight steps); AirNow-Tech,
/// *The NowCast for PM2.5 and PM10* (2 of the last 3 hours; raw hourly values, truncation of the
/// result); EPA-454/B-24-002, *Technical Assistance Document for the Reporting of Daily Air
/// Quality* (2024), which reports the NowCast hourly.
///
/// ```swift
/// // A single hour of 71 µg/m³ after eleven hours of 0: w* = 0 → 0.5,
/// // NowCast = 71 / (1 + 0.5 + … + 0.5¹¹) = 71 / 1.99951 = 35.51 µg/m³ (AQI 101).
/// NowCast.value(mostRecentFirst: [71] + Array(repeating: 0, count: 11))   // 35.5087…
/// ```
public enum NowCast {
    /// The hours in the NowCast's window.
    public static let windowHours = 12
    /// The least weight factor for particulate matter.
    public static let minimumWeight = 0.5

    /// The NowCast of one window.
    ///
    /// - Parameter mostRecentFirst: Up to 12 hourly concentrations, the most recent first,
    ///   `NaN` where missing; more than 12 are ignored beyond the twelfth.
    /// - Returns: The NowCast in the unit of the values, or `nil` with fewer than 2 valid values
    ///   among the 3 most recent.
    /// - Complexity: O(12).
    public static func value(mostRecentFirst: [Double]) -> Double? {
        let window = Array(mostRecentFirst.prefix(windowHours))
        guard window.prefix(3).filter({ !$0.isNaN }).count >= 2 else { return nil }
        let valid = window.filter { !$0.isNaN }
        guard let low = valid.min(), let high = valid.max() else { return nil }
        let weight = high > 0 ? max(low / high, minimumWeight) : 1
        var numerator = 0.0
        var denominator = 0.0
        var power = 1.0
        for value in window {
            if !value.isNaN {
                numerator += power * value
                denominator += power
            }
            power *= weight
        }
        return numerator / denominator
    }

    /// The NowCast at every hour of an hourly series, from the 12 hours ending at that hour
    /// (hours before the series start count as missing).
    ///
    /// - Parameter series: Hourly concentrations, `NaN` where missing.
    /// - Returns: One value per hour, `NaN` where the NowCast does not exist.
    /// - Throws: ``AirQualityError/unsupportedFrequency(series:frequency:supported:)`` when
    ///   `series` is not hourly.
    /// - Complexity: O(12 *n*).
    public static func hourly(_ series: TimeSeries) throws(AirQualityError) -> [Double] {
        guard series.frequency == .hourly else {
            throw .unsupportedFrequency(series: "the NowCast's series", frequency: "\(series.frequency)", supported: "hourly")
        }
        let values = series.values
        return values.indices.map { hour in
            let window = (0..<windowHours).map { back in hour - back >= 0 ? values[hour - back] : .nan }
            return value(mostRecentFirst: window) ?? .nan
        }
    }
}
