import ArgumentParser
import Foundation
import OIRContent
import OIRLayout
import OIRModel
import OIRPipeline
import OIRPublish
import OIRRender

/// `oir-diagram`: the command line over the pipeline. Each subcommand's `run()` builds its inputs,
/// calls `Pipeline`, and maps problems to one message each and an exit code.
public struct OIRDiagramCommand: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "oir-diagram",
        abstract: "Diagrams and plans of the implementation tasks of SF1590_A (ØiR Finans).",
        subcommands: [RenderCommand.self, PlanCommand.self, DocsCommand.self, TasksCommand.self, LintCommand.self, StylesCommand.self],
        defaultSubcommand: nil
    )
}

/// `--catalog FILE`, shared by every subcommand.
struct CatalogOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A catalog file; the built-in SF1590_A catalog when omitted.", valueName: "file"))
    var catalog: String?

    func load() throws -> Catalog {
        try catalog.map(Catalog.load(path:)) ?? Catalog.builtIn()
    }
}

extension Language: ExpressibleByArgument {}

/// `--language`, on every subcommand that writes diagrams, checklists or pages.
struct LanguageOptions: ParsableArguments {
    @Option(name: .long, help: "The language of the tool's own words in the output: \(Language.allCases.map(\.rawValue).joined(separator: ", ")). Catalog texts stay as the catalog gives them.")
    var language: Language = .da

    var labels: LabelSet { LabelSet.builtIn(language) }
}

/// Exit codes the README documents.
enum ExitCodes {
    static let inputError = ExitCode(1)
    static let usageError = ExitCode(64)
    static let internalError = ExitCode(70)
}

/// Prints one clear message for a failure and turns it into the documented exit code.
func failure(_ error: Error) -> Error {
    switch error {
    case let error as InputError:
        printError("error: \(error)")
        return ExitCodes.inputError
    case let error as InputErrors:
        for e in error.errors { printError("error: \(e)") }
        return ExitCodes.inputError
    case let error as OutputError:
        printError("error: \(error)")
        return ExitCodes.inputError
    case let error as RenderError:
        printError("error: \(error)")
        return ExitCodes.internalError
    default:
        return error
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Writes to a file atomically, or to standard output for "-".
func emit(_ data: Data, to path: String) throws {
    if path == "-" {
        FileHandle.standardOutput.write(data)
    } else {
        try OutputFile.write(data, to: path)
    }
}
