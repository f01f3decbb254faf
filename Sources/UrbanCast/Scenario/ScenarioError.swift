/// One problem in a scenario specification, located by key path (or, for a syntax error, by line
/// and column).
///
/// ```swift
/// SpecDiagnostic(file: "spec.yaml", path: "scenarios.efficient.measures[1].from",
///                message: "2019 is before base_year 2022").description
/// // "spec.yaml: scenarios.efficient.measures[1].from: 2019 is before base_year 2022"
/// ```
public struct SpecDiagnostic: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The specification file as the user gave it.
    public var file: String
    /// The key path, e.g. `drivers.population.growth.percent`, or `nil` for the file as a whole.
    public var path: String?
    /// The line and column of a syntax error, or `nil` when the problem is named by its path.
    public var position: (line: Int, column: Int)? {
        line.map { ($0, column ?? 1) }
    }
    private var line: Int?
    private var column: Int?
    /// What is wrong and what to change.
    public var message: String

    /// A problem named by its key path.
    ///
    /// - Parameters:
    ///   - file: The specification file.
    ///   - path: The key path, or `nil` for the whole file.
    ///   - message: What is wrong.
    public init(file: String, path: String?, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    /// A syntax problem at a line and column.
    ///
    /// - Parameters:
    ///   - file: The specification file.
    ///   - line: The line, from 1.
    ///   - column: The column, from 1.
    ///   - message: What is wrong.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `FILE: path: message`, `FILE:LINE:COLUMN: message` or `FILE: message`.
    public var description: String {
        if let line { return "\(file):\(line):\(column ?? 1): \(message)" }
        if let path { return "\(file): \(path): \(message)" }
        return "\(file): \(message)"
    }
}

/// Why a scenario could not be checked or run: the typed error of the scenario engine. Every
/// case's ``description`` is ready to print.
public enum ScenarioError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The specification is not valid: every problem found, in file order.
    case spec([SpecDiagnostic])
    /// A history or path file is not valid (`FILE:LINE:COLUMN: message` lines) or not readable.
    case data(String)
    /// A model could not be fitted or forecast; the message names the indicator or driver.
    case model(String)
    /// The run's options are not valid (negative draws).
    case invalidOptions(String)
    /// The task running the draws was cancelled before they were all drawn; no partial result is
    /// returned.
    case cancelled

    /// The problems, one per line.
    public var description: String {
        switch self {
        case .spec(let diagnostics): diagnostics.map(\.description).joined(separator: "\n")
        case let .data(message), let .model(message), let .invalidOptions(message): message
        case .cancelled: "cancelled before every draw was made"
        }
    }
}
