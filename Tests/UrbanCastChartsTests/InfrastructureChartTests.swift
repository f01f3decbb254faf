import Foundation
import Testing
import UrbanCast
@testable import UrbanCastCharts

/// The infrastructure charts of the NYC worked example.
@Suite struct InfrastructureChartTests {
    static func data() async throws -> ScenarioReportData {
        let path = ChartGeometryTests.repositoryRoot.appendingPathComponent("Models/scenarios/nyc_water_infrastructure.yaml").path
        let spec = try ScenarioSpecification(contentsOf: path)
        return ScenarioReportData(try await ScenarioRun(spec, options: .init(draws: 300, seed: 7, threads: 2)))
    }

    /// One capacity chart per scenario and one exceedance chart per facility, after the other
    /// charts; their tables carry the run's numbers; results.json keeps the facilities.
    @Test func chartsFollowTheRun() async throws {
        let data = try await Self.data()
        let outcomes = try #require(data.infrastructure)
        let ids = data.charts().map(\.id)
        #expect(ids.suffix(3) == ["infrastructure-water-supply-bau", "infrastructure-water-supply-conservation",
                                  "infrastructure-exceedance-water-supply"])
        let capacity = data.infrastructureCapacityChart(outcomes[0])
        #expect(capacity.table.rows.count == outcomes[0].years.count)
        #expect(capacity.table.rows.first?[3] == ChartText.tableValue(1200))
        let exceedance = try #require(data.infrastructureExceedanceChart(facility: "water_supply"))
        #expect(exceedance.table.columns == ["year", "bau P(exceed)", "conservation P(exceed)"])
        #expect(exceedance.table.rows.last?[1] == ChartText.tableValue(try #require(outcomes[0].years.last).exceedance))
        let decoded = try ScenarioReportData(json: Data(try data.json().utf8))
        #expect(decoded.infrastructure == data.infrastructure)
    }

    /// A step holds each value to the next year's point and rises there; the last value is a point.
    @Test func stepsRiseAtTheServiceYear() {
        let (x, y) = ScenarioReportData.steps([2030, 2031, 2032], [1, 1, 2])
        let p = [2030, 2031, 2032].map(ScenarioReportData.position)
        #expect(x == [p[0], p[1], p[1], p[2], p[2], p[2]])
        #expect(y == [1, 1, 1, 1, 2, 2])
    }
}
