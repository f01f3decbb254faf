/// How the text of a numeric cell is read, in one place for every reader.
///
/// - Missing: an empty cell, `NA` or `NaN` (any letter case), after trimming spaces and tabs.
/// - A number: decimal notation with an optional sign, fraction and exponent (`-1.5e3`).
/// - Refused: infinities (`Inf`, `-Infinity`, or a number too large for a `Double`) and any
///   other text, each with a message that says what to write instead.
enum CellValue {
    /// A number, or `nil` for a missing value; the failure is the message to report.
    static func number(_ text: String) -> Result<Double?, MessageText> {
        let trimmed = text.trimmingSpaces()
        if trimmed.isEmpty { return .success(nil) }
        if isDecimal(trimmed.utf8) {
            guard let value = Double(trimmed), value.isFinite else {
                return .failure(
                    MessageText("'\(trimmed)' is too large for a number; check the value or its units"))
            }
            return .success(value)
        }
        let lowered = trimmed.lowercased()
        if lowered == "na" || lowered == "nan" { return .success(nil) }
        let unsigned = lowered.hasPrefix("-") || lowered.hasPrefix("+") ? lowered.dropFirst() : lowered[...]
        if unsigned == "inf" || unsigned == "infinity" {
            return .failure(
                MessageText(
                    "infinite value '\(trimmed)' is not allowed; write a finite number, or leave the cell empty (or NA) for a missing value"
                ))
        }
        return .failure(
            MessageText(
                "'\(trimmed)' is not a number; write a decimal number such as 12.5, or leave the cell empty (or NA) for a missing value"
            ))
    }

    /// Whether `bytes` is `[+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?`.
    private static func isDecimal(_ bytes: String.UTF8View) -> Bool {
        var iterator = bytes.makeIterator()
        var byte = iterator.next()
        func isDigit(_ byte: UInt8?) -> Bool {
            guard let byte else { return false }
            return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }
        if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { byte = iterator.next() }
        var digits = 0
        while isDigit(byte) {
            digits += 1
            byte = iterator.next()
        }
        if byte == UInt8(ascii: ".") {
            byte = iterator.next()
            while isDigit(byte) {
                digits += 1
                byte = iterator.next()
            }
        }
        guard digits > 0 else { return false }
        if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            byte = iterator.next()
            if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { byte = iterator.next() }
            guard isDigit(byte) else { return false }
            while isDigit(byte) { byte = iterator.next() }
        }
        return byte == nil
    }
}

/// A message for a diagnostic; an `Error` only so that it fits `Result`.
struct MessageText: Error {
    let text: String
    init(_ text: String) { self.text = text }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isSpaceByte: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let firstByte = utf8.first, let lastByte = utf8.last else { return self }
        if !isSpaceByte(firstByte), !isSpaceByte(lastByte) { return self }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }),
            let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}

extension CellValue {
    /// A number written in `format`'s dialect: its thousands separator removed (groups of three
    /// digits only) and its decimal separator read as a point, then read as ``number(_:)``.
    static func number(_ text: String, format: InputFormat) -> Result<Double?, MessageText> {
        guard format.decimalSeparator != "." || format.thousandsSeparator != nil else { return number(text) }
        let trimmed = text.trimmingSpaces()
        var normalized = trimmed
        if let separator = format.thousandsSeparator {
            let decimal = format.decimalSeparator
            let integerPart = trimmed.prefix { $0 != decimal }
            let groups = integerPart.split(separator: separator, omittingEmptySubsequences: false)
            if groups.count > 1 {
                let digits = groups.map { $0.drop(while: { $0 == "-" || $0 == "+" }) }
                guard (1...3).contains(digits[0].count), digits.dropFirst().allSatisfy({ $0.count == 3 }),
                    digits.allSatisfy({ $0.allSatisfy(\.isNumber) })
                else {
                    return .failure(MessageText(
                        "'\(trimmed)' is not a number with '\(separator)' between groups of three digits; write it as 12\(separator)345\(format.decimalSeparator)6, or leave the cell empty (or NA) for a missing value"
                    ))
                }
                normalized.removeAll { $0 == separator }
            }
        }
        if format.decimalSeparator != "." {
            guard !normalized.contains(".") || format.thousandsSeparator == "." else {
                return .failure(MessageText(
                    "'\(trimmed)' is not a number with '\(format.decimalSeparator)' as the decimal separator; write it as 12\(format.decimalSeparator)5, or leave the cell empty (or NA) for a missing value"
                ))
            }
            normalized = String(normalized.map { $0 == format.decimalSeparator ? "." : $0 })
        }
        return number(normalized)
    }

    /// The remedy for a column whose bad values are all `texts`: the separators that would read
    /// every one of them as a number, or `nil` when no one dialect does.
    ///
    /// - Parameters:
    ///   - texts: The trimmed texts of the column's cells that are not numbers.
    ///   - delimiter: The file's delimiter; in a semicolon file `3,512` is read as a decimal comma.
    ///   - format: The dialect the column was read with.
    static func dialectRemedy(_ texts: [String], delimiter: UInt8, format: InputFormat) -> String? {
        guard !texts.isEmpty, format.decimalSeparator == ".", format.thousandsSeparator == nil else { return nil }
        let commaThousands = InputFormat(thousandsSeparator: ",")
        let decimalComma = InputFormat(decimalSeparator: ",")
        let european = InputFormat(decimalSeparator: ",", thousandsSeparator: ".")
        func readsAll(_ candidate: InputFormat) -> Bool {
            texts.allSatisfy { text in
                if case .success(let value?) = number(text, format: candidate) { return value.isFinite }
                return false
            }
        }
        let groupsOfThree = texts.allSatisfy { (text: String) -> Bool in
            let groups: [Substring] = text.split(separator: ",")
            return groups.dropFirst().allSatisfy { (group: Substring) -> Bool in
                group.prefix { $0.isNumber }.count == 3
            }
        }
        if delimiter != UInt8(ascii: ";"), groupsOfThree, readsAll(commaThousands) {
            return "they look like numbers with ',' between thousands: read numbers with ',' as the thousands separator"
        }
        if readsAll(decimalComma) {
            return "they look like numbers with a decimal comma: read numbers with ',' as the decimal separator"
        }
        if readsAll(european) {
            return "they look like numbers with a decimal comma and '.' between thousands: read numbers with ',' as the decimal separator and '.' as the thousands separator"
        }
        return nil
    }
}
