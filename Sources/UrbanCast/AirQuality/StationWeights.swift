/// Station weights for city aggregation, read from a CSV file with the columns `station,weight`.
///
/// A weight is any finite number ≥ 0 (for example the population a station represents); the
/// city mean renormalises the weights over the stations present in each period.
public enum StationWeights {
    /// Reads `station,weight` rows.
    ///
    /// - Parameter path: The CSV file.
    /// - Returns: The weight of each station.
    /// - Throws: ``AirQualityError/data(_:)`` with every problem as `FILE:LINE:COLUMN`: missing
    ///   columns, an empty station, a weight that is not a number or is negative, a station
    ///   given twice.
    /// - Complexity: O(*n*).
    public static func read(contentsOf path: String) throws(AirQualityError) -> [String: Double] {
        var table = try StandardsTable(contentsOf: path, required: ["station", "weight"])
        var weights: [String: Double] = [:]
        for row in table.rows {
            guard let stationField = row["station"], let weightField = row["weight"] else { continue }
            let station = table.text(row, "station")
            guard let weight = table.number(row, "weight") else { continue }
            if station.isEmpty {
                table.report(stationField, "empty station name")
            } else if weight < 0 {
                table.report(weightField, "the weight of \(station) is \(weight); weights must be ≥ 0")
            } else if weights[station] != nil {
                table.report(stationField, "station \(station) is given twice")
            } else {
                weights[station] = weight
            }
        }
        try table.check()
        return weights
    }
}
