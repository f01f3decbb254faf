import Forecasting
import Foundation
import Statistics

extension RegressionRun {
    /// A summary that reads like R's `summary.lm`: residual quantiles, the coefficient table with
    /// significance stars, residual standard error, R², the F test, then UrbanCast's additions
    /// (covariance estimator, log-likelihood, AIC/BIC, condition number, VIFs).
    public var table: String {
        let fit = self.fit
        var lines: [String] = []
        let formula = "\(configuration.response) ~ " + configuration.predictors.joined(separator: " + ")
            + (fit.options.includeIntercept ? "" : " - 1")
        var call = "Call: regress \(formula)"
        if let w = configuration.weights { call += ", weights = \(w)" }
        if let lambda = fit.options.ridgePenalty { call += ", ridge λ = \(Self.g(lambda, 4))" }
        lines.append(call)
        var source = "Data: \(self.source ?? "table"), \(fit.observationCount) observations"
        if !configuration.filters.isEmpty { source += " where " + configuration.filters.map { "\($0.column)=\($0.value)" }.joined(separator: " ") }
        if rowsDroppedMissing > 0 { source += " (\(rowsDroppedMissing) deleted due to missingness)" }
        lines.append(source)
        lines.append("")
        let quantiles = (try? Descriptive.quantiles(fit.residuals, probabilities: [0, 0.25, 0.5, 0.75, 1]))
            ?? [Double](repeating: .nan, count: 5)
        lines.append("Residuals:")
        let labels = ["Min", "1Q", "Median", "3Q", "Max"]
        let cells = quantiles.map { Self.g($0, 4) }
        let width = max(cells.map(\.count).max() ?? 0, 6)
        lines.append(labels.map { $0.leftPadded(width) }.joined(separator: " "))
        lines.append(cells.map { $0.leftPadded(width) }.joined(separator: " "))
        lines.append("")
        lines.append(fit.options.covariance == .classical ? "Coefficients:" :
                        "Coefficients (\(fit.options.covariance.rawValue.uppercased()) standard errors):")
        let header = ["", "Estimate", "Std. Error", "t value", "Pr(>|t|)", ""]
        var rows: [[String]] = [header]
        for c in fit.coefficients {
            rows.append([c.name, Self.g(c.estimate, 4), Self.g(c.standardError, 4), Self.fixed(c.tStatistic, 3),
                         Self.pValue(c.pValue), Self.stars(c.pValue)])
        }
        let widths = (0..<header.count).map { j in rows.map { $0[j].count }.max() ?? 0 }
        for row in rows {
            let text = row.enumerated().map { j, cell in j == 0 || j == 5 ? cell.rightPadded(widths[j]) : cell.leftPadded(widths[j]) }
            lines.append(text.joined(separator: " ").trimmingTrailingSpaces())
        }
        lines.append("---")
        lines.append("Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1")
        lines.append("")
        lines.append("Residual standard error: \(Self.g(fit.residualStandardError, 4)) on \(Self.g(fit.residualDegreesOfFreedom, 6)) degrees of freedom")
        lines.append("Multiple R-squared:  \(Self.g(fit.rSquared, 4)),\tAdjusted R-squared:  \(Self.g(fit.adjustedRSquared, 4))")
        if let f = fit.fStatistic, let q = fit.fNumeratorDegreesOfFreedom, let p = fit.fPValue {
            let kind = fit.options.covariance == .classical ? "F-statistic" : "Wald F-statistic"
            lines.append("\(kind): \(Self.g(f, 4)) on \(Self.g(q, 6)) and \(Self.g(fit.residualDegreesOfFreedom, 6)) DF,  p-value: \(Self.pValue(p))")
        }
        lines.append("Log-likelihood: \(Self.g(fit.logLikelihood, 6)),  AIC: \(Self.g(fit.aic, 6)),  BIC: \(Self.g(fit.bic, 6))")
        lines.append("Condition number of the design: \(Self.g(fit.conditionNumber, 4))")
        let predictors = fit.options.includeIntercept ? Array(fit.coefficients.dropFirst()) : fit.coefficients
        if !predictors.isEmpty {
            lines.append("Variance inflation factors: " + zip(predictors, fit.varianceInflationFactors)
                .map { "\($0.0.name) \(Self.g($0.1, 4))" }.joined(separator: ", "))
        }
        if !fit.refinementConverged {
            lines.append("Note: least-squares refinement did not reach full precision; the design is very ill-conditioned.")
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - Formatting (R's conventions)

    static func g(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "Inf" : "-Inf") }
        return String(format: "%.\(digits)g", x)
    }

    static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return g(x, digits) }
        return String(format: "%.\(digits)f", x)
    }

    /// R's `format.pval`: values below 2e-16 print as `< 2e-16`.
    static func pValue(_ p: Double) -> String {
        guard p.isFinite else { return "NaN" }
        return p < 2e-16 ? "< 2e-16" : String(format: "%.3g", p)
    }

    static func stars(_ p: Double) -> String {
        switch p {
        case ..<0.001: "***"
        case ..<0.01: "**"
        case ..<0.05: "*"
        case ..<0.1: "."
        default: ""
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
    func rightPadded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
