import ArgumentParser
import Foundation
import OIRContent
import OIRLayout
import OIRModel
import OIRPipeline
import OIRPublish
import OIRRender

struct StylesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "styles",
        abstract: "List the built-in styles."
    )

    func run() throws {
        do {
            let styles = try Style.builtInNames.map(Style.builtIn)
            let width = styles.map(\.name.count).max() ?? 0
            for style in styles {
                try Console.line(style.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + style.description)
            }
        } catch {
            throw failure(error)
        }
    }
}
