import Foundation
import OIRModel

/// The index page of a rollout's documentation (`docs --all`): one row per kommune with its
/// counts and projected end, linking to the kommune's own page.
public enum DocumentationIndex {
    /// `index.md` for `checklists`, whose pages lie in the folders `pages` names (same order).
    public static func page(_ checklists: [Checklist], pages: [String], labels: LabelSet) -> DocumentationPage {
        DocumentationPage(files: [("index.md", markdown(checklists, pages: pages, labels: labels))], name: "")
    }

    static func markdown(_ checklists: [Checklist], pages: [String], labels: LabelSet) -> Data {
        var out = "# \(Markdown.text(labels.text("docs.index", ["count": "\(checklists.count)"])))\n\n"
        let header = ["kommune", "tasks", "done", "in_progress", "ready", "blocked", "overdue", "end"].map { labels.text("docs.index.\($0)") }
        out += "| " + header.map(Markdown.cell).joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: "---|", count: header.count) + "\n"
        for (list, folder) in zip(checklists, pages) {
            let plan = list.plan
            let cells = ["[\(Markdown.text(plan.plan.kommune))](\(folder)/index.md)", "\(plan.instances.count)", "\(plan.count(.done))",
                         "\(plan.count(.inProgress))", "\(plan.count(.ready))", "\(plan.count(.blocked))", "\(list.analysis.overdue.count)",
                         list.analysis.schedule?.end.description ?? ""]
            // The link cell is Markdown already; the others are numbers and dates.
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return Data(out.utf8)
    }
}
