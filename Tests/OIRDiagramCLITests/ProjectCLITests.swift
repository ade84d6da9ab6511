import Foundation
import XCTest
import OIRTestSupport

/// Running a project with `oir-diagram plan`: people, deadlines, filters, the summary, the
/// calendar, what changed, and a rollout as one checklist.
final class ProjectCLITests: XCTestCase {
    private func run(_ arguments: [String]) throws -> CLIResult {
        try CLIRunner.run(arguments)
    }

    private let plan = """
    kommune: Fjordby Kommune
    dato: 2025-03-10
    start: 2025-03-03
    infrastruktursystemejer: Ida Infra
    infrastruktursystemansvarlig: {navn: Ib Ansvar, email: ib@fjordby.dk}
    bogføringssystem:
      navn: Økonomi
    fagsystemer:
      - navn: Sag
        leverance: [straks]
        sortiment: abonnement
        forvaltningsansvarlig: {navn: Lars Lev, email: lars@lev.dk, organisation: "Leverandør A/S"}
        systemadministrator: Sanne Admin
    varighed:
      FM002: 5
      TF105: 10
    status:
      FM001: udført
      FM002: {status: i_gang, frist: 2025-03-07, note: "Afventer, bestilling; \\\\ svar"}
      FM003: {frist: 2025-04-01, person: Ulla Udfører}
      TF109@Sag: udført
    """

    private func planFile() throws -> (URL, String) {
        let dir = try temporaryFolder()
        return (dir, try write(plan, "plan.yaml", in: dir))
    }

    private func json(_ result: CLIResult) throws -> [String: Any] {
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    func testJSONCarriesPeopleDeadlinesBlockersAndSchedule() throws {
        let (_, path) = try planFile()
        let object = try json(try run(["plan", path, "--format", "json"]))
        XCTAssertEqual(object["dato"] as? String, "2025-03-10")
        XCTAssertNotNil(object["forventet_slut"] as? String)
        let tasks = try XCTUnwrap(object["opgaver"] as? [[String: Any]])
        func task(_ key: String) throws -> [String: Any] { try XCTUnwrap(tasks.first { $0["nøgle"] as? String == key }, key) }
        let fm002 = try task("FM002")
        XCTAssertEqual(fm002["frist"] as? String, "2025-03-07")
        XCTAssertEqual(fm002["forsinket"] as? Bool, true)
        XCTAssertEqual(fm002["note"] as? String, "Afventer, bestilling; \\ svar")
        let people = try XCTUnwrap(fm002["person"] as? [String: Any])
        XCTAssertEqual((people["ansvarlig"] as? [String: Any])?["navn"] as? String, "Ida Infra")
        XCTAssertEqual((people["udførende"] as? [String: Any])?["email"] as? String, "ib@fjordby.dk")
        XCTAssertEqual(((try task("FM003"))["person"] as? [String: Any]).flatMap { $0["udførende"] as? [String: Any] }?["navn"] as? String,
                       "Ulla Udfører")
        XCTAssertEqual((try task("FM003"))["forsinket"] as? Bool, false)
        // venter_på: open dependencies only, with their people.
        let fb205 = try task("FB205@Sag")
        let waits = try XCTUnwrap(fb205["venter_på"] as? [[String: Any]]).compactMap { $0["nøgle"] as? String }
        XCTAssertEqual(waits, ["TF105@Sag", "TF111@Sag"], "TF109@Sag is done")
        let tf105Waiting = try XCTUnwrap((fb205["venter_på"] as? [[String: Any]])?.first?["person"] as? [String: Any])
        XCTAssertEqual(tf105Waiting["navn"] as? String, "Sanne Admin", "with the person who does it")
        let tf105 = try task("TF105@Sag")
        XCTAssertGreaterThan(tf105["blokerer"] as? Int ?? 0, 0)
        XCTAssertTrue((try task("FM001"))["blokerer"] is NSNull, "a done task blocks nothing")
        XCTAssertNotNil(tf105["tidligst_slut"] as? String)
        XCTAssertEqual(tf105["kritisk"] as? Bool, true, "the longest task lies on the critical path")
    }

    func testJSONKeysStayDanishInEnglish() throws {
        let (_, path) = try planFile()
        let da = try json(try run(["plan", path, "--format", "json"]))
        let en = try json(try run(["plan", path, "--format", "json", "--language", "en"]))
        XCTAssertEqual(Set(da.keys), Set(en.keys))
        let daTask = try XCTUnwrap((da["opgaver"] as? [[String: Any]])?.first)
        let enTask = try XCTUnwrap((en["opgaver"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(daTask.keys), Set(enTask.keys))
        XCTAssertEqual(Set((daTask["person"] as? [String: Any])?.keys ?? [:].keys), ["ansvarlig", "udførende"])
        XCTAssertEqual(Set((enTask["person"] as? [String: Any])?.keys ?? [:].keys), ["ansvarlig", "udførende"])
    }

    func testOnlyPersonAndDatoFilter() throws {
        let (_, path) = try planFile()
        func keys(_ arguments: [String]) throws -> [String] {
            let object = try json(try run(["plan", path, "--format", "json"] + arguments))
            return (object["opgaver"] as? [[String: Any]] ?? []).compactMap { $0["nøgle"] as? String }
        }
        XCTAssertEqual(try keys(["--only", "forsinket"]), ["FM002"])
        XCTAssertEqual(try keys(["--only", "forsinket", "--dato", "2025-04-02"]), ["FM002", "FM003"])
        XCTAssertEqual(try keys(["--only", "forsinket", "--dato", "2025-03-07"]), [], "due on the day is not late")
        let open = try keys(["--only", "åbne"])
        XCTAssertFalse(open.contains("FM001") || open.contains("TF109@Sag"))
        let ready = try keys(["--only", "klar"])
        let blocked = try keys(["--only", "blokeret"])
        XCTAssertTrue(ready.contains("FM003") && !blocked.contains("FM003"))
        XCTAssertTrue(Set(ready).isDisjoint(with: blocked))
        // A person's list: the tasks they answer for or do, names compared case-folded.
        let lars = try keys(["--person", "  lars lev "])
        XCTAssertFalse(lars.isEmpty)
        XCTAssertTrue(lars.allSatisfy { $0.hasSuffix("@Sag") })
        XCTAssertEqual(try keys(["--person", "Ulla Udfører"]), ["FM003"])
        let table = try run(["plan", path, "--person", "Lars Lev"])
        XCTAssertTrue(table.stdout.contains("Venter på"), table.stdout)
        XCTAssertTrue(table.stdout.contains("Forvaltningsansvarlig for Sag: Lars Lev (Leverandør A/S)"), table.stdout)
        let bad = try run(["plan", path, "--only", "alle"])
        XCTAssertEqual(bad.status, 64, bad.stderr)
        let badDay = try run(["plan", path, "--dato", "10-03-2025"])
        XCTAssertEqual(badDay.status, 64, badDay.stderr)
    }

    func testCSVWithSemicolons() throws {
        let (_, path) = try planFile()
        let result = try run(["plan", path, "--format", "csv", "--csv-delimiter", ";"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.components(separatedBy: "\r\n")
        XCTAssertTrue(lines[0].hasPrefix("\u{FEFF}nøgle;id;fagsystem;titel;"), lines[0])
        let fm002 = try XCTUnwrap(lines.first { $0.hasPrefix("FM002;") })
        XCTAssertTrue(fm002.contains(";2025-03-07;ja;ja;\"Afventer, bestilling; \\ svar\";"), fm002)
        XCTAssertEqual(lines[0].components(separatedBy: ";").count, lines[1].components(separatedBy: ";").count)
    }

    func testSummaryNamesTopBlockersOverdueWorkAndTheEnd() throws {
        let (_, path) = try planFile()
        let result = try run(["plan", path, "--format", "summary"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let text = result.stdout
        XCTAssertTrue(text.contains("Pr. 2025-03-10:"), text)
        XCTAssertTrue(text.contains("1 forsinket"), text)
        XCTAssertTrue(text.contains("Forventet færdig: "), text)
        XCTAssertTrue(text.contains("Største blokeringer:\n  "), text)
        XCTAssertTrue(text.contains("FM002: frist 2025-03-07"), text)
        XCTAssertTrue(text.contains("TF109@Sag står som udført, men afhænger af TF108@Sag, som ikke er udført"), text)
        XCTAssertEqual(result.stderr, "", "the summary holds the warnings itself")
        let table = try run(["plan", path])
        XCTAssertTrue(table.stderr.contains("plan.yaml:21: warning: 'TF109@Sag' is udført but depends on TF108@Sag, not udført"), table.stderr)
        XCTAssertEqual(table.stderr.components(separatedBy: "warning:").count - 1, 1, "listed once")
    }

    func testICSParsesWithARealParser() throws {
        let (dir, path) = try planFile()
        let result = try run(["plan", path, "--format", "ics", "--calendar", "tasks"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("BEGIN:VCALENDAR\r\n"))
        XCTAssertTrue(result.stdout.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 }, "folded lines")
        let ics = try write(result.stdout, "plan.ics", in: dir)
        let script = """
        import json, sys, icalendar
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        out = []
        for todo in cal.walk('VTODO'):
            due = todo.get('DUE')
            out.append({'uid': str(todo['UID']), 'summary': str(todo['SUMMARY']), 'description': str(todo.get('DESCRIPTION', '')),
                        'due': due.dt.isoformat() if due else None, 'status': str(todo['STATUS'])})
        print(json.dumps(out))
        """
        try ExternalTool.require("icalendar")
        let parsed = try ExternalTool.run("python3", ["-c", script, ics])
        XCTAssertEqual(parsed.status, 0, parsed.errors)
        let todos = try XCTUnwrap(JSONSerialization.jsonObject(with: parsed.stdout) as? [[String: Any]])
        let open = try json(try run(["plan", path, "--format", "json", "--only", "åbne"]))["opgaver"] as? [[String: Any]] ?? []
        XCTAssertEqual(todos.count, open.count, "one VTODO per open task")
        XCTAssertEqual(Set(todos.compactMap { $0["uid"] as? String }).count, todos.count, "unique UIDs")
        let fm002 = try XCTUnwrap(todos.first { ($0["summary"] as? String)?.contains("FM002") == true })
        XCTAssertEqual(fm002["due"] as? String, "2025-03-07", "DUE is the frist")
        XCTAssertEqual(fm002["status"] as? String, "IN-PROCESS")
        XCTAssertTrue((fm002["description"] as? String)?.contains("Afventer, bestilling; \\ svar") == true, "\(fm002)")
        let tf105 = try XCTUnwrap(todos.first { ($0["summary"] as? String)?.contains("TF105@Sag") == true })
        XCTAssertNotNil(tf105["due"] as? String, "without a frist, DUE is the projected finish")
        let again = try run(["plan", path, "--format", "ics", "--calendar", "tasks"])
        XCTAssertEqual(again.stdout, result.stdout, "same plan, same bytes")
    }

    /// The default calendar: an all-day event with a reminder per open task, read by two
    /// independent parsers; no METHOD, so none of RFC 5546's rules for one (PUBLISH needs an
    /// ORGANIZER and forbids ATTENDEE) applies; a later version of the plan keeps each UID with a
    /// higher SEQUENCE, so a re-import replaces.
    func testCalendarEventsWithRemindersReadByTwoParsers() throws {
        let (dir, path) = try planFile()
        let result = try run(["plan", path, "--format", "ics", "--reminder-days", "3"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stdout.contains("METHOD:"), "a file to import, not an iTIP message")
        XCTAssertFalse(result.stdout.contains("ATTENDEE"))
        XCTAssertFalse(result.stdout.contains("VTODO"))
        let ics = try write(result.stdout, "plan.ics", in: dir)
        let later = try write(plan.replacingOccurrences(of: "dato: 2025-03-10", with: "dato: 2025-03-17"), "later.yaml", in: dir)
        let laterICS = try write(try run(["plan", later, "--format", "ics"]).stdout, "later.ics", in: dir)
        let script = """
        import json, sys, icalendar, vobject
        def read(path):
            cal = icalendar.Calendar.from_ical(open(path, 'rb').read())
            events = {}
            for e in cal.walk('VEVENT'):
                alarms = [str(a['TRIGGER'].to_ical().decode()) for a in e.walk('VALARM')]
                events[str(e['UID'])] = {'summary': str(e['SUMMARY']), 'start': e['DTSTART'].dt.isoformat(),
                                         'end': e['DTEND'].dt.isoformat(), 'sequence': int(e['SEQUENCE']), 'alarms': alarms}
            v = vobject.readOne(open(path, encoding='utf-8').read())
            vevents = {str(e.uid.value): str(e.summary.value) for e in v.vevent_list}
            return events, vevents, 'method' in v.contents
        a, va, method = read(sys.argv[1])
        b, vb, _ = read(sys.argv[2])
        print(json.dumps({'events': a, 'vobject': va, 'method': method, 'later': b}))
        """
        try ExternalTool.require("icalendar", "vobject")
        let parsed = try ExternalTool.run("python3", ["-c", script, ics, laterICS])
        XCTAssertEqual(parsed.status, 0, parsed.errors)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: parsed.stdout) as? [String: Any])
        let events = try XCTUnwrap(object["events"] as? [String: [String: Any]])
        let vobjectEvents = try XCTUnwrap(object["vobject"] as? [String: String])
        XCTAssertEqual(Set(events.keys), Set(vobjectEvents.keys), "both parsers read the same events")
        XCTAssertEqual(object["method"] as? Bool, false)
        let open = try json(try run(["plan", path, "--format", "json", "--only", "åbne"]))["opgaver"] as? [[String: Any]] ?? []
        let dated = open.filter { $0["frist"] is String || $0["tidligst_slut"] is String }
        XCTAssertEqual(events.count, dated.count, "an event per open task with a frist or a projected finish")
        let fm002 = try XCTUnwrap(events.values.first { ($0["summary"] as? String)?.contains("Frist for FM002") == true })
        XCTAssertEqual(fm002["start"] as? String, "2025-03-07", "on the frist")
        XCTAssertEqual(fm002["end"] as? String, "2025-03-08", "all day")
        XCTAssertEqual(fm002["alarms"] as? [String], ["-P3D"])
        XCTAssertTrue(events.values.contains { ($0["summary"] as? String)?.contains("Forventet færdig (ingen frist)") == true })
        let later_ = try XCTUnwrap(object["later"] as? [String: [String: Any]])
        for (uid, event) in events where later_[uid] != nil {
            XCTAssertGreaterThan(later_[uid]!["sequence"] as? Int ?? 0, event["sequence"] as? Int ?? 0, "\(uid): the later file is the newer version")
        }
        XCTAssertFalse(Set(events.keys).isDisjoint(with: later_.keys), "the same UIDs")
    }

    func testSinceReportsWhatChanged() throws {
        let (dir, path) = try planFile()
        let newer = plan.replacingOccurrences(of: "dato: 2025-03-10", with: "dato: 2025-04-07")
            .replacingOccurrences(of: "  FM003: {frist: 2025-04-01, person: Ulla Udfører}", with: "  FM003: udført\n  TF105@Sag: i_gang")
            .replacingOccurrences(of: "    sortiment: abonnement", with: "    sortiment: manuel")
        XCTAssertNotEqual(newer, plan)
        let newPath = try write(newer, "new.yaml", in: dir)
        let object = try json(try run(["plan", newPath, "--since", path, "--format", "json"]))
        let changes = try XCTUnwrap(object["ændringer"] as? [[String: Any]])
        func keys(_ kind: String) -> [String] { changes.filter { $0["ændring"] as? String == kind }.compactMap { $0["nøgle"] as? String } }
        XCTAssertEqual(keys("udført"), ["FM003"])
        XCTAssertEqual(keys("startet"), ["TF105@Sag"])
        XCTAssertTrue(keys("klar").allSatisfy { $0 != "FM003" })
        XCTAssertTrue(keys("klar").contains("FM001") == false)
        XCTAssertTrue(keys("forsinket").isEmpty, "FM002 was already late; FM003 is done")
        XCTAssertFalse(keys("tilføjet").isEmpty, "manual sortiment adds tasks")
        XCTAssertFalse(keys("fjernet").isEmpty, "and removes the subscription's")
        // FM003's frist and person went with its entry; the projected end moved with the day.
        let moved = try XCTUnwrap(changes.first { $0["ændring"] as? String == "frist_flyttet" })
        XCTAssertEqual(moved["nøgle"] as? String, "FM003")
        XCTAssertEqual(moved["detalje"] as? String, "2025-04-01 → –")
        XCTAssertEqual(keys("person_ændret"), ["FM003"])
        XCTAssertEqual(keys("note_ændret"), [], "FM002's note is unchanged")
        let end = try XCTUnwrap(changes.first { $0["ændring"] as? String == "slut_flyttet" }, "the end's slip")
        XCTAssertTrue(end["nøgle"] is NSNull)
        XCTAssertTrue((end["detalje"] as? String)?.contains(" → ") == true, "\(end)")
        let text = try run(["plan", newPath, "--since", path])
        XCTAssertTrue(text.stdout.contains("Nyligt udført:\n  FM003"), text.stdout)
        XCTAssertTrue(text.stdout.contains("Frist ændret:\n  FM003  "), text.stdout)
        XCTAssertTrue(text.stdout.contains("2025-04-01 → –"), text.stdout)
        let same = try run(["plan", path, "--since", path])
        XCTAssertTrue(same.stdout.contains("Ingen ændringer."), same.stdout)
    }

    /// A baseline frozen on one day and a later look at the plan give each task's slip and the
    /// end's, in JSON, CSV and the summary; a file that is not a baseline is refused by name.
    func testABaselineGivesSlipPerTaskAndForTheEnd() throws {
        let (dir, path) = try planFile()
        let frozen = dir.appendingPathComponent("baseline.json").path
        let saved = try run(["plan", path, "--save-baseline", frozen, "--format", "summary"])
        XCTAssertEqual(saved.status, 0, saved.stderr)
        XCTAssertTrue(saved.stdout.hasPrefix("Implementeringsplan"), "the checklist as asked, besides the file")
        let text = try String(contentsOfFile: frozen, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("{\"format\": \"oir-diagram/baseline\", \"version\": 1"), text)
        XCTAssertEqual(try run(["plan", path, "--save-baseline", frozen]).status, 0)
        XCTAssertEqual(try String(contentsOfFile: frozen, encoding: .utf8), text, "same plan, same bytes")
        // Two weeks later, nothing more done: FM002 (5 days, in progress) and TF105 slip.
        let later = plan.replacingOccurrences(of: "dato: 2025-03-10", with: "dato: 2025-03-24")
        let laterPath = try write(later, "later.yaml", in: dir)
        let object = try json(try run(["plan", laterPath, "--baseline", frozen, "--format", "json"]))
        XCTAssertNotNil(object["baseline_forventet_slut"] as? String)
        let endSlip = try XCTUnwrap(object["slip_slut"] as? Int)
        XCTAssertGreaterThan(endSlip, 0, "the end moved later")
        let tasks = try XCTUnwrap(object["opgaver"] as? [[String: Any]])
        let fm002 = try XCTUnwrap(tasks.first { $0["nøgle"] as? String == "FM002" })
        XCTAssertNotNil(fm002["baseline_slut"] as? String)
        XCTAssertGreaterThan(try XCTUnwrap(fm002["slip"] as? Int), 0)
        let summary = try run(["plan", laterPath, "--baseline", frozen, "--format", "summary"])
        XCTAssertTrue(summary.stdout.contains("Baseline: forventet færdig "), summary.stdout)
        XCTAssertTrue(summary.stdout.contains("siden +\(endSlip) arbejdsdage"), summary.stdout)
        let csv = try run(["plan", laterPath, "--baseline", frozen, "--format", "csv"])
        XCTAssertTrue(csv.stdout.components(separatedBy: "\r\n")[0].hasSuffix(",baseline_slut,slip"), csv.stdout.prefix(400).description)
        let table = try run(["plan", laterPath, "--baseline", frozen])
        XCTAssertTrue(table.stdout.contains(" mod baseline)"), "the table shows the slip: \(table.stdout.prefix(600))")
        XCTAssertFalse(try run(["plan", laterPath]).stdout.contains("baseline"), "and only with a baseline")
        // Without a baseline the documented keys stay as they were.
        XCTAssertNil(try json(try run(["plan", laterPath, "--format", "json"]))["slip_slut"])
        let wrong = try write("{\"format\": \"noget andet\"}", "wrong.json", in: dir)
        let refused = try run(["plan", laterPath, "--baseline", wrong])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("wrong.json: is not a baseline file"), refused.stderr)
        XCTAssertEqual(refused.stdout, "")
    }

    /// `--per-person -o DIR` on a rollout: a folder per person the plan names, with their open
    /// tasks (and only theirs) as Markdown and CSV and their calendar, and an index of everyone.
    func testPerPersonWritesAListForEveryPerson() throws {
        let folder = try temporaryFolder()
        let rollout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/plans/udrulning.yaml").path
        let out = folder.appendingPathComponent("people")
        let result = try run(["plan", rollout, "--per-person", "-o", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let folders = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0 != "index.md" }.sorted()
        XCTAssertEqual(folders, ["camilla-holt", "ib-nord"], "one folder per person the plan names")
        let index = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        for name in ["Camilla Holt", "Ib Nord"] { XCTAssertTrue(index.contains("| \(name) |"), index) }
        XCTAssertTrue(index.contains("[opgaver.md](ib-nord/opgaver.md)"), index)
        for person in folders {
            for file in ["opgaver.md", "opgaver.csv", "kalender.ics"] {
                XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(person)/\(file)").path), "\(person)/\(file)")
            }
        }
        // Ib Nord's list holds exactly the open tasks `--person` lists for him.
        let csv = String(decoding: try Data(contentsOf: out.appendingPathComponent("ib-nord/opgaver.csv")), as: UTF8.self)
        let own = try run(["plan", rollout, "--person", "Ib Nord", "--only", "åbne", "--format", "csv"])
        XCTAssertEqual(csv, own.stdout, "the same bytes, byte order mark included")
        XCTAssertEqual(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count, 2, "a header and his one open task: \(csv)")
        XCTAssertTrue(try String(contentsOf: out.appendingPathComponent("ib-nord/kalender.ics"), encoding: .utf8).hasPrefix("BEGIN:VCALENDAR"))
        XCTAssertTrue(try String(contentsOf: out.appendingPathComponent("camilla-holt/opgaver.md"), encoding: .utf8)
            .hasPrefix("# Opgaver for Camilla Holt\n"))
        let refused = try run(["plan", rollout, "--per-person"])
        XCTAssertEqual(refused.status, 64, "a folder is needed")
    }

    /// `plan FILE --set` records progress in the file itself: the diff first with --dry-run,
    /// then the file edited where the entries stand; a bad argument changes nothing.
    func testSetRecordsProgressInThePlanFile() throws {
        let (_, path) = try planFile()
        let preview = try run(["plan", path, "--set", "FM002=udført", "--set", "FM002.dato=2025-03-07", "--dry-run"])
        XCTAssertEqual(preview.status, 0, preview.stderr)
        XCTAssertTrue(preview.stdout.contains("-  FM002: {status: i_gang, frist: 2025-03-07"), preview.stdout)
        XCTAssertTrue(preview.stdout.contains("+  FM002: {status: udført, dato: 2025-03-07, frist: 2025-03-07"), preview.stdout)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), plan, "--dry-run writes nothing")
        let done = try run(["plan", path, "--set", "FM002=udført", "--set", "FM002.dato=2025-03-07", "--set", "TF105@Sag.frist=2025-04-01"])
        XCTAssertEqual(done.status, 0, done.stderr)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(text, plan
            .replacingOccurrences(of: "FM002: {status: i_gang, frist: 2025-03-07,", with: "FM002: {status: udført, dato: 2025-03-07, frist: 2025-03-07,")
            + "\n  TF105@Sag: {frist: 2025-04-01}", "only those entries changed")
        let status = try json(try run(["plan", path, "--format", "json"]))
        let tasks = try XCTUnwrap(status["opgaver"] as? [[String: Any]])
        XCTAssertEqual(tasks.first { $0["nøgle"] as? String == "FM002" }?["status"] as? String, "udført")
        let refused = try run(["plan", path, "--set", "FM002=færdig", "--set", "XX999=udført"])
        XCTAssertEqual(refused.status, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("'færdig' is not a status") && refused.stderr.contains("no task 'XX999'"), refused.stderr)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), text, "nothing written when an edit is wrong")
    }

    /// The CSV names each person's e-mail address and organisation in columns of their own.
    func testTheCSVHasEachPersonsAddressAndOrganisation() throws {
        let (_, path) = try planFile()
        let csv = try run(["plan", path, "--format", "csv"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let lines = csv.stdout.components(separatedBy: "\r\n")
        XCTAssertTrue(lines[0].contains(",ansvarlig_person,ansvarlig_email,ansvarlig_organisation,udførende_person,udførende_email,udførende_organisation,"))
        let row = try XCTUnwrap(lines.first { $0.hasPrefix("FF100@Sag,") })
        XCTAssertTrue(row.contains(",Lars Lev,lars@lev.dk,Leverandør A/S,"), row)
        let fm001 = try XCTUnwrap(lines.first { $0.hasPrefix("FM001,") })
        XCTAssertTrue(fm001.contains(",Ida Infra,,,Ib Ansvar,ib@fjordby.dk,,"), "an address or organisation that is not given is empty: \(fm001)")
    }

    /// A plan file that names its baseline (`baseline: FILE`, beside it) is measured against it
    /// in every command: the checklist, the timeline and the docs page; a missing file is named
    /// at its line, and a kommune of a rollout may not name one of its own.
    func testAPlanFileNamesItsBaseline() throws {
        let (dir, path) = try planFile()
        XCTAssertEqual(try run(["plan", path, "--save-baseline", dir.appendingPathComponent("frozen.json").path]).status, 0)
        let later = "baseline: frozen.json\n" + plan.replacingOccurrences(of: "dato: 2025-03-10", with: "dato: 2025-03-24")
        let laterPath = try write(later, "later.yaml", in: dir)
        let object = try json(try run(["plan", laterPath, "--format", "json"]))
        XCTAssertGreaterThan(try XCTUnwrap(object["slip_slut"] as? Int), 0, "slip without --baseline")
        XCTAssertTrue(try run(["plan", laterPath, "--format", "summary"]).stdout.contains("Baseline: forventet færdig "))
        let timeline = try json(try run(["render", "--plan", laterPath, "--view", "tidsplan", "--format", "json", "-o", "-"]))
        let marks = try XCTUnwrap(timeline["marks"] as? [[String: Any]])
        XCTAssertTrue(marks.contains { $0["kind"] as? String == "baseline" }, "the timeline draws the baseline")
        let site = dir.appendingPathComponent("site")
        let docs = try run(["docs", "--plan", laterPath, "-o", site.path])
        XCTAssertEqual(docs.status, 0, docs.stderr)
        let page = try String(contentsOf: try XCTUnwrap(FileManager.default.enumerator(at: site, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.first { $0.lastPathComponent == "index.md" }), encoding: .utf8)
        XCTAssertTrue(page.contains("Baseline: forventet færdig "), "the docs page's summary")
        let missing = try write("baseline: ikke-her.json\n" + plan, "missing.yaml", in: dir)
        let refused = try run(["plan", missing])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("missing.yaml:1:"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("the baseline file 'ikke-her.json' cannot be read"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("--save-baseline"), "says how to write one: \(refused.stderr)")
        let inKommune = try write("""
            kommuner:
              - kommune: Nordby Kommune
                baseline: frozen.json
                bogføringssystem: {navn: Øko}
            """, "rollout.yaml", in: dir)
        let wrongPlace = try run(["plan", inKommune, "--all"])
        XCTAssertNotEqual(wrongPlace.status, 0)
        XCTAssertTrue(wrongPlace.stderr.contains("baseline"), wrongPlace.stderr)
    }

    func testRolloutChecklistHasAKommuneColumnAndKeepsGoing() throws {
        let dir = try temporaryFolder()
        let path = try write("""
        standard:
          bogføringssystem: {navn: Økonomi}
          fagsystemer: [{navn: Sag, leverance: [straks], sortiment: abonnement}]
        kommuner:
          - kommune: Nordby Kommune
          - kommune: Fejlby Kommune
            status: {FM01: udført, TF108@Sagg: udført}
          - kommune: Tomby Kommune
            fagsystemer: [{navn: Sag, leverance: [aldrig]}]
          - kommune: Åby Kommune
            status: {FM001: udført}
        """, "udrulning.yaml", in: dir)
        // A checklist that would leave kommuner out is not written at all, unless asked for.
        let refused = try run(["plan", path, "--all", "--format", "csv"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stdout, "", "a failing run prints no document")
        XCTAssertTrue(refused.stderr.contains("nothing written: the checklist would leave out 2 kommuner (Fejlby Kommune, Tomby Kommune); --partial writes it for the other 2"),
                      refused.stderr)
        let result = try run(["plan", path, "--all", "--format", "csv", "--partial"])
        XCTAssertEqual(result.status, 1, "a kommune with problems makes the run fail at the end")
        let lines = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertTrue(try XCTUnwrap(lines.first).hasPrefix("\u{FEFF}kommune,nøgle,"), result.stdout)
        let kommuner = Set(lines.dropFirst().map { $0.components(separatedBy: ",")[0] })
        XCTAssertEqual(kommuner, ["Nordby Kommune", "Åby Kommune"])
        XCTAssertTrue(result.stderr.contains("did you mean 'FM001'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("did you mean 'Sag'"), "every problem of the kommune: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("Tomby Kommune"), result.stderr)
        XCTAssertTrue(result.stderr.contains("left out for their problems (2): Fejlby Kommune, Tomby Kommune"), result.stderr)
        // Without --all or --kommune a rollout is listed whole.
        let json = try run(["plan", path, "--format", "json", "--partial"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rows = try XCTUnwrap(object["opgaver"] as? [[String: Any]])
        XCTAssertEqual(Set(rows.compactMap { $0["kommune"] as? String }), ["Nordby Kommune", "Åby Kommune"])
        let one = try run(["plan", path, "--kommune", "åby kommune"])
        XCTAssertEqual(one.status, 0, one.stderr)
        let drawn = try run(["render", "--plan", path, "--kommune", "Åby Kommune", "-o", "-"])
        XCTAssertEqual(drawn.status, 0, "another kommune's problems do not stop this one: \(drawn.stderr)")
        let bad = try run(["render", "--plan", path, "--kommune", "Fejlby Kommune", "-o", "-"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("did you mean 'FM001'"), "its own problems, not 'no kommune named': \(bad.stderr)")
    }

    func testAProblemInStandardIsSaidOnce() throws {
        let dir = try temporaryFolder()
        let path = try write("""
        standard:
          bogføringssystem: {navn: Økonomi}
          fagsystemer: [{navn: Sag, leverance: [hurtig], sortiment: abonnement}]
        kommuner:
          - kommune: A Kommune
          - kommune: B Kommune
          - kommune: C Kommune
        """, "udrulning.yaml", in: dir)
        for arguments in [["plan", path], ["oversigt", path, "-o", "-"]] {
            let result = try run(arguments)
            XCTAssertEqual(result.status, 1)
            XCTAssertEqual(result.stderr.components(separatedBy: "'hurtig' is not a valid leverance").count - 1, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains("udrulning.yaml:3:"), "the line in standard: \(result.stderr)")
        }
    }
}
