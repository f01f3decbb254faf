extension SeriesDate {
    /// The date `periods` steps of `frequency` after this one (before it when negative).
    ///
    /// Calendar frequencies add `12`, `3` or `1` calendar months per period and keep the day of
    /// the month, clamped to the length of the target month; a date on the last day of its month
    /// stays on month-ends (`2024-01-31` plus one month is `2024-02-29`, plus two is
    /// `2024-03-31`). Fixed frequencies add `periods × fixedSeconds` of civil time.
    ///
    /// The result is written at least as finely as the frequency needs
    /// (``Frequency/naturalPrecision``): `2024` stepped quarterly is `2024-Q2`, `2024-07` stepped
    /// daily is `2024-07-02`, and `2024-07-31` stepped hourly is `2024-07-31T01:00`. Stepping by
    /// zero periods only applies that rule.
    ///
    /// ```swift
    /// try SeriesDate(parsing: "2024-Q3").advanced(by: 2, frequency: .quarterly)  // 2025-Q1
    /// try SeriesDate(parsing: "2024-12-30").advanced(by: 1, frequency: .weekly)  // 2025-01-06
    /// ```
    ///
    /// - Parameters:
    ///   - periods: The number of periods to step; negative steps go back.
    ///   - frequency: The step.
    /// - Returns: The stepped date, with the same separator.
    /// - Precondition: `frequency` is valid (``Frequency/isValid``).
    /// - Complexity: O(1).
    public func advanced(by periods: Int, frequency: Frequency) -> SeriesDate {
        precondition(frequency.isValid, "invalid frequency \(frequency)")
        let precision = Swift.max(self.precision, frequency.naturalPrecision)
        if let seconds = frequency.fixedSeconds {
            return SeriesDate(
                secondsSinceEpoch: secondsSinceEpoch + periods * seconds,
                precision: precision, separator: separator)
        }
        let monthsPerPeriod = frequency.calendarMonths ?? 1
        let (year, month, day) = components
        let monthIndex = year * 12 + (month - 1) + periods * monthsPerPeriod
        let newYear = ProlepticGregorian.floorDivide(monthIndex, 12)
        let newMonth = ProlepticGregorian.floorModulo(monthIndex, 12) + 1
        let newLength = ProlepticGregorian.daysInMonth(year: newYear, month: newMonth)
        let isMonthEnd = day == ProlepticGregorian.daysInMonth(year: year, month: month)
        let newDay = self.precision >= .day && isMonthEnd ? newLength : Swift.min(day, newLength)
        let days = ProlepticGregorian.days(year: newYear, month: newMonth, day: newDay)
        return SeriesDate(
            secondsSinceEpoch: days * ProlepticGregorian.secondsPerDay + secondOfDay,
            precision: precision, separator: separator)
    }

    /// The number of periods of `frequency` from `start` to this date, if this date lies on the
    /// grid that starts at `start`.
    ///
    /// The grid is `start.advanced(by: k, frequency: frequency)` for whole `k`, so this is the
    /// inverse of ``advanced(by:frequency:)``.
    ///
    /// ```swift
    /// let start = try SeriesDate(parsing: "2024-01")
    /// try SeriesDate(parsing: "2024-07").periods(from: start, frequency: .monthly)    // 6
    /// try SeriesDate(parsing: "2024-07").periods(from: start, frequency: .quarterly)  // 2
    /// try SeriesDate(parsing: "2024-08").periods(from: start, frequency: .quarterly)  // nil
    /// ```
    ///
    /// - Parameters:
    ///   - start: The first date of the grid.
    ///   - frequency: The step of the grid.
    /// - Returns: `k` such that `start.advanced(by: k, frequency: frequency)` is this instant, or
    ///   `nil` when this date falls between grid points.
    /// - Complexity: O(1).
    public func periods(from start: SeriesDate, frequency: Frequency) -> Int? {
        let position = gridPosition(from: start, frequency: frequency)
        return position.isExact ? position.periods : nil
    }

    /// The whole number of periods from `start` to this date (rounded down when between grid
    /// points) and whether the date is exactly on the grid.
    func gridPosition(from start: SeriesDate, frequency: Frequency) -> (periods: Int, isExact: Bool) {
        precondition(frequency.isValid, "invalid frequency \(frequency)")
        if let seconds = frequency.fixedSeconds {
            let difference = secondsSinceEpoch - start.secondsSinceEpoch
            return (
                ProlepticGregorian.floorDivide(difference, seconds),
                ProlepticGregorian.floorModulo(difference, seconds) == 0
            )
        }
        let monthsPerPeriod = frequency.calendarMonths ?? 1
        let months = (year * 12 + month) - (start.year * 12 + start.month)
        var periods = ProlepticGregorian.floorDivide(months, monthsPerPeriod)
        var candidate = start.advanced(by: periods, frequency: frequency)
        if candidate.secondsSinceEpoch > secondsSinceEpoch {
            periods -= 1
            candidate = start.advanced(by: periods, frequency: frequency)
        }
        return (periods, candidate.secondsSinceEpoch == secondsSinceEpoch)
    }
}
