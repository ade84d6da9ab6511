import ArgumentParser
import OIRModel

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
