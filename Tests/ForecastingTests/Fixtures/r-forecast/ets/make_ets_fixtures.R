# Writes ets_fixtures.json: R forecast 8.20's ets() on real series, automatic and fixed specifications.
#
# Run from this folder:  Rscript make_ets_fixtures.R
# Requires: R >= 4, forecast 8.20, jsonlite. Deterministic (set.seed before every simulated forecast).
#
# Every series is stored as plain numbers with an integer frequency (uspop's decennial 0.1 is stored
# as 1, which is what ets() does with it: m < 1 means no season, h = 10).
suppressPackageStartupMessages({ library(forecast); library(jsonlite) })
stopifnot(as.character(packageVersion("forecast")) == "8.20")

s <- function(x, f) ts(as.numeric(x), frequency = f)
series <- list(
  AirPassengers = s(AirPassengers, 12), USAccDeaths = s(USAccDeaths, 12), nottem = s(nottem, 12),
  lynx = s(lynx, 1), Nile = s(Nile, 1), WWWusage = s(WWWusage, 1), austres = s(austres, 4),
  co2_1990 = s(window(co2, start = 1990), 12), UKgas = s(UKgas, 4), JohnsonJohnson = s(JohnsonJohnson, 4),
  ldeaths = s(ldeaths, 12), mdeaths = s(mdeaths, 12), fdeaths = s(fdeaths, 12), LakeHuron = s(LakeHuron, 1),
  uspop = s(uspop, 1), airmiles = s(airmiles, 1), BJsales = s(BJsales, 1), nhtemp = s(nhtemp, 1),
  UKDriverDeaths = s(UKDriverDeaths, 12), wineind = s(wineind, 12), woolyrnq = s(woolyrnq, 4),
  gas_tail120 = s(tail(gas, 120), 12), sunspot.year = s(sunspot.year, 1), treering_tail200 = s(tail(treering, 200), 1),
  discoveries = s(discoveries, 1), lh = s(lh, 1), BJsales.lead = s(BJsales.lead, 1),
  DriversKilled = s(Seatbelts[, "DriversKilled"], 12), front = s(Seatbelts[, "front"], 12),
  AirPassengers_24 = s(AirPassengers[1:24], 12), JohnsonJohnson_12 = s(JohnsonJohnson[1:12], 4),
  UKgas_20 = s(UKgas[1:20], 4),
  uspop_8 = s(uspop[1:8], 1), uspop_12 = s(uspop[8:19], 1), airmiles_12 = s(airmiles[1:12], 1),
  Nile_10 = s(Nile[1:10], 1), LakeHuron_9 = s(LakeHuron[1:9], 1), WWWusage_11 = s(WWWusage[40:50], 1),
  # n <= 6: R's ets() fits Holt-Winters by least squares instead of searching.
  uspop_6 = s(uspop[1:6], 1), airmiles_5 = s(airmiles[1:5], 1), Nile_6 = s(Nile[1:6], 1),
  LakeHuron_5 = s(LakeHuron[1:5], 1), JohnsonJohnson_6 = s(JohnsonJohnson[1:6], 4),
  # m > 24: R ignores the season in the automatic search.
  taylor_48 = s(tail(as.numeric(taylor), 480), 48)
)

describe <- function(fit, y) {
  m <- frequency(y)
  h <- if (m > 1) 2 * m else 10
  set.seed(20240607)
  fc <- forecast(fit, h = h, level = c(80, 95))
  list(
    method = fit$method, components = I(unname(fit$components)),
    parNames = I(names(fit$par)), par = I(unname(fit$par)),
    loglik = fit$loglik, aic = fit$aic, aicc = fit$aicc, bic = fit$bic, sigma2 = fit$sigma2,
    finalState = I(unname(fit$states[length(y) + 1, ])),
    h = h, mean = I(as.numeric(fc$mean)),
    lower80 = I(as.numeric(fc$lower[, 1])), upper80 = I(as.numeric(fc$upper[, 1])),
    lower95 = I(as.numeric(fc$lower[, 2])), upper95 = I(as.numeric(fc$upper[, 2])),
    simulated = fit$components[2] == "M",
    holtWinters = is.null(fit$loglik)
  )
}

specs <- c("ANN", "AAN", "AAdN", "MNN", "MAN", "MAdN", "MMN",
           "ANA", "AAA", "AAdA", "MNA", "MAA", "MAdA", "MNM", "MAM", "MAdM")

out <- list()
for (name in names(series)) {
  y <- series[[name]]
  m <- frequency(y)
  auto <- tryCatch(ets(y), error = function(e) NULL)
  entry <- list(name = name, frequency = m, values = I(as.numeric(y)),
                auto = if (!is.null(auto) && inherits(auto, "ets")) describe(auto, y) else NULL)
  fixed <- list()
  for (spec in specs) {
    e <- substr(spec, 1, 1); damped <- grepl("d", spec)
    tr <- substr(spec, 2, 2); se <- substr(spec, nchar(spec), nchar(spec))
    if (se != "N" && (m == 1 || m > 24)) next
    if (e == "M" && min(y) <= 0) next
    npars <- 2 + 2 * (tr != "N") + m * (se != "N") + damped
    if (tr == "M" && !(name %in% c("AirPassengers", "uspop", "airmiles", "austres", "BJsales"))) next
    fit <- tryCatch(ets(y, model = paste0(e, tr, se), damped = damped), error = function(err) NULL)
    if (is.null(fit) || !inherits(fit, "ets")) next
    fixed[[spec]] <- describe(fit, y)
  }
  entry$fixed <- fixed
  out[[length(out) + 1]] <- entry
}
# Non-default arguments: parameter regions, multiplicative trends, other criteria, damping forced.
variant <- function(series, model = "ZZZ", damped = NULL, bounds = "both", ic = "aicc",
                    allow.multiplicative.trend = FALSE, additive.only = FALSE) {
  list(series = series, model = model, damped = damped, bounds = bounds, ic = ic,
       allowMultiplicativeTrend = allow.multiplicative.trend, additiveOnly = additive.only)
}
variants <- list(
  variant("AirPassengers", "MAM", damped = FALSE, bounds = "usual"),
  variant("AirPassengers", "MAM", damped = FALSE, bounds = "admissible"),
  variant("UKgas", "AAA", damped = FALSE, bounds = "admissible"),
  variant("USAccDeaths", "ANA", damped = FALSE, bounds = "admissible"),
  variant("WWWusage", "AAN", damped = TRUE, bounds = "admissible"),
  variant("Nile", "ANN", damped = FALSE, bounds = "admissible"),
  variant("lynx", "MAN", damped = FALSE, bounds = "usual"),
  variant("AirPassengers", allow.multiplicative.trend = TRUE),
  variant("uspop", allow.multiplicative.trend = TRUE),
  variant("airmiles", allow.multiplicative.trend = TRUE),
  variant("austres", allow.multiplicative.trend = TRUE),
  variant("UKgas", allow.multiplicative.trend = TRUE),
  variant("BJsales", allow.multiplicative.trend = TRUE),
  variant("AirPassengers", ic = "bic"), variant("UKgas", ic = "bic"), variant("WWWusage", ic = "bic"),
  variant("AirPassengers", ic = "aic"), variant("mdeaths", ic = "aic"), variant("lynx", ic = "aic"),
  variant("AirPassengers", additive.only = TRUE), variant("wineind", additive.only = TRUE),
  variant("AirPassengers", damped = TRUE), variant("uspop", damped = TRUE), variant("BJsales", damped = FALSE),
  variant("co2_1990", damped = FALSE)
)
variantOut <- list()
for (v in variants) {
  y <- series[[v$series]]
  args <- list(y, model = v$model, bounds = v$bounds, ic = v$ic,
               allow.multiplicative.trend = v$allowMultiplicativeTrend, additive.only = v$additiveOnly)
  if (!is.null(v$damped)) args$damped <- v$damped
  fit <- do.call(ets, args)
  v$fit <- describe(fit, y)
  if (is.null(v$damped)) v$damped <- NULL
  variantOut[[length(variantOut) + 1]] <- v
}

writeLines(toJSON(list(generator = "make_ets_fixtures.R", forecastVersion = "8.20",
                       rVersion = R.version.string, series = out, variants = variantOut),
                  auto_unbox = TRUE, digits = NA, null = "null", pretty = FALSE),
           "ets_fixtures.json")
cat("wrote", length(out), "series\n")
