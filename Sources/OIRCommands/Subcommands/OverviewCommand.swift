import ArgumentParser
import Foundation
import OIRContent
import OIRModel
import OIROverview
import OIRPipeline
import OIRPublish
import OIRRender

extension OverviewFormat: ExpressibleByArgument {}

struct OverviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oversigt",
        abstract: "Write a rollout's kommune × task status matrix, with counts per kommune and the tasks that block the most kommuner."
    )

    @OptionGroup var catalogOptions: CatalogOptions

    @Argument(help: ArgumentHelp("A plan file: a rollout under 'kommuner:' (or one kommune's plan).", valueName: "file"))
    var file: String

    @Option(name: .long, help: "Output format: \(OverviewFormat.allCases.map(\.rawValue).joined(separator: ", ")) (default: the -o file's extension, else svg).")
    var format: OverviewFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Output file, or - for standard output (default: oversigt.<format>).", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("The day to look at the plans on (default: each plan's dato, else today).", valueName: "YYYY-MM-DD"))
    var dato: CalendarDay?

    @Option(name: .long, help: ArgumentHelp("A built-in style (see `styles`) or a style file, for the SVG.", valueName: "name|file"))
    var style: String = "official"

    @Option(name: .long, help: ArgumentHelp("The CSV field separator: , or ; (Danish Excel expects ;).", valueName: "char"))
    var csvDelimiter: CSVDelimiter = .comma

    @Flag(name: .long, help: "Write nothing: exit 1 when the file differs from what would be written (for CI).")
    var check = false

    @Flag(name: .long, help: "When some kommuner of the file have problems, still write the result for the others (and exit 1); without it nothing is written.")
    var partial = false

    @OptionGroup var languageOptions: LanguageOptions

    @Option(name: .long, help: ArgumentHelp("matrix (the kommune × task matrix, default) or tidsplan (one row per kommune on a timeline, by projected end; -o FILE.svg, .pdf, .png or .json).", valueName: "view"))
    var view: OverviewView = .matrix

    func validate() throws {
        if view == .tidsplan {
            if format != nil { throw ValidationError("--view tidsplan takes its format from -o FILE.svg, .pdf, .png or .json") }
            if let output, output != "-", OutputFormat.implied(by: output) == nil {
                throw ValidationError("-o \(output): the timeline is written as .svg, .pdf, .png or .json")
            }
            if check, output == "-" { throw ValidationError("--check compares files: give -o FILE, not standard output") }
            return
        }
        if format == nil, let output, let ext = Self.unknownExtension(output, known: ["svg", "csv", "md", "json"]) {
            throw ValidationError("-o \(output): '.\(ext)' names no format of the overview; use .svg, .csv, .md or .json, or say --format")
        }
        if let format, let output, let implied = Self.implied(by: output), implied != format {
            throw ValidationError("--format \(format.rawValue) and -o \(output) disagree; the file name says \(implied.rawValue)")
        }
        if check, output == "-" { throw ValidationError("--check compares files: give -o FILE, not standard output") }
    }

    static func implied(by path: String) -> OverviewFormat? {
        guard path != "-" else { return nil }
        let ext = (path as NSString).pathExtension.lowercased()
        return ext == "md" ? .markdown : OverviewFormat(rawValue: ext)
    }

    func run() throws {
        do {
            let catalog = try catalogOptions.load(languageOptions.language)
            let format = format ?? output.flatMap(Self.implied(by:)) ?? .svg
            let rollout = try RolloutPlans(path: file, catalog: catalog, kommune: nil)
            try rollout.mayWrite(partial: partial, what: "the overview")
            if view == .tidsplan { return try timeline(rollout, catalog: catalog) }
            let (data, kommuner) = Pipeline.overview(rollout.scoped, catalog: catalog, day: PlanDay(given: dato, clock: .system), format: format,
                                                     style: try Style.named(style), labels: languageOptions.labels, delimiter: csvDelimiter)
            try put(data, at: output ?? "oversigt.\(format == .markdown ? "md" : format.rawValue)")
            try rollout.finish(done: "\(OIRCommands.kommuner(kommuner)) in the overview")
        } catch let error as ExitCode {
            throw error
        } catch {
            throw failure(error)
        }
    }

    /// The rollout's timeline, through the same pipeline as a plan's.
    private func timeline(_ rollout: RolloutPlans, catalog: Catalog) throws {
        let path = output ?? "oversigt-tidsplan.svg"
        let format = OutputFormat.implied(by: path) ?? .svg
        let style = try Style.named(style)
        let content = DiagramContent.rolloutTimeline(rollout.scoped, catalog: catalog, labels: style.labels(languageOptions.labels),
                                                     day: PlanDay(given: dato, clock: .system))
        let rendered = try Pipeline.rendered(content, options: RenderOptions(format: format, style: style))
        for notice in rendered.notices { Console.error("warning: \(notice)") }
        try put(rendered.data, at: path)
        try rollout.finish(done: "\(kommuner(rollout.scoped.count)) on the timeline")
    }

    /// Writes `data` to `path` (standard output for "-"), or with `--check` compares it.
    private func put(_ data: Data, at path: String) throws {
        if path == "-" { return try Console.out(data) }
        let inputs = [catalogOptions.catalog, file, Style.isBuiltIn(style) ? nil : style].compactMap { $0 }
        var outputs = Outputs(check: check, inputs: inputs)
        if !check { try OutputFile.check(path, inputs: inputs) }
        try outputs.put(data, at: path)
        if !check { try Console.line(path) }
        try outputs.finish()
    }
}

/// What `oversigt` draws; the raw values are the words of `--view`.
enum OverviewView: String, CaseIterable, ExpressibleByArgument {
    case matrix
    case tidsplan
}
