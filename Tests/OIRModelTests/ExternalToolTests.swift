import Foundation
import OIRTestSupport
import XCTest

/// The tests' outside tools are all in one list, the one `./setup.sh --test` installs from, and
/// CI runs exactly the README's test command: a tool installed by hand cannot hide a missing
/// install step.
final class ExternalToolTests: XCTestCase {
    private let root = ExternalTool.packageRoot

    private func testSources() throws -> [(path: String, text: String)] {
        let tests = root.appendingPathComponent("Tests")
        let files = FileManager.default.enumerator(atPath: tests.path)?.compactMap { $0 as? String } ?? []
        return try files.filter { $0.hasSuffix(".swift") }.sorted().map {
            ($0, try String(contentsOf: tests.appendingPathComponent($0), encoding: .utf8))
        }
    }

    /// The names a test hands the helper: the leading string literals of each call.
    static func namedTools(in source: String) -> [String] {
        let call = try! NSRegularExpression(pattern: #"(?:ExternalTool\.(?:run|require|start)|runTool)\(((?:\s*"[^"\\]+"\s*,?)+)"#)
        let literal = try! NSRegularExpression(pattern: #""([^"\\]+)""#)
        let range = NSRange(source.startIndex..., in: source)
        return call.matches(in: source, range: range).flatMap { match -> [String] in
            let arguments = String(source[Range(match.range(at: 1), in: source)!])
            return literal.matches(in: arguments, range: NSRange(arguments.startIndex..., in: arguments)).map {
                String(arguments[Range($0.range(at: 1), in: arguments)!])
            }
        }
    }

    func testEveryToolATestNamesIsInTheInstallList() throws {
        let listed = Set(ExternalTool.entries.map(\.name))
        XCTAssertGreaterThan(listed.count, 10, "the test-tool list is read")
        var named: Set<String> = []
        for (path, text) in try testSources() {
            for name in Self.namedTools(in: text) {
                named.insert(name)
                XCTAssertTrue(listed.contains(name), "\(path) uses \(name), which setup.sh's test-tool list does not have")
            }
        }
        for tool in ["chromium", "rsvg-convert", "qpdf", "cmark-gfm", "mkdocs", "icalendar"] {
            XCTAssertTrue(named.contains(tool), "the scan finds \(tool)")
        }
    }

    func testTheScanSeesEveryFormOfCall() {
        XCTAssertEqual(Self.namedTools(in: #"try ExternalTool.require("python3", "mkdocs") ExternalTool.run("qpdf", ["x"]) runTool("pdfinfo", [p])"#),
                       ["python3", "mkdocs", "qpdf", "pdfinfo"])
    }

    /// A program started any other way would not be checked against the list.
    func testNoTestStartsAnOutsideProgramPastTheHelper() throws {
        for (path, text) in try testSources() where !["ExternalTool.swift", "CLIRunner.swift", "ExternalToolTests.swift"].contains(URL(fileURLWithPath: path).lastPathComponent) {
            for line in text.split(separator: "\n") {
                if line.contains("executableURL =") {
                    XCTAssertTrue(line.contains("CLIRunner.binary"), "\(path): \(line.trimmingCharacters(in: .whitespaces)) starts a program past ExternalTool")
                }
                XCTAssertFalse(line.contains("\"/usr/bin/env\"") || line.contains("fileURLWithPath: \"/usr/bin/"),
                               "\(path): \(line.trimmingCharacters(in: .whitespaces)) starts a program past ExternalTool")
            }
        }
    }

    /// Every listed package comes from a registry CI reaches, and each line is well formed.
    func testEveryListedToolHasAPackage() throws {
        let lines = ExternalTool.listLines.filter { !$0.hasPrefix("#") }
        XCTAssertEqual(lines.count, ExternalTool.entries.count, "every line reads as kind, name, package")
        for entry in ExternalTool.entries {
            XCTAssertTrue(entry.package.hasPrefix("debian:") || entry.package.hasPrefix("pypi:"), "\(entry.name): \(entry.package)")
        }
    }

    /// CI runs the README's test command, and that command installs from the list.
    func testCIRunsTheReadmesTestCommand() throws {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let ci = try String(contentsOf: root.appendingPathComponent(".ci/run"), encoding: .utf8)
        let setup = try String(contentsOf: root.appendingPathComponent("setup.sh"), encoding: .utf8)
        let block = try XCTUnwrap(readme.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        let testCommand = try XCTUnwrap(block.split(separator: "\n").map { $0.components(separatedBy: "#")[0].trimmingCharacters(in: .whitespaces) }
            .first { $0.contains("--test") && !$0.contains("fast") }, "the README's first lines name the test command")
        XCTAssertTrue(ci.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == testCommand }, ".ci/run runs \(testCommand)")
        XCTAssertTrue(setup.contains("done < <(test_tools)"), "setup.sh installs from the list")
    }
}
