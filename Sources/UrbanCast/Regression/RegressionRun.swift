import Forecasting
import Foundation

/// A regression run on a table of columns: select rows, drop rows with a missing value in a used
/// column (R's `na.omit`), fit, and report.
///
/// The run takes its columns as values; ``init(_:)`` is the adapter that reads a wide CSV file
/// first, as `urbancast regress` does.
///
/// ```swift
/// let run = try RegressionRun(
///     ["consumption": [1506, 1426, 1424, 1339, 1240], "population": [7.07, 7.18, 7.32, 7.43, 7.78]],
///     configuration: .init(response: "consumption", predictors: ["population"]))
/// run.fit.coefficients[1].estimate   // Mgal/d per million people: negative
/// ```
public struct RegressionRun: Sendable {
    /// What to fit, apart from the data.
    public struct Configuration: Sendable, Equatable {
        /// Response column.
        public var response: String
        /// Predictor columns, in order.
        public var predictors: [String]
        /// Row filters `column = value` on text columns; all must hold.
        public var filters: [(column: String, value: String)]
        /// Column of case weights for WLS.
        public var weights: String?
        /// Fit options other than the weights.
        public var options: RegressionOptions

        /// A configuration for ordinary least squares with an intercept.
        ///
        /// - Parameters:
        ///   - response: The response column.
        ///   - predictors: The predictor columns, in order.
        ///   - filters: Row filters on text columns, all of which must hold.
        ///   - weights: The column of case weights, or `nil`.
        ///   - options: Fit options other than the weights.
        public init(
            response: String, predictors: [String], filters: [(column: String, value: String)] = [],
            weights: String? = nil, options: RegressionOptions = RegressionOptions()
        ) {
            self.response = response
            self.predictors = predictors
            self.filters = filters
            self.weights = weights
            self.options = options
        }

        /// The numeric columns the fit uses: the response, the predictors, then the weights.
        var numericColumns: [String] { [response] + predictors + (weights.map { [$0] } ?? []) }

        /// Equality of all stored fields.
        public static func == (lhs: Configuration, rhs: Configuration) -> Bool {
            lhs.response == rhs.response && lhs.predictors == rhs.predictors
                && lhs.filters.map(\.column) == rhs.filters.map(\.column)
                && lhs.filters.map(\.value) == rhs.filters.map(\.value)
                && lhs.weights == rhs.weights && lhs.options == rhs.options
        }
    }

    /// A regression run on a wide CSV file, as `urbancast regress` asks for it.
    public struct Request: Sendable, Equatable {
        /// The wide CSV file.
        public var file: String
        /// The response, predictors, filters, weights and options.
        public var configuration: Configuration

        /// A request for ordinary least squares with an intercept.
        public init(
            file: String, response: String, predictors: [String], filters: [(column: String, value: String)] = [],
            weights: String? = nil, options: RegressionOptions = RegressionOptions()
        ) {
            self.file = file
            self.configuration = Configuration(
                response: response, predictors: predictors, filters: filters, weights: weights, options: options)
        }
    }

    /// The configuration the run was made with.
    public let configuration: Configuration
    /// Where the table came from (the file), or `nil` for columns given in memory.
    public let source: String?
    /// The fitted model.
    public let fit: LinearRegression
    /// Rows in the table, rows kept by the filters, and rows dropped for a missing value.
    public let rowsInTable: Int, rowsSelected: Int, rowsDroppedMissing: Int

    /// Fits on columns given in memory.
    ///
    /// - Parameters:
    ///   - columns: Numeric columns by name, `NaN` for a missing value; every column the
    ///     configuration names (response, predictors, weights) must be here.
    ///   - labels: Text columns by name, for the row filters.
    ///   - configuration: The response, predictors, filters, weights and options.
    /// - Throws: ``RegressionRunError/unknownColumn(name:available:source:)`` for a column not
    ///   given; ``RegressionRunError/columnLength(name:count:expected:)`` when the columns differ
    ///   in length; ``RegressionRunError/noRows(filters:source:)`` when the filters select nothing;
    ///   ``RegressionRunError/model(_:source:)`` when the model cannot be fitted (rank deficiency
    ///   naming the aliased columns, too few rows).
    /// - Complexity: O(*n* *p*²).
    public init(_ columns: [String: [Double]], labels: [String: [String]] = [:], configuration: Configuration)
        throws(RegressionRunError)
    {
        let names = configuration.numericColumns + configuration.filters.map(\.column)
        let available = (Array(columns.keys) + Array(labels.keys)).sorted()
        guard let rowCount = columns[configuration.response]?.count else {
            throw .unknownColumn(name: configuration.response, available: available, source: nil)
        }
        for name in names {
            guard let count = columns[name]?.count ?? labels[name]?.count else {
                throw .unknownColumn(name: name, available: available, source: nil)
            }
            guard count == rowCount else { throw .columnLength(name: name, count: count, expected: rowCount) }
        }
        let selection = try Self.select(rowCount, labels: labels, filters: configuration.filters, source: nil)
        try self.init(
            configuration.numericColumns.map { columns[$0] ?? [] }, rows: rowCount, selected: selection,
            configuration: configuration, source: nil)
    }

    /// Reads a wide CSV file and fits: the file adapter in front of ``init(_:labels:configuration:)``.
    ///
    /// - Throws: ``RegressionRunError/data(_:)`` with every problem in the file at its line and
    ///   column; ``RegressionRunError/unknownColumn(name:available:source:)``;
    ///   ``RegressionRunError/noRows(filters:source:)`` when the filters select nothing;
    ///   ``RegressionRunError/model(_:source:)`` when the model cannot be fitted.
    /// - Complexity: reading the file, then O(*n* *p*²).
    public init(_ request: Request) throws(RegressionRunError) {
        let configuration = request.configuration
        let file = request.file
        let table: WideTable
        do {
            table = try WideTable.read(contentsOf: file, dateColumn: .none)
        } catch {
            throw .data(error)
        }
        var labels: [String: [String]] = [:]
        for filter in configuration.filters {
            do {
                labels[filter.column] = try table.textColumn(named: filter.column)
            } catch {
                throw Self.error(error, source: file)
            }
        }
        let selection = try Self.select(table.rowCount, labels: labels, filters: configuration.filters, source: file)
        let columns: [[Double]]
        do {
            columns = try table.columns(named: configuration.numericColumns)
        } catch {
            throw Self.error(error, source: file)
        }
        try self.init(columns, rows: table.rowCount, selected: selection, configuration: configuration, source: file)
    }

    /// The rows every filter keeps.
    ///
    /// - Throws: ``RegressionRunError/noRows(filters:source:)`` when none is left.
    private static func select(
        _ rowCount: Int, labels: [String: [String]], filters: [(column: String, value: String)],
        source: String?
    ) throws(RegressionRunError) -> [Int] {
        var selected = Array(0..<rowCount)
        for filter in filters {
            let text = labels[filter.column] ?? []
            selected = selected.filter { text[$0] == filter.value }
        }
        guard !selected.isEmpty else {
            throw .noRows(
                filters: SeriesKey(columns: filters.map(\.column), values: filters.map(\.value)), source: source)
        }
        return selected
    }

    private static func error(_ error: DataError, source: String) -> RegressionRunError {
        if case .unknownColumn(let name, let available) = error {
            return .unknownColumn(name: name, available: available, source: source)
        }
        return .data(error)
    }

    /// Drops incomplete rows and fits; `columns` are the configuration's numeric columns in order.
    private init(_ columns: [[Double]], rows: Int, selected: [Int], configuration: Configuration, source: String?)
        throws(RegressionRunError)
    {
        self.configuration = configuration
        self.source = source
        let complete = selected.filter { i in columns.allSatisfy { !$0[i].isNaN } }
        rowsInTable = rows
        rowsSelected = selected.count
        rowsDroppedMissing = selected.count - complete.count
        let response = complete.map { columns[0][$0] }
        let predictors = (1..<(1 + configuration.predictors.count)).map { j in complete.map { columns[j][$0] } }
        var options = configuration.options
        if configuration.weights != nil { options.weights = complete.map { columns[columns.count - 1][$0] } }
        do {
            fit = try LinearRegression(
                response: response, predictors: predictors, names: configuration.predictors,
                options: options)
        } catch {
            throw .model(error, source: source)
        }
    }
}

/// Why a regression run failed. Each case keeps its parts; ``description`` words them without
/// naming any command-line option.
public enum RegressionRunError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read, with every problem at its file, line and column.
    case data(DataError)
    /// A column the run needs is not in the table (`source`, the file, or `nil` in memory).
    case unknownColumn(name: String, available: [String], source: String?)
    /// A column given in memory has `count` values; the response has `expected`.
    case columnLength(name: String, count: Int, expected: Int)
    /// The model could not be fitted to the table (`source`, the file, or `nil` in memory).
    case model(RegressionError, source: String?)
    /// The filters (as a key, `region=EAS`) selected no rows.
    case noRows(filters: SeriesKey, source: String?)

    /// A sentence for people, with the file, line and column of file problems.
    public var description: String {
        switch self {
        case .data(let error):
            error.description
        case .unknownColumn(let name, let available, let source):
            SeriesSelection.prefix(source) + DataError.unknownColumn(name: name, available: available).description
        case .columnLength(let name, let count, let expected):
            "column '\(name)' has \(count) values; the response has \(expected)"
        case .model(let error, let source):
            SeriesSelection.prefix(source) + error.description
        case .noRows(let filters, let source):
            SeriesSelection.prefix(source) + "no rows match \(filters)"
        }
    }
}
