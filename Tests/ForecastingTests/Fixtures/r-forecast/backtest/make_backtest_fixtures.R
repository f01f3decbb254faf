# Reference values for UrbanCast's rolling-origin backtests, from R's forecast package
# (8.20 on Debian: r-cran-forecast).
#
#   Rscript Tests/ForecastingTests/Fixtures/r-forecast/backtest/make_backtest_fixtures.R
#
# writes backtest.json beside this script. Series are R's own datasets (R licence).
#
# Each case has:
# - `errors`: forecast's tsCV(y, f, h, window) error matrix, row i (1-based) = the origin whose last
#   training observation is y[i], column j = the j-step error y[i + j] - mean[j]; NA rows are
#   null (origins tsCV skips, failed fits, and the last h rows whose actuals run past the data);
# - `backtest`: one configuration of UrbanCast's windows (K origins t_k = n - h - (K - 1 - k) s,
#   0-based training length t_k, step s, optional sliding length), evaluated here independently
#   with the same forecast function and intervals at 80 and 95%: pooled ME, RMSE, MAE, MPE, MAPE,
#   sMAPE, MASE (also as the mean of accuracy()'s per-window MASE), RMSSE, coverage, Winkler,
#   pinball at the bounds' quantiles, and Gaussian CRPS with sigma from the 95% interval.
# Numbers are written with 15 significant digits.
suppressPackageStartupMessages(library(forecast))
library(jsonlite)

here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))

methods <- list(
  naive = function(y, h, level = c(80, 95)) naive(y, h = h, level = level),
  snaive = function(y, h, level = c(80, 95)) snaive(y, h = h, level = level),
  drift = function(y, h, level = c(80, 95)) rwf(y, h = h, drift = TRUE, level = level),
  mean = function(y, h, level = c(80, 95)) meanf(y, h = h, level = level)
)

cases <- list(
  list(name = "Nile_naive_h3", series = "Nile", y = Nile, method = "naive", h = 3, window = NULL,
       K = 10, step = 2),
  list(name = "Nile_drift_h3", series = "Nile", y = Nile, method = "drift", h = 3, window = NULL,
       K = 12, step = 3),
  list(name = "Nile_mean_sliding20_h2", series = "Nile", y = Nile, method = "mean", h = 2, window = 20,
       K = 12, step = 3),
  list(name = "LakeHuron_drift_h4", series = "LakeHuron", y = LakeHuron, method = "drift", h = 4,
       window = NULL, K = 8, step = 1),
  list(name = "LakeHuron_mean_h3", series = "LakeHuron", y = LakeHuron, method = "mean", h = 3,
       window = NULL, K = 6, step = 5),
  list(name = "AirPassengers_snaive_h12", series = "AirPassengers", y = AirPassengers, method = "snaive",
       h = 12, window = NULL, K = 4, step = 12),
  list(name = "USAccDeaths_snaive_sliding36_h6", series = "USAccDeaths", y = USAccDeaths,
       method = "snaive", h = 6, window = 36, K = 5, step = 3),
  list(name = "JohnsonJohnson_snaive_h4", series = "JohnsonJohnson", y = JohnsonJohnson,
       method = "snaive", h = 4, window = NULL, K = 6, step = 2),
  list(name = "lynx_naive_sliding30_h5", series = "lynx", y = lynx, method = "naive", h = 5, window = 30,
       K = 7, step = 4)
)

crps_gaussian <- function(y, mu, sigma) {
  z <- (y - mu) / sigma
  sigma * (z * (2 * pnorm(z) - 1) + 2 * dnorm(z) - 1 / sqrt(pi))
}

reference_backtest <- function(y, f, h, window, K, step) {
  n <- length(y); m <- frequency(y); lag <- if (m > 1) m else 1
  origins <- n - h - (K - 1 - (0:(K - 1))) * step
  e <- c(); act <- c(); fcm <- c(); sa <- c(); ss <- c(); per_mase <- c()
  lo <- list(c(), c()); hi <- list(c(), c())
  for (t in origins) {
    start <- if (is.null(window)) 1 else t - window + 1
    train <- subset(y, start = start, end = t)
    test <- as.numeric(y[t + seq_len(h)])
    fc <- f(train, h)
    d <- diff(as.numeric(train), lag = lag)
    ee <- test - as.numeric(fc$mean)
    e <- c(e, ee); act <- c(act, test); fcm <- c(fcm, as.numeric(fc$mean))
    sa <- c(sa, abs(ee) / mean(abs(d))); ss <- c(ss, ee^2 / mean(d^2))
    # accuracy() takes its seasonal lag from the test set, so pass it as a ts.
    per_mase <- c(per_mase, accuracy(fc, subset(y, start = t + 1, end = t + h))["Test set", "MASE"])
    for (l in 1:2) {
      lo[[l]] <- c(lo[[l]], as.numeric(fc$lower[, l]))
      hi[[l]] <- c(hi[[l]], as.numeric(fc$upper[, l]))
    }
  }
  levels <- c(80, 95)
  pinball <- function(q, tau) mean(pmax(tau * (act - q), (tau - 1) * (act - q)))
  winkler <- function(l) {
    a <- 1 - levels[l] / 100
    mean((hi[[l]] - lo[[l]]) + 2 / a * pmax(lo[[l]] - act, 0) + 2 / a * pmax(act - hi[[l]], 0))
  }
  sigma <- (hi[[2]] - lo[[2]]) / (2 * qnorm(0.975))
  list(windows = K, step = step, origins = origins, horizon = h,
       me = mean(e), rmse = sqrt(mean(e^2)), mae = mean(abs(e)), mpe = mean(100 * e / act),
       mape = mean(abs(100 * e / act)), smape = mean(200 * abs(e) / (abs(act) + abs(fcm))),
       mase = mean(sa), maseMeanOfWindows = mean(per_mase), rmsse = sqrt(mean(ss)),
       coverage80 = mean(act >= lo[[1]] & act <= hi[[1]]), coverage95 = mean(act >= lo[[2]] & act <= hi[[2]]),
       winkler80 = winkler(1), winkler95 = winkler(2),
       pinball = list(p025 = pinball(lo[[2]], 0.025), p10 = pinball(lo[[1]], 0.1),
                      p90 = pinball(hi[[1]], 0.9), p975 = pinball(hi[[2]], 0.975)),
       crps = mean(crps_gaussian(act, fcm, sigma)))
}

out <- list()
for (case in cases) {
  f <- methods[[case$method]]
  e <- tsCV(case$y, function(x, h) f(x, h), h = case$h, window = case$window)
  e <- matrix(as.numeric(e), ncol = case$h)
  entry <- list(name = case$name, series = case$series, frequency = frequency(case$y),
                values = as.numeric(case$y), method = case$method, horizon = case$h,
                window = if (is.null(case$window)) NA else case$window,
                errors = lapply(seq_len(nrow(e)), function(i) as.list(e[i, ])),
                backtest = reference_backtest(case$y, f, case$h, case$window, case$K, case$step))
  out[[length(out) + 1]] <- entry
}
writeLines(toJSON(list(generator = paste("R", getRversion(), "forecast", packageVersion("forecast")),
                       cases = out),
                  auto_unbox = TRUE, digits = I(15), na = "null", null = "null", pretty = FALSE),
           file.path(here, "backtest.json"))
