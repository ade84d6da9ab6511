import Foundation
import OIRModel

/// The formats `oir-diagram plan` writes; the raw values are the option's words.
public enum PlanFormat: String, Sendable, CaseIterable {
    /// Aligned columns for a terminal.
    case table
    /// A table for a wiki page.
    case markdown
    /// For a spreadsheet: UTF-8, comma-separated, quoted where needed.
    case csv
    /// The keys of issue 3, in that order.
    case json
}

extension ScopedPlan {
    /// One row of the checklist, with roles named after the plan's own systems.
    public struct Row: Sendable, Equatable {
        public var key: String
        public var id: TaskID
        /// The instance of the repeated plan system (a fagsystem); nil for once-tasks.
        public var instance: String?
        public var title: String
        public var responsible: String
        public var performer: String
        public var dependencies: [String]
        public var coordinatedWith: String?
        public var status: TaskStatus
        public var ready: Bool
    }

    /// The checklist rows in dependency order.
    public func rows(catalog: Catalog, labels: LabelSet = .builtIn()) -> [Row] {
        instances.map { instance in
            Row(key: instance.key, id: instance.id, instance: instance.instanceName, title: instance.task.title,
                responsible: roleName(instance.task.responsible, instance, catalog, labels),
                performer: roleName(instance.task.performer, instance, catalog, labels),
                dependencies: instance.dependencyKeys, coordinatedWith: instance.coordinatedWith,
                status: instance.status, ready: instance.ready)
        }
    }

    /// The checklist in `format`, ending with a newline, in the words of `labels`.
    public func export(_ format: PlanFormat, catalog: Catalog, labels: LabelSet = .builtIn()) -> String {
        let rows = rows(catalog: catalog, labels: labels)
        let writer = ChecklistWriter(plan: self, labels: labels, instanceField: catalog.structure.plan.repeatedSystem?.id ?? "instance")
        switch format {
        case .json: return writer.json(rows)
        case .csv: return writer.csv(rows)
        case .markdown: return writer.markdown(rows)
        case .table: return writer.table(rows)
        }
    }

    /// The checklist as a Markdown table without its heading, for a page that has its own.
    public func checklistTable(catalog: Catalog, labels: LabelSet = .builtIn()) -> String {
        ChecklistWriter(plan: self, labels: labels, instanceField: catalog.structure.plan.repeatedSystem?.id ?? "instance")
            .markdownTable(rows(catalog: catalog, labels: labels))
    }

    /// "Implementeringsplan for Eksempel Kommune (2024-05-01)".
    public func heading(_ labels: LabelSet = .builtIn()) -> String {
        labels.text(plan.date == nil ? "checklist.heading" : "checklist.heading.dated", ["kommune": plan.kommune, "date": plan.date ?? ""])
    }

    static func shorten(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}

/// Writes checklist rows in one format, with the label set's headers and words.
struct ChecklistWriter {
    let plan: ScopedPlan
    let labels: LabelSet
    /// The repeated system's id, the JSON/CSV field of a row's instance ("fagsystem").
    let instanceField: String

    private func yesNo(_ value: Bool) -> String { labels.text(value ? "checklist.yes" : "checklist.no") }

    private func status(_ status: TaskStatus) -> String {
        switch status {
        case .done: labels.text("status.done")
        case .inProgress: labels.text("status.in_progress")
        case .notStarted: labels.text("status.not_started")
        }
    }

    fileprivate func fieldName(_ key: String) -> String { labels.text("field.\(key)", ["system": instanceField]) }

    func table(_ rows: [ScopedPlan.Row]) -> String {
        let header = ["key", "title", "responsible", "performer", "dependencies", "status", "ready"].map { labels.text("checklist.\($0)") }
        let cells = rows.map { row in
            [row.key, ScopedPlan.shorten(row.title, 48), row.responsible, row.performer,
             (row.dependencies + (row.coordinatedWith.map { ["≈ \($0)"] } ?? [])).joined(separator: ", "),
             status(row.status), yesNo(row.ready)]
        }
        return "\(plan.heading(labels))\n\n" + TextTable(header: header, rows: cells).render()
    }

    func markdown(_ rows: [ScopedPlan.Row]) -> String {
        "# \(Markdown.text(plan.heading(labels)))\n\n" + markdownTable(rows)
    }

    func markdownTable(_ rows: [ScopedPlan.Row]) -> String {
        let cell = Markdown.cell
        var out = ""
        let header = ["key", "title", "responsible", "performer", "dependencies", "coordinated", "status", "ready"].map { labels.text("checklist.\($0)") }
        out += "| " + header.joined(separator: " | ") + " |\n"
        out += "|---|---|---|---|---|---|---|---|\n"
        for row in rows {
            let cells = [row.key, row.title, row.responsible, row.performer, row.dependencies.joined(separator: ", "),
                         row.coordinatedWith ?? "", status(row.status), yesNo(row.ready)]
            out += "| " + cells.map(cell).joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// One CSV field. RFC 4180: a field with a comma, semicolon, quote or line break is quoted,
    /// quotes doubled. A field a spreadsheet would read as a formula (=, +, -, @, tab or CR
    /// first) gets a leading apostrophe (OWASP's CSV injection rule), so it stays text.
    static func csvField(_ raw: String) -> String {
        let text = raw.first.map { "=+-@\t\r".contains($0) } == true ? "'" + raw : raw
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    func csv(_ rows: [ScopedPlan.Row]) -> String {
        let field = Self.csvField
        var lines = [["key", "id", "instance", "title", "responsible", "performer", "dependencies", "coordinated", "status", "ready"].map(fieldName)]
        for row in rows {
            lines.append([row.key, row.id, row.instance ?? "", row.title, row.responsible, row.performer,
                          row.dependencies.joined(separator: " "), row.coordinatedWith ?? "", status(row.status), yesNo(row.ready)])
        }
        // The byte order mark tells spreadsheet programs (Excel in particular) that the file is
        // UTF-8, so Danish letters arrive intact.
        return "\u{FEFF}" + lines.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    func json(_ rows: [ScopedPlan.Row]) -> String {
        // Written by hand: the keys stay in the documented order and `fagsystem` is an explicit null.
        // Keys and status codes are an interface: the Danish label set's, whatever the language;
        // only display texts (role names) follow the language.
        func string(_ s: String) -> String { JSONText.string(s) }
        let interface = ChecklistWriter(plan: plan, labels: .builtIn(.da), instanceField: instanceField)
        func fieldName(_ key: String) -> String { interface.fieldName(key) }
        var out = "{\n  \(string(fieldName("kommune"))): \(string(plan.plan.kommune)),\n  \(string(fieldName("tasks"))): ["
        for (index, row) in rows.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            let fields: [(String, String)] = [
                ("key", string(row.key)),
                ("id", string(row.id)),
                ("instance", row.instance.map(string) ?? "null"),
                ("title", string(row.title)),
                ("responsible", string(row.responsible)),
                ("performer", string(row.performer)),
                ("dependencies", "[" + row.dependencies.map(string).joined(separator: ", ") + "]"),
                ("status", string(row.status.rawValue)),
                ("ready", row.ready ? "true" : "false"),
            ]
            out += "    {\n" + fields.map { "      \(string(fieldName($0.0))): \($0.1)" }.joined(separator: ",\n") + "\n    }"
        }
        out += rows.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

}

