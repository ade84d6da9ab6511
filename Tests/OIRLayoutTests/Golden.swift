import Foundation
import XCTest
import OIRTestSupport
import OIRContent
import OIRLayout
import OIRModel
import OIRPipeline
import OIRPublish
import OIRRender
import OIRRouting

/// Golden files pin stable text outputs. `OIR_RECORD_GOLDEN=1 swift test` rewrites them, and the
/// test still fails so the new baseline is looked at and committed before it counts.
enum Golden {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var recording: Bool { ProcessInfo.processInfo.environment["OIR_RECORD_GOLDEN"] == "1" }

    static func assertMatches(_ data: Data, _ relativePath: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = packageRoot.appendingPathComponent(relativePath)
        if recording {
            try data.write(to: url)
            XCTFail("recorded a new baseline at \(relativePath); check it and commit it, then run the tests without OIR_RECORD_GOLDEN", file: file, line: line)
            return
        }
        guard let expected = FileManager.default.contents(atPath: url.path) else {
            XCTFail("no baseline at \(relativePath); record one with OIR_RECORD_GOLDEN=1 swift test", file: file, line: line)
            return
        }
        if expected != data {
            let fresh = FileManager.default.temporaryDirectory.appendingPathComponent(url.lastPathComponent)
            try? data.write(to: fresh)
            XCTFail("\(relativePath) differs from a fresh render (fresh copy: \(fresh.path)); if the change is intended, record with OIR_RECORD_GOLDEN=1", file: file, line: line)
        }
    }
}

/// `content` laid out and routed, as every format draws it.
func routed(_ content: DiagramContent, options: LayoutOptions = LayoutOptions()) -> RoutedDiagram {
    EdgeRouter.routed(Diagram.layout(content, options: options), options: options)
}

/// Runs a program in the test-tool list and returns its standard output.
func runTool(_ name: String, _ arguments: [String]) throws -> String? {
    try ExternalTool.run(name, arguments).output
}

/// `qpdf --check` finds nothing in the PDF at `url`: no error, no warning (exit 0).
func assertQPDFAccepts(_ url: URL, file: StaticString = #filePath, line: UInt = #line) throws {
    try ExternalTool.require("qpdf")
    let result = try ExternalTool.run("qpdf", ["--check", url.path])
    let report = result.output + result.errors
    XCTAssertEqual(result.status, 0, report, file: file, line: line)
    XCTAssertFalse(report.contains("WARNING"), report, file: file, line: line)
}
