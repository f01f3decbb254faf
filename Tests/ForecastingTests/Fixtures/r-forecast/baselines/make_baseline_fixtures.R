# Reference values for UrbanCast's benchmark forecasts, Box-Cox and accuracy metrics, from
# R's forecast package (8.20 on Debian: r-cran-forecast).
#
#   Rscript Tests/ForecastingTests/Fixtures/r-forecast/baselines/make_baseline_fixtures.R
#
# writes baselines.json beside this script. Series are R's own datasets (public domain / R licence)
# plus forecast's wineind; numbers are written with 15 significant digits (jsonlite digits = NA).
suppressPackageStartupMessages(library(forecast))
library(jsonlite)

here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
series <- list(
  AirPassengers = AirPassengers, USAccDeaths = USAccDeaths, Nile = Nile, lynx = lynx,
  austres = austres, presidents = presidents, WWWusage = WWWusage,
  # uspop is decennial (frequency 0.1); as a plain yearly-indexed series it has frequency 1.
  uspop = ts(as.numeric(uspop), start = 1),
  JohnsonJohnson = JohnsonJohnson, nottem = nottem, UKgas = UKgas, LakeHuron = LakeHuron,
  ldeaths = ldeaths, airmiles = airmiles, wineind = wineind, BJsales = BJsales,
  short_uspop = ts(as.numeric(window(uspop, start = 1880, end = 1950)), start = 1), nhtemp = nhtemp,
  # First and last values equal, so the differences' mean is exactly 0: lm() still returns a drift
  # of about 4e-17, so rwf's residual variance divides by n_e - 1 (the drift's degree of freedom).
  discoveries_10 = ts(as.numeric(discoveries)[4:13], start = 1)
)

fc_json <- function(fc) {
  list(mean = as.numeric(fc$mean),
       lower80 = as.numeric(fc$lower[, 1]), upper80 = as.numeric(fc$upper[, 1]),
       lower95 = as.numeric(fc$lower[, 2]), upper95 = as.numeric(fc$upper[, 2]))
}

out <- list()
for (name in names(series)) {
  y <- series[[name]]
  m <- frequency(y)
  h <- if (m > 1) 2 * m else 10
  entry <- list(name = name, frequency = m, values = as.numeric(y), horizon = h)
  entry$naive <- fc_json(naive(y, h = h))
  entry$snaive <- fc_json(snaive(y, h = h))
  entry$drift <- fc_json(rwf(y, h = h, drift = TRUE))
  entry$mean <- fc_json(meanf(y, h = h))
  if (!anyNA(y)) {
    th <- thetaf(y, h = h)
    entry$theta <- fc_json(th)
    entry$thetaAlpha <- unname(th$model$alpha)
    if (m > 1 && length(y) > 2 * m) {
      st <- stlf(y, h = h)
      entry$stlf <- fc_json(st)
      entry$stlfModel <- st$model$method
    }
  }
  if (all(y > 0, na.rm = TRUE) && !anyNA(y)) {
    entry$lambdaGuerrero <- BoxCox.lambda(y)
    entry$lambdaAuto <- BoxCox.lambda(y, lower = -0.9)
    entry$naiveLog <- fc_json(naive(y, h = h, lambda = 0, biasadj = TRUE))
    entry$meanSqrt <- fc_json(meanf(y, h = h, lambda = 0.5, biasadj = TRUE))
    entry$driftLambdaMedian <- fc_json(rwf(y, h = h, drift = TRUE, lambda = 0.3))
  }
  if (!anyNA(y) && length(y) > 2 * h) {
    n <- length(y)
    train <- head(y, n - h)
    fc <- snaive(train, h = h)
    acc <- accuracy(fc, y)
    entry$accuracy <- list(trainLength = n - h, ME = acc[2, "ME"], RMSE = acc[2, "RMSE"],
                           MAE = acc[2, "MAE"], MPE = acc[2, "MPE"], MAPE = acc[2, "MAPE"],
                           MASE = acc[2, "MASE"])
  }
  out[[length(out) + 1]] <- entry
}
meta <- list(r = R.version.string, forecast = as.character(packageVersion("forecast")),
             script = "make_baseline_fixtures.R", levels = c(80, 95))
writeLines(toJSON(list(meta = meta, series = out), digits = NA, auto_unbox = TRUE, na = "null"),
           file.path(here, "baselines.json"))
