import Foundation
import Forecasting
import Testing
import UrbanCast

@Suite("Air quality: source signals")
struct AirSourcesTests {
    /// Sector edges (N spans 348.75°–11.25°), speed bins and the CPF by hand: eight hours, the
    /// 75th percentile of 1…8 is 6.25, so the hours ≥ 6.25 are 7 and 8.
    @Test func windSectorsByHand() throws {
        let concentration: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
        let direction: [Double] = [0, 11.24, 11.25, 350, 348.7, 180, 180, 720]
        let speed: [Double] = [1, 3, 5, 7, 1, 1, 2, 0.5]
        let (sectors, threshold) = try SourceSignals.windSectors(concentration: concentration, direction: direction, speed: speed)
        #expect(threshold == 6.25)
        let byName = Dictionary(uniqueKeysWithValues: sectors.map { ($0.name, $0) })
        #expect(byName["N"]?.count == 4 && byName["N"]?.mean == (1 + 2 + 4 + 8) / 4)   // 0, 11.24, 350, 720 ≡ 0
        #expect(byName["NNE"]?.count == 1 && byName["NNW"]?.count == 1 && byName["S"]?.count == 2)
        #expect(byName["N"]?.conditionalProbability == 0.25 && byName["S"]?.conditionalProbability == 0.5)
        #expect(byName["S"]?.meanBySpeed[0] == 6 && byName["S"]?.meanBySpeed[1] == 7)
        #expect(byName["N"]?.meanBySpeed.map { $0.isNaN ? -1 : $0 } == [4.5, 2, -1, 4])
        #expect(throws: AirQualityError.self) { try SourceSignals.windSectors(concentration: [.nan], direction: [0], speed: [1]) }
        // Arrays of unequal length and a percentile outside (0, 1) are errors, not a trap or a NaN threshold.
        #expect(throws: AirQualityError.invalidSetting(
            "wind sectors need one direction and one speed per reading; got 2 readings, 1 directions and 2 speeds")) {
            try SourceSignals.windSectors(concentration: [1, 2], direction: [0], speed: [1, 1])
        }
        for percentile in [0.0, 1.0, 1.5, .nan] {
            #expect(throws: AirQualityError.self) {
                try SourceSignals.windSectors(concentration: [1, 2], direction: [0, 90], speed: [1, 1], percentile: percentile)
            }
        }
    }

    /// The hours per speed bin of the hand example above: N has speeds 1, 3, 7 and 0.5 m/s (bins
    /// 0–2, 2–4, ≥ 6, 0–2), S has 1 and 2 (a speed on an edge goes to the upper bin), NNE 5 and
    /// NNW 1; each sector's bins sum to its hours, and the rose's frequencies (bin hours over all
    /// eight hours) to one.
    @Test func windSectorHoursBySpeedByHand() throws {
        let (sectors, _) = try SourceSignals.windSectors(
            concentration: [1, 2, 3, 4, 5, 6, 7, 8], direction: [0, 11.24, 11.25, 350, 348.7, 180, 180, 720],
            speed: [1, 3, 5, 7, 1, 1, 2, 0.5])
        let byName = Dictionary(uniqueKeysWithValues: sectors.map { ($0.name, $0) })
        #expect(byName["N"]?.countBySpeed == [2, 1, 0, 1])
        #expect(byName["S"]?.countBySpeed == [1, 1, 0, 0])
        #expect(byName["NNE"]?.countBySpeed == [0, 0, 1, 0])
        #expect(byName["NNW"]?.countBySpeed == [1, 0, 0, 0])
        #expect(byName["E"]?.countBySpeed == [0, 0, 0, 0])
        for sector in sectors { #expect(sector.countBySpeed.reduce(0, +) == sector.count) }
        #expect(sectors.flatMap(\.countBySpeed).reduce(0, +) == 8)
        // A reading without a concentration counts in no bin.
        let (missing, _) = try SourceSignals.windSectors(concentration: [1, .nan, 3], direction: [0, 0, 0], speed: [1, 1, 1])
        #expect(missing[0].countBySpeed == [2, 0, 0, 0])
    }

    /// Weekday 0 is Monday (2024-01-01 was a Monday); hours average across days.
    @Test func profilesByHand() throws {
        let start = SeriesDate(year: 2024, month: 1, day: 1, precision: .minute)
        var values: [Double] = []
        for h in 0..<(14 * 24) {
            let sunday = (h / 24) % 7 == 6
            values.append(Double(h % 24) + (sunday ? 10 : 0))  // Sundays +10
        }
        let profile = SourceSignals.profiles(TimeSeries(start: start, frequency: .hourly, values: values))
        #expect(profile.weekday.count == 7 && profile.hour.count == 24)
        #expect(profile.weekday[0] == 11.5 && profile.weekday[6] == 21.5)
        #expect(profile.hour[0] == 10.0 / 7 && profile.hour[23] == 23 + 10.0 / 7)
    }

    /// The increment uses only days valid at both stations.
    @Test func urbanIncrementOnCommonDays() throws {
        let csv = """
            station,pollutant,date,value
            Rural,PM10,2024-01-01,10
            Rural,PM10,2024-01-02,
            Rural,PM10,2024-01-03,20
            Town,PM10,2024-01-01,25
            Town,PM10,2024-01-02,90
            Town,PM10,2024-01-03,26
            """
        let records = try Localization(try airSeries(csv)).stations
        let increment = try SourceSignals.urbanIncrement(records, background: "Rural")
        #expect(increment.count == 1 && increment[0].station == "Town" && increment[0].days == 2)
        #expect(increment[0].increment == 10.5 && increment[0].backgroundMean == 15)
        #expect(throws: AirQualityError.noData("no background station 'Forest'; the stations are Rural, Town")) {
            try SourceSignals.urbanIncrement(records, background: "Forest")
        }
    }
}
