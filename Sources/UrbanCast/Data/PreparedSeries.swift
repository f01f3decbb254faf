import Forecasting

/// A selected series after a run's missing-value policy: the series a model is fitted on, what
/// the policy did, and which periods of the original it kept.
struct PreparedSeries: Sendable {
    /// The series to fit: treated, or as given when the policy is `refuse` or the treatment failed.
    let keyed: KeyedSeries
    /// What the policy did; `nil` under ``MissingValuePolicy/refuse``, which changes nothing.
    let treatment: MissingValueTreatment?
    /// The indices of the original series' periods that `keyed` holds, to cut values aligned with
    /// the original (regressors) the same way.
    let kept: Range<Int>
    /// Why the policy could not be applied (too few observations); the series is then not fitted.
    let failure: ForecastingError?

    /// Applies `policy` to `keyed`.
    ///
    /// - Complexity: as ``TimeSeries/treatingMissingValues(_:lambda:)``.
    init(_ keyed: KeyedSeries, policy: MissingValuePolicy) {
        let all = 0..<keyed.series.count
        guard policy != .refuse else {
            self.init(keyed: keyed, treatment: nil, kept: all, failure: nil)
            return
        }
        do {
            let (series, treatment) = try keyed.series.treatingMissingValues(policy)
            let kept = policy == .contiguous ? MissingValues.longestStretch(keyed.series.values) ?? all : all
            self.init(keyed: KeyedSeries(key: keyed.key, unit: keyed.unit, series: series, firstLine: keyed.firstLine),
                      treatment: treatment, kept: kept, failure: nil)
        } catch {
            self.init(keyed: keyed, treatment: nil, kept: all, failure: error)
        }
    }

    private init(keyed: KeyedSeries, treatment: MissingValueTreatment?, kept: Range<Int>, failure: ForecastingError?) {
        self.keyed = keyed
        self.treatment = treatment
        self.kept = kept
        self.failure = failure
    }
}
