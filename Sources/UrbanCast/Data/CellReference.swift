/// Cell references as a spreadsheet writes them: `C14` is column 3, row 14.
enum CellReference {
    /// The largest column of a worksheet, XFD.
    static let maximumColumn = 16_384
    /// The largest row of a worksheet.
    static let maximumRow = 1_048_576

    /// The letters of column `column` (from 1): 1 is `A`, 26 is `Z`, 27 is `AA`.
    static func columnName(_ column: Int) -> String {
        guard column >= 1 else { return "?" }
        var letters: [UInt8] = []
        var rest = column
        while rest > 0 {
            let digit = (rest - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(digit))
            rest = (rest - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// The column and row of a reference such as `C14` (letters in either case, then digits),
    /// or `nil` when the text is not one inside a worksheet's bounds.
    static func parse(_ text: Substring) -> (column: Int, row: Int)? {
        var column = 0
        var row = 0
        var sawDigit = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where !sawDigit:
                column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where !sawDigit:
                column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
            default:
                return nil
            }
            guard column <= maximumColumn, row <= maximumRow else { return nil }
        }
        guard column >= 1, row >= 1 else { return nil }
        return (column, row)
    }
}
