/// A CSV document split into its header and the data rows that have as many fields as the
/// header; shared by the long and wide readers so both check the shape of a file the same way.
struct HeaderedRows {
    /// The header fields; empty when the file has no records.
    let header: [CSVField]
    /// The data rows whose field count matches the header.
    let rows: [CSVRecord]
    /// Syntax problems, an empty file, a header without rows, and ragged rows.
    let diagnostics: [DataDiagnostic]

    /// Splits `document`, reporting every row with too many or too few fields.
    ///
    /// - Parameters:
    ///   - document: The parsed file.
    ///   - expectation: What the header should contain, for the empty-file message.
    init(_ document: CSVDocument, expectation: String) {
        var diagnostics = document.diagnostics
        func report(_ line: Int, _ column: Int, _ message: String) {
            diagnostics.append(
                DataDiagnostic(file: document.file, line: line, column: column, message: message))
        }
        guard let headerRecord = document.records.first else {
            report(
                1, 1,
                "the file is empty; expected a header row with \(expectation), then one row per observation")
            self.header = []
            self.rows = []
            self.diagnostics = diagnostics
            return
        }
        let header = headerRecord.fields
        var rows: [CSVRecord] = []
        rows.reserveCapacity(document.records.count - 1)
        for record in document.records.dropFirst() {
            let count = record.fields.count
            if count > header.count {
                let extra = record.fields[header.count]
                report(
                    extra.line, extra.column,
                    "the row has \(count) fields but the header has \(header.count); remove the extra fields, or quote a value that contains a comma"
                )
            } else if count < header.count {
                let missing = header[count...].map { "'\($0.text)'" }.joined(separator: ", ")
                report(
                    record.endLine, count + 1,
                    "the row has \(count) field\(count == 1 ? "" : "s") but the header has \(header.count); missing a value for \(missing)"
                )
            } else {
                rows.append(record)
            }
        }
        if document.records.count == 1, document.diagnostics.isEmpty {
            report(headerRecord.line, 1, "the file has a header row but no data rows")
        }
        self.header = header
        self.rows = rows
        self.diagnostics = diagnostics
    }
}
