import Foundation
import XCTest
import OIRTestSupport

/// The Excel round trip: `plan --format xlsx` writes a workbook spreadsheet programs read as
/// their own, and `plan --update-from` brings an edited workbook (or CSV) back into the plan file
/// where its entries stand, comments and order intact.
final class WorkbookCLITests: XCTestCase {
    private var examples: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/plans")
    }

    private func run(_ arguments: [String], in folder: URL? = nil) throws -> CLIResult { try CLIRunner.run(arguments, in: folder) }

    /// A copy of the commented example plan in a fresh folder.
    private func commentedPlan() throws -> (URL, String, String) {
        let folder = try temporaryFolder()
        let text = try String(contentsOf: examples.appendingPathComponent("vesterhavn-i-gang.yaml"), encoding: .utf8)
        return (folder, try write(text, "plan.yaml", in: folder), text)
    }

    private func python(_ script: String, _ arguments: [String]) throws -> String {
        try ExternalTool.require("openpyxl")
        let result = try ExternalTool.run("python3", ["-c", script] + arguments)
        XCTAssertEqual(result.status, 0, result.errors)
        return result.output
    }

    func testTheWorkbookHasWhatASpreadsheetUserExpects() throws {
        let (folder, path, _) = try commentedPlan()
        let book = folder.appendingPathComponent("plan.xlsx").path
        let written = try run(["plan", path, "-o", book])
        XCTAssertEqual(written.status, 0, written.stderr)
        let again = folder.appendingPathComponent("again.xlsx").path
        XCTAssertEqual(try run(["plan", path, "--format", "xlsx", "-o", again]).status, 0)
        XCTAssertEqual(FileManager.default.contents(atPath: book), FileManager.default.contents(atPath: again), "same plan, same bytes")
        let script = """
        import json, sys, datetime, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb['Vesterhavn Kommune']
        header = [c.value for c in ws[1]]
        col = {h: i + 1 for i, h in enumerate(header)}
        rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
        def cell(key, field): return ws.cell(rows[key], col[field])
        dv = ws.data_validations.dataValidation[0]
        overdue = [k for k, r in rows.items() if ws.cell(r, col['forsinket']).value == 'ja']
        summary = [[c for c in r] for r in wb['Oversigt'].iter_rows(values_only=True)]
        print(json.dumps({
            'sheets': wb.sheetnames, 'freeze': ws.freeze_panes, 'filter': ws.auto_filter.ref,
            'validation': [dv.type, dv.formula1, str(dv.sqref)], 'statusColumn': openpyxl.utils.get_column_letter(col['status']),
            'rows': ws.max_row, 'fristIsDate': isinstance(cell('FF102@Skolesystem', 'frist').value, datetime.datetime),
            'frist': str(cell('FF102@Skolesystem', 'frist').value), 'format': cell('FF102@Skolesystem', 'frist').number_format,
            'keyColour': cell('FF102@Skolesystem', 'nøgle').font.color.rgb,
            'overdueFill': [ws.cell(rows[k], col['titel']).fill.fgColor.rgb for k in overdue],
            'plainFill': cell('FF100@Skolesystem', 'titel').fill.fill_type,
            'width': ws.column_dimensions['D'].width, 'summary': [[str(v) for v in r] for r in summary],
            'protected': ws.protection.sheet, 'filterAllowed': not ws.protection.autoFilter,
            'keyLocked': cell('FF102@Skolesystem', 'nøgle').protection.locked, 'statusLocked': cell('FF102@Skolesystem', 'status').protection.locked,
            'noteLocked': cell('FF102@Skolesystem', 'note').protection.locked,
        }))
        """
        let out = try JSONSerialization.jsonObject(with: Data(try python(script, [book]).utf8)) as? [String: Any] ?? [:]
        XCTAssertEqual(out["sheets"] as? [String], ["Oversigt", "Vesterhavn Kommune"])
        XCTAssertEqual(out["freeze"] as? String, "A2", "the header row frozen")
        XCTAssertEqual(out["filter"] as? String, "A1:AA50", "an autofilter over the table")
        let validation = out["validation"] as? [String] ?? []
        XCTAssertEqual(validation.first, "list")
        XCTAssertEqual(validation.dropFirst().first, "\"udført,i gang,ikke startet\"", "a drop-down of the status words")
        XCTAssertEqual(validation.last, "\(out["statusColumn"] as? String ?? "?")2:\(out["statusColumn"] as? String ?? "?")50")
        XCTAssertEqual(out["fristIsDate"] as? Bool, true, "a frist is a date cell")
        XCTAssertEqual(out["frist"] as? String, "2024-12-13 00:00:00")
        XCTAssertEqual(out["format"] as? String, "yyyy-mm-dd")
        XCTAssertEqual(out["keyColour"] as? String, "FF6E6E6E", "the key column grey")
        let fills = out["overdueFill"] as? [String] ?? []
        XCTAssertFalse(fills.isEmpty)
        XCTAssertEqual(Set(fills), ["FFF8D7D3"], "overdue rows red")
        XCTAssertEqual(out["plainFill"] as? String, nil, "other rows plain")
        XCTAssertGreaterThan(out["width"] as? Double ?? 0, 20, "the title column wide")
        XCTAssertEqual(out["protected"] as? Bool, true, "the sheet protected (no password)")
        XCTAssertEqual(out["filterAllowed"] as? Bool, true, "filters still work")
        XCTAssertEqual(out["keyLocked"] as? Bool, true, "the key locked")
        XCTAssertEqual(out["statusLocked"] as? Bool, false, "the status open to edit")
        XCTAssertEqual(out["noteLocked"] as? Bool, false, "the note open to edit")
        let summary = out["summary"] as? [[String]] ?? []
        XCTAssertEqual(summary.first?.first, "Kommune")
        XCTAssertEqual(summary.last?.prefix(2).map { $0 }, ["Vesterhavn Kommune", "49"])
        XCTAssertEqual(summary.last?.last, "2025-02-12 00:00:00", "the projected end, a date")
    }

    /// The issue's round trip: three statuses, a frist and a note changed with openpyxl, the
    /// workbook saved again by LibreOffice, and exactly those changes in the commented YAML file.
    func testAnEditedWorkbookComesBackIntoTheCommentedPlan() throws {
        try ExternalTool.require("soffice")
        let (folder, path, original) = try commentedPlan()
        let book = folder.appendingPathComponent("plan.xlsx").path
        XCTAssertEqual(try run(["plan", path, "-o", book]).status, 0)
        let edit = """
        import sys, datetime, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb['Vesterhavn Kommune']
        col = {c.value: i + 1 for i, c in enumerate(ws[1])}
        rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
        for key, field, value in [('FF100@Ejendomssystem', 'status', 'udført'), ('TF105@Skolesystem', 'status', 'i gang'),
                                  ('TB204@Ydelsessystem', 'status', 'udført'), ('FF102@Skolesystem', 'frist', datetime.datetime(2024, 12, 20)),
                                  ('FF102@Skolesystem', 'note', 'Aftalen er sendt til underskrift')]:
            ws.cell(rows[key], col[field]).value = value
        wb.save(sys.argv[2])
        """
        let edited = folder.appendingPathComponent("edited.xlsx").path
        _ = try python(edit, [book, edited])
        let resaved = folder.appendingPathComponent("resaved")
        let converted = try ExternalTool.run("timeout", ["120", "soffice", "-env:UserInstallation=file://\(folder.path)/lo-profile", "--headless",
                                                         "--convert-to", "xlsx", "--outdir", resaved.path, edited])
        XCTAssertEqual(converted.status, 0, converted.errors)
        let update = try run(["plan", path, "--update-from", resaved.appendingPathComponent("edited.xlsx").path])
        XCTAssertEqual(update.status, 0, update.stderr)
        let expected = original
            .replacingOccurrences(of: "  TB204@Ydelsessystem: {status: i_gang, frist: 2024-11-08,", with: "  TB204@Ydelsessystem: {status: udført, frist: 2024-11-08,")
            .replacingOccurrences(of: "  FF102@Skolesystem: {status: i_gang, frist: 2024-12-13, note: \"Udkast sendt til fællesskabets jurist\"}",
                                  with: "  FF102@Skolesystem: {status: i_gang, frist: 2024-12-20, note: \"Aftalen er sendt til underskrift\"}")
            .replacingOccurrences(of: "  TF105@Skolesystem: {frist: 2024-11-12, person: Birgit Mose}",
                                  with: "  TF105@Skolesystem: {status: i_gang, frist: 2024-11-12, person: Birgit Mose}")
            .replacingOccurrences(of: "  FF100@Ejendomssystem: i_gang", with: "  FF100@Ejendomssystem: udført")
        XCTAssertNotEqual(expected, original, "the expected edits apply to the example")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), expected, "exactly those changes, comments and order intact")
        // Read back again: nothing left to change.
        let twice = try run(["plan", path, "--update-from", resaved.appendingPathComponent("edited.xlsx").path])
        XCTAssertEqual(twice.status, 0, twice.stderr)
        XCTAssertTrue(twice.stderr.contains("nothing to change"), twice.stderr)
    }

    /// Wrong cells: one message each, with sheet, row and column; nothing written.
    func testBadCellsAreNamedBySheetRowAndColumn() throws {
        let (folder, path, original) = try commentedPlan()
        let book = folder.appendingPathComponent("plan.xlsx").path
        XCTAssertEqual(try run(["plan", path, "-o", book]).status, 0)
        let edit = """
        import sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb['Vesterhavn Kommune']
        col = {c.value: i + 1 for i, c in enumerate(ws[1])}
        rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
        ws.cell(rows['TF105@Skolesystem'], col['status']).value = 'færdig'
        ws.cell(rows['FF102@Skolesystem'], col['frist']).value = '2024-13-40'
        ws.cell(rows['FF100@Skolesystem'], 1).value = 'FF999@Skolesystem'
        wb.save(sys.argv[1])
        """
        _ = try python(edit, [book])
        let result = try run(["plan", path, "--update-from", book])
        XCTAssertEqual(result.status, 1, result.stderr)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, result.stderr)
        XCTAssertTrue(lines.contains { $0.contains("plan.xlsx: sheet 'Vesterhavn Kommune', row ") && $0.contains(", column I: 'færdig' is not a status") }, result.stderr)
        XCTAssertTrue(lines.contains { $0.contains(", column S: '2024-13-40' is not a day") }, result.stderr)
        XCTAssertTrue(lines.contains { $0.contains(", column A: no task 'FF999@Skolesystem'") && $0.contains("did you mean 'FF100@Skolesystem'") }, result.stderr)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), original, "nothing written")
    }

    /// A workbook whose sheet was cut short (a damaged copy): refused with the part named, the
    /// plan untouched; read as far as the fault, its last rows would be lost without a word.
    func testADamagedSheetIsRefusedNotReadInPart() throws {
        let (folder, path, original) = try commentedPlan()
        let book = folder.appendingPathComponent("plan.xlsx").path
        XCTAssertEqual(try run(["plan", path, "-o", book]).status, 0)
        let cut = """
        import sys, zipfile
        src = sys.argv[1]
        parts = {i.filename: zipfile.ZipFile(src).read(i.filename) for i in zipfile.ZipFile(src).infolist()}
        parts['xl/worksheets/sheet2.xml'] = parts['xl/worksheets/sheet2.xml'][:-4000]
        with zipfile.ZipFile(src, 'w', zipfile.ZIP_DEFLATED) as out:
            for name, data in parts.items(): out.writestr(name, data)
        """
        let result = try ExternalTool.run("python3", ["-c", cut, book])
        XCTAssertEqual(result.status, 0, result.errors)
        let update = try run(["plan", path, "--update-from", book])
        XCTAssertEqual(update.status, 1, update.stderr)
        XCTAssertTrue(update.stderr.contains("plan.xlsx: the workbook's part xl/worksheets/sheet2.xml is not well-formed XML (line "), update.stderr)
        XCTAssertEqual(update.stderr.split(separator: "\n").count, 1, update.stderr)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), original, "nothing written")
    }

    /// The `;` CSV that Danish Excel saves, its days as DD-MM-YYYY, comes back the same way.
    func testAnEditedCSVComesBack() throws {
        let (folder, path, original) = try commentedPlan()
        let csv = folder.appendingPathComponent("plan.csv").path
        XCTAssertEqual(try run(["plan", path, "--csv-delimiter", ";", "-o", csv]).status, 0)
        let unchanged = try run(["plan", path, "--update-from", csv])
        XCTAssertTrue(unchanged.stderr.contains("nothing to change"), "an export read back changes nothing: \(unchanged.stderr)")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), original)
        let edit = """
        import csv, sys
        rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig'), delimiter=';'))
        col = {h: i for i, h in enumerate(rows[0])}
        for r in rows[1:]:
            if r[0] == 'FB204@Skolesystem':
                r[col['status']] = 'Udført'; r[col['dato']] = '12-11-2024'
            if r[0] == 'FF100@Ejendomssystem':
                r[col['note']] = 'Mødet er "holdt"; næste skridt aftalt'
        with open(sys.argv[1], 'w', encoding='utf-8-sig', newline='') as f:
            csv.writer(f, delimiter=';', lineterminator='\\r\\n').writerows(rows)
        """
        try ExternalTool.require("python3")
        let edited = try ExternalTool.run("python3", ["-c", edit, csv])
        XCTAssertEqual(edited.status, 0, edited.errors)
        let preview = try run(["plan", path, "--update-from", csv, "--dry-run"])
        XCTAssertEqual(preview.status, 0, preview.stderr)
        XCTAssertTrue(preview.stdout.contains("+  FB204@Skolesystem: {status: udført, dato: 2024-11-12, frist: 2024-12-13}"), preview.stdout)
        XCTAssertTrue(preview.stdout.contains("+  FF100@Ejendomssystem: {status: i_gang, note: \"Mødet er \\\"holdt\\\"; næste skridt aftalt\"}"), preview.stdout)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), original, "--dry-run writes nothing")
        // A done day after the plan's own day is refused, naming the task.
        let late = try ExternalTool.run("python3", ["-c", "import sys; p=sys.argv[1]; t=open(p, encoding='utf-8-sig').read(); open(p, 'w', encoding='utf-8-sig').write(t.replace('12-11-2024', '10-12-2024'))", csv])
        XCTAssertEqual(late.status, 0, late.errors)
        let refused = try run(["plan", path, "--update-from", csv])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("'FB204@Skolesystem' cannot have reached its status on 2024-12-10, after the plan's dato 2024-11-15"), refused.stderr)
    }
}
