import Foundation
import OIRModel

/// The edits an exported checklist carries back (`plan FILE --update-from edited.csv|.xlsx`):
/// each row's status, `dato`, frist, note and person compared with what the plan says now; a
/// cell nobody changed gives no edit. Every cell is checked as the plan reader checks the file,
/// and every problem is named with its place (line or sheet, row and column) at once.
public struct ChecklistUpdate {
    /// A table as read from a file: its header and rows, and how to name a cell's place.
    public struct Table: Sendable {
        public var header: [String]
        public var rows: [[String]]
        /// Where row `index` (0-based, after the header) and column `column` (0-based) stand,
        /// as a message names them: "edited.csv:5" or "edited.xlsx: sheet 'Nordby', row 5, column F".
        public var place: @Sendable (_ row: Int, _ column: Int?) -> (file: String, line: Int?, text: String)

        public init(header: [String], rows: [[String]], place: @escaping @Sendable (Int, Int?) -> (file: String, line: Int?, text: String)) {
            self.header = header
            self.rows = rows
            self.place = place
        }
    }

    /// The columns read back, by the checklist's field keys.
    static let fields = ["kommune", "key", "status", "status_code", "status_date", "deadline", "note", "performer_person"]

    /// The edits `table` asks of `plans`.
    /// - Throws: `InputErrors` with one message per wrong cell or row, or a missing column.
    public static func edits(_ table: Table, plans: [ScopedPlan], catalog: Catalog) throws -> [StatusEdit] {
        let columns = try self.columns(table, catalog: catalog)
        var problems: [InputError] = []
        var edits: [StatusEdit] = []
        let lists = plans.map { Checklist($0, catalog: catalog) }
        var seen: [String: Int] = [:]
        for (index, cells) in table.rows.enumerated() {
            func cell(_ field: String) -> String? {
                columns[field].map { $0 < cells.count ? unguarded(cells[$0]).trimmingCharacters(in: .whitespaces) : "" }
            }
            func problem(_ field: String?, _ message: String, _ hint: String) {
                let at = table.place(index, field.flatMap { columns[$0] })
                problems.append(InputError(file: at.file, line: at.line, message: "\(at.text)\(message)", hint: hint))
            }
            guard let keyText = cell("key"), !keyText.isEmpty else {
                if cells.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                    problem("key", "the row has no task key", "keep the key column as exported; it says which task the row is")
                }
                continue
            }
            let key = TaskKey(parsing: keyText)
            let kommune = cell("kommune")
            guard let list = lists.count == 1 && (kommune ?? "").isEmpty ? lists.first
                    : lists.first(where: { Plan.fold($0.plan.plan.kommune) == Plan.fold(kommune ?? "") }) else {
                problem("kommune", "no kommune '\(kommune ?? "")' in the plan file", "the kommuner are \(lists.map(\.plan.plan.kommune).joined(separator: ", "))")
                continue
            }
            guard let row = list.rows.first(where: { $0.key == key }) else {
                let near = Suggestion.nearest(to: keyText, in: list.rows.map(\.key.description)).map { "did you mean '\($0)'? " } ?? ""
                problem("key", "no task '\(keyText)' in the plan for \(list.plan.plan.kommune)", "\(near)keep the key column as exported")
                continue
            }
            let rowName = "\(list.plan.plan.kommune)|\(key)"
            if let first = seen[rowName] {
                let at = table.place(first, nil)
                let firstPlace = at.line.map { "line \($0)" } ?? at.text.trimmingCharacters(in: CharacterSet(charactersIn: ": "))
                problem("key", "'\(key)' has a second row", "keep one row per task (the first is at \(firstPlace))")
                continue
            }
            seen[rowName] = index
            let kommuneName = plans.count == 1 ? nil : list.plan.plan.kommune
            func edit(_ field: StatusEdit.Field, _ value: String?) { edits.append(StatusEdit(kommune: kommuneName, key: key, field: field, value: value)) }
            // Status: the words' column (the drop-down people edit); its code only where the
            // words' column is missing or empty (the code is derived, and left stale by an edit).
            if let word = cell("status"), !word.isEmpty {
                if let new = status(word: word) { if new != row.status { edit(.status, new.rawValue) } }
                else { problem("status", "'\(word)' is not a status", "choose udført, i gang or ikke startet") }
            } else if let code = cell("status_code"), !code.isEmpty {
                if let new = TaskStatus(rawValue: code) { if new != row.status { edit(.status, new.rawValue) } }
                else { problem("status_code", "'\(code)' is not a status code", "the codes are udført, i_gang and ikke_startet") }
            }
            for (field, target, current) in [("status_date", StatusEdit.Field.dato, row.reached), ("deadline", .frist, row.deadline)] {
                guard let text = cell(field) else { continue }
                guard let day = text.isEmpty ? nil : Self.day(text) else {
                    if !text.isEmpty { problem(field, "'\(text)' is not a day", "write a day as YYYY-MM-DD (or DD-MM-YYYY), e.g. 2025-04-01") }
                    else if current != nil { edit(target, nil) }
                    continue
                }
                if day != current { edit(target, day.description) }
            }
            if let note = cell("note"), note != (row.note ?? "") {
                if note.unicodeScalars.count > 500 {
                    problem("note", "the note is \(note.unicodeScalars.count) characters long; the limit is 500", "keep a note short; link to a longer text")
                } else {
                    edit(.note, note.isEmpty ? nil : note)
                }
            }
            if let person = cell("performer_person"), person != (row.performerPerson?.name ?? ""), !person.isEmpty {
                edit(.person, person)
            }
        }
        if !problems.isEmpty { throw problems.count == 1 ? problems[0] as Error : InputErrors(problems) as Error }
        return edits
    }

    /// The column of each field read back, by its header in either language.
    private static func columns(_ table: Table, catalog: Catalog) throws -> [String: Int] {
        var columns: [String: Int] = [:]
        for language in Language.allCases {
            let writer = ChecklistWriter(catalog: catalog, labels: .builtIn(language), options: ChecklistOptions())
            for field in fields {
                if let index = table.header.firstIndex(where: { unguarded($0).trimmingCharacters(in: .whitespaces) == writer.fieldName(field) }),
                   columns[field] == nil {
                    columns[field] = index
                }
            }
        }
        guard columns["key"] != nil else {
            let at = table.place(-1, nil)
            let name = ChecklistWriter(catalog: catalog, labels: .builtIn(.da), options: ChecklistOptions()).fieldName("key")
            throw InputError(file: at.file, line: at.line, message: "\(at.text)the header has no '\(name)' column",
                             hint: "read back a checklist exported with 'oir-diagram plan FILE --format csv' or 'xlsx', its header row kept")
        }
        return columns
    }

    /// A status from the words of either label set ("i gang", "Udført") or its code.
    static func status(word: String) -> TaskStatus? {
        let folded = Plan.fold(word)
        for language in Language.allCases {
            for status in TaskStatus.allCases where Plan.fold(ChecklistWriter.status(status, labels: .builtIn(language))) == folded {
                return status
            }
        }
        return TaskStatus(rawValue: folded.replacingOccurrences(of: " ", with: "_"))
    }

    /// A day as the file writes it, or as a spreadsheet re-saves it in Danish (`01-04-2025`,
    /// `01.04.2025`, `01/04/2025`).
    static func day(_ text: String) -> CalendarDay? {
        if let day = CalendarDay(text) { return day }
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "." || $0 == "/" })
        guard parts.count == 3, parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        return CalendarDay(String(format: "%@-%02d-%02d", String(parts[2]), m, d))
    }

    /// A cell without the apostrophe the CSV export put before a formula-like text.
    static func unguarded(_ cell: String) -> String {
        guard cell.hasPrefix("'") else { return cell }
        let rest = String(cell.dropFirst())
        return ChecklistWriter.startsFormula(rest) ? rest : cell
    }
}
