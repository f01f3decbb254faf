import Statistics
import Testing

/// Every parameter that must be finite and positive is refused with a typed error that says
/// what to change.
@Suite("Parameter validation")
struct ParameterValidationTests {
    static let invalidValues: [Double] = [0, -1, -.infinity, .infinity, .nan]

    @Test(arguments: invalidValues)
    func studentT(value: Double) {
        #expect(
            throws: StatisticsError.invalidParameter(
                name: "degreesOfFreedom", value: value, requirement: "a finite number greater than 0")
        ) {
            try StudentT(degreesOfFreedom: value)
        }
    }

    @Test(arguments: invalidValues)
    func chiSquared(value: Double) {
        #expect(
            throws: StatisticsError.invalidParameter(
                name: "degreesOfFreedom", value: value, requirement: "a finite number greater than 0")
        ) {
            try ChiSquared(degreesOfFreedom: value)
        }
    }

    @Test(arguments: invalidValues, ["numeratorDegreesOfFreedom", "denominatorDegreesOfFreedom"])
    func fDistribution(value: Double, parameter: String) {
        #expect(
            throws: StatisticsError.invalidParameter(
                name: parameter, value: value, requirement: "a finite number greater than 0")
        ) {
            if parameter == "numeratorDegreesOfFreedom" {
                _ = try FDistribution(numeratorDegreesOfFreedom: value, denominatorDegreesOfFreedom: 3)
            } else {
                _ = try FDistribution(numeratorDegreesOfFreedom: 3, denominatorDegreesOfFreedom: value)
            }
        }
    }

    @Test(arguments: invalidValues, ["shape", "scale"])
    func gamma(value: Double, parameter: String) {
        #expect(
            throws: StatisticsError.invalidParameter(
                name: parameter, value: value, requirement: "a finite number greater than 0")
        ) {
            if parameter == "shape" {
                _ = try GammaDistribution(shape: value, scale: 1)
            } else {
                _ = try GammaDistribution(shape: 1, scale: value)
            }
        }
    }

    @Test(arguments: invalidValues)
    func normalStandardDeviation(value: Double) {
        #expect(
            throws: StatisticsError.invalidParameter(
                name: "standardDeviation", value: value, requirement: "a finite number greater than 0")
        ) {
            try Normal(mean: 0, standardDeviation: value)
        }
    }

    @Test(arguments: [Double.infinity, -.infinity, .nan])
    func normalMean(value: Double) {
        #expect(throws: StatisticsError.invalidParameter(name: "mean", value: value, requirement: "a finite number")) {
            try Normal(mean: value, standardDeviation: 1)
        }
    }

    @Test func messagesSayWhatToChange() {
        let error = StatisticsError.invalidParameter(
            name: "degreesOfFreedom", value: -2, requirement: "a finite number greater than 0")
        #expect(
            error.description == "degreesOfFreedom must be a finite number greater than 0, got -2.0. "
                + "Pass a finite number greater than 0 for degreesOfFreedom.")
    }

    @Test func validParametersAreAccepted() throws {
        #expect(try StudentT(degreesOfFreedom: 0.01).degreesOfFreedom == 0.01)
        #expect(try ChiSquared(degreesOfFreedom: 1e300).degreesOfFreedom == 1e300)
        #expect(try GammaDistribution(shape: 2).scale == 1)
    }
}
