import Forecasting
import Statistics

/// Evaluates every scenario for one set of normals, and runs the Monte Carlo draws in chunks.
///
/// Each draw takes, from its own stream `root.split(stream: draw)`, `n` normals per driver and
/// `parameters + n` per indicator, in specification order; then, from the same stream, one seed
/// per simulated quantity (each driver, then each indicator, in specification order), and the
/// paths simulated from the fitted time-series models (``DrawPaths``), each quantity from its own
/// generator seeded with its seed. A driver's path starts from the same seed in every scenario
/// (so a driver that a scenario does not replace has the same path in every scenario), and no
/// quantity's numbers depend on how many another one consumes: a scenario that replaces a growth
/// driver by a model cannot reuse the numbers of the next driver or indicator, which would
/// correlate them spuriously. Every scenario of a draw reuses the same normals and paths
/// (common random numbers) and the three passes of a draw (all uncertainty, drivers only, model
/// only) too, so the variance split compares like with like.
struct DrawEngine: Sendable {
    let years: [Int]
    let scenarioDrivers: [[PreparedProjection]]
    let indicators: [PreparedIndicator]
    let measures: [[[ScenarioSpecification.MeasureAction]]]

    /// Draws per chunk: fixed, so that chunking does not depend on the number of threads.
    static let chunkSize = 32

    var normalsPerDraw: Int {
        let n = years.count
        return (scenarioDrivers.first?.count ?? 0) * n + indicators.reduce(0) { $0 + $1.parameterCount + n }
    }

    struct Evaluation {
        var values: [[[Double]]]
        var intensities: [[[Double]?]]
        var drivers: [[[Double]]]
    }

    /// The simulated paths of one draw, taken from `generator` after the draw's normals.
    func simulatePaths(generator: inout SeededGenerator) -> DrawPaths {
        var scratch = PathScratch()
        simulatePaths(into: &scratch, generator: &generator)
        return scratch.paths
    }

    /// A worker's reusable buffers for ``simulatePaths(into:generator:)``: after the first draw,
    /// drawing the paths of another one allocates nothing (but for the hourly peak noise).
    struct PathScratch {
        var paths = DrawPaths()
        var workspace = FuturePathSimulator.Workspace()
        var seeds: [UInt64] = []
    }

    /// The simulated paths of one draw, taken from `generator` after the draw's normals, written
    /// over `scratch.paths` (the same numbers as ``simulatePaths(generator:)``).
    func simulatePaths(into scratch: inout PathScratch, generator: inout SeededGenerator) {
        let n = years.count
        let driverCount = scenarioDrivers.first?.count ?? 0
        scratch.seeds.removeAll(keepingCapacity: true)
        for _ in 0..<(driverCount + indicators.count) { scratch.seeds.append(generator.next()) }
        if scratch.paths.drivers.count != scenarioDrivers.count
            || scratch.paths.drivers.indices.contains(where: { scratch.paths.drivers[$0].count != driverCount })
        {
            scratch.paths.drivers = scenarioDrivers.map { _ in [[Double]?](repeating: nil, count: driverCount) }
        }
        if scratch.paths.indicators.count != indicators.count {
            scratch.paths.indicators = [[Double]?](repeating: nil, count: indicators.count)
        }
        for d in 0..<driverCount {
            for (s, drivers) in scenarioDrivers.enumerated() {
                var stream = SeededGenerator(seed: scratch.seeds[d])
                drivers[d].simulate(into: &scratch.paths.drivers[s][d], workspace: &scratch.workspace, generator: &stream)
            }
        }
        for (i, indicator) in indicators.enumerated() {
            var stream = SeededGenerator(seed: scratch.seeds[driverCount + i])
            indicator.simulate(years: n, into: &scratch.paths.indicators[i], workspace: &scratch.workspace,
                               generator: &stream)
        }
    }

    /// Every scenario's indicators for one draw's normals and paths (ignored when `mode` is `.none`).
    func evaluate(normals: [Double], paths draw: DrawPaths, mode: NoiseMode) throws(ScenarioError) -> Evaluation {
        let n = years.count
        var result = Evaluation(values: [], intensities: [], drivers: [])
        for (s, drivers) in scenarioDrivers.enumerated() {
            var offset = 0
            var paths: [[Double]] = []
            for driver in drivers {
                let z = mode == .none ? ArraySlice(repeating: 0, count: n) : normals[offset..<(offset + n)]
                let path = mode == .none ? nil : draw.drivers[s][paths.count]
                paths.append(driver.values(count: n, normals: z, path: path, noisy: mode.drivers))
                offset += n
            }
            var values: [[Double]] = [], intensities: [[Double]?] = []
            for (i, indicator) in indicators.enumerated() {
                let count = indicator.parameterCount + n
                let z = mode == .none ? ArraySlice(repeating: 0, count: count) : normals[offset..<(offset + count)]
                offset += count
                let path = mode == .none ? nil : draw.indicators[i]
                let out = try indicator.evaluate(drivers: paths, normals: z, path: path, noisy: mode.model,
                                                 measures: measures[s][i], years: years)
                values.append(out.value)
                intensities.append(out.intensity)
            }
            result.values.append(values)
            result.intensities.append(intensities)
            result.drivers.append(paths)
        }
        return result
    }

    /// The draws of all three passes, each laid out cell-major: `[scenario][indicator][year][draw]`,
    /// so that each cell's draws are contiguous.
    struct Draws: Sendable {
        var all: [Double]
        var driversOnly: [Double]
        var modelOnly: [Double]

        /// The draws of one cell of one pass.
        func cell(_ index: Int, count: Int, in pass: KeyPath<Draws, [Double]> = \.all) -> ArraySlice<Double> {
            self[keyPath: pass][(index * count)..<((index + 1) * count)]
        }
    }

    /// Run `draws` draws in fixed chunks on up to `threads` concurrent tasks.
    ///
    /// - Throws: the first chunk's error (no chunk is started after it); ``ScenarioError/cancelled``
    ///   when the calling task is cancelled before every chunk is drawn.
    /// - Complexity: O(draws × scenarios × (drivers + indicators) × years).
    func simulate(draws: Int, seed: UInt64, threads: Int, progress: (any ProgressObserver)?) async throws(ScenarioError)
        -> Draws
    {
        let stride = scenarioDrivers.count * indicators.count * years.count
        let chunkCount = (draws + Self.chunkSize - 1) / Self.chunkSize
        var out = Draws(all: [Double](repeating: .nan, count: draws * stride),
                        driversOnly: [Double](repeating: .nan, count: draws * stride),
                        modelOnly: [Double](repeating: .nan, count: draws * stride))
        let root = SeededGenerator(seed: seed)
        let engine = self
        var done = 0
        var failure: ScenarioError?
        let finished = await forEachConcurrently(chunkCount, width: threads) { chunk -> Swift.Result<Draws, ScenarioError> in
            do throws(ScenarioError) { return .success(try engine.chunk(chunk, draws: draws, root: root)) } catch {
                return .failure(error)
            }
        } receive: { chunk, result in
            switch result {
            case .failure(let error):
                failure = error
                return false
            case .success(let part):
                // part is draw-major for this chunk's draws; scatter into the cell-major buffers.
                let first = chunk * Self.chunkSize
                let count = part.all.count / Swift.max(stride, 1)
                for k in 0..<count {
                    for c in 0..<stride {
                        out.all[c * draws + first + k] = part.all[k * stride + c]
                        out.driversOnly[c * draws + first + k] = part.driversOnly[k * stride + c]
                        out.modelOnly[c * draws + first + k] = part.modelOnly[k * stride + c]
                    }
                }
                done += count
                progress?.observe(RunProgress(completed: done, total: draws))
                return true
            }
        }
        if let failure { throw failure }
        guard finished else { throw .cancelled }
        return out
    }

    private func chunk(_ index: Int, draws: Int, root: SeededGenerator) throws(ScenarioError) -> Draws {
        let first = index * Self.chunkSize
        let last = Swift.min(first + Self.chunkSize, draws)
        var part = Draws(all: [], driversOnly: [], modelOnly: [])
        var normals = [Double](repeating: 0, count: normalsPerDraw)
        var scratch = PathScratch()
        for draw in first..<last {
            var generator = root.split(stream: draw)
            for k in normals.indices { normals[k] = generator.nextNormal() }
            simulatePaths(into: &scratch, generator: &generator)
            part.all += Self.flatten(try evaluate(normals: normals, paths: scratch.paths, mode: .all).values)
            part.driversOnly += Self.flatten(try evaluate(normals: normals, paths: scratch.paths, mode: .drivers).values)
            part.modelOnly += Self.flatten(try evaluate(normals: normals, paths: scratch.paths, mode: .model).values)
        }
        return part
    }

    private static func flatten(_ values: [[[Double]]]) -> [Double] {
        values.flatMap { $0.flatMap { $0 } }
    }
}
