import Forecasting
import FuzzSupport

/// The date grammar, frequency inference and gridding: one date per line of the input.
///
/// Every date that parses must print back to text that parses to the same date, stepping must
/// invert `periods(from:frequency:)`, and the dates together go through frequency inference and
/// `TimeSeries(dates:values:)`, which may refuse them but must not fail in any other way.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDates(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput.text(data, size)
    var dates: [SeriesDate] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        guard let date = try? SeriesDate(parsing: line) else { continue }
        let printed = date.description
        guard let reparsed = try? SeriesDate(parsing: printed) else {
            FuzzInput.invariantFailed("'\(line)' prints as '\(printed)', which does not parse")
        }
        if reparsed != date || reparsed.precision != date.precision {
            FuzzInput.invariantFailed("'\(line)' prints as '\(printed)', which parses to another date")
        }
        dates.append(date)
    }
    guard let first = dates.first else { return 0 }

    if let frequency = try? Frequency.inferred(from: dates.sorted()) {
        for date in dates.prefix(64) {
            guard let periods = date.periods(from: first, frequency: frequency) else { continue }
            let stepped = first.advanced(by: periods, frequency: frequency)
            if stepped.secondsSinceEpoch != date.secondsSinceEpoch {
                FuzzInput.invariantFailed(
                    "\(date) is \(periods) \(frequency) periods from \(first), but stepping gives \(stepped)")
            }
        }
    }
    // Gridding allocates one value per period between the first and last date (up to
    // TimeSeries.maximumLength, 10 million); spans past a million periods are skipped so that
    // each input stays fast. The limit itself is the readers' business and fuzzed through them.
    let sorted = dates.sorted()
    if let last = sorted.last, let frequency = try? Frequency.inferred(from: sorted),
        let span = spanOfPeriods(from: sorted[0], to: last, frequency: frequency), span > 1_000_000
    {
        return 0
    }
    let values = dates.indices.map(Double.init)
    _ = try? TimeSeries(dates: dates, values: values)
    _ = try? TimeSeries(dates: dates, values: values, sortsDates: true)
    return 0
}

/// The number of whole periods from `first` to `last`, or nil when the grid does not reach it.
func spanOfPeriods(from first: SeriesDate, to last: SeriesDate, frequency: Frequency) -> Int? {
    let seconds = last.secondsSinceEpoch - first.secondsSinceEpoch
    if let step = frequency.fixedSeconds { return seconds / step }
    // Calendar frequencies: at most one period per month.
    return seconds / (28 * 86_400)
}

FuzzDriver.run(fuzzDates)
