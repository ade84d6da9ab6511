import Foundation
import XCTest
import OIRTestSupport
@testable import OIRContent
@testable import OIRLayout
@testable import OIRModel
@testable import OIRPipeline
@testable import OIRRender
import OIRRouting

/// The layout fits the page it is rendered for, and PDF and PNG fill that page: readable box
/// text on A3, small margins, a PNG whose pixels follow the page and `dpi`.
final class PageTests: XCTestCase {
    private var catalog: Catalog!
    private var style: Style!
    private var scratch: URL!

    override func setUpWithError() throws {
        catalog = try Catalog.builtIn()
        style = try Style.builtIn("official")
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("oir-page-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private func render(_ format: OutputFormat, page: Page? = nil, dpi: Double? = nil, style: Style? = nil) throws -> URL {
        var options = RenderOptions(format: format, style: style ?? self.style)
        options.page = page
        if let dpi { options.dpi = dpi }
        let data = try Pipeline.render(DiagramContent.official(catalog), options: options)
        let url = scratch.appendingPathComponent("\(UUID().uuidString).\(format.fileExtension)")
        try data.write(to: url)
        return url
    }

    /// Font size on paper of the words `pdftotext -bbox` finds: a word box is as high as the
    /// font's ascent plus descent, 1.164 em in DejaVu Sans (the built-in styles' font).
    private func fontSizes(of words: [String], in pdf: URL) throws -> [String: Double] {
        try wordSizes(in: pdf).filter { words.contains($0.key) }.compactMapValues(\.first)
    }

    func testTheOfficialDiagramOnA3HasReadableBoxTextAndSmallMargins() throws {
        try ExternalTool.require("pdftotext")
        try ExternalTool.require("pdftoppm")
        let pdf = try render(.pdf)
        try assertQPDFAccepts(pdf)
        let sizes = try fontSizes(of: ["FM001", "TF103", "TB208"], in: pdf)
        XCTAssertEqual(sizes.count, 3, "the box ids are text in the PDF")
        for (word, size) in sizes {
            XCTAssertGreaterThanOrEqual(size, 6.5, "\(word) is set in \(size) pt on A3")
        }
        // The painted area of the page: at most 5 % white on every side.
        _ = try runTool("pdftoppm", ["-r", "40", "-png", "-singlefile", pdf.path, scratch.appendingPathComponent("page").path])
        let picture = try PNGProbe.measure(scratch.appendingPathComponent("page.png"), scratch: scratch)
        let box = picture.inkBox
        let margins = [Double(box[0]) / Double(picture.width), Double(box[1]) / Double(picture.height),
                       Double(picture.width - 1 - box[2]) / Double(picture.width), Double(picture.height - 1 - box[3]) / Double(picture.height)]
        XCTAssertTrue(margins.allSatisfy { $0 <= 0.05 }, "margins left, top, right, bottom: \(margins)")
        XCTAssertTrue(margins.allSatisfy { $0 >= 0.005 }, "a printer's margin is kept: \(margins)")
    }

    func testTheLayoutTakesThePagesProportions() throws {
        let content = DiagramContent.official(catalog)
        let landscape = Pipeline.diagram(content, style: style, page: .a3)
        let portrait = Pipeline.diagram(content, style: style, page: .a3Portrait)
        let slide = Pipeline.diagram(content, style: style, page: .slide)
        let aspect = { (d: RoutedDiagram) in d.size.width / d.size.height }
        XCTAssertEqual(aspect(landscape), Page.a3.aspect, accuracy: 0.1)
        XCTAssertLessThan(aspect(portrait), aspect(landscape) * 0.8, "a portrait page gets a taller layout")
        XCTAssertGreaterThanOrEqual(aspect(slide), aspect(landscape), "a slide is at least as wide")
        XCTAssertNotEqual(portrait.size.height, landscape.size.height)
    }

    /// PNG and PDF fill the page: a PNG is the page at `dpi` pixels per inch; the style's
    /// `page:` counts as well as `--page`.
    func testPNGAndPDFFillTheirPage() throws {
        try ExternalTool.require("pdfinfo")
        let cases: [(Page?, Double?, Style?, Int, Int)] = [
            (nil, nil, nil, 2481, 1754), // A3 at 150 dpi
            (.a3, 72, nil, 1191, 842),
            (.slide, nil, nil, 2000, 1125),
            (.a3Portrait, 100, nil, 1169, 1654),
            (nil, 100, try Style.parse("name: a4\nbase: official\nroles:\n  page: a4\n", file: "a4.yaml"), 1169, 827),
        ]
        for (page, dpi, style, width, height) in cases {
            // The PNG header: width and height, big-endian, at bytes 16 and 20.
            let bytes = [UInt8](try Data(contentsOf: try render(.png, page: page, dpi: dpi, style: style)))
            let number = { (at: Int) in bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
            XCTAssertEqual(number(16), width, accuracy: 1, "\(page?.rawValue ?? "style") at \(dpi ?? 150) dpi")
            XCTAssertEqual(number(20), height, accuracy: 1, "\(page?.rawValue ?? "style") at \(dpi ?? 150) dpi")
        }
        for page in [Page.a4, .slide, .a3Portrait] {
            let pdf = try render(.pdf, page: page)
            try assertQPDFAccepts(pdf)
            let info = try XCTUnwrap(try runTool("pdfinfo", [pdf.path]))
            let size = try XCTUnwrap(info.split(separator: "\n").first { $0.hasPrefix("Page size:") }).split(separator: " ").compactMap { Double($0) }
            XCTAssertEqual(size.count, 2, info)
            XCTAssertEqual(size[0], page.points.width, accuracy: 1, "\(page)")
            XCTAssertEqual(size[1], page.points.height, accuracy: 1, "\(page)")
        }
    }

    /// Where one page would make box text too small (A4, the slide, A4 portrait), the PDF is split
    /// over pages: every task's box is on one of them, its text at least 6 pt and stub labels at
    /// least 5 pt; `--split none` keeps one page.
    func testSmallPagesSplitThePDFOverPagesOfReadableText() throws {
        try ExternalTool.require("pdftotext")
        try ExternalTool.require("pdfinfo")
        let ids = Set(catalog.tasks.map(\.id))
        for page in [Page.a4, .slide, .a4Portrait] {
            let pdf = try render(.pdf, page: page)
            try assertQPDFAccepts(pdf)
            XCTAssertEqual(try Data(contentsOf: pdf), try Data(contentsOf: try render(.pdf, page: page)), "same input, same bytes")
            let info = try XCTUnwrap(try runTool("pdfinfo", ["-l", "99", pdf.path]))
            let pages = info.split(separator: "\n").filter { $0.hasPrefix("Page ") && $0.contains("size:") }
            XCTAssertGreaterThan(pages.count, 1, "\(page): split over pages")
            for line in pages {
                let size = line.split(separator: " ").compactMap { Double($0) }.suffix(2)
                XCTAssertEqual(Array(size), [page.points.width.rounded(), page.points.height.rounded()], "\(page): \(line)")
            }
            let text = try XCTUnwrap(try runTool("pdftotext", [pdf.path, "-"]))
            XCTAssertTrue(text.contains("Side 1 af \(pages.count):") && text.contains("Side \(pages.count) af \(pages.count):"), "\(page): pages are numbered")
            let sizes = try wordSizes(in: pdf).filter { ids.contains($0.key) }
            XCTAssertEqual(Set(sizes.keys), ids, "\(page): every task is on a page")
            for (id, found) in sizes {
                XCTAssertGreaterThanOrEqual(found.max()!, 6, "\(page): \(id)'s box text")
                XCTAssertGreaterThanOrEqual(found.min()!, 5, "\(page): \(id) as a stub label")
            }
        }
        var one = RenderOptions(format: .pdf, style: style)
        one.page = .a4
        one.split = .none
        let url = scratch.appendingPathComponent("one.pdf")
        try Pipeline.render(DiagramContent.official(catalog), options: one).write(to: url)
        XCTAssertTrue(try XCTUnwrap(try runTool("pdfinfo", [url.path])).contains("Pages:           1"))
        XCTAssertNil(Pipeline.pages(DiagramContent.official(catalog), options: RenderOptions(format: .pdf, style: style)),
                     "A3 holds the official diagram readably on one page")
        // The committed examples are what the tool writes.
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/pages")
        for page in [Page.a4, .slide] {
            XCTAssertEqual(try Data(contentsOf: examples.appendingPathComponent("sf1590a-bilag1-\(page.rawValue).pdf")),
                           try Data(contentsOf: try render(.pdf, page: page)), "Examples/pages/sf1590a-bilag1-\(page.rawValue).pdf is current")
        }
    }

    /// Every size on paper at which each word is set, in reading order (see `fontSizes`).
    private func wordSizes(in pdf: URL) throws -> [String: [Double]] {
        let html = try XCTUnwrap(try runTool("pdftotext", ["-bbox", pdf.path, "-"]))
        var sizes: [String: [Double]] = [:]
        let pattern = try NSRegularExpression(pattern: #"yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">([^<]+)</word>"#)
        for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let text = String(html[Range(match.range(at: 3), in: html)!])
            let top = Double(html[Range(match.range(at: 1), in: html)!])!, bottom = Double(html[Range(match.range(at: 2), in: html)!])!
            sizes[text, default: []].append((bottom - top) / 1.164)
        }
        return sizes
    }
}
