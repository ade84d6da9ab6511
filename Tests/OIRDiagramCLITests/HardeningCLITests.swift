import Foundation
import XCTest

/// What a user sees when Graphviz, the input or the output is in trouble: one clear message,
/// the documented exit code, and no file written or changed.
final class HardeningCLITests: XCTestCase {
    private let graphvizFolder = "/usr/lib/x86_64-linux-gnu/graphviz"

    func testAnEmptyPluginFolderNamesThePackageToInstall() throws {
        let empty = try temporaryFolder()
        let out = try temporaryFolder().appendingPathComponent("d.svg")
        let result = try CLIRunner.run(["render", "-o", out.path], environment: ["GVBINDIR": empty.path])
        XCTAssertEqual(result.status, 70, "an internal error: the installation is broken")
        XCTAssertTrue(result.stderr.hasPrefix("error: Graphviz has no layout plugin 'nop2'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("install the package libgvc6"), result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "one message, nothing from Graphviz itself")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    /// A folder where a docs page is to go: one message saying so (not "give a file name"),
    /// exit 1, and the set is not written.
    func testAFolderInAPagesPlaceIsNamedAsSuch() throws {
        let out = try temporaryFolder()
        let blocked = out.appendingPathComponent("nordby-kommune-plan/index.md")
        try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: true)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let plan = root.appendingPathComponent("Examples/plans/udrulning.yaml").path
        let result = try CLIRunner.run(["docs", "--plan", plan, "--all", "-o", out.path])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("nordby-kommune-plan/index.md: is a directory (a folder stands where this file is to be written"), result.stderr)
        XCTAssertFalse(result.stderr.contains("give a file name"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(), ["nordby-kommune-plan"], "nothing else written")
    }

    /// No fonts at all (a fontconfig configuration with no font folder): exit 70 naming a font
    /// package, one message, nothing written; DOT and JSON need no fonts and still work.
    func testNoFontsNamesAFontPackageAndWritesNothing() throws {
        let folder = try temporaryFolder()
        let config = folder.appendingPathComponent("fonts.conf")
        try """
            <?xml version="1.0"?>
            <fontconfig><dir>\(folder.path)/no-fonts</dir><cachedir>\(folder.path)/cache</cachedir></fontconfig>
            """.write(to: config, atomically: true, encoding: .utf8)
        for format in ["svg", "pdf", "png"] {
            let out = folder.appendingPathComponent("d.\(format)")
            let result = try CLIRunner.run(["render", "-o", out.path], environment: ["FONTCONFIG_FILE": config.path])
            XCTAssertEqual(result.status, 70, format)
            XCTAssertTrue(result.stderr.hasPrefix("error: no fonts are installed"), result.stderr)
            XCTAssertTrue(result.stderr.contains("fonts-dejavu-core"), result.stderr)
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "one message, no Graphviz warnings")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), format)
        }
        let dot = try CLIRunner.run(["render", "--format", "dot"], environment: ["FONTCONFIG_FILE": config.path])
        XCTAssertEqual(dot.status, 0, dot.stderr)
        // The same for the timelines (checked when they are drawn) and for many files at once
        // (checked before the first is written).
        let plans = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/plans")
        let timeline = plans.appendingPathComponent("udrulning-tidsplan.yaml").path
        let all = folder.appendingPathComponent("alle/")
        for (arguments, written) in [(["oversigt", timeline, "--view", "tidsplan", "-o"], "o.svg"),
                                     (["render", "--plan", plans.appendingPathComponent("vesterhavn-i-gang.yaml").path, "--view", "tidsplan", "-o"], "t.png"),
                                     (["render", "--plan", timeline, "--all", "-o"], "alle/")] {
            let out = folder.appendingPathComponent(written)
            let result = try CLIRunner.run(arguments + [written == "alle/" ? all.path + "/" : out.path], environment: ["FONTCONFIG_FILE": config.path])
            XCTAssertEqual(result.status, 70, arguments.joined(separator: " "))
            XCTAssertTrue(result.stderr.hasPrefix("error: no fonts are installed"), result.stderr)
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "one message: \(result.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), written)
        }
    }

    /// Only Graphviz's core and layout plugins: SVG works, PDF names the cairo/pango plugin.
    func testAMissingPDFDeviceNamesThePlugin() throws {
        guard let config = try? String(contentsOfFile: graphvizFolder + "/config6a", encoding: .utf8) else {
            throw XCTSkip("no Graphviz plugin configuration at \(graphvizFolder)")
        }
        let folder = try temporaryFolder()
        var blocks: [[String]] = [], current: [String] = []
        for line in config.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if current.isEmpty, line.hasPrefix("#") || line.isEmpty { continue }
            current.append(line)
            if line == "}" { blocks.append(current); current = [] }
        }
        let kept = blocks.filter { $0[0].hasPrefix("libgvplugin_core") || $0[0].hasPrefix("libgvplugin_neato_layout") }
        XCTAssertEqual(kept.count, 2)
        try (kept.map { $0.joined(separator: "\n") }.joined(separator: "\n") + "\n")
            .write(to: folder.appendingPathComponent("config6a"), atomically: true, encoding: .utf8)
        for block in kept {
            let library = String(block[0].split(separator: " ")[0])
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(library).path,
                                                       withDestinationPath: graphvizFolder + "/" + library)
        }
        let out = try temporaryFolder()
        let svg = try CLIRunner.run(["render", "-o", out.appendingPathComponent("d.svg").path], environment: ["GVBINDIR": folder.path])
        XCTAssertEqual(svg.status, 0, svg.stderr)
        let pdf = try CLIRunner.run(["render", "--format", "pdf", "-o", out.appendingPathComponent("d.pdf").path],
                                    environment: ["GVBINDIR": folder.path])
        XCTAssertEqual(pdf.status, 70)
        XCTAssertTrue(pdf.stderr.contains("no device plugin 'pdf' (Graphviz's cairo/pango plugin, libgvplugin_pango); install the package libgvc6"), pdf.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), ["d.svg"])
    }

    func testUnwritableAndFullTargetsLeaveNothingBehind() throws {
        let proc = try CLIRunner.run(["render", "-o", "/proc/oir-diagram.svg"])
        XCTAssertEqual(proc.status, 1)
        XCTAssertTrue(proc.stderr.hasPrefix("error: /proc/oir-diagram.svg: cannot write in /proc"), proc.stderr)

        let folder = try temporaryFolder()
        let missing = try CLIRunner.run(["render", "-o", folder.appendingPathComponent("no/d.svg").path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("does not exist"), missing.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    func testHostileInputFilesFailWithFileLineAndColumn() throws {
        let folder = try temporaryFolder()
        let plan = folder.appendingPathComponent("p.yaml")
        try "kommune: \"Ond\\x1b[2J Kommune\"\nbogføringssystem: {navn: X}\nfagsystemer: [{navn: A, leverance: straks, sortiment: manuel}]\n"
            .write(to: plan, atomically: true, encoding: .utf8)
        let existing = folder.appendingPathComponent("keep.svg")
        try Data("old".utf8).write(to: existing)
        let result = try CLIRunner.run(["render", "--plan", plan.path, "-o", existing.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "error: \(plan.path):1:10: 'kommune' in the plan contains the control character U+001B at character 4 (remove it; only printable text, tabs and line breaks are allowed)\n")
        XCTAssertEqual(try String(contentsOf: existing, encoding: .utf8), "old")

        var bomb = [#"a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]"#]
        for i in 1...9 { bomb.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]") }
        try (bomb + ["x: {? *a9 : 1}"]).joined(separator: "\n").write(to: plan, atomically: true, encoding: .utf8)
        let lint = try CLIRunner.run(["plan", plan.path])
        XCTAssertEqual(lint.status, 1)
        XCTAssertTrue(lint.stderr.contains(":2:10: YAML alias '*a0' is not supported"), lint.stderr)
    }

    /// With --all, a kommune whose file cannot be written is reported and the others still written.
    func testRenderAllReportsAnUnwritableKommuneAndGoesOn() throws {
        let folder = try temporaryFolder()
        let plan = folder.appendingPathComponent("r.yaml")
        try """
            kommuner:
              - kommune: Nordby Kommune
                bogføringssystem: {navn: X}
                fagsystemer: [{navn: A, leverance: straks, sortiment: manuel}]
              - kommune: Sydby Kommune
                bogføringssystem: {navn: X}
                fagsystemer: [{navn: A, leverance: masse, sortiment: abonnement}]
            """.write(to: plan, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("ud")
        // A folder where Nordby's file should go.
        try FileManager.default.createDirectory(at: out.appendingPathComponent("nordby-kommune-plan.svg"), withIntermediateDirectories: true)
        let result = try CLIRunner.run(["render", "--plan", plan.path, "--all", "-o", out.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("[1/2] Nordby Kommune: error: "), result.stderr)
        XCTAssertTrue(result.stderr.contains("nordby-kommune-plan.svg: is a directory"), result.stderr)
        XCTAssertTrue(result.stderr.contains("rendered 1 of 2 kommuner"), result.stderr)
        XCTAssertEqual(result.stdout, out.appendingPathComponent("sydby-kommune-plan.svg").path + "\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(), ["nordby-kommune-plan.svg", "sydby-kommune-plan.svg"])
    }
}
