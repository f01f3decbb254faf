/// The byte-level parser behind ``SeriesDate/init(parsing:)``.
enum DateGrammar {
    /// Parses one date, or returns the reason it is not one.
    static func parse(_ bytes: [UInt8]) -> Result<SeriesDate, ReasonText> {
        let count = bytes.count
        guard count >= 4, let year = number(bytes, 0, 4) else {
            return .failure(ReasonText("expected \(SeriesDate.acceptedForms)"))
        }
        if count == 4 { return .success(SeriesDate(year: year, precision: .year)) }
        guard bytes[4] == UInt8(ascii: "-"), count >= 6 else {
            return .failure(ReasonText("expected \(SeriesDate.acceptedForms)"))
        }
        if bytes[5] == UInt8(ascii: "Q") || bytes[5] == UInt8(ascii: "q") {
            guard count == 7, let quarter = number(bytes, 6, 1) else {
                return .failure(ReasonText("expected a quarter written YYYY-Qn"))
            }
            guard (1...4).contains(quarter) else {
                return .failure(ReasonText("quarter \(quarter) is out of range 1–4"))
            }
            return .success(SeriesDate(year: year, month: quarter * 3 - 2, precision: .quarter))
        }
        guard let month = number(bytes, 5, 2) else {
            return .failure(ReasonText("expected \(SeriesDate.acceptedForms)"))
        }
        guard (1...12).contains(month) else {
            return .failure(ReasonText("month \(month) is out of range 1–12"))
        }
        if count == 7 { return .success(SeriesDate(year: year, month: month, precision: .month)) }
        guard count >= 10, bytes[7] == UInt8(ascii: "-"), let day = number(bytes, 8, 2) else {
            return .failure(ReasonText("expected \(SeriesDate.acceptedForms)"))
        }
        let monthLength = ProlepticGregorian.daysInMonth(year: year, month: month)
        guard (1...monthLength).contains(day) else {
            return .failure(
                ReasonText(
                    "day \(day) is out of range for \(year)-\(month < 10 ? "0" : "")\(month), which has \(monthLength) days"
                ))
        }
        if count == 10 {
            return .success(SeriesDate(year: year, month: month, day: day, precision: .day))
        }
        let separator: SeriesDate.TimeSeparator
        switch bytes[10] {
        case UInt8(ascii: "T"), UInt8(ascii: "t"): separator = .letterT
        case UInt8(ascii: " "): separator = .space
        default: return .failure(ReasonText("expected T or a space between the date and the time"))
        }
        guard count == 16 || count == 19, let hour = number(bytes, 11, 2),
            bytes[13] == UInt8(ascii: ":"), let minute = number(bytes, 14, 2)
        else {
            return .failure(ReasonText("expected a time written HH:MM or HH:MM:SS after the date"))
        }
        var second = 0
        if count == 19 {
            guard bytes[16] == UInt8(ascii: ":"), let parsed = number(bytes, 17, 2) else {
                return .failure(ReasonText("expected a time written HH:MM or HH:MM:SS after the date"))
            }
            second = parsed
        }
        guard hour <= 23 else { return .failure(ReasonText("hour \(hour) is out of range 0–23")) }
        guard minute <= 59 else { return .failure(ReasonText("minute \(minute) is out of range 0–59")) }
        guard second <= 59 else { return .failure(ReasonText("second \(second) is out of range 0–59")) }
        return .success(
            SeriesDate(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                precision: count == 19 ? .second : .minute, separator: separator))
    }

    /// The decimal number in `bytes[start..<start + length]`, or `nil` if any byte is not a digit.
    private static func number(_ bytes: [UInt8], _ start: Int, _ length: Int) -> Int? {
        guard start + length <= bytes.count else { return nil }
        var value = 0
        for index in start..<(start + length) {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// Why a text is not a date; an `Error` only so that it fits `Result`.
    struct ReasonText: Error {
        let text: String
        init(_ text: String) { self.text = text }
    }
}
