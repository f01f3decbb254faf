import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The parts of a workbook that grow with its data, the shared strings and a sheet, read with
/// Foundation's event-driven `XMLParser`: memory stays proportional to the cells kept, not to a
/// tree of the whole document (which XMLCoder builds before decoding, several times the size of
/// the XML).
enum WorksheetParser {
    /// One non-empty cell: its position and its text as the CSV reader would have it.
    struct Cell {
        var row: Int
        var column: Int
        var text: String
    }

    /// The strings of `sharedStrings.xml`, in order: each `si`'s text runs joined, phonetic
    /// guides (`rPh`) left out.
    static func sharedStrings(_ data: Data) -> Result<[String], MessageText> {
        let handler = SharedStringsHandler()
        return run(handler, on: data, part: "sharedStrings.xml").map { handler.strings }
    }

    /// The non-empty cells of a sheet in document order, and problems located at cells.
    ///
    /// - Parameters:
    ///   - data: The sheet's XML.
    ///   - part: The part's name, for a damaged-part message.
    ///   - strings: The shared strings cells of type `s` index.
    ///   - dateStyles: Whether each cell style shows dates.
    ///   - uses1904: Whether serials count from 1904.
    ///   - decimalSeparator: How numbers are written in the cells' text, so the dialect reading
    ///     the table gets each number back exactly.
    static func cells(
        _ data: Data, part: String, strings: [String], dateStyles: [Bool], uses1904: Bool, decimalSeparator: Character
    ) -> Result<(cells: [Cell], problems: [Cell]), MessageText> {
        let handler = SheetHandler(
            strings: strings, dateStyles: dateStyles, uses1904: uses1904, decimalSeparator: decimalSeparator)
        return run(handler, on: data, part: part).map { (handler.cells, handler.problems) }
    }

    /// Parses `data` with `handler`, refusing a document type declaration: no part of a workbook
    /// has one, and its entities could expand a small file into gigabytes.
    private static func run(_ handler: some XMLParserDelegate, on data: Data, part: String) -> Result<Void, MessageText> {
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil {
            return .failure(MessageText("its part \(part) declares a document type, which no .xlsx workbook has"))
        }
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = handler
        // On Linux `parse()` returns true after some fatal errors (a mismatched end tag); the
        // error is still recorded.
        guard parser.parse(), parser.parserError == nil else {
            return .failure(MessageText("its part \(part) is not well-formed XML (line \(parser.lineNumber))"))
        }
        return .success(())
    }

    /// The local part of an element name (`x:si` is `si`).
    fileprivate static func localName(_ name: String) -> Substring {
        guard let colon = name.lastIndex(of: ":") else { return name[...] }
        return name[name.index(after: colon)...]
    }
}

/// The text of a string item or a cell: the characters inside `t` (and, with `valueElement`,
/// `v`) elements, leaving out phonetic guides (`rPh`), whose `t` are not part of the text.
private struct TextRuns {
    let valueElement: Substring?
    var text = ""
    private var inText = false
    private var phoneticDepth = 0

    init(valueElement: Substring? = nil) { self.valueElement = valueElement }

    mutating func start(_ name: Substring) {
        switch name {
        case "rPh": phoneticDepth += 1
        case "t": inText = phoneticDepth == 0
        case valueElement: inText = true
        default: break
        }
    }

    mutating func characters(_ string: String) {
        if inText { text += string }
    }

    mutating func end(_ name: Substring) {
        switch name {
        case "rPh": phoneticDepth -= 1
        case "t", valueElement: inText = false
        default: break
        }
    }
}

/// Collects the strings of `sharedStrings.xml`.
private final class SharedStringsHandler: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var runs = TextRuns()

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let name = WorksheetParser.localName(elementName)
        if name == "si" { runs = TextRuns() }
        runs.start(name)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        runs.characters(string)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        let name = WorksheetParser.localName(elementName)
        runs.end(name)
        if name == "si" { strings.append(runs.text) }
    }
}

/// Collects the cells of a sheet, turning each into the text a CSV export would hold.
private final class SheetHandler: NSObject, XMLParserDelegate {
    let strings: [String]
    let dateStyles: [Bool]
    let uses1904: Bool
    let decimalSeparator: Character
    var cells: [WorksheetParser.Cell] = []
    /// Cells whose content cannot be read (a shared string that does not exist, a reference
    /// outside the sheet), with the message in place of their text.
    var problems: [WorksheetParser.Cell] = []

    private var row = 0
    private var column = 0
    private var type = "n"
    private var style = 0
    private var runs = TextRuns(valueElement: "v")
    private var badReference: String?

    init(strings: [String], dateStyles: [Bool], uses1904: Bool, decimalSeparator: Character) {
        self.strings = strings
        self.dateStyles = dateStyles
        self.uses1904 = uses1904
        self.decimalSeparator = decimalSeparator
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let name = WorksheetParser.localName(elementName)
        runs.start(name)
        switch name {
        case "row":
            let number = attributes["r"].flatMap { Int($0) }
            row = number.map { min(max($0, 1), CellReference.maximumRow) } ?? row + 1
            column = 0
        case "c":
            badReference = nil
            if let reference = attributes["r"] {
                if let position = CellReference.parse(reference[...]) {
                    (column, row) = (position.column, position.row)
                } else {
                    badReference = reference
                    column += 1
                }
            } else {
                column += 1
            }
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap { Int($0) } ?? 0
            runs = TextRuns(valueElement: "v")
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        runs.characters(string)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        let name = WorksheetParser.localName(elementName)
        runs.end(name)
        if name == "c" { endCell(runs.text) }
    }

    private func endCell(_ text: String) {
        if let badReference {
            problems.append(.init(
                row: max(row, 1), column: max(column, 1),
                text: "'\(badReference)' is not a cell reference inside a worksheet (A1 to XFD1048576); the workbook is damaged"))
            return
        }
        let position = (row: max(row, 1), column: max(column, 1))
        switch type {
        case "s":
            guard let index = Int(text.trimmingSpaces()), strings.indices.contains(index) else {
                problems.append(.init(
                    row: position.row, column: position.column,
                    text: "the cell refers to shared string '\(text)', which the workbook does not have; the workbook is damaged"))
                return
            }
            keep(strings[index], at: position)
        case "inlineStr", "str", "e":
            keep(text, at: position)
        case "b":
            keep(text.trimmingSpaces() == "1" ? "TRUE" : text.trimmingSpaces() == "0" ? "FALSE" : text, at: position)
        case "d":
            keep(Self.isoDate(text), at: position)
        default:
            keep(number(text), at: position)
        }
    }

    private func keep(_ text: String, at position: (row: Int, column: Int)) {
        guard !text.isEmpty else { return }
        cells.append(.init(row: position.row, column: position.column, text: text))
    }

    /// A numeric cell's text: its date when its style shows dates, else the number written
    /// shortest, as a whole number when it is one, with the dialect's decimal separator.
    private func number(_ raw: String) -> String {
        let trimmed = raw.trimmingSpaces()
        guard let value = Double(trimmed), value.isFinite else { return trimmed }
        if dateStyles.indices.contains(style), dateStyles[style],
            let date = ExcelDate.text(serial: value, uses1904: uses1904)
        {
            return date
        }
        let written = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        return decimalSeparator == "." ? written : String(written.map { $0 == "." ? decimalSeparator : $0 })
    }

    /// An ISO 8601 date cell (`t="d"`) as ``SeriesDate`` reads it: the day alone at midnight,
    /// without a zone designator or fractional seconds.
    private static func isoDate(_ raw: String) -> String {
        var text = raw.trimmingSpaces()
        if text.hasSuffix("Z") { text.removeLast() }
        if let dot = text.firstIndex(of: ".") { text = String(text[..<dot]) }
        for midnight in ["T00:00:00", "T00:00"] where text.hasSuffix(midnight) {
            return String(text.dropLast(midnight.count))
        }
        return text
    }
}
