import ArgumentParser
import Foundation
import OIRContent
import OIRLayout
import OIRModel
import OIRPipeline
import OIRPublish
import OIRRender

extension OutputFormat: ExpressibleByArgument {}
extension Page: ExpressibleByArgument {}
extension PageSplit: ExpressibleByArgument {}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a catalog's diagram (by default SF1590_A's Bilag 1), or a kommune's plan, as SVG, PDF, PNG or DOT."
    )

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(name: .long, help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")) (default: the -o file's extension, else svg).")
    var format: OutputFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Output file, or - for standard output; a path ending in / (and, with --all, any path) is a folder.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("A built-in style (official, print, dark, auto, edges; see `styles`) or a style file.", valueName: "name|file"))
    var style: String = "official"

    @Option(name: .long, help: ArgumentHelp("Render the diagram of a plan file instead of the official diagram.", valueName: "file"))
    var plan: String?

    @Option(name: .long, help: ArgumentHelp("With --plan: the kommune to render, when the file plans several.", valueName: "name"))
    var kommune: String?

    @Flag(name: .long, help: "With --plan: render every kommune of the file into the folder given with -o.")
    var all = false

    @Flag(name: .long, help: "Write nothing: exit 1 and name each file that differs from what would be written (for CI).")
    var check = false

    @Option(name: .long, help: ArgumentHelp("The page to lay out for and print on: \(Page.allCases.map(\.rawValue).joined(separator: ", ")) (default: the style's, a3). PDF and PNG fill it.", valueName: "page"))
    var page: Page?

    @Option(name: .long, help: ArgumentHelp("Pixels per inch of a PNG of the page (default 150: 2480 × 1754 for A3).", valueName: "n"))
    var dpi: Double?

    @Option(name: .long, help: ArgumentHelp("Whether a PDF of a swimlane diagram is split over pages: \(PageSplit.allCases.map(\.rawValue).joined(separator: ", ")) (default auto: over pages when box text would be under 6 pt on one, each column's lanes on pages of their own).", valueName: "split"))
    var split: PageSplit = .auto

    @OptionGroup var languageOptions: LanguageOptions

    @OptionGroup(title: "Plans") var planView: PlanViewOptions

    @OptionGroup(title: "SVG for documentation") var svg: SVGOptions

    func validate() throws {
        if plan == nil, kommune != nil || all || planView.dato != nil || !planView.show.isEmpty || planView.view != .baner || planView.baseline != nil {
            throw ValidationError("--kommune, --all, --dato, --show, --view and --baseline need --plan FILE")
        }
        if all, kommune != nil { throw ValidationError("give either --kommune NAME or --all, not both") }
        if planView.baseline != nil, planView.view != .tidsplan { throw ValidationError("--baseline is drawn on the timeline: add --view tidsplan") }
        if all, output == nil || output == "-" {
            throw ValidationError("--all needs a folder to write into: -o DIR")
        }
        if split != .auto, outputFormat != .pdf {
            throw ValidationError("--split spreads a PDF over pages: use it with --format pdf (\(outputFormat.rawValue) has one picture)")
        }
        if split != .auto, planView.view == .tidsplan { throw ValidationError("--split applies to the swimlane diagram; a timeline is one page") }
        if check, output == "-" { throw ValidationError("--check compares files: give -o FILE, not standard output") }
        if let dpi {
            guard outputFormat == .png else { throw ValidationError("--dpi sets the resolution of a PNG: use it with --format png") }
            guard dpi >= 36, dpi <= 600 else { throw ValidationError("--dpi must be between 36 and 600, not \(dpi == dpi.rounded() && dpi.magnitude < 1e9 ? String(Int(dpi)) : String(dpi))") }
        }
        if format == nil, !all, let output, let ext = Self.unknownExtension(output, known: OutputFormat.allCases.map(\.fileExtension)) {
            throw ValidationError("-o \(output): '.\(ext)' names no format; use .\(OutputFormat.allCases.map(\.fileExtension).joined(separator: ", ."))"
                                  + " or say --format")
        }
        if let format, let implied = output.flatMap(OutputFormat.implied(by:)), implied != format, !all {
            throw ValidationError("--format \(format.rawValue) and -o \(output!) disagree; the file name says \(implied.rawValue)")
        }
    }

    /// The format: as given, else the output file's extension, else SVG.
    private var outputFormat: OutputFormat {
        format ?? (all ? nil : output.flatMap(OutputFormat.implied(by:))) ?? .svg
    }

    /// The files this run reads, which no output may replace.
    private var inputs: [String] {
        [catalogOptions.catalog, plan, Style.isBuiltIn(style) ? nil : style].compactMap { $0 }
    }

    /// Where a diagram named `name` goes: the -o file, or `name.<ext>` in the -o folder (a path
    /// ending in "/") or in the current folder.
    private func destination(_ name: String) -> String {
        let file = "\(name).\(outputFormat.fileExtension)"
        guard let output else { return file }
        return output.hasSuffix("/") ? output + file : output
    }

    func run() throws {
        do {
            let catalog = try catalogOptions.load(languageOptions.language)
            let style = try Style.named(style)
            let format = outputFormat
            var options = RenderOptions(format: format, style: style)
            svg.apply(to: &options)
            options.page = page
            if let dpi { options.dpi = dpi }
            options.split = split
            var outputs = Outputs(check: check, inputs: inputs)
            let day = planView.day()
            guard let plan else {
                let content = Pipeline.content(.official(catalog), labels: languageOptions.labels, style: style)
                try write(content, options: options, to: destination(content.name), outputs: &outputs)
                return try outputs.finish()
            }
            if all {
                // Many files: a missing plugin or font is said once, before the first is written.
                try Renderer.checkGraphviz(formats: [format])
                try renderAll(try RolloutPlans(path: plan, catalog: catalog, kommune: nil), catalog: catalog, options: options,
                              day: day, into: output!, outputs: &outputs)
                return try outputs.finish()
            }
            let scoped = try RolloutPlans.one(path: plan, catalog: catalog, kommune: kommune)
            if planView.view == .tidsplan { try Pipeline.checkTimeline(scoped, day: day) }
            let content = Pipeline.content(.plan(scoped, catalog, try planView.diagram(day)), labels: languageOptions.labels, style: style)
            try write(content, options: options, to: destination(content.name), outputs: &outputs)
            try outputs.finish()
        } catch let error as ExitCode {
            throw error
        } catch {
            throw failure(error)
        }
    }

    private func diagram(_ content: DiagramContent, options: RenderOptions, outputs: inout Outputs) throws -> Data {
        let rendered = try Pipeline.rendered(content, options: options)
        outputs.warn(rendered.warnings)
        outputs.notice(rendered.notices)
        return rendered.data
    }

    private func write(_ content: DiagramContent, options: RenderOptions, to path: String, outputs: inout Outputs) throws {
        if path == "-" { return try Console.out(try diagram(content, options: options, outputs: &outputs)) }
        if !check, let output, output.hasSuffix("/") { try FolderOutput.prepare(output) }
        if !check { try OutputFile.check(path, inputs: inputs) }
        try outputs.put(try diagram(content, options: Self.keepingLinks(of: path, options), outputs: &outputs), at: path)
        if !check { try Console.line(path) }
    }

    /// `options`, linking as the SVG already at `path` declares when no `--link-base` was given:
    /// a page's SVG that `docs` wrote links to its own rows (`./`), and rendering or checking it
    /// in place keeps that, so `render --check` and `docs --check` agree on the file.
    static func keepingLinks(of path: String, _ options: RenderOptions) -> RenderOptions {
        // Only a regular file is read: opening a FIFO (`-o pipe`) to read would wait for a writer.
        guard options.linkBase == nil, options.format == .svg,
              Self.isRegularFile(path),
              let file = FileHandle(forReadingAtPath: path),
              // The root element is near the start: no need to read a large SVG whole.
              let head = try? file.read(upToCount: 4096), let base = Renderer.declaredLinkBase(in: head) else { return options }
        var kept = options
        kept.linkBase = base
        return kept
    }

    /// Whether `path` is a regular file, or a link to one.
    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// Every kommune of a rollout: one that fails (to read, scope or render) is reported and the
    /// rest still rendered; the exit code says whether all succeeded. No output may be an input:
    /// checked before the first is written.
    private func renderAll(_ rollout: RolloutPlans, catalog: Catalog, options: RenderOptions, day: PlanDay,
                           into folder: String, outputs: inout Outputs) throws {
        if !check { try FolderOutput.prepare(folder, purpose: "--all writes one diagram per kommune into -o DIR") }
        let plans = rollout.scoped
        let paths = plans.map { (folder as NSString).appendingPathComponent("\($0.plan.fileName)-\(planView.view == .tidsplan ? "tidsplan" : "plan").\(options.format.fileExtension)") }
        for path in paths { try OutputFile.refuseInput(path, inputs: inputs) }
        var outcome = rollout
        let total = plans.count + rollout.failed.count
        let diagramOptions = try planView.diagram(day)
        for (index, (plan, path)) in zip(plans, paths).enumerated() {
            let counter = "[\(index + 1)/\(plans.count)]"
            do {
                if planView.view == .tidsplan { try Pipeline.checkTimeline(plan, day: day) }
                let content = Pipeline.content(.plan(plan, catalog, diagramOptions), labels: languageOptions.labels, style: options.style)
                try outputs.put(try diagram(content, options: options, outputs: &outputs), at: path)
                if check { continue }
                Console.error("\(counter) \(plan.plan.kommune) → \(path)")
                try Console.line(path)
            } catch let error as StreamError {
                throw error
            } catch {
                outcome.leftOut(plan.plan.kommune)
                Console.error("\(counter) \(plan.plan.kommune): error: \(error)")
            }
        }
        let done = total - outcome.failed.count
        if outcome.failed.isEmpty, !check { Console.error("rendered \(done) of \(kommuner(total)) into \(folder)") }
        try outcome.finish(done: "rendered \(done) of \(kommuner(total)) into \(folder)")
    }
}

extension ParsableCommand {
    /// The extension of an output file name when it names none of the `known` formats: such a
    /// file would get bytes its name does not promise (`-o x.pdf` of an SVG).
    static func unknownExtension(_ path: String, known: [String]) -> String? {
        guard path != "-", !path.hasSuffix("/"), !path.hasPrefix("/dev/") else { return nil }
        let ext = (path as NSString).pathExtension
        return ext.isEmpty || known.contains(ext.lowercased()) ? nil : ext
    }
}

extension OutputFormat {
    /// The format a file name's extension names (`bilag1.pdf` → pdf), if any.
    static func implied(by path: String) -> OutputFormat? {
        guard path != "-", !path.hasSuffix("/") else { return nil }
        let ext = (path as NSString).pathExtension.lowercased()
        return OutputFormat.allCases.first { $0.fileExtension == ext }
    }
}
