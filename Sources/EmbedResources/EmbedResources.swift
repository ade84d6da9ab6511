import Foundation
import PackagePlugin

/// Generates a Swift file that carries a target's data files as string constants, so the
/// built binary finds its catalog and styles wherever it is copied to and run from.
@main
struct EmbedResources: BuildToolPlugin {
    /// Folders (relative to the package) whose files each target carries.
    private static let folders: [String: [String]] = [
        "OIRModel": ["Sources/OIRModel/Catalogs", "Sources/OIRModel/Labels"],
        "OIRRender": ["Styles"],
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let folders = Self.folders[target.name] else { return [] }
        let package = context.package.directoryURL
        var inputs: [URL] = []
        for folder in folders {
            let dir = package.appending(path: folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            inputs += names.filter { $0.hasSuffix(".yaml") }.sorted().map { dir.appending(path: $0) }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "Embedded\(target.name).swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) data file(s) into \(target.name)",
                executable: try context.tool(named: "oir-embed").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
