/// The standards an air-quality report compares with: the WHO 2021 guideline levels and the air
/// quality index definitions.
///
/// ``builtIn`` holds the tables of `Models/air-quality` compiled into the library, so a program
/// that embeds UrbanCast needs no file; ``init(directory:)`` reads a folder laid out the same way,
/// for a user who edits a table or adds an index.
///
/// ```swift
/// let standards = AirQualityStandards.builtIn
/// try standards.guidelines.annualLevels(for: .pm25, in: .microgramsPerCubicMetre).map(\.value)
/// // [35, 25, 15, 10, 5]
/// standards.indices.map(\.id)
/// // ["us-epa-2024", "china-hj633-2012", "india-naqi-2014", "korea-cai", "indonesia-ispu-2020"]
/// ```
public struct AirQualityStandards: Sendable, Equatable {
    /// The name of the guideline file in a standards folder.
    public static let guidelinesFileName = "who-2021-aqg.csv"

    /// The WHO 2021 guideline levels and interim targets.
    public var guidelines: WHOGuidelines
    /// The air quality indices, in the order of `aqi-indices.csv`.
    public var indices: [AirQualityIndex]

    /// Creates standards from guideline levels and indices.
    ///
    /// - Parameters:
    ///   - guidelines: The WHO levels.
    ///   - indices: The indices to count days by.
    public init(guidelines: WHOGuidelines, indices: [AirQualityIndex]) {
        self.guidelines = guidelines
        self.indices = indices
    }

    /// Reads the standards of a folder laid out as `Models/air-quality`: `who-2021-aqg.csv`,
    /// `aqi-indices.csv`, `aqi-categories.csv`, `aqi-breakpoints.csv` and, optionally,
    /// `aqi-combined.csv`.
    ///
    /// - Parameter directory: The folder.
    /// - Throws: ``AirQualityError/data(_:)`` for a missing file or with every problem in a file
    ///   as `FILE:LINE:COLUMN` (see ``WHOGuidelines/init(contentsOf:)`` and
    ///   ``AirQualityIndex/load(directory:)``).
    /// - Complexity: O(*r* log *r*) in the rows of the files.
    public init(directory: String) throws(AirQualityError) {
        guidelines = try WHOGuidelines(contentsOf: directory + "/" + Self.guidelinesFileName)
        indices = try AirQualityIndex.load(directory: directory)
    }

    /// The WHO 2021 levels (with the short-term guidelines kept from earlier editions) and the
    /// US (2024), China (HJ 633-2012), India (NAQI), Korea (CAI) and Indonesia (ISPU, P.14/2020)
    /// indices as published; the same tables as the files in `Models/air-quality`, whose README
    /// cites the sources.
    public static let builtIn = AirQualityStandards(guidelines: builtInGuidelines, indices: builtInIndices)
}
