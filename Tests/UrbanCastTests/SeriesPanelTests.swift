import Forecasting
import Testing
import UrbanCast

@Suite struct SeriesPanelTests {
    private func series(_ key: SeriesKey, _ values: [Double]) -> KeyedSeries {
        KeyedSeries(key: key, unit: "Mgal/d",
                    series: TimeSeries(start: SeriesDate(year: 2000, precision: .year), frequency: .yearly, values: values))
    }

    @Test func looksUpByKeyAndKeepsOrder() throws {
        let panel = try SeriesPanel([series(["city": "NYC", "indicator": "water"], [1, 2]),
                                     series(["city": "NYC", "indicator": "waste"], [3])])
        #expect(panel.count == 2)
        #expect(panel.keys.map(\.description) == ["city=NYC indicator=water", "city=NYC indicator=waste"])
        #expect(panel[["city": "NYC", "indicator": "waste"]]?.series.values == [3])
        #expect(panel[["indicator": "waste", "city": "NYC"]] == nil, "key columns keep their order")
        #expect(panel.filter(column: "indicator", equals: "water").map(\.series.values) == [[1, 2]])
    }

    @Test func refusesADuplicateKey() {
        #expect(throws: PanelError.duplicateKey(["city": "NYC"])) {
            try SeriesPanel([series(["city": "NYC"], [1]), series(["city": "Lagos"], [2]), series(["city": "NYC"], [3])])
        }
        #expect(PanelError.duplicateKey(["city": "NYC"]).description.contains("city=NYC"))
    }
}
