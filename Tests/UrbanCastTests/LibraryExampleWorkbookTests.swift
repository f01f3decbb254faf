import Foundation
import Testing
import UrbanCast

/// Library example: read the data sheet of a planner's workbook (Tests/Fixtures/Messy/two_sheets.xlsx,
/// made by make_xlsx.py) and forecast each of its series. The checks after it: the sheet gives
/// the series, units and forecasts of the same table exported as CSV.
@Suite struct LibraryExampleWorkbookTests {
    static let messy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Messy")

    @Test func workbookForecast() throws {
        let path = Self.messy.appendingPathComponent("two_sheets.xlsx").path
        // XLSX-EXAMPLE-BEGIN
        // A workbook with notes on its first sheet and the yearly data on the sheet "Data".
        var format = InputFormat()
        format.sheet = "Data"
        let series = try LongFormat.read(contentsOf: path, options: .init(format: format))
        for keyed in series {
            let forecast = try ModelSpecification.autoETS.fit(keyed.series).forecast(horizon: 5, levels: [80, 95])
            print(keyed.key, keyed.unit ?? "")
            print(forecast)
        }
        // XLSX-EXAMPLE-END

        #expect(series.map(\.key.description) == ["series=electricity", "series=population"])
        #expect(series.map(\.unit) == ["GWh", nil])
        #expect(series[0].series.dates.first?.description == "2000" && series[0].series.dates.last?.description == "2019")
        var csvFormat = InputFormat()
        csvFormat.thousandsSeparator = ","
        let csv = try LongFormat.read(
            contentsOf: Self.messy.appendingPathComponent("hanoi_electricity.csv").path, options: .init(format: csvFormat))
        for (sheet, text) in zip(series, csv) {
            #expect(sheet.series.values == text.series.values)
            let fromSheet = try ModelSpecification.autoETS.fit(sheet.series).forecast(horizon: 5, levels: [80, 95])
            let fromText = try ModelSpecification.autoETS.fit(text.series).forecast(horizon: 5, levels: [80, 95])
            #expect(fromSheet.forecast == fromText.forecast)
            #expect(fromSheet.dates.map(\.description) == ["2020", "2021", "2022", "2023", "2024"])
        }
    }
}
