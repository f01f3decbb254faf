import Forecasting
import Foundation

/// Fits the drivers' and indicators' models on history up to a year, for the run (through the
/// base year) and for the hindcast (through the base year minus the held-out years).
struct ScenarioModelFitting {
    let specification: ScenarioSpecification
    /// Each driver's history (`nil` for a driver given only by a path).
    let driverHistory: [YearlySeries?]
    /// Each indicator's history.
    let indicatorHistory: [YearlySeries]

    private var file: String { specification.file }

    private func modelError(_ name: String, _ message: String) -> ScenarioError {
        .model("\(file): \(name): \(message)")
    }

    /// The history of a series over `first…through`, failing when `through` is not observed.
    func window(_ series: YearlySeries, through year: Int) -> (first: Int, values: [Double])? {
        guard let history = series.history(through: year), history.value(in: year) != nil else { return nil }
        return (history.firstYear, history.values)
    }

    /// Prepare a driver projection for the `count` years after `through`.
    ///
    /// - Returns: the prepared projection and its fit report.
    func prepareDriver(_ index: Int, projection: ScenarioSpecification.Projection, through year: Int, count n: Int,
                       pathPoints: [ScenarioSpecification.YearValue]?) throws(ScenarioError)
        -> (PreparedProjection, JSONValue)
    {
        let driver = specification.drivers[index]
        let history = driverHistory[index]
        switch projection {
        case let .growth(percent, sd):
            guard let base = history?.value(in: year) else {
                throw modelError("drivers.\(driver.name)", "growth needs a value in \(year) in the history")
            }
            return (PreparedProjection(form: .growth(base: base, rate: percent / 100, standardDeviation: sd / 100)),
                    .object([("method", .string("growth")), ("percentPerYear", .number(percent)), ("sd", .number(sd)),
                             ("baseValue", .number(base))]))
        case .model(let model):
            guard let history, let window = window(history, through: year) else {
                throw modelError("drivers.\(driver.name)", "the model needs history through \(year)")
            }
            let (fitted, forecast) = try fitAndForecast(model, window.values, horizon: n, name: "drivers.\(driver.name).model")
            return (PreparedProjection(form: .model(ForecastPath(forecast))),
                    .object([("method", .string("model"))] + Self.summaryJSON(fitted.summary)))
        case .pathFile(_, _, relative: true):
            let points = pathPoints ?? []
            guard let base = history?.value(in: year) else {
                throw modelError("drivers.\(driver.name)", "a relative path needs a value in \(year) in the history")
            }
            let anchor = interpolate(points, at: year)
            let values = (1...n).map { base * interpolate(points, at: year + $0) / anchor }
            return (PreparedProjection(form: .path(values)),
                    .object([("method", .string("relative path")), ("baseValue", .number(base)), ("pathAtBase", .number(anchor))]))
        case .path, .pathFile:
            var points = pathPoints ?? []
            if let base = history?.value(in: year), !(points.contains { $0.year == year }) {
                points.insert(ScenarioSpecification.YearValue(year: year, value: base), at: 0)
                points.sort { $0.year < $1.year }
            }
            let values = (1...n).map { interpolate(points, at: year + $0) }
            return (PreparedProjection(form: .path(values)), .object([("method", .string("path"))]))
        }
    }

    /// Fit a yearly time-series model and forecast `horizon` years with a 95% interval.
    private func fitAndForecast(_ model: ModelSpecification, _ values: [Double], horizon: Int, name: String)
        throws(ScenarioError) -> (any FittedForecaster, Forecast)
    {
        do {
            let fitted = try model.fit(values, seasonLength: 1)
            return (fitted, try fitted.forecast(horizon: horizon, levels: [95]))
        } catch {
            throw modelError(name, error.description)
        }
    }

    static func summaryJSON(_ summary: ModelSummary) -> [(String, JSONValue)] {
        [("model", .string(summary.name)),
         ("parameters", .object(summary.parameters.map { ($0.name, .number($0.value)) })),
         ("sigma2", .optionalNumber(summary.sigma2)),
         ("aicc", .optionalNumber(summary.aicc))]
    }

    static func regressionJSON(_ fit: LinearRegression, model: String) -> [(String, JSONValue)] {
        [("model", .string(model)),
         ("coefficients", .array(fit.coefficients.map {
             .object([("name", .string($0.name)), ("estimate", .number($0.estimate)), ("stdError", .number($0.standardError))])
         })),
         ("observations", .integer(fit.observationCount)),
         ("rSquared", .number(fit.rSquared)),
         ("residualStandardError", .number(fit.residualStandardError))]
    }

    /// Prepare an indicator's model fitted through `year`, to project `futureDrivers` (one path
    /// per driver over the projected years; used for the forecast of regressions with ARIMA errors).
    func prepareIndicator(_ index: Int, through year: Int, futureDrivers: [[Double]]) throws(ScenarioError)
        -> (PreparedIndicator, JSONValue)
    {
        let indicator = specification.indicators[index]
        let name = "indicators.\(indicator.name)"
        let n = futureDrivers.first?.count ?? (specification.horizon - year)
        let driverIndex: (String) -> Int = { driver in specification.drivers.firstIndex { $0.name == driver } ?? 0 }
        guard let window = window(indicatorHistory[index], through: year) else {
            throw modelError(name, "'\(indicator.series)' has no value in \(year)")
        }
        let years = Array(window.first...year)
        func driverValues(_ driver: String) throws(ScenarioError) -> [Double] {
            guard let history = driverHistory[driverIndex(driver)] else {
                throw modelError(name, "driver '\(driver)' has no history (give it series:) to fit the model on")
            }
            return years.map { history.value(in: $0) ?? .nan }
        }
        func regression(_ y: [Double], _ x: [[Double]], _ names: [String]) throws(ScenarioError) -> LinearRegression {
            let rows = y.indices.filter { r in y[r].isFinite && x.allSatisfy { $0[r].isFinite } }
            do {
                return try LinearRegression(response: rows.map { y[$0] }, predictors: x.map { c in rows.map { c[$0] } }, names: names)
            } catch {
                throw modelError(name, error.description)
            }
        }
        let population = indicator.population.map(driverIndex)
        switch indicator.model {
        case .intensity(.timeSeries(let model)):
            let p = try driverValues(indicator.population ?? "")
            let intensity = zip(window.values, p).map { v, q in q > 0 ? v / q : .nan }
            let start = intensity.firstIndex { !$0.isNaN } ?? 0
            let (fitted, forecast) = try fitAndForecast(model, Array(intensity[start...]), horizon: n, name: "\(name).intensity")
            return (PreparedIndicator(form: .intensitySeries(ForecastPath(forecast)), population: population),
                    .object([("method", .string("intensity"))] + Self.summaryJSON(fitted.summary)))
        case let .intensity(.elasticity(affluence, quadratic)):
            let p = try driverValues(indicator.population ?? "")
            let a = try driverValues(affluence)
            let y = zip(window.values, p).map { v, q in v > 0 && q > 0 ? log(v / q) : .nan }
            let x = a.map { $0 > 0 ? log($0) : .nan }
            let columns = quadratic ? [x, x.map { $0 * $0 }] : [x]
            let names = quadratic ? ["log(\(affluence))", "log(\(affluence))^2"] : ["log(\(affluence))"]
            let fit = try regression(y, columns, names)
            let factor = try covarianceFactor(fit.covariance)
            return (PreparedIndicator(form: .elasticity(beta: fit.estimates, factor: factor, sigma: fit.residualStandardError,
                                                        quadratic: quadratic, affluence: driverIndex(affluence)),
                                      population: population),
                    .object([("method", .string("intensity"))] + Self.regressionJSON(
                        fit, model: quadratic ? "log-log elasticity, quadratic (Kuznets)" : "log-log elasticity")))
        case let .regression(on, errors?):
            var regressors: [ARIMARegressor] = []
            for driver in on { regressors.append(ARIMARegressor(name: driver, values: try driverValues(driver))) }
            let future = on.map { ARIMARegressor(name: $0, values: futureDrivers[driverIndex($0)]) }
            let model: ARIMAModel
            let forecast: Forecast
            do throws(ForecastingError) {
                guard let fitted = try errors.fit(window.values, seasonLength: 1, regressors: regressors,
                                                  futureRegressors: future) as? RegressionWithARIMAErrors else {
                    throw .invalidSpecification("regression errors need an ARIMA model")
                }
                model = fitted.model
                forecast = try model.forecast(horizon: n, levels: [95], futureRegressors: future)
            } catch {
                throw modelError("\(name).errors", error.description)
            }
            let sd = ForecastPath(forecast).standardDeviation
            return (PreparedIndicator(form: .arima(model, drivers: on.map(driverIndex), names: on, standardDeviation: sd),
                                      population: population),
                    .object([("method", .string("regression"))] + Self.summaryJSON(model.summary) + [
                        ("coefficients", .array(zip(model.coefficientNames, zip(model.coefficients, model.standardErrors)).map {
                            .object([("name", .string($0.0)), ("estimate", .number($0.1.0)), ("stdError", .number($0.1.1))])
                        })),
                    ]))
        case .regression(let on, nil):
            var columns: [[Double]] = []
            for driver in on { columns.append(try driverValues(driver)) }
            let fit = try regression(window.values, columns, on)
            let factor = try covarianceFactor(fit.covariance)
            return (PreparedIndicator(form: .ols(beta: fit.estimates, factor: factor, sigma: fit.residualStandardError,
                                                 drivers: on.map(driverIndex)), population: population),
                    .object([("method", .string("regression"))] + Self.regressionJSON(fit, model: "OLS")))
        case .timeSeries(let model):
            let (fitted, forecast) = try fitAndForecast(model, window.values, horizon: n, name: "\(name).model")
            return (PreparedIndicator(form: .series(ForecastPath(forecast)), population: population),
                    .object([("method", .string("time series"))] + Self.summaryJSON(fitted.summary)))
        }
    }
}
