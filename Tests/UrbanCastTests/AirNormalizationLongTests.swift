import Foundation
import Testing
import UrbanCast

/// `WeatherNormalization.run` on the long layout of the other air commands (station, pollutant,
/// date, value, unit, with the meteorology beside the value): the same fit as the wide file it
/// was made from, and clear errors.
@Suite("Air quality: weather normalisation of long files")
struct AirNormalizationLongTests {
    /// The first year of Dongsi (2013-03 to 2014-02) as a wide file and as a long file with
    /// PM2.5 and NO2 rows, both written to a temporary folder.
    static func dongsiFirstYear() throws -> (wide: String, long: String, folder: URL) {
        let text = try String(contentsOfFile: repositoryPath("Datasets/beijing_dongsi_hourly_wide.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let year = lines.dropFirst().filter { $0.contains(",2013-") || $0.contains(",2014-01-") || $0.contains(",2014-02-") }
        let pollutants = ["PM2.5", "NO2"]
        let met = ["TEMP", "PRES", "DEWP", "RAIN", "wd", "WSPM"]
        var long = ["station,pollutant,date,value,unit," + met.joined(separator: ",")]
        for line in year {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let cell = { (name: String) in cells[header.firstIndex(of: name) ?? 0] }
            for pollutant in pollutants {
                long.append(([cell("station"), pollutant, cell("date"), cell(pollutant), "µg/m³"] + met.map(cell)).joined(separator: ","))
            }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aq-long-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let wide = folder.appendingPathComponent("wide.csv").path
        let longPath = folder.appendingPathComponent("long.csv").path
        try ([lines[0]] + year).joined(separator: "\n").write(toFile: wide, atomically: true, encoding: .utf8)
        try long.joined(separator: "\n").write(toFile: longPath, atomically: true, encoding: .utf8)
        return (wide, longPath, folder)
    }

    @Test func longFileGivesTheFitOfTheWideFile() throws {
        let files = try Self.dongsiFirstYear()
        defer { try? FileManager.default.removeItem(at: files.folder) }
        for pollutant in [Pollutant.pm25, .no2] {
            let wide = try #require(try WeatherNormalization.run(contentsOf: files.wide, pollutant: pollutant).first)
            let long = try #require(try WeatherNormalization.run(contentsOf: files.long, pollutant: pollutant).first)
            #expect(long.key == wide.key && long.rowsFitted == wide.rowsFitted && long.rowsFitted > 7000, "\(long.rowsFitted)")
            #expect(abs(long.heldOutRSquared - wide.heldOutRSquared) < 1e-9 && abs(long.lambda - wide.lambda) <= 1e-9 * wide.lambda)
            let difference = zip(long.normalized.values, wide.normalized.values)
                .filter { !$0.0.isNaN || !$0.1.isNaN }.map { abs($0 - $1) }.max() ?? .nan
            #expect(difference < 1e-9, "\(pollutant.name): \(difference)")
        }
    }

    /// The other air commands read the same long file: its meteorology columns are ignored and
    /// the pollutant series are those of the wide file.
    @Test func stationReaderIgnoresTheMeteorologyColumns() throws {
        let files = try Self.dongsiFirstYear()
        defer { try? FileManager.default.removeItem(at: files.folder) }
        let long = try AirQualityInput.read(contentsOf: files.long)
        let wide = try AirQualityInput.read(contentsOf: files.wide, options: .init(pollutants: [.pm25, .no2]))
        #expect(long.map(\.pollutant) == [.pm25, .no2] && long.map(\.unit) == [.microgramsPerCubicMetre, .microgramsPerCubicMetre])
        for (a, b) in zip(long, wide) {
            #expect(a.series.count == b.series.count && a.series.count > 8000)
            #expect(zip(a.series.values, b.series.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
        }
    }

    @Test func longFileErrorsAreNamedOrLocated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aq-long-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ csv: String, _ pollutant: Pollutant = .no2) throws -> String {
            let path = folder.appendingPathComponent("f.csv").path
            try csv.write(toFile: path, atomically: true, encoding: .utf8)
            do {
                _ = try WeatherNormalization.run(contentsOf: path, pollutant: pollutant, options: .init(meteorology: ["TEMP", "WSPM"], windDirection: nil, windSpeed: nil))
                return "accepted"
            } catch {
                return error.description.replacingOccurrences(of: path, with: "f.csv")
            }
        }
        let header = "station,pollutant,date,value,unit,TEMP,WSPM\n"
        // No WSPM column: named, with the columns the file has.
        #expect(try run("station,pollutant,date,value,TEMP\nA,NO2,2024-01-01T00:00,10,2\n")
            == "missing column 'WSPM'; the file has: station, pollutant, date, value, TEMP")
        // An unknown pollutant and a second unit are located at their cells.
        #expect(try run(header + "A,PM1,2024-01-01T00:00,10,µg/m³,2,1\n").hasPrefix("f.csv:2:2: unknown pollutant 'PM1'"))
        #expect(try run(header + "A,NO2,2024-01-01T00:00,10,µg/m³,2,1\nA,NO2,2024-01-01T01:00,10,ppb,2,1\n")
            .hasPrefix("f.csv:3:5: NO2 is in µg/m³ above and in ppb here"))
        // No rows of the pollutant asked for.
        #expect(try run(header + "A,PM2.5,2024-01-01T00:00,10,µg/m³,2,1\n") == "f.csv: no NO2 rows; the file has PM2.5")
    }
}
