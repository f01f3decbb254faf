# Reference forecasts of MSTL + ETS for several seasonal periods from R forecast's stlf on an msts
# (stlf -> mstl -> forecast.stl with ETS "ZZN" on the seasonally adjusted series and a seasonal
# naive of each seasonal component).
#
#   Rscript Tests/ForecastingTests/Fixtures/r-forecast/stl/make_mstl_forecast_fixtures.R
#
# (run from the repository root) writes mstl_forecasts.json beside this script. Series: forecast's
# taylor (half-hourly electricity demand, periods 48 and 336), the bundled Tetouan hourly power
# consumption (Datasets/tetouan_power_hourly_long.csv, periods 24 and 168), a seeded synthetic
# daily series with weekly and yearly cycles (periods 7 and 365.25, which STL takes as 365), and
# USAccDeaths with its one period.
suppressPackageStartupMessages(library(forecast))
library(jsonlite)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
cases <- list()
add <- function(name, y, periods, h) {
  fc <- stlf(msts(y, seasonal.periods = periods), h = h, level = c(80, 95))
  cases[[length(cases) + 1]] <<- list(name = name, values = as.numeric(y), periods = I(periods), horizon = h,
    etsModel = fc$model$method, mean = as.numeric(fc$mean),
    lower = lapply(1:2, function(i) as.numeric(fc$lower[, i])),
    upper = lapply(1:2, function(i) as.numeric(fc$upper[, i])))
}
add("taylor weeks 1-4", as.numeric(taylor)[1:(48 * 28)], c(48, 336), 96)
add("taylor weeks 7-12", as.numeric(taylor)[(48 * 42 + 1):(48 * 84)], c(48, 336), 48)
tetouan <- read.csv("Datasets/tetouan_power_hourly_long.csv")
zone1 <- tetouan$value[tetouan$series == "zone1"]
zone3 <- tetouan$value[tetouan$series == "zone3"]
add("tetouan zone1 weeks 1-6", zone1[1:(24 * 42)], c(24, 168), 48)
add("tetouan zone3 weeks 20-27", zone3[(24 * 7 * 19 + 1):(24 * 7 * 27)], c(24, 168), 24)
set.seed(20261208)
t <- 1:(365 * 3)
daily <- round(100 + 0.02 * t + 8 * sin(2 * pi * t / 7) + 15 * sin(2 * pi * t / 365.25) + rnorm(length(t), 0, 3), 3)
add("synthetic daily 3 years", daily, c(7, 365.25), 30)
add("USAccDeaths", as.numeric(USAccDeaths), 12, 24)
meta <- list(r = R.version.string, forecast = as.character(packageVersion("forecast")))
writeLines(toJSON(list(meta = meta, cases = cases), digits = NA, auto_unbox = TRUE, na = "null"),
           file.path(here, "mstl_forecasts.json"))
