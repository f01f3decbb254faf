import Forecasting
import Foundation

/// A regression run on a wide CSV file, as `urbancast regress` performs it: select rows, drop rows
/// with a missing value in a used column (R's `na.omit`), fit, and report.
public struct RegressionRun: Sendable {
    /// What to fit.
    public struct Request: Sendable, Equatable {
        /// The wide CSV file.
        public var file: String
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

        /// A request for ordinary least squares with an intercept.
        public init(file: String, response: String, predictors: [String], filters: [(column: String, value: String)] = [],
                    weights: String? = nil, options: RegressionOptions = RegressionOptions()) {
            self.file = file
            self.response = response
            self.predictors = predictors
            self.filters = filters
            self.weights = weights
            self.options = options
        }

        /// Equality of all stored fields.
        public static func == (lhs: Request, rhs: Request) -> Bool {
            lhs.file == rhs.file && lhs.response == rhs.response && lhs.predictors == rhs.predictors
                && lhs.filters.map(\.column) == rhs.filters.map(\.column) && lhs.filters.map(\.value) == rhs.filters.map(\.value)
                && lhs.weights == rhs.weights && lhs.options == rhs.options
        }
    }

    /// The request.
    public let request: Request
    /// The fitted model.
    public let fit: LinearRegression
    /// Rows in the file, rows kept by the filters, and rows dropped for a missing value.
    public let rowsInFile: Int, rowsSelected: Int, rowsDroppedMissing: Int

    /// Read the file and fit.
    ///
    /// - Throws: `RegressionRunError.data` with every problem in the file as `FILE:LINE:COLUMN`,
    ///   `.model` when the model cannot be fitted (rank deficiency naming the aliased columns, too
    ///   few rows), `.noRows` when the filters select nothing.
    /// - Complexity: O(n p²).
    public init(_ request: Request) throws(RegressionRunError) {
        self.request = request
        let table: WideTable
        do {
            table = try WideTable.read(contentsOf: request.file, dateColumn: .none)
        } catch {
            throw .data(error.description)
        }
        var selected = Array(0..<table.rowCount)
        for filter in request.filters {
            let text: [String]
            do { text = try table.textColumn(named: filter.column) } catch { throw .data("\(request.file): \(error.description)") }
            selected = selected.filter { text[$0] == filter.value }
        }
        guard !selected.isEmpty else {
            throw .noRows("\(request.file): no rows match \(request.filters.map { "\($0.column)=\($0.value)" }.joined(separator: " "))")
        }
        let names = [request.response] + request.predictors + (request.weights.map { [$0] } ?? [])
        let columns: [[Double]]
        do {
            columns = try table.columns(named: names)
        } catch {
            if case .unknownColumn = error { throw .data("\(request.file): \(error.description)") }
            throw .data(error.description)
        }
        let complete = selected.filter { i in columns.allSatisfy { !$0[i].isNaN } }
        rowsInFile = table.rowCount
        rowsSelected = selected.count
        rowsDroppedMissing = selected.count - complete.count
        let response = complete.map { columns[0][$0] }
        let predictors = (1...request.predictors.count).map { j in complete.map { columns[j][$0] } }
        var options = request.options
        if request.weights != nil { options.weights = complete.map { columns[names.count - 1][$0] } }
        do {
            fit = try LinearRegression(response: response, predictors: predictors, names: request.predictors, options: options)
        } catch {
            throw .model("\(request.file): \(error.description)")
        }
    }
}

/// Why a regression run failed; the message is ready to print.
public enum RegressionRunError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Problems in the file, one per line as `FILE:LINE:COLUMN: message`, or an unknown column.
    case data(String)
    /// The model could not be fitted.
    case model(String)
    /// The filters selected no rows.
    case noRows(String)

    /// A sentence for people: what went wrong or what the value is.
    public var description: String {
        switch self {
        case let .data(message), let .model(message), let .noRows(message): message
        }
    }
}
