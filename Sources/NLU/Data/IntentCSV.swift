/// Labelled messages as CSV (RFC 4180): a header naming a `text` column and a label column
/// (`label`, `category` or `intent`, any case), then one message a record.
///
/// Fields are separated by commas; a field holding a comma, a quote or a line break is quoted, with
/// quotes inside doubled. Lines end with LF, CRLF or CR; a UTF-8 byte-order mark is skipped; blank
/// lines are ignored. Anything else — a stray quote, an unterminated field, a record with the wrong
/// number of fields, invalid UTF-8, an empty text or label — is an error naming its line.
public enum IntentCSV {
    /// The column names accepted for the label, in order of preference.
    public static let labelColumns = ["label", "category", "intent"]

    /// The examples in CSV `bytes`; `source` names the file in errors.
    public static func examples(_ bytes: [UInt8], source: String) throws(IntentDataError) -> [IntentExample] {
        let records = try self.records(bytes, source: source)
        guard let header = records.first else { throw .csv(source: source, line: 1, problem: "the file is empty; it needs a header such as text,label") }
        let names = header.fields.map { $0.trimmed.lowercased() }
        guard let textColumn = names.firstIndex(of: "text"),
              let labelColumn = labelColumns.lazy.compactMap({ names.firstIndex(of: $0) }).first
        else {
            throw .csv(source: source, line: header.line,
                       problem: "the header must name a text column and a label column (label, category or intent), found \(header.fields)")
        }
        var examples: [IntentExample] = []
        examples.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                throw .csv(source: source, line: record.line,
                           problem: "\(record.fields.count) fields where the header has \(header.fields.count)")
            }
            let text = record.fields[textColumn], label = record.fields[labelColumn].trimmed
            guard !text.trimmed.isEmpty else { throw .csv(source: source, line: record.line, problem: "the text is empty") }
            guard !label.isEmpty else { throw .csv(source: source, line: record.line, problem: "the label is empty") }
            examples.append(IntentExample(text: text, label: label))
        }
        return examples
    }

    /// The records of CSV `bytes`, each with the line it starts on; blank lines are skipped.
    public static func records(_ bytes: [UInt8], source: String) throws(IntentDataError) -> [(line: Int, fields: [String])] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1, recordLine = 1
        var recordHasContent = false

        func ends(_ byte: UInt8) -> Bool { byte == comma || byte == cr || byte == lf }
        func finishField() throws(IntentDataError) {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw .csv(source: source, line: line, problem: "the text is not valid UTF-8")
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
        }
        func finishRecord() {
            if recordHasContent || fields.count > 1 || fields.first.map({ !$0.isEmpty }) == true {
                records.append((recordLine, fields))
            }
            fields = []
            recordHasContent = false
        }
        /// Consumes a line break at `position` (CRLF counts once) and moves to the next line.
        func skipLineBreak() {
            if bytes[position] == cr, position + 1 < bytes.count, bytes[position + 1] == lf { position += 1 }
            position += 1
            line += 1
        }

        while position < bytes.count {
            // At the start of a field.
            if fields.isEmpty, field.isEmpty { recordLine = line }
            if bytes[position] == quote {
                recordHasContent = true
                let opened = line
                position += 1
                while true {
                    guard position < bytes.count else {
                        throw .csv(source: source, line: opened, problem: "a quoted field is never closed")
                    }
                    let byte = bytes[position]
                    if byte == quote {
                        if position + 1 < bytes.count, bytes[position + 1] == quote {
                            field.append(quote)
                            position += 2
                            continue
                        }
                        position += 1
                        break
                    }
                    if byte == lf || (byte == cr && !(position + 1 < bytes.count && bytes[position + 1] == lf)) { line += 1 }
                    field.append(byte)
                    position += 1
                }
                guard position == bytes.count || ends(bytes[position]) else {
                    throw .csv(source: source, line: line, problem: "a closing quote must end its field (double a quote inside a quoted field)")
                }
            } else {
                while position < bytes.count, !ends(bytes[position]) {
                    guard bytes[position] != quote else {
                        throw .csv(source: source, line: line, problem: "a quote inside an unquoted field; quote the whole field and double the quote")
                    }
                    field.append(bytes[position])
                    position += 1
                }
            }
            try finishField()
            if position < bytes.count, bytes[position] == comma {
                recordHasContent = true
                position += 1
                if position == bytes.count { fields.append("") }
                continue
            }
            finishRecord()
            if position < bytes.count { skipLineBreak() }
        }
        if !fields.isEmpty { finishRecord() }
        return records
    }
}

extension String {
    var trimmed: String {
        let scalars = unicodeScalars.drop { $0.properties.isWhitespace }.reversed().drop { $0.properties.isWhitespace }.reversed()
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
