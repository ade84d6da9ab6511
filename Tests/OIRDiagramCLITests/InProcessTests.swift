import ArgumentParser
import Foundation
import OIRCommands
import XCTest

/// The commands are a library: parsed and run in the test's own process, with the same results
/// and exit codes as the binary.
final class InProcessTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testRenderInProcessWritesTheOfficialDiagram() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oir-inprocess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("bilag1.json")
        var command = try OIRDiagramCommand.parseAsRoot(["render", "--format", "json", "-o", out.path])
        try command.run()
        XCTAssertEqual(try Data(contentsOf: out), try Data(contentsOf: root.appendingPathComponent("Examples/sf1590a-bilag1.json")))
    }

    func testAnInputProblemBecomesExitCodeOne() throws {
        var command = try OIRDiagramCommand.parseAsRoot(["lint", "--catalog", "/nonexistent/catalog.yaml"])
        XCTAssertThrowsError(try command.run()) { error in
            XCTAssertEqual(OIRDiagramCommand.exitCode(for: error), ExitCode(1))
        }
        XCTAssertThrowsError(try OIRDiagramCommand.parseAsRoot(["render", "--language", "fr"])) { error in
            XCTAssertEqual(OIRDiagramCommand.exitCode(for: error), ExitCode(64), "a usage error")
        }
    }

    /// The in-process runner most CLI tests use gives what the binary gives: the same exit
    /// code and the same bytes on both streams, for success, input and usage errors, help and
    /// the version.
    func testInProcessRunsGiveWhatTheBinaryGives() throws {
        let folder = try temporaryFolder()
        let plan = try write("kommune: K\nfagsystemer: []\n", "bad.yaml", in: folder)
        let cases: [[String]] = [
            ["render", "--format", "json", "-o", "-"],
            ["tasks", "--format", "json"],
            ["plan", plan],
            ["render", "--language", "fr"],
            ["render", "--format", "gif"],
            ["lint", "--catalog", "/nonexistent/catalog.yaml"],
            ["--help"],
            ["plan", "--help"],
            ["--version"],
        ]
        for arguments in cases {
            let inside = try CLIRunner.inProcess(arguments, in: folder)
            let outside = try CLIRunner.spawn(arguments, in: folder)
            let name = arguments.joined(separator: " ")
            XCTAssertEqual(inside.status, outside.status, name)
            XCTAssertEqual(inside.stdout, outside.stdout, name)
            XCTAssertEqual(inside.stderr, outside.stderr, name)
        }
    }
}
