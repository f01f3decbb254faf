import Foundation

extension AirQualityIndex {
    /// The rule by which an index combines the sub-indices of several pollutants into one value,
    /// when it does more than take their maximum.
    ///
    /// Korea's Comprehensive Air-quality Index (CAI) takes the highest sub-index and, when two
    /// or more pollutants are "Unhealthy" (나쁨, sub-index ≥ 101) or worse, adds 50 points for
    /// two such pollutants and 75 for three or more (AirKorea; `Models/air-quality/README.md`
    /// cites the sources). AirKorea computes the CAI only when PM10, PM2.5, NO2 and O3 are all
    /// measured.
    ///
    /// Read from `aqi-combined.csv` (`index,requires,countFrom,bonusTwo,bonusThreeOrMore,source`,
    /// `requires` a `;`-separated list of pollutants).
    public struct Combination: Sendable, Equatable {
        static let fileName = "aqi-combined.csv"
        /// The values `countFrom` and the bonuses may take: index points, far beyond any scale's
        /// top (500 for the CAI) yet small enough that a sub-index plus a bonus cannot overflow.
        static let pointRange = 0...1_000_000

        /// The pollutants that must all have a sub-index for the combined value to exist.
        public let requiredPollutants: [Pollutant]
        /// The lowest sub-index that counts a pollutant as unhealthy (CAI: 101).
        public let countFrom: Int
        /// The points added to the highest sub-index when exactly two pollutants count.
        public let bonusForTwo: Int
        /// The points added when three or more pollutants count.
        public let bonusForThreeOrMore: Int
        /// The citation of the rule.
        public let source: String

        /// Reads `aqi-combined.csv`, reporting every problem at its cell.
        static func load(contentsOf path: String, indices: [AirQualityIndex]) throws(AirQualityError)
            -> [String: Combination]
        {
            var table = try StandardsTable(
                contentsOf: path, required: ["index", "requires", "countFrom", "bonusTwo", "bonusThreeOrMore", "source"])
            let known = indices.map(\.id)
            var result: [String: Combination] = [:]
            for row in table.rows {
                let id = table.text(row, "index")
                if !known.contains(id), let field = row["index"] {
                    table.report(field, "unknown index '\(id)'; aqi-indices.csv lists \(known.joined(separator: ", "))")
                }
                var required: [Pollutant] = []
                if let field = row["requires"] {
                    for name in table.text(row, "requires").split(separator: ";").map({ String($0).trimmingSpaces() }) {
                        if let pollutant = Pollutant(name: name) { required.append(pollutant) } else {
                            table.report(field, AirQualityError.unknownPollutant(name).description)
                        }
                    }
                }
                let countFrom = table.wholeNumber(row, "countFrom", in: Self.pointRange)
                let two = table.wholeNumber(row, "bonusTwo", in: Self.pointRange)
                let three = table.wholeNumber(row, "bonusThreeOrMore", in: Self.pointRange)
                guard let countFrom, let two, let three else { continue }
                result[id] = Combination(
                    requiredPollutants: required, countFrom: countFrom, bonusForTwo: two,
                    bonusForThreeOrMore: three, source: table.text(row, "source"))
            }
            try table.check()
            return result
        }
    }

    /// The index value of several pollutants together.
    public struct CombinedIndex: Sendable, Equatable {
        /// The combined integer value, or `nil` when the highest sub-index has none (above its
        /// table, or in an open band).
        public let value: Int?
        /// The category of the combined value (of the highest sub-index when it has no value).
        public let category: String
        /// The pollutant with the highest sub-index (the "main pollutant").
        public let mainPollutant: Pollutant
        /// The pollutants that count as unhealthy under ``Combination/countFrom``.
        public let unhealthyPollutants: Int
        /// The points added (0 without a ``Combination``).
        public let bonus: Int
    }

    /// Combines the sub-indices of one place and period.
    ///
    /// Without a ``combination`` the value is the highest sub-index (the rule of the US, China
    /// and India). With one, k = the number of pollutants whose sub-index is at least
    /// ``Combination/countFrom`` (a sub-index above its table counts when its category is at or
    /// above that of `countFrom`), and the value is
    ///
    /// I = min(I_max + bonus(k), top of the scale),  bonus = 0 (k ≤ 1), bonusForTwo (k = 2),
    /// bonusForThreeOrMore (k ≥ 3);
    ///
    /// capped at the top of the last category (500 for the CAI), since the index has no
    /// categories beyond it.
    ///
    /// ```swift
    /// // Korea CAI: PM2.5 sub-index 150, PM10 120, NO2 60, O3 40 → two unhealthy → 150 + 50
    /// cai.combined([.pm25: pm25, .pm10: pm10, .no2: no2, .o3: o3])?.value   // 200
    /// ```
    ///
    /// - Parameter subIndices: The sub-index of each pollutant measured (absent pollutants are
    ///   not in the dictionary).
    /// - Returns: The combined index, or `nil` when there is no sub-index or one of
    ///   ``Combination/requiredPollutants`` is missing.
    /// - Complexity: O(*p* · *c*) for *p* pollutants and *c* categories.
    public func combined(_ subIndices: [Pollutant: SubIndex]) -> CombinedIndex? {
        if let combination, combination.requiredPollutants.contains(where: { subIndices[$0] == nil }) { return nil }
        let position = { (name: String) in categories.firstIndex { $0.name == name } ?? 0 }
        // Highest category first, then highest value (no value = above the table = highest).
        let ranked = subIndices.sorted { lhs, rhs in
            let left = (position(lhs.value.category), lhs.value.value ?? Int.max)
            let right = (position(rhs.value.category), rhs.value.value ?? Int.max)
            return left != right ? left > right : lhs.key < rhs.key
        }
        guard let (main, top) = ranked.first else { return nil }
        guard let combination else {
            return CombinedIndex(value: top.value, category: top.category, mainPollutant: main, unhealthyPollutants: 0, bonus: 0)
        }
        let threshold = position(category(of: combination.countFrom))
        let unhealthy = subIndices.values.filter { sub in
            sub.value.map { $0 >= combination.countFrom } ?? (position(sub.category) >= threshold)
        }.count
        let bonus = unhealthy >= 3 ? combination.bonusForThreeOrMore : unhealthy == 2 ? combination.bonusForTwo : 0
        let ceiling = categories.last?.high ?? Int.max
        let value = top.value.map { min($0 + bonus, ceiling) }
        return CombinedIndex(
            value: value, category: value.map { category(of: $0) } ?? top.category, mainPollutant: main,
            unhealthyPollutants: unhealthy, bonus: bonus)
    }
}
