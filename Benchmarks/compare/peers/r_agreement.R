#!/usr/bin/env Rscript
# R forecast 8.20 reference fits for Benchmarks/compare/r_agreement.py.
#
#   Rscript r_agreement.R INPUT.csv HORIZON SEASON_LENGTH OUTPUT.json
#
# INPUT is the long format (series,date,value; rows of a series contiguous and in date order).
# For every series it writes, with default arguments everywhere (as a planner would call them):
#   autoArima  auto.arima(y): name, arma (p, q, P, Q, m, d, D), coefficient names and values,
#              log-likelihood, AICc;
#   arima      Arima(y) refitted at auto.arima's orders with its mean/drift choice (the reference
#              for urbancast's fixed-order fit): coefficients, sigma2, log-likelihood;
#   ets        ets(y): method, components, parameters, log-likelihood, AICc;
#   etsFixed   ets(y, model = ets's choice, damped = its choice): the reference for urbancast's
#              fixed-specification fit (for n <= parameters + 4 this is R's Holt-Winters fallback,
#              which the automatic search does not take, with a null log-likelihood);
#   theta, naive, snaive, drift, mean
#              thetaf, naive, snaive, rwf(drift = TRUE), meanf: point forecasts and 80/95% bounds.
# A failed call records its error message instead. Numbers are written with 15 significant digits.
suppressPackageStartupMessages({ library(forecast); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 4) stop("usage: r_agreement.R INPUT HORIZON SEASON_LENGTH OUTPUT")
h <- as.integer(args[2]); m <- as.integer(args[3])
data <- read.csv(args[1], colClasses = c("character", "character", "numeric"))
ids <- unique(data$series)
values <- split(data$value, factor(data$series, levels = ids))

num <- function(v) { v <- as.numeric(v); v[!is.finite(v)] <- NA; v }
arr <- function(v) if (length(v)) I(v) else list()
guard <- function(expr) tryCatch(expr, error = function(e) list(error = conditionMessage(e)))
fc_json <- function(fc) list(mean = num(fc$mean), lo80 = num(fc$lower[, 1]), hi80 = num(fc$upper[, 1]),
                             lo95 = num(fc$lower[, 2]), hi95 = num(fc$upper[, 2]))
ets_json <- function(e) list(method = e$method, components = I(unname(e$components)),
                             parNames = arr(names(e$par)), par = arr(unname(num(e$par))),
                             loglik = if (is.null(e$loglik)) NA else e$loglik,
                             aicc = if (is.null(e$aicc)) NA else num(e$aicc))

out <- list()
for (id in ids) {
  y <- ts(values[[id]], frequency = m)
  rec <- list(series = id, n = length(y))
  a <- tryCatch(auto.arima(y), error = function(e) e)
  if (inherits(a, "error")) {
    rec$autoArima <- list(error = conditionMessage(a))
  } else {
    cn <- as.character(names(a$coef))
    rec$autoArima <- list(name = forecast:::arima.string(a, padding = FALSE), arma = a$arma,
                          coefNames = arr(cn), coef = arr(num(a$coef)), loglik = a$loglik, aicc = num(a$aicc))
    o <- a$arma
    rec$arima <- guard({
      f <- Arima(y, order = c(o[1], o[6], o[2]), seasonal = c(o[3], o[7], o[4]),
                 include.mean = "intercept" %in% cn, include.drift = "drift" %in% cn)
      list(name = forecast:::arima.string(f, padding = FALSE), coefNames = arr(names(f$coef)),
           coef = arr(num(f$coef)), sigma2 = f$sigma2, loglik = f$loglik, aicc = num(f$aicc))
    })
  }
  e <- tryCatch(ets(y), error = function(err) err)
  if (inherits(e, "error")) {
    rec$ets <- list(error = conditionMessage(e))
  } else {
    rec$ets <- ets_json(e)
    cm <- e$components
    rec$etsFixed <- guard({
      f <- ets(y, model = paste0(cm[1], cm[2], cm[3]), damped = as.logical(cm[4]))
      set.seed(1)
      c(ets_json(f), if (is.null(f$loglik)) list(forecast = fc_json(forecast(f, h = h, level = c(80, 95)))))
    })
  }
  rec$theta <- guard(fc_json(thetaf(y, h = h, level = c(80, 95))))
  rec$naive <- guard(fc_json(naive(y, h = h, level = c(80, 95))))
  rec$snaive <- guard(fc_json(snaive(y, h = h, level = c(80, 95))))
  rec$drift <- guard(fc_json(rwf(y, h = h, drift = TRUE, level = c(80, 95))))
  rec$mean <- guard(fc_json(meanf(y, h = h, level = c(80, 95))))
  out[[length(out) + 1]] <- rec
}
meta <- list(R = R.version.string, forecast = as.character(packageVersion("forecast")),
             BLAS = sessionInfo()$BLAS)
writeLines(toJSON(list(meta = meta, series = out), auto_unbox = TRUE, digits = NA, na = "null"), args[4])
