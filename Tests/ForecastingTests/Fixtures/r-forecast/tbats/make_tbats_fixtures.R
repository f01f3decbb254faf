# Reference TBATS fits and forecasts from R forecast's tbats (De Livera, Hyndman & Snyder 2011).
#
#   Rscript Tests/ForecastingTests/Fixtures/r-forecast/tbats/make_tbats_fixtures.R
#
# (run from the repository root) writes tbats.json beside this script. For each series it records
# R's automatic choice (Box-Cox, trend, damping, harmonics per period, ARMA orders), the estimated
# parameters, seed states, R's objective (`likelihood`: n log SSE - 2(lambda - 1) sum log y), AIC,
# the starting lambda (BoxCox.lambda(y, lower = 0, upper = 1)), point forecasts and 80/95% intervals
# exactly as forecast.tbats prints them, and the same intervals recomputed here with the model's
# own persistence vector g. forecast.tbats 8.20 builds its g with `beta_s = object$beta.v`, a name
# the fitted object does not have (it stores `beta`), so for a model with a trend R's g has no
# trend entry and its seasonal smoothing parameters shifted by one place; `correctedLower/Upper`
# use the g the model was estimated with (variance multipliers 1 + sum_j (w' F^(j-1) g)^2).
# `batsInitialLambda` is the starting lambda of the non-seasonal BATS candidate tbats() also fits
# (bats() on the plain vector, so Guerrero's subseries have length 2); a series where that
# candidate wins has `seasonal` false. The run is single-threaded (use.parallel = FALSE) so the choice does not depend on the machine.
suppressPackageStartupMessages(library(forecast))
library(jsonlite)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
cases <- list()
num <- function(x) if (is.null(x)) NULL else as.numeric(x)
vec <- function(x) I(if (is.null(x)) numeric(0) else as.numeric(x))
correctedIntervals <- function(fit, h, level = c(80, 95)) {
  k <- fit$k.vector; tau <- 2 * sum(k)
  p <- fit$p; q <- fit$q
  beta <- fit$beta; phi <- fit$damping.parameter
  adj <- if (is.null(beta)) 0 else 1
  gb <- unlist(lapply(seq_along(k), function(i) c(rep(fit$gamma.one.values[i], k[i]), rep(fit$gamma.two.values[i], k[i]))))
  g <- numeric(1 + adj + tau + p + q)
  g[1] <- fit$alpha
  if (adj == 1) g[2] <- beta
  g[(adj + 2):(adj + 1 + tau)] <- gb
  if (p > 0) g[1 + adj + tau + 1] <- 1
  if (q > 0) g[1 + adj + tau + p + 1] <- 1
  F <- forecast:::makeTBATSFMatrix(alpha = fit$alpha, beta = beta, small.phi = phi,
    seasonal.periods = fit$seasonal.periods, k.vector = as.integer(k), gamma.bold.matrix = matrix(gb, nrow = 1),
    ar.coefs = fit$ar.coefficients, ma.coefs = fit$ma.coefficients)
  w <- numeric(length(g)); w[1] <- 1
  if (adj == 1) w[2] <- phi
  pos <- 1 + adj
  for (i in seq_along(k)) { w[(pos + 1):(pos + k[i])] <- 1; pos <- pos + 2 * k[i] }
  if (p > 0) w[(1 + adj + tau + 1):(1 + adj + tau + p)] <- fit$ar.coefficients
  if (q > 0) w[(1 + adj + tau + p + 1):(1 + adj + tau + p + q)] <- fit$ma.coefficients
  mult <- numeric(h); mult[1] <- 1; run <- diag(length(g))
  if (h > 1) for (j in 1:(h - 1)) { if (j > 1) run <- run %*% F; mult[j + 1] <- mult[j] + as.numeric(w %*% run %*% g)^2 }
  x <- fit$x[, ncol(fit$x)]; mean <- numeric(h)
  for (t in 1:h) { mean[t] <- sum(w * x); x <- F %*% x }
  sd <- sqrt(fit$variance * mult)
  out <- list(lower = list(), upper = list(), mean = mean)
  for (i in seq_along(level)) {
    z <- abs(qnorm((100 - level[i]) / 200))
    lo <- mean - z * sd; up <- mean + z * sd
    if (!is.null(fit$lambda)) {
      lo <- InvBoxCox(lo, fit$lambda); if (fit$lambda < 1) lo <- pmax(lo, 0); up <- InvBoxCox(up, fit$lambda)
    }
    out$lower[[i]] <- as.numeric(lo); out$upper[[i]] <- as.numeric(up)
  }
  out
}
add <- function(name, y, periods, h) {
  stopifnot(!anyNA(y))
  ys <- msts(y, seasonal.periods = periods)
  started <- proc.time()[["elapsed"]]
  fit <- tbats(ys, use.parallel = FALSE)
  seconds <- proc.time()[["elapsed"]] - started
  fc <- forecast(fit, h = h, level = c(80, 95))
  seasonal <- !is.null(fit$seasonal.periods)
  corrected <- if (seasonal) correctedIntervals(fit, h) else NULL
  initLambda <- if (all(y > 0)) BoxCox.lambda(ys, lower = 0, upper = 1) else NULL
  # the starting lambda of the non-seasonal BATS candidate: bats() sees as.numeric(y), frequency 1
  batsInitLambda <- if (all(y > 0)) BoxCox.lambda(as.numeric(y), lower = 0, upper = 1) else NULL
  cases[[length(cases) + 1]] <<- list(
    name = name, values = as.numeric(y), periods = I(periods), horizon = h, rSeconds = seconds,
    seasonal = seasonal, initialLambda = initLambda, batsInitialLambda = batsInitLambda,
    useBoxCox = !is.null(fit$lambda), useTrend = !is.null(fit$beta),
    useDamping = isTRUE(fit$parameters$control$use.damping),
    k = vec((fit$k.vector)), p = length(fit$ar.coefficients), q = length(fit$ma.coefficients),
    lambda = num(fit$lambda), alpha = fit$alpha, beta = num(fit$beta), phi = num(fit$damping.parameter),
    gammaOne = vec((fit$gamma.one.values)), gammaTwo = vec((fit$gamma.two.values)),
    ar = vec((fit$ar.coefficients)), ma = vec((fit$ma.coefficients)),
    parameters = vec((fit$parameters$vect)), seedStates = I(as.numeric(fit$seed.states)),
    likelihood = fit$likelihood, aic = fit$AIC, variance = fit$variance,
    optimCode = if (is.null(fit$optim.return.code)) NULL else fit$optim.return.code,
    mean = as.numeric(fc$mean),
    lower = lapply(1:2, function(i) as.numeric(fc$lower[, i])),
    upper = lapply(1:2, function(i) as.numeric(fc$upper[, i])),
    correctedLower = if (seasonal) corrected$lower else NULL,
    correctedUpper = if (seasonal) corrected$upper else NULL)
  cat(name, ":", as.character(fit), "likelihood", fit$likelihood, "AIC", fit$AIC, "in", seconds, "s\n")
}
taylor4 <- as.numeric(taylor)[(length(taylor) - 48 * 28 + 1):length(taylor)]
add("taylor last 4 weeks", taylor4, c(48, 336), 96)
add("USAccDeaths", as.numeric(USAccDeaths), 12, 24)
add("AirPassengers", as.numeric(AirPassengers), 12, 24)
add("nottem", as.numeric(nottem), 12, 24)
add("UKgas", as.numeric(UKgas), 4, 12)
tetouan <- read.csv("Datasets/tetouan_power_hourly_long.csv")
zone1 <- tetouan$value[tetouan$series == "zone1"]
add("tetouan zone1 last 4 weeks", zone1[(length(zone1) - 24 * 28 + 1):length(zone1)], c(24, 168), 48)
dongsi <- read.csv("Datasets/beijing_dongsi_hourly_wide.csv")
no2 <- dongsi$NO2
# the last 4-week window without missing values
end <- length(no2)
while (anyNA(no2[(end - 24 * 28 + 1):end])) end <- end - 24
add("dongsi NO2 hourly 4 weeks", no2[(end - 24 * 28 + 1):end], c(24, 168), 48)
daily <- read.csv("Datasets/beijing_12sites_daily_wide.csv")
tiantan <- daily$PM10[daily$station == "Tiantan"][1:(3 * 365)]
add("tiantan PM10 daily 3 years", tiantan, c(7, 365.25), 60)
meta <- list(r = R.version.string, forecast = as.character(packageVersion("forecast")))
writeLines(toJSON(list(meta = meta, cases = cases), digits = NA, auto_unbox = TRUE, na = "null", null = "null"),
           file.path(here, "tbats.json"))
