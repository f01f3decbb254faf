import Foundation
import Testing

/// `forecast`'s output layouts: `--style statsforecast|r`, `--digits N`, `--include-history`, and
/// units carried into them.
@Suite struct OutputLayoutCLITests {
    typealias CLI = CLITests

    static let base = ["forecast", "Datasets/nyc_water_long.csv", "--model", "auto-ets", "--horizon", "3",
                       "--where", "indicator=water_consumption", "--format", "csv"]

    /// The fields of each line, with RFC 4180 quotes removed (model names such as `"ETS(M,A,N)"`).
    static func rows(_ output: String) -> [[String]] {
        output.split(separator: "\n").map { line in
            var fields: [String] = [], field = "", quoted = false
            for character in line {
                switch character {
                case "\"": quoted.toggle()
                case "," where !quoted: fields.append(field); field = ""
                default: field.append(character)
                }
            }
            return fields + [field]
        }
    }

    /// Nixtla's naming (`f"{model}-lo-{lv}"` for the levels from the widest down, then
    /// `f"{model}-hi-{lv}"` upwards, after `unique_id` and `ds`), with the same numbers as the
    /// default layout.
    @Test func statsforecastStyleHasNixtlaColumnsAndTheSameNumbers() throws {
        let plain = try CLI.run(Self.base)
        let styled = try CLI.run(Self.base + ["--style", "statsforecast"])
        #expect(plain.status == 0 && styled.status == 0, "\(plain.error)\(styled.error)")
        let a = Self.rows(plain.output), b = Self.rows(styled.output)
        #expect(b[0] == ["unique_id", "ds", "AutoETS", "AutoETS-lo-95", "AutoETS-lo-80", "AutoETS-hi-80", "AutoETS-hi-95",
                         "unit"])
        #expect(a.count == b.count)
        for (x, y) in zip(a.dropFirst(), b.dropFirst()) {
            #expect(y[0] == "New York/water_consumption" && y[1] == x[2])
            // mean, lo95, lo80, hi80, hi95 against mean, lo80, hi80, lo95, hi95
            #expect([y[2], y[3], y[4], y[5], y[6]] == [x[4], x[7], x[5], x[6], x[8]])
            #expect(y[7] == "million gallons per day")
        }
    }

    /// R's `as.data.frame(forecast(...))` names.
    @Test func rStyleHasForecastPackageColumns() throws {
        let styled = try CLI.run(Self.base + ["--style", "r"])
        #expect(styled.status == 0, "\(styled.error)")
        #expect(Self.rows(styled.output)[0]
                == ["city", "indicator", "date", "Point Forecast", "Lo 80", "Hi 80", "Lo 95", "Hi 95", "unit"])
    }

    /// Four significant digits, each within half a unit in the fourth digit of the exact value.
    @Test func digitsRoundToSignificantDigits() throws {
        let plain = Self.rows(try CLI.run(Self.base).output)
        let rounded = Self.rows(try CLI.run(Self.base + ["--digits", "4"]).output)
        for (x, y) in zip(plain.dropFirst(), rounded.dropFirst()) {
            for j in 4..<9 {
                let exact = try #require(Double(x[j])), shown = try #require(Double(y[j]))
                let digits = y[j].filter(\.isNumber).drop { $0 == "0" }.count
                #expect(digits <= 4, "\(y[j])")
                #expect(abs(exact - shown) <= 0.5e-3 * abs(exact), "\(x[j]) → \(y[j])")
            }
        }
        #expect(try CLI.run(Self.base + ["--digits", "0"]).status != 0)
    }

    /// The default CSV keeps its columns and numbers: Swift's shortest round-trip text, so each
    /// number reads back as the value the JSON carries.
    @Test func defaultNumbersRoundTrip() throws {
        let csv = Self.rows(try CLI.run(Self.base).output)
        #expect(csv[0] == ["city", "indicator", "date", "model", "mean", "lo80", "hi80", "lo95", "hi95", "unit"])
        let json = try CLI.run(Array(Self.base.dropLast()) + ["json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let steps = try #require((document["series"] as? [[String: Any]])?.first?["forecast"] as? [[String: Any]])
        for (row, step) in zip(csv.dropFirst(), steps) {
            #expect(Double(row[4]) == step["mean"] as? Double)
            #expect(row[4] == "\(try #require(step["mean"] as? Double))")
        }
        let first = try #require((document["series"] as? [[String: Any]])?.first)
        #expect(first["unit"] as? String == "million gallons per day", "the default JSON carries the file's unit")
    }

    /// History rows carry the file's values and the model's fitted values; the JSON has them too.
    @Test func includeHistoryWritesObservedAndFitted() throws {
        let result = try CLI.run(Self.base + ["--include-history"])
        #expect(result.status == 0, "\(result.error)")
        let rows = Self.rows(result.output)
        #expect(rows[0].suffix(4) == ["unit", "part", "y", "fitted"])
        let history = rows.filter { $0.count > 10 && $0[10] == "history" }
        #expect(history.count == 44)
        #expect(history[0][2] == "1979" && history[0][11] == "1512.0")
        #expect(history.allSatisfy { Double($0[12]) != nil })
        #expect(rows.filter { $0.count > 10 && $0[10] == "forecast" }.count == 3)
        let json = try CLI.run(Array(Self.base.dropLast()) + ["json", "--include-history"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let series = try #require((document["series"] as? [[String: Any]])?.first)
        let steps = try #require(series["history"] as? [[String: Any]])
        #expect(steps.count == 44 && steps[0]["y"] as? Double == 1512)
        #expect(series["unit"] as? String == "million gallons per day")
    }
}
