# Reference fills for UrbanCast's missing-value policies from R: forecast::na.interp (default
# lambda = NULL) and stats::na.contiguous, on real series of the bundled Datasets/.
#
#   Rscript Tests/ForecastingTests/Fixtures/r-forecast/missing/make_missing_fixtures.R
#
# writes missing.json beside this script (15 significant digits, jsonlite's most; NA as null). Each case says
# whether its gaps are the data's own or removed here, and which.
suppressPackageStartupMessages(library(forecast))
library(jsonlite)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
datasets <- normalizePath(file.path(here, "..", "..", "..", "..", "..", "Datasets"))
read_series <- function(file, ...) {
  d <- read.csv(file.path(datasets, file), stringsAsFactors = FALSE, check.names = FALSE, encoding = "UTF-8")
  filters <- list(...)
  for (column in names(filters)) d <- d[d[[column]] == filters[[column]], ]
  d[order(d$date), ]
}
cases <- list()
add <- function(name, source, gaps, y, lambda = NULL) {
  interpolated <- na.interp(y, lambda = lambda)
  linear <- frequency(y) <= 1 || sum(!is.na(y)) <= 2 * frequency(y)
  contiguous <- na.contiguous(y)
  first <- round((tsp(contiguous)[1] - tsp(y)[1]) * frequency(y)) + 1
  cases[[length(cases) + 1]] <<- list(
    name = name, source = source, gaps = gaps, seasonLength = frequency(y),
    lambda = if (is.null(lambda)) NA else lambda,
    values = as.numeric(y), missing = sum(is.na(y)), linear = linear,
    interpolated = as.numeric(interpolated),
    contiguousFirst = first, contiguousLast = first + length(contiguous) - 1,
    contiguous = as.numeric(contiguous))
}

# Daily NO2 and CO at Dongsi, 2013-03-01 to 2017-02-28: the data's own gaps (days without an
# hourly reading). Frequency 7, so na.interp takes its STL path.
no2 <- read_series("beijing_12sites_daily_long.csv", station = "Dongsi", pollutant = "NO2")
add("Dongsi NO2 daily", "Datasets/beijing_12sites_daily_long.csv station=Dongsi pollutant=NO2",
    "real: the data's own missing days", ts(no2$value, frequency = 7))
co <- read_series("beijing_12sites_daily_long.csv", station = "Dongsi", pollutant = "CO")
add("Dongsi CO daily", "Datasets/beijing_12sites_daily_long.csv station=Dongsi pollutant=CO",
    "real: the data's own missing days", ts(co$value, frequency = 7))

# Monthly mean PM2.5 at Dongsi (mean of the month's observed days), 2013-03 to 2017-02, with
# months removed: seasonal (frequency 12) with 41 of 48 observed, so na.interp's STL path.
pm <- read_series("beijing_12sites_daily_long.csv", station = "Dongsi", pollutant = "PM2.5")
monthly <- tapply(pm$value, substr(pm$date, 1, 7), mean, na.rm = TRUE)
removed <- c(2, 9, 10, 11, 23, 30, 44)
y <- ts(as.numeric(monthly), start = c(2013, 3), frequency = 12)
y[removed] <- NA
add("Dongsi PM2.5 monthly", "monthly means of Datasets/beijing_12sites_daily_long.csv station=Dongsi pollutant=PM2.5",
    paste("removed: months", paste(removed, collapse = ", "), "(1-based)"), y)
# The same gaps filled on the log scale (lambda = 0) and transformed back.
add("Dongsi PM2.5 monthly, lambda 0", "the same monthly means",
    paste("removed: months", paste(removed, collapse = ", "), "(1-based)"), y, lambda = 0)
# The same series with fifteen months removed (found by a seeded search for a case of this
# kind): a value of the STL fill lies more than half the observed range beyond it, so na.interp
# falls back to linear interpolation.
y <- ts(as.numeric(monthly), start = c(2013, 3), frequency = 12)
removed <- c(3, 5, 6, 7, 8, 9, 11, 27, 34, 36, 37, 41, 43, 47, 48)
y[removed] <- NA
add("Dongsi PM2.5 monthly, implausible STL fill", "the same monthly means",
    paste("removed: months", paste(removed, collapse = ", "), "(1-based)"), y)
# Its first 26 months with four removed: 22 observed, not more than two seasons, so linear.
short <- window(ts(as.numeric(monthly), start = c(2013, 3), frequency = 12), end = c(2015, 4))
short[c(1, 7, 8, 20)] <- NA
add("Dongsi PM2.5 monthly, short", "the first 26 of those monthly means",
    "removed: months 1, 7, 8, 20 (1-based)", short)

# Yearly NYC water consumption 1979-2022 (non-seasonal, so linear), with years removed.
water <- read_series("nyc_water_long.csv", indicator = "water_consumption")
y <- ts(water$value, start = 1979)
y[c(7, 19, 20, 21, 32)] <- NA
add("NYC water consumption yearly", "Datasets/nyc_water_long.csv indicator=water_consumption",
    "removed: 1985, 1997-1999, 2010", y)

# Delhi's population every five years, 1950-2035, first two and last removed: the ends are
# carried outwards (approx rule = 2).
delhi <- read_series("un_wup2018_largest_agglomerations_long.csv", city = "Delhi")
y <- ts(delhi$value)  # one value per five years; frequency 1 as a plain vector
y[c(1, 2, length(y))] <- NA
add("Delhi population", "Datasets/un_wup2018_largest_agglomerations_long.csv city=Delhi",
    "removed: 1950, 1955, 2035", y)

# R's tie rule: NYC population 1979-1999 with 1989 removed. Both stretches have ten years, and
# na.contiguous counts the second with the gap before it, so it keeps 1990-1999.
population <- read_series("nyc_water_long.csv", indicator = "population")
y <- ts(population$value[1:21], start = 1979)
y[11] <- NA
add("NYC population, tie", "Datasets/nyc_water_long.csv indicator=population, 1979-1999",
    "removed: 1989", y)
# Two later stretches of six years tie, and the first of them is kept.
y <- ts(population$value[1:21], start = 1979)
y[c(4, 11, 18)] <- NA
add("NYC population, later tie", "Datasets/nyc_water_long.csv indicator=population, 1979-1999",
    "removed: 1982, 1989, 1996", y)

out <- list(r = R.version.string, forecast = as.character(packageVersion("forecast")), cases = cases)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, na = "null", pretty = TRUE),
           file.path(here, "missing.json"))
