import Forecasting

/// Regressor values of a long-format file lined up with each series' regular date grid.
///
/// The history file carries the regressors as extra numeric columns next to `date` and `value`;
/// the future file has the key columns, `date` and the same regressor columns for the forecast
/// dates. Rows are matched by the series key and the date.
struct RegressorAlignment {
    /// Key column name → column values, and the row dates, for one file.
    private let keyColumns: [(name: String, values: [String])]
    private let dates: [SeriesDate]
    private let columns: [String: [Double]]
    private let file: String

    /// Read the regressor columns of a file.
    ///
    /// - Throws: ``ForecastRunError/data(_:)`` with the file's problems (non-numeric cells) at
    ///   their lines and columns, ``ForecastRunError/unknownRegressor(name:file:available:)``,
    ///   or ``ForecastRunError/noDateColumn(file:)``.
    init(file: String, contents: [UInt8]? = nil, regressors: [String]) throws(ForecastRunError) {
        let table: WideTable
        do {
            if let contents {
                table = try WideTable(contents, file: file, dateColumn: .automatic)
            } else {
                table = try WideTable.read(contentsOf: file, dateColumn: .automatic)
            }
        } catch {
            throw .data(error)
        }
        guard let dates = table.dates else { throw .noDateColumn(file: file) }
        var keys: [(String, [String])] = []
        for name in table.columnNames where LongFormat.keyColumns.contains(name) || name == "unique_id" {
            do {
                keys.append((name == "unique_id" ? "series" : name, try table.textColumn(named: name)))
            } catch {
                throw .data(error)
            }
        }
        let values: [[Double]]
        do {
            values = try table.columns(named: regressors)
        } catch {
            if case let .unknownColumn(name, available) = error {
                throw .unknownRegressor(name: name, file: file, available: available)
            }
            throw .data(error)
        }
        keyColumns = keys
        self.dates = dates
        columns = Dictionary(uniqueKeysWithValues: zip(regressors, values))
        self.file = file
    }

    /// The regressors at the given dates for the series with this key.
    ///
    /// - Throws: ``ForecastRunError/missingRegressorValue(regressor:key:date:file:)`` naming the
    ///   first date without a value (a missing row or an empty cell).
    func values(for key: SeriesKey, at wanted: [SeriesDate], regressors: [String]) throws(ForecastRunError) -> [ARIMARegressor] {
        var rowByDate: [SeriesDate: Int] = [:]
        for row in dates.indices where keyColumns.allSatisfy({ key[$0.name] == $0.values[row] }) {
            rowByDate[dates[row]] = row
        }
        return try regressors.map { (name) throws(ForecastRunError) in
            let column = columns[name] ?? []
            var out: [Double] = []
            out.reserveCapacity(wanted.count)
            for date in wanted {
                guard let row = rowByDate[date], !column[row].isNaN else {
                    throw .missingRegressorValue(regressor: name, key: key, date: date, file: file)
                }
                out.append(column[row])
            }
            return ARIMARegressor(name: name, values: out)
        }
    }
}
