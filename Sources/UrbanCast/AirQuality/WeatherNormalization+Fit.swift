import Foundation
import Forecasting
import LinearAlgebra

extension WeatherNormalization {
    /// Fits, cross-validates and normalises one station's rows.
    init(key: SeriesKey, pollutant: Pollutant, unit: ConcentrationUnit, input: Input, options: Options) throws(AirQualityError) {
        let name = key.isEmpty ? pollutant.name : "\(key) \(pollutant.name)"
        let observed: TimeSeries
        do { observed = try TimeSeries(dates: input.dates, values: input.response) } catch {
            throw .invalidSetting("\(name): \(error.description)")
        }
        let subDaily = observed.frequency.fixedSeconds.map { $0 < CivilDay.secondsPerDay } ?? false
        let complete = input.response.indices.filter { i in
            input.response[i].isFinite && input.response[i] > -1
                && input.meteorology.values.allSatisfy { $0[i].isFinite }
                && (input.direction?[i].isFinite ?? true) && (input.speed?[i].isFinite ?? true)
        }
        let first = input.dates.map(\.secondsSinceEpoch).min() ?? 0
        var variables: [String: [Double]] = [:]
        var terms: [SplineTerm] = []
        for (variable, values) in input.meteorology.sorted(by: { $0.key < $1.key }) {
            variables[variable] = complete.map { values[$0] }
            terms.append(SplineTerm(variable, .spline(basisSize: 8)))
        }
        // The dew-point depression T − T_d (a monotone proxy of relative humidity, which neither
        // variable carries alone in an additive model) when both are among the meteorology.
        if let temperature = input.meteorology["TEMP"], let dewPoint = input.meteorology["DEWP"] {
            variables["TEMP-DEWP"] = complete.map { temperature[$0] - dewPoint[$0] }
            terms.append(SplineTerm("TEMP-DEWP", .spline(basisSize: 8)))
        }
        if let direction = input.direction, let directionName = options.windDirection {
            variables[directionName] = complete.map { direction[$0] }
            terms.append(SplineTerm(directionName, .cyclic(period: 360, harmonics: 2)))
            if let speed = input.speed, let speedName = options.windSpeed {
                variables[speedName] = complete.map { speed[$0] }
                terms.append(SplineTerm(directionName, .cyclicBy(period: 360, harmonics: 2), by: speedName))
            }
        }
        let dates = complete.map { input.dates[$0] }
        if subDaily {
            variables["hour"] = dates.map { Double($0.hour) + Double($0.minute) / 60 }
            terms.append(SplineTerm("hour", .cyclic(period: 24, harmonics: 4)))
        }
        variables["weekday"] = dates.map { Double(CivilDay.floorModulo(CivilDay.number(of: $0) + 3, 7)) }
        terms.append(SplineTerm("weekday", .factor(levels: 7)))
        variables["dayOfYear"] = dates.map { date in
            Double(date.secondsSinceEpoch - SeriesDate(year: date.year, precision: .year).secondsSinceEpoch) / 86_400
        }
        terms.append(SplineTerm("dayOfYear", .cyclic(period: 365.25, harmonics: 3)))
        let trend = dates.map { Double($0.secondsSinceEpoch - first) / 86_400 }
        variables["trend"] = trend
        let years = ((trend.max() ?? 0) / 365.25).rounded(.up)
        terms.append(SplineTerm("trend", .spline(basisSize: min(20, max(4, Int(2 * years))))))

        let logScale = options.logScale
        let forward: (Double) -> Double = { logScale ? log1p($0) : $0 }
        let inverse: (Double, Double) -> Double = { link, smear in logScale ? smear * exp(link) - 1 : link }
        let link = complete.map { forward(input.response[$0]) }
        let design: AdditiveDesign
        let model: PenalizedAdditiveModel
        do {
            design = try AdditiveDesign(variables: variables, terms: terms)
            model = try PenalizedAdditiveModel(design: design, response: link)
        } catch {
            throw .invalidSetting("\(name): the normalisation model cannot be fitted: \(error.description)")
        }
        let fitted = model.predict(design.matrix)
        let smear = logScale ? zip(link, fitted).reduce(0.0) { $0 + exp($1.0 - $1.1) } / Double(link.count) : 1
        let concentration = complete.map { input.response[$0] }
        fittedRSquared = Self.rSquared(concentration, fitted.map { inverse($0, smear) })

        // Held-out skill on contiguous blocks, refitting with the full fit's smoothing parameter.
        var skills: [Skill] = []
        var pooledObserved: [Double] = []
        var pooledPredicted: [Double] = []
        let folds = min(options.folds, complete.count / 2)
        for fold in 0..<folds {
            let lower = fold * complete.count / folds
            let upper = (fold + 1) * complete.count / folds
            let training = Array(0..<lower) + Array(upper..<complete.count)
            let refit: PenalizedAdditiveModel
            do {
                refit = try PenalizedAdditiveModel(design: design, response: link, rows: training, lambda: model.lambda)
            } catch {
                throw .invalidSetting("\(name): held-out block \(fold + 1) cannot be fitted: \(error.description)")
            }
            let linkPredicted = Self.predict(refit, design, rows: training, trend: nil)
            let trainingSmear = logScale
                ? zip(training, linkPredicted).reduce(0.0) { $0 + exp(link[$1.0] - $1.1) } / Double(training.count) : 1
            // The trend of a held-out block is unknown to the refit: interpolate it linearly in
            // time between the blocks' neighbours (or hold the nearest one at either end).
            let heldRows = Array(lower..<upper)
            let trendOf = { (row: Int) in Self.trendPart(refit, design, row: row) }
            let before = lower > 0 ? (time: trend[lower - 1], value: trendOf(lower - 1)) : nil
            let after = upper < complete.count ? (time: trend[upper], value: trendOf(upper)) : nil
            let heldTrend = heldRows.map { row -> Double in
                switch (before, after) {
                case let (b?, a?): b.value + (a.value - b.value) * (trend[row] - b.time) / max(a.time - b.time, 1e-9)
                case let (b?, nil): b.value
                case let (nil, a?): a.value
                case (nil, nil): 0
                }
            }
            let predicted = Self.predict(refit, design, rows: heldRows, trend: heldTrend).map { inverse($0, trainingSmear) }
            let actual = heldRows.map { concentration[$0] }
            let sse = zip(actual, predicted).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            skills.append(Skill(
                start: dates[lower], end: dates[upper - 1], count: heldRows.count, rSquared: Self.rSquared(actual, predicted),
                rmse: (sse / Double(heldRows.count)).squareRoot()))
            pooledObserved += actual
            pooledPredicted += predicted
        }
        let pooledSSE = zip(pooledObserved, pooledPredicted).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }

        // Partial effects on a grid of each variable.
        var effects: [PartialEffect] = []
        for (index, term) in terms.enumerated() {
            let values = variables[term.name] ?? []
            let low = values.min() ?? 0
            let high = values.max() ?? 0
            var grid: [Double]
            switch term.kind {
            case .cyclic(let period, _), .cyclicBy(let period, _):
                grid = period == 24 ? (0..<24).map(Double.init) : (0..<16).map { Double($0) * period / 16 }
            case .factor(let levels): grid = (0..<levels).map(Double.init)
            default: grid = (0..<25).map { low + (high - low) * Double($0) / 24 }
            }
            var by: [Double]?
            var label = term.name
            if let byName = term.byName, let byValues = variables[byName] {
                let mean = byValues.reduce(0, +) / Double(max(byValues.count, 1))
                by = grid.map { _ in mean }
                label = "\(term.name)×\(byName)"
            }
            effects.append(PartialEffect(variable: label, x: grid, effect: model.partialEffect(of: index, in: design, at: grid, by: by)))
        }

        // Normalised: the trend held at each row, every other term (meteorology, and the
        // seasonal, weekly and diurnal cycles that are collinear with it) averaged over every
        // complete row, jointly as they occur.
        let trendIndex = terms.count - 1
        let trendContribution = model.contribution(of: trendIndex, in: design)
        let otherContribution = (0..<trendIndex).map { model.contribution(of: $0, in: design) }
        var meanOther = 0.0
        for row in complete.indices {
            let other = otherContribution.reduce(0.0) { $0 + $1[row] }
            meanOther += logScale ? exp(other) : other
        }
        meanOther /= Double(complete.count)
        var normalized = [Double](repeating: .nan, count: observed.count)
        for (row, original) in complete.enumerated() {
            guard let position = input.dates[original].periods(from: observed.start, frequency: observed.frequency) else { continue }
            normalized[position] = logScale
                ? smear * exp(model.intercept + trendContribution[row]) * meanOther - 1
                : model.intercept + trendContribution[row] + meanOther
        }
        self.key = key
        self.pollutant = pollutant
        self.unit = unit
        self.logScale = logScale
        self.rowsFitted = complete.count
        self.lambda = model.lambda
        self.effectiveDegreesOfFreedom = model.effectiveDegreesOfFreedom
        self.heldOut = skills
        self.heldOutRSquared = Self.rSquared(pooledObserved, pooledPredicted)
        self.heldOutRMSE = (pooledSSE / Double(max(pooledObserved.count, 1))).squareRoot()
        self.partialEffects = effects
        self.observed = observed
        self.normalized = TimeSeries(start: observed.start, frequency: observed.frequency, values: normalized)
    }

    /// β₀ + Xβ on chosen rows of the design, with the trend term (the last) replaced by `trend`
    /// when given.
    private static func predict(_ model: PenalizedAdditiveModel, _ design: AdditiveDesign, rows: [Int], trend: [Double]?)
        -> [Double]
    {
        let matrix = design.matrix
        let trendStart = design.offsets[design.offsets.count - 1]
        let end = trend == nil ? matrix.columns : trendStart
        return rows.enumerated().map { k, i in
            (0..<end).reduce(model.intercept) { $0 + matrix[i, $1] * model.coefficients[$1] } + (trend?[k] ?? 0)
        }
    }

    /// The trend term's contribution at one design row.
    private static func trendPart(_ model: PenalizedAdditiveModel, _ design: AdditiveDesign, row: Int) -> Double {
        let start = design.offsets[design.offsets.count - 1]
        return (start..<design.matrix.columns).reduce(0.0) { $0 + design.matrix[row, $1] * model.coefficients[$1] }
    }

    /// 1 − Σ(y − ŷ)² / Σ(y − ȳ)².
    static func rSquared(_ actual: [Double], _ predicted: [Double]) -> Double {
        guard !actual.isEmpty else { return .nan }
        let mean = actual.reduce(0, +) / Double(actual.count)
        let total = actual.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) }
        let residual = zip(actual, predicted).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        return total > 0 ? 1 - residual / total : .nan
    }
}
