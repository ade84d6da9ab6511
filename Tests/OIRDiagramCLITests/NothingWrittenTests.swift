import Foundation
import OIRTestSupport
import XCTest

/// A command that ends non-zero writes no output file and prints no document: a scheduled
/// `> calendar.ics` never publishes an empty calendar, a good overview or docs set is never
/// replaced by one that leaves kommuner out, and a full disk leaves a docs set as it was.
final class NothingWrittenTests: XCTestCase {
    private let badPlan = """
        kommune: Fejlby Kommune
        bogføringssystem: {navn: Øko}
        fagsystemer: [{navn: Sag, leverance: [straks], sortiment: abonnement}]
        status: {FM01: udført}
        """

    func testAFailingPlanPrintsNoDocumentInAnyFormat() throws {
        let dir = try temporaryFolder()
        let path = try write(badPlan, "bad.yaml", in: dir)
        for format in ["table", "markdown", "csv", "json", "summary", "ics"] {
            let result = try CLIRunner.run(["plan", path, "--format", format])
            XCTAssertEqual(result.status, 1, format)
            XCTAssertEqual(result.stdout, "", "\(format): nothing on standard output")
            XCTAssertTrue(result.stderr.contains("did you mean 'FM001'"), "\(format): \(result.stderr)")
        }
    }

    /// A standard status key that fits no kommune fails every kommune: nothing is replaced.
    func testARolloutWhereEveryKommuneFailsReplacesNothing() throws {
        let dir = try temporaryFolder()
        let path = try write("""
            standard:
              bogføringssystem: {navn: Øko}
              fagsystemer: [{navn: Sag, leverance: [straks], sortiment: abonnement}]
              status: {FM01: udført}
            kommuner:
              - kommune: Nordby Kommune
              - kommune: Sydby Kommune
            """, "udrulning.yaml", in: dir)
        let overview = dir.appendingPathComponent("oversigt.svg")
        try Data("good".utf8).write(to: overview)
        for arguments in [["oversigt", path, "-o", overview.path], ["oversigt", path, "-o", overview.path, "--partial"]] {
            let result = try CLIRunner.run(arguments)
            XCTAssertEqual(result.status, 1)
            XCTAssertEqual(try String(contentsOf: overview, encoding: .utf8), "good", arguments.joined(separator: " "))
            XCTAssertTrue(result.stderr.contains("no kommune could be read"), result.stderr)
        }
        let site = dir.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try Data("# links".utf8).write(to: site.appendingPathComponent("index.md"))
        let docs = try CLIRunner.run(["docs", "--plan", path, "--all", "-o", site.path, "--partial"])
        XCTAssertEqual(docs.status, 1)
        XCTAssertEqual(try String(contentsOf: site.appendingPathComponent("index.md"), encoding: .utf8), "# links")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: site.path), ["index.md"])
    }

    func testAnEmptyDocsFolderIsAUsageError() throws {
        let result = try CLIRunner.run(["docs", "-o", ""])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.contains("-o needs a folder name"), result.stderr)
    }

    /// On a file system with room for one docs set but not a second beside it, writing a changed
    /// set fails and leaves the old one whole: no file replaced, no temporary file left.
    func testAFullDiskLeavesTheDocsSetAsItWas() throws {
        #if os(Linux)
        guard getuid() == 0 else { throw XCTSkip("mounting a small tmpfs needs root") }
        let dir = try temporaryFolder()
        let mounted = try ExternalTool.run("mount", ["-t", "tmpfs", "-o", "size=560k", "tmpfs", dir.path])
        guard mounted.status == 0 else { throw XCTSkip("this machine does not allow mounting a tmpfs") }
        defer { _ = try? ExternalTool.run("umount", [dir.path]) }
        let first = try CLIRunner.run(["docs", "-o", dir.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        func snapshot() throws -> [String: Data] {
            let files = FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String } ?? []
            return try Dictionary(uniqueKeysWithValues: files.sorted().compactMap { name -> (String, Data)? in
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path, isDirectory: &isDirectory)
                return !exists || isDirectory.boolValue ? nil : (name, try Data(contentsOf: dir.appendingPathComponent(name)))
            })
        }
        let before = try snapshot()
        XCTAssertEqual(before.count, 4, "page, two pictures, viewer")
        // English: every file changes, and the new set does not fit beside the old one.
        let second = try CLIRunner.run(["docs", "-o", dir.path, "--language", "en"])
        XCTAssertEqual(second.status, 1)
        XCTAssertTrue(second.stderr.contains("is the disk full?") || second.stderr.contains("No space left"), second.stderr)
        XCTAssertEqual(try snapshot(), before, "every old file as it was, and no temporary file")
        #else
        throw XCTSkip("Linux only")
        #endif
    }
}
