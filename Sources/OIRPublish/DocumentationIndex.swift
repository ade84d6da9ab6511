import Foundation
import OIRModel

/// The index page of a rollout's documentation (`docs --all`): one row per kommune with its
/// counts and projected end, linking to the kommune's own page.
public enum DocumentationIndex {
    /// `index.md` for `checklists`, whose pages lie in the folders `pages` names (same order);
    /// with `timeline`, the rollout's timeline under the table (written beside the index).
    public static func page(_ checklists: [Checklist], pages: [String], labels: LabelSet,
                            timeline: DocumentationPage.Picture? = nil, target: DocsTarget = .mkdocs) -> DocumentationPage {
        DocumentationPage(files: [("index.md", markdown(checklists, pages: pages, labels: labels, timeline: timeline, target: target))]
                            + (timeline?.files ?? []), name: "")
    }

    static func markdown(_ checklists: [Checklist], pages: [String], labels: LabelSet, timeline: DocumentationPage.Picture? = nil,
                         target: DocsTarget = .mkdocs) -> Data {
        var out = "# \(Markdown.text(labels.text("docs.index", ["count": "\(checklists.count)"])))\n\n"
        let header = ["kommune", "tasks", "done", "in_progress", "ready", "blocked", "overdue", "end"].map { labels.text("docs.index.\($0)") }
        out += "| " + header.map(Markdown.cell).joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: "---|", count: header.count) + "\n"
        for (list, folder) in zip(checklists, pages) {
            let plan = list.plan
            // The row is the target of the kommune's bar on the rollout's timeline.
            let anchor = timeline == nil ? "" : "<a id=\"\(Slug.anchor(TaskKey(plan.plan.fileName)))\"></a>"
            let cells = [anchor + "[\(Markdown.text(plan.plan.kommune))](\(folder)/index.md)", "\(plan.instances.count)", "\(plan.count(.done))",
                         "\(plan.count(.inProgress))", "\(plan.count(.ready))", "\(plan.count(.blocked))", "\(list.analysis.overdue.count)",
                         list.analysis.schedule?.end.description ?? ""]
            // The link cell is Markdown already; the others are numbers and dates.
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        if let timeline { out += "\n" + DocumentationPage.section(labels.text("docs.index.timeline"), timeline, labels: labels, styled: true, target: target) }
        return Data(out.utf8)
    }
}
