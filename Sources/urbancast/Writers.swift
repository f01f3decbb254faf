import ArgumentParser
import Foundation
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
/// `schemaVersion`, indented; a streamed result to standard output or a file put in place whole.
/// (A scenario run's folder of files is written by `RunDirectory`, which puts them in place together.)
enum ResultWriter {
    /// Writes a table or CSV text and a line break.
    static func write(_ text: String) {
        print(text)
    }

    /// Writes a JSON document (its `Codable` contract type, through `JSONValueEncoder`) with its
    /// `schemaVersion` first, indented, and a line break.
    static func write(_ document: any Encodable) throws {
        print(try JSONValueEncoder().document(document))
    }

    /// Streams a result too large to hold to standard output, or to `path`: written beside the
    /// target and renamed into place, so a failure or an interruption leaves no partial file.
    ///
    /// - Parameters:
    ///   - path: The file, or `nil` for standard output.
    ///   - replacingExisting: Whether a file already at `path` is replaced.
    ///   - replaceOption: The option that replaces an existing file, for the message.
    ///   - produce: Hands the result's bytes, in order, to the writer it is given.
    /// - Throws: `ExitCode(1)` after printing an output error in the command line's words; what
    ///   `produce` throws otherwise (a `CancellationError`, say), after discarding the partial file.
    static func stream(to path: String?, replacingExisting: Bool, replaceOption: String,
                       _ produce: (_ write: ([UInt8]) throws -> Void) async throws -> Void) async throws {
        guard let path else {
            let standardOutput = FileHandle.standardOutput
            try await produce { standardOutput.write(Data($0)) }
            return
        }
        func fail(_ error: OutputError) -> ExitCode {
            printError(outputMessage(error, replaceOption: replaceOption))
            return ExitCode(1)
        }
        let file: OutputFile
        do {
            file = try OutputFile(path: path, replacingExisting: replacingExisting)
        } catch {
            throw fail(error)
        }
        do {
            try await produce { try file.write($0) }
        } catch {
            file.discard()
            if let error = error as? OutputError { throw fail(error) }
            throw error
        }
        do {
            try file.commit()
        } catch {
            throw fail(error)
        }
    }
}

extension FormatOption where Format == TabularFormat {
    /// Writes the result in the chosen format, building only that one.
    func print(table: () -> String, csv: () -> String, json: () -> any Encodable) throws {
        switch value {
        case .table: ResultWriter.write(table())
        case .csv: ResultWriter.write(csv())
        case .json: try ResultWriter.write(json())
        }
    }
}

extension FormatOption where Format == TableOrJSONFormat {
    /// Writes the result in the chosen format, building only that one.
    func print(table: () -> String, json: () -> any Encodable) throws {
        switch value {
        case .table: ResultWriter.write(table())
        case .json: try ResultWriter.write(json())
        }
    }
}

extension FormatOption where Format == CSVOrJSONFormat {
    /// Writes the result in the chosen format, building only that one.
    func print(csv: () -> String, json: () -> any Encodable) throws {
        switch value {
        case .csv: ResultWriter.write(csv())
        case .json: try ResultWriter.write(json())
        }
    }
}
