# Produces arima_fixtures.json: reference fits of forecast::Arima and forecast::auto.arima
# (R forecast 8.20) on real series from R's `datasets` and `forecast` packages.
# Run from this folder with R's reference BLAS (Debian's libblas3, r-base-core's default):
#
#   LD_PRELOAD=/usr/lib/x86_64-linux-gnu/blas/libblas.so.3 Rscript make_arima_fixtures.R
#
# The preload matters where OpenBLAS is the system BLAS: arima's starting values come from lm, whose
# last bits depend on the BLAS, and on flat likelihoods the optimum R reaches can follow them
# (Benchmarks/RESULTS.md, M3 per frequency group). The script stops under any other BLAS.
suppressPackageStartupMessages({ library(forecast); library(jsonlite) })
blas <- sessionInfo()$BLAS
if (!grepl("/blas/libblas", blas)) stop("run with the reference BLAS (see the header); R uses ", blas)

series <- list(
  AirPassengers = AirPassengers, USAccDeaths = USAccDeaths, nottem = nottem,
  lynx = lynx, Nile = Nile, WWWusage = WWWusage, austres = austres, UKgas = UKgas,
  JohnsonJohnson = JohnsonJohnson, ldeaths = ldeaths, mdeaths = mdeaths, fdeaths = fdeaths,
  LakeHuron = LakeHuron, uspop = uspop, airmiles = airmiles, BJsales = BJsales,
  nhtemp = nhtemp, UKDriverDeaths = UKDriverDeaths, wineind = wineind, woolyrnq = woolyrnq,
  gas_tail = ts(tail(as.numeric(gas), 120), frequency = 12),
  sunspot.year = sunspot.year,
  treering_tail = ts(tail(as.numeric(treering), 200), frequency = 1),
  presidents = presidents, lh = lh, discoveries = discoveries,
  co2_tail = ts(tail(as.numeric(co2), 120), frequency = 12),
  Seatbelts_drivers = Seatbelts[, "drivers"],
  short_Nile10 = ts(tail(as.numeric(Nile), 10), frequency = 1),
  short_lynx8 = ts(head(as.numeric(lynx), 8), frequency = 1),
  short_LakeHuron15 = ts(tail(as.numeric(LakeHuron), 15), frequency = 1),
  short_airmiles12 = ts(head(as.numeric(airmiles), 12), frequency = 1),
  short_uspop6 = ts(head(as.numeric(uspop), 6), frequency = 1),
  short_nhtemp5 = ts(tail(as.numeric(nhtemp), 5), frequency = 1)
)

num <- function(v) { v <- as.numeric(v); v[!is.finite(v)] <- NA; v }

fit_record <- function(y, order, seasonal, mean, drift, xreg = NULL, newxreg = NULL, method = "CSS-ML") {
  m <- frequency(y)
  h <- if (!is.null(newxreg)) NROW(newxreg) else if (m > 1) 2 * m else 10
  rec <- list(order = order, seasonal = seasonal, mean = mean, drift = drift,
              xreg = !is.null(xreg), method = method)
  fit <- tryCatch(Arima(y, order = order, seasonal = seasonal, include.mean = mean,
                        include.drift = drift, xreg = xreg, method = method),
                  error = function(e) e)
  if (inherits(fit, "error")) { rec$error <- conditionMessage(fit); return(rec) }
  se <- if (length(fit$var.coef)) sqrt(pmax(diag(fit$var.coef), 0)) else numeric()
  fc <- forecast(fit, h = h, level = c(80, 95), xreg = newxreg)
  c(rec, list(name = forecast:::arima.string(fit, padding = FALSE),
    coefNames = names(fit$coef), coef = num(fit$coef), se = num(se),
    sigma2 = fit$sigma2, loglik = fit$loglik, aic = num(fit$aic), aicc = num(fit$aicc),
    bic = num(fit$bic), code = fit$code, nobs = fit$nobs,
    residuals = num(residuals(fit)),
    forecast = list(mean = num(fc$mean), lo80 = num(fc$lower[, 1]), hi80 = num(fc$upper[, 1]),
                    lo95 = num(fc$lower[, 2]), hi95 = num(fc$upper[, 2]))))
}

grid_for <- function(m, n) {
  g <- list(
    list(c(1, 0, 0), c(0, 0, 0), TRUE, FALSE),
    list(c(0, 1, 1), c(0, 0, 0), FALSE, FALSE),
    list(c(2, 1, 1), c(0, 0, 0), FALSE, FALSE),
    list(c(1, 1, 1), c(0, 0, 0), FALSE, TRUE),
    list(c(2, 0, 2), c(0, 0, 0), TRUE, FALSE),
    list(c(0, 2, 2), c(0, 0, 0), FALSE, FALSE))
  if (m > 1) g <- c(g, list(
    list(c(0, 1, 1), c(0, 1, 1), FALSE, FALSE),
    list(c(1, 0, 1), c(1, 0, 0), TRUE, FALSE),
    list(c(2, 1, 0), c(1, 1, 0), FALSE, FALSE),
    list(c(1, 0, 0), c(0, 1, 1), FALSE, TRUE)))
  if (n < 16) g <- g[1:4]
  g
}

out <- list()
for (nm in names(series)) {
  y <- series[[nm]]
  m <- frequency(y)
  cat(nm, "\n")
  rec <- list(name = nm, frequency = m, values = num(y))
  rec$fits <- lapply(grid_for(m, length(y)), function(g)
    fit_record(y, g[[1]], g[[2]], g[[3]], g[[4]]))
  if (nm %in% c("AirPassengers", "lynx", "UKgas")) {
    rec$fits <- c(rec$fits, list(
      fit_record(y, c(1, 1, 1), c(0, 0, 0), FALSE, FALSE, method = "ML"),
      fit_record(y, c(1, 1, 1), c(0, 0, 0), FALSE, FALSE, method = "CSS")))
  }
  a <- auto.arima(y)
  rec$auto <- list(name = forecast:::arima.string(a, padding = FALSE), arma = a$arma,
                   loglik = a$loglik, aicc = num(a$aicc),
                   ndiffs = ndiffs(y), nsdiffs = if (m > 1) nsdiffs(y) else 0)
  if (m > 1 && !anyNA(y)) rec$seasonalStrength <- forecast:::seas.heuristic(y)
  if (length(y) >= 20) {
    b <- auto.arima(y, stepwise = FALSE, approximation = FALSE, max.order = 4)
    rec$autoFull <- list(name = forecast:::arima.string(b, padding = FALSE), arma = b$arma,
                         loglik = b$loglik, aicc = num(b$aicc))
  }
  out[[length(out) + 1]] <- rec
}

# Regression with ARIMA errors: drivers on PetrolPrice, last 12 months held out as future xreg.
sb <- Seatbelts
n <- nrow(sb)
y <- ts(sb[1:(n - 12), "drivers"], start = start(sb), frequency = 12)
xr <- matrix(sb[1:(n - 12), "PetrolPrice"], ncol = 1, dimnames = list(NULL, "PetrolPrice"))
nx <- matrix(sb[(n - 11):n, "PetrolPrice"], ncol = 1, dimnames = list(NULL, "PetrolPrice"))
rec <- list(name = "Seatbelts_drivers_xreg", frequency = 12, values = num(y),
            xregNames = "PetrolPrice", xreg = num(xr[, 1]), newxreg = num(nx[, 1]))
rec$fits <- list(
  fit_record(y, c(1, 0, 0), c(0, 1, 1), FALSE, FALSE, xreg = xr, newxreg = nx),
  fit_record(y, c(1, 0, 1), c(1, 0, 0), TRUE, FALSE, xreg = xr, newxreg = nx),
  fit_record(y, c(0, 1, 1), c(0, 1, 1), FALSE, FALSE, xreg = xr, newxreg = nx),
  fit_record(y, c(1, 1, 0), c(0, 0, 0), FALSE, TRUE, xreg = xr, newxreg = nx))
a <- auto.arima(y, xreg = xr)
rec$auto <- list(name = forecast:::arima.string(a, padding = FALSE), arma = a$arma,
                 loglik = a$loglik, aicc = num(a$aicc))
out[[length(out) + 1]] <- rec

meta <- list(generator = "make_arima_fixtures.R", R = R.version.string,
             forecast = as.character(packageVersion("forecast")), blas = blas)
writeLines(toJSON(list(meta = meta, series = out), auto_unbox = TRUE, digits = NA, na = "null"),
           "arima_fixtures.json")
