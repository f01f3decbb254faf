import UrbanCast

extension HTMLReport {
    /// The report of a forecast run: the inputs and settings, the model of each series, failures
    /// as warnings, the manifest facts, and a fan chart per series (at most `maximumPanels`, with
    /// a note saying how many are left out).
    ///
    /// ```swift
    /// let html = HTMLReport(forecast: run, inputs: RunDirectory.manifest(command: [], inputs: ["water.csv"],
    ///                                                                     seed: 1, draws: 0).inputs).html()
    /// ```
    ///
    /// - Parameters:
    ///   - run: The finished run.
    ///   - inputs: The input files with their SHA-256 (``RunDirectory/Manifest/inputs``), or empty
    ///     for a run on values in memory.
    ///   - maximumPanels: The most series charted.
    /// - Complexity: O(total history and horizon of the charted series).
    public init(forecast run: ForecastRun, inputs: [RunDirectory.Manifest.Input] = [], maximumPanels: Int = 24) {
        let configuration = run.configuration
        self.init(title: "Forecast" + (run.source.map { ": \($0)" } ?? ""),
                  subtitle: "\(run.results.count) series, \(configuration.horizon) steps ahead, UrbanCast \(UrbanCastVersion.string)")
        var settings: [(name: String, value: String)] = [
            ("model", configuration.model.description),
            ("horizon", String(configuration.horizon)),
            ("interval levels", configuration.levels.isEmpty ? "none (point forecasts)"
                : configuration.levels.map { "\(ChartText.compact($0))%" }.joined(separator: ", ")),
            ("seed", String(configuration.seed)),
        ]
        if let fallback = configuration.fallback { settings.append(("fallback model", fallback.description)) }
        if let boxCox = configuration.boxCox {
            switch boxCox {
            case .guerrero: settings.append(("Box–Cox", "λ by Guerrero's method per series"))
            case .fixed(let lambda): settings.append(("Box–Cox", "λ = \(ChartText.tableValue(lambda))"))
            }
            settings.append(("bias-adjusted", configuration.biasAdjusted ? "yes (means)" : "no (medians)"))
        }
        if !configuration.filters.isEmpty {
            settings.append(("selection", configuration.filters.map { "\($0.column)=\($0.value)" }.joined(separator: ", ")))
        }
        sections.append(Section(heading: "Inputs and settings", facts: settings))
        sections.append(Self.manifestSection(inputs: inputs, seed: String(configuration.seed)))
        let models = DataTable(
            columns: ["series", "unit", "model", "AICc", "status"],
            rows: run.results.map { result in
                [result.key.isEmpty ? "series" : result.key.description, result.unit ?? "", result.model?.name ?? "",
                 result.model?.aicc.map(ChartText.tableValue) ?? "",
                 result.error.map { result.hasForecast ? "fallback: \($0.description)" : "failed: \($0.description)" } ?? "ok"]
            })
        sections.append(Section(heading: "Models", table: models))
        for result in run.results {
            guard let error = result.error else { continue }
            let name = result.key.isEmpty ? "series" : result.key.description
            warnings.append(result.hasForecast
                ? "\(name): \(error.description); forecast by the fallback model"
                : "\(name): \(error.description)")
        }
        charts = run.charts(maximumPanels: maximumPanels)
        let omitted = run.omittedPanels(maximumPanels: maximumPanels)
        if omitted > 0 {
            notes.append("Charts for the first \(charts.count) of \(run.results.count) series; the other \(omitted) are in the run's CSV and JSON outputs.")
        }
    }

    /// The report of a scenario run: the city, horizon, draws and seed, each driver's and
    /// indicator's model, hindcast scores, target outcomes, the manifest facts, and the charts of
    /// ``ScenarioReportData/charts()``.
    ///
    /// - Parameters:
    ///   - data: The run's results and histories.
    ///   - summary: The run's summary (model fits and hindcasts), or `nil` to leave them out.
    ///   - manifest: The run folder's manifest (version, inputs and their SHA-256), or `nil`.
    /// - Complexity: O(scenarios × indicators × years).
    public init(scenario data: ScenarioReportData, summary: ScenarioRun.Summary?, manifest: RunDirectory.Manifest?) {
        let results = data.results
        self.init(title: "Scenarios: \(results.city)",
                  subtitle: "\(results.scenarios.joined(separator: ", ")); base year \(results.baseYear), projected to \(results.horizon); "
                      + "UrbanCast \(manifest?.version ?? UrbanCastVersion.string)")
        sections.append(Section(heading: "Run", facts: [
            ("city", results.city), ("base year", String(results.baseYear)), ("horizon", String(results.horizon)),
            ("scenarios", results.scenarios.joined(separator: ", ")),
            ("draws", results.draws == 0 ? "0 (central path only)" : String(results.draws)), ("seed", String(results.seed)),
        ]))
        if let summary {
            let fits = summary.drivers.map { ("driver", $0) } + summary.indicators.map { ("indicator", $0) }
            sections.append(Section(heading: "Model choices", table: DataTable(
                columns: ["kind", "name", "unit", "method", "model"],
                rows: fits.map { kind, fit in [kind, fit.name, fit.unit ?? "", fit.method, fit.model ?? ""] })))
            if !summary.hindcast.isEmpty {
                sections.append(Section(heading: "Hindcasts", table: DataTable(
                    columns: ["name", "years", "MAPE (%)", "MASE", "note"],
                    rows: summary.hindcast.map { h in
                        [h.name, "\(h.years.lowerBound)–\(h.years.upperBound)", h.mape.map(ChartText.readable) ?? "",
                         h.mase.map(ChartText.readable) ?? "", h.error ?? ""]
                    })))
                for h in summary.hindcast { if let error = h.error { warnings.append("hindcast of \(h.name): \(error)") } }
            }
        }
        if !results.targets.isEmpty {
            sections.append(Section(heading: "Targets", table: DataTable(
                columns: ["target", "indicator", "year", "bound", "scenario", "central", "met on central path", "probability"],
                rows: results.targets.flatMap { target in
                    target.outcomes.map { outcome in
                        [target.name, target.indicator, String(target.year),
                         target.atMost.map { "≤ \(ChartText.compact($0))" } ?? target.atLeast.map { "≥ \(ChartText.compact($0))" } ?? "",
                         outcome.scenario, ChartText.readable(outcome.central), outcome.metOnCentralPath ? "yes" : "no",
                         outcome.probability.isNaN ? "none without draws" : ChartText.readable(outcome.probability)]
                    }
                })))
        }
        if let manifest {
            sections.append(Self.manifestSection(inputs: manifest.inputs, seed: manifest.seed, version: manifest.version))
        } else {
            sections.append(Self.manifestSection(inputs: [], seed: String(results.seed)))
        }
        if results.draws == 0 {
            warnings.append("The run has no draws: every band is the central path and target probabilities are not defined.")
        }
        charts = data.charts()
    }

    /// The manifest facts: UrbanCast's version, the seed and each input with its SHA-256.
    static func manifestSection(inputs: [RunDirectory.Manifest.Input], seed: String,
                                version: String = UrbanCastVersion.string) -> Section {
        var facts: [(name: String, value: String)] = [("UrbanCast version", version), ("seed", seed)]
        for input in inputs { facts.append((input.path, input.sha256.map { "SHA-256 \($0)" } ?? "could not be read")) }
        return Section(heading: "Manifest", facts: facts)
    }
}
