import OIRTestSupport
import XCTest
import OIRContent
import OIRLayout
import OIRModel
import OIRPipeline
import OIRPublish
import OIRRender
import OIRRouting

/// The plan diagram's content: lanes per fagsystem, status, satisfied dependencies.
final class PlanDiagramTests: XCTestCase {
    private func content(_ plan: SF1590APlan) throws -> DiagramContent {
        let catalog = try Catalog.builtIn()
        return DiagramContent.plan(try plan.scope(catalog), catalog: catalog)
    }

    private func plan(firstTime: Bool = true) -> SF1590APlan {
        SF1590APlan(kommune: "Eksempel Kommune", date: "2024-05-01", firstTime: firstTime,
             bookkeeping: BookkeepingSystem(name: "Økonomisystem X", authority: "Eksempel Kommune"),
             fagsystems: [
                Fagsystem(name: "A", deliveries: [.immediate], assortment: .subscription, authority: "Eksempel Kommune"),
                Fagsystem(name: "B", firstTime: false, deliveries: [.bulk], assortment: .manual, authority: "Eksempel Kommune"),
             ],
             status: [StatusEntry(key: "FM001", status: .done), StatusEntry(key: "TF103@A", status: .inProgress)])
    }

    func testLanesPerFagsystemLabelledAndEmptyLanesLeftOut() throws {
        let content = try content(plan())
        XCTAssertEqual(content.bands.map { $0.lanes.map(\.label) }, [
            ["Myndighed: Eksempel Kommune"],
            ["Fagsystem: A", "Økonomisystem X"],
            ["Fagsystem: A", "Økonomisystem X for A", "Fagsystem: B", "Økonomisystem X for B"],
        ], "B is not new: it has no Klargøring lane")
        XCTAssertEqual(Set(content.bands[2].lanes[0].items.map(\.key)).isSuperset(of: ["TF108@A", "TF103@A"]), true)
        XCTAssertTrue(content.bands[2].lanes[2].items.allSatisfy { $0.key.instance == "B" })
        var later = plan(firstTime: false)
        later.status.removeAll { $0.key == "FM001" }
        let noKommuneBand = try self.content(later)
        XCTAssertEqual(noKommuneBand.bands.count, 2)
    }

    func testHeaderStatusAndSatisfiedStubs() throws {
        let content = try content(plan())
        XCTAssertTrue(content.title.contains("Eksempel Kommune"))
        XCTAssertTrue(content.title.contains("2024-05-01"))
        XCTAssertTrue(content.showsStatus)
        XCTAssertTrue(content.items.allSatisfy { $0.status != nil })
        let items = Dictionary(content.items.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(items["FM001"]?.status, .done)
        XCTAssertEqual(items["TF103@A"]?.status, .inProgress)
        XCTAssertEqual(items["FM002"]?.status, .ready)
        XCTAssertEqual(items["TF109@A"]?.status, .blocked)
        // Same myndighed: TF108 waits for no data exchange agreement, and the diagram says so.
        XCTAssertEqual(items["TF108@A"]?.dependencies, [DependencyContent(key: nil, label: "FF102 √", kind: .satisfied)])
        XCTAssertEqual(items["TF109@A"]?.dependencies, [DependencyContent(key: "TF108@A", label: "TF108", kind: .precedence)])
        // TB201 waits for TF105 of any fagsystem: one stub.
        XCTAssertEqual(items["TB201"]?.dependencies.map(\.label), ["FM003", "TF105"])
        XCTAssertTrue(content.notes.contains { $0.contains("regnes som opfyldt") })
    }

    func testLayoutPlacesEveryBoxOnce() throws {
        let content = try content(plan())
        let diagram = routed(content)
        XCTAssertEqual(diagram.boxes.map(\.key).sorted(), content.items.map(\.key).sorted())
        XCTAssertTrue(diagram.stubs.contains { $0.kind == .satisfied && $0.label == "FF102 √" && $0.target == "TF108@A" })
        XCTAssertTrue(diagram.legend.contains { $0.sample == .status(.ready) })
        XCTAssertTrue(diagram.boxes.allSatisfy { $0.status != nil })
    }
}

/// Legends and notes keep every word: a narrow diagram gets fewer legend columns and wrapped
/// notes, never a text cut with "…".
final class LegendTextTests: XCTestCase {
    func testNoLegendTextOrNoteIsCutInAnyExampleOrNarrowPlan() throws {
        let catalog = try Catalog.builtIn()
        var contents = [Pipeline.content(.official(catalog)), Pipeline.content(.official(catalog), labels: .builtIn(.en))]
        let plans = Golden.packageRoot.appendingPathComponent("Examples/plans")
        for name in ["eksempel-kommune", "masseleverance", "vesterhavn-i-gang", "udrulning"] {
            for plan in try PlanFile.load(path: plans.appendingPathComponent("\(name).yaml").path, catalog: catalog).plans {
                contents.append(Pipeline.content(.plan(try plan.scope(catalog), catalog)))
                contents.append(Pipeline.content(.plan(try plan.scope(catalog), catalog), labels: .builtIn(.en)))
            }
        }
        // The narrowest plan there is: one fagsystem, nothing but Masseleverance, nothing new.
        let narrow = SF1590APlan(kommune: "Smal Kommune", firstTime: false, bookkeeping: BookkeepingSystem(name: "Ø", firstTime: false, authority: "Smal Kommune"),
                                 fagsystems: [Fagsystem(name: "F", firstTime: false, deliveries: [.bulk], assortment: .manual, authority: "Smal Kommune")])
        contents.append(Pipeline.content(.plan(try narrow.scope(catalog), catalog)))
        for content in contents {
            let diagram = Pipeline.diagram(content, style: try Style.builtIn("official"))
            for entry in diagram.legend {
                XCTAssertFalse(entry.label.hasSuffix("…"), "\(content.name): legend text cut: \(entry.label)")
                let right = entry.rect.maxX + 10 + TextMetrics.width(entry.label, size: 9)
                XCTAssertLessThanOrEqual(right, diagram.size.width, "\(content.name): \(entry.label) runs off the picture")
            }
            let noteLines = diagram.notes.filter { $0.role == .note && $0.text != content.labels.text("choice.or") }
            XCTAssertEqual(noteLines.map(\.text).joined(separator: " ").split(separator: " "),
                           content.notes.joined(separator: " ").split(separator: " "), "\(content.name): every word of the notes")
            for line in noteLines {
                XCTAssertLessThanOrEqual(line.at.x + TextMetrics.width(line.text, size: line.size), diagram.size.width, "\(content.name): \(line.text)")
            }
        }
    }
}

/// A legend shows what the current diagram and style show.
final class LegendSampleTests: XCTestCase {
    func testAPlansKlikSampleIsTheBorderItsBoxesHaveAndNotesNameNoColour() throws {
        let catalog = try Catalog.builtIn()
        let plan = try PlanFile.load(path: Golden.packageRoot.appendingPathComponent("Examples/plans/eksempel-kommune.yaml").path, catalog: catalog)
        for styleName in ["official", "print", "dark"] {
            let style = try Style.builtIn(styleName)
            let content = Pipeline.content(.plan(try plan.plans[0].scope(catalog), catalog))
            let svg = String(decoding: try Pipeline.render(content, options: RenderOptions(format: .svg, style: style)), as: UTF8.self)
            XCTAssertTrue(svg.contains("class=\"node legend-box klik-frame\""), styleName)
            XCTAssertFalse(svg.contains("class=\"node legend-box klik\""), "\(styleName): no KLIK fill that no plan box has")
            XCTAssertFalse(svg.contains(style["box.klik.fill"].lowercased() + "\" stroke"), styleName)
            for note in content.notes {
                for colour in ["Grøn", "grøn", "blå", "Green", "green", "blue"] { XCTAssertFalse(note.contains(colour), "\(styleName): \(note)") }
            }
        }
        let official = String(decoding: try Pipeline.render(Pipeline.content(.official(catalog)),
                                                             options: RenderOptions(format: .svg, style: try Style.builtIn("official"))), as: UTF8.self)
        XCTAssertTrue(official.contains("class=\"node legend-box klik\""), "Bilag 1's blue KLIK sample stays")
    }

    /// An overdue box has the overdue border and a projected-late one the dashed late border,
    /// from style roles, in every built-in style, and the legend names both.
    func testOverdueAndProjectedLateBoxesHaveTheirBordersAndLegend() throws {
        let catalog = try Catalog.builtIn()
        let text = """
            kommune: K
            dato: 2025-03-10
            start: 2025-03-03
            bogføringssystem: {navn: Øko}
            fagsystemer: [{navn: A, leverance: [straks], sortiment: abonnement}]
            varighed: {FM001: 1, FM002: 20}
            status:
              FM001: {frist: 2025-03-05}
              FM002: {frist: 2025-03-14}
            """
        let scoped = try PlanFile.parse(text, file: "p.yaml", catalog: catalog).plans[0].scope(catalog)
        for name in Style.builtInNames {
            let style = try Style.builtIn(name)
            let content = Pipeline.content(.plan(scoped, catalog), style: style)
            let laidOut = Pipeline.diagram(content, style: style)
            let boxes = Dictionary(laidOut.diagram.boxes.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
            XCTAssertEqual(boxes["FM001"]?.overdue, true, name)
            XCTAssertEqual(boxes["FM002"]?.late, true, "\(name): 20 days from 2025-03-10 end after its frist")
            XCTAssertEqual(boxes["FM003"]?.late, false)
            XCTAssertTrue(laidOut.diagram.legend.contains { $0.sample == .overdue } && laidOut.diagram.legend.contains { $0.sample == .projectedLate },
                          "\(name): the legend names both borders")
            let dot = String(decoding: try Renderer.render(laidOut, options: RenderOptions(format: .dot, style: style)), as: UTF8.self)
            // A node's whole statement (its tooltip may span lines).
            func node(_ id: String) -> String {
                guard let at = dot.range(of: "id=\"\(id)\""),
                      let start = dot.range(of: "\n  \"", options: .backwards, range: dot.startIndex..<at.lowerBound),
                      let end = dot.range(of: "];", range: at.upperBound..<dot.endIndex) else { return "" }
                return String(dot[start.upperBound..<end.lowerBound])
            }
            let overdue = node("opgave-fm001"), late = node("opgave-fm002"), plain = node("opgave-fm003")
            XCTAssertTrue(overdue.contains("color=\"\(style["status.overdue.border"])\""), "\(name): \(overdue)")
            XCTAssertTrue(overdue.contains("penwidth=\"\(style["status.overdue.width"])\""), "\(name): \(overdue)")
            XCTAssertTrue(late.contains("color=\"\(style["status.projected_late.border"])\"") && late.contains("dashed"), "\(name): \(late)")
            XCTAssertFalse(plain.contains("dashed"), "\(name): \(plain)")
            let width = { (statement: String) in Double(statement.components(separatedBy: "penwidth=\"").last?.prefix { $0 != "\"" } ?? "") ?? 0 }
            XCTAssertGreaterThan(width(overdue), width(plain), "\(name): the overdue border is heavier than another box's")
            let svg = String(decoding: try Renderer.render(laidOut, options: RenderOptions(format: .svg, style: style)), as: UTF8.self)
            XCTAssertTrue(svg.contains(".opgave.forsinket polygon"), "\(name): a CSS rule for the overdue border")
        }
    }
}
