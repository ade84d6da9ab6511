import Foundation
import XCTest

/// Outputs never destroy: inputs, devices, links, modes and interrupted runs, and failures of
/// standard output, each checked on the built binary.
final class OutputSafetyCLITests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs a shell command line with `$B` set to the binary (for redirections such as `> /dev/full`).
    private func shell(_ command: String, in folder: URL) throws -> CLIResult {
        try CLIRunner.run(["-c", command], in: folder, executable: URL(fileURLWithPath: "/bin/sh"),
                          environment: ["B": CLIRunner.binary.path])
    }

    private func copyPlan(to folder: URL) throws -> URL {
        let plan = folder.appendingPathComponent("plan.yaml")
        try FileManager.default.copyItem(at: root.appendingPathComponent("Examples/plans/eksempel-kommune.yaml"), to: plan)
        return plan
    }

    func testAnOutputThatIsAnInputIsRefusedBeforeAnythingIsWritten() throws {
        let folder = try temporaryFolder()
        let plan = try copyPlan(to: folder)
        let before = try Data(contentsOf: plan)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.yaml").path, withDestinationPath: plan.path)
        for output in [plan.path, folder.appendingPathComponent("link.yaml").path] {
            // Without --format a .yaml name is already a usage error; with it, the input guard says why.
            XCTAssertEqual(try CLIRunner.run(["render", "--plan", plan.path, "-o", output]).status, 64)
            let result = try CLIRunner.run(["render", "--plan", plan.path, "-o", output, "--format", "svg"])
            XCTAssertEqual(result.status, 1)
            XCTAssertTrue(result.stderr.contains("is the input file"), result.stderr)
        }
        let catalog = folder.appendingPathComponent("katalog.yaml")
        try FileManager.default.copyItem(at: root.appendingPathComponent("Examples/eksempel-debitor/katalog.yaml"), to: catalog)
        let catalogResult = try CLIRunner.run(["render", "--catalog", catalog.path, "-o", catalog.path, "--format", "svg"])
        XCTAssertEqual(catalogResult.status, 1, catalogResult.stderr)
        let style = folder.appendingPathComponent("mine.yaml")
        try "base: official\n".write(to: style, atomically: true, encoding: .utf8)
        XCTAssertEqual(try CLIRunner.run(["render", "--style", style.path, "-o", style.path, "--format", "svg"]).status, 1)
        XCTAssertEqual(try Data(contentsOf: plan), before, "the plan is untouched")
        XCTAssertEqual(try String(contentsOf: style, encoding: .utf8), "base: official\n")
        XCTAssertEqual(try Data(contentsOf: catalog), try Data(contentsOf: root.appendingPathComponent("Examples/eksempel-debitor/katalog.yaml")))
    }

    func testDevicesAndFIFOsAreWrittenToNeverReplaced() throws {
        let folder = try temporaryFolder()
        let null = try CLIRunner.run(["render", "-o", "/dev/null"])
        XCTAssertEqual(null.status, 0, null.stderr)
        var info = stat()
        XCTAssertEqual(stat("/dev/null", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR, "/dev/null is still a device")
        let full = try CLIRunner.run(["render", "-o", "/dev/full"])
        XCTAssertEqual(full.status, 1, "a full device is a failure")
        XCTAssertTrue(full.stderr.contains("/dev/full: writing failed: No space left on device"), full.stderr)
        // A named pipe: read on the other side, still a pipe afterwards.
        let fifo = folder.appendingPathComponent("pipe")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        let piped = try shell("cat pipe > got.svg & \"$B\" render -o pipe; wait", in: folder)
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertTrue(try String(contentsOf: folder.appendingPathComponent("got.svg"), encoding: .utf8).contains("<svg"))
        XCTAssertEqual(stat(fifo.path, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO)
        // /dev/stdout is standard output, whatever it is (here a pipe: the binary's own process).
        let stdout = try CLIRunner.spawn(["render", "--format", "json", "-o", "/dev/stdout"])
        XCTAssertTrue(stdout.stdout.hasPrefix("{"), String(stdout.stdout.prefix(40)))
    }

    func testLinksAreWrittenThroughAndModesKept() throws {
        let folder = try temporaryFolder()
        let target = folder.appendingPathComponent("real.svg"), link = folder.appendingPathComponent("link.svg")
        try Data("old".utf8).write(to: target)
        XCTAssertEqual(chmod(target.path, 0o600), 0)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real.svg")
        XCTAssertEqual(try CLIRunner.run(["render", "-o", link.path]).status, 0)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link.path), "real.svg", "the link is still a link")
        XCTAssertTrue(try String(contentsOf: target, encoding: .utf8).contains("<svg"), "the file it names has the diagram")
        var info = stat()
        XCTAssertEqual(stat(target.path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o600, "a private file stays private")
        let readOnly = folder.appendingPathComponent("ro.svg")
        try Data("keep".utf8).write(to: readOnly)
        XCTAssertEqual(chmod(readOnly.path, 0o444), 0)
        let refused = try CLIRunner.run(["render", "-o", readOnly.path])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("is read-only"), refused.stderr)
        XCTAssertEqual(try String(contentsOf: readOnly, encoding: .utf8), "keep")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["link.svg", "real.svg", "ro.svg"])
    }

    func testAnInterruptedWriteLeavesNoTemporaryFile() throws {
        for sig in [SIGINT, SIGTERM] {
            let folder = try temporaryFolder()
            try Data("old".utf8).write(to: folder.appendingPathComponent("d.svg"))
            // The temporary file is held for two seconds; the signal comes in the middle.
            let process = Process()
            process.executableURL = CLIRunner.binary
            process.arguments = ["render", "-o", "d.svg"]
            process.currentDirectoryURL = folder
            process.environment = ProcessInfo.processInfo.environment.merging(["OIR_TEST_HOLD_TEMPORARY_MS": "2000"]) { $1 }
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(20)
            while try FileManager.default.contentsOfDirectory(atPath: folder.path).count < 2, Date() < deadline { usleep(20_000) }
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).count, 2, "the temporary file exists")
            kill(process.processIdentifier, sig)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["d.svg"], "signal \(sig): no temporary file left")
            XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("d.svg"), encoding: .utf8), "old")
        }
    }

    func testStandardOutputFailuresEndWithOneLineAndExitCode74() throws {
        let folder = try temporaryFolder()
        _ = try copyPlan(to: folder)
        for command in ["\"$B\" render -o - > /dev/full", "\"$B\" plan plan.yaml >&-", "\"$B\" tasks --format json > /dev/full",
                        "\"$B\" plan plan.yaml --format csv > /dev/full"] {
            let result = try shell(command + "; echo \"status=$?\" >&2", in: folder)
            let lines = result.stderr.split(separator: "\n")
            XCTAssertEqual(lines.last, "status=74", "\(command): \(result.stderr)")
            XCTAssertEqual(lines.count, 2, "\(command): one message: \(result.stderr)")
            XCTAssertFalse(result.stderr.contains("Fatal error") || result.stderr.contains("backtrace"), result.stderr)
        }
    }

    func testFormatFollowsTheFileNameAndPathsMakeSense() throws {
        let folder = try temporaryFolder()
        XCTAssertEqual(try CLIRunner.run(["render", "-o", "b.pdf"], in: folder).status, 0)
        XCTAssertTrue(try Data(contentsOf: folder.appendingPathComponent("b.pdf")).starts(with: Data("%PDF".utf8)))
        XCTAssertEqual(try CLIRunner.run(["render", "-o", "b.json"], in: folder).status, 0)
        XCTAssertTrue(try String(contentsOf: folder.appendingPathComponent("b.json"), encoding: .utf8).hasPrefix("{"))
        let conflict = try CLIRunner.run(["render", "-o", "c.pdf", "--format", "svg"], in: folder)
        XCTAssertEqual(conflict.status, 64, conflict.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("c.pdf").path))
        XCTAssertEqual(try CLIRunner.run(["render", "-o", "ny/"], in: folder).status, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("ny").path), ["sf1590a-bilag1.svg"])
        XCTAssertEqual(try CLIRunner.run(["docs", "-o", "-"], in: folder).status, 64)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("-").path))
    }

    func testTwoDocsRunsAtOnceNeverMixTheirFiles() throws {
        let folder = try temporaryFolder()
        for _ in 0..<3 {
            let result = try shell("\"$B\" docs -o out --language da & \"$B\" docs -o out --language en & wait", in: folder)
            XCTAssertEqual(result.status, 0, result.stderr)
            let page = try String(contentsOf: folder.appendingPathComponent("out/sf1590a-bilag1/index.md"), encoding: .utf8)
            let svg = try String(contentsOf: folder.appendingPathComponent("out/sf1590a-bilag1/sf1590a-bilag1.svg"), encoding: .utf8)
            let english = page.contains("Tasks by lane")
            XCTAssertEqual(svg.contains(">Legend<"), english, "the page and its picture come from the same run")
        }
    }

    func testUnchangedFilesAreLeftAloneAndCheckNamesWhatWouldChange() throws {
        let folder = try temporaryFolder()
        let svg = folder.appendingPathComponent("d.svg")
        XCTAssertEqual(try CLIRunner.run(["render", "-o", svg.path]).status, 0)
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: svg.path)
        XCTAssertEqual(try CLIRunner.run(["render", "-o", svg.path]).status, 0)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: svg.path)[.modificationDate] as? Date, past,
                       "the same bytes are not written again")
        let upToDate = try CLIRunner.run(["render", "-o", svg.path, "--check"])
        XCTAssertEqual(upToDate.status, 0, upToDate.stderr)
        XCTAssertEqual(upToDate.stdout + upToDate.stderr, "")
        let stale = try CLIRunner.run(["render", "-o", svg.path, "--check", "--language", "en"])
        XCTAssertEqual(stale.status, 1)
        XCTAssertEqual(stale.stderr, "would change: \(svg.path)\n")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: svg.path)[.modificationDate] as? Date, past, "--check writes nothing")

        let docs = folder.appendingPathComponent("docs")
        XCTAssertEqual(try CLIRunner.run(["docs", "-o", docs.path]).status, 0)
        XCTAssertEqual(try CLIRunner.run(["docs", "-o", docs.path, "--check"]).status, 0)
        try FileManager.default.removeItem(at: docs.appendingPathComponent("sf1590a-bilag1/sf1590a-bilag1-dark.svg"))
        let missing = try CLIRunner.run(["docs", "-o", docs.path, "--check"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "would change: \(docs.path)/sf1590a-bilag1/sf1590a-bilag1-dark.svg\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: docs.appendingPathComponent("sf1590a-bilag1/sf1590a-bilag1-dark.svg").path))
    }
}
