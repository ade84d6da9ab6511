import XCTest
@testable import OIRModel

/// `PlanFileEditor`: edits land where the entries stand; everything else of the file, comments
/// and order included, stays as it was.
final class PlanFileEditorTests: XCTestCase {
    private let plan = """
        # Fjordby's plan
        kommune: Fjordby Kommune
        dato: 2025-03-10   # the day we looked
        bogføringssystem: {navn: Øko}
        fagsystemer:
          - navn: Sag
            leverance: [straks]
            sortiment: abonnement
        status:
          FM001: udført        # done in January
          FM002: {frist: 2025-03-07, note: "Afventer, bestilling"}
          FM003:
            frist: 2025-04-01
            person: Ulla
        # the end

        """

    private func edited(_ text: String, _ arguments: [String], kommune: String? = nil) throws -> EditedPlanFile {
        try PlanFileEditor.apply(try arguments.map { try StatusEdit.parse($0, kommune: kommune) }, to: text, file: "p.yaml", catalog: Catalog.builtIn())
    }

    func testEditsLandWhereTheEntriesStandAndNothingElseMoves() throws {
        let result = try edited(plan, ["FM001.dato=2025-01-20", "FM002=i_gang", "FM003.frist=2025-04-15", "TF105@Sag.note=Ring til \"Lars\""])
        XCTAssertEqual(result.text, """
            # Fjordby's plan
            kommune: Fjordby Kommune
            dato: 2025-03-10   # the day we looked
            bogføringssystem: {navn: Øko}
            fagsystemer:
              - navn: Sag
                leverance: [straks]
                sortiment: abonnement
            status:
              FM001: {status: udført, dato: 2025-01-20}        # done in January
              FM002: {status: i_gang, frist: 2025-03-07, note: "Afventer, bestilling"}
              FM003: {frist: 2025-04-15, person: Ulla}
              TF105@Sag: {note: "Ring til \\"Lars\\""}
            # the end

            """)
        let read = try PlanFile.parse(result.text, file: "p.yaml", catalog: Catalog.builtIn()).plans[0]
        XCTAssertEqual(read.entry("TF105@Sag")?.note, "Ring til \"Lars\"")
        XCTAssertEqual(read.entry("FM003")?.person?.name, "Ulla")
        XCTAssertEqual(result.changes.map(\.line), [10, 11, 12, 15], "four places: three entries and one added")
    }

    func testAnEditThatChangesNothingLeavesTheFileAlone() throws {
        let result = try edited(plan, ["FM001=udført", "FM002.frist=2025-03-07"])
        XCTAssertEqual(result.text, plan)
        XCTAssertEqual(result.changes, [])
        XCTAssertEqual(result.diff(file: "p.yaml", original: plan), "")
    }

    func testAPlanWithoutStatusGetsOneAtItsEnd() throws {
        let bare = "kommune: K\nbogføringssystem: {navn: Øko}\nfagsystemer: [{navn: S, leverance: [straks], sortiment: manuel}]\n"
        XCTAssertEqual(try edited(bare, ["FM001=udført"]).text, bare + "status:\n  FM001: udført\n")
        let flow = "kommune: K\nstatus: {FM001: udført}   # so far\nbogføringssystem: {navn: Øko}\nfagsystemer: [{navn: S, leverance: [straks], sortiment: manuel}]\n"
        XCTAssertEqual(try edited(flow, ["FM002=i_gang"]).text,
                       "kommune: K\nstatus:   # so far\n  FM001: udført\n  FM002: i_gang\nbogføringssystem: {navn: Øko}\nfagsystemer: [{navn: S, leverance: [straks], sortiment: manuel}]\n")
    }

    func testARolloutKommuneIsEditedInItsOwnEntry() throws {
        let rollout = """
            dato: 2025-01-10
            kommuner:
              - kommune: Nordby Kommune
                bogføringssystem: {navn: N}
                fagsystemer: [{navn: S, leverance: [straks], sortiment: manuel}]
                status:
                  FM001: udført
              - kommune: Åbjerg Kommune
                bogføringssystem: {navn: Å}
                fagsystemer: [{navn: S, leverance: [straks], sortiment: manuel}]
              # a kommune still to come
            """
        let result = try edited(rollout, ["FM002=i_gang"], kommune: "Åbjerg Kommune")
        XCTAssertEqual(result.text, rollout.replacingOccurrences(of: "navn: Å}\n    fagsystemer: [{navn: S, leverance: [straks], sortiment: manuel}]\n", with: "navn: Å}\n    fagsystemer: [{navn: S, leverance: [straks], sortiment: manuel}]\n    status:\n      FM002: i_gang\n"))
        let nordby = try edited(rollout, ["FM002.frist=2025-02-01"], kommune: "Nordby Kommune")
        XCTAssertEqual(nordby.text, rollout.replacingOccurrences(of: "      FM001: udført\n", with: "      FM001: udført\n      FM002: {frist: 2025-02-01}\n"))
    }

    func testCRLFFilesKeepTheirLineEnds() throws {
        let crlf = "kommune: K\r\nbogføringssystem: {navn: Øko}\r\nfagsystemer: [{navn: S, leverance: [straks], sortiment: manuel}]\r\nstatus:\r\n  FM001: i_gang\r\n"
        XCTAssertEqual(try edited(crlf, ["FM001=udført"]).text, crlf.replacingOccurrences(of: "FM001: i_gang", with: "FM001: udført"))
    }

    /// Any note, however hostile to YAML, reads back as itself.
    func testEveryNoteReadsBackAsWritten() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["\"", "\\", "#", ": ", "- ", "{", "}", "[", "]", ",", "'", "&a", "*b", "!tag", "%", "@", "`", "|", ">", "æøå", "é", "\t", "  ", "x"]
        for _ in 0..<200 {
            let note = (0..<Int.random(in: 1...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
                .trimmingCharacters(in: .whitespaces)
            guard !note.isEmpty else { continue }
            let result = try edited(plan, ["FM003.note=\(note)"])
            let read = try PlanFile.parse(result.text, file: "p.yaml", catalog: Catalog.builtIn()).plans[0]
            XCTAssertEqual(read.entry("FM003")?.note, note, "note \(note.debugDescription) in \(result.changes)")
        }
    }

    func testTheDiffShowsEachChangeWithItsContext() throws {
        let result = try edited(plan, ["FM002=i_gang"])
        XCTAssertEqual(result.diff(file: "p.yaml", original: plan), """
            --- p.yaml
            +++ p.yaml
            @@ -8,7 +8,7 @@
                 sortiment: abonnement
             status:
               FM001: udført        # done in January
            -  FM002: {frist: 2025-03-07, note: "Afventer, bestilling"}
            +  FM002: {status: i_gang, frist: 2025-03-07, note: "Afventer, bestilling"}
               FM003:
                 frist: 2025-04-01
                 person: Ulla

            """)
    }
}
