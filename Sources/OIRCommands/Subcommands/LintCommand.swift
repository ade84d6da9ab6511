import ArgumentParser
import Foundation
import OIRContent
import OIRModel
import OIRPipeline
import OIRPublish
import OIRRender

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Validate a catalog: ids, dependencies, roles, values and cycles."
    )

    @OptionGroup var catalogOptions: CatalogOptions

    func run() throws {
        do {
            let catalog = try catalogOptions.load()
            try Console.line("\(catalogOptions.catalog ?? Catalog.builtInName): \(catalog.tasks.count) tasks, no problems")
        } catch {
            throw failure(error)
        }
    }
}
