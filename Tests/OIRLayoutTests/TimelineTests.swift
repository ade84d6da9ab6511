import Foundation
import OIRTestSupport
import XCTest
@testable import OIRContent
@testable import OIRLayout
@testable import OIRModel
@testable import OIRPipeline
@testable import OIRRender
@testable import OIRRouting

/// The timeline of generated plans, checked on its JSON as a user of `render --view tidsplan
/// --format json` gets it: every bar in its own row inside its lane, at the x of its days; no
/// task starts before the work it waits for is done, nor open work before the day looked at;
/// the today line at that day; and no arrow through a bar, a stub or a label.
final class TimelineTests: XCTestCase {
    private struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// A plan of 1–4 fagsystems with durations, statuses reached on recorded days, frists, and a
    /// day looked at 0–80 days after its start (over Easter and Christmas for some seeds).
    private func generated(_ random: inout Random, catalog: Catalog) throws -> (ScopedPlan, CalendarDay) {
        let fagsystems = (0..<(1 + random.next(4))).map { i in
            Fagsystem(name: "System \(i + 1)", firstTime: random.next(3) != 0, deliveries: [[.immediate], [.bulk], [.immediate, .bulk]][random.next(3)],
                      assortment: random.next(2) == 0 ? .subscription : .manual, supplement: random.next(2) == 0,
                      productionVerification: random.next(2) == 0, authority: "Kommune")
        }
        let starts = ["2025-03-03", "2025-04-07", "2025-11-24", "2025-12-15"]
        let start = CalendarDay(starts[random.next(starts.count)])!
        let day = CalendarDay(ordinal: start.ordinal + random.next(80))
        var plan = SF1590APlan(kommune: "Kommune", date: day.description, firstTime: random.next(2) == 0,
                               bookkeeping: BookkeepingSystem(name: "Økonomi", firstTime: random.next(2) == 0, authority: "Kommune"),
                               fagsystems: fagsystems, status: []).plan
        plan.start = start
        for task in catalog.tasks where random.next(5) != 0 { plan.durations[TaskKey(task.id)] = random.next(9) }
        let unscoped = try plan.scope(catalog)
        // Progress in dependency order: a task is done or started only when what it waits for is done.
        var done = Set<TaskKey>()
        for instance in unscoped.instances where instance.requirements.allSatisfy({ $0.isMet { done.contains($0) ? .done : .notStarted } }) {
            let roll = random.next(6)
            let reached = CalendarDay(ordinal: start.ordinal + random.next(max(day.ordinal - start.ordinal, 1)))
            if roll < 2 {
                plan.status.append(StatusEntry(key: instance.key, status: .done, day: random.next(4) == 0 ? nil : reached))
                done.insert(instance.key)
            } else if roll == 2 {
                plan.status.append(StatusEntry(key: instance.key, status: .inProgress, deadline: CalendarDay(ordinal: day.ordinal + random.next(20) - 5),
                                               day: random.next(2) == 0 ? nil : reached))
            }
        }
        for instance in unscoped.instances where !done.contains(instance.key) && random.next(5) == 0 && plan.entry(instance.key) == nil {
            plan.status.append(StatusEntry(key: instance.key, status: .notStarted, deadline: CalendarDay(ordinal: day.ordinal + random.next(30) - 10)))
        }
        return (try plan.scope(catalog), day)
    }

    private func json(_ scoped: ScopedPlan, catalog: Catalog, day: CalendarDay, style: String) throws -> [String: Any] {
        let style = try Style.builtIn(style)
        let content = DiagramContent.plan(scoped, catalog: catalog, options: PlanDiagramOptions(day: PlanDay(given: day, today: day), view: .tidsplan))
        let data = try Renderer.render(Pipeline.diagram(content, style: style), options: RenderOptions(format: .json, style: style))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func rect(_ any: Any?) -> Rect {
        let r = any as? [String: Double] ?? [:]
        return Rect(x: r["x"] ?? 0, y: r["y"] ?? 0, width: r["width"] ?? 0, height: r["height"] ?? 0)
    }

    func testTimelinesOfGeneratedPlans() throws {
        let catalog = try Catalog.builtIn()
        var random = Random(state: 20_251_202)
        let only = ProcessInfo.processInfo.environment["OIR_TIMELINE_CASE"].flatMap(Int.init)
        var bars = 0, arrows = 0
        for index in 0..<40 {
            let (scoped, day) = try generated(&random, catalog: catalog)
            if let only, only != index { continue }
            let json = try json(scoped, catalog: catalog, day: day, style: index % 5 == 4 ? "dark" : "official")
            let problems = timelineProblems(json, scoped, day: day)
            XCTAssertEqual(problems, [], "case \(index) (OIR_TIMELINE_CASE=\(index))")
            let routes = RouteCheck(json, stubs: false).problems()
            XCTAssertEqual(routes.problems, [], "case \(index) (OIR_TIMELINE_CASE=\(index))")
            bars += (json["boxes"] as? [Any])?.count ?? 0
            arrows += routes.arrows
        }
        guard only == nil else { return }
        XCTAssertGreaterThan(bars, 400, "the generated plans place most of their tasks")
        XCTAssertGreaterThan(arrows, 200, "and draw arrows between them")
    }

    /// What is wrong with a timeline's JSON, one line each.
    private func timelineProblems(_ json: [String: Any], _ scoped: ScopedPlan, day: CalendarDay) -> [String] {
        var problems: [String] = []
        guard let scale = json["time_scale"] as? [String: Any], let first = (scale["first"] as? String).flatMap(CalendarDay.init),
              let left = scale["left"] as? Double, let width = scale["day_width"] as? Double else { return ["no time_scale"] }
        if scale["day"] as? String != day.description { problems.append("the time scale's day is \(scale["day"] ?? "nil"), not \(day)") }
        func x(_ d: CalendarDay) -> Double {
            left + Double((d.monday.ordinal - first.ordinal) / 7 * 5 + min(d.weekdayIndex, 5)) * width
        }
        let lanes = Dictionary((json["lanes"] as? [[String: Any]] ?? []).map { ($0["id"] as? String ?? "", rect($0["rect"])) },
                               uniquingKeysWith: { a, _ in a })
        var spans: [TaskKey: DaySpan] = [:], rects: [TaskKey: Rect] = [:]
        for box in json["boxes"] as? [[String: Any]] ?? [] {
            let key = TaskKey(parsing: box["key"] as? String ?? ""), r = rect(box["rect"])
            guard let start = (box["start"] as? String).flatMap(CalendarDay.init), let finish = (box["finish"] as? String).flatMap(CalendarDay.init) else {
                problems.append("\(key) has no days")
                continue
            }
            spans[key] = DaySpan(start: start, finish: finish)
            rects[key] = r
            guard let lane = lanes[box["lane"] as? String ?? ""] else {
                problems.append("\(key) is in no lane")
                continue
            }
            if r.minX < lane.minX || r.maxX > lane.maxX + 0.01 || r.minY < lane.minY || r.maxY > lane.maxY { problems.append("\(key) lies outside its lane") }
            if abs(r.minX - x(start)) > 0.01 { problems.append("\(key) does not start at the x of \(start)") }
            if finish < start { problems.append("\(key) finishes before it starts") }
        }
        // One row each: no two bars share a height.
        let byTop = rects.sorted { $0.value.minY < $1.value.minY }
        for (a, b) in zip(byTop, byTop.dropFirst()) where b.value.minY < a.value.maxY { problems.append("\(a.key) and \(b.key) share a row") }
        // Work not yet begun starts on or after the day looked at, and after what it waits for.
        let workingDay = WorkingCalendar(extraDaysOff: scoped.plan.daysOff).workingDayOrNext(day)
        for instance in scoped.instances where instance.status == .notStarted {
            guard let span = spans[instance.key] else { continue }
            if span.start < workingDay { problems.append("\(instance.key) starts \(span.start), before the day looked at") }
            for requirement in instance.requirements where !requirement.keys.isEmpty {
                let finishes = requirement.keys.compactMap { spans[$0]?.finish }
                guard finishes.count == requirement.keys.count, let met = requirement.needsEvery ? finishes.max() : finishes.min() else { continue }
                // Work of no days (no duration given) is done the day it starts: what waits may start that day.
                let instant = requirement.keys.contains { spans[$0]?.finish == met && (scoped.plan.durations[TaskKey($0.task)] ?? 0) == 0 }
                if span.start < met || (span.start == met && !instant) { problems.append("\(instance.key) starts \(span.start), before \(requirement.keys) is done (\(met))") }
            }
        }
        let today = (json["marks"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "today" }
        if today.count != 1 || abs(rect(today.first?["rect"]).minX - x(day)) > 0.01 { problems.append("the today line is not at \(day)") }
        return problems
    }

    /// The command draws every example plan's timeline; a plan without durations is refused with
    /// what to add, and nothing is written.
    func testAPlanWithoutDurationsHasNoTimeline() throws {
        let catalog = try Catalog.builtIn()
        let plan = SF1590APlan(kommune: "Kommune", date: "2025-01-10", firstTime: true,
                               bookkeeping: BookkeepingSystem(name: "Økonomi", authority: "Kommune"),
                               fagsystems: [Fagsystem(name: "Sag", deliveries: [.immediate], assortment: .manual, authority: "Kommune")], status: [])
        let scoped = try plan.scope(catalog)
        XCTAssertThrowsError(try Pipeline.checkTimeline(scoped, day: PlanDay(today: CalendarDay("2025-01-10")!))) { error in
            XCTAssertTrue("\(error)".contains("gives no durations"), "\(error)")
            XCTAssertTrue("\(error)".contains("varighed"), "\(error)")
        }
    }
}
