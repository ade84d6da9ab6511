import Foundation
import OIRModel

/// A CSV file as a table (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes),
/// its separator found from the header line (`,` or `;`), a byte order mark skipped: what
/// `plan --update-from` reads back.
public enum CSVTable {
    /// - Throws: `InputError` for a quote left open.
    public static func read(_ text: String, file: String) throws -> ChecklistUpdate.Table {
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        let firstLine = body.prefix { $0 != "\n" && $0 != "\r\n" }
        let separator: Character = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        var records: [[String]] = [], lines: [Int] = []
        var record: [String] = [], field = "", quoted = false
        var line = 1, recordLine = 1
        let characters = Array(body)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            if quoted {
                if character == "\"" {
                    // A doubled quote is one quote; a single one ends the field's quoted text.
                    if index < characters.count, characters[index] == "\"" { field.append("\""); index += 1 } else { quoted = false }
                } else {
                    field.append(character)
                    if character == "\n" || character == "\r\n" { line += 1 }
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty:
                quoted = true
            case separator:
                record.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                record.append(field)
                field = ""
                if record.count > 1 || record.contains(where: { !$0.isEmpty }) { records.append(record); lines.append(recordLine) }
                record = []
                line += 1
                recordLine = line
            default:
                field.append(character)
            }
        }
        if quoted { throw InputError(file: file, line: recordLine, message: "a quoted field is not closed", hint: "end it with a \"") }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record); lines.append(recordLine) }
        guard let header = records.first else {
            throw InputError(file: file, message: "the file is empty", hint: "read back a checklist exported with 'oir-diagram plan FILE --format csv'")
        }
        let rowLines = Array(lines.dropFirst()), headerLine = lines.first ?? 1
        return ChecklistUpdate.Table(header: header, rows: Array(records.dropFirst())) { row, _ in
            (file, row < 0 ? headerLine : (row < rowLines.count ? rowLines[row] : nil), "")
        }
    }
}
