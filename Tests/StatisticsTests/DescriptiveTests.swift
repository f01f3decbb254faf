import Statistics
import Testing
import TestSupport

@Suite("Descriptive statistics")
struct DescriptiveTests {
    /// R: quantile(c(2, 4, 4, 4, 5, 5, 7, 9), p, type = 7).
    @Test(arguments: [(0.0, 2.0), (0.1, 3.4), (0.25, 4.0), (0.5, 4.5), (0.9, 7.6), (1.0, 9.0)])
    func typeSevenQuantiles(probability: Double, expected: Double) throws {
        let sample = [9.0, 4, 2, 4, 5, 7, 4, 5]
        expectClose(try Descriptive.quantile(sample, probability: probability), expected, .absolute(1e-15 * 9))
    }

    @Test func meanVarianceMedian() throws {
        let sample = [2.0, 4, 4, 4, 5, 5, 7, 9]
        #expect(try Descriptive.mean(sample) == 5)
        expectClose(try Descriptive.variance(sample), 32.0 / 7, .absolute(1e-15))
        expectClose(try Descriptive.standardDeviation(sample), (32.0 / 7).squareRoot(), .absolute(1e-15))
        #expect(try Descriptive.median(sample) == 4.5)
        #expect(try Descriptive.median([3.0, 1, 2]) == 2)
    }

    /// NIST StRD "NumAcc4": 1000000000.2, then 1000000000.1 and 1000000000.3 alternating (1001
    /// values); certified mean 1000000000.2, standard deviation 0.1 for the decimal data. The
    /// doubles nearest those decimals are 6e-8 off, so their exact standard deviation is
    /// 0.0999999642372131525… (Python `fractions`, exact rational arithmetic on the doubles).
    @Test func largeOffsetIsHandled() throws {
        var sample = [1_000_000_000.2]
        for i in 0..<1000 { sample.append(i % 2 == 0 ? 1_000_000_000.1 : 1_000_000_000.3) }
        expectClose(try Descriptive.mean(sample), 1_000_000_000.2, .absolute(1.2e-7))
        expectClose(try Descriptive.standardDeviation(sample), 0.099999964237213152, .relative(1e-13))
        expectClose(try Descriptive.standardDeviation(sample), 0.1, .absolute(1e-6))
    }

    @Test func refusals() {
        #expect(throws: StatisticsError.tooFewObservations(statistic: "mean", needed: 1, got: 0)) {
            try Descriptive.mean([Double]())
        }
        #expect(throws: StatisticsError.tooFewObservations(statistic: "variance", needed: 2, got: 1)) {
            try Descriptive.variance([1.0])
        }
        #expect(throws: StatisticsError.tooFewObservations(statistic: "median", needed: 1, got: 0)) {
            try Descriptive.median([Double]())
        }
        #expect(throws: StatisticsError.probabilityOutOfRange(1.5)) {
            try Descriptive.quantile([1.0, 2], probability: 1.5)
        }
        #expect(throws: StatisticsError.probabilityOutOfRange(.nan)) {
            try Descriptive.quantile([1.0, 2], probability: .nan)
        }
        #expect(throws: StatisticsError.missingObservation(index: 1)) {
            try Descriptive.median([1.0, .nan, 3])
        }
    }

    @Test func nanPropagatesThroughMoments() throws {
        #expect(try Descriptive.mean([1.0, .nan]).isNaN)
        #expect(try Descriptive.variance([1.0, .nan, 2]).isNaN)
    }
}
