import CLapacke

/// Set OpenBLAS to one thread, once per process, before the first BLAS or LAPACK call.
///
/// UrbanCast parallelises across series and draws; OpenBLAS's own threads would oversubscribe the
/// cores and slow the small problems that dominate city forecasting (docs/DESIGN.md, numerical policy).
private let openBLASSingleThreaded: Void = {
    openblas_set_num_threads(1)
}()

@inline(__always)
func ensureBLASConfigured() {
    _ = openBLASSingleThreaded
}

/// LAPACK's integer type (32-bit on Debian's LP64 OpenBLAS).
typealias LapackInt = urbancast_lapack_int

let columnMajor = Int32(LAPACK_COL_MAJOR)

@inline(__always)
func lapackChar(_ c: Unicode.Scalar) -> CChar { CChar(UInt8(ascii: c)) }

/// Map a LAPACK `info` code to a typed error; `positive` describes what `info > 0` means for
/// this routine.
func checkInfo(_ info: LapackInt, _ routine: String,
               positive: (Int) -> LinearAlgebraError) throws(LinearAlgebraError) {
    if info < 0 { throw .illegalArgument(routine: routine, position: Int(-info)) }
    if info > 0 { throw positive(Int(info)) }
}

func requireFinite(_ values: [Double], _ routine: String) throws(LinearAlgebraError) {
    for v in values where !v.isFinite { throw .nonFiniteInput(routine: routine) }
}
