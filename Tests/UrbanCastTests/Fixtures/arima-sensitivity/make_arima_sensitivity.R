# Produces arima_sensitivity.json: the sensitivity of forecast::Arima's forecast mean to each
# regression coefficient (intercept, drift, regressors) of a regression with ARIMA errors,
# dŷₙ₊ₕ/dβⱼ, by finite differences in R (R 4.2.x, forecast 8.20).
#
# For each case the model is fitted with forecast::Arima; then every regression coefficient is
# moved by ±eps with all coefficients fixed (`fixed =`, `transform.pars = FALSE`, so nothing is
# re-estimated and the ARMA part is the fitted one), and the forecast for the given future
# regressors is taken: S[h, j] = (ŷ(βⱼ + eps) − ŷ(βⱼ − eps)) / (2 eps). The forecast mean is linear
# in β (the Kalman filter runs on y − Xβ from a zero state), so the difference is exact up to
# rounding. `naive` is what a draw that moves the forecast by δβⱼ · cⱼ,ₕ would use instead
# (cⱼ,ₕ = 1, n + h or xⱼ,ₕ).
#
# Run from this folder:  Rscript make_arima_sensitivity.R
suppressPackageStartupMessages({ library(forecast); library(jsonlite) })

set.seed(20261206)
n <- 40
h <- 6
t <- 1:(n + h)
# A driver that trends and wiggles, like a per-capita index, and a second one for two regressors.
x1 <- 100 + 0.8 * t + 3 * sin(t / 2) + rnorm(n + h, sd = 1)
x2 <- 20 + 2 * cos(t / 3) + 0.1 * t + rnorm(n + h, sd = 0.5)
e_rw <- cumsum(rnorm(n, sd = 2))
e_ar <- as.numeric(arima.sim(list(ar = 0.6), n = n, sd = 2))
e_ma <- cumsum(as.numeric(arima.sim(list(ma = 0.6), n = n, sd = 2)))

cases <- list(
  list(name = "arima010_x", order = c(0, 1, 0), mean = FALSE, drift = FALSE, regs = "x1",
       y = 50 + 1.5 * x1[1:n] + e_rw),
  list(name = "arima011_x", order = c(0, 1, 1), mean = FALSE, drift = FALSE, regs = "x1",
       y = 50 + 1.5 * x1[1:n] + e_ma),
  list(name = "arima100_mean_x", order = c(1, 0, 0), mean = TRUE, drift = FALSE, regs = "x1",
       y = 50 + 1.5 * x1[1:n] + e_ar),
  list(name = "arima110_drift_x", order = c(1, 1, 0), mean = FALSE, drift = TRUE, regs = "x1",
       y = 50 + 0.5 * t[1:n] + 1.5 * x1[1:n] + cumsum(e_ar) / 2),
  list(name = "arima011_x1_x2", order = c(0, 1, 1), mean = FALSE, drift = FALSE, regs = c("x1", "x2"),
       y = 50 + 1.5 * x1[1:n] - 2 * x2[1:n] + e_ma)
)

eps <- 1e-3
out <- list()
for (cs in cases) {
  X <- cbind(x1 = x1, x2 = x2)[, cs$regs, drop = FALSE]
  xin <- X[1:n, , drop = FALSE]
  xout <- X[n + 1:h, , drop = FALSE]
  fit <- Arima(cs$y, order = cs$order, xreg = xin, include.mean = cs$mean, include.drift = cs$drift)
  cf <- coef(fit)
  narma <- sum(cs$order[c(1, 3)])
  reg <- names(cf)[(narma + 1):length(cf)]
  refit <- function(coefs) {
    Arima(cs$y, order = cs$order, xreg = xin, include.mean = cs$mean, include.drift = cs$drift,
          fixed = coefs, transform.pars = FALSE)
  }
  central <- as.numeric(forecast(fit, xreg = xout, h = h)$mean)
  S <- matrix(NA, h, length(reg), dimnames = list(NULL, reg))
  naive <- S
  for (name in reg) {
    up <- cf; up[name] <- up[name] + eps
    down <- cf; down[name] <- down[name] - eps
    fu <- as.numeric(forecast(refit(up), xreg = xout, h = h)$mean)
    fd <- as.numeric(forecast(refit(down), xreg = xout, h = h)$mean)
    S[, name] <- (fu - fd) / (2 * eps)
    naive[, name] <- if (name == "intercept") rep(1, h) else if (name == "drift") n + 1:h else xout[, name]
  }
  out[[length(out) + 1]] <- list(
    name = cs$name, order = cs$order, includeMean = cs$mean, includeDrift = cs$drift,
    y = cs$y, regressorNames = I(cs$regs),
    regressors = unname(lapply(cs$regs, function(r) as.numeric(xin[, r]))),
    future = unname(lapply(cs$regs, function(r) as.numeric(xout[, r]))),
    coefficientNames = I(names(cf)), coefficients = I(as.numeric(cf)),
    forecastMean = central, sensitivityNames = I(reg),
    sensitivity = unname(lapply(reg, function(r) as.numeric(S[, r]))),
    naive = unname(lapply(reg, function(r) as.numeric(naive[, r])))
  )
  cat("\n==", cs$name, " ", paste(names(cf), signif(cf, 6), collapse = ", "), "\n")
  print(cbind(S, naive = naive))
}
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "arima_sensitivity.json")
