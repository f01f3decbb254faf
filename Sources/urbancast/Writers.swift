import ArgumentParser
import UrbanCast

/// A set of output formats a command offers for `--format`.
protocol ResultFormat: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {
    /// The format written when `--format` is not given.
    static var standard: Self { get }
}

/// Table, CSV or JSON (forecast, backtest, bench).
enum TabularFormat: String, ResultFormat {
    case table, csv, json
    static var standard: Self { .table }
}

/// A table or JSON (regress and the air commands that print a report).
enum TableOrJSONFormat: String, ResultFormat {
    case table, json
    static var standard: Self { .table }
}

/// CSV or JSON (air localize, whose periods are data for other tools).
enum CSVOrJSONFormat: String, ResultFormat {
    case csv, json
    static var standard: Self { .csv }
}

/// Where every command's result goes: standard output, text as built and JSON with its
/// `schemaVersion`, indented.
enum ResultWriter {
    static func write(_ text: String) {
        print(text)
    }

    static func write(_ json: JSONValue) {
        print(JSONContract.versioned(json).serialized())
    }
}

extension FormatOption where Format == TabularFormat {
    /// Writes the result in the chosen format, building only that one.
    func print(table: () -> String, csv: () -> String, json: () -> JSONValue) {
        switch value {
        case .table: ResultWriter.write(table())
        case .csv: ResultWriter.write(csv())
        case .json: ResultWriter.write(json())
        }
    }
}

extension FormatOption where Format == TableOrJSONFormat {
    /// Writes the result in the chosen format, building only that one.
    func print(table: () -> String, json: () -> JSONValue) {
        switch value {
        case .table: ResultWriter.write(table())
        case .json: ResultWriter.write(json())
        }
    }
}

extension FormatOption where Format == CSVOrJSONFormat {
    /// Writes the result in the chosen format, building only that one.
    func print(csv: () -> String, json: () -> JSONValue) {
        switch value {
        case .csv: ResultWriter.write(csv())
        case .json: ResultWriter.write(json())
        }
    }
}
