import Foundation
import OIRSupport
import OIRContent
import OIRModel

/// The site a documentation page is written for; the raw values are the words of `--target`.
public enum DocsTarget: String, Sendable, CaseIterable {
    /// MkDocs (with or without Material) and plain Markdown: each picture twice, ending in
    /// `#gh-light-mode-only` / `#gh-dark-mode-only`, with a small rule for the reader's scheme.
    case mkdocs
    /// GitHub: a `<picture>` with the dark source and the light image, no `<style>` (GitHub shows
    /// it as text), no viewer (GitHub shows an HTML file's source).
    case github

    /// Where a page's boxes link to by default (`<base>#<task key>`): the page's own file, named,
    /// so that a link from its full-size SVG opens the page also from disk (`./` would open the
    /// folder there). MkDocs builds `<name>/index.md` into `<name>/index.html` with and without
    /// `use_directory_urls`; GitHub shows the Markdown file itself.
    public var pageLink: String {
        switch self {
        case .mkdocs: "index.html"
        case .github: "index.md"
        }
    }
}

/// A documentation page for a diagram: Markdown with the diagram embedded for light and dark
/// readers and, under it, each lane's tasks as a table, so the content stays readable where a
/// site shows the SVG as a plain image (GitHub disables its links and tooltips). For a plan the
/// checklist with status follows.
public struct DocumentationPage: Sendable {
    /// A picture of the page besides its diagram (a plan's timeline), drawn for light and dark
    /// readers; written beside the page as `<name>.svg` and `<name>-dark.svg`.
    public struct Picture: Sendable {
        public var name: String
        /// Its text for readers who do not see it.
        public var alt: String
        public var light: Data
        public var dark: Data

        public init(name: String, alt: String, light: Data, dark: Data) {
            self.name = name
            self.alt = alt
            self.light = light
            self.dark = dark
        }

        var files: [(String, Data)] { [("\(name).svg", light), ("\(name)-dark.svg", dark)] }
    }


    /// Files to write, relative to the output folder; the Markdown page first.
    public var files: [(name: String, data: Data)]
    /// The page's folder name (the diagram's name).
    public var name: String
    /// What Graphviz warned about while drawing the page's pictures.
    public var warnings: [String] = []

    /// The page for `content`, embedding its two SVG renderings (light and dark, rendered by the
    /// caller) that are written beside it.
    /// - Parameters:
    ///   - light: The SVG for light readers.
    ///   - dark: The SVG for readers who prefer dark.
    ///   - viewer: The interactive viewer page, written beside the page and linked from it.
    ///   - timeline: A plan's timeline, shown under the diagram.
    ///   - day: The day a plan's checklist is looked at.
    ///   - target: The site the page is for.
    public static func make(_ content: DiagramContent, catalog: Catalog, plan: ScopedPlan? = nil, light: Data, dark: Data,
                            viewer: Data? = nil, timeline: Picture? = nil, day: PlanDay = .now(), target: DocsTarget = .mkdocs) -> DocumentationPage {
        let viewer = target == .github ? nil : viewer
        let lightName = "\(content.name).svg", darkName = "\(content.name)-dark.svg", viewerName = "\(content.name).html"
        let checklist = plan.map { Checklist($0, catalog: catalog, labels: content.labels, options: ChecklistOptions(day: day)) }
        let markdown = page(content, catalog: catalog, checklist: checklist, light: lightName, dark: darkName,
                            viewer: viewer == nil ? nil : viewerName, timeline: timeline, undated: plan.map { day.isUndated($0.plan) } ?? false,
                            target: target)
        // Each page in its own folder as index.md with its pictures beside it: the relative paths
        // hold on GitHub and in MkDocs with and without use_directory_urls (the page becomes
        // <name>/index.html either way).
        let folder = content.name + "/"
        var files: [(String, Data)] = [(folder + "index.md", Data(markdown.utf8)), (folder + lightName, light), (folder + darkName, dark)]
        if let viewer { files.append((folder + viewerName, viewer)) }
        files += (timeline?.files ?? []).map { (folder + $0.0, $0.1) }
        return DocumentationPage(files: files, name: content.name)
    }

    static func page(_ content: DiagramContent, catalog: Catalog, checklist: Checklist?, light: String, dark: String, viewer: String? = nil,
                     timeline: Picture? = nil, undated: Bool = false, target: DocsTarget = .mkdocs) -> String {
        let labels = content.labels
        var out = "# \(Markdown.text(content.title))\n\n"
        if !content.subtitle.isEmpty { out += "\(Markdown.text(content.subtitle))\n\n" }
        if !content.link.isEmpty { out += labels.text("docs.integration_page", ["link": Markdown.autolink(content.link)], escaping: Markdown.text) + "\n\n" }
        out += picture(alt: content.summary, light: light, dark: dark, target: target)
        var links = ["[\(Markdown.text(labels.text("docs.full_size")))](\(light))"]
        if let viewer { links.append("[\(Markdown.text(labels.text("docs.viewer")))](\(viewer))") }
        out += links.joined(separator: " · ") + "\n\n"
        if let timeline { out += section(labels.text("docs.timeline"), timeline, labels: labels, target: target) }
        out += "## \(Markdown.text(labels.text("docs.lanes")))\n"
        out += laneTables(content, catalog: catalog, checklist: checklist)
        if let checklist {
            out += "\n## \(Markdown.text(labels.text("docs.summary")))\n\n"
            if undated {
                let basis = labels.text(checklist.plan.plan.start == nil ? "docs.undated.catalog" : "docs.undated.start")
                out += Markdown.text(labels.text("docs.undated", ["date": checklist.analysis.day.description, "basis": basis])) + "\n\n"
            }
            out += summary(checklist, labels: labels)
            out += "\n## \(Markdown.text(labels.text("docs.checklist")))\n\n"
            out += ChecklistWriter(catalog: catalog, labels: labels, options: ChecklistOptions()).markdownTable([checklist], rollout: false)
        }
        for note in content.notes { out += "\n\(Markdown.text(note))\n" }
        return out
    }

    /// The light and the dark picture, each linking to its full-size SVG. GitHub and MkDocs
    /// Material show the one that fits the reader's theme by the `#gh-light-mode-only` /
    /// `#gh-dark-mode-only` ending (Material follows its palette toggle); elsewhere (plain MkDocs,
    /// a browser) the rules below follow the operating system's preference. They leave a page of
    /// Material (`data-md-color-scheme`) alone, and GitHub removes them.
    /// The rules stand once on a page, before its first picture (`styled`). For GitHub: one
    /// `<picture>` linking to the full-size light SVG, without rules.
    static func picture(alt: String, light: String, dark: String, styled: Bool = true, target: DocsTarget = .mkdocs) -> String {
        if target == .github {
            return "<a href=\"\(light)\"><picture><source media=\"(prefers-color-scheme: dark)\" srcset=\"\(dark)\">"
                + "<img alt=\"\(PlainText.xmlEscaped(alt))\" src=\"\(light)\"></picture></a>\n\n"
        }
        let hideLight = "body:not([data-md-color-scheme]) img[src$=\"#gh-light-mode-only\"]{display:none}"
        let hideDark = "body:not([data-md-color-scheme]) img[src$=\"#gh-dark-mode-only\"]{display:none}"
        var out = styled ? "<style>@media (prefers-color-scheme: dark){\(hideLight)}@media not (prefers-color-scheme: dark){\(hideDark)}</style>\n\n" : ""
        let text = Markdown.text(alt)
        out += "[![\(text)](\(light)#gh-light-mode-only)](\(light)) [![\(text)](\(dark)#gh-dark-mode-only)](\(dark))\n\n"
        return out
    }

    /// A second picture of the page under its own heading, with a link to its full size.
    static func section(_ heading: String, _ picture: Picture, labels: LabelSet, styled: Bool = false, target: DocsTarget = .mkdocs) -> String {
        let light = "\(picture.name).svg"
        return "## \(Markdown.text(heading))\n\n"
            + self.picture(alt: picture.alt, light: light, dark: "\(picture.name)-dark.svg", styled: styled, target: target)
            + "[\(Markdown.text(labels.text("docs.full_size")))](\(light))\n\n"
    }

    /// A table per lane: id, title, roles (named after the plan's systems on a plan page), tool,
    /// dependencies.
    /// The plan's summary without its heading (the page has one): a paragraph per fact, a
    /// list under each section.
    private static func summary(_ checklist: Checklist, labels: LabelSet) -> String {
        let lines = PlanSummary(checklist: checklist, labels: labels).text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
        var out = ""
        for line in lines where !line.isEmpty {
            let text = line.trimmingCharacters(in: .whitespaces)
            out += line.hasPrefix("  ") ? "- \(Markdown.text(text))\n" : "\n\(Markdown.text(text))\n\n"
        }
        return out.replacingAll("\n\n\n", with: "\n\n").trimmingCharacters(in: .newlines) + "\n"
    }

    private static func laneTables(_ content: DiagramContent, catalog: Catalog, checklist: Checklist?) -> String {
        let labels = content.labels
        let planRoles = Dictionary((checklist?.rows ?? []).map {
            ($0.key, (ChecklistWriter.role($0.responsible, $0.responsiblePerson, labels: labels),
                      ChecklistWriter.role($0.performer, $0.performerPerson, labels: labels)))
        }, uniquingKeysWith: { a, _ in a })
        var out = ""
        var anchored: Set<String> = []
        for band in content.bands {
            for lane in band.lanes where !lane.items.isEmpty {
                out += "\n### \(Markdown.text(band.label)) – \(Markdown.text(lane.label))\n\n"
                let header = [labels.text("tasks.id"), labels.text("checklist.title"), labels.text("checklist.responsible"),
                              labels.text("checklist.performer"), labels.text("docs.tool"), labels.text("checklist.dependencies")]
                out += "| " + header.map(Markdown.cell).joined(separator: " | ") + " |\n"
                out += "| --- | --- | --- | --- | --- | --- |\n"
                for item in lane.items {
                    let task = catalog.task(item.taskID)
                    let roles = planRoles[item.key] ?? (task.map { catalog.name(of: $0.responsible, labels: labels) } ?? "",
                                                        task.map { catalog.name(of: $0.performer, labels: labels) } ?? "")
                    let cells = [item.key.description, item.title, roles.0, roles.1, task?.tool ?? "",
                                 item.dependencies.map { $0.key?.description ?? $0.label }.joined(separator: ", ")]
                    // Every row carries its key's anchor, the target of its box's link (`#TF108`,
                    // `#TF105-borgerservice`); the first row of a per-instance task also the id's.
                    var anchor = "<a id=\"\(Slug.anchor(item.key))\"></a>"
                    if item.key.instance != nil, anchored.insert(item.taskID).inserted { anchor += "<a id=\"\(Slug.fragment(item.taskID))\"></a>" }
                    out += "| " + anchor + cells.map(Markdown.cell).joined(separator: " | ") + " |\n"
                }
            }
        }
        return out
    }
}
