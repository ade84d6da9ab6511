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

    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the page and its SVG files into.", valueName: "dir"))
    var output: String

    @OptionGroup var languageOptions: LanguageOptions

    @Flag(name: .long, help: "Write nothing: exit 1 and name each file that differs from what would be written (for CI).")
    var check = false

    @Option(name: .long, help: ArgumentHelp("The style of the picture for light readers (see `styles`), or a style file.", valueName: "name|file"))
    var style: String = "official"

    @Option(name: .long, help: ArgumentHelp("The style of the picture for readers who prefer dark.", valueName: "name|file"))
    var darkStyle: String = "dark"

    @Option(name: .long, help: ArgumentHelp("Prefix of every id in the pictures (default: the diagram's name; the dark picture adds -dark).", valueName: "prefix"))
    var idPrefix: String?

    @Option(name: .long, help: ArgumentHelp("Boxes link to URL#<task id>: an http(s) URL, a relative page, or '#' (default ./, the page, whose tables have an anchor per task).", valueName: "url"))
    var linkBase: String = "./"

    func validate() throws {
        if plan == nil, kommune != nil { throw ValidationError("--kommune needs --plan FILE") }
        if output == "-" { throw ValidationError("docs writes a page and its pictures: -o needs a folder, not standard output") }
        if !Slug.isLinkBase(linkBase) {
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
            let catalog = try catalogOptions.load()
            try Renderer.checkGraphviz(formats: [.svg])
            let labels = languageOptions.labels
            let page: DocumentationPage
            if let plan {
                let scoped = try PlanFile.load(path: plan, catalog: catalog).plan(named: kommune).scope(catalog)
                page = try Pipeline.documentationPage(Pipeline.content(.plan(scoped, catalog), labels: labels), catalog: catalog, plan: scoped,
                                                      light: Style.named(style), dark: Style.named(darkStyle), idPrefix: idPrefix, linkBase: linkBase)
            } else {
                page = try Pipeline.documentationPage(Pipeline.content(.official(catalog), labels: labels), catalog: catalog,
                                                      light: Style.named(style), dark: Style.named(darkStyle), idPrefix: idPrefix, linkBase: linkBase)
            }
            let paths = page.files.map { (output as NSString).appendingPathComponent($0.name) }
            var outputs = Outputs(check: check, inputs: inputs)
            if check {
                for (file, path) in zip(page.files, paths) { try outputs.put(file.data, at: path) }
                return try outputs.finish()
            }
            try FolderOutput.prepare((paths[0] as NSString).deletingLastPathComponent)
            for path in paths { try OutputFile.check(path, inputs: inputs) }
            // The page and its pictures as one set: a concurrent run waits, so the two never mix.
            try FolderLock.holding(output) {
                for (file, path) in zip(page.files, paths) { try outputs.put(file.data, at: path) }
            }
            try Console.line(paths[0])
        } catch {
            throw failure(error)
        }
    }
}

/// A folder to write several files into: created when missing, refused when it is a file.
enum FolderOutput {
    static func prepare(_ folder: String, purpose: String? = nil) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw OutputError(path: folder, message: "is a file, not a folder", hint: purpose) }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: folder, message: "cannot create the folder", hint: "check that its parent exists and is writable")
        }
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
