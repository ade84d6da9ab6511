import Foundation
import OIRModel
import XCTest

/// One kommune's problem is that kommune's: two that clash are left out, each with the problem,
/// and the rest are drawn; names in other scripts keep distinct file names.
final class KommuneIsolationTests: XCTestCase {
    private let rollout = """
        standard:
          bogføringssystem: {navn: Øko}
          fagsystemer: [{navn: Sag, leverance: [straks], sortiment: abonnement}]
        kommuner:
          - kommune: Ærø Kommune
          - kommune: Nordby Kommune
          - kommune: Aeroe Kommune
          - kommune: 日本 Kommune
          - kommune: 中国 Kommune
          - kommune: Łódź Kommune
        """

    func testClashingKommunerAreLeftOutAndTheRestRender() throws {
        let dir = try temporaryFolder()
        let path = try write(rollout, "udrulning.yaml", in: dir)
        let out = dir.appendingPathComponent("plans")
        let result = try CLIRunner.run(["render", "--plan", path, "--all", "-o", out.path + "/"])
        XCTAssertEqual(result.status, 1, "the clash is a problem")
        XCTAssertTrue(result.stderr.contains("kommune 'Aeroe Kommune' gets the same file name as 'Ærø Kommune'"), result.stderr)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        XCTAssertEqual(files.count, 4, "\(files)")
        XCTAssertTrue(files.contains("nordby-kommune-plan.svg"))
        XCTAssertTrue(files.contains("lodz-kommune-plan.svg"), "Latin letters are spelled out: \(files)")
        XCTAssertFalse(files.contains { $0.hasPrefix("aeroe") }, "neither of the clashing two")
        XCTAssertEqual(files.filter { $0.hasPrefix("kommune-") }.count, 2, "two names in other scripts, two files: \(files)")
        let other = try CLIRunner.run(["plan", path, "--kommune", "Nordby Kommune", "--format", "json"])
        XCTAssertEqual(other.status, 0, "another kommune's problem does not stop this one: \(other.stderr)")
    }

    func testSlugsKeepNamesInOtherScriptsDistinct() {
        XCTAssertEqual(Slug.words("Łódź Kommune"), "lodz-kommune")
        XCTAssertEqual(Slug.words("Straße"), "strasse")
        XCTAssertEqual(Slug.words("Åbjerg Kommune"), "aabjerg-kommune")
        XCTAssertNotEqual(Slug.words("日本 Kommune"), Slug.words("中国 Kommune"))
        XCTAssertTrue(Slug.words("日本 Kommune").hasPrefix("kommune-"))
        XCTAssertFalse(Slug.words("日本").isEmpty)
    }
}
