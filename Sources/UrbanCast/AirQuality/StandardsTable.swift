/// A small CSV table of a standard (guideline levels, index breakpoints), read with every cell
/// kept at its position so that each problem is reported as `FILE:LINE:COLUMN: message`.
struct StandardsTable {
    let file: String
    let rows: [[String: CSVField]]
    private(set) var diagnostics: [DataDiagnostic]

    /// Reads `path` and checks that the header has every column in `required`.
    init(contentsOf path: String, required: [String]) throws(AirQualityError) {
        let bytes: [UInt8]
        do { bytes = try CSVReader.bytes(contentsOf: path) } catch { throw .data(error) }
        self.init(bytes, file: path, required: required)
    }

    init(_ bytes: [UInt8], file: String, required: [String]) {
        self.file = file
        let table = HeaderedRows(CSVReader.read(bytes, file: file), expectation: required.joined(separator: ", "))
        diagnostics = table.diagnostics
        let names = table.header.map { $0.text.trimmingSpaces() }
        let missing = required.filter { !names.contains($0) }
        if !table.header.isEmpty, !missing.isEmpty {
            diagnostics.append(DataDiagnostic(
                file: file, line: table.header[0].line, column: 1,
                message: "missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); the header needs \(required.joined(separator: ", "))"))
        }
        rows = missing.isEmpty ? table.rows.map { record in
            var row: [String: CSVField] = [:]
            for (name, field) in zip(names, record.fields) { row[name] = field }
            return row
        } : []
    }

    mutating func report(_ field: CSVField, _ message: String) {
        diagnostics.append(DataDiagnostic(file: file, line: field.line, column: field.column, message: message))
    }

    /// The trimmed text of `column` in `row` (the column is known to exist).
    func text(_ row: [String: CSVField], _ column: String) -> String {
        row[column]?.text.trimmingSpaces() ?? ""
    }

    /// The number in `column`, reporting text that is not one; `nil` for an empty cell when
    /// `optional`, else reported.
    mutating func number(_ row: [String: CSVField], _ column: String, optional: Bool = false) -> Double? {
        guard let field = row[column] else { return nil }
        switch CellValue.number(field.text) {
        case .success(let value?): return value
        case .success(nil):
            if !optional { report(field, "column '\(column)': a number is needed") }
            return nil
        case .failure(let message):
            report(field, "column '\(column)': \(message.text)")
            return nil
        }
    }

    /// The whole number in `column`, within `range`, reporting a cell that is not one; `nil` when
    /// reported. Index values and points are `Int`s: a fraction would be truncated silently and a
    /// value beyond `Int` would trap in the conversion.
    mutating func wholeNumber(_ row: [String: CSVField], _ column: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = number(row, column), let field = row[column] else { return nil }
        guard value.rounded() == value, value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
            let bounds = "\(range.lowerBound) to \(range.upperBound)", text = field.text.trimmingSpaces()
            report(field, "column '\(column)': a whole number from \(bounds) is needed, not \(text)")
            return nil
        }
        return Int(value)
    }

    mutating func pollutant(_ row: [String: CSVField]) -> Pollutant? {
        guard let field = row["pollutant"] else { return nil }
        guard let pollutant = Pollutant(name: field.text.trimmingSpaces()) else {
            report(field, AirQualityError.unknownPollutant(field.text.trimmingSpaces()).description)
            return nil
        }
        return pollutant
    }

    mutating func unit(_ row: [String: CSVField]) -> ConcentrationUnit? {
        guard let field = row["unit"] else { return nil }
        guard let unit = ConcentrationUnit(parsing: field.text) else {
            report(field, AirQualityError.unknownUnit(field.text.trimmingSpaces()).description)
            return nil
        }
        return unit
    }

    /// Throws every problem found, ordered by line.
    func check() throws(AirQualityError) {
        guard diagnostics.isEmpty else { throw .data(.invalidData(diagnostics.sorted())) }
    }
}
