#!/usr/bin/env Rscript
# R forecast peer for Benchmarks/compare/compare.py.
#
#   Rscript r_forecast.R INPUT.csv HORIZON SEASON_LENGTH MODELS OUT_FORECASTS.csv OUT_TIMES.csv
#
# INPUT is the long format (series,date,value; rows of a series contiguous and in date order).
# MODELS is a comma-separated subset of auto.arima,ets,thetaf,snaive. For every series and model
# the fit and the forecast (80% and 95% intervals) are timed together by the elapsed (wall-clock)
# time of proc.time(), the quantity `urbancast bench` and the statsforecast peer report per series;
# run it with one BLAS thread (OPENBLAS_NUM_THREADS=1), as compare.py does.
# One untimed warm-up fit per model on the first series comes first, so lazy loading and byte
# compilation are not charged to the first series.
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 6) stop("usage: r_forecast.R INPUT HORIZON SEASON_LENGTH MODELS OUT_FORECASTS OUT_TIMES")
input <- args[1]; h <- as.integer(args[2]); m <- as.integer(args[3])
models <- strsplit(args[4], ",")[[1]]
data <- read.csv(input, colClasses = c("character", "character", "numeric"))
ids <- unique(data$series)
split_values <- split(data$value, factor(data$series, levels = ids))

fit_forecast <- function(model, y) {
  switch(model,
    auto.arima = forecast(auto.arima(y), h = h, level = c(80, 95)),
    ets = forecast(ets(y), h = h, level = c(80, 95)),
    thetaf = thetaf(y, h = h, level = c(80, 95)),
    snaive = snaive(y, h = h, level = c(80, 95)),
    stop("unknown model ", model))
}

fc_rows <- list(); time_rows <- list()
for (model in models) {
  invisible(fit_forecast(model, ts(split_values[[1]], frequency = m)))
  for (id in ids) {
    y <- ts(split_values[[id]], frequency = m)
    t0 <- proc.time()
    f <- tryCatch(fit_forecast(model, y), error = function(e) e)
    t1 <- proc.time()
    cpu <- t1[["elapsed"]] - t0[["elapsed"]]
    ok <- !inherits(f, "error")
    time_rows[[length(time_rows) + 1]] <- data.frame(series = id, model = model, seconds = cpu,
                                                   error = if (ok) "" else conditionMessage(f))
    if (ok) {
      fc_rows[[length(fc_rows) + 1]] <- data.frame(
        series = id, model = model, step = seq_len(h), mean = as.numeric(f$mean),
        lo80 = as.numeric(f$lower[, 1]), hi80 = as.numeric(f$upper[, 1]),
        lo95 = as.numeric(f$lower[, 2]), hi95 = as.numeric(f$upper[, 2]))
    }
  }
}
write.csv(do.call(rbind, fc_rows), args[5], row.names = FALSE)
write.csv(do.call(rbind, time_rows), args[6], row.names = FALSE)
