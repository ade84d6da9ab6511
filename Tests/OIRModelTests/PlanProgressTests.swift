import Foundation
import OIRModel
import XCTest

/// People, deadlines, notes, blockers, the schedule and inconsistent statuses: what a plan says
/// about running the project.
final class PlanProgressTests: XCTestCase {
    private let catalog = try! Catalog.builtIn()

    private let base = """
    kommune: Fjordby Kommune
    dato: 2025-03-10
    infrastruktursystemejer: Ida Infra
    systemejer: {navn: Søren Ejer, email: soren@fjordby.dk}
    bogføringssystem:
      navn: Økonomi
      systemansvarlig: Bo Bog
    fagsystemer:
      - navn: Sag
        leverance: [straks]
        sortiment: abonnement
        systemejer: Frida Fag
        forvaltningsansvarlig: {navn: Lars Lev, organisation: Leverandør A/S}
    """

    private func scoped(_ text: String) throws -> ScopedPlan {
        try PlanFile.parse(text, file: "plan.yaml", catalog: catalog).plan(named: nil).scope(catalog)
    }

    private func errors(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            XCTFail("expected input errors")
        } catch let error as InputErrors {
            return error.errors.map(\.description)
        } catch let error as InputError {
            return [error.description]
        } catch {
            XCTFail("unexpected \(error)")
        }
        return []
    }

    func testPeopleFillRolesPerSystemWithTheKommuneAsDefault() throws {
        let plan = try scoped(base)
        let analysis = plan.analysis(on: CalendarDay("2025-03-10")!)
        let fm001 = try XCTUnwrap(plan.instance("FM001"))
        XCTAssertEqual(analysis.responsiblePerson[fm001.key]?.name, "Ida Infra")
        // A fagsystem task: the fagsystem's own Systemejer, not the kommune-level one.
        let ff100 = try XCTUnwrap(plan.instances.first { $0.task.responsible == RoleRef(role: "systemejer", system: "fagsystem") })
        XCTAssertEqual(analysis.responsiblePerson[ff100.key]?.name, "Frida Fag")
        // The bogføringssystem names no Systemejer: the kommune-level one fills it.
        let bogOwner = try XCTUnwrap(plan.instances.first { $0.task.responsible == RoleRef(role: "systemejer", system: "bogføringssystem") })
        XCTAssertEqual(analysis.responsiblePerson[bogOwner.key]?.name, "Søren Ejer")
        XCTAssertEqual(analysis.responsiblePerson[bogOwner.key]?.email, "soren@fjordby.dk")
        let supplierTask = try XCTUnwrap(plan.instances.first { $0.task.performer == RoleRef(role: "forvaltningsansvarlig", system: "fagsystem") })
        XCTAssertEqual(analysis.performerPerson[supplierTask.key]?.label, "Lars Lev (Leverandør A/S)")
    }

    func testAStatusMappingGivesDeadlineNoteAndPerson() throws {
        let plan = try scoped(base + """

        status:
          FM001: udført
          FM002: {status: i_gang, frist: 2025-03-01, note: "Venter på NemLog-in", person: Ulla Udfører}
          FM003: {frist: 2025-04-01}
        """)
        let day = CalendarDay("2025-03-10")!
        let analysis = plan.analysis(on: day)
        XCTAssertEqual(plan.plan.entry("FM002")?.note, "Venter på NemLog-in")
        XCTAssertEqual(plan.instance("FM002")?.status, .inProgress)
        XCTAssertEqual(analysis.performerPerson["FM002"]?.name, "Ulla Udfører", "a task's own person replaces the role's")
        XCTAssertEqual(analysis.overdue, ["FM002"], "FM003's frist is still ahead; FM001 is done")
        XCTAssertEqual(plan.analysis(on: CalendarDay("2025-04-02")!).overdue, ["FM002", "FM003"])
        XCTAssertEqual(plan.analysis(on: CalendarDay("2025-03-01")!).overdue, [], "a frist is overdue from the day after")
    }

    func testWaitingForListsOnlyOpenDependenciesAndBlocksCountsTransitively() throws {
        let plan = try scoped(base + """

        status:
          FM001: udført
        """)
        let analysis = plan.analysis(on: CalendarDay("2025-03-10")!)
        for instance in plan.instances where instance.status != .done {
            let waits = try XCTUnwrap(analysis.waitingFor[instance.key])
            XCTAssertFalse(waits.contains("FM001"), "\(instance.key) lists a done dependency")
            XCTAssertEqual(waits.isEmpty, instance.ready, "\(instance.key): waits for nothing exactly when ready")
        }
        XCTAssertNil(analysis.blocks["FM001"], "a done task blocks nothing")
        // Recount independently: the open tasks reachable downstream.
        for instance in plan.instances where instance.status != .done {
            var seen: Set<TaskKey> = []
            var frontier = [instance.key]
            while let key = frontier.popLast() {
                for other in plan.instances where other.status != .done && other.dependencyKeys.contains(key) && !seen.contains(other.key) {
                    seen.insert(other.key)
                    frontier.append(other.key)
                }
            }
            XCTAssertEqual(analysis.blocks[instance.key], seen.count, instance.key.description)
        }
        let top = analysis.topBlockers(in: plan, limit: 3)
        XCTAssertEqual(top.count, 3)
        XCTAssertEqual(top.map { analysis.blocks[$0]! }, top.map { analysis.blocks[$0]! }.sorted(by: >))
    }

    func testScheduleByWorkingDaysWithCriticalPath() throws {
        // FM001 → FM002? Use two chained once-tasks and check dates over a weekend.
        let plan = try scoped(base + """

        start: 2025-03-07
        varighed:
          FM001: 2
          FM002: 3
        """)
        let schedule = try XCTUnwrap(plan.analysis(on: CalendarDay("2025-03-07")!).schedule)
        XCTAssertEqual(schedule.start.description, "2025-03-07", "a Friday")
        XCTAssertEqual(schedule.earliestStart["FM001"]?.description, "2025-03-07")
        XCTAssertEqual(schedule.earliestFinish["FM001"]?.description, "2025-03-10", "Friday and Monday")
        let fm002 = try XCTUnwrap(plan.instance("FM002"))
        if fm002.dependencyKeys.isEmpty {
            XCTAssertEqual(schedule.earliestStart["FM002"]?.description, "2025-03-07")
        }
        // The end is the latest finish, and every critical task finishes on a chain to it.
        XCTAssertEqual(schedule.end, schedule.earliestFinish.values.max())
        XCTAssertFalse(schedule.critical.isEmpty)
        XCTAssertTrue(schedule.critical.contains { schedule.earliestFinish[$0] == schedule.end })
        XCTAssertEqual(schedule.withoutDuration, plan.instances.count - 2)
        XCTAssertNil(try scoped(base).analysis(on: CalendarDay("2025-03-10")!).schedule, "no duration anywhere: no schedule")
    }

    func testAChainSumsItsDurations() throws {
        // Every open task 1 day: a task's earliest start is the longest chain of open work before it.
        var text = base + "\nstart: 2025-03-03\nvarighed:\n"
        for task in catalog.tasks { text += "  \(task.id): 1\n" }
        let plan = try scoped(text)
        let schedule = try XCTUnwrap(plan.analysis(on: CalendarDay("2025-03-03")!).schedule)
        var depth: [TaskKey: Int] = [:]
        for instance in plan.instances {
            let before = instance.requirements.filter { !$0.keys.isEmpty }.map { r in r.keys.compactMap { depth[$0] }.min() ?? 0 }
            depth[instance.key] = (before.max() ?? 0) + 1
            let expected = WorkingCalendar().adding(depth[instance.key]! - 1, to: CalendarDay("2025-03-03")!)
            XCTAssertEqual(schedule.earliestFinish[instance.key], expected, instance.key.description)
        }
    }

    func testInconsistentStatusesAreWarningsListedOnce() throws {
        let plan = try scoped(base + """

        status:
          FM002: udført
          TF108@Sag: i_gang
        """)
        let warnings = plan.analysis(on: CalendarDay("2025-03-10")!).inconsistencies
        XCTAssertEqual(Set(warnings.map(\.key)), ["FM002", "TF108@Sag"].filter { key in
            plan.instance(key)!.requirements.contains { !$0.keys.isEmpty }
        }.reduce(into: Set<String>()) { $0.insert($1) })
        XCTAssertEqual(warnings.count, Set(warnings.map(\.key)).count)
        XCTAssertTrue(warnings.allSatisfy { $0.description.contains("plan.yaml:") && $0.description.contains("warning:") })
    }

    func testMyndighedNamesCompareCaseFolded() throws {
        func withMyndighed(_ name: String) throws -> ScopedPlan {
            let text = base.replacingOccurrences(of: "    sortiment: abonnement\n", with: "    sortiment: abonnement\n    myndighed: \"\(name)\"\n")
            XCTAssertNotEqual(text, base, "test setup")
            return try scoped(text)
        }
        let plain = try scoped(base)
        XCTAssertNil(plain.instance("FF102@Sag"), "one authority: no data exchange agreement")
        XCTAssertEqual(try withMyndighed("  fjordby   KOMMUNE ").instances.map(\.key), plain.instances.map(\.key),
                       "the same authority, whatever the case and spaces")
        XCTAssertNotNil(try withMyndighed("Fælles Drift").instance("FF102@Sag"), "another authority needs FF102")
    }

    func testEveryWrongStatusKeyInOneRunWithTheMeantKey() throws {
        let problems = errors {
            _ = try scoped(base + """

            status:
              TF108 @ Sag: udført
              tf108@sag: udført
              FM01: udført
              TF108@Sagg: i_gang
            """)
        }
        XCTAssertEqual(problems.count, 4, problems.joined(separator: "\n"))
        XCTAssertTrue(problems[0].contains("did you mean 'TF108@Sag'"), problems[0])
        XCTAssertTrue(problems[1].contains("did you mean 'TF108@Sag'"), problems[1])
        XCTAssertTrue(problems[2].contains("did you mean 'FM001'"), problems[2])
        XCTAssertTrue(problems[3].contains("did you mean 'Sag'"), problems[3])
        XCTAssertFalse(problems.joined().contains("only needed"), "no false reason")
    }

    func testBadPeopleDeadlinesAndDurationsAreAllReported() throws {
        let problems = errors {
            _ = try scoped(base.replacingOccurrences(of: "soren@fjordby.dk", with: "soren at fjordby") + """

            varighed:
              FM001: -2
            status:
              FM001: {status: udførtt, frist: 2025-02-30}
              FM002: {frist: next week, notat: x}
            """)
        }
        XCTAssertEqual(problems.count, 6, problems.joined(separator: "\n"))
        let all = problems.joined(separator: "\n")
        for expected in ["not an e-mail address", "working days", "did you mean 'udført'", "'2025-02-30', not a date", "'next week', not a date", "did you mean 'note'"] {
            XCTAssertTrue(all.contains(expected), "missing: \(expected)\n\(all)")
        }
    }

    func testRolloutStandardMergesIntoEveryKommune() throws {
        let text = """
        standard:
          fagsystemer:
            - navn: Sag
              leverance: [straks]
              sortiment: abonnement
              forvaltningsansvarlig: {navn: Lars Lev, organisation: Leverandør A/S}
          status:
            FM001: udført
        kommuner:
          - kommune: A Kommune
            bogføringssystem: {navn: Ø}
          - kommune: B Kommune
            bogføringssystem: {navn: Ø}
            fagsystemer:
              - navn: Sag
                leverance: [masse]
              - navn: Andet
                leverance: [straks]
                sortiment: manuel
            status:
              FM001: i_gang
        """
        let file = try PlanFile.parse(text, file: "udrulning.yaml", catalog: catalog)
        let a = try file.plan(named: "A Kommune"), b = try file.plan(named: "B Kommune")
        XCTAssertEqual(a.systems.filter { $0.system == "fagsystem" }.map(\.name), ["Sag"])
        XCTAssertEqual(a.status(of: "FM001"), .done)
        XCTAssertEqual(b.systems.filter { $0.system == "fagsystem" }.map(\.name), ["Sag", "Andet"])
        let sag = try XCTUnwrap(b.systems.first { $0.name == "Sag" })
        XCTAssertEqual(sag.answers["leverance"], .words(["masse"]), "the kommune's answer wins")
        XCTAssertEqual(sag.answers["sortiment"], .word("abonnement"), "the standard fills what the kommune leaves out")
        XCTAssertEqual(sag.people["forvaltningsansvarlig"]?.organisation, "Leverandør A/S")
        XCTAssertEqual(b.status(of: "FM001"), .inProgress)
    }

    func testPartialRolloutKeepsTheGoodKommuner() throws {
        let text = """
        kommuner:
          - kommune: God Kommune
            bogføringssystem: {navn: Ø}
            fagsystemer: [{navn: Sag, leverance: [straks], sortiment: abonnement}]
          - kommune: Dårlig Kommune
            bogføringssystem: {navn: Ø}
            fagsystemer: []
          - kommune: Værre Kommune
            bogføringssystem: {navn: Ø, første_gang: måske}
            fagsystemer: [{navn: Sag, leverance: [sjældent], sortiment: abonnement}]
        """
        XCTAssertThrowsError(try PlanFile.parse(text, file: "u.yaml", catalog: catalog), "strict reading fails")
        let file = try PlanFile.parse(text, file: "u.yaml", catalog: catalog, partial: true)
        XCTAssertEqual(file.plans.map(\.kommune), ["God Kommune"])
        XCTAssertEqual(file.rejected.map(\.kommune), ["Dårlig Kommune", "Værre Kommune"])
        XCTAssertEqual(file.rejected[1].problems.count, 2, "every problem of the kommune")
    }

    /// Looked at after its start with open work behind schedule, a plan projects from the day
    /// it is looked at: no open task starts or ends before that day, and the end moves later,
    /// never earlier, as the days pass. Easter and Christmas are not working days.
    func testOpenWorkIsScheduledFromTheDayThePlanIsLookedAt() throws {
        let plan = try scoped(base + """

        start: 2025-03-03
        varighed:
          FM001: 5
          FM002: 5
        """)
        var previousEnd: CalendarDay?
        for dayText in ["2025-03-03", "2025-03-17", "2025-04-14", "2025-04-16", "2025-12-22"] {
            let day = CalendarDay(dayText)!
            let schedule = try XCTUnwrap(plan.analysis(on: day).schedule)
            for (key, start) in schedule.earliestStart {
                XCTAssertGreaterThanOrEqual(start, day, "\(dayText): \(key) starts on or after the day")
                XCTAssertGreaterThanOrEqual(schedule.earliestFinish[key]!, day, "\(dayText): \(key)")
            }
            XCTAssertGreaterThanOrEqual(schedule.end, day, "\(dayText): the projected end is never in the past")
            if let previousEnd { XCTAssertGreaterThanOrEqual(schedule.end, previousEnd, "\(dayText): the end does not move earlier") }
            previousEnd = schedule.end
        }
        // Five working days from the Wednesday before Easter 2025: 16, 22, 23, 24, 25 April.
        let easter = try XCTUnwrap(plan.analysis(on: CalendarDay("2025-04-16")!).schedule)
        XCTAssertEqual(easter.earliestFinish["FM001"]?.description, "2025-04-25", "Easter's holidays are skipped")
        // From 22 December: 22, 23, 24, 29, 30 December (Christmas), and a plan's own days off.
        let christmas = try XCTUnwrap(plan.analysis(on: CalendarDay("2025-12-22")!).schedule)
        XCTAssertEqual(christmas.earliestFinish["FM001"]?.description, "2025-12-30")
        let closed = try scoped(base + "\nstart: 2025-03-03\nfridage: [2025-12-24, 2025-12-31]\nvarighed: {FM001: 5}")
        XCTAssertEqual(try XCTUnwrap(closed.analysis(on: CalendarDay("2025-12-22")!).schedule).earliestFinish["FM001"]?.description,
                       "2026-01-02", "24 and 31 December off, 1 January a holiday")
    }

    /// A status may carry the day it was reached: done work ends on it (its bar spans its working
    /// days back from it), started work starts on it, and what is left of it ends no earlier than
    /// the day looked at. Over Easter 2025 a projected finish passes a frist that the plain
    /// count would keep.
    func testRecordedDaysPlaceDoneAndStartedWork() throws {
        let plan = try scoped(base.replacingOccurrences(of: "dato: 2025-03-10", with: "dato: 2025-04-15") + """

        start: 2025-03-03
        varighed: {FM001: 3, FM002: 10, FM003: 4}
        status:
          FM001: {status: udført, dato: 2025-03-05}
          FM002: {status: i_gang, dato: 2025-04-07}
          FM003: {frist: 2025-04-22}
        """)
        let day = CalendarDay("2025-04-15")!
        let analysis = plan.analysis(on: day)
        let schedule = try XCTUnwrap(analysis.schedule)
        XCTAssertEqual(schedule.done["FM001"], DaySpan(start: CalendarDay("2025-03-03")!, finish: CalendarDay("2025-03-05")!),
                       "three working days ending on the recorded day")
        XCTAssertEqual(schedule.earliestStart["FM002"]?.description, "2025-04-07", "started on its recorded day, before the day looked at")
        // Ten working days from Monday 7 April: 7–11, 14–16, (Easter 17–21), 22, 23 April.
        XCTAssertEqual(schedule.earliestFinish["FM002"]?.description, "2025-04-23")
        if let fm003 = plan.instance("FM003"), fm003.dependencyKeys.contains("FM002") {
            // After FM002: 24, 25, 28, 29 April, past its frist of 22 April.
            XCTAssertEqual(schedule.earliestFinish["FM003"]?.description, "2025-04-29")
        }
        XCTAssertGreaterThan(try XCTUnwrap(schedule.earliestFinish["FM003"]), CalendarDay("2025-04-22")!)
        XCTAssertGreaterThanOrEqual(schedule.end, day)
        // Started long ago with little left: it ends on the day looked at, not in the past.
        let late = try scoped(base + "\nstart: 2025-03-03\nvarighed: {FM002: 2}\nstatus:\n  FM002: {status: i_gang, dato: 2025-03-03}")
        let lateSchedule = try XCTUnwrap(late.analysis(on: CalendarDay("2025-03-10")!).schedule)
        XCTAssertEqual(lateSchedule.earliestFinish["FM002"]?.description, "2025-03-10")
        XCTAssertEqual(lateSchedule.earliestStart["FM002"]?.description, "2025-03-03")
    }

    func testARecordedDayNeedsAStatusAndLiesOnOrBeforeThePlansDay() {
        let problems = errors {
            _ = try scoped(base + """

            status:
              FM001: {dato: 2025-03-03}
              FM002: {status: udført, dato: 2025-03-11}
              FM003: {status: i_gang, dato: 2025-02-30}
            """)
        }
        XCTAssertEqual(problems.count, 3, problems.joined(separator: "\n"))
        XCTAssertTrue(problems.contains { $0.contains("plan.yaml:") && $0.contains("'FM001' has a 'dato' but is ikke_startet") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("'FM002' was udført on 2025-03-11, after the plan's dato 2025-03-10") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("'dato' of 'FM003'") }, "\(problems)")
    }

    /// `--since` gives a task done since the older file without a recorded day the newer
    /// file's dato; a recorded day and earlier done work stay as they are.
    func testTheNewerFileDatesWorkDoneSinceTheOlder() throws {
        let old = try scoped(base + "\nstatus:\n  FM001: udført\n")
        let new = try scoped(base.replacingOccurrences(of: "dato: 2025-03-10", with: "dato: 2025-03-17")
            + "\nstatus:\n  FM001: udført\n  FM002: udført\n  FM003: {status: udført, dato: 2025-03-12}\n")
        let filled = try XCTUnwrap(PlanChanges.fillingDoneDays(old: [old], new: [new]).first)
        XCTAssertNil(filled.entry("FM001")?.day, "done before: no day is made up")
        XCTAssertEqual(filled.entry("FM002")?.day?.description, "2025-03-17")
        XCTAssertEqual(filled.entry("FM003")?.day?.description, "2025-03-12")
    }

    func testCalendarDays() {
        XCTAssertEqual(CalendarDay("2024-02-29")?.description, "2024-02-29")
        XCTAssertNil(CalendarDay("2023-02-29"))
        XCTAssertNil(CalendarDay("2024-13-01"))
        XCTAssertNil(CalendarDay("24-1-1"))
        XCTAssertEqual(CalendarDay("1970-01-01")?.ordinal, 0)
        let calendar = WorkingCalendar()
        XCTAssertFalse(calendar.isWorkingDay(CalendarDay("2025-03-08")!), "a Saturday")
        XCTAssertEqual(calendar.adding(0, to: CalendarDay("2025-03-08")!).description, "2025-03-10")
        XCTAssertEqual(calendar.adding(1, to: CalendarDay("2025-03-07")!).description, "2025-03-10")
        XCTAssertEqual(calendar.adding(10, to: CalendarDay("2025-03-03")!).description, "2025-03-17")
        XCTAssertEqual(calendar.adding(7, to: CalendarDay("2025-03-05")!).description, "2025-03-14")
        // Against counting day by day, across Easter, Christmas and a plan's own days off.
        let offDays = WorkingCalendar(extraDaysOff: [CalendarDay("2025-06-05")!, CalendarDay("2025-12-24")!])
        for calendar in [calendar, offDays] {
            for start in ["2025-03-05", "2025-04-10", "2025-12-19", "2023-05-01"] {
                let first = calendar.workingDayOrNext(CalendarDay(start)!)
                var day = first
                for n in 0..<400 {
                    if n > 0 { repeat { day.ordinal += 1 } while !calendar.isWorkingDay(day) }
                    XCTAssertEqual(calendar.adding(n, to: first), day, "\(start) + \(n)")
                    XCTAssertEqual(calendar.workingDays(after: first, through: day), n, "\(start) → \(day)")
                }
            }
        }
    }
}
