import Foundation
import Yams

/// Applies `StatusEdit`s to a plan file's text where the entries stand, so the file keeps its
/// comments, key order and formatting: an edited entry is rewritten on its own lines (as
/// `KEY: udført`, or a flow mapping `KEY: {status: i_gang, frist: …}`) with its line's comment
/// kept; a new entry goes after the last one of its `status:` (or a new `status:` at the end of
/// its plan). The whole file is never written anew, and the result is read again as a plan
/// before it is returned.
public enum PlanFileEditor {
    /// `text` (the plan file `file`) with `edits` applied.
    /// - Throws: `InputError`s naming each edit that cannot be made (an unknown kommune or task
    ///   key, a value the field does not take), all at once; the file's own problems when it
    ///   does not read as a plan.
    public static func apply(_ edits: [StatusEdit], to text: String, file: String, catalog: Catalog) throws -> EditedPlanFile {
        let planFile = try PlanFile.parse(text, file: file, catalog: catalog)
        let root = try YAMLText.compose(text, file: file)
        let newline = text.contains("\r\n") ? "\r\n" : "\n"
        var lines = text.components(separatedBy: newline)
        var problems: [InputError] = []
        var replacements: [Replacement] = []
        var entries: [(kommune: String, key: TaskKey, entry: String)] = []
        // Edits per plan and key, in the order given.
        var groups: [(plan: Plan, key: TaskKey, edits: [StatusEdit])] = []
        var scoped: [String: ScopedPlan] = [:]
        for edit in edits {
            do {
                let plan = try planFile.plan(named: edit.kommune)
                if scoped[plan.kommune] == nil { scoped[plan.kommune] = try plan.scope(catalog) }
                try check(edit, in: scoped[plan.kommune]!)
                if let index = groups.firstIndex(where: { $0.plan.kommune == plan.kommune && $0.key == edit.key }) {
                    groups[index].edits.append(edit)
                } else {
                    groups.append((plan, edit.key, [edit]))
                }
            } catch let error as InputError {
                problems.append(error)
            }
        }
        if !problems.isEmpty { throw problems.count == 1 ? problems[0] as Error : InputErrors(problems) as Error }
        var additions: [String: (mapping: Node.Mapping, plan: Plan, keys: [(TaskKey, StatusEntry)])] = [:]
        for group in groups {
            let current = group.plan.status.first { $0.key == group.key } ?? StatusEntry(key: group.key, status: .notStarted)
            var wanted = current
            for edit in group.edits { wanted = applying(edit, to: wanted) }
            guard !same(current, wanted) else { continue }
            entries.append((group.plan.kommune, group.key, render(wanted)))
            guard let planNode = planMapping(of: group.plan, in: root, isRollout: planFile.isRollout) else { continue }
            let statusPair = planNode.first { $0.key.string == "status" }
            if let statusNode = statusPair?.value, case let .mapping(status) = statusNode, !isFlow(statusNode, in: lines),
               let pair = status.first(where: { TaskKey(parsing: $0.key.string?.trimmingCharacters(in: .whitespaces) ?? "") == group.key }) {
                replacements.append(replacement(of: pair, with: wanted, in: lines))
            } else {
                additions[group.plan.kommune, default: (planNode, group.plan, [])].keys.append((group.key, wanted))
            }
        }
        for (_, addition) in additions {
            replacements.append(insertion(addition.keys, into: addition.mapping, of: addition.plan, lines: lines))
        }
        // From the bottom up, so each replacement's line numbers still hold.
        replacements.sort { $0.line > $1.line }
        var changes: [EditedPlanFile.Change] = []
        for r in replacements {
            let old = Array(lines[(r.line - 1)..<(r.line - 1 + r.count)])
            lines.replaceSubrange((r.line - 1)..<(r.line - 1 + r.count), with: r.lines)
            changes.insert(EditedPlanFile.Change(line: r.line, old: old, new: r.lines), at: 0)
        }
        let edited = lines.joined(separator: newline)
        // The result must read as the plan it was, with the edits: anything else is a bug here.
        _ = try PlanFile.parse(edited, file: file, catalog: catalog)
        return EditedPlanFile(text: edited, changes: changes.sorted { $0.line < $1.line }, entries: entries)
    }

    /// Lines `line ..< line + count` (1-based; count 0 inserts before `line`) become `lines`.
    struct Replacement {
        var line: Int
        var count: Int
        var lines: [String]
    }

    // MARK: Checks

    /// Refuses an edit the plan cannot take, naming the `--set` argument's parts.
    static func check(_ edit: StatusEdit, in scoped: ScopedPlan) throws {
        let plan = scoped.plan
        func problem(_ message: String, _ hint: String) -> InputError { InputError(file: plan.source?.file ?? "<plan>", message: message, hint: hint) }
        guard scoped.instances.contains(where: { $0.key == edit.key }) else {
            let near = Suggestion.nearest(to: edit.key.description, in: scoped.instances.map(\.key.description)).map { "did you mean '\($0)'? " } ?? ""
            throw problem("no task '\(edit.key)' in the plan for \(plan.kommune)", "\(near)'oir-diagram plan' lists the plan's task keys")
        }
        // A cleared field is always allowed.
        guard let value = edit.value else { return }
        switch edit.field {
        case .status:
            guard status(value) != nil else {
                throw problem("'\(value)' is not a status for '\(edit.key)'", "a status is udført, i_gang or ikke_startet")
            }
        case .frist, .dato:
            guard let day = CalendarDay(value) else {
                throw problem("'\(value)' is not a day for the \(edit.field.rawValue) of '\(edit.key)'", "write a day as YYYY-MM-DD, e.g. 2025-04-01")
            }
            if edit.field == .dato, let planDay = plan.day, day > planDay {
                throw problem("'\(edit.key)' cannot have reached its status on \(day), after the plan's dato \(planDay)",
                              "a status 'dato' is a day on or before the plan's dato; move the plan's dato first")
            }
        case .note:
            if value.unicodeScalars.count > 500 {
                throw problem("the note for '\(edit.key)' is \(value.unicodeScalars.count) characters long; the limit is 500", "keep a note short; link to a longer text")
            }
        case .person:
            break
        }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\t" }) {
            throw problem("the \(edit.field.rawValue) for '\(edit.key)' holds a control character", "give plain text")
        }
    }

    /// A status as the plan file writes it, from its code or its words ("i gang", "Udført").
    static func status(_ text: String) -> TaskStatus? {
        let folded = text.lowercased().replacingOccurrences(of: " ", with: "_")
        return TaskStatus(rawValue: folded)
    }

    // MARK: Entries

    static func applying(_ edit: StatusEdit, to entry: StatusEntry) -> StatusEntry {
        var entry = entry
        switch edit.field {
        case .status: entry.status = edit.value.flatMap(status) ?? .notStarted
        case .frist: entry.deadline = edit.value.flatMap(CalendarDay.init)
        case .dato: entry.day = edit.value.flatMap(CalendarDay.init)
        case .note: entry.note = edit.value
        case .person: entry.person = edit.value.map { Person(name: $0) }
        }
        // A day the task reached its status means nothing for work not begun.
        if entry.status == .notStarted { entry.day = nil }
        return entry
    }

    static func same(_ a: StatusEntry, _ b: StatusEntry) -> Bool {
        a.status == b.status && a.deadline == b.deadline && a.day == b.day && a.note == b.note && a.person == b.person
    }

    /// The entry's value as the file writes it: the status word alone, or a flow mapping.
    static func render(_ entry: StatusEntry) -> String {
        var parts: [String] = []
        if entry.status != .notStarted { parts.append("status: \(entry.status.rawValue)") }
        if let day = entry.day { parts.append("dato: \(day)") }
        if let deadline = entry.deadline { parts.append("frist: \(deadline)") }
        if let person = entry.person {
            var fields = ["navn: \(scalar(person.name))"]
            if let email = person.email { fields.append("email: \(scalar(email))") }
            if let organisation = person.organisation { fields.append("organisation: \(scalar(organisation))") }
            parts.append(fields.count == 1 ? "person: \(scalar(person.name))" : "person: {\(fields.joined(separator: ", "))}")
        }
        if let note = entry.note { parts.append("note: \(quoted(note))") }
        if parts.count == 1, entry.status != .notStarted { return entry.status.rawValue }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    /// Text as a double-quoted YAML scalar: what it says, never more YAML.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A task key as a YAML key: plain when nothing in it means more, else quoted.
    static func keyText(_ key: TaskKey) -> String { scalar(key.description) }

    /// A name as a YAML scalar: plain when it holds only letters, digits, spaces and . - _ @
    /// (and reads as no other YAML value), else quoted.
    static func scalar(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "@-_ .".unicodeScalars.contains($0) }
        let special = ["true", "false", "yes", "no", "on", "off", "null", "~"].contains(text.lowercased()) || Double(text) != nil
        return plain && !special && !text.isEmpty && !text.hasPrefix(" ") && !text.hasSuffix(" ") && !text.hasPrefix("-") ? text : quoted(text)
    }

    // MARK: Places in the text

    /// The mapping of `plan` in the file: the root, or its item under `kommuner:`.
    static func planMapping(of plan: Plan, in root: Node, isRollout: Bool) -> Node.Mapping? {
        guard case let .mapping(mapping) = root else { return nil }
        guard isRollout else { return mapping }
        guard case let .sequence(items)? = mapping.first(where: { $0.key.string == "kommuner" })?.value else { return nil }
        for item in items {
            guard case let .mapping(entry) = item, let name = entry.first(where: { $0.key.string == "kommune" })?.value.string else { continue }
            if Plan.fold(name) == Plan.fold(plan.kommune) { return entry }
        }
        return nil
    }

    /// Whether a collection is written in flow style (`{…}`): Yams does not keep a mapping's
    /// style, the text at its mark tells.
    static func isFlow(_ node: Node, in lines: [String]) -> Bool {
        guard let mark = node.mark, mark.line - 1 < lines.count else { return false }
        let line = lines[mark.line - 1]
        guard mark.column - 1 < line.count else { return false }
        let character = line[line.index(line.startIndex, offsetBy: mark.column - 1)]
        return character == "{" || character == "["
    }

    /// The indentation of a line (spaces before its text).
    static func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    /// Whether a line holds YAML content (not blank, not only a comment).
    static func holdsContent(_ line: String) -> Bool {
        let text = line.trimmingCharacters(in: .whitespaces)
        return !text.isEmpty && !text.hasPrefix("#")
    }

    /// The lines an entry whose key stands at `line`, `column` (1-based) takes: its own, and
    /// those below indented deeper (its block value); trailing blank and comment lines stay outside.
    static func extent(line: Int, column: Int, in lines: [String]) -> Int {
        var last = line
        var index = line
        while index < lines.count {
            let next = lines[index]
            if holdsContent(next) {
                guard indent(next) >= column else { break }
                last = index + 1
            }
            index += 1
        }
        return last - line + 1
    }

    /// The comment at the end of a key's line, outside quotes (`# spurgt`), with its spaces.
    static func trailingComment(_ line: String) -> String {
        var quote: Character?
        var previous: Character = " "
        for (offset, character) in line.enumerated() {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#", previous == " " || previous == "\t" {
                let start = line.index(line.startIndex, offsetBy: offset)
                let spaces = line[..<start].reversed().prefix { $0 == " " }.count
                return String(line[line.index(start, offsetBy: -spaces)...])
            }
            previous = character
        }
        return ""
    }

    static func replacement(of pair: (key: Node, value: Node), with entry: StatusEntry, in lines: [String]) -> Replacement {
        let line = pair.key.mark?.line ?? 1, column = pair.key.mark?.column ?? 1
        let count = extent(line: line, column: column, in: lines)
        // The key as written, and the comment of its line when the value stood on it alone.
        let original = lines[line - 1]
        let comment = count == 1 ? trailingComment(original) : ""
        let written = String(original.dropFirst(column - 1).prefix { $0 != ":" })
        return Replacement(line: line, count: count,
                           lines: [String(repeating: " ", count: column - 1) + (written.isEmpty ? keyText(entry.key) : written) + ": " + render(entry) + comment])
    }

    /// New entries for a plan whose `status:` does not hold them: after its last entry, under
    /// a `status:` that has none, or in a new `status:` after the plan's last key. A flow
    /// `status: {…}` is written out as a block with its entries.
    static func insertion(_ keys: [(TaskKey, StatusEntry)], into plan: Node.Mapping, of parsed: Plan, lines: [String]) -> Replacement {
        let keyColumn = plan.first?.key.mark?.column ?? 1
        let pad = String(repeating: " ", count: keyColumn - 1)
        if let status = plan.first(where: { $0.key.string == "status" }) {
            let line = status.key.mark?.line ?? 1
            if case let .mapping(entries) = status.value, !isFlow(status.value, in: lines), let first = entries.first {
                // After the last entry, indented like the first.
                let column = first.key.mark?.column ?? keyColumn + 2
                let last = entries.reduce(first) { ($1.key.mark?.line ?? 0) > ($0.key.mark?.line ?? 0) ? $1 : $0 }
                let lastLine = last.key.mark?.line ?? line
                let end = lastLine + extent(line: lastLine, column: last.key.mark?.column ?? column, in: lines)
                return Replacement(line: end, count: 0, lines: keys.map { String(repeating: " ", count: column - 1) + keyText($0.0) + ": " + render($0.1) })
            }
            // `status:` empty, null or a flow mapping: written as a block with what it holds.
            let kept = parsed.status.filter { entry in !keys.contains { $0.0 == entry.key } }.map { ($0.key, $0) }
            let count = extent(line: line, column: status.key.mark?.column ?? keyColumn, in: lines)
            let body = (kept + keys).map { pad + "  " + keyText($0.0) + ": " + render($0.1) }
            return Replacement(line: line, count: count, lines: [pad + "status:" + trailingComment(lines[line - 1])] + body)
        }
        // No `status:`: a new one after the plan's last key.
        let last = plan.reduce(plan.first!) { ($1.key.mark?.line ?? 0) > ($0.key.mark?.line ?? 0) ? $1 : $0 }
        let lastLine = last.key.mark?.line ?? 1
        let end = lastLine + extent(line: lastLine, column: last.key.mark?.column ?? keyColumn, in: lines)
        return Replacement(line: end, count: 0, lines: [pad + "status:"] + keys.map { pad + "  " + keyText($0.0) + ": " + render($0.1) })
    }
}
