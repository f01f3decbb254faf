import Foundation
import Testing
import UrbanCast

/// Station data given as an in-memory `SeriesPanel` gives the same statistics as the same data
/// read from its CSV file, and a panel that is not station data is refused with the series named.
@Suite("Air quality: in-memory panels")
struct AirPanelInputTests {
    /// The 12-site Beijing file read as a long-format panel and as station data: every city and
    /// station result of the standards report is the same, to the bit.
    @Test func panelGivesTheSameReportAsTheFile() throws {
        let path = repositoryPath("Datasets/beijing_12sites_daily_long.csv")
        let panel = try SeriesPanel(try LongFormat.read(contentsOf: path))
        let fromPanel = try Localization(panel)
        let fromFile = try Localization(try AirQualityInput.read(contentsOf: path))
        for (panelRecords, fileRecords) in [(fromPanel.cities, fromFile.cities), (fromPanel.stations, fromFile.stations)] {
            let viaPanel = try StandardsReport(records: panelRecords, rules: .standard).results
            let viaFile = try StandardsReport(
                records: fileRecords, standards: AirQualityStandards(directory: repositoryPath("Models/air-quality")),
                rules: .standard).results
            #expect(viaPanel.count == viaFile.count && !viaPanel.isEmpty)
            for (a, b) in zip(viaPanel, viaFile) {
                #expect(a.key == b.key && a.pollutant == b.pollutant && a.unit == b.unit && a.year == b.year)
                #expect(a.validDays == b.validDays && a.meetsCaptureRule == b.meetsCaptureRule)
                #expect(a.annualMean.bitPattern == b.annualMean.bitPattern && a.dailyP99.bitPattern == b.dailyP99.bitPattern)
                #expect(a.highestLevelMet == b.highestLevelMet && a.indexDays == b.indexDays, "\(a.key) \(a.year)")
            }
        }
    }

    /// The source signals of a panel (every pollutant in it) equal those of the file read for one
    /// pollutant: profiles, means and the urban increment over Dingling.
    @Test func sourceSignalsFromAPanel() throws {
        let path = repositoryPath("Datasets/beijing_12sites_daily_long.csv")
        let fromPanel = try SourceReport(
            Localization(SeriesPanel(try LongFormat.read(contentsOf: path))), pollutant: .pm25, background: "Dingling")
        let fromFile = try SourceReport(contentsOf: path, pollutant: .pm25, background: "Dingling")
        #expect(fromPanel.stations.count == 12 && fromPanel.stations.count == fromFile.stations.count)
        for (a, b) in zip(fromPanel.stations, fromFile.stations) {
            #expect(a.key == b.key && a.mean.bitPattern == b.mean.bitPattern && a.weekday == b.weekday && a.hour == b.hour)
        }
        let increments = try #require(fromPanel.increment?.stations), fileIncrements = try #require(fromFile.increment?.stations)
        #expect(increments.map(\.station) == fileIncrements.map(\.station))
        #expect(increments.map(\.increment) == fileIncrements.map(\.increment) && increments.map(\.days) == fileIncrements.map(\.days))
    }

    static let start = SeriesDate(year: 2024, month: 1, day: 1, precision: .day)

    static func series(_ key: SeriesKey, unit: String? = nil) -> KeyedSeries {
        KeyedSeries(key: key, unit: unit, series: TimeSeries(start: start, frequency: .daily, values: [40, 38, 41]))
    }

    /// The pollutant leaves the key, the unit is parsed, and a series without a unit takes the
    /// default.
    @Test func keysAndUnitsAreRead() throws {
        let panel = try SeriesPanel([
            Self.series(["station": "Dongsi", "Pollutant": "no2"], unit: "ppb"), Self.series(["station": "Dongsi", "pollutant": "PM2.5"]),
        ])
        let series = try AirQualityInput.series(panel, options: .init(defaultUnit: .milligramsPerCubicMetre))
        #expect(series.map(\.pollutant) == [.no2, .pm25])
        #expect(series.map(\.unit) == [.ppb, .milligramsPerCubicMetre])
        #expect(series.map(\.key) == [["station": "Dongsi"], ["station": "Dongsi"]])
        #expect(try AirQualityInput.series(panel, options: .init(pollutants: [.pm25])).map(\.pollutant) == [.pm25])
    }

    @Test func mistakesNameTheSeries() throws {
        let cases: [(KeyedSeries, AirQualityError, String)] = [
            (Self.series(["station": "A"]), .series(["station": "A"], .missingColumn("pollutant", available: ["station"])),
             "series station=A: the key has no 'pollutant' column; it has station; key each series by pollutant"),
            (Self.series(["station": "A", "pollutant": "PM1"]), .series(["station": "A", "pollutant": "PM1"], .unknownPollutant("PM1")),
             "series station=A pollutant=PM1: unknown pollutant 'PM1'"),
            (Self.series(["pollutant": "NO2"], unit: "furlongs"), .series(["pollutant": "NO2"], .unknownUnit("furlongs")),
             "series pollutant=NO2: unknown concentration unit 'furlongs'"),
        ]
        for (entry, expected, message) in cases {
            #expect {
                _ = try AirQualityInput.series(SeriesPanel([entry]))
            } throws: { error in
                (error as? AirQualityError) == expected && "\(error)".hasPrefix(message)
            }
        }
        #expect {
            _ = try AirQualityInput.series(SeriesPanel([Self.series(["pollutant": "NO2"])]), options: .init(pollutants: [.o3]))
        } throws: { error in
            "\(error)" == "no O3 in the panel; it has NO2"
        }
    }
}
