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
        let options = LayoutOptions(dependencies: style.dependencies, page: page ?? style.page)
        return EdgeRouter.routed(Diagram.layout(content, options: options), options: options)
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
        var result = try Renderer.rendered(laidOut, options: options)
        guard options.format == .html else { return result }
        // The viewer page around the inline picture.
        result.data = ViewerPage.html(laidOut.diagram, svg: result.data, prefix: options.prefix(for: laidOut.diagram), labels: content.labels)
        return result
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
    ///   - linkBase: Where boxes link to (`<linkBase>#<task id>`); default `./`, the page itself,
    ///     whose tables carry an anchor per task.
    ///   - day: The day a plan's checklist is looked at.
    /// - Throws: `RenderError` when Graphviz fails.
    public static func documentationPage(_ subject: Subject, labels: LabelSet, catalog: Catalog, plan: ScopedPlan? = nil,
                                         light: Style, dark: Style, idPrefix: String? = nil,
                                         linkBase: String = "./", day: PlanDay = .now()) throws -> DocumentationPage {
        let content = self.content(subject, labels: labels, style: light)
        let prefix = idPrefix ?? content.name
        let lightOptions = RenderOptions(format: .svg, style: light, idPrefix: prefix, linkBase: linkBase)
        let lightDiagram = diagram(content, style: light)
        let light = try Renderer.rendered(lightDiagram, options: lightOptions)
        let dark = try rendered(self.content(subject, labels: labels, style: dark),
                                options: RenderOptions(format: .svg, style: dark, idPrefix: prefix + "-dark", linkBase: linkBase))
        let viewer = ViewerPage.html(lightDiagram.diagram, svg: Renderer.inlined(light.data), prefix: prefix, labels: content.labels)
        var page = DocumentationPage.make(content, catalog: catalog, plan: plan, light: light.data, dark: dark.data, viewer: viewer, day: day)
        page.warnings = light.warnings + dark.warnings.filter { !light.warnings.contains($0) }
        return page
    }
}

extension Pipeline {
    /// Each kommune's checklist, looked at on `options.day`: what `plan` writes.
    public static func checklists(_ plans: [ScopedPlan], catalog: Catalog, labels: LabelSet,
                                  options: ChecklistOptions) -> [Checklist] {
        plans.map { Checklist($0, catalog: catalog, labels: labels, options: options) }
    }

    /// The checklists in `format`; `rollout` adds the kommune column and a section per kommune.
    public static func export(_ checklists: [Checklist], format: PlanFormat, catalog: Catalog, labels: LabelSet,
                              options: ChecklistOptions, rollout: Bool) -> Data {
        Data(checklists.export(format, catalog: catalog, labels: labels, options: options, rollout: rollout).utf8)
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
