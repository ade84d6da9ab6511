import Foundation
import OIRContent
import OIRLayout
import OIRModel
import OIROverview
import OIRPublish
import OIRRender
import OIRRouting

/// The one place that composes the stages: model (catalog, plan, scoping) → diagram content →
/// layout → routing → render → publish. The CLI, the `docs` command and the benchmark call it;
/// each stage only knows the ones before it.
public enum Pipeline {
    /// What to draw: the official diagram of a catalog, or one kommune's plan.
    public enum Subject {
        case official(Catalog)
        case plan(ScopedPlan, Catalog, PlanDiagramOptions = PlanDiagramOptions())
    }

    /// The content of `subject`, its words in `labels`' language, with `style`'s own texts (the
    /// words for what that style shows).
    public static func content(_ subject: Subject, labels: LabelSet = .builtIn(), style: Style? = nil) -> DiagramContent {
        let labels = style?.labels(labels) ?? labels
        switch subject {
        case let .official(catalog): return DiagramContent.official(catalog, labels: labels)
        case let .plan(scoped, catalog, options): return DiagramContent.plan(scoped, catalog: catalog, labels: labels, options: options)
        }
    }

    /// `content` laid out for `style` (stubs or arrows) on `page` (default: the style's), every
    /// arrow with its route: each output format draws these same routes.
    public static func diagram(_ content: DiagramContent, style: Style, page: Page? = nil) -> RoutedDiagram {
        if content.view == .tidsplan, let (timeline, options) = Diagram.timeline(content) {
            return EdgeRouter.routed(timeline, options: options)
        }
        let options = layoutOptions(style: style, page: page)
        return EdgeRouter.routed(Diagram.layout(content, options: options), options: options)
    }

    /// The layout options for `style` on `page` (default: the style's).
    static func layoutOptions(style: Style, page: Page?) -> LayoutOptions {
        LayoutOptions(dependencies: style.dependencies, page: page ?? style.page)
    }

    /// The contents of the pages a PDF of `content` is split over (`RenderOptions.split`), or nil
    /// for one page.
    /// - Parameter whole: `content` laid out for `options`' page, when the caller has it.
    public static func pages(_ content: DiagramContent, options: RenderOptions, whole: Diagram? = nil) -> [DiagramContent]? {
        guard options.format == .pdf else { return nil }
        return Diagram.pages(content, split: options.split, options: layoutOptions(style: options.style, page: options.page), whole: whole)
    }

    /// The bytes of `content` in `options.format`.
    /// - Throws: `RenderError` when Graphviz fails.
    public static func render(_ content: DiagramContent, options: RenderOptions) throws -> Data {
        try rendered(content, options: options).data
    }

    /// The bytes of `content` in `options.format`, and what Graphviz warned about.
    /// - Throws: `RenderError` when Graphviz fails.
    public static func rendered(_ content: DiagramContent, options: RenderOptions) throws -> Rendered {
        let laidOut = diagram(content, style: options.style, page: options.page)
        if let pages = pages(content, options: options, whole: laidOut.diagram) {
            return try Renderer.renderedPages(pages.map { diagram($0, style: options.style, page: options.page) },
                                              title: content.title, date: content.date, options: options)
        }
        var result = try Renderer.rendered(laidOut, options: options)
        guard options.format == .html else { return result }
        // The viewer page around the inline picture, and the plan's other view beside it.
        let first = ViewerPage.View(view: content.view, diagram: laidOut.diagram, svg: result.data, prefix: options.prefix(for: laidOut.diagram))
        let others = try otherViews(content, options: options, prefix: first.prefix)
        result.data = ViewerPage.html([first] + others.map(\.view), labels: content.labels)
        result.warnings += others.flatMap(\.warnings).filter { !result.warnings.contains($0) }
        return result
    }

    /// The views of `content` other than its own (a plan's timeline beside its swimlanes, and
    /// back), each as the viewer shows it: an inline SVG whose ids differ from the first view's.
    private static func otherViews(_ content: DiagramContent, options: RenderOptions,
                                   prefix: String) throws -> [(view: ViewerPage.View, warnings: [String])] {
        try DiagramView.allCases.filter { $0 != content.view }.compactMap(content.viewing).map { other in
            let laidOut = diagram(other, style: options.style, page: options.page)
            var svgOptions = options
            svgOptions.format = .svg
            svgOptions.inline = true
            svgOptions.idPrefix = "\(prefix)-\(other.view.rawValue)"
            let rendered = try Renderer.rendered(laidOut, options: svgOptions)
            return (ViewerPage.View(view: other.view, diagram: laidOut.diagram, svg: rendered.data, prefix: svgOptions.prefix(for: laidOut.diagram)),
                    rendered.warnings)
        }
    }

    /// Refuses a timeline of a plan that has no schedule: it gives no durations, and its
    /// catalog's tasks carry none.
    /// - Throws: `InputError` at the plan, saying what to add.
    public static func checkTimeline(_ plan: ScopedPlan, day: PlanDay) throws {
        guard plan.analysis(on: day.of(plan.plan)).schedule == nil else { return }
        let source = plan.plan.source
        // The example names one of this plan's own tasks: the integration is the catalog's.
        let example = plan.instances.first { $0.status != .done }?.id ?? plan.instances.first?.id ?? "ID"
        throw InputError(file: source?.file ?? "<plan>", line: source?.line, column: source?.column,
                         message: "the plan for \(plan.plan.kommune) gives no durations, so it has no schedule to draw on a timeline",
                         hint: "add 'varighed:' with working days per task id or key (e.g. 'varighed: {\(example): 5}')")
    }

    /// A documentation page for `subject`: Markdown with the light and dark SVGs and the
    /// interactive viewer beside it. The viewer shows the light picture, laid out and rendered once.
    /// - Parameters:
    ///   - labels: The tool's words, in the page's language (each style may replace some).
    ///   - light: The style of the picture for light readers.
    ///   - dark: The style of the picture for readers who prefer dark.
    ///   - idPrefix: The ids' prefix in the light picture (the dark one adds "-dark"); default the diagram's name.
    ///   - linkBase: Where boxes link to (`<linkBase>#<task id>`); default the page itself
    ///     (`DocsTarget.pageLink`), whose tables carry an anchor per task.
    ///   - day: The day a plan's checklist is looked at.
    ///   - target: The site the page is for (GitHub: a `<picture>`, no viewer).
    /// - Throws: `RenderError` when Graphviz fails.
    public static func documentationPage(_ subject: Subject, labels: LabelSet, catalog: Catalog, plan: ScopedPlan? = nil,
                                         light: Style, dark: Style, idPrefix: String? = nil,
                                         linkBase: String? = nil, day: PlanDay = .now(), target: DocsTarget = .mkdocs) throws -> DocumentationPage {
        let linkBase = linkBase ?? target.pageLink
        let content = self.content(subject, labels: labels, style: light), darkContent = self.content(subject, labels: labels, style: dark)
        let prefix = idPrefix ?? content.name
        let lightOptions = RenderOptions(format: .svg, style: light, idPrefix: prefix, linkBase: linkBase)
        let lightDiagram = diagram(content, style: light)
        let lightSVG = try Renderer.rendered(lightDiagram, options: lightOptions)
        let darkSVG = try rendered(darkContent, options: RenderOptions(format: .svg, style: dark, idPrefix: prefix + "-dark", linkBase: linkBase))
        let first = ViewerPage.View(view: content.view, diagram: lightDiagram.diagram, svg: Renderer.inlined(lightSVG.data), prefix: prefix)
        let others = try otherViews(content, options: lightOptions, prefix: prefix)
        let viewer = ViewerPage.html([first] + others.map(\.view), labels: content.labels)
        // A plan with a schedule shows its timeline too.
        let timeline = try content.viewing(.tidsplan).map { timeline in
            try picture(timeline, dark: darkContent.viewing(.tidsplan) ?? timeline, light: light, darkStyle: dark,
                        prefix: "\(prefix)-tidsplan", linkBase: linkBase)
        }
        var page = DocumentationPage.make(content, catalog: catalog, plan: plan, light: lightSVG.data, dark: darkSVG.data, viewer: viewer,
                                          timeline: timeline?.picture, day: day, target: target)
        page.warnings = unique(lightSVG.warnings + darkSVG.warnings + (timeline?.warnings ?? []))
        return page
    }

    /// The index of a rollout's documentation (`docs --all`): a row per kommune linking to its
    /// page, and the rollout's timeline when a plan gives durations.
    /// - Parameters:
    ///   - pages: The kommuner's page folders, in the order of `plans`.
    ///   - light: The style of the timeline for light readers; `dark` for dark ones.
    /// - Throws: `RenderError` when Graphviz fails.
    public static func documentationIndex(_ plans: [ScopedPlan], pages: [String], catalog: Catalog, labels: LabelSet,
                                          light: Style, dark: Style, linkBase: String? = nil, day: PlanDay = .now(),
                                          target: DocsTarget = .mkdocs) throws -> DocumentationPage {
        let linkBase = linkBase ?? target.pageLink
        let lists = checklists(plans, catalog: catalog, labels: labels, options: ChecklistOptions(day: day))
        guard lists.contains(where: { $0.analysis.schedule != nil }) else {
            return DocumentationIndex.page(lists, pages: pages, labels: labels, target: target)
        }
        let content = { (style: Style) in DiagramContent.rolloutTimeline(plans, catalog: catalog, labels: style.labels(labels), day: day) }
        let timeline = try picture(content(light), dark: content(dark), light: light, darkStyle: dark, prefix: "oversigt-tidsplan", linkBase: linkBase)
        var page = DocumentationIndex.page(lists, pages: pages, labels: labels, timeline: timeline.picture, target: target)
        page.warnings = timeline.warnings
        return page
    }

    /// `content` as a page's second picture, in the light style and (`darkContent`, the same
    /// drawn with the dark style's words) the dark one.
    private static func picture(_ content: DiagramContent, dark darkContent: DiagramContent, light: Style, darkStyle: Style, prefix: String,
                                linkBase: String) throws -> (picture: DocumentationPage.Picture, warnings: [String]) {
        let light = try rendered(content, options: RenderOptions(format: .svg, style: light, idPrefix: prefix, linkBase: linkBase))
        let dark = try rendered(darkContent, options: RenderOptions(format: .svg, style: darkStyle, idPrefix: prefix + "-dark", linkBase: linkBase))
        return (DocumentationPage.Picture(name: content.name, alt: content.title, light: light.data, dark: dark.data),
                unique(light.warnings + dark.warnings))
    }

    /// `warnings` without repeats, in their order.
    private static func unique(_ warnings: [String]) -> [String] {
        var seen: Set<String> = []
        return warnings.filter { seen.insert($0).inserted }
    }
}

extension Pipeline {
    /// Each kommune's checklist, looked at on `options.day`: what `plan` writes.
    public static func checklists(_ plans: [ScopedPlan], catalog: Catalog, labels: LabelSet,
                                  options: ChecklistOptions) -> [Checklist] {
        plans.map { Checklist($0, catalog: catalog, labels: labels, options: options) }
    }

    /// The checklists in `format`; `rollout` adds the kommune column and a section per kommune.
    /// - Throws: when the workbook cannot be put together (`xlsx` only).
    public static func export(_ checklists: [Checklist], format: PlanFormat, catalog: Catalog, labels: LabelSet,
                              options: ChecklistOptions, rollout: Bool) throws -> Data {
        guard format == .xlsx else { return Data(checklists.export(format, catalog: catalog, labels: labels, options: options, rollout: rollout).utf8) }
        return try Workbook.data(checklists, catalog: catalog, labels: labels, options: options, rollout: rollout)
    }

    /// What changed between two versions of a plan file, in `format`.
    public static func changes(old: [ScopedPlan], new: [ScopedPlan], format: PlanFormat, labels: LabelSet,
                               options: ChecklistOptions) -> Data {
        Data(PlanChanges.between(old: old, new: new, day: options.day).export(format, labels: labels, options: options).utf8)
    }

    /// A rollout's overview in `format`: a row per kommune with its counts and a cell per task,
    /// and the tasks that block the most kommuner.
    /// - Parameters:
    ///   - style: the colours of the SVG grid.
    ///   - delimiter: the CSV field separator.
    /// - Returns: the bytes and the overview's number of kommuner.
    public static func overview(_ plans: [ScopedPlan], catalog: Catalog, day: PlanDay, format: OverviewFormat,
                                style: Style, labels: LabelSet, delimiter: CSVDelimiter) -> (data: Data, kommuner: Int) {
        let overview = RolloutOverview.make(plans, catalog: catalog, day: day)
        let writer = OverviewWriter(overview, labels: labels, delimiter: delimiter)
        let data: Data = switch format {
        case .svg: OverviewSVG(overview, style: style, labels: labels).render()
        case .csv: Data(writer.csv().utf8)
        case .markdown: Data(writer.markdown().utf8)
        case .json: Data(writer.json().utf8)
        }
        return (data, overview.rows.count)
    }

    /// The catalog's tasks: a table in `labels`' language, or JSON with every field.
    /// - Throws: when the JSON cannot be made.
    public static func taskList(_ catalog: Catalog, json: Bool, labels: LabelSet) throws -> Data {
        json ? try catalog.exportJSON() : Data(catalog.exportTable(labels: labels).utf8)
    }
}

extension Pipeline {
    /// The catalog at `path`, checked whole (every problem of the file at once), or the built-in
    /// one when `path` is nil: what `lint` reports on and every command starts from.
    /// - Parameters:
    ///   - path: A catalog file, or nil for the built-in catalog.
    ///   - language: When given, the catalog's texts in that language where it gives them per
    ///     language.
    /// - Throws: `InputError`s with file and line.
    public static func catalog(path: String?, language: Language? = nil) throws -> Catalog {
        let catalog = try path.map(Catalog.load(path:)) ?? Catalog.builtIn()
        return language.map(catalog.inLanguage) ?? catalog
    }

    /// A plan file read against `catalog`; with `partial`, a rollout's kommuner that fail are
    /// kept as failures beside the ones that read.
    /// - Throws: `InputError`s with file and line.
    public static func planFile(path: String, catalog: Catalog, partial: Bool = false) throws -> PlanFile {
        try PlanFile.load(path: path, catalog: catalog, partial: partial)
    }
}
