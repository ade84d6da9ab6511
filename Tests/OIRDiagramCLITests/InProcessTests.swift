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
}
