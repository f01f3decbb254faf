import Foundation
import Testing
import UrbanCast
import TestSupport

/// The README's library example (c): a city's annual PM2.5 mean and the WHO 2021 level it meets,
/// from a year of in-memory hourly data of two stations, with the built-in standards and no file.
/// The checks after the example recompute both from the raw hours by hand, under the rules the
/// report states: a station day is valid with 18 of its 24 hours, a city day when both stations
/// are valid (75 % of 2), the annual mean is the mean of the valid city days, and a WHO level is
/// met when the annual mean and the 99th percentile of the daily means are at or below it and
/// every less stringent level (PM2.5: annual 35, 25, 15, 10, 5 µg/m³; 24-hour 75, 50, 37.5, 25,
/// 15 µg/m³, WHO 2021 Table 0.1).
@Suite struct LibraryExampleAirTests {
    @Test func exampleRuns() throws {
        // README-EXAMPLE-C-BEGIN
        // Two Beijing stations, a year of hourly PM2.5 (µg/m³); each misses 8 hours every tenth day.
        let start = SeriesDate(year: 2023, month: 1, day: 1, precision: .minute)
        let stations = try SeriesPanel(["Dongsi", "Tiantan"].enumerated().map { number, station in
            let values = (0..<8760).map { hour in
                hour % 24 < 8 && hour / 24 % 10 == number ? .nan : Double(18 + 5 * number + hour * 7919 % 17)
            }
            return KeyedSeries(key: ["city": "Beijing", "station": station, "pollutant": "PM2.5"], unit: "µg/m³",
                               series: TimeSeries(start: start, frequency: .hourly, values: values))
        })
        let localization = try Localization(stations)
        let report = try StandardsReport(records: localization.cities, standards: .builtIn, rules: localization.options.capture)
        for result in report.results {
            print(result.key, result.year, result.annualMean, result.highestLevelMet?.rawValue ?? "below IT-1")
        }
        // README-EXAMPLE-C-END
        let city = try #require(report.results.first)
        #expect(report.results.count == 1 && city.key == ["city": "Beijing"] && city.year == 2023)

        // Station days by hand: valid with at least 18 of 24 hours.
        let stationDays: [[Double?]] = stations.map { station in
            (0..<365).map { day in
                let hours = station.series.values[(day * 24)..<(day * 24 + 24)].filter { !$0.isNaN }
                return hours.count >= 18 ? hours.reduce(0, +) / Double(hours.count) : nil
            }
        }
        let cityDays: [Double] = (0..<365).compactMap { day in
            guard let first = stationDays[0][day], let second = stationDays[1][day] else { return nil }
            return (first + second) / 2
        }
        #expect(cityDays.count == 365 - 74)  // days 0, 1, 10, 11, … lose one station
        #expect(city.validDays == cityDays.count && city.meetsCaptureRule)
        let annualMean = cityDays.reduce(0, +) / Double(cityDays.count)
        expectClose(city.annualMean, annualMean, .relative(1e-12))

        // The 99th percentile of the daily means (type 7) and the ladder of WHO levels by hand.
        let sorted = cityDays.sorted()
        let position = 0.99 * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let p99 = sorted[below] + (position - Double(below)) * (sorted[min(below + 1, sorted.count - 1)] - sorted[below])
        expectClose(city.dailyP99, p99, .relative(1e-12))
        let ladder: [(WHOGuidelines.Level, annual: Double, daily: Double)] = [
            (.interimTarget1, 35, 75), (.interimTarget2, 25, 50), (.interimTarget3, 15, 37.5),
            (.interimTarget4, 10, 25), (.guideline, 5, 15),
        ]
        let met = ladder.prefix { annualMean <= $0.annual && p99 <= $0.daily }.last?.0
        #expect(city.highestLevelMet == met)
        #expect(met == .interimTarget1, "annual mean \(annualMean) is between 25 and 35 µg/m³")
    }
}
