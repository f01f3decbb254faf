import Forecasting

/// Reads the date forms that spreadsheets, pandas, R and tsibble write, beside the
/// ``SeriesDate`` grammar: `2000 Jan`, `Jan 2000`, `2000 Q1`, `2000Q1`, `Q1 2000`, `2000-W05`
/// (the Monday of ISO week 5, as a day) and `DD/MM/YYYY` or `MM/DD/YYYY` with `/`, `.` or `-`.
enum DateText {
    private static let monthNames = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]

    /// The date `text` stands for, or the message to report.
    ///
    /// Text in the ``SeriesDate`` grammar is read by it first, so files that read before read
    /// the same; its message is kept when no other form fits either.
    static func parse(_ text: String, order: InputFormat.DateOrder?) -> Result<SeriesDate, MessageText> {
        let grammarError: TimeSeriesError
        do {
            return .success(try SeriesDate(parsing: text))
        } catch {
            grammarError = error
        }
        if let date = yearAndPeriod(text) ?? isoWeek(text) { return .success(date) }
        if let result = dayMonthYear(text, order: order) { return result }
        return .failure(MessageText(grammarError.description))
    }

    /// `2000 Jan`, `2000-Jan`, `Jan 2000`, `January 2000`, `2000 Q1`, `2000Q1`, `Q1 2000`, `2000 q1`.
    private static func yearAndPeriod(_ text: String) -> SeriesDate? {
        let lowered = text.lowercased()
        let parts = lowered.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" }).map(String.init)
        var yearText: String
        var period: String
        if parts.count == 2 {
            (yearText, period) = parts[0].count == 4 && parts[0].allSatisfy(\.isASCIIDigit) ? (parts[0], parts[1]) : (parts[1], parts[0])
        } else if parts.count == 1, lowered.count == 6, let q = lowered.firstIndex(of: "q") {
            yearText = String(lowered[..<q])
            period = String(lowered[q...])
        } else {
            return nil
        }
        guard yearText.count == 4, yearText.allSatisfy(\.isASCIIDigit), let year = Int(yearText) else { return nil }
        if period.count == 2, period.first == "q", let quarter = period.last?.wholeNumberValue, (1...4).contains(quarter) {
            return SeriesDate(year: year, month: quarter * 3 - 2, precision: .quarter)
        }
        guard period.count >= 3, let month = monthNames.firstIndex(of: String(period.prefix(3))) else { return nil }
        let fullNames = [
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december",
        ]
        guard period.count == 3 || period == fullNames[month] || period == "sept" else { return nil }
        return SeriesDate(year: year, month: month + 1, precision: .month)
    }

    /// `2000-W05` or `2000W05`: the Monday of that ISO week, as a day.
    private static func isoWeek(_ text: String) -> SeriesDate? {
        let bytes = Array(text.uppercased().utf8)
        guard bytes.count == 7 || bytes.count == 8 else { return nil }
        let weekStart = bytes.count == 8 ? 6 : 5
        guard bytes.count == 7 || bytes[4] == UInt8(ascii: "-"), bytes[weekStart - 1] == UInt8(ascii: "W"),
            let year = Int(String(decoding: bytes[0..<4], as: UTF8.self)),
            let week = Int(String(decoding: bytes[weekStart...], as: UTF8.self)), (1...53).contains(week)
        else { return nil }
        let january4 = SeriesDate(year: year, month: 1, day: 4, precision: .day)
        // Days since 1970-01-01, a Thursday, give the ISO weekday (Monday 1 to Sunday 7).
        let days = Int((Double(january4.secondsSinceEpoch) / 86_400).rounded(.down))
        let weekday = ((days % 7 + 7) % 7 + 3) % 7 + 1
        let monday = january4.advanced(by: 7 * (week - 1) - (weekday - 1), frequency: .daily)
        // A week belongs to the year of its Thursday: week 53 of a 52-week year is refused.
        guard monday.advanced(by: 3, frequency: .daily).year == year else { return nil }
        return monday
    }

    /// `01/02/2020`, `1.2.2020`, `13-02-2020`: day and month in the order given, or the one
    /// order that fits; `nil` when the text is not of this shape.
    private static func dayMonthYear(_ text: String, order: InputFormat.DateOrder?) -> Result<SeriesDate, MessageText>? {
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" })
        guard parts.count == 3, parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2,
            parts.allSatisfy({ part in !part.isEmpty && part.allSatisfy { $0.isASCIIDigit } }),
            let first = Int(parts[0]), let second = Int(parts[1]), let year = Int(parts[2])
        else { return nil }
        let resolved: InputFormat.DateOrder
        if let order {
            resolved = order
        } else if first > 12, second <= 12 {
            resolved = .dayFirst
        } else if second > 12, first <= 12 {
            resolved = .monthFirst
        } else if first == second {
            resolved = .dayFirst
        } else {
            return .failure(MessageText(
                "'\(text)' could be read day first or month first; give the date order (day first, DD/MM/YYYY, or month first, MM/DD/YYYY)"
            ))
        }
        let (day, month) = resolved == .dayFirst ? (first, second) : (second, first)
        guard (1...12).contains(month), (1...CivilDays.daysInMonth(year: year, month: month)).contains(day) else {
            let pattern = resolved == .dayFirst ? "DD/MM/YYYY" : "MM/DD/YYYY"
            return .failure(MessageText("'\(text)' is not a date written \(pattern)"))
        }
        return .success(SeriesDate(year: year, month: month, day: day, precision: .day))
    }

    /// The same dates written to the period they end, when every one is the last day of its
    /// month: year-end stamps (`2000-12-31`, or every stamp in one month) become years,
    /// quarter-end stamps quarters, and month-end stamps months. `nil` when the dates are not all period ends, or when
    /// `frequency` asks for days or finer.
    static func periodEnds(_ dates: [SeriesDate], frequency: Frequency?) -> [SeriesDate]? {
        guard dates.count >= 2, dates.allSatisfy({ $0.precision == .day && $0.day == CivilDays.daysInMonth(year: $0.year, month: $0.month) })
        else { return nil }
        let precision: SeriesDate.Precision
        switch frequency {
        case .yearly?: precision = .year
        case .quarterly?: precision = .quarter
        case .monthly?: precision = .month
        case nil:
            if dates.allSatisfy({ $0.month == dates[0].month }) {
                // Every stamp in one month: a year, ending in December or a fiscal year's month.
                precision = .year
            } else if dates.allSatisfy({ $0.month % 3 == 0 }), !dates.allSatisfy({ $0.month == dates[0].month }) {
                precision = .quarter
            } else {
                precision = .month
            }
        default: return nil
        }
        let coarse = dates.map { SeriesDate(year: $0.year, month: $0.month, precision: precision) }
        return Set(coarse).count == Set(dates).count ? coarse : nil
    }
}

/// Month lengths in the proleptic Gregorian calendar.
private enum CivilDays {
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
