import ArgumentParser
import Foundation
import OIRContent
import OIRModel
import OIRPipeline
import OIRPublish
import OIRRender

struct TasksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks",
        abstract: "List the tasks of the catalog."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(name: .long, help: "Output format: table or json.")
    var format: Format = .table

    @OptionGroup var languageOptions: LanguageOptions

    func run() throws {
        do {
            let catalog = try catalogOptions.load(languageOptions.language)
            try Console.out(try Pipeline.taskList(catalog, json: format == .json, labels: languageOptions.labels))
        } catch {
            throw failure(error)
        }
    }
}
