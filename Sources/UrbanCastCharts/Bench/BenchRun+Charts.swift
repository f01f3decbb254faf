import UrbanCast

/// One model's speed and accuracy on one engine: a point of the bench chart.
public struct SpeedAccuracyPoint: Sendable, Equatable {
    /// The model (`auto-arima`).
    public var model: String
    /// Who ran it: `this run`, or a peer engine (`r`, `statsforecast`).
    public var engine: String
    /// The median milliseconds of fit + forecast per series.
    public var milliseconds: Double
    /// The mean MASE over series.
    public var mase: Double
    /// The mean sMAPE over series (percent).
    public var smape: Double

    /// A point.
    ///
    /// - Parameters:
    ///   - model: The model.
    ///   - engine: The engine.
    ///   - milliseconds: Median milliseconds per series.
    ///   - mase: Mean MASE.
    ///   - smape: Mean sMAPE, percent.
    public init(model: String, engine: String, milliseconds: Double, mase: Double, smape: Double) {
        self.model = model
        self.engine = engine
        self.milliseconds = milliseconds
        self.mase = mase
        self.smape = smape
    }
}

extension BenchRun {
    /// The engine name of this run's own points.
    public static let thisRun = "this run"

    /// This run's models, then the peers' (when given), as points of speed and accuracy.
    ///
    /// - Parameter peers: A `compare.py` results file's entries, or `nil`.
    /// - Returns: The points.
    public func speedAccuracyPoints(peers: BenchPeerResults? = nil) -> [SpeedAccuracyPoint] {
        models.map { m in
            SpeedAccuracyPoint(model: m.model.description, engine: Self.thisRun, milliseconds: m.medianMilliseconds, mase: m.mase,
                               smape: m.smape)
        } + (peers?.entries ?? []).map { e in
            SpeedAccuracyPoint(model: e.model, engine: e.engine, milliseconds: e.medianSeconds * 1000, mase: e.mase, smape: e.smape)
        }
    }

    /// Speed against accuracy: each model as a point at its median milliseconds per series (a
    /// logarithmic axis) and its mean `measure`; colour names the model and shape the engine, so
    /// a peer's point sits beside this run's for the same model. Lower left is fast and accurate.
    ///
    /// ```swift
    /// let chart = BenchRun.speedAccuracyChart(run.speedAccuracyPoints(peers: peers), measure: .mase)
    /// ```
    ///
    /// - Parameters:
    ///   - points: The points (``speedAccuracyPoints(peers:)``).
    ///   - measure: ``AccuracyMeasure/mase`` or ``AccuracyMeasure/smape``.
    ///   - subject: What the points were measured on, for the description (`nyc_water_long.csv`).
    /// - Returns: The chart.
    /// - Complexity: O(points).
    public static func speedAccuracyChart(_ points: [SpeedAccuracyPoint], measure: AccuracyMeasure = .mase,
                                          subject: String = "the series") -> Chart {
        var models: [String] = [], engines: [String] = []
        for point in points {
            if !models.contains(point.model) { models.append(point.model) }
            if !engines.contains(point.engine) { engines.append(point.engine) }
        }
        let title = "Speed and accuracy: \(measure.name) against time per series"
        var plot = XYPlot(title: title, description: "", xTitle: "median milliseconds per series (fit + forecast, log scale)",
                          yTitle: measure.title(unit: nil))
        plot.logarithmicX = true
        plot.includesZero = true
        for point in points {
            let m = models.firstIndex(of: point.model) ?? 0, e = engines.firstIndex(of: point.engine) ?? 0
            let value = measure == .smape ? point.smape : point.mase
            plot.series.append(.init(label: engines.count > 1 ? "\(point.model) (\(point.engine))" : point.model,
                                     x: [point.milliseconds], y: [value], color: Palette.color(m),
                                     shape: XYPlot.Shape.cycle[e % XYPlot.Shape.cycle.count], joined: false))
        }
        plot.description = "Each model's median fit + forecast time per series against its mean \(measure.name) on \(subject)"
            + (engines.count > 1 ? ", for " + engines.joined(separator: ", ") + " (shape)" : "")
            + "; colour names the model. Lower left is faster and more accurate."
        let table = DataTable(columns: ["model", "engine", "median ms per series", "MASE", "sMAPE (%)"], rows: points.map {
            [$0.model, $0.engine, ChartText.tableValue($0.milliseconds), ChartText.tableValue($0.mase), ChartText.tableValue($0.smape)]
        })
        let id = chartIdentifier("bench speed \(measure.rawValue)")
        return Chart(id: id, title: title, description: plot.description, svg: plot.svg(id: id), table: table)
    }
}

extension HTMLReport {
    /// The report of a bench run: settings, the machine, each model's speed, memory and accuracy,
    /// the peers' results when given, and speed against accuracy (MASE and sMAPE). Timings differ
    /// from run to run, so unlike the other reports its bytes do too.
    ///
    /// - Parameters:
    ///   - run: The finished run.
    ///   - peers: A `compare.py` results file, or `nil`.
    ///   - inputs: The input files with their SHA-256.
    public init(bench run: BenchRun, peers: BenchPeerResults? = nil, inputs: [RunDirectory.Manifest.Input] = []) {
        let request = run.request
        self.init(title: "Bench: \(request.file)",
                  subtitle: "\(run.models.count) model\(run.models.count == 1 ? "" : "s"), last \(request.horizon) points held out; "
                      + "UrbanCast \(UrbanCastVersion.string)")
        sections.append(Section(heading: "Settings and machine", facts: [
            ("models", request.models.map(\.description).joined(separator: ", ")), ("horizon", String(request.horizon)),
            ("threads", String(request.threads)), ("seed", String(request.seed)),
            ("operating system", run.machine.operatingSystem), ("CPU", run.machine.cpu ?? "unknown"),
            ("cores", "\(run.machine.activeCores) active of \(run.machine.logicalCores)"),
        ]))
        sections.append(Section(heading: "Models", table: DataTable(
            columns: ["model", "series", "failed", "series per second", "median ms", "p95 ms", "MASE", "sMAPE (%)", "coverage 80%",
                      "coverage 95%"],
            rows: run.models.map { m in
                [m.model.description, String(m.series), String(m.failed), ChartText.readable(m.seriesPerSecond),
                 ChartText.readable(m.medianMilliseconds), ChartText.readable(m.p95Milliseconds), ChartText.readable(m.mase),
                 ChartText.readable(m.smape), ChartText.readable(m.coverage80), ChartText.readable(m.coverage95)]
            })))
        if let peers {
            sections.append(Section(heading: "Peers: \(peers.set), \(peers.series) series, horizon \(peers.horizon)", table: DataTable(
                columns: ["model", "engine", "median ms", "MASE", "sMAPE (%)", "failed"],
                rows: peers.entries.map { e in
                    [e.model, e.engine, ChartText.readable(e.medianSeconds * 1000), ChartText.readable(e.mase),
                     ChartText.readable(e.smape), String(e.failed)]
                })))
            notes.append("The peers were timed and scored by Benchmarks/compare/compare.py on \(peers.set), which need not be "
                + "this run's file; compare the shapes for one model on the same set.")
        }
        sections.append(Self.manifestSection(inputs: inputs, seed: String(request.seed)))
        for m in run.models {
            for failure in m.failures { warnings.append("\(m.model): \(failure.count) series failed: \(failure.reason)") }
        }
        let points = run.speedAccuracyPoints(peers: peers)
        charts = [AccuracyMeasure.mase, .smape].map { BenchRun.speedAccuracyChart(points, measure: $0, subject: request.file) }
    }
}
