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

    /// The tool's version (`oir-diagram --version`).
    public static let version = "0.3.0"

    /// Runs the command line: a write to a closed pipe is an error to report, not a signal that
    /// ends the process without a word.
    public static func start() {
        signal(SIGPIPE, SIG_IGN)
        // Slow first-time work starts now on other threads, while the arguments are parsed and
        // the layout worked out: reading the built-in catalog (unless another one is named) and,
        // for a command that draws with Graphviz, its plugins and fonts.
        let arguments = CommandLine.arguments.dropFirst()
        if !arguments.isEmpty, !arguments.contains(where: { $0 == "--catalog" || $0.hasPrefix("--catalog=") || $0 == "--help" || $0 == "-h" }) {
            Catalog.preloadBuiltIn()
        }
        if let command = arguments.first, ["render", "docs"].contains(command),
           !arguments.contains(where: { ["dot", "json", "--help", "-h"].contains($0) || $0.hasSuffix(".dot") || $0.hasSuffix(".json") }) {
            Renderer.warmUp()
        }
        main()
    }

    public static let configuration = CommandConfiguration(
        commandName: "oir-diagram",
        abstract: "Diagrams and plans of an integration's implementation tasks, from a catalog (built in: SF1590_A, ØiR Finans).",
        version: OIRDiagramCommand.version,
        subcommands: [RenderCommand.self, PlanCommand.self, OverviewCommand.self, DocsCommand.self, TasksCommand.self, LintCommand.self, StylesCommand.self,
                      ManualCommand.self],
        defaultSubcommand: nil
    )
}

