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
    /// The base year's hourly data of hourly-load indicators.
    let hourly: [Int: ScenarioData.HourlyRecords]
    /// The rows of cross-section priors, by indicator index.
    let crossSections: [Int: ScenarioData.CrossSection]

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
            let projection = try fitAndForecast(model, window.values, horizon: n, name: "drivers.\(driver.name).model")
            return (PreparedProjection(form: .model(projection.path)),
                    .object([("method", .string("model"))] + Self.summaryJSON(projection.fitted.summary)))
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

    /// Fit a yearly time-series model, forecast `horizon` years and prepare its path simulator.
    private func fitAndForecast(_ model: ModelSpecification, _ values: [Double], horizon: Int, name: String)
        throws(ScenarioError) -> (fitted: any FittedForecaster, path: SeriesProjection)
    {
        do {
            let fitted = try model.fit(values, seasonLength: 1)
            return (fitted, try SeriesProjection(fitted, forecast: try fitted.forecast(horizon: horizon, levels: [])))
        } catch {
            throw modelError(name, error.description)
        }
    }

    /// The affluence at which a Kuznets curve `ln I = a + b x + c x²`, `x = ln A`, peaks:
    /// `A* = exp(−b / (2c))`; `null` unless `c < 0` (a maximum).
    static func turningPoint(_ beta: [Double]) -> JSONValue {
        guard beta.count == 3, beta[2] < 0 else { return .null }
        return .optionalNumber(exp(-beta[1] / (2 * beta[2])))
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
            let (fitted, projection) = try fitAndForecast(model, Array(intensity[start...]), horizon: n, name: "\(name).intensity")
            return (PreparedIndicator(form: .intensitySeries(projection), population: population),
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
                        fit, model: quadratic ? "log-log elasticity, quadratic (Kuznets)" : "log-log elasticity")
                        + (quadratic ? [("turningPoint", Self.turningPoint(fit.estimates))] : [])))
        case let .intensity(.elasticityPrior(driver, prior)):
            let p = try driverValues(indicator.population ?? "")
            let x = try driverValues(driver)
            var logIntensity: [Double] = [], logDriver: [Double] = []
            for k in years.indices where window.values[k] > 0 && p[k] > 0 && x[k] > 0 {
                logIntensity.append(log(window.values[k] / p[k]))
                logDriver.append(log(x[k]))
            }
            guard !logIntensity.isEmpty else {
                throw modelError(name, "no year with '\(indicator.series)', population and \(driver) all positive")
            }
            guard let rows = crossSections[index] else {
                throw modelError(name, "the cross-section prior's rows were not read")
            }
            let crossSection = try Self.crossSectionElasticity(prior, rows: rows, name: "\(name).elasticity.prior")
            let estimate = ElasticityEstimate(prior: crossSection.estimate, logIntensity: logIntensity, logDriver: logDriver)
            let factor = [[-estimate.meanLogDriver * estimate.posterior.standardError, 0], [estimate.posterior.standardError, 0]]
            let form = PreparedIndicator.Form.elasticity(beta: [estimate.level, estimate.posterior.estimate], factor: factor,
                                                         sigma: estimate.residualStandardDeviation, quadratic: false,
                                                         affluence: driverIndex(driver))
            func json(_ e: (estimate: Double, standardError: Double)?) -> JSONValue {
                e.map { .object([("estimate", .number($0.estimate)), ("stdError", .number($0.standardError))]) } ?? .null
            }
            return (PreparedIndicator(form: form, population: population), .object([
                ("method", .string("intensity")), ("model", .string("log-log elasticity on \(driver) with a cross-section prior")),
                ("prior", .object([("estimate", .number(crossSection.estimate.estimate)),
                                   ("stdError", .number(crossSection.estimate.standardError)),
                                   ("cities", .integer(crossSection.observations)), ("rSquared", .number(crossSection.rSquared))])),
                ("city", json(estimate.city)), ("records", .integer(logIntensity.count)),
                ("elasticity", json(estimate.posterior)), ("level", .number(estimate.level)),
                ("residualStandardDeviation", .number(estimate.residualStandardDeviation)),
            ]))
        case let .hourlyLoad(_, warming, output):
            guard let data = hourly[index], year == specification.baseYear else {
                throw modelError(name, "an hourly load model is fitted on the base year only; it has no hindcast")
            }
            let model = try HourlyLoadModel(data, output: output, warming: warming.map(driverIndex), name: name)
            return (PreparedIndicator(form: .hourlyLoad(model), population: population),
                    .object([("method", .string("hourly load")), ("output", .string(output.rawValue))]
                        + Self.regressionJSON(model.fit, model: "OLS on temperature, temperature², hour, weekday, month")))
        case let .regression(on, errors?):
            var regressors: [ARIMARegressor] = []
            for driver in on { regressors.append(ARIMARegressor(name: driver, values: try driverValues(driver))) }
            let future = on.map { ARIMARegressor(name: $0, values: futureDrivers[driverIndex($0)]) }
            let model: ARIMAModel
            do throws(ForecastingError) {
                guard let fitted = try errors.fit(window.values, seasonLength: 1, regressors: regressors,
                                                  futureRegressors: future) as? RegressionWithARIMAErrors else {
                    throw .invalidSpecification("regression errors need an ARIMA model")
                }
                model = fitted.model
            } catch {
                throw modelError("\(name).errors", error.description)
            }
            let projection = try ARIMAProjection(model: model, drivers: on.map(driverIndex), names: on, future: future,
                                                 name: "\(file): \(name).errors")
            return (PreparedIndicator(form: .arima(projection), population: population),
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
            let (fitted, projection) = try fitAndForecast(model, window.values, horizon: n, name: "\(name).model")
            return (PreparedIndicator(form: .series(projection), population: population),
                    .object([("method", .string("time series"))] + Self.summaryJSON(fitted.summary)))
        }
    }

    /// The size elasticity `b` of `ln response = a + b ln size + Σ group effects` over the
    /// cross-section's rows with a positive response and size.
    static func crossSectionElasticity(_ prior: ScenarioSpecification.CrossSectionPrior, rows: ScenarioData.CrossSection,
                                       name: String) throws(ScenarioError)
        -> (estimate: (estimate: Double, standardError: Double), observations: Int, rSquared: Double)
    {
        var response: [Double] = [], size: [Double] = [], labels: [String] = []
        for r in rows.response.indices where rows.response[r] > 0 && rows.size[r] > 0 && !(rows.groups?[r].isEmpty ?? false) {
            response.append(log(rows.response[r]))
            size.append(log(rows.size[r]))
            labels.append(rows.groups?[r] ?? "")
        }
        let levels = Array(Set(labels)).sorted()
        let dummies = levels.dropFirst().map { level in labels.map { $0 == level ? 1.0 : 0.0 } }
        let names = ["log(\(prior.size))"] + levels.dropFirst().map { "\(prior.groups ?? "group")=\($0)" }
        do {
            let fit = try LinearRegression(response: response, predictors: [size] + dummies, names: names)
            let b = fit.coefficients[1]
            return ((b.estimate, b.standardError), fit.observationCount, fit.rSquared)
        } catch {
            throw .model("\(name): \(error.description)")
        }
    }
}

/// A city's log-log elasticity from a cross-section prior and its own records.
///
/// With `m ≥ 3` records and spread in the driver, the city's own OLS slope `b_c` (standard error
/// `s_c`) is combined with the prior `b_p` (`s_p`) by precision weighting, the normal–normal
/// posterior: `b = (b_p/s_p² + b_c/s_c²) / (1/s_p² + 1/s_c²)`, `s = (1/s_p² + 1/s_c²)^(-1/2)`.
/// With fewer records the prior is used as it is. The level `c = mean(ln I) − b · mean(ln X)`
/// passes the line through the records' centre; the residual standard deviation (with `m − 1`
/// degrees of freedom, the slope being given) is 0 for fewer than 3 records.
struct ElasticityEstimate {
    var city: (estimate: Double, standardError: Double)?
    var posterior: (estimate: Double, standardError: Double)
    var level: Double
    var meanLogDriver: Double
    var residualStandardDeviation: Double

    init(prior: (estimate: Double, standardError: Double), logIntensity y: [Double], logDriver x: [Double]) {
        let m = Double(y.count)
        let meanX = x.reduce(0, +) / m, meanY = y.reduce(0, +) / m
        if y.count >= 3, let fit = try? LinearRegression(response: y, predictors: [x], names: ["x"]),
           fit.coefficients[1].standardError.isFinite, fit.coefficients[1].standardError > 0 {
            city = (fit.coefficients[1].estimate, fit.coefficients[1].standardError)
        }
        if let city {
            let wp = 1 / (prior.standardError * prior.standardError), wc = 1 / (city.standardError * city.standardError)
            posterior = ((wp * prior.estimate + wc * city.estimate) / (wp + wc), (1 / (wp + wc)).squareRoot())
        } else {
            posterior = prior
        }
        meanLogDriver = meanX
        let slope = posterior.estimate, intercept = meanY - slope * meanX
        level = intercept
        if y.count >= 3 {
            let rss = zip(x, y).reduce(0.0) { $0 + pow($1.1 - intercept - slope * $1.0, 2) }
            residualStandardDeviation = (rss / (m - 1)).squareRoot()
        } else {
            residualStandardDeviation = 0
        }
    }
}
