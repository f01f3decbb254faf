import Foundation
import Testing
import UrbanCast

@Suite("Real files")
struct RealDataTests {
    @Test("Beijing Dongsi, first 199 hours, in long format")
    func dongsiLongFormat() throws {
        let path = try fixtureURL("dongsi_hourly_long_head.csv").path
        let series = try LongFormat.read(contentsOf: path)
        #expect(series.map { $0.key["pollutant"] ?? "" } == ["PM2.5", "PM10", "SO2", "NO2", "CO", "O3"])
        for keyed in series {
            #expect(keyed.key["station"] == "Dongsi")
            #expect(keyed.unit == "µg/m³")
            #expect(keyed.series.frequency == .hourly && keyed.series.seasonLength == 24)
            #expect(keyed.series.count == 199)
            #expect(keyed.series.start.description == "2013-03-01T00:00")
            #expect(keyed.series.end.description == "2013-03-09T06:00")
        }
        // Missing cells counted in the source with the conversion script (README.md).
        #expect(series.map(\.series.missingCount) == [0, 0, 3, 3, 5, 1])
        // First PM2.5 readings of the source file: 9, 4, 7, 3 µg/m³.
        #expect(Array(series[0].series.values.prefix(4)) == [9, 4, 7, 3])
    }

    @Test("New York City water consumption as a wide table")
    func nycWideTable() throws {
        let path = try fixtureURL("nyc_water_consumption_1979_2022.csv").path
        let table = try WideTable.read(contentsOf: path, dateColumn: .named("year"))
        #expect(table.rowCount == 44)
        #expect(table.columnNames == ["year", "population", "consumption_mgd", "per_capita_gpcd"])
        #expect(table.dates?.first?.description == "1979" && table.dates?.last?.description == "2022")
        let columns = try table.columns(named: ["population", "consumption_mgd"])
        #expect(columns[0][0] == 7_102_100 && columns[1][0] == 1_512)
        let series = TimeSeries(start: try date("1979"), frequency: .yearly, values: columns[1])
        #expect(series.end.description == "2022")
    }

    @Test("A 35,064-row hourly file reads completely in both formats")
    func largeFile() throws {
        // Four years of hours, like the Dongsi file, written in both formats.
        let start = try date("2013-03-01T00:00")
        let hours = 35_064
        var long = "station,date,value\n"
        var wide = "datetime,PM2.5,PM10,SO2,NO2,CO,O3,TEMP,PRES,DEWP,RAIN,wd,WSPM,station\n"
        for hour in 0..<hours {
            let stamp = start.advanced(by: hour, frequency: .hourly).description
            long += "Dongsi,\(stamp),\(hour % 500).5\n"
            wide += "\(stamp),9.0,9.0,3.0,17.0,300.0,89.0,-0.5,1024.5,-21.4,0.0,NNW,5.7,Dongsi\n"
        }
        // Speed is measured in Benchmarks/, never asserted here (shared, noisy machines).
        let series = try LongFormat.read(Array(long.utf8), file: "long.csv")
        let table: WideTable? = try WideTable(Array(wide.utf8), file: "wide.csv")
        #expect(series.count == 1 && series[0].series.count == hours)
        #expect(series[0].series.end.description == "2017-02-28T23:00")
        #expect(table?.rowCount == hours)
        #expect(try table?.column(named: "PRES").count == hours)
    }
}
