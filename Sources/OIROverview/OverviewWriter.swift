import OIRPublish
import OIRRender
import OIRLayout
import OIRSupport
import OIRContent
import OIRModel

/// The formats of `oversigt`; the raw values are the option's words.
public enum OverviewFormat: String, Sendable, CaseIterable {
    /// A compact coloured grid, kommuner down, tasks across.
    case svg
    case csv
    case markdown
    case json
}

/// Writes a rollout overview as text: one row per kommune with its counts and a cell per task.
/// JSON keys and status codes are an interface, the same in every language.
public struct OverviewWriter {
    public let overview: RolloutOverview
    public let labels: LabelSet
    public let delimiter: CSVDelimiter

    public init(_ overview: RolloutOverview, labels: LabelSet = .builtIn(), delimiter: CSVDelimiter = .comma) {
        self.overview = overview
        self.labels = labels
        self.delimiter = delimiter
    }

    /// The cell as a short word: the progress word, the share done when there are several
    /// instances, and `!` when overdue; empty outside the plan.
    private func code(_ cell: RolloutOverview.Cell?) -> String {
        guard let cell else { return "" }
        let word = labels.text("progress.\(cell.progress.name)")
        let share = cell.total > 1 ? " \(cell.done)/\(cell.total)" : ""
        return word + share + (cell.overdue ? " !" : "")
    }

    private var countHeader: [String] {
        ["tasks", "done", "in_progress", "ready", "blocked", "overdue", "end"].map { labels.text("docs.index.\($0)") }
    }

    private func counts(_ row: RolloutOverview.Row) -> [String] {
        ["\(row.total)", "\(row.counts[.done] ?? 0)", "\(row.counts[.inProgress] ?? 0)", "\(row.counts[.ready] ?? 0)",
         "\(row.counts[.blocked] ?? 0)", "\(row.overdue)", row.end?.description ?? ""]
    }

    public func csv() -> String {
        var lines = [[labels.text("docs.index.kommune")] + countHeader + overview.tasks]
        for row in overview.rows { lines.append([row.kommune] + counts(row) + overview.tasks.map { code(row.cells[$0]) }) }
        return "\u{FEFF}" + lines.map { $0.map(ChecklistWriter.csvField).joined(separator: delimiter.rawValue) + "\r\n" }.joined()
    }

    public func markdown() -> String {
        var out = "# \(Markdown.text(labels.text("overview.title", ["count": "\(overview.rows.count)", "day": overview.day.description])))\n\n"
        let header = [labels.text("docs.index.kommune")] + countHeader
        out += "| " + header.map(Markdown.cell).joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: header.count) + "\n"
        for row in overview.rows { out += "| " + ([row.kommune] + counts(row)).map(Markdown.cell).joined(separator: " | ") + " |\n" }
        out += "\n## \(Markdown.text(labels.text("overview.blockers")))\n\n"
        if overview.blockers.isEmpty { out += Markdown.text(labels.text("overview.no_blockers")) + "\n" }
        for blocker in overview.blockers.prefix(10) {
            out += "- " + Markdown.text(labels.text("overview.blocker", ["task": blocker.task, "kommuner": "\(blocker.kommuner)", "blocks": "\(blocker.blocks)"])) + "\n"
        }
        out += "\n## \(Markdown.text(labels.text("overview.matrix")))\n\n"
        let matrixHeader = [labels.text("docs.index.kommune")] + overview.tasks
        out += "| " + matrixHeader.map(Markdown.cell).joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: matrixHeader.count) + "\n"
        for row in overview.rows {
            out += "| " + ([row.kommune] + overview.tasks.map { code(row.cells[$0]) }).map(Markdown.cell).joined(separator: " | ") + " |\n"
        }
        return out
    }

    public func json() -> String {
        let string = JSONText.string
        var out = "{\n  \"dato\": \(string(overview.day.description)),\n  \"opgaver\": [" + overview.tasks.map(string).joined(separator: ", ") + "],\n"
        out += "  \"kommuner\": ["
        for (index, row) in overview.rows.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            let cells = overview.tasks.compactMap { id -> String? in
                guard let cell = row.cells[id] else { return nil }
                return "\(string(id)): {\"status\": \(string(cell.progress.rawValue)), \"forsinket\": \(cell.overdue), \"udført\": \(cell.done), \"i_alt\": \(cell.total)}"
            }
            out += "    {\"kommune\": \(string(row.kommune)), \"i_alt\": \(row.total), \"udført\": \(row.counts[.done] ?? 0), "
                + "\"i_gang\": \(row.counts[.inProgress] ?? 0), \"klar\": \(row.counts[.ready] ?? 0), \"blokeret\": \(row.counts[.blocked] ?? 0), "
                + "\"forsinket\": \(row.overdue), \"forventet_slut\": \(row.end.map { string($0.description) } ?? "null"),\n"
                + "     \"opgaver\": {" + cells.joined(separator: ", ") + "}}"
        }
        out += overview.rows.isEmpty ? "],\n" : "\n  ],\n"
        let blockers = overview.blockers.map { "{\"opgave\": \(string($0.task)), \"kommuner\": \($0.kommuner), \"blokerer\": \($0.blocks)}" }
        out += "  \"største_blokeringer\": [" + blockers.joined(separator: ", ") + "]\n}\n"
        return out
    }
}
