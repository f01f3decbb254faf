#ifndef URBANCAST_CLAPACKE_SHIM_H
#define URBANCAST_CLAPACKE_SHIM_H

// Debian's OpenBLAS (LP64, 32-bit integers) and the reference LAPACKE built on it.
// Do not mix with the *64 (ILP64) packages: lapack_int must be 32-bit here.
#include <cblas.h>
#include <lapacke.h>

// lapack_int is a macro in lapacke_config.h and so invisible to Swift; give it a name.
typedef lapack_int urbancast_lapack_int;

#endif
