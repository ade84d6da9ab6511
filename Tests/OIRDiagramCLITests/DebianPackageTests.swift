import Foundation
import XCTest
import OIRTestSupport

/// The package a Debian or Ubuntu user installs (`./setup.sh --deb`): installed with apt into a
/// clean Debian root made by debootstrap from the machine's Debian mirror, it renders the official
/// diagram there, and `man oir-diagram` shows its page.
final class DebianPackageTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The Debian mirror apt uses here (deb822 sources or the one-line list).
    private func mirror() -> String? {
        for file in ["/etc/apt/sources.list.d/debian.sources", "/etc/apt/sources.list"] {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                if words.first == "URIs:", let uri = words.dropFirst().first(where: { !$0.contains("security") }) { return uri }
                if words.first == "deb", let uri = words.first(where: { $0.hasPrefix("http") }), !uri.contains("security") { return uri }
            }
        }
        return nil
    }

    func testThePackageInstallsIntoACleanDebianRootAndRuns() throws {
        guard getuid() == 0 else { throw XCTSkip("debootstrap and chroot need root") }
        guard let swift = ExternalTool.path(of: "swift") else { throw XCTSkip("no swift on PATH to build the release binary with") }
        guard let mirror = mirror() else { throw XCTSkip("no Debian mirror in the apt sources") }
        try ExternalTool.require("debootstrap", "dpkg-deb")
        let folder = try temporaryFolder()
        // The release binary as StaticBinaryTests builds it (its own scratch folder).
        let scratch = root.appendingPathComponent(".build-static")
        let build = try CLIRunner.run(["build", "-c", "release", "--product", "oir-diagram", "--static-swift-stdlib",
                                       "--package-path", root.path, "--scratch-path", scratch.path], executable: URL(fileURLWithPath: swift))
        XCTAssertEqual(build.status, 0, build.stderr)
        let made = try ExternalTool.run("sh", [root.appendingPathComponent(".ci/deb").path,
                                               scratch.appendingPathComponent("release/oir-diagram").path, folder.path])
        XCTAssertEqual(made.status, 0, made.errors)
        let package = URL(fileURLWithPath: made.output.trimmingCharacters(in: .whitespacesAndNewlines))
        let contents = try ExternalTool.run("dpkg-deb", ["--contents", package.path]).output
        for path in ["./usr/bin/oir-diagram", "./usr/share/man/man1/oir-diagram.1.gz", "./usr/share/bash-completion/completions/oir-diagram",
                     "./usr/share/zsh/vendor-completions/_oir-diagram", "./usr/share/fish/vendor_completions.d/oir-diagram.fish"] {
            XCTAssertTrue(contents.contains(path), "\(path) in the package:\n\(contents)")
        }
        let fields = try ExternalTool.run("dpkg-deb", ["--field", package.path, "Depends"]).output
        XCTAssertTrue(fields.contains("libgvc6") && fields.contains("fonts-dejavu-core"), fields)

        // A clean Debian root: only what debootstrap's minimal base brings.
        let system = folder.appendingPathComponent("debian")
        let bootstrap = try ExternalTool.run("debootstrap", ["--variant=minbase", "bookworm", system.path, mirror])
        XCTAssertEqual(bootstrap.status, 0, String(bootstrap.errors.suffix(2000)))
        defer { _ = try? ExternalTool.run("umount", ["-l", system.appendingPathComponent("proc").path]) }
        try FileManager.default.copyItem(at: package, to: system.appendingPathComponent("tmp/\(package.lastPathComponent)"))
        let script = """
            set -e
            mount -t proc proc /proc || true
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -q >/dev/null
            apt-get install -y -q --no-install-recommends /tmp/\(package.lastPathComponent) man-db >/dev/null
            cd /tmp && oir-diagram render -o bilag1.svg && oir-diagram render -o bilag1.pdf >/dev/null
            head -c 200 bilag1.svg | grep -c '<svg' ; head -c 4 bilag1.pdf; echo
            MANWIDTH=80 man -P cat oir-diagram | head -5
            """
        let inside = try ExternalTool.run("chroot", [system.path, "/bin/sh", "-c", script])
        XCTAssertEqual(inside.status, 0, String((inside.output + inside.errors).suffix(3000)))
        XCTAssertTrue(inside.output.contains("bilag1.svg"), inside.output)
        XCTAssertTrue(inside.output.contains("%PDF"), "a PDF through Graphviz's cairo plugin: \(inside.output)")
        XCTAssertTrue(inside.output.contains("OIR-DIAGRAM(1)") && inside.output.contains("ØiR Finans"), "the manual page: \(inside.output)")
    }
}
