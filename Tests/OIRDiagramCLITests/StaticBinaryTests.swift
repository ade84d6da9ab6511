import Foundation
import XCTest
import OIRTestSupport

/// The release binary that `./setup.sh --install` puts on PATH runs without the Swift toolchain:
/// built with the Swift runtime linked in, and run here with the toolchain's library folder out
/// of reach.
final class StaticBinaryTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func run(_ executable: String, _ arguments: [String], in folder: URL? = nil) throws -> CLIResult {
        try CLIRunner.run(arguments, in: folder, executable: URL(fileURLWithPath: executable))
    }

    func testTheReleaseBinaryRunsWithoutTheSwiftToolchain() throws {
        // The toolchain is what runs the tests, so it is there; no list names it.
        guard let swift = ExternalTool.path(of: "swift") else { throw XCTSkip("no swift on PATH to build the release binary with") }
        // Its own build folder (ignored by git), so it does not wait for the one `swift test` holds.
        let scratch = root.appendingPathComponent(".build-static")
        let build = try run(swift, ["build", "-c", "release", "--product", "oir-diagram", "--static-swift-stdlib",
                                    "--package-path", root.path, "--scratch-path", scratch.path])
        XCTAssertEqual(build.status, 0, build.stderr)
        let binary = scratch.appendingPathComponent("release/oir-diagram").path

        let libraries = try ExternalTool.run("ldd", [binary]).output
        XCTAssertFalse(libraries.contains("libswift") || libraries.contains("libFoundation") || libraries.contains("libdispatch"),
                       "no Swift library is loaded at run time:\n\(libraries)")
        XCTAssertTrue(libraries.contains("libgvc"), libraries)

        // The toolchain's runtime folder, e.g. /opt/swift/usr/lib/swift.
        let toolchainLibraries = URL(fileURLWithPath: swift).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lib/swift").path
        let folder = try temporaryFolder()
        let script = "mount -t tmpfs tmpfs '\(toolchainLibraries)' && ls -A '\(toolchainLibraries)' | wc -l && '\(binary)' --version && '\(binary)' render -o bilag1.pdf"
        guard getuid() == 0, try ExternalTool.run("unshare", ["-m", "true"]).status == 0 else {
            throw XCTSkip("hiding the toolchain needs root and a mount namespace (unshare -m); ldd was checked")
        }
        let hidden = try ExternalTool.run("unshare", ["-m", "/bin/sh", "-c", script], in: folder)
        XCTAssertEqual(hidden.status, 0, hidden.errors)
        XCTAssertEqual(hidden.output.split(separator: "\n").first, "0", "the toolchain's library folder was empty for the run")
        XCTAssertTrue(hidden.output.contains("0.3.0"), hidden.output)
        XCTAssertTrue(try Data(contentsOf: folder.appendingPathComponent("bilag1.pdf")).starts(with: Data("%PDF".utf8)))
    }

    func testVersion() throws {
        let result = try CLIRunner.run(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertNotNil(result.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression), result.stdout)
    }
}
