import Foundation
import XCTest

/// `render --check` and `docs --check` agree on a page's SVG: the SVG docs wrote declares its
/// link base (`data-link-base`), and render, given no `--link-base`, keeps it for that file.
final class DocsCheckCLITests: XCTestCase {
    func testRenderChecksAndRewritesADocsPageSVGAsDocsWroteIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oir-docs-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan.yaml")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
            kommune: Testby Kommune
            dato: 2025-03-10
            bogføringssystem: {navn: Øko, myndighed: Testby Kommune, første_gang: true}
            fagsystemer:
              - {navn: Sag, myndighed: Testby Kommune, første_gang: true, sortiment: abonnement, leverance: [straks]}
            """.write(to: plan, atomically: true, encoding: .utf8)
        let site = folder.appendingPathComponent("site").path
        let pages: [(docs: [String], svg: String, render: [String])] = [
            (["docs"], site + "/sf1590a-bilag1/sf1590a-bilag1.svg", ["render"]),
            (["docs", "--plan", plan.path], site + "/testby-kommune-plan/testby-kommune-plan.svg", ["render", "--plan", plan.path]),
        ]
        for page in pages {
            let docs = try CLIRunner.run(page.docs + ["-o", site])
            XCTAssertEqual(docs.status, 0, docs.stderr)
            let written = try Data(contentsOf: URL(fileURLWithPath: page.svg))
            XCTAssertTrue(String(decoding: written.prefix(800), as: UTF8.self).contains("data-link-base=\"index.html\""), page.svg)
            let check = try CLIRunner.run(page.render + ["-o", page.svg, "--check"])
            XCTAssertEqual(check.status, 0, "render --check agrees with docs on \(page.svg): \(check.stderr)")
            let rewrite = try CLIRunner.run(page.render + ["-o", page.svg])
            XCTAssertEqual(rewrite.status, 0, rewrite.stderr)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: page.svg)), written, "rendered in place, the page's SVG keeps its links")
            let other = try CLIRunner.run(page.render + ["-o", page.svg, "--check", "--link-base", "https://example.org/opgaver"])
            XCTAssertEqual(other.status, 1, "an explicit --link-base still counts: \(other.stderr)")
            let docsCheck = try CLIRunner.run(page.docs + ["-o", site, "--check"])
            XCTAssertEqual(docsCheck.status, 0, "docs --check agrees after render wrote in place: \(docsCheck.stderr)")
        }
        // A file render wrote without --link-base declares nothing: the integration's page stays the default.
        let plain = folder.appendingPathComponent("plain.svg").path
        XCTAssertEqual(try CLIRunner.run(["render", "-o", plain]).status, 0)
        XCTAssertFalse(try String(contentsOfFile: plain, encoding: .utf8).contains("data-link-base"))
    }
}
