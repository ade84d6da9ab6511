import OIRSupport
import Foundation
import OIRLayout
import OIRRouting
import OIRModel

/// The file formats `oir-diagram` writes.
public enum OutputFormat: String, Sendable, CaseIterable {
    case svg, pdf, png, dot
    /// The laid-out diagram as data (README, "The laid-out diagram as JSON").
    case json
    /// The interactive viewer: one offline HTML page (composed by `Pipeline`; the renderer
    /// gives it the inline SVG).
    case html

    public var fileExtension: String { rawValue }
}

/// Options for turning a laid-out diagram into bytes.
public struct RenderOptions: Sendable {
    public var format: OutputFormat
    public var style: Style
    /// Prefix of every id in the SVG, so several diagrams can be inlined in one page; nil
    /// derives it from the diagram's name.
    public var idPrefix: String?
    /// Where task boxes link to (`<linkBase>#<task id>`); nil uses the integration's page.
    /// Only http(s) and relative links (no scheme) are written.
    public var linkBase: String?
    /// SVG without XML prolog and DOCTYPE, for pasting into HTML or Markdown.
    public var inline = false
    /// Keep Graphviz's fixed width and height in the SVG instead of scaling with the container.
    public var fixedSize = false
    /// The page to lay out for and print on; nil takes the style's.
    public var page: Page?
    /// Pixels per inch of a PNG, which fills the page.
    public var dpi = 150.0
    /// Whether a PDF of a swimlane diagram is split over pages (`Pipeline.rendered` splits it).
    public var split = PageSplit.auto

    /// The page actually used.
    public var resolvedPage: Page { page ?? style.page }

    public init(format: OutputFormat = .svg, style: Style, idPrefix: String? = nil, linkBase: String? = nil,
                inline: Bool = false, fixedSize: Bool = false) {
        self.format = format
        self.style = style
        self.idPrefix = idPrefix
        self.linkBase = linkBase
        self.inline = inline
        self.fixedSize = fixedSize
    }

    /// The id prefix actually used.
    public func prefix(for diagram: Diagram) -> String {
        Slug.make(idPrefix ?? diagram.name)
    }

    /// The link base actually used: the given one (http(s), or relative such as `#` or
    /// `./`), or the diagram's own page if it is http(s).
    public func links(for diagram: Diagram) -> String? {
        if let linkBase { return Slug.isLinkBase(linkBase) ? linkBase : nil }
        return Slug.isWebLink(diagram.link) ? diagram.link : nil
    }
}

/// The bytes of one output, Graphviz's warnings about it, and the tool's own.
public struct Rendered: Sendable, Equatable {
    public var data: Data
    /// Graphviz's warnings, each once, in the order it gave them.
    public var warnings: [String] = []
    /// What the tool itself has to say about the output (box text too small on its page).
    public var notices: [String] = []
}

/// Turns a `Diagram` into the bytes of a file: builds the Graphviz graph, hands it to the
/// gateway and makes the result deterministic (same diagram, same bytes).
public enum Renderer {
    /// The graph for `diagram` in `options.format`'s page geometry.
    public static func graph(for diagram: RoutedDiagram, options: RenderOptions) -> GraphvizGraph {
        GraphvizGraph(diagram, style: options.style, canvas: canvas(for: diagram.diagram, options: options),
                      linkBase: options.links(for: diagram.diagram))
    }

    /// The bytes of `diagram` in `options.format`; Graphviz's warnings are dropped (see `rendered`).
    /// - Throws: `RenderError` when Graphviz fails.
    public static func render(_ diagram: RoutedDiagram, options: RenderOptions) throws -> Data {
        try rendered(diagram, options: options).data
    }

    /// The bytes of `diagram` in `options.format`, with what Graphviz warned about while drawing
    /// them, for the caller to pass on: a warning means the picture may not be the one laid out.
    /// - Throws: `RenderError` when Graphviz fails.
    public static func rendered(_ diagram: RoutedDiagram, options: RenderOptions) throws -> Rendered {
        switch options.format {
        case .json:
            // The diagram itself: no graph to build.
            return Rendered(data: DiagramJSON.encode(diagram))
        case .html:
            var inline = options
            inline.format = .svg
            inline.inline = true
            return try rendered(diagram, options: inline)
        case .dot:
            return Rendered(data: Data(graph(for: diagram, options: options).dot.utf8))
        case .svg, .pdf, .png:
            return try drawn(diagram, graph: graph(for: diagram, options: options), options: options)
        }
    }

    /// One PDF of a diagram split over pages (`Diagram.pages`): each page drawn as a graph of its
    /// own on `options`' page, the pages joined in order.
    /// - Parameters:
    ///   - title: The document's title (the whole diagram's).
    ///   - date: The CreationDate; nil keeps none.
    /// - Throws: `RenderError` when Graphviz fails or its pages cannot be joined.
    public static func renderedPages(_ pages: [RoutedDiagram], title: String, date: CalendarDay?, options: RenderOptions) throws -> Rendered {
        var pdf = options
        pdf.format = .pdf
        var documents: [Data] = [], warnings: [String] = []
        for page in pages {
            let (data, all) = try GraphvizGateway.shared.render(dot: graph(for: page, options: pdf).dot, engine: GraphvizGraph.engine, format: "pdf")
            documents.append(data)
            warnings += all.filter { !warnings.contains($0) }
        }
        guard let joined = PDFJoiner.join(documents, title: title, date: date) else {
            throw RenderError.graphviz("the PDF pages Graphviz drew could not be joined into one document (--split none draws one page)")
        }
        // The page with the smallest text speaks for the document.
        let smallest = pages.map(\.diagram).min { $0.boxTextSize(on: pdf.resolvedPage) < $1.boxTextSize(on: pdf.resolvedPage) }
        let notices = smallest.flatMap { smallTextWarning($0, options: pdf) }.map { [$0] } ?? []
        return Rendered(data: joined, warnings: warnings, notices: notices)
    }

    /// The bytes of the formats Graphviz draws.
    private static func drawn(_ diagram: RoutedDiagram, graph: GraphvizGraph, options: RenderOptions) throws -> Rendered {
        let (data, all) = try GraphvizGateway.shared.render(dot: graph.dot, engine: GraphvizGraph.engine, format: options.format.rawValue)
        var seen: Set<String> = []
        let warnings = all.filter { seen.insert($0).inserted }
        let notices = smallTextWarning(diagram.diagram, options: options).map { [$0] } ?? []
        switch options.format {
        case .svg:
            let finisher = SVGFinisher(diagram: diagram.diagram, options: options, backgroundClasses: graph.backgroundClasses)
            return Rendered(data: try finisher.finish(data), warnings: warnings)
        case .pdf:
            return Rendered(data: PDFFinisher.finish(data, title: diagram.title, date: diagram.date), warnings: warnings, notices: notices)
        case .png:
            // Graphviz's cairo PNG carries no resolution: a document program would size it at 72 dpi.
            return Rendered(data: Data(PNGChunks.settingResolution([UInt8](data), dpi: options.dpi)), warnings: warnings, notices: notices)
        default:
            return Rendered(data: data, warnings: warnings)
        }
    }

    /// The link base an SVG this tool wrote with an explicit link base declares
    /// (`data-link-base` on its root), or nil for any other file.
    public static func declaredLinkBase(in svg: Data) -> String? {
        SVGFinisher.declaredLinkBase(in: svg)
    }

    /// A standalone SVG of `render` as the inline form (`RenderOptions.inline`), without rendering again.
    public static func inlined(_ svg: Data) -> Data {
        Data(SVGFinisher.inlined(String(decoding: svg, as: UTF8.self)).utf8)
    }

    /// Starts Graphviz's first-time work (plugins, fonts) on another thread while the caller
    /// reads its input and lays out (see `GraphvizGateway.warmUp`). Call it as early as possible
    /// in a process that will render; once per process.
    public static func warmUp() {
        GraphvizGateway.shared.warmUp()
    }

    /// Checks that Graphviz can lay out and render the given formats (its plugins, a font), so a
    /// command that writes several files reports a missing one before it writes any. This waits
    /// for the warm-up's plugins and font setup; a command that writes one file need not call it,
    /// as every render makes the same checks before it draws (and nothing is written before).
    public static func checkGraphviz(formats: [OutputFormat]) throws {
        // DOT and JSON need no Graphviz: every position and route is the project's own.
        let devices = formats.filter { $0 != .dot && $0 != .json }.map { $0 == .html ? "svg" : $0.rawValue }
        guard !devices.isEmpty else { return }
        try GraphvizGateway.shared.check(engine: GraphvizGraph.engine, formats: devices)
    }

    /// The smallest box text a page may carry and still be read on paper, in points.
    public static let readableTextSize = LayoutOptions().readableTextSize

    /// Says when a page makes box text too small to read, and what page would not.
    static func smallTextWarning(_ diagram: Diagram, options: RenderOptions) -> String? {
        guard options.format == .pdf || options.format == .png else { return nil }
        let page = options.resolvedPage
        let size = diagram.boxTextSize(on: page)
        guard size < readableTextSize else { return nil }
        // Each ISO size up is √2 larger in both directions.
        let steps = Int((log(readableTextSize / size) / log(2.0.squareRoot())).rounded(.up))
        let shown = NumberText.decimal(size, digits: 1)
        let iso: Int? = switch page {
        case .a3, .a3Portrait: 3
        case .a4, .a4Portrait: 4
        case .slide: nil
        }
        let larger = iso.map { "print it on A\(max(0, $0 - steps)) (\(steps) ISO size\(steps == 1 ? "" : "s") larger)" } ?? "show it larger than a slide"
        let other = switch (options.format, options.split) {
        case (.png, _): "try another --page, or draw a PDF, which is split over pages of readable text"
        case (.pdf, .none): "try another --page, or split the PDF over pages (--split auto)"
        default: "or try another --page"
        }
        return "box text is \(shown) pt on the \(page.rawValue) page (under \(Int(readableTextSize)) pt, hard to read): the drawing is "
            + "\(Int(diagram.size.width.rounded())) × \(Int(diagram.size.height.rounded())) pt; \(larger), \(other)"
    }

    /// PDF and PNG fill exactly one page: the canvas takes the page's proportions in whole device
    /// units (PDF points, PNG pixels at `options.dpi`) and Graphviz scales it onto them.
    static func canvas(for diagram: Diagram, options: RenderOptions) -> GraphvizGraph.Canvas? {
        guard options.format == .pdf || options.format == .png else { return nil }
        let page = options.resolvedPage
        let unitsPerInch = options.format == .png ? options.dpi : 72
        let (width, height) = page.points
        let units = (width: (width / 72 * unitsPerInch).rounded(), height: (height / 72 * unitsPerInch).rounded())
        let margin = page.margin / 72 * unitsPerInch
        let scale = min((units.width - 2 * margin) / diagram.size.width, (units.height - 2 * margin) / diagram.size.height)
        // A quarter unit more than the page: Graphviz rounds it away from the output's size, and
        // the background then covers the last row and column whole (no half-transparent seam).
        return GraphvizGraph.Canvas(width: (units.width + 0.25) / scale, height: (units.height + 0.25) / scale, scale: scale)
    }
}
