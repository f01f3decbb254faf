import Foundation

extension StandardsReport {
    /// The stable JSON contract of `urbancast air standards --format json`:
    ///
    /// `{"results": [{"key": {...}, "pollutant", "unit", "year", "validDays", "possibleDays",
    /// "meetsCaptureRule", "annualMean", "dailyP99", "dailyMax8hP99", "peakSeasonMean",
    /// "exceedanceDays": {"15": n, ...}, "highestLevelMet": "IT-1" … "AQG" | null,
    /// "aqi": {"us-epa-2024": {"averaging", "days": {"Good": n, ...} | null, "aboveTable", "note"}},
    /// "notes": [...]}], "combined": [{"key": {...}, "index": "korea-cai", "year", "days":
    /// {"Good": n, ...} | null, "bonusDays", "note"}]}`. Non-finite numbers are `null`;
    /// `dailyMax8hP99` and `peakSeasonMean` are `null` except for ozone from hourly data.
    /// `combined` is an additive key beside `results`, which is unchanged.
    public var json: JSONValue {
        .object([("results", .array(results.map(\.json))), ("combined", .array(combined.map(\.json)))])
    }

    /// A fixed-width table, one row per result, then the AQI days.
    public var table: String {
        var lines: [String] = []
        let header = ["key", "pollutant", "year", "days", "mean", "p99", "WHO", "exceedance days (level: days)"]
        var rows: [[String]] = [header]
        for result in results {
            rows.append([
                result.key.isEmpty ? "-" : result.key.description, result.pollutant.name, String(result.year),
                "\(result.validDays)/\(result.possibleDays)\(result.meetsCaptureRule ? "" : "*")",
                Self.format(result.annualMean), Self.format(result.dailyP99), result.highestLevelMet?.rawValue ?? "-",
                result.exceedanceDays.map { "\(Self.thresholdKey($0.threshold)): \($0.days)" }.joined(separator: ", "),
            ])
        }
        lines += TextTable.render(rows)
        lines.append("")
        lines.append("* below the annual data-capture rule; concentrations in each series' unit; WHO = highest WHO 2021 level met")
        var aqiLines: [String] = []
        for result in results {
            for days in result.indexDays {
                let name = "\(result.key.isEmpty ? "" : "\(result.key) ")\(result.pollutant.name) \(result.year) \(days.index) (\(days.averaging))"
                if let counts = days.days {
                    aqiLines.append("\(name): " + counts.map { "\($0.category) \($0.count)" }.joined(separator: ", "))
                } else if let note = days.note {
                    aqiLines.append("\(name): not evaluated, \(note)")
                }
            }
        }
        if !aqiLines.isEmpty {
            lines.append("")
            lines.append("Days by AQI category:")
            lines += aqiLines
        }
        if !combined.isEmpty {
            lines.append("")
            lines.append("Days by combined index (all pollutants, with the multi-pollutant bonus):")
            for entry in combined {
                let name = "\(entry.key.isEmpty ? "" : "\(entry.key) ")\(entry.year) \(entry.index)"
                if let counts = entry.days {
                    lines.append("\(name): " + counts.map { "\($0.category) \($0.count)" }.joined(separator: ", ")
                        + "; bonus added on \(entry.bonusDays) days")
                } else if let note = entry.note {
                    lines.append("\(name): not evaluated, \(note)")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func format(_ value: Double) -> String {
        value.isFinite ? String(format: "%.1f", value) : "-"
    }
}

extension StandardsReport.Result {
    var json: JSONValue {
        let exceedances = exceedanceDays.map { (StandardsReport.thresholdKey($0.threshold), JSONValue.integer($0.days)) }
        let aqi = indexDays.map { days -> (String, JSONValue) in
            let counts: JSONValue = days.days.map { .object($0.map { ($0.category, .integer($0.count)) }) } ?? .null
            return (days.index, .object([
                ("averaging", .string(days.averaging)), ("days", counts), ("aboveTable", .integer(days.aboveTable)),
                ("note", days.note.map(JSONValue.string) ?? .null),
            ]))
        }
        return .object([
            ("key", Localization.keyJSON(key)),
            ("pollutant", .string(pollutant.name)), ("unit", .string(unit.symbol)), ("year", .integer(year)),
            ("validDays", .integer(validDays)), ("possibleDays", .integer(possibleDays)),
            ("meetsCaptureRule", .bool(meetsCaptureRule)), ("annualMean", .optionalNumber(annualMean)),
            ("dailyP99", .optionalNumber(dailyP99)), ("dailyMax8hP99", .optionalNumber(dailyMax8hP99)),
            ("peakSeasonMean", .optionalNumber(peakSeasonMean)), ("exceedanceDays", .object(exceedances)),
            ("highestLevelMet", highestLevelMet.map { .string($0.rawValue) } ?? .null), ("aqi", .object(aqi)),
            ("notes", .array(notes.map(JSONValue.string))),
        ])
    }
}


extension StandardsReport.CombinedDays {
    var json: JSONValue {
        .object([
            ("key", Localization.keyJSON(key)), ("index", .string(index)), ("year", .integer(year)),
            ("days", days.map { .object($0.map { ($0.category, .integer($0.count)) }) } ?? .null),
            ("bonusDays", .integer(bonusDays)), ("note", note.map(JSONValue.string) ?? .null),
        ])
    }
}
