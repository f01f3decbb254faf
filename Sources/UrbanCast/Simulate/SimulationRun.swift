import Forecasting
import Foundation
import Statistics

/// Simulated series in the long format, as `urbancast simulate` writes them: `n` series of
/// `length` observations from one ``SimulationModel``, for scale tests beyond the real data.
///
/// Series `i` (from 0) is drawn from `SeededGenerator(seed: seed).split(stream: i)`, so the output
/// is a function of the request alone: the same for any number of threads, and series `i` is the
/// same whatever `n` is. Series are generated a block at a time on up to `threads` tasks and
/// written in order, so memory stays flat as `n` grows.
///
/// The text is `series,date,value` with series named `sim` and a zero-padded number (`sim0001`…),
/// dates stepping by the frequency from `start`, and values in Swift's shortest round-trip form.
public struct SimulationRun: Sendable {
    /// What to simulate.
    public struct Request: Sendable {
        /// The stated model.
        public var model: SimulationModel
        /// Number of series, at least 1.
        public var count: Int
        /// Observations per series, at least 1.
        public var length: Int
        /// The seed of the random streams.
        public var seed: UInt64
        /// The date of every series' first observation.
        public var start: SeriesDate
        /// The step between observations.
        public var frequency: Frequency
        /// Series generated at once, at least 1.
        public var threads: Int

        /// A request.
        ///
        /// - Parameters:
        ///   - model: the stated model.
        ///   - count: series, at least 1.
        ///   - length: observations per series, at least 1.
        ///   - seed: the seed.
        ///   - start: the first date (written at the frequency's precision).
        ///   - frequency: the step between dates.
        ///   - threads: series generated at once.
        public init(
            model: SimulationModel, count: Int, length: Int, seed: UInt64 = 1, start: SeriesDate,
            frequency: Frequency, threads: Int = ProcessInfo.processInfo.activeProcessorCount
        ) {
            self.model = model
            self.count = count
            self.length = length
            self.seed = seed
            self.start = start
            self.frequency = frequency
            self.threads = threads
        }
    }

    /// The request.
    public let request: Request

    /// Series simulated and formatted at once (the memory of a run is about this many series).
    public static let blockSize = 256

    /// A run of `request`.
    ///
    /// - Throws: `ForecastingError.invalidSpecification` for a count, length or thread count below
    ///   1 or an invalid frequency.
    public init(_ request: Request) throws(ForecastingError) {
        guard request.count >= 1 else {
            throw .invalidSpecification("simulate at least 1 series, not \(request.count)")
        }
        guard request.length >= 1 else {
            throw .invalidSpecification("each series needs at least 1 observation, not \(request.length)")
        }
        guard request.threads >= 1 else {
            throw .invalidSpecification("threads must be at least 1, not \(request.threads)")
        }
        guard request.frequency.isValid else { throw .invalidSpecification("invalid frequency \(request.frequency)") }
        self.request = request
    }

    /// The values of series `index`.
    ///
    /// - Complexity: that of ``SimulationModel/simulate(length:generator:)``.
    public func values(ofSeries index: Int) -> [Double] {
        var generator = SeededGenerator(seed: request.seed).split(stream: index)
        return request.model.simulate(length: request.length, generator: &generator)
    }

    /// Writes the long-format text block by block.
    ///
    /// - Parameters:
    ///   - progress: told after each block is written, with the number of series.
    ///   - write: receives the header, then each block's rows as UTF-8, in order.
    /// - Throws: what `write` throws; the rest is not generated. `CancellationError` when the
    ///   calling task is cancelled before every series is written: the blocks written so far are
    ///   whole, and no further block is generated.
    /// - Complexity: O(count × length) time; memory O(block × length).
    public func write(progress: (any ProgressObserver)? = nil, to write: ([UInt8]) throws -> Void) async throws {
        let width = String(request.count).count
        let dates = (0..<request.length).map {
            Array(request.start.advanced(by: $0, frequency: request.frequency).description.utf8)
        }
        try write(Array("series,date,value\n".utf8))
        var first = 0
        while first < request.count {
            let block = first..<Swift.min(first + Self.blockSize, request.count)
            guard let paths = await simulate(block) else { throw CancellationError() }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(block.count * request.length * 32)
            for (offset, path) in paths.enumerated() {
                let number = String(block.lowerBound + offset + 1)
                let name = Array(("sim" + String(repeating: "0", count: width - number.count) + number + ",").utf8)
                for (t, value) in path.enumerated() {
                    bytes += name
                    bytes += dates[t]
                    bytes.append(UInt8(ascii: ","))
                    if value.isNaN { bytes += Array("NA".utf8) } else { bytes += Array("\(value)".utf8) }
                    bytes.append(UInt8(ascii: "\n"))
                }
            }
            try write(bytes)
            first = block.upperBound
            progress?.observe(RunProgress(completed: first, total: request.count))
        }
    }

    /// The paths of one block, in order, on up to `threads` tasks; `nil` when the calling task is
    /// cancelled first.
    private func simulate(_ block: Range<Int>) async -> [[Double]]? {
        var paths = [[Double]](repeating: [], count: block.count)
        let finished = await forEachConcurrently(block.count, width: request.threads) { offset in
            values(ofSeries: block.lowerBound + offset)
        } receive: { offset, path in
            paths[offset] = path
            return true
        }
        return finished ? paths : nil
    }
}
