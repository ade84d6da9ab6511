import ArgumentParser
import Foundation
import OIRContent
import OIRModel
import OIRPipeline
import OIRPublish
import OIRRender

extension PlanFormat: ExpressibleByArgument {}

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "List the tasks of one kommune's plan in dependency order, with status and readiness."
    )

    @OptionGroup var catalogOptions: CatalogOptions

    @Argument(help: ArgumentHelp("A plan file (one kommune, or several under 'kommuner:').", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("The kommune to list, when the file plans several.", valueName: "name"))
    var kommune: String?

    @Option(name: .long, help: "Output format: \(PlanFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: PlanFormat = .table

    @OptionGroup var languageOptions: LanguageOptions

    func run() throws {
        do {
            let catalog = try catalogOptions.load()
            let scoped = try PlanFile.load(path: file, catalog: catalog).plan(named: kommune).scope(catalog)
            try Console.out(Data(scoped.export(format, catalog: catalog, labels: languageOptions.labels).utf8))
        } catch {
            throw failure(error)
        }
    }
}
