import Foundation
import XCTest
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

/// Runs a program and returns its standard output, or nil when it is not installed.
func runTool(_ name: String, _ arguments: [String]) throws -> String? {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    guard let path = paths.map({ "\($0)/\(name)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// In CI every tool the tests use must be there; elsewhere a missing one skips the check.
func requireTool(_ name: String, install: String) throws {
    let available = (try? runTool("sh", ["-c", "command -v \(name)"]))??.isEmpty == false
    if available { return }
    if ProcessInfo.processInfo.environment["CI"] != nil {
        XCTFail("\(name) is missing; CI installs it with: \(install)")
    }
    throw XCTSkip("\(name) is not installed (\(install))")
}

/// `qpdf --check` finds nothing in the PDF at `url`: no error, no warning (exit 0).
func assertQPDFAccepts(_ url: URL, file: StaticString = #filePath, line: UInt = #line) throws {
    try requireTool("qpdf", install: "apt-get install qpdf")
    let report = try XCTUnwrap(try runTool("sh", ["-c", "qpdf --check \"$0\" 2>&1; echo \"exit=$?\"", url.path]))
    XCTAssertTrue(report.hasSuffix("exit=0\n"), report, file: file, line: line)
    XCTAssertFalse(report.contains("WARNING"), report, file: file, line: line)
}
