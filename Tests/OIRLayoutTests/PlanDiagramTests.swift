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
        XCTAssertTrue(content.bands[2].lanes[2].items.allSatisfy { $0.key.hasSuffix("@B") })
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
        XCTAssertEqual(items["TF108@A"]?.dependencies, [DependencyContent(key: nil, label: "FF102 ✓", kind: .satisfied)])
        XCTAssertEqual(items["TF109@A"]?.dependencies, [DependencyContent(key: "TF108@A", label: "TF108", kind: .precedence)])
        // TB201 waits for TF105 of any fagsystem: one stub.
        XCTAssertEqual(items["TB201"]?.dependencies.map(\.label), ["FM003", "TF105"])
        XCTAssertTrue(content.notes.contains { $0.contains("regnes som opfyldt") })
    }

    func testLayoutPlacesEveryBoxOnce() throws {
        let content = try content(plan())
        let diagram = Diagram.layout(content)
        XCTAssertEqual(diagram.boxes.map(\.key).sorted(), content.items.map(\.key).sorted())
        XCTAssertTrue(diagram.stubs.contains { $0.kind == .satisfied && $0.label == "FF102 ✓" && $0.target == "TF108@A" })
        XCTAssertTrue(diagram.legend.contains { $0.sample == .status(.ready) })
        XCTAssertTrue(diagram.boxes.allSatisfy { $0.status != nil })
    }
}
