import Foundation

/// Ticks for a time axis at a calendar granularity that fits: hours, days, weeks, months,
/// quarters or years, chosen as the finest whose labels fit side by side in the axis' width.
///
/// Positions are seconds since 1970-01-01T00:00 in the proleptic Gregorian calendar with no
/// time zone, as ``SeriesDate/secondsSinceEpoch`` holds them. Ticks fall on the start of their
/// period (midnight, the first of the month, 1 January), on multiples of the step (every 6 hours
/// from midnight, every 3 months from January, every 5 years from a multiple of 5).
///
/// ```swift
/// let axis = TimeAxis(from: jan2020, to: dec2022, width: 320)   // seconds since the epoch
/// axis.ticks.map(\.label)   // ["Jan 2020", "Jul", "Jan 2021", "Jul", "Jan 2022", "Jul"]
/// ```
public struct TimeAxis: Sendable, Equatable {
    /// A calendar unit of the tick step.
    public enum Unit: Sendable, Equatable {
        /// Hours.
        case hour
        /// Days.
        case day
        /// Months.
        case month
        /// Years.
        case year
    }

    /// One tick: its position in seconds since the epoch and its label.
    public struct Tick: Sendable, Equatable {
        /// Seconds since 1970-01-01T00:00.
        public var position: Double
        /// The label, `2030`, `Jan 2021`, `Jul`, `5 Mar` or `13:00`.
        public var label: String
    }

    /// The steps tried, finest first.
    static let steps: [(unit: Unit, count: Int)] = [
        (.hour, 1), (.hour, 2), (.hour, 3), (.hour, 6), (.hour, 12), (.day, 1), (.day, 2), (.day, 7),
        (.month, 1), (.month, 3), (.month, 6), (.year, 1), (.year, 2), (.year, 5), (.year, 10), (.year, 20),
        (.year, 50), (.year, 100), (.year, 200), (.year, 500), (.year, 1000),
    ]

    /// The step's unit.
    public let unit: Unit
    /// How many units between ticks.
    public let stepCount: Int
    /// The ticks, in order.
    public let ticks: [Tick]

    /// The ticks between `start` and `end` (seconds since the epoch) at the finest step whose
    /// labels, at `fontSize` with a gap of one em, fit in `width` pixels and number at most
    /// `maximumCount`.
    ///
    /// - Parameters:
    ///   - start: The first instant of the axis.
    ///   - end: The last instant of the axis (at or after `start`).
    ///   - width: The axis' length in pixels.
    ///   - fontSize: The labels' font size in pixels.
    ///   - maximumCount: The most ticks wanted.
    /// - Complexity: O(number of steps tried × ticks per step).
    public init(from start: Double, to end: Double, width: Double, fontSize: Double = 11, maximumCount: Int = 12) {
        let (low, high) = (min(start, end), max(start, end))
        for (unit, count) in Self.steps {
            let ticks = Self.ticks(from: low, to: high, unit: unit, count: count)
            let needed = ticks.reduce(0) { $0 + ChartText.estimatedWidth($1.label, fontSize: fontSize) + fontSize }
            if ticks.count <= maximumCount && needed <= width {
                self.unit = unit
                stepCount = count
                self.ticks = ticks
                return
            }
        }
        unit = .year
        stepCount = 1000
        ticks = Self.ticks(from: low, to: high, unit: .year, count: 1000)
    }

    /// Every tick of one step from `low` to `high` with its label.
    static func ticks(from low: Double, to high: Double, unit: Unit, count: Int) -> [Tick] {
        // The axis ends are whole seconds in practice; a gigantic span gives up rather than loop.
        guard low.isFinite, high.isFinite, high - low < 1e13 else { return [] }
        var ticks: [Tick] = []
        let lowSecond = Int(low.rounded(.up)), highSecond = Int(high.rounded(.down))
        switch unit {
        case .hour, .day:
            let seconds = (unit == .hour ? 3600 : 86_400) * count
            // Weeks start on Monday: 1970-01-05 was one, 4 days after the epoch.
            let offset = unit == .day && count == 7 ? 4 * 86_400 : 0
            var t = Self.ceilingMultiple(lowSecond - offset, of: seconds) + offset
            let spansDays = highSecond - lowSecond >= 86_400
            let spansYears = Civil(seconds: lowSecond).year != Civil(seconds: highSecond).year
            while t <= highSecond && ticks.count <= 1000 {
                let civil = Civil(seconds: t)
                let label: String
                if unit == .hour && (civil.secondOfDay != 0 || !spansDays) {
                    label = String(format: "%02d:00", civil.secondOfDay / 3600)
                } else if spansYears && (ticks.isEmpty || (civil.month == 1 && civil.day <= count)) {
                    label = "\(civil.day) \(Civil.monthNames[civil.month - 1]) \(civil.year)"
                } else {
                    label = "\(civil.day) \(Civil.monthNames[civil.month - 1])"
                }
                ticks.append(Tick(position: Double(t), label: label))
                t += seconds
            }
        case .month, .year:
            let months = unit == .month ? count : 12 * count
            let first = Civil(seconds: lowSecond)
            var index = first.year * 12 + (first.month - 1)
            if Civil.seconds(year: first.year, month: first.month) < lowSecond { index += 1 }
            index = Self.ceilingMultiple(index, of: months)
            while ticks.count <= 1000 {
                let year = Self.floorDivision(index, 12), month = index - 12 * year + 1
                let t = Civil.seconds(year: year, month: month)
                if t > highSecond { break }
                let label: String
                if unit == .year {
                    label = String(year)
                } else if month == 1 || ticks.isEmpty {
                    label = "\(Civil.monthNames[month - 1]) \(year)"
                } else {
                    label = Civil.monthNames[month - 1]
                }
                ticks.append(Tick(position: Double(t), label: label))
                index += months
            }
        }
        return ticks
    }

    static func floorDivision(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    static func ceilingMultiple(_ a: Int, of b: Int) -> Int { -floorDivision(-a, b) * b }
}

/// A civil date and time from seconds since the epoch (Hinnant's `civil_from_days`).
struct Civil {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    var year: Int
    var month: Int
    var day: Int
    var secondOfDay: Int

    init(seconds: Int) {
        let days = TimeAxis.floorDivision(seconds, 86_400)
        secondOfDay = seconds - days * 86_400
        let z = days + 719_468
        let era = TimeAxis.floorDivision(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Seconds since the epoch of the first day of `month` in `year` at midnight (Hinnant's `days_from_civil`).
    static func seconds(year: Int, month: Int, day: Int = 1) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = TimeAxis.floorDivision(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return (era * 146_097 + dayOfEra - 719_468) * 86_400
    }
}
