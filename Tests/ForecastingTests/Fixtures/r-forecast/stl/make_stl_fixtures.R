# Reference decompositions for UrbanCast's STL and MSTL from R (stats::stl, forecast 8.20 mstl).
#
#   Rscript Tests/ForecastingTests/Fixtures/r-forecast/stl/make_stl_fixtures.R
#
# writes stl.json beside this script (15 significant digits). Series are R's own datasets and
# forecast's taylor (half-hourly electricity demand with daily and weekly cycles).
suppressPackageStartupMessages(library(forecast))
library(jsonlite)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
cases <- list()
add <- function(name, y, s.window, robust = FALSE, t.window = NULL) {
  fit <- if (is.null(t.window)) stl(y, s.window = s.window, robust = robust) else
    stl(y, s.window = s.window, robust = robust, t.window = t.window)
  ts <- fit$time.series
  cases[[length(cases) + 1]] <<- list(name = name, period = frequency(y), values = as.numeric(y),
    sWindow = if (is.character(s.window)) "periodic" else s.window, robust = robust,
    tWindow = if (is.null(t.window)) NA else t.window,
    seasonal = as.numeric(ts[, "seasonal"]), trend = as.numeric(ts[, "trend"]),
    weights = as.numeric(fit$weights))
}
add("nottem periodic", nottem, "periodic")
add("co2 s7", co2, 7)
add("AirPassengers log s13", log(AirPassengers), 13)
add("USAccDeaths s11", USAccDeaths, 11)
add("UKgas s9", UKgas, 9)
add("UKgas robust s9", UKgas, 9, robust = TRUE)
add("USAccDeaths robust s7", USAccDeaths, 7, robust = TRUE)
add("ldeaths s21 t15", ldeaths, 21, t.window = 15)
add("wineind robust periodic", wineind, "periodic", robust = TRUE)
mcases <- list()
addm <- function(name, y) {
  fit <- mstl(y)
  cols <- colnames(fit)
  mcases[[length(mcases) + 1]] <<- list(name = name, values = as.numeric(y),
    periods = I(if (inherits(y, "msts")) attributes(y)$msts else frequency(y)),
    trend = as.numeric(fit[, "Trend"]),
    seasonals = lapply(grep("Seasonal", cols), function(i) as.numeric(fit[, i])),
    remainder = as.numeric(fit[, "Remainder"]),
    strength = I(forecast:::seas.heuristic(y)))
}
addm("taylor 3 weeks", msts(head(taylor, 48 * 21), seasonal.periods = c(48, 336)))
addm("USAccDeaths", USAccDeaths)
addm("AirPassengers", AirPassengers)
addm("nottem", nottem)
meta <- list(r = R.version.string, forecast = as.character(packageVersion("forecast")))
writeLines(toJSON(list(meta = meta, stl = cases, mstl = mcases), digits = NA, auto_unbox = TRUE, na = "null"),
           file.path(here, "stl.json"))
