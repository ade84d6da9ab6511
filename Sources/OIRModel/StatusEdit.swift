import Foundation

/// One change to a task's status entry in a plan file: what `plan --set` and `--update-from`
/// ask for. The file is edited where the entry stands (see `PlanFileEditor`).
public struct StatusEdit: Sendable, Equatable {
    /// What of an entry may change; the raw values are the plan file's keys.
    public enum Field: String, Sendable, CaseIterable {
        case status
        case frist
        case dato
        case note
        case person
    }

    /// The kommune whose plan it changes; nil for the file's only plan.
    public var kommune: String?
    public var key: TaskKey
    public var field: Field
    /// The new value as the plan file writes it; nil clears the field.
    public var value: String?

    public init(kommune: String? = nil, key: TaskKey, field: Field, value: String?) {
        self.kommune = kommune
        self.key = key
        self.field = field
        self.value = value
    }

    /// Reads `KEY=VALUE` (the status) or `KEY.FIELD=VALUE` (`TF105@Sag.frist=2025-04-01`); an
    /// empty value clears the field.
    /// - Throws: `InputError` naming the argument when it has no `=` or names no field.
    public static func parse(_ argument: String, kommune: String? = nil) throws -> StatusEdit {
        func problem(_ message: String, _ hint: String) -> InputError { InputError(file: "--set", message: message, hint: hint) }
        let example = "e.g. --set KEY=udført or --set KEY.frist=2025-04-01, KEY a task key as 'plan' lists it"
        guard let equals = argument.firstIndex(of: "=") else {
            throw problem("'\(argument)' has no '='", example)
        }
        var target = String(argument[..<equals]).trimmingCharacters(in: .whitespaces)
        let value = String(argument[argument.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        var field = Field.status
        if let dot = target.lastIndex(of: "."), let named = Field(rawValue: String(target[target.index(after: dot)...])) {
            field = named
            target = String(target[..<dot])
        } else if let dot = target.lastIndex(of: "."), !target[target.index(after: dot)...].contains("@") {
            let word = String(target[target.index(after: dot)...])
            throw problem("'\(word)' in '\(argument)' is not a field of a status entry",
                          "the fields are \(Field.allCases.map(\.rawValue).joined(separator: ", ")); \(example)")
        }
        guard !target.isEmpty else { throw problem("'\(argument)' names no task key", example) }
        return StatusEdit(kommune: kommune, key: TaskKey(parsing: target), field: field, value: value.isEmpty ? nil : value)
    }
}

/// A plan file's text after edits, and where it changed (for a diff).
public struct EditedPlanFile: Sendable, Equatable {
    /// One replaced run of lines: `old` lines from `line` (1-based) became `new`.
    public struct Change: Sendable, Equatable {
        public var line: Int
        public var old: [String]
        public var new: [String]
    }

    public var text: String
    /// In the file's order.
    public var changes: [Change]
    /// Each task key whose entry changed, with what it became, for a summary line.
    public var entries: [(kommune: String, key: TaskKey, entry: String)]

    public static func == (a: EditedPlanFile, b: EditedPlanFile) -> Bool {
        a.text == b.text && a.changes == b.changes
    }

    /// The changes as a unified diff of `file` (three lines of context; changes closer than
    /// that share a hunk), empty when nothing changed.
    public func diff(file: String, original: String) -> String {
        guard !changes.isEmpty else { return "" }
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Every line of the result with its mark, and its line numbers in the old and new text.
        var ops: [(mark: Character, text: String)] = []
        var next = 1
        for change in changes {
            while next < change.line, next <= lines.count { ops.append((" ", lines[next - 1])); next += 1 }
            ops += change.old.map { ("-", $0) } + change.new.map { ("+", $0) }
            next = change.line + change.old.count
        }
        while next <= lines.count { ops.append((" ", lines[next - 1])); next += 1 }
        let changed = ops.indices.filter { ops[$0].mark != " " }
        var groups: [[Int]] = []
        for index in changed {
            if let last = groups.last?.last, index - last <= 7 { groups[groups.count - 1].append(index) } else { groups.append([index]) }
        }
        var out = "--- \(file)\n+++ \(file)\n"
        for group in groups {
            let from = max(0, group[0] - 3), to = min(ops.count - 1, group[group.count - 1] + 3)
            let oldStart = ops[..<from].filter { $0.mark != "+" }.count + 1, newStart = ops[..<from].filter { $0.mark != "-" }.count + 1
            let body = ops[from...to]
            out += "@@ -\(oldStart),\(body.filter { $0.mark != "+" }.count) +\(newStart),\(body.filter { $0.mark != "-" }.count) @@\n"
            out += body.map { "\($0.mark)\($0.text)\n" }.joined()
        }
        return out
    }
}
