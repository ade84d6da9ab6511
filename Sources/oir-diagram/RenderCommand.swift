import ArgumentParser
import Foundation
import OIRLayout
import OIRModel

extension OutputFormat: ExpressibleByArgument {}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render the official diagram (Bilag 1) as SVG, PDF, PNG or DOT."
    )

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(name: .long, help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .svg

    @Option(name: .shortAndLong, help: ArgumentHelp("Output file, or - for standard output.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("A built-in style (official) or a style file.", valueName: "name|file"))
    var style: String = "official"

    func run() throws {
        do {
            let catalog = try catalogOptions.load()
            let style = try Style.named(style)
            let content = DiagramContent.official(catalog)
            let diagram = Diagram.layout(content, options: LayoutOptions(dependencies: style.dependencies))
            try Renderer.checkGraphviz(formats: [format])
            let data = try Renderer.render(diagram, options: RenderOptions(format: format, style: style))
            let path = output ?? "\(content.name).\(format.fileExtension)"
            try emit(data, to: path)
            if path != "-" { print(path) }
        } catch {
            throw failure(error)
        }
    }
}
