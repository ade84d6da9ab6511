import ArgumentParser
import Foundation
import OIRContent
import OIRLayout
import OIRModel
import OIRPipeline
import OIRPublish
import OIRRender

extension OutputFormat: ExpressibleByArgument {}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render the official diagram (Bilag 1), or a kommune's plan, as SVG, PDF, PNG or DOT."
    )

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(name: .long, help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .svg

    @Option(name: .shortAndLong, help: ArgumentHelp("Output file, or - for standard output; with --all, a folder.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("A built-in style (official, print, dark, auto; see `styles`) or a style file.", valueName: "name|file"))
    var style: String = "official"

    @Option(name: .long, help: ArgumentHelp("Render the diagram of a plan file instead of the official diagram.", valueName: "file"))
    var plan: String?

    @Option(name: .long, help: ArgumentHelp("With --plan: the kommune to render, when the file plans several.", valueName: "name"))
    var kommune: String?

    @Flag(name: .long, help: "With --plan: render every kommune of the file into the folder given with -o.")
    var all = false

    @OptionGroup var languageOptions: LanguageOptions

    @OptionGroup(title: "SVG for documentation") var svg: SVGOptions

    func validate() throws {
        if plan == nil, kommune != nil || all {
            throw ValidationError("--kommune and --all need --plan FILE")
        }
        if all, kommune != nil { throw ValidationError("give either --kommune NAME or --all, not both") }
        if all, output == nil || output == "-" {
            throw ValidationError("--all needs a folder to write into: -o DIR")
        }
    }

    func run() throws {
        do {
            let catalog = try catalogOptions.load()
            let style = try Style.named(style)
            try Renderer.checkGraphviz(formats: [format])
            var options = RenderOptions(format: format, style: style)
            svg.apply(to: &options)
            guard let plan else {
                let content = Pipeline.content(.official(catalog), labels: languageOptions.labels)
                try write(content, options: options, to: output ?? "\(content.name).\(format.fileExtension)")
                return
            }
            let file = try PlanFile.load(path: plan, catalog: catalog)
            if all {
                try renderAll(file, catalog: catalog, options: options, into: output!)
                return
            }
            let content = Pipeline.content(.plan(try file.plan(named: kommune).scope(catalog), catalog), labels: languageOptions.labels)
            try write(content, options: options, to: output ?? "\(content.name).\(format.fileExtension)")
        } catch let error as ExitCode {
            throw error
        } catch {
            throw failure(error)
        }
    }

    private func diagram(_ content: DiagramContent, options: RenderOptions) throws -> Data {
        try Pipeline.render(content, options: options)
    }

    private func write(_ content: DiagramContent, options: RenderOptions, to path: String) throws {
        try emit(try diagram(content, options: options), to: path)
        if path != "-" { print(path) }
    }

    /// Every kommune of a rollout: one that fails is reported and the rest still rendered; the
    /// exit code says whether all succeeded.
    private func renderAll(_ file: PlanFile, catalog: Catalog, options: RenderOptions, into folder: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw OutputError(path: folder, message: "is a file, not a folder", hint: "--all writes one diagram per kommune into -o DIR")
            }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw OutputError(path: folder, message: "cannot create the folder", hint: "check that its parent exists and is writable")
            }
        }
        var failed: [String] = []
        let total = file.plans.count
        for (index, plan) in file.plans.enumerated() {
            let counter = "[\(index + 1)/\(total)]"
            do {
                let content = Pipeline.content(.plan(try plan.scope(catalog), catalog), labels: languageOptions.labels)
                let path = (folder as NSString).appendingPathComponent("\(content.name).\(format.fileExtension)")
                try OutputFile.write(try diagram(content, options: options), to: path)
                printError("\(counter) \(plan.kommune) → \(path)")
                print(path)
            } catch {
                failed.append(plan.kommune)
                printError("\(counter) \(plan.kommune): error: \(error)")
            }
        }
        let done = total - failed.count
        if failed.isEmpty {
            printError("rendered \(done) of \(total) kommuner into \(folder)")
        } else {
            printError("rendered \(done) of \(total) kommuner into \(folder); \(failed.count) failed: \(failed.joined(separator: ", "))")
            throw ExitCodes.inputError
        }
    }
}
