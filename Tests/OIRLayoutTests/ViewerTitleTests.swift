import Foundation
import OIRModel
import OIRPipeline
import OIRRender
import XCTest

/// The viewer's search and panel show each task's title as the catalog gives it: never the box's
/// wrapped lines, with their hyphenation and the status line under them.
final class ViewerTitleTests: XCTestCase {
    /// The tasks of a viewer page's data block.
    private func viewerTasks(_ page: Data) throws -> [[String: Any]] {
        let html = String(decoding: page, as: UTF8.self)
        let start = try XCTUnwrap(html.range(of: "<script type=\"application/json\" id=\"viewer-data\">")?.upperBound, "the data block")
        let end = try XCTUnwrap(html.range(of: "</script>", range: start..<html.endIndex)?.lowerBound)
        let data = Data(html[start..<end].replacingOccurrences(of: "\\u003c", with: "<").utf8)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try XCTUnwrap(object["tasks"] as? [[String: Any]])
    }

    func testViewerTitlesAreTheCatalogsTitles() throws {
        let catalog = try Catalog.builtIn()
        let path = Golden.packageRoot.appendingPathComponent("Examples/plans/vesterhavn-i-gang.yaml").path
        let scoped = try PlanFile.load(path: path, catalog: catalog).plans[0].scope(catalog)
        XCTAssertTrue(scoped.instances.contains { $0.status != .notStarted }, "the plan records progress")
        let content = Pipeline.content(.plan(scoped, catalog))
        let diagram = Pipeline.diagram(content, style: try Style.builtIn("official"))
        // A title the box wraps with a hyphen, so the old way of reading it back would show.
        XCTAssertTrue(diagram.boxes.contains { box in box.lines.contains { $0.hasSuffix("-") } }, "some title is hyphenated in its box")
        for subject in [Pipeline.Subject.plan(scoped, catalog), .official(catalog)] {
            let page = try Pipeline.render(Pipeline.content(subject), options: RenderOptions(format: .html, style: try Style.builtIn("official")))
            let tasks = try viewerTasks(page)
            XCTAssertFalse(tasks.isEmpty)
            for task in tasks {
                let id = try XCTUnwrap(task["id"] as? String)
                XCTAssertEqual(task["title"] as? String, catalog.task(id)?.title, "\(task["key"] ?? id)")
            }
        }
    }
}
