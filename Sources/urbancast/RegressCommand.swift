import ArgumentParser
import Foundation
import UrbanCast

/// `urbancast regress`: linear regression on a wide CSV file.
struct RegressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regress",
        abstract: "Fit a linear regression (OLS, WLS or ridge) on a wide CSV file.",
        discussion: """
            The file has a header of named columns and one row per observation. Rows with a \
            missing value (empty, NA, NaN) in a used column are dropped and counted, as R's \
            na.omit does. A rank-deficient design is an error that names the aliased columns.

            The table reads like R's summary.lm. --format json writes the stable contract \
            {"n", "dfResidual", "coefficients": [{"name", "estimate", "stdError", "t", "p", \
            "lower95", "upper95"}], "rSquared", "adjustedRSquared", "residualStandardError", \
            "fStatistic", "fPValue", "logLikelihood", "aic", "bic", "conditionNumber", ...}.

            AIC and BIC count the residual variance as a parameter, as R does (statsmodels \
            reports 2 and log(n) less). With --robust the F statistic is the Wald test on the \
            robust covariance, as in statsmodels.

            Examples:
              urbancast regress Datasets/nyc_water_wide.csv --y consumption_mgd --x population
              urbancast regress Datasets/beijing_12sites_daily_wide.csv --y PM2.5 \\
                  --x TEMP,PRES,DEWP,WSPM --where station=Dongsi --robust hc3 --format json
            """
    )

    enum Robust: String, ExpressibleByArgument, CaseIterable {
        case hc0, hc1, hc2, hc3
    }

    @Argument(help: "The wide CSV file.")
    var file: String

    @Option(name: .customLong("y"), help: "The response column.")
    var response: String

    @Option(name: .customLong("x"), help: ArgumentHelp("Predictor columns, comma-separated.", valueName: "A,B,..."))
    var predictors: String

    @Flag(help: "Fit without an intercept.")
    var noIntercept = false

    @Option(help: ArgumentHelp("Column of non-negative case weights (weighted least squares).", valueName: "column"))
    var weights: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Ridge penalty λ ≥ 0 on the slopes (the intercept is not penalised).", valueName: "lambda"))
    var ridge: Double?

    @Option(help: "Heteroskedasticity-robust standard errors: hc0, hc1, hc2 or hc3.")
    var robust: Robust?

    @OptionGroup var filter: FilterOption

    @OptionGroup var format: FormatOption<TableOrJSONFormat>

    var predictorNames: [String] {
        predictors.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }


    mutating func validate() throws {
        if predictorNames.contains(where: \.isEmpty) {
            throw ValidationError("--x needs comma-separated column names, got '\(predictors)'")
        }
        if predictorNames.contains(response) {
            throw ValidationError("--y \(response) is also in --x: a column cannot explain itself; remove it from --x")
        }
        if let repeated = predictorNames.enumerated().first(where: { predictorNames[..<$0.offset].contains($0.element) }) {
            throw ValidationError("--x names \(repeated.element) twice; give each column once")
        }
        if let ridge, !(ridge.isFinite && ridge >= 0) {
            throw ValidationError("--ridge must be a finite number ≥ 0, got \(ridge)")
        }
        if ridge.map({ $0 > 0 }) == true, robust != nil {
            throw ValidationError("--robust is not available with --ridge")
        }
    }

    func run() throws {
        let covariance: CovarianceEstimator = switch robust {
        case nil: .classical
        case .hc0: .hc0
        case .hc1: .hc1
        case .hc2: .hc2
        case .hc3: .hc3
        }
        let request = RegressionRun.Request(
            file: file, response: response, predictors: predictorNames, filters: filter.filters, weights: weights,
            options: RegressionOptions(includeIntercept: !noIntercept, ridgePenalty: ridge, covariance: covariance))
        let run: RegressionRun
        do {
            run = try RegressionRun(request)
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        try format.print(table: { run.table }, json: { run.document })
    }
}
