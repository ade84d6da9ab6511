import Foundation
import OIRContent
import OIRModel
import OIRPipeline
@testable import OIRRender
import XCTest

/// Graphviz's warnings reach the user: the gateway hands them back with the bytes and the
/// commands say each once. For what this tool draws they do not occur: every example, in every
/// built-in style and every format Graphviz draws, comes back without one.
final class GraphvizWarningTests: XCTestCase {
    func testTheGatewayHandsBackWhatGraphvizWarnsAbout() throws {
        let (_, warnings) = try GraphvizGateway.shared.render(dot: "digraph g { a [shape=nosuchshape, pos=\"10,10\"]; }",
                                                              engine: GraphvizGraph.engine, format: "svg")
        XCTAssertTrue(warnings.contains { $0.contains("nosuchshape") }, "\(warnings)")
    }

    func testNoExampleInAnyStyleOrFormatMakesGraphvizWarn() throws {
        let root = Golden.packageRoot
        let catalog = try Catalog.builtIn()
        let debitor = try Catalog.load(path: root.appendingPathComponent("Examples/eksempel-debitor/katalog.yaml").path)
        var subjects: [(String, Pipeline.Subject)] = [("official", .official(catalog)), ("debitor", .official(debitor))]
        for name in ["eksempel-kommune", "masseleverance", "vesterhavn-i-gang"] {
            let file = try PlanFile.load(path: root.appendingPathComponent("Examples/plans/\(name).yaml").path, catalog: catalog)
            subjects.append((name, .plan(try file.plans[0].scope(catalog), catalog, PlanDiagramOptions(showPeople: true))))
        }
        let debitorPlan = try PlanFile.load(path: root.appendingPathComponent("Examples/eksempel-debitor/plan.yaml").path, catalog: debitor)
        subjects.append(("debitor plan", .plan(try debitorPlan.plans[0].scope(debitor), debitor)))
        for styleName in Style.builtInNames {
            let style = try Style.builtIn(styleName)
            for (name, subject) in subjects {
                let content = Pipeline.content(subject, style: style)
                // PNG draws through the same cairo plugin as PDF: once per style is enough.
                let formats: [OutputFormat] = name == "official" ? [.svg, .pdf, .png] : [.svg, .pdf]
                for format in formats {
                    let rendered = try Pipeline.rendered(content, options: RenderOptions(format: format, style: style))
                    XCTAssertEqual(rendered.warnings, [], "\(name) in \(styleName) as \(format)")
                }
            }
        }
    }
}
