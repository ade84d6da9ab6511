import OIRSupport
import Foundation
import OIRModel

/// Writes checklists in one format, with the label set's headers and words. A rollout's
/// checklists become one, with a kommune column.
package struct ChecklistWriter {
    let catalog: Catalog
    let labels: LabelSet
    let options: ChecklistOptions

    /// The repeated system's id, the JSON/CSV field of a row's instance ("fagsystem").
    var instanceField: String { catalog.structure.plan.repeatedSystem?.id ?? "instance" }

    func write(_ lists: [Checklist], _ format: PlanFormat, rollout: Bool) -> String {
        switch format {
        case .json: json(lists, rollout: rollout)
        case .csv: csv(lists, rollout: rollout)
        case .markdown: markdown(lists, rollout: rollout)
        case .table: table(lists, rollout: rollout)
        case .summary: lists.map { PlanSummary(checklist: $0, labels: labels).text }.joined(separator: "\n")
        case .ics: ICalendar(catalog: catalog, labels: labels, kind: options.calendar, reminderDays: options.reminderDays).calendar(lists)
        case .xlsx: ""
        }
    }

    // MARK: Words

    private func yesNo(_ value: Bool) -> String { labels.text(value ? "checklist.yes" : "checklist.no") }

    func status(_ status: TaskStatus) -> String { Self.status(status, labels: labels) }

    /// A status in the reader's words ("done", "udført"), never the plan file's code.
    static func status(_ status: TaskStatus, labels: LabelSet) -> String {
        switch status {
        case .done: labels.text("status.done")
        case .inProgress: labels.text("status.in_progress")
        case .notStarted: labels.text("status.not_started")
        }
    }

    /// "Systemejer for Sag: Frida Fag", or the role alone.
    func role(_ role: String, _ person: Person?) -> String { Self.role(role, person, labels: labels) }

    static func role(_ role: String, _ person: Person?, labels: LabelSet) -> String {
        person.map { labels.text("checklist.role_person", ["role": role, "person": $0.label]) } ?? role
    }

    /// "TF105@Sag (Lars Lev), FM003".
    func waiting(_ list: [Checklist.Waiting]) -> String {
        list.map { w in w.person.map { "\(w.key) (\($0.name))" } ?? w.key.description }.joined(separator: ", ")
    }

    /// The status word, and "forsinket" when the frist has passed.
    func statusCell(_ row: Checklist.Row) -> String {
        var words = [status(row.status)]
        if row.overdue { words.append(labels.text("checklist.overdue")) }
        if row.projectedLate { words.append(labels.text("checklist.projected_late")) }
        return words.joined(separator: ", ")
    }

    /// "2025-04-03 (kritisk)".
    /// The projected finish, marked when critical, and with a baseline its slip ("+3 mod baseline").
    func finishCell(_ row: Checklist.Row) -> String {
        guard let finish = row.earliestFinish else { return "" }
        var marks: [String] = []
        if row.critical { marks.append(labels.text("checklist.critical")) }
        if let slip = row.slip, slip != 0 { marks.append(labels.text("checklist.slip", ["slip": Self.signed(slip)])) }
        return marks.isEmpty ? finish.description : "\(finish) (\(marks.joined(separator: ", ")))"
    }

    private func hasSchedule(_ lists: [Checklist]) -> Bool { lists.contains { $0.analysis.schedule != nil } }

    func heading(_ lists: [Checklist], rollout: Bool) -> String {
        guard rollout else { return lists.first?.heading(labels) ?? "" }
        return labels.text("checklist.heading.rollout", ["count": "\(lists.count)"])
    }

    // MARK: Table and Markdown

    func table(_ lists: [Checklist], rollout: Bool) -> String {
        let schedule = hasSchedule(lists)
        var header = ["key", "title", "responsible", "performer", "waiting_for", "blocks", "status", "deadline"]
        if schedule { header.append("earliest_finish") }
        if rollout { header.insert("kommune", at: 0) }
        var cells: [[String]] = []
        for row in lists.flatMap(\.rows) {
            var line = [row.key.description, ScopedPlan.shorten(row.title, 40), role(row.responsible, row.responsiblePerson),
                        role(row.performer, row.performerPerson), waiting(row.waitingFor), row.blocks.map(String.init) ?? "",
                        statusCell(row), row.deadline?.description ?? ""]
            if schedule { line.append(finishCell(row)) }
            if rollout { line.insert(row.kommune, at: 0) }
            cells.append(line)
        }
        return "\(heading(lists, rollout: rollout))\n\n" + TextTable(header: header.map { labels.text("checklist.\($0)") }, rows: cells).render()
    }

    func markdown(_ lists: [Checklist], rollout: Bool) -> String {
        "# \(Markdown.text(heading(lists, rollout: rollout)))\n\n" + markdownTable(lists, rollout: rollout)
    }

    func markdownTable(_ lists: [Checklist], rollout: Bool) -> String {
        let schedule = hasSchedule(lists)
        var header = ["key", "title", "responsible", "performer", "dependencies", "coordinated", "waiting_for", "blocks", "status",
                      "deadline", "note"]
        if schedule { header.append("earliest_finish") }
        if rollout { header.insert("kommune", at: 0) }
        var out = "| " + header.map { Markdown.cell(labels.text("checklist.\($0)")) }.joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: "---|", count: header.count) + "\n"
        for row in lists.flatMap(\.rows) {
            var cells = [row.key.description, row.title, role(row.responsible, row.responsiblePerson), role(row.performer, row.performerPerson),
                         row.dependencies.map(\.description).joined(separator: ", "), row.coordinatedWith?.description ?? "", waiting(row.waitingFor),
                         row.blocks.map(String.init) ?? "", statusCell(row), row.deadline?.description ?? "", row.note ?? ""]
            if schedule { cells.append(finishCell(row)) }
            if rollout { cells.insert(row.kommune, at: 0) }
            out += "| " + cells.map(Markdown.cell).joined(separator: " | ") + " |\n"
        }
        return out
    }

    // MARK: CSV

    /// One CSV field. RFC 4180: a field with a comma, semicolon, quote or line break is quoted,
    /// quotes doubled. A field a spreadsheet would evaluate as a formula gets a leading
    /// apostrophe (OWASP's CSV injection rule), so it stays text; see `startsFormula`.
    package static func csvField(_ raw: String) -> String {
        let text = startsFormula(raw) ? "'" + raw : raw
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }

    /// Whether a spreadsheet could evaluate the cell as a formula: it starts with a tab or
    /// carriage return, or its first scalar that shows (past invisible format characters and
    /// combining marks a spreadsheet may drop) is = or @, or it is + or - followed by more than
    /// a number as people write one. "+45 12 34 56 78", "-5" and "+3" stay as they are (digits,
    /// spaces and . , / ( ) call nothing and compute nothing); "-2+3", "+A1" and "-cmd|…" do not.
    static func startsFormula(_ text: String) -> Bool {
        if text.unicodeScalars.first == "\t" || text.unicodeScalars.first == "\r" { return true }
        let shown = text.unicodeScalars.drop { scalar in
            switch scalar.properties.generalCategory {
            case .format, .nonspacingMark, .enclosingMark, .spacingMark: true
            default: false
            }
        }
        guard let first = shown.first else { return false }
        if first == "=" || first == "@" { return true }
        guard first == "+" || first == "-" else { return false }
        return !shown.dropFirst().allSatisfy { ("0"..."9").contains($0) || " .,/()".unicodeScalars.contains($0) }
    }

    /// A slip as people write it: "+5", "-2", "0".
    static func signed(_ days: Int) -> String { days > 0 ? "+\(days)" : String(days) }

    func fieldName(_ key: String) -> String { labels.text("field.\(key)", ["system": instanceField]) }

    func csv(_ lists: [Checklist], rollout: Bool) -> String {
        let (fields, rows) = table(lists, rollout: rollout)
        // The byte order mark tells spreadsheet programs (Excel in particular) that the file is
        // UTF-8, so Danish letters arrive intact.
        let separator = options.delimiter.rawValue
        return "\u{FEFF}" + ([fields.map(fieldName)] + rows).map { $0.map(Self.csvField).joined(separator: separator) + "\r\n" }.joined()
    }

    /// The checklist as a table: its fields' keys (`key`, `deadline`, …; `fieldName` gives the
    /// header) and a row of texts per task, as the CSV and the workbook write them.
    func table(_ lists: [Checklist], rollout: Bool) -> (fields: [String], rows: [[String]]) {
        var header = ["key", "id", "instance", "title", "responsible", "performer", "dependencies", "coordinated", "status", "status_code", "status_date",
                      "ready", "responsible_person", "responsible_email", "responsible_organisation", "performer_person", "performer_email",
                      "performer_organisation", "deadline", "overdue", "projected_late", "note", "waiting_for", "blocks",
                      "earliest_start", "earliest_finish", "critical"]
        let baseline = lists.contains(where: \.hasBaseline)
        if baseline { header += ["baseline_finish", "slip"] }
        if rollout { header.insert("kommune", at: 0) }
        var lines: [[String]] = []
        for row in lists.flatMap(\.rows) {
            let roles: [String] = [row.responsible, row.performer, row.dependencies.map(\.description).joined(separator: " "), row.coordinatedWith?.description ?? ""]
            // The word for people, the code for filters and formulas (the same in every language).
            let progress: [String] = [status(row.status), row.status.rawValue, row.reached?.description ?? "", yesNo(row.ready)]
            // Name, address and organisation each in a column of its own, to filter and to mail.
            let people: [String] = [row.responsiblePerson, row.performerPerson].flatMap { person in
                [person?.name ?? "", person?.email ?? "", person?.organisation ?? ""]
            }
            let tracking: [String] = [row.deadline?.description ?? "", yesNo(row.overdue), yesNo(row.projectedLate), row.note ?? "",
                                      row.waitingFor.map(\.key.description).joined(separator: " "), row.blocks.map(String.init) ?? ""]
            let schedule: [String] = [row.earliestStart?.description ?? "", row.earliestFinish?.description ?? "", yesNo(row.critical)]
            var line: [String] = [row.key.description, row.id, row.instance ?? "", row.title]
            line += roles + progress + people + tracking + schedule
            if baseline { line += [row.baselineFinish?.description ?? "", row.slip.map(Self.signed) ?? ""] }
            if rollout { line.insert(row.kommune, at: 0) }
            lines.append(line)
        }
        return (header, lines)
    }

    // MARK: JSON

    func json(_ lists: [Checklist], rollout: Bool) -> String {
        // Written by hand: the keys stay in the documented order and absent values are explicit
        // nulls. Keys and status codes are an interface: the Danish label set's, whatever the
        // language; only display texts (role names) follow the language.
        let interface = ChecklistWriter(catalog: catalog, labels: .builtIn(.da), options: options)
        let string = JSONText.string
        func key(_ name: String) -> String { string(interface.fieldName(name)) }
        var head: [(String, String)] = []
        if !rollout, let list = lists.first {
            head.append(("kommune", string(list.plan.plan.kommune)))
            head.append(("date", string(list.analysis.day.description)))
            head.append(("projected_end", list.analysis.schedule.map { string($0.end.description) } ?? "null"))
            if list.hasBaseline {
                head.append(("baseline_end", list.baselineEnd.map { string($0.description) } ?? "null"))
                head.append(("end_slip", list.endSlip.map(String.init) ?? "null"))
            }
        } else {
            head.append(("date", lists.first.map { string($0.analysis.day.description) } ?? "null"))
        }
        let baseline = lists.contains(where: \.hasBaseline)
        let rows = lists.flatMap(\.rows).map { row in
            "    {\n" + interface.jsonFields(row, rollout: rollout, baseline: baseline).map { "      \(key($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n    }"
        }
        let body = rows.isEmpty ? "[]" : "[\n" + rows.joined(separator: ",\n") + "\n  ]"
        return "{\n" + (head + [("tasks", body)]).map { "  \(key($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    private func jsonFields(_ row: Checklist.Row, rollout: Bool, baseline: Bool) -> [(String, String)] {
        let string = JSONText.string
        func optional(_ value: String?) -> String { value.map(string) ?? "null" }
        func person(_ p: Person?) -> String {
            guard let p else { return "null" }
            return "{\(string(fieldName("name"))): \(string(p.name)), \(string(fieldName("email"))): \(optional(p.email)), "
                + "\(string(fieldName("organisation"))): \(optional(p.organisation))}"
        }
        let waiting = row.waitingFor.map { "{\(string(fieldName("key"))): \(string($0.key.description)), \(string(fieldName("person"))): \(person($0.person))}" }
        var fields: [(String, String)] = [
            ("key", string(row.key.description)),
            ("id", string(row.id)),
            ("instance", optional(row.instance)),
            ("title", string(row.title)),
            ("responsible", string(row.responsible)),
            ("performer", string(row.performer)),
            ("person", "{\(string(fieldName("responsible"))): \(person(row.responsiblePerson)), \(string(fieldName("performer"))): \(person(row.performerPerson))}"),
            ("dependencies", "[" + row.dependencies.map { string($0.description) }.joined(separator: ", ") + "]"),
            ("status", string(row.status.rawValue)),
            ("ready", row.ready ? "true" : "false"),
            ("deadline", optional(row.deadline?.description)),
            ("overdue", row.overdue ? "true" : "false"),
            ("projected_late", row.projectedLate ? "true" : "false"),
            ("note", optional(row.note)),
            ("waiting_for", "[" + waiting.joined(separator: ", ") + "]"),
            ("blocks", row.blocks.map(String.init) ?? "null"),
            ("earliest_start", optional(row.earliestStart?.description)),
            ("earliest_finish", optional(row.earliestFinish?.description)),
            ("critical", row.critical ? "true" : "false"),
        ]
        if baseline {
            fields += [("baseline_finish", optional(row.baselineFinish?.description)), ("slip", row.slip.map(String.init) ?? "null")]
        }
        if rollout { fields.insert(("kommune", string(row.kommune)), at: 0) }
        return fields
    }
}
