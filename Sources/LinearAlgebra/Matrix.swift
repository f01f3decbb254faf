/// A dense matrix of `Double` stored in column-major order, as LAPACK expects.
///
/// Element `(i, j)` lives at `storage[i + j * rows]`. `Matrix` is a value type with copy-on-write
/// storage (through `Array`), so passing it around is cheap and mutation is local.
///
/// ```swift
/// let a = Matrix(rowMajor: [[1, 2], [3, 4]])
/// a[1, 0]          // 3
/// a.transposed[0, 1] // 3
/// ```
public struct Matrix: Sendable, Equatable, CustomStringConvertible {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The elements in column-major order; `storage.count == rows * columns`.
    public internal(set) var storage: [Double]

    /// A `rows × columns` matrix with every element equal to `value`.
    ///
    /// - Complexity: O(rows × columns).
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over existing column-major storage.
    ///
    /// - Parameters:
    ///   - rows: number of rows.
    ///   - columns: number of columns.
    ///   - columnMajor: `rows * columns` elements, column after column.
    public init(rows: Int, columns: Int, columnMajor: [Double]) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        precondition(columnMajor.count == rows * columns,
                     "Matrix storage has \(columnMajor.count) elements, expected \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = columnMajor
    }

    /// A matrix from its columns; every column must have the same length.
    ///
    /// - Complexity: O(rows × columns).
    public init(columns: [[Double]]) {
        let rows = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == rows }, "All columns must have the same length")
        self.init(rows: rows, columns: columns.count, columnMajor: columns.flatMap { $0 })
    }

    /// A matrix from its rows, written as they read on paper; every row must have the same length.
    ///
    /// - Complexity: O(rows × columns).
    public init(rowMajor rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "All rows must have the same length")
        var storage = [Double](repeating: 0, count: rowArrays.count * columns)
        for (i, row) in rowArrays.enumerated() {
            for (j, value) in row.enumerated() { storage[i + j * rowArrays.count] = value }
        }
        self.init(rows: rowArrays.count, columns: columns, columnMajor: storage)
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i + i * n] = 1 }
        return m
    }

    /// The element in row `row` and column `column` (both zero-based).
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            return storage[row + column * rows]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            storage[row + column * rows] = newValue
        }
    }

    /// Column `j` as an array.
    ///
    /// - Complexity: O(rows).
    public func column(_ j: Int) -> [Double] {
        precondition(j >= 0 && j < columns, "Column index out of range")
        return Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// Row `i` as an array.
    ///
    /// - Complexity: O(columns).
    public func row(_ i: Int) -> [Double] {
        precondition(i >= 0 && i < rows, "Row index out of range")
        return (0..<columns).map { storage[i + $0 * rows] }
    }

    /// The diagonal `a[i, i]` for `i < min(rows, columns)`.
    public var diagonal: [Double] {
        (0..<Swift.min(rows, columns)).map { storage[$0 + $0 * rows] }
    }

    /// The transpose.
    ///
    /// - Complexity: O(rows × columns).
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { t.storage[j + i * columns] = storage[i + j * rows] }
        }
        return t
    }

    /// Whether every element is finite (neither NaN nor infinite).
    public var isFinite: Bool { storage.allSatisfy(\.isFinite) }

    /// A sentence for people: what went wrong or what the value is.
    public var description: String {
        (0..<rows).map { i in row(i).map { "\($0)" }.joined(separator: "\t") }.joined(separator: "\n")
    }
}
