import Foundation

/// An air quality index defined by piecewise-linear breakpoint tables, read from data files.
///
/// For a concentration C of a pollutant over an averaging period, the sub-index is
///
/// I = (I_hi − I_lo) / (C_hi − C_lo) × (C − C_lo) + I_lo
///
/// on the breakpoint row with C_lo ≤ C ≤ C_hi, then rounded to an integer by the index's rule
/// (to nearest, halves up, for the US, India and Korea; up for China, as HJ 633-2012 §5.2 asks).
/// Tables with gaps between rows (US: 9.0 then 9.1 µg/m³) first truncate C to the table's
/// decimals, as the US EPA prescribes; China's tables are continuous (a row's C_hi is the next
/// row's C_lo) and do not truncate. The category is the band of the index that holds the integer
/// sub-index.
///
/// Above the last row the sub-index is not defined: the result has no value, and the category
/// of the first index above the table (a lower bound). A top row with no C_hi (India's Severe
/// band, "250+") gives its category and no value.
///
/// Three files describe every index (see `Models/air-quality/README.md`): `aqi-indices.csv`
/// (`index,name,rounding,temperatureCelsius,pressureHectopascal,source`), `aqi-categories.csv`
/// (`index,indexLow,indexHigh,category`) and `aqi-breakpoints.csv`
/// (`index,pollutant,averaging,role,unit,decimals,concentrationLow,concentrationHigh,indexLow,indexHigh`);
/// an optional fourth, `aqi-combined.csv`, gives the multi-pollutant rule of an index
/// (``Combination``).
///
/// ``AirQualityStandards/builtIn`` holds the indices of `Models/air-quality` compiled in.
///
/// ```swift
/// let us = AirQualityStandards.builtIn.indices.first { $0.id == "us-epa-2024" }!
/// try us.subIndex(35.45, pollutant: .pm25, averaging: "24-hour", unit: .microgramsPerCubicMetre)
/// // value 100 (35.45 truncates to 35.4), category "Moderate"
/// ```
public struct AirQualityIndex: Sendable, Equatable {
    /// How a sub-index is rounded to an integer.
    public enum Rounding: String, Sendable {
        /// To the nearest integer, halves up.
        case nearest
        /// Up to the next integer.
        case up
    }

    /// One row of a breakpoint table.
    public struct Breakpoint: Sendable, Equatable {
        /// The pollutant.
        public let pollutant: Pollutant
        /// The averaging period (`1-hour`, `8-hour`, `24-hour`).
        public let averaging: String
        /// Whether the row belongs to the period that classifies a day (`primary`) or to one used
        /// only in special cases (`supplementary`, such as the US 1-hour ozone rows).
        public let isPrimary: Bool
        /// The unit of the concentrations.
        public let unit: ConcentrationUnit
        /// The decimals concentrations are truncated to, or `nil` for no truncation.
        public let decimals: Int?
        /// C_lo.
        public let concentrationLow: Double
        /// C_hi, or `nil` for an open top band.
        public let concentrationHigh: Double?
        /// I_lo.
        public let indexLow: Int
        /// I_hi.
        public let indexHigh: Int
    }

    /// A category band of the index.
    public struct Category: Sendable, Equatable {
        /// The lowest integer index of the band.
        public let low: Int
        /// The highest integer index of the band.
        public let high: Int
        /// The name, as the source writes it in English.
        public let name: String
    }

    /// A sub-index: its integer value (when defined) and category.
    public struct SubIndex: Sendable, Equatable {
        /// The integer sub-index, or `nil` above the table or in an open band.
        public let value: Int?
        /// The category name.
        public let category: String
    }

    /// The identifier, for example `us-epa-2024`.
    public let id: String
    /// The name of the index.
    public let name: String
    /// The rounding rule.
    public let rounding: Rounding
    /// The conditions for converting mass concentrations to the table's mixing ratios.
    public let conditions: ReferenceConditions
    /// The citation of the source.
    public let source: String
    /// The categories, from the lowest band.
    public let categories: [Category]
    /// The breakpoints, grouped by pollutant and averaging period, each group by concentration.
    public let breakpoints: [Breakpoint]
    /// How the sub-indices of several pollutants combine into one index value when the index
    /// adds points for multiple unhealthy pollutants (Korea's CAI), from `aqi-combined.csv`;
    /// `nil` for the plain maximum of the sub-indices.
    public internal(set) var combination: Combination?

    /// The averaging period of the primary rows of `pollutant`, or `nil` if the index does not
    /// cover it.
    public func primaryAveraging(for pollutant: Pollutant) -> String? {
        breakpoints.first { $0.pollutant == pollutant && $0.isPrimary }?.averaging
    }

    /// The category band that holds `value`, or the top band above it.
    public func category(of value: Int) -> String {
        categories.first { $0.low <= value && value <= $0.high }?.name ?? categories.last?.name ?? ""
    }

    /// The sub-index of a concentration.
    ///
    /// - Parameters:
    ///   - concentration: The concentration in `unit`, over the averaging period.
    ///   - pollutant: The pollutant.
    ///   - averaging: The averaging period of a table of `pollutant` (`24-hour`, …).
    ///   - unit: The unit of `concentration`; converted to the table's at ``conditions``.
    /// - Returns: The sub-index, or `nil` for a missing (`NaN`) or negative concentration.
    /// - Throws: ``AirQualityError/invalidStandard(_:)`` when the index has no table for the
    ///   pollutant and period; ``AirQualityError/unconvertibleUnit(pollutant:from:to:)``.
    /// - Complexity: O(*r*) in the rows of the table.
    public func subIndex(_ concentration: Double, pollutant: Pollutant, averaging: String, unit: ConcentrationUnit)
        throws(AirQualityError) -> SubIndex?
    {
        let rows = breakpoints.filter { $0.pollutant == pollutant && $0.averaging == averaging }
        guard let first = rows.first, let last = rows.last else {
            throw .invalidStandard("\(id) has no \(averaging) table for \(pollutant.name)")
        }
        let converted = try unit.convert(concentration, to: first.unit, pollutant: pollutant, at: conditions)
        guard converted >= 0 else { return nil }
        var c = converted
        if let decimals = first.decimals {
            let scale = pow(10, Double(decimals))
            c = (c * scale + 1e-9).rounded(.down) / scale
        }
        guard let row = rows.last(where: { $0.concentrationLow <= c + 1e-12 }), c >= first.concentrationLow - 1e-12 else {
            return nil
        }
        guard let high = row.concentrationHigh else { return SubIndex(value: nil, category: category(of: row.indexLow)) }
        if c > high + 1e-12 {
            // Above the table (only the last row can be exceeded once rows are contiguous).
            return SubIndex(value: nil, category: category(of: last.indexHigh + 1))
        }
        let exact = Double(row.indexHigh - row.indexLow) / (high - row.concentrationLow) * (c - row.concentrationLow)
            + Double(row.indexLow)
        let value = switch rounding {
        case .nearest: Int((exact + 0.5 + 1e-9).rounded(.down))
        case .up: Int((exact - 1e-9).rounded(.up))
        }
        return SubIndex(value: value, category: category(of: value))
    }
}

extension AirQualityIndex {
    /// Index values a table may hold (every published index stays within 0…500).
    static let indexRange = 0...100_000

    /// Loads every index from `aqi-indices.csv`, `aqi-categories.csv` and `aqi-breakpoints.csv`
    /// in `directory`, checking each table.
    ///
    /// - Parameter directory: The folder of the three files (`Models/air-quality`), and of
    ///   `aqi-combined.csv` when an index has a multi-pollutant rule.
    /// - Returns: The indices in the order of `aqi-indices.csv`.
    /// - Throws: ``AirQualityError/data(_:)`` with every problem as `FILE:LINE:COLUMN`: unknown
    ///   pollutant, unit, rounding or index; non-numeric cells; rows out of order, overlapping,
    ///   or with a gap that truncation to the row's decimals does not close; an index with no
    ///   categories or no breakpoints.
    /// - Complexity: O(*r* log *r*) in the rows.
    public static func load(directory: String) throws(AirQualityError) -> [AirQualityIndex] {
        let folder = directory.hasSuffix("/") ? directory : directory + "/"
        var registry = try StandardsTable(
            contentsOf: folder + "aqi-indices.csv",
            required: ["index", "name", "rounding", "temperatureCelsius", "pressureHectopascal", "source"])
        var categoryTable = try StandardsTable(
            contentsOf: folder + "aqi-categories.csv", required: ["index", "indexLow", "indexHigh", "category"])
        var breakpointTable = try StandardsTable(
            contentsOf: folder + "aqi-breakpoints.csv",
            required: ["index", "pollutant", "averaging", "role", "unit", "decimals", "concentrationLow",
                       "concentrationHigh", "indexLow", "indexHigh"])

        var headers: [(id: String, name: String, rounding: Rounding, conditions: ReferenceConditions, source: String, field: CSVField)] = []
        for row in registry.rows {
            guard let idField = row["index"], let roundingField = row["rounding"] else { continue }
            let rounding = Rounding(rawValue: registry.text(row, "rounding"))
            if rounding == nil { registry.report(roundingField, "unknown rounding '\(registry.text(row, "rounding"))'; write nearest or up") }
            let temperature = registry.number(row, "temperatureCelsius")
            let pressure = registry.number(row, "pressureHectopascal")
            guard let rounding, let temperature, let pressure else { continue }
            do {
                let conditions = try ReferenceConditions(temperatureCelsius: temperature, pressureHectopascal: pressure)
                headers.append((registry.text(row, "index"), registry.text(row, "name"), rounding, conditions,
                                registry.text(row, "source"), idField))
            } catch {
                registry.report(idField, error.description)
            }
        }
        try registry.check()
        let known = Set(headers.map(\.id))

        var categories: [String: [Category]] = [:]
        for row in categoryTable.rows {
            let id = categoryTable.text(row, "index")
            if !known.contains(id), let field = row["index"] {
                categoryTable.report(field, "unknown index '\(id)'; aqi-indices.csv lists \(headers.map(\.id).joined(separator: ", "))")
            }
            guard let low = categoryTable.wholeNumber(row, "indexLow", in: Self.indexRange),
                let high = categoryTable.wholeNumber(row, "indexHigh", in: Self.indexRange), let field = row["indexLow"]
            else { continue }
            if let previous = categories[id]?.last, low != previous.high + 1 {
                categoryTable.report(field, "category starts at \(low) but the previous one ends at \(previous.high); bands must be consecutive")
            }
            categories[id, default: []].append(Category(low: low, high: high, name: categoryTable.text(row, "category")))
        }
        try categoryTable.check()

        var breakpoints: [String: [Breakpoint]] = [:]
        var previousRow: [String: (row: Breakpoint, field: CSVField)] = [:]
        for row in breakpointTable.rows {
            let id = breakpointTable.text(row, "index")
            if !known.contains(id), let field = row["index"] {
                breakpointTable.report(field, "unknown index '\(id)'; aqi-indices.csv lists \(headers.map(\.id).joined(separator: ", "))")
            }
            let pollutant = breakpointTable.pollutant(row)
            let unit = breakpointTable.unit(row)
            let decimals =
                breakpointTable.number(row, "decimals", optional: true) == nil
                ? nil : breakpointTable.wholeNumber(row, "decimals", in: 0...15)
            let low = breakpointTable.number(row, "concentrationLow")
            let high = breakpointTable.number(row, "concentrationHigh", optional: true)
            let indexLow = breakpointTable.wholeNumber(row, "indexLow", in: Self.indexRange)
            let indexHigh = breakpointTable.wholeNumber(row, "indexHigh", in: Self.indexRange)
            let role = breakpointTable.text(row, "role")
            if role != "primary", role != "supplementary", let field = row["role"] {
                breakpointTable.report(field, "unknown role '\(role)'; write primary or supplementary")
            }
            guard let pollutant, let unit, let low, let indexLow, let indexHigh, let field = row["concentrationLow"] else { continue }
            let entry = Breakpoint(
                pollutant: pollutant, averaging: breakpointTable.text(row, "averaging"), isPrimary: role == "primary",
                unit: unit, decimals: decimals, concentrationLow: low, concentrationHigh: high,
                indexLow: indexLow, indexHigh: indexHigh)
            if let high, high <= low {
                breakpointTable.report(field, "concentrationHigh \(high) is not above concentrationLow \(low)")
            }
            let group = "\(id) \(pollutant.name) \(entry.averaging)"
            if let previous = previousRow[group]?.row {
                let step = entry.decimals.map { pow(10, -Double($0)) } ?? 0
                if let previousHigh = previous.concentrationHigh {
                    if abs(low - (previousHigh + step)) > 1e-9 {
                        breakpointTable.report(field, "\(group): the row starts at \(low) but the previous one ends at \(previousHigh); expected \(previousHigh + step)")
                    }
                } else {
                    breakpointTable.report(field, "\(group): a row follows an open-ended row")
                }
                if previous.unit != unit || previous.decimals != entry.decimals || previous.isPrimary != entry.isPrimary {
                    breakpointTable.report(field, "\(group): unit, decimals and role must be the same on every row of a table")
                }
            }
            previousRow[group] = (entry, field)
            breakpoints[id, default: []].append(entry)
        }
        try breakpointTable.check()

        var indices: [AirQualityIndex] = []
        for header in headers {
            guard let bands = categories[header.id], !bands.isEmpty,
                let rows = breakpoints[header.id], !rows.isEmpty
            else {
                throw .invalidStandard("\(folder)aqi-indices.csv:\(header.field.line):\(header.field.column): index \(header.id) needs categories in aqi-categories.csv and breakpoints in aqi-breakpoints.csv")
            }
            indices.append(AirQualityIndex(
                id: header.id, name: header.name, rounding: header.rounding, conditions: header.conditions,
                source: header.source, categories: bands, breakpoints: rows))
        }
        if FileManager.default.fileExists(atPath: folder + Combination.fileName) {
            let combinations = try Combination.load(contentsOf: folder + Combination.fileName, indices: indices)
            for position in indices.indices {
                indices[position].combination = combinations[indices[position].id]
            }
        }
        return indices
    }
}
