import Foundation
import Testing
import UrbanCast
import TestSupport

/// A resource scenario's energy indicators driving emissions, PM2.5 and deaths
/// (``ScenarioSpecification/AirLink``, ``AirLinkRun``), against
/// `Fixtures/air-link/make_air_link_fixture.py`, which recomputes the central path from the
/// formulas, the bundled emission-factor file and the concentration–response file.
@Suite struct ScenarioAirLinkTests {
    /// The fixture folder in the source tree, so that the specification's relative path to
    /// `Models/emissions/emission-factors.csv` resolves.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/air-link")
    static let specPath = folder.appendingPathComponent("air_link.yaml").path

    struct Expected: Decodable {
        struct Year: Decodable {
            let year: Int
            let emissions: [Double]
            let concentration: Double, avoidedDeaths: Double, attributableDeaths: Double
            let avoidedYLL: Double?, attributableYLL: Double?, benefit: Double?
        }
        struct Scenario: Decodable {
            let name: String
            let years: [Year]
        }
        let pollutants: [String]
        let baseEmissions: [Double]
        let scenarios: [Scenario]
    }

    static func specText() throws -> String { try String(contentsOfFile: specPath, encoding: .utf8) }

    static func spec(_ text: String) throws -> ScenarioSpecification {
        try ScenarioSpecification(text: text, file: "air_link.yaml", folder: folder.path)
    }

    /// The error reading `text` gives, `nil` when it is accepted.
    static func specError(_ text: String) -> String? {
        do throws(ScenarioError) {
            _ = try ScenarioSpecification(text: text, file: "air_link.yaml", folder: folder.path)
            return nil
        } catch {
            return error.description
        }
    }

    static func run(_ text: String, draws: Int, threads: Int = 2) async throws -> ScenarioRun {
        try await ScenarioRun(try spec(text), options: .init(draws: draws, seed: 11, threads: threads))
    }

    @Test func centralPathMatchesTheIndependentComputation() async throws {
        let expected = try JSONDecoder().decode(
            Expected.self, from: Data(contentsOf: Self.folder.appendingPathComponent("air_link_expected.json")))
        let run = try await Self.run(try Self.specText(), draws: 0)
        let air = try #require(run.air)
        #expect(air.pollutants == expected.pollutants)
        let tolerance = Tolerance.mixed(absolute: 1e-9, relative: 1e-9)
        expectClose(air.baseEmissions, expected.baseEmissions, tolerance, "base-year emissions")
        #expect(air.scenarios.map(\.name) == expected.scenarios.map(\.name))
        for (scenario, reference) in zip(air.scenarios, expected.scenarios) {
            #expect(scenario.years.map(\.year) == reference.years.map(\.year))
            for (year, ref) in zip(scenario.years, reference.years) {
                let label = "\(scenario.name) \(year.year)"
                expectClose(year.emissions.map(\.central), ref.emissions, tolerance, "\(label) emissions")
                expectClose(year.concentration.central, ref.concentration, tolerance, "\(label) PM2.5")
                expectClose(year.avoidedDeaths.central, ref.avoidedDeaths, tolerance, "\(label) avoided deaths")
                expectClose(year.attributableDeaths.central, ref.attributableDeaths, tolerance, "\(label) attributable deaths")
                expectClose(try #require(year.yearsOfLifeLostAvoided).central, try #require(ref.avoidedYLL), tolerance, "\(label) YLL avoided")
                expectClose(try #require(year.attributableYearsOfLifeLost).central, try #require(ref.attributableYLL), tolerance,
                            "\(label) attributable YLL")
                expectClose(try #require(year.benefit).central, try #require(ref.benefit), tolerance, "\(label) benefit")
                // Without draws the mean and the interval are the central value.
                #expect(year.concentration.mean == year.concentration.central)
                #expect(year.avoidedDeaths.lower95 == year.avoidedDeaths.central && year.avoidedDeaths.upper95 == year.avoidedDeaths.central)
            }
        }
        // The clean scenario avoids deaths in the last year; the fixture is not trivially zero.
        #expect((air.scenarios[1].years.last?.avoidedDeaths.central ?? 0) > 10)
    }

    /// `air.csv` writes the same numbers, one row per quantity.
    @Test func csvHasOneRowPerQuantity() async throws {
        let run = try await Self.run(try Self.specText(), draws: 0)
        let air = try #require(run.air)
        let lines = air.csv.split(separator: "\n").map(String.init)
        #expect(lines.first == "scenario,year,quantity,pollutant,central,mean,lo95,hi95,unit")
        // Emissions of 4 pollutants, the concentration, 2 deaths, 2 YLL and the benefit.
        let rowsPerYear = 4 + 1 + 2 + 2 + 1
        #expect(lines.count == 1 + 2 * 10 * rowsPerYear)
        #expect(lines.contains { $0.hasPrefix("clean,2030,benefit,PM2.5,") && $0.hasSuffix(",million USD") })
        let row = try #require(lines.first { $0.hasPrefix("clean,2030,concentration,PM2.5,") })
        let fields = row.split(separator: ",").map(String.init)
        let value = try #require(Double(fields[4]))
        expectClose(value, try #require(air.scenarios[1].years.last).concentration.central, .exact)
        #expect(fields.last == "µg/m³")
    }

    /// Draws: the indicator draws of a run are those without the link (the air parameters have
    /// streams of their own), the result does not depend on the thread count, and the intervals
    /// are paired: business as usual avoids nothing in every draw.
    @Test func drawsLeaveTheIndicatorsUnchangedAndDoNotDependOnThreads() async throws {
        let text = try Self.specText()
        let withLink = try await Self.run(text, draws: 300, threads: 1)
        let plain = text.components(separatedBy: "emissions:").first ?? text
        let without = try await Self.run(plain, draws: 300, threads: 1)
        #expect(without.air == nil)
        #expect(withLink.forecastCSV == without.forecastCSV)
        let threaded = try await Self.run(text, draws: 300, threads: 3)
        #expect(try #require(withLink.air).csv == (try #require(threaded.air)).csv)
        let air = try #require(withLink.air)
        for year in air.scenarios[0].years {
            #expect(year.avoidedDeaths.lower95 == 0 && year.avoidedDeaths.upper95 == 0)
        }
        let last = try #require(air.scenarios[1].years.last)
        #expect(last.concentration.lower95 < last.concentration.central && last.concentration.central < last.concentration.upper95)
        #expect(last.avoidedDeaths.lower95 < last.avoidedDeaths.upper95)
    }

    static func width(_ e: AirLinkRun.Estimate) -> Double { e.upper95 - e.lower95 }

    /// A larger source–receptor sd widens the concentration and the avoided deaths' interval; a
    /// wider relative-risk interval widens the deaths' interval and leaves every concentration
    /// draw (so its interval) exactly as it was.
    @Test func intervalsWidenWithReceptorAndRelativeRiskUncertainty() async throws {
        let text = try Self.specText()
        let base = try #require(try await Self.run(text, draws: 400).air?.scenarios[1].years.last)
        // The power coefficient moves the concentration; the residential share, which carries
        // most of the clean scenario's reduction, moves the deaths avoided.
        let coefficient = try #require(try await Self.run(
            text.replacingOccurrences(of: "coefficient_sd: 0.005", with: "coefficient_sd: 0.02"), draws: 400).air?.scenarios[1].years.last)
        #expect(text.contains("coefficient_sd: 0.005") && text.contains("share_sd: 0.05"))
        #expect(Self.width(coefficient.concentration) > Self.width(base.concentration))
        let share = try #require(try await Self.run(
            text.replacingOccurrences(of: "share_sd: 0.05", with: "share_sd: 0.15"), draws: 400).air?.scenarios[1].years.last)
        #expect(Self.width(share.concentration) > Self.width(base.concentration))
        #expect(Self.width(share.avoidedDeaths) > 1.5 * Self.width(base.avoidedDeaths))
        let risk = text.replacingOccurrences(of: "  populationGrowth:", with: "  relativeRisk: {central: 1.08, lower: 1.02, upper: 1.15}\n  populationGrowth:")
        #expect(risk != text)
        let wide = try #require(try await Self.run(risk, draws: 400).air?.scenarios[1].years.last)
        #expect(Self.width(wide.avoidedDeaths) > Self.width(base.avoidedDeaths))
        #expect(Self.width(wide.attributableDeaths) > Self.width(base.attributableDeaths))
        #expect(wide.concentration == base.concentration)
        #expect(wide.emissions == base.emissions)
    }

    /// `factor_uncertainty: true` draws each factor with an interval (the file's EMEP/EEA 95 %
    /// intervals; IPCC's CO2 rows have none): emission intervals widen for the pollutants with
    /// one and stay for CO2, the concentration interval widens through the coefficient sector, and
    /// the central values and the indicator draws do not move.
    @Test func drawnFactorsWidenEmissionsAndLeaveCentralValues() async throws {
        let text = try Self.specText()
        let drawn = text.replacingOccurrences(of: "emissions:\n", with: "emissions:\n  factor_uncertainty: true\n")
        #expect(drawn != text)
        let plainRun = try await Self.run(text, draws: 400), drawnRun = try await Self.run(drawn, draws: 400)
        #expect(plainRun.forecastCSV == drawnRun.forecastCSV)
        let plain = try #require(plainRun.air), withFactors = try #require(drawnRun.air)
        #expect(withFactors.link.drawsFactors && !plain.link.drawsFactors)
        let a = try #require(plain.scenarios[1].years.last), b = try #require(withFactors.scenarios[1].years.last)
        #expect(a.emissions.map(\.central) == b.emissions.map(\.central))
        #expect(a.concentration.central == b.concentration.central && a.avoidedDeaths.central == b.avoidedDeaths.central)
        let co2 = try #require(plain.pollutants.firstIndex(of: "CO2")), pm = try #require(plain.pollutants.firstIndex(of: "PM2.5"))
        #expect(Self.width(b.emissions[pm]) > 5 * Self.width(a.emissions[pm]))
        // CO2's factors have no interval, so its draws are the indicators' alone; the inline
        // gas CO2 factor and the file's coal row both lack one.
        #expect(b.emissions[co2] == a.emissions[co2])
        #expect(Self.width(b.concentration) > Self.width(a.concentration))
    }

    /// Each mistake is reported at its key path (or the factor file's line and column).
    @Test(arguments: [(String, String, String)]([
        ("indicator: coal, conversion: 1", "indicator: coul, conversion: 1",
         "emissions.activities.coal power.indicator: unknown indicator 'coul'"),
        ("unit: t/MWh", "unit: t/m3", "emissions.activities.gas heating.factors.CO2.unit: the unit 't/m3' is not a mass"),
        ("share: 0.2,", "share: 1.4,", "air_quality.sectors.residential.share: a share of the base concentration is in [0, 1], got 1.4"),
        ("other_sources_share: 0.8", "other_sources_share: 0.7", "air_quality.other_sources_share: is 0.7, but 1 − the sectors' shares is 0.8"),
        ("power: {emission: PM2.5", "power: {emission: NH3", "air_quality.sectors.power.emission: no activity of sector 'power' has a factor for NH3"),
        ("sector: residential", "sector: homes", "air_quality.sectors.residential: no activity is in sector 'residential'"),
        ("fuel: natural gas", "fuel: peat", "emissions.activities.gas heating: no factor for fuel 'peat' in category '1.A.1.a'"),
        ("pollutant: PM2.5", "pollutant: PM25X", "air_quality.pollutant: "),
        ("unit: µg/m³", "unit: furlongs", "air_quality.unit: "),
        ("conversion: 1, unit: TJ", "conversion: -1, unit: TJ", "emissions.activities.coal power.conversion: must be above 0"),
        ("coefficient: 0.01,", "coefficient: 0.01, share: 0.1,", "air_quality.sectors.power: has share and coefficient; give one"),
        ("unit: t/MWh, source", "unit: t/MWh, lower: 0.3, upper: 0.4, source",
         "emissions.activities.gas heating.factors.CO2.lower: the interval 0.3–0.4 must be above 0 and hold the factor 0.202"),
        ("unit: t/MWh, source", "unit: t/MWh, lower: 0.1, source",
         "emissions.activities.gas heating.factors.CO2: give lower and upper together"),
        ("  activities:", "  factor_uncertainty: maybe\n  activities:", "emissions.factor_uncertainty: "),
    ]))
    func mistakesAreReportedByKeyPath(original: String, changed: String, message: String) throws {
        let text = try Self.specText()
        #expect(text.contains(original), "fixture has \(original)")
        let error = Self.specError(text.replacingOccurrences(of: original, with: changed)) ?? "accepted"
        #expect(error.contains(message), "\(error)")
    }

    @Test func aLinkNeedsAllThreeBlocks() throws {
        let text = try Self.specText()
        let noHealth = text.components(separatedBy: "health:").first ?? text
        let error = Self.specError(noHealth) ?? "accepted"
        #expect(error.contains("health: is required with emissions and air_quality"), "\(error)")
    }

    @Test func aBadFactorFileIsLocated() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("factors-\(UUID().uuidString).csv")
        try "fuel,category,pollutant,value,unit,source\nhard coal,1.A.1.a,PM2.5,lots,g/GJ,x\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let text = try Self.specText().replacingOccurrences(of: "../../../../Models/emissions/emission-factors.csv", with: file.path)
        let error = Self.specError(text) ?? "accepted"
        #expect(error.contains("emissions.factors: \(file.path):2:4: 'lots' is not a number"), "\(error)")
    }

    /// The bundled example: its electricity central path is the committed `tetouan_forecast.csv`
    /// (the script's input), and its emissions, PM2.5 and deaths are those
    /// `make_tetouan_air_link_fixture.py` computes from it, the hourly data and the spec read by PyYAML.
    @Test func tetouanExampleMatchesTheIndependentScript() async throws {
        let root = Self.folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let spec = try ScenarioSpecification(contentsOf: root.appendingPathComponent("Models/scenarios/tetouan_air_link.yaml").path)
        let run = try await ScenarioRun(spec, options: .init(draws: 0, seed: 7, threads: 2))
        let tolerance = Tolerance.mixed(absolute: 1e-9, relative: 1e-9)
        let input = try String(contentsOf: Self.folder.appendingPathComponent("tetouan_forecast.csv"), encoding: .utf8)
        let committed = input.split(separator: "\n").dropFirst().compactMap { Double($0.split(separator: ",")[3]) }
        let computed = run.forecastCSV.split(separator: "\n").dropFirst().compactMap { Double($0.split(separator: ",")[3]) }
        #expect(committed.count == 3 * 23)
        expectClose(computed, committed, tolerance, "the electricity path the script took")
        let expected = try JSONDecoder().decode(
            Expected.self, from: Data(contentsOf: Self.folder.appendingPathComponent("tetouan_air_link_expected.json")))
        let air = try #require(run.air)
        #expect(air.pollutants == expected.pollutants)
        expectClose(air.baseEmissions, expected.baseEmissions, tolerance, "base-year emissions")
        for (scenario, reference) in zip(air.scenarios, expected.scenarios) {
            #expect(scenario.name == reference.name && scenario.years.count == reference.years.count)
            for (year, ref) in zip(scenario.years, reference.years) {
                let label = "\(scenario.name) \(year.year)"
                expectClose(year.emissions.map(\.central), ref.emissions, tolerance, "\(label) emissions")
                expectClose(year.concentration.central, ref.concentration, tolerance, "\(label) PM2.5")
                expectClose(year.avoidedDeaths.central, ref.avoidedDeaths, tolerance, "\(label) avoided deaths")
                expectClose(year.attributableDeaths.central, ref.attributableDeaths, tolerance, "\(label) attributable deaths")
            }
        }
    }

    /// Every row of `Models/emissions/emission-factors.csv` is read, in tonnes per TJ of fuel:
    /// kg/TJ is 10⁻³ t/TJ and g/GJ is 10⁻⁶ t per 10⁻³ TJ, also 10⁻³ t/TJ.
    @Test(arguments: ["hard coal", "natural gas", "heavy fuel oil", "gas oil"])
    func everyFactorOfTheFileIsRead(fuel: String) throws {
        let text = try Self.specText()
            .replacingOccurrences(of: "fuel: hard coal", with: "fuel: \(fuel)")
            .replacingOccurrences(of: "power: {emission: PM2.5, coefficient: 0.01, coefficient_sd: 0.005}", with: "power: {emission: CO2, coefficient: 0}")
        let link = try #require(try Self.spec(text).airLink)
        let activity = try #require(link.activities.first { $0.name == "coal power" })
        let file = try String(contentsOf: Self.folder.appendingPathComponent("../../../../Models/emissions/emission-factors.csv"), encoding: .utf8)
        let rows = file.split(separator: "\n").dropFirst().map { $0.split(separator: ",", maxSplits: 7, omittingEmptySubsequences: false).map(String.init) }.filter { $0[0] == fuel }
        #expect(!rows.isEmpty)
        #expect(activity.factors.map(\.pollutant) == rows.map { $0[2] })
        for (factor, row) in zip(activity.factors, rows) {
            let value = try #require(Double(row[3]))
            #expect(["kg/TJ", "g/GJ"].contains(row[4]), "\(row)")
            expectClose(factor.tonnesPerActivityUnit, value * 1e-3, .relative(1e-12), "\(fuel) \(row[2])")
            #expect(factor.source.hasPrefix(row[4] == "kg/TJ" ? "IPCC 2006 Guidelines" : "EMEP/EEA air pollutant emission inventory guidebook 2023"))
            let lower = Double(row[5]), upper = Double(row[6])
            #expect(factor.interval?.lower == lower && factor.interval?.upper == upper, "\(fuel) \(row[2])")
        }
    }

    /// A factor "file" that is a device or a folder is refused before it is read.
    @Test(arguments: ["/dev/zero", "/tmp"])
    func aFactorPathThatIsNotAFileIsRefused(path: String) throws {
        let text = try Self.specText().replacingOccurrences(of: "../../../../Models/emissions/emission-factors.csv", with: path)
        let error = Self.specError(text) ?? "accepted"
        #expect(error.contains("emissions.factors: \(path) is not a regular file of at most 16 MB"), "\(error)")
    }

    /// Built in Swift: the initialiser checks what the reader checks.
    @Test func builtLinkIsChecked() throws {
        let health = try HealthImpact(population: 1e5, baselineMortality: 0.008)
        let factor = try ScenarioSpecification.AirLink.Factor(pollutant: "PM2.5", value: 3.4, unit: "g/GJ", source: "EMEP/EEA", activityUnit: "TJ")
        expectClose(factor.tonnesPerActivityUnit, 3.4e-3, .relative(1e-12))
        let activity = ScenarioSpecification.AirLink.Activity(name: "coal", indicator: "coal", conversion: 1, unit: "TJ", sector: "power",
                                                               factors: [factor])
        let quality = ScenarioSpecification.AirLink.AirQuality(
            pollutant: .pm25, unit: .microgramsPerCubicMetre, baseConcentration: 20,
            sectors: [.init(sector: "power", emission: "PM2.5", contribution: .share(0.7, sd: 0)),
                      .init(name: "power again", sector: "power", emission: "PM2.5", contribution: .share(0.5, sd: 0))])
        var message = "accepted"
        do throws(ScenarioError) {
            _ = try ScenarioSpecification.AirLink(activities: [activity], airQuality: quality, health: health)
        } catch {
            message = error.description
        }
        #expect(message.contains("air_quality.sectors: the sectors' shares add up to 1.2, more than 1"), "\(message)")
    }
}
