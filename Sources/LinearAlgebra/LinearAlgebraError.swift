/// Errors from the linear-algebra layer. Every LAPACK `info != 0` becomes one of these, never a number.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// LAPACK rejected argument number `position` of `routine` (its `info < 0`).
    /// This indicates a bug in UrbanCast rather than in the data; please report it.
    case illegalArgument(routine: String, position: Int)
    /// The matrix is exactly singular: `routine` found a zero pivot at (one-based) `index`.
    case singular(routine: String, index: Int)
    /// The matrix is not positive definite: the leading minor of order `minor` is not positive.
    case notPositiveDefinite(routine: String, minor: Int)
    /// An iterative LAPACK routine (SVD, eigenvalues) did not converge; `info` is LAPACK's code.
    case noConvergence(routine: String, info: Int)
    /// The input contains NaN or an infinity; LAPACK is never called on such input.
    case nonFiniteInput(routine: String)
    /// A least-squares design has numerical rank `rank` below its `columns`; `aliased` lists the
    /// zero-based columns that are (numerically) linear combinations of the others.
    case rankDeficient(rank: Int, columns: Int, aliased: [Int])

    /// A sentence for people: what went wrong or what the value is.
    public var description: String {
        switch self {
        case let .illegalArgument(routine, position):
            return "LAPACK \(routine) rejected argument \(position) (internal error, please report it)"
        case let .singular(routine, index):
            return "matrix is singular (\(routine): zero pivot at position \(index))"
        case let .notPositiveDefinite(routine, minor):
            return "matrix is not positive definite (\(routine): leading minor \(minor) is not positive)"
        case let .noConvergence(routine, info):
            return "LAPACK \(routine) did not converge (info = \(info))"
        case let .nonFiniteInput(routine):
            return "input to \(routine) contains NaN or infinity"
        case let .rankDeficient(rank, columns, aliased):
            return "design has rank \(rank) < \(columns) columns; aliased columns: \(aliased)"
        }
    }
}
