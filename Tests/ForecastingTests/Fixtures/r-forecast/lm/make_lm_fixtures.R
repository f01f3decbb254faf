# Reference values for LINPACKLeastSquares: R's lm.fit / lsfit / summary.lm, bit for bit.
#
# R's least squares goes through LINPACK (dqrdc2, dqrsl) and the BLAS that R is linked with, and
# the last bits of its answers depend on that BLAS. The reference is Debian's reference BLAS
# (libblas3, what r-base-core installs by default); where OpenBLAS is the system BLAS, preload
# the reference one for this script only:
#
#   LD_PRELOAD=/usr/lib/x86_64-linux-gnu/blas/libblas.so.3 \
#     Rscript Tests/ForecastingTests/Fixtures/r-forecast/lm/make_lm_fixtures.R
#
# writes lm.json beside this script: every double as C99 hexadecimal ("%a"), so the test can
# demand equality to the last bit. The script stops when R is not running the reference BLAS.
# Series are R's own datasets (R licence).
library(jsonlite)
blas <- sessionInfo()$BLAS
if (!grepl("/blas/libblas", blas)) stop("run with the reference BLAS (see the header); R uses ", blas)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
hex <- function(v) I(sprintf("%a", as.numeric(v)))

case <- function(name, X, y, note) {
  fit <- lm.fit(X, y)
  coef <- as.numeric(fit$coefficients)
  out <- list(name = name, note = note, columns = lapply(seq_len(ncol(X)), function(j) hex(X[, j])),
              response = hex(y), rank = fit$rank, pivot = I(fit$qr$pivot - 1L),
              coefficients = I(ifelse(is.na(coef), "NA", sprintf("%a", coef))), residuals = hex(fit$residuals))
  if (fit$rank == ncol(X)) {
    out$standardErrors <- hex(summary(lm(y ~ X - 1))$coefficients[, 2])
  }
  out
}

nile <- as.numeric(Nile)
dnile <- diff(nile)
air <- as.numeric(log(AirPassengers))
n <- length(air)
tt <- seq_len(n)
four <- cbind(1, tt, sin(2 * pi * tt / 12), cos(2 * pi * tt / 12))
huron <- as.numeric(LakeHuron)
lynx10 <- as.numeric(lynx)[1:10]
cases <- list(
  case("mean of Nile", matrix(1, length(nile), 1), nile,
       "lm(x ~ 1): the intercept start of an ARIMA with mean"),
  case("drift of Nile", matrix(1, length(dnile), 1), dnile,
       "lm(diff(x) ~ diff(1:n) - 1): the drift start of an ARIMA(p,1,q) with drift"),
  case("lsfit line on lynx", cbind(1, 1:10), lynx10,
       "lsfit(1:10, y): ETS's initial level and trend"),
  case("trend and Fourier on log AirPassengers", four, air,
       "tslm(y ~ trend + fourier(y, 1)): ETS's initial season on short series"),
  case("LakeHuron on a constant, a second constant and a time trend", cbind(1, 3, 1:98), huron,
       "rank 2: the second constant is cycled to the end (pivot 0, 2, 1) and its coefficient is NA"),
  case("LakeHuron on a constant and a nearly constant column", cbind(1, 1 + 1e-9 * sin(1:98)), huron,
       "the second column falls below 1e-7 of its norm: rank 1 as R's tolerance decides")
)
writeLines(toJSON(list(blas = blas, R = R.version.string, cases = cases), auto_unbox = TRUE, pretty = TRUE),
           file.path(here, "lm.json"))
