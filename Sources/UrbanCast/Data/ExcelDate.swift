import Foundation
import Forecasting

/// Excel's serial dates: a number of days (and a fraction of a day for the time) that a cell
/// shows as a date because of its number format.
///
/// Two date systems exist. In the 1900 system (the default) serial 1 is 1900-01-01 and, to match
/// Lotus 1-2-3, serial 60 is the nonexistent 1900-02-29, so from serial 61 (1900-03-01) on the
/// date is 1899-12-30 plus the serial. In the 1904 system (old Mac workbooks, `date1904` in
/// `workbook.xml`) serial 0 is 1904-01-01.
enum ExcelDate {
    /// Built-in number formats that show dates or times: ids 14–22 (dates, times, date and time)
    /// and 45–47 (minutes and seconds).
    static let builtInDateFormats: Set<Int> = Set(14...22).union(45...47)

    /// Whether a custom number format code shows a date: it has a `d`, `m` or `y` outside quoted
    /// text, escaped characters and `[...]` sections (colours, locales, elapsed time), and is not
    /// a time of day alone (`h:mm`, where `m` means minutes).
    static func isDateFormat(_ code: String) -> Bool {
        var isQuoted = false
        var isBracketed = false
        var isEscaped = false
        var hasDate = false
        var hasMonthOrMinute = false
        var hasTime = false
        // Only the first section (positive numbers) says how a date shows.
        for character in code {
            if isEscaped { isEscaped = false; continue }
            if isQuoted { if character == "\"" { isQuoted = false }; continue }
            if isBracketed { if character == "]" { isBracketed = false }; continue }
            switch character {
            case "\\", "_", "*": isEscaped = true
            case "\"": isQuoted = true
            case "[": isBracketed = true
            case ";": return hasDate || (hasMonthOrMinute && !hasTime)
            case "d", "D", "y", "Y": hasDate = true
            case "m", "M": hasMonthOrMinute = true
            case "h", "H", "s", "S": hasTime = true
            default: continue
            }
        }
        return hasDate || (hasMonthOrMinute && !hasTime)
    }

    /// The text of the date and time of a serial, as ``SeriesDate`` reads it: `2020-01-31` for a
    /// whole day, `2020-01-31 13:30` or `2020-01-31 13:30:05` with a time; a time alone
    /// (a serial below 1) as `13:30:05`. `nil` for a serial outside Excel's dates (negative, past
    /// 9999-12-31, or the 1900 system's 29 February 1900).
    static func text(serial: Double, uses1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        // Rounded to the second: the fraction of a day is stored in binary.
        let totalSeconds = Int((serial * 86_400).rounded())
        var days = totalSeconds / 86_400
        let seconds = totalSeconds % 86_400
        let time = String(format: "%02d:%02d", seconds / 3600, seconds / 60 % 60)
        let second = String(format: ":%02d", seconds % 60)
        if days == 0 && !uses1904 { return seconds == 0 ? nil : time + second }
        if !uses1904 {
            if days == 60 { return nil }
            // Days since 1899-12-31 before the phantom leap day, since 1899-12-30 after it.
            days += days < 60 ? 1 : 0
        }
        let epoch =
            uses1904
            ? SeriesDate(year: 1904, month: 1, day: 1, precision: .day)
            : SeriesDate(year: 1899, month: 12, day: 30, precision: .day)
        let date = epoch.advanced(by: days, frequency: .daily).description
        if seconds == 0 { return date }
        return date + " " + time + (seconds % 60 == 0 ? "" : second)
    }
}
