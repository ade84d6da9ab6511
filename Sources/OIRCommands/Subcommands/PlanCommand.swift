import ArgumentParser
import Foundation
import OIRContent
import OIRModel
import OIRPipeline
import OIRPublish
import OIRRender

extension PlanFormat: ExpressibleByArgument {}
extension ChecklistFilter: ExpressibleByArgument {}
extension CSVDelimiter: ExpressibleByArgument {}

extension CalendarDay: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "List a plan's tasks in dependency order with people, status, deadlines and what each waits for; or what changed since an older plan."
    )

    @OptionGroup var catalogOptions: CatalogOptions

    @Argument(help: ArgumentHelp("A plan file (one kommune, or several under 'kommuner:').", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("The kommune to list, when the file plans several (default: all, with a kommune column).", valueName: "name"))
    var kommune: String?

    @Flag(name: .long, help: "List every kommune of the file in one checklist with a kommune column.")
    var all = false

    @Flag(name: .long, help: "When some kommuner of the file have problems, still write the result for the others (and exit 1); without it nothing is written.")
    var partial = false

    @Option(name: .customLong("format"), help: "Output format: \(PlanFormat.allCases.map(\.rawValue).joined(separator: ", ")) (default: table, or what -o FILE's extension names).")
    var formatOption: PlanFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output (a workbook needs one: -o plan.xlsx).", valueName: "file"))
    var output: String?

    /// The format asked for, else the one `-o`'s extension names, else the table.
    private var format: PlanFormat {
        if let formatOption { return formatOption }
        let ext = output.map { ($0 as NSString).pathExtension.lowercased() } ?? ""
        return ["md": .markdown, "csv": .csv, "json": .json, "ics": .ics, "xlsx": .xlsx][ext] ?? .table
    }

    @Option(name: .long, help: ArgumentHelp("Only these tasks: \(ChecklistFilter.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "which"))
    var only: ChecklistFilter?

    @Option(name: .long, help: ArgumentHelp("Only the tasks this person answers for or does, in order, with what each waits for.", valueName: "name"))
    var person: String?

    @Option(name: .long, help: ArgumentHelp("The day to look at the plan on: open tasks past their frist are overdue (default: the plan's dato, else today).", valueName: "YYYY-MM-DD"))
    var dato: CalendarDay?

    @Option(name: .long, help: ArgumentHelp("Report what changed since this older version of the plan file, instead of the checklist.", valueName: "old-file"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("The CSV field separator: , or ; (Danish Excel expects ;).", valueName: "char"))
    var csvDelimiter: CSVDelimiter = .comma

    @Option(name: .long, help: ArgumentHelp("With --format ics: events (an all-day event with a reminder on each open task's frist, else its projected finish; what Outlook and Google Calendar import) or tasks (VTODOs).", valueName: "kind"))
    var calendar: CalendarKind = .events

    @Option(name: .long, help: ArgumentHelp("With --calendar events: the reminder this many days before (default 2).", valueName: "days"))
    var reminderDays: Int = 2

    @Option(name: .long, help: ArgumentHelp("Freeze the projected schedule into this file (a baseline): each task's planned first and last day and the end, per kommune; then the checklist as asked.", valueName: "file"))
    var saveBaseline: String?

    @Option(name: .long, help: ArgumentHelp("Show how far each task's finish and the projected end have slipped since this baseline file, in working days.", valueName: "file"))
    var baseline: String?

    @Flag(name: .long, help: "Write a list for every person the plan names into the folder -o DIR: their open tasks in order (opgaver.md, opgaver.csv, with what each waits for and who does that) and their calendar (kalender.ics), one folder each, and index.md.")
    var perPerson = false

    @Option(name: .long, help: ArgumentHelp("Record progress in the plan file itself: KEY=STATUS (udført, i_gang, ikke_startet) or KEY.FIELD=VALUE for frist, dato, note or person; an empty value clears it. Repeatable. The file keeps its comments and order; with --kommune for a rollout.", valueName: "key=value"))
    var set: [String] = []

    @Option(name: .long, help: ArgumentHelp("Bring the status, dato, frist, note and person of an exported and edited checklist (.csv, or .xlsx) back into the plan file; cells nobody changed change nothing.", valueName: "file"))
    var updateFrom: String?

    @Flag(name: .long, help: "With --set or --update-from: print the changes as a diff and write nothing.")
    var dryRun = false

    /// Whether the run edits the plan file rather than listing it.
    private var editsThePlan: Bool { !set.isEmpty || updateFrom != nil }

    @OptionGroup var languageOptions: LanguageOptions

    func validate() throws {
        if perPerson {
            guard let output, output != "-" else { throw ValidationError("--per-person writes a folder: give it with -o DIR") }
            if person != nil || since != nil || editsThePlan || formatOption != nil {
                throw ValidationError("--per-person writes every person's lists; give it without --person, --since, --set, --update-from or --format")
            }
        }
        if dryRun, !editsThePlan { throw ValidationError("--dry-run goes with --set or --update-from") }
        if editsThePlan, since != nil || saveBaseline != nil || all || person != nil || only != nil {
            throw ValidationError("--set and --update-from edit the plan file; give them without --since, --save-baseline, --all, --person or --only")
        }
        if let updateFrom, updateFrom == file { throw ValidationError("--update-from reads an exported checklist, not the plan file itself") }
        if all, kommune != nil { throw ValidationError("give either --kommune NAME or --all, not both") }
        if since != nil, format == .ics || format == .xlsx {
            throw ValidationError("--since reports changes as table, markdown, csv, json or summary; not \(format.rawValue)")
        }
        if let person, person.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--person needs a name") }
        if since != nil, saveBaseline != nil || baseline != nil { throw ValidationError("--since compares two plan files; --baseline and --save-baseline go with the checklist") }
        if !(0...60).contains(reminderDays) { throw ValidationError("--reminder-days must be between 0 and 60, not \(reminderDays)") }
        if saveBaseline == "-" || saveBaseline == file { throw ValidationError("--save-baseline needs a file of its own (the checklist goes to standard output)") }
    }

    private func options(_ day: PlanDay) throws -> ChecklistOptions {
        let frozen = try baseline.map(Baseline.load(path:))
        var options = ChecklistOptions(day: day, only: only, person: person, delimiter: csvDelimiter, baseline: frozen)
        options.calendar = calendar
        options.reminderDays = reminderDays
        return options
    }

    func run() throws {
        do {
            let catalog = try catalogOptions.load(languageOptions.language)
            if editsThePlan { return try edit(catalog: catalog) }
            let labels = languageOptions.labels
            let day = PlanDay(given: dato, clock: .system)
            let options = try options(day)
            let current = try RolloutPlans(path: file, catalog: catalog, kommune: kommune)
            let rollout = current.scoped.count != 1 || all || (kommune == nil && current.failed.count > 0)
            if let since {
                var old = try RolloutPlans(path: since, catalog: catalog, kommune: nil)
                // With --kommune only that kommune is compared: the others are not "removed".
                if let kommune { old.keepOnly(kommune) }
                try old.mayWrite(partial: partial, what: "the changes since \(since)")
                try current.mayWrite(partial: partial, what: "the changes")
                try put(Pipeline.changes(old: old.scoped, new: current.scoped, format: format, labels: labels, options: options))
                // A kommune left out of either file is not compared: both are said, and the run fails.
                try old.finish(done: "read \(kommuner(old.scoped.count)) of \(since)")
                return try current.finish(done: "compared \(kommuner(current.scoped.count))")
            }
            try current.mayWrite(partial: partial, what: "the checklist")
            if let saveBaseline {
                var outputs = Outputs(check: false, inputs: [file, catalogOptions.catalog, baseline].compactMap { $0 })
                try outputs.put(Data(Baseline.make(current.scoped, day: day).json().utf8), at: saveBaseline)
                Console.error("froze the schedule of \(kommuner(current.scoped.count)) into \(saveBaseline)")
            }
            if perPerson, let output {
                try writeFolder(PersonLists.files(current.scoped, catalog: catalog, labels: labels, options: options, rollout: rollout), into: output)
                return try current.finish(done: "wrote the lists of \(kommuner(current.scoped.count))")
            }
            let lists = Pipeline.checklists(current.scoped, catalog: catalog, labels: labels, options: options)
            if let person { try checkPersonNamed(person, in: lists) }
            if format != .summary {
                for warning in lists.flatMap(\.analysis.inconsistencies) { Console.error(warning.description) }
            }
            try put(try Pipeline.export(lists, format: format, catalog: catalog, labels: labels, options: options, rollout: rollout))
            try current.finish(done: "listed \(kommuner(lists.count))")
        } catch let error as ExitCode {
            throw error
        } catch {
            throw failure(error)
        }
    }

    /// `--set`: the edits applied to the plan file where its entries stand, or with `--dry-run`
    /// shown as a diff. Nothing is written when any edit cannot be made, or when the file
    /// changed on disk meanwhile.
    private func edit(catalog: Catalog) throws {
        let text = try InputFile.read(file)
        // Every argument's problem at once: a malformed one, then what the plan cannot take.
        var problems: [InputError] = []
        let edits = set.compactMap { argument -> StatusEdit? in
            do { return try StatusEdit.parse(argument, kommune: kommune) } catch let error as InputError { problems.append(error) } catch {}
            return nil
        }
        let edited: EditedPlanFile
        do {
            let returned = try updateFrom.map { try checklistEdits($0, catalog: catalog) } ?? []
            edited = try PlanFileEditor.apply(returned + edits, to: text, file: file, catalog: catalog)
        } catch let error as InputError {
            throw InputErrors(problems + [error])
        } catch let error as InputErrors {
            throw InputErrors(problems + error.errors)
        }
        if !problems.isEmpty { throw problems.count == 1 ? problems[0] as Error : InputErrors(problems) as Error }
        if dryRun { return try Console.out(Data(edited.diff(file: file, original: text).utf8)) }
        guard !edited.changes.isEmpty else { return Console.error("\(file): nothing to change") }
        guard try InputFile.read(file) == text else {
            throw OutputError(path: file, message: "changed on disk while it was being edited", hint: "run the command again")
        }
        try OutputFile.write(Data(edited.text.utf8), to: file, inputs: [catalogOptions.catalog].compactMap { $0 })
        for entry in edited.entries { Console.error("\(file): \(entry.key): \(entry.entry)") }
    }

    /// Writes `data` to `-o FILE` (replaced atomically, never an input), else standard output;
    /// a workbook never goes to a terminal.
    private func put(_ data: Data) throws {
        guard let output, output != "-" else {
            if format == .xlsx, isatty(STDOUT_FILENO) == 1 {
                throw ValidationError("a workbook is binary: write it to a file with -o plan.xlsx")
            }
            return try Console.out(data)
        }
        let inputs = [file, catalogOptions.catalog, baseline, since].compactMap { $0 }
        try OutputFile.write(data, to: output, inputs: inputs)
        try Console.line(output)
    }

    /// `files` (relative paths) into `folder` as one set: written whole or not at all.
    private func writeFolder(_ files: [(name: String, data: Data)], into folder: String) throws {
        let paths = files.map { (folder as NSString).appendingPathComponent($0.name) }
        try FolderOutput.writeSet(files.map(\.data), at: paths, in: folder, inputs: [file, catalogOptions.catalog, baseline].compactMap { $0 })
        try Console.line((folder as NSString).appendingPathComponent(files[0].name))
    }

    /// The edits an exported checklist carries back, read against the plan as it is now.
    private func checklistEdits(_ path: String, catalog: Catalog) throws -> [StatusEdit] {
        let plans = try RolloutPlans(path: file, catalog: catalog, kommune: nil)
        try plans.mayWrite(partial: false, what: "the update")
        let tables = path.lowercased().hasSuffix(".xlsx") ? try Workbook.tables(at: path, catalog: catalog)
            : [try CSVTable.read(try InputFile.read(path), file: path)]
        // Every sheet's problems at once.
        var edits: [StatusEdit] = [], problems: [InputError] = []
        for table in tables {
            do {
                edits += try ChecklistUpdate.edits(table, plans: plans.scoped, catalog: catalog)
            } catch let error as InputError {
                problems.append(error)
            } catch let error as InputErrors {
                problems += error.errors
            }
        }
        if !problems.isEmpty { throw problems.count == 1 ? problems[0] as Error : InputErrors(problems) as Error }
        return edits
    }

    /// `--person` that names nobody of the plan is a mistake, not an empty list: it fails with
    /// the nearest names the plan has.
    private func checkPersonNamed(_ person: String, in lists: [Checklist]) throws {
        let people = lists.flatMap { Array($0.analysis.responsiblePerson.values) + Array($0.analysis.performerPerson.values) }
        guard !people.contains(where: { $0.isNamed(person) }) else { return }
        let names = Array(Set(people.map(\.name))).sorted()
        let near = Suggestion.nearest(to: person, in: names).map { "did you mean '\($0)'? " } ?? ""
        Console.error("error: --person '\(person)' names nobody in the plan (\(near)people: \(names.isEmpty ? "none" : names.prefix(20).joined(separator: ", ")))")
        throw ExitCodes.inputError
    }
}

extension CalendarKind: ExpressibleByArgument {}
