import ArgumentParser
import Foundation
import OIRContent
import OIRLayout
import OIRModel
import OIRPipeline
import OIRPublish
import OIRRender

struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Write a documentation page into DIR/<name>/: index.md with the diagram (light and dark), each lane's tasks as a table, and the interactive viewer."
    )

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(name: .long, help: ArgumentHelp("Document a kommune's plan instead of the official diagram.", valueName: "file"))
    var plan: String?

    @Option(name: .long, help: ArgumentHelp("With --plan: the kommune, when the file plans several.", valueName: "name"))
    var kommune: String?

    @Flag(name: .long, help: "With --plan: a page for every kommune of the file, and an index page linking them.")
    var all = false

    @Flag(name: .long, help: "When some kommuner of the file have problems, still write the result for the others (and exit 1); without it nothing is written.")
    var partial = false

    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the page and its SVG files into.", valueName: "dir"))
    var output: String

    @OptionGroup(title: "Plans") var planView: PlanViewOptions

    @OptionGroup var languageOptions: LanguageOptions

    @Option(name: .long, help: ArgumentHelp("The site: mkdocs (MkDocs, Material and plain Markdown; default) or github (a <picture> with the dark source, no <style>, no viewer).", valueName: "site"))
    var target: DocsTarget = .mkdocs

    @Flag(name: .long, help: "Write nothing: exit 1 and name each file that differs from what would be written (for CI).")
    var check = false

    @Option(name: .long, help: ArgumentHelp("The style of the picture for light readers (see `styles`), or a style file.", valueName: "name|file"))
    var style: String = "official"

    @Option(name: .long, help: ArgumentHelp("The style of the picture for readers who prefer dark.", valueName: "name|file"))
    var darkStyle: String = "dark"

    @Option(name: .long, help: ArgumentHelp("Prefix of every id in the pictures (default: the diagram's name; the dark picture adds -dark).", valueName: "prefix"))
    var idPrefix: String?

    @Option(name: .long, help: ArgumentHelp("Boxes link to URL#<task id>: an http(s) URL, a relative page, or '#' (default: the page itself, index.html, or index.md for --target github; its tables have an anchor per task).", valueName: "url"))
    var linkBase: String?

    func validate() throws {
        if plan == nil, kommune != nil || all || planView.dato != nil || !planView.show.isEmpty {
            throw ValidationError("--kommune, --all, --dato and --show need --plan FILE")
        }
        if all, kommune != nil { throw ValidationError("give either --kommune NAME or --all, not both") }
        if output == "-" { throw ValidationError("docs writes a page and its pictures: -o needs a folder, not standard output") }
        if output.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("-o needs a folder name, e.g. -o docs") }
        if let linkBase, !Slug.isLinkBase(linkBase) {
            throw ValidationError("--link-base must be a full http(s) URL with a host, or a relative page or '#'; no other scheme, not '\(linkBase)'")
        }
        if let idPrefix, Slug.make(idPrefix) != idPrefix {
            throw ValidationError("--id-prefix may hold lower-case letters, digits and hyphens, starting with a letter; '\(idPrefix)' could be '\(Slug.make(idPrefix))'")
        }
    }

    /// The files this run reads, which no output may replace.
    private var inputs: [String] {
        [catalogOptions.catalog, plan, Style.isBuiltIn(style) ? nil : style, Style.isBuiltIn(darkStyle) ? nil : darkStyle].compactMap { $0 }
    }

    func run() throws {
        do {
            let catalog = try catalogOptions.load(languageOptions.language)
            try Renderer.checkGraphviz(formats: [.svg])
            // A page depends only on its inputs: an undated plan is shown on its start (else the
            // catalog's date), and says so, so `--check` holds on any later day.
            var day = planView.day()
            day.withoutToday = CalendarDay(catalog.integration.date)
            guard let plan else {
                return try write([try page(.official(catalog), catalog: catalog, plan: nil, day: day)])
            }
            guard all else {
                let scoped = try RolloutPlans.one(path: plan, catalog: catalog, kommune: kommune)
                return try write([try page(.plan(scoped, catalog, try planView.diagram(day)), catalog: catalog, plan: scoped, day: day)])
            }
            try documentAll(RolloutPlans(path: plan, catalog: catalog, kommune: nil), catalog: catalog, day: day)
        } catch let error as ExitCode {
            throw error
        } catch {
            throw failure(error)
        }
    }

    private func page(_ subject: Pipeline.Subject, catalog: Catalog, plan: ScopedPlan?, day: PlanDay) throws -> DocumentationPage {
        try Pipeline.documentationPage(subject, labels: languageOptions.labels, catalog: catalog, plan: plan,
                                       light: Style.named(style), dark: Style.named(darkStyle),
                                       idPrefix: idPrefix, linkBase: linkBase, day: day, target: target)
    }

    /// A page per kommune and the index; a kommune that fails is reported and the rest written.
    private func documentAll(_ rollout: RolloutPlans, catalog: Catalog, day: PlanDay) throws {
        let labels = languageOptions.labels
        try rollout.mayWrite(partial: partial, what: "the documentation set")
        let pages = try rollout.scoped.map { scoped in
            try page(.plan(scoped, catalog, try planView.diagram(day)), catalog: catalog, plan: scoped, day: day)
        }
        let index = try Pipeline.documentationIndex(rollout.scoped, pages: pages.map(\.name), catalog: catalog, labels: labels,
                                                    light: Style.named(style), dark: Style.named(darkStyle), linkBase: linkBase, day: day,
                                                    target: target)
        try write(pages + [index])
        try rollout.finish(done: "documented \(kommuner(rollout.scoped.count)) in \(output)")
    }

    /// Writes the pages' files as one set; with --check only compares them.
    private func write(_ pages: [DocumentationPage]) throws {
        let files = pages.flatMap(\.files)
        let paths = files.map { (output as NSString).appendingPathComponent($0.name) }
        var outputs = Outputs(check: check, inputs: inputs)
        outputs.warn(pages.flatMap(\.warnings))
        if check {
            for (file, path) in zip(files, paths) { try outputs.put(file.data, at: path) }
            return try outputs.finish()
        }
        try FolderOutput.writeSet(files.map(\.data), at: paths, in: output, inputs: inputs)
        // The first page of each set: the one a reader opens.
        for page in pages { try Console.line((output as NSString).appendingPathComponent(page.files[0].name)) }
    }
}

/// A folder to write several files into: created when missing, refused when it is a file.
enum FolderOutput {
    /// Writes `contents` at `paths` (inside `folder`) as one set, whole or not at all: a full
    /// disk leaves every old file as it was, and a concurrent run waits, so the two never mix.
    /// Folders this run creates are removed again if the set cannot be written.
    static func writeSet(_ contents: [Data], at paths: [String], in folder: String, inputs: [String]) throws {
        var created: [String] = []
        do {
            for parent in Set(paths.map { ($0 as NSString).deletingLastPathComponent }).sorted() { created += try prepare(parent) }
            for path in paths { try OutputFile.check(path, inputs: inputs) }
            try FolderLock.holding(folder) {
                var set = OutputSet(inputs: inputs)
                for (data, path) in zip(contents, paths) { try set.stage(data, at: path) }
                try set.commit()
            }
        } catch {
            for made in created.reversed() { try? FileManager.default.removeItem(atPath: made) }
            throw error
        }
    }

    /// Makes sure `folder` exists.
    /// - Returns: the folders it created, outermost first (empty when it was there).
    @discardableResult
    static func prepare(_ folder: String, purpose: String? = nil) throws -> [String] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw OutputError(path: folder, message: "is a file, not a folder", hint: purpose) }
            return []
        }
        var missing: [String] = []
        var current = folder
        while !current.isEmpty, current != "/", !FileManager.default.fileExists(atPath: current) {
            missing.insert(current, at: 0)
            current = (current as NSString).deletingLastPathComponent
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: folder, message: "cannot create the folder", hint: "check that its parent exists and is writable")
        }
        return missing
    }
}

/// An exclusive lock on a folder (flock on the folder itself: nothing is created in it), held
/// while a set of files that belong together is written.
enum FolderLock {
    static func holding(_ folder: String, _ body: () throws -> Void) throws {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw OutputError(path: folder, message: "cannot be opened: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { break }
        }
        defer { flock(fd, LOCK_UN) }
        try body()
    }
}
