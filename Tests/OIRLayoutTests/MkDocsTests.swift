import Foundation
import XCTest
import OIRTestSupport

/// The `docs` page in real MkDocs sites: plain MkDocs and MkDocs Material, with and without
/// `use_directory_urls`, served on 127.0.0.1 and opened in headless Chromium. Every picture loads,
/// and the one shown follows the reader's preference (plain) or Material's palette.
final class MkDocsTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func binary() -> URL {
        final class Marker {}
        var folder = Bundle(for: Marker.self).bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("oir-diagram")
    }

    @discardableResult
    private func run(_ executable: String, _ arguments: [String], in folder: URL? = nil) throws -> (Int32, String) {
        if executable == "chromium", folder == nil {
            let result = try Chromium.run(arguments)
            return (result.status, String(decoding: result.out + result.err, as: UTF8.self))
        }
        let result = executable.hasPrefix("/") ? try ExternalTool.runOwn(URL(fileURLWithPath: executable), arguments, in: folder)
            : try ExternalTool.run(executable, arguments, in: folder)
        return (result.status, result.output + result.errors)
    }

    /// Mean luminance (0–1) of a region of a screenshot.
    private func luminance(_ png: URL, x: Int, y: Int, width: Int, height: Int, folder: URL) throws -> Double {
        let mean = try PNGProbe.measure(png, region: (x, y, width, height), scratch: folder).mean
        return (0.2126 * mean[0] + 0.7152 * mean[1] + 0.0722 * mean[2]) / 255
    }

    func testTheDocsPageWorksInPlainMkDocsAndMaterialWithBothURLStyles() throws {
        try ExternalTool.require("chromium")
        try ExternalTool.require("python3", "mkdocs", "material")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oir-mkdocs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("docs"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (docsStatus, docsOutput) = try run(binary().path, ["docs", "-o", folder.appendingPathComponent("docs").path])
        XCTAssertEqual(docsStatus, 0, docsOutput)

        // name, theme, palette, use_directory_urls; the picture's region in a 1200 × 1400 window; dark preference.
        let sites: [(String, String, String?, Bool, (Int, Int, Int, Int), Bool, Bool)] = [
            ("plain", "mkdocs", nil, true, (420, 450, 650, 400), false, false),
            ("plain-dark", "mkdocs", nil, false, (420, 450, 650, 400), true, true),
            ("material", "material", "default", false, (120, 450, 750, 450), false, false),
            ("material-slate", "material", "slate", true, (120, 450, 750, 450), false, true),
        ]
        let port = 18_000 + Int(getpid() % 2_000)
        let log = folder.appendingPathComponent("server.log")
        let server = try ExternalTool.start("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1"], in: folder, log: log)
        defer { server.terminate() }
        usleep(500_000)
        for (name, theme, palette, directoryURLs, region, darkPreference, expectDark) in sites {
            var config = "site_name: Test\nuse_directory_urls: \(directoryURLs)\ntheme:\n  name: \(theme)\n"
            if let palette { config += "  palette:\n    scheme: \(palette)\n" }
            try config.write(to: folder.appendingPathComponent("\(name).yml"), atomically: true, encoding: .utf8)
            let (status, output) = try run("python3", ["-m", "mkdocs", "build", "--strict", "-q", "-f", "\(name).yml", "-d", "site-\(name)"], in: folder)
            XCTAssertEqual(status, 0, "\(name): \(output)")
            let page = "http://127.0.0.1:\(port)/site-\(name)/sf1590a-bilag1/" + (directoryURLs ? "" : "index.html")
            let shot = folder.appendingPathComponent("\(name).png")
            try run("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=4000",
                                 "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--window-size=1200,1400",
                                 "--screenshot=\(shot.path)"] + (darkPreference ? ["--force-dark-mode"] : []) + [page])
            let light = try luminance(shot, x: region.0, y: region.1, width: region.2, height: region.3, folder: folder)
            if expectDark {
                XCTAssertLessThan(light, 0.3, "\(name): the dark picture is shown")
            } else {
                XCTAssertGreaterThan(light, 0.7, "\(name): the light picture is shown")
            }
        }
        server.terminate()
        server.waitUntilExit()
        let requests = try String(contentsOf: log, encoding: .utf8)
        XCTAssertFalse(requests.contains("\" 404 "), "nothing is missing:\n\(requests)")
        for (name, _, _, _, _, _, _) in sites {
            XCTAssertTrue(requests.contains("GET /site-\(name)/sf1590a-bilag1/sf1590a-bilag1.svg HTTP/1.1\" 200"), "\(name): the light picture loads")
            XCTAssertTrue(requests.contains("GET /site-\(name)/sf1590a-bilag1/sf1590a-bilag1-dark.svg HTTP/1.1\" 200"), "\(name): the dark picture loads")
        }
    }
}
