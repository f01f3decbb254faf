/// A CSV document split into its header and the data rows that have as many fields as the
/// header; shared by the long and wide readers so both check the shape of a file the same way.
struct HeaderedRows {
    /// The header fields; empty when the file has no records.
    let header: [CSVField]
    /// The data rows whose field count matches the header.
    let rows: [CSVRecord]
    /// Syntax problems, an empty file, a header without rows or with too many columns, and
    /// ragged rows; past ``InputLimits/diagnosticsPerKind`` of one kind, the rest are counted.
    let diagnostics: [DataDiagnostic]

    /// Splits `document`, reporting every row with too many or too few fields.
    ///
    /// A header longer than ``InputLimits/maximumColumns`` is reported at the first column past
    /// the limit and the rows are not split: the header is returned empty, so a reader stops
    /// there instead of checking every row against a million names.
    ///
    /// - Parameters:
    ///   - document: The parsed file.
    ///   - expectation: What the header should contain, for the empty-file message.
    ///   - limits: The column limit and how many diagnostics of one kind to report in full.
    init(_ document: CSVDocument, expectation: String, limits: InputLimits = InputLimits()) {
        var log = DiagnosticLog(file: document.file, perKind: limits.diagnosticsPerKind, sheet: document.sheet)
        log.append(contentsOf: document.diagnostics)
        guard let headerRecord = document.records.first else {
            log.report(
                1, 1,
                "the file is empty; expected a header row with \(expectation), then one row per observation")
            self.header = []
            self.rows = []
            self.diagnostics = log.diagnostics
            return
        }
        let header = headerRecord.fields
        let maximumColumns = Swift.max(limits.maximumColumns, 1)
        guard header.count <= maximumColumns else {
            let first = header[maximumColumns]
            log.report(
                first.line, first.column,
                "the header has \(header.count) columns, more than the limit of \(maximumColumns); check that the file is comma-separated with one header row, or raise the column limit if it really has that many"
            )
            self.header = []
            self.rows = []
            self.diagnostics = log.diagnostics
            return
        }
        var rows: [CSVRecord] = []
        rows.reserveCapacity(document.records.count - 1)
        for record in document.records.dropFirst() {
            let count = record.fields.count
            if count > header.count {
                let extra = record.fields[header.count]
                log.report(
                    extra.line, extra.column,
                    "the row has \(count) fields but the header has \(header.count); remove the extra fields, or quote a value that contains a comma"
                )
            } else if count < header.count {
                let missing = InputLimits.list(header[count...].lazy.map { "'\($0.text)'" })
                log.report(
                    record.endLine, count + 1,
                    "the row has \(count) field\(count == 1 ? "" : "s") but the header has \(header.count); missing a value for \(missing)"
                )
            } else {
                rows.append(record)
            }
        }
        if document.records.count == 1, document.diagnostics.isEmpty {
            log.report(headerRecord.line, 1, "the file has a header row but no data rows")
        }
        self.header = header
        self.rows = rows
        self.diagnostics = log.diagnostics
    }
}
