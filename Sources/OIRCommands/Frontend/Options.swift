import Foundation
import ArgumentParser
import OIRContent
import OIRModel
import OIRPipeline
import OIRPublish

/// `--catalog FILE`, shared by every subcommand.
struct CatalogOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A catalog file; the built-in SF1590_A catalog when omitted.", valueName: "file"))
    var catalog: String?

    /// The catalog, its texts in `language` where it gives them per language.
    func load(_ language: Language? = nil) throws -> Catalog {
        try Pipeline.catalog(path: catalog, language: language)
    }
}

extension Language: ExpressibleByArgument {}

/// `--language`, on every subcommand that writes diagrams, checklists or pages.
struct LanguageOptions: ParsableArguments {
    @Option(name: .long, help: "The language of the tool's own words in the output: \(Language.allCases.map(\.rawValue).joined(separator: ", ")). Catalog texts given per language ({da: …, en: …}) are taken in it.")
    var language: Language = .da

    var labels: LabelSet { LabelSet.builtIn(language) }
}

/// What a plan's boxes may show besides the task (`--show`); the raw values are the option's words.
enum BoxExtra: String, CaseIterable, ExpressibleByArgument {
    /// The people who answer for and do the task.
    case people
}

/// `--dato` and `--show`, on the commands that draw a plan.
struct PlanViewOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("With --plan: the day to look at the plan on; open tasks past their frist are marked overdue (default: the plan's dato, else today).", valueName: "YYYY-MM-DD"))
    var dato: CalendarDay?

    @Option(name: .long, help: ArgumentHelp("With --plan: show more in each box: \(BoxExtra.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "what"))
    var show: [BoxExtra] = []

    @Option(name: .long, help: ArgumentHelp("With --plan: the picture: baner (the swimlanes, default) or tidsplan (the schedule on a timeline of working weeks; needs durations).", valueName: "view"))
    var view: DiagramView = .baner

    @Option(name: .long, help: ArgumentHelp("With --view tidsplan: draw each task's planned days in this baseline file (plan --save-baseline) under its bar.", valueName: "file"))
    var baseline: String?

    /// The day the plans are looked at, with today read from the clock: a command reads it once
    /// per run and hands it to every stage.
    func day(clock: Clock = .system) -> PlanDay {
        PlanDay(given: dato, clock: clock)
    }

    func diagram(_ day: PlanDay) throws -> PlanDiagramOptions {
        let frozen = try baseline.map(Baseline.load(path:))
        return PlanDiagramOptions(day: day, showPeople: show.contains(.people), view: view, baseline: frozen)
    }
}

extension DiagramView: ExpressibleByArgument {}
extension DocsTarget: ExpressibleByArgument {}
