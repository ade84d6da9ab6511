import OIRModel
import OIRPublish
import OIRTestSupport
import XCTest

/// The checklist formats of `oir-diagram plan`.
final class PlanExportTests: XCTestCase {
    private func scoped(fagsystem name: String = "A") throws -> (ScopedPlan, Catalog) {
        let catalog = try Catalog.builtIn()
        let plan = SF1590APlan(kommune: "K", date: "2024-05-01", bookkeeping: BookkeepingSystem(name: "Øko", authority: "K"),
                        fagsystems: [Fagsystem(name: name, deliveries: [.immediate], assortment: .manual, authority: "Anden")],
                        status: [StatusEntry(key: "FM001", status: .done)])
        return (try plan.scope(catalog), catalog)
    }

    func testCSVQuotesFieldsWithCommasAndQuotes() throws {
        let (plan, catalog) = try scoped(fagsystem: #"Sag "X", v2"#)
        let csv = plan.export(.csv, catalog: catalog)
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}nøgle,id,fagsystem,titel,ansvarlig,udførende,afhænger_af,koordineres_med,status,statuskode,dato,klar,ansvarlig_person,"))
        XCTAssertTrue(csv.contains(#"\r\n"TF109@Sag ""X"", v2",TF109,"Sag ""X"", v2",Godkendelse af serviceaftale for SP webservice,"#.replacingOccurrences(of: #"\r\n"#, with: "\r\n")), csv)
        XCTAssertTrue(csv.contains("\r\nFM001,FM001,,Myndighedens adgang til det fælleskommunale sortimentssystem,Infrastruktursystemejer,Infrastruktursystemansvarlig,,,udført,udført,,nej,,,,,,,,nej,nej,,,,,,nej\r\n"), csv)
    }

    func testRolesAreNamedAfterThePlansSystems() throws {
        let (plan, catalog) = try scoped()
        let rows = plan.rows(catalog: catalog)
        let fb205 = try XCTUnwrap(rows.first { $0.key == "FB205@A" })
        XCTAssertEqual(fb205.responsible, "Systemansvarlig for Øko")
        XCTAssertEqual(fb205.performer, "Forvaltningsansvarlig for Øko")
        let tf108 = try XCTUnwrap(rows.first { $0.key == "TF108@A" })
        XCTAssertEqual(tf108.performer, "Forvaltningsansvarlig for A")
        XCTAssertEqual(rows.first { $0.key == "FF102@A" }?.coordinatedWith, "FB204@A")
    }

    func testJSONEscapesAndWritesNull() throws {
        let (plan, catalog) = try scoped(fagsystem: #"Sag "X""#)
        let json = plan.export(.json, catalog: catalog)
        XCTAssertTrue(json.hasPrefix("{\n  \"kommune\": \"K\",\n  \"dato\": \"2024-05-01\",\n  \"forventet_slut\": null,\n  \"opgaver\": [\n    {\n      \"nøgle\": \"FM001\",\n      \"id\": \"FM001\",\n      \"fagsystem\": null,\n"), json)
        XCTAssertTrue(json.contains(#""nøgle": "TF108@Sag \"X\"""#), json)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(json.utf8)))
    }

    func testMarkdownEscapesPipes() throws {
        let (plan, catalog) = try scoped(fagsystem: "A|B")
        let markdown = plan.export(.markdown, catalog: catalog)
        XCTAssertTrue(markdown.hasPrefix("# Implementeringsplan for K (2024-05-01)\n\n"))
        XCTAssertTrue(markdown.contains(#"| TF108@A\|B | Oprettelse af serviceaftale for SP webservice |"#), markdown)
    }
}
