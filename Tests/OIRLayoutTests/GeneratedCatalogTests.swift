import Foundation
import OIRTestSupport
import XCTest
@testable import OIRContent
@testable import OIRLayout
@testable import OIRModel
@testable import OIRPipeline
@testable import OIRRender

/// Random valid catalogs in the README's format (1–8 parties, 1–5 bands, 1–4 columns, 0–6
/// variants, choices of 2–4, coordination pairs, conditions with every operator, dependencies
/// forward and backward across lanes and columns) and random plans for them. For each: lint is
/// clean; the plan's tasks are those a small evaluator of the README's inclusion rules picks
/// (written from the README, not from the code); the order respects every dependency; the
/// official and the plan diagram pass the route-quality checks; no two texts overlap; the
/// members of every choice stand together with "eller" between each neighbouring pair.
/// Seeded: a failure names its case, and `OIR_CATALOG_CASE=N` replays only that one
/// (`OIR_CATALOG_DUMP=folder` writes each case's catalog and plan there).
final class GeneratedCatalogTests: XCTestCase {
    static let cases = 300

    func testGeneratedCatalogsScopeLayOutAndRouteRight() throws {
        let only = ProcessInfo.processInfo.environment["OIR_CATALOG_CASE"].flatMap(Int.init)
        var checkedTasks = 0, arrows = 0, spanning = 0, choices = 0, split = 0
        for number in only.map({ [$0] }) ?? Array(0..<Self.cases) {
            var generator = CatalogGenerator(seed: UInt64(20_261_202 + number))
            let generated = generator.catalog()
            let name = "case \(number)"
            let catalog: Catalog
            do {
                catalog = try Catalog.parse(generated.yaml, file: "generated-\(number).yaml")
            } catch {
                XCTFail("\(name): lint is not clean: \(error)\n\(generated.yaml)")
                continue
            }
            let plan = generator.plan(for: generated)
            if let folder = ProcessInfo.processInfo.environment["OIR_CATALOG_DUMP"] {
                // To look at a case: its catalog and plan as files.
                try generated.yaml.write(toFile: "\(folder)/katalog-\(number).yaml", atomically: true, encoding: .utf8)
                try plan.yaml.write(toFile: "\(folder)/plan-\(number).yaml", atomically: true, encoding: .utf8)
            }
            let scoped = try XCTUnwrap(try PlanFile.parse(plan.yaml, file: "plan-\(number).yaml", catalog: catalog).plans.first).scope(catalog)
            let keys = scoped.instances.map(\.key.description)
            XCTAssertEqual(Set(keys), plan.expected, "\(name): the plan's tasks differ from the README's rules\n\(generated.yaml)\n\(plan.yaml)")
            checkedTasks += keys.count
            // The order: every dependency (not a coordination partner) before its dependant.
            let position = Dictionary(scoped.instances.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
            for instance in scoped.instances {
                for requirement in instance.requirements {
                    for key in requirement.keys where (position[key] ?? 0) > position[instance.key]! {
                        XCTFail("\(name): \(instance.key) is ordered before \(key), which it waits for")
                    }
                }
            }
            for (what, content) in [("official", DiagramContent.official(catalog)), ("plan", DiagramContent.plan(scoped, catalog: catalog))] {
                for style in number % 5 == 4 ? ["edges"] : ["official"] {
                    let json = try laidOut(content, style: style)
                    let report = RouteCheck(json, stubs: style != "edges").problems()
                    XCTAssertEqual(report.problems, [], "\(name), \(what) diagram, \(style)\n\(generated.yaml)\n\(plan.yaml)")
                    if what == "official" {
                        XCTAssertEqual(TextOverlapCheck.choiceProblems(json, choices: generated.choices), [], "\(name), \(style)\n\(generated.yaml)")
                    }
                    XCTAssertEqual(TextOverlapCheck(json).problems(), [], "\(name), \(what) diagram, \(style)\n\(generated.yaml)")
                    arrows += report.arrows
                    spanning += TextOverlapCheck.spanningFrames(json)
                    choices += ((json["notes"] as? [[String: Any]]) ?? []).filter { ($0["text"] as? String) == "eller" }.count
                }
            }
            if number % 4 == 0, try checkSplit(DiagramContent.official(catalog), name: name, yaml: generated.yaml) > 1 { split += 1 }
        }
        if only == nil {
            // The generator reaches what the checks are about.
            XCTAssertGreaterThan(checkedTasks, 3_000)
            XCTAssertGreaterThan(arrows, 1_000)
            XCTAssertGreaterThan(spanning, 20, "variants drawn across lanes")
            XCTAssertGreaterThan(choices, 100, "\"eller\" between choices")
            XCTAssertGreaterThan(split, 20, "diagrams split over pages")
        }
    }

    /// The reference evaluator itself: a condition over instances answers differently with one
    /// and with several instances, as the README says (`nogen:` / `alle_instanser:`).
    func testTheReferenceEvaluatorReadsInstanceConditionsAsTheREADMESays() {
        let one = [["kort": "true"]], two = [["kort": "true"], ["kort": "false"]]
        let some = GeneratedCondition.someInstance(.answer("rep", "kort", "true"))
        let every = GeneratedCondition.everyInstance(.answer("rep", "kort", "true"))
        XCTAssertTrue(some.holds(PlanAnswers(kommune: [:], single: [:], instances: two), instance: nil))
        XCTAssertFalse(every.holds(PlanAnswers(kommune: [:], single: [:], instances: two), instance: nil))
        XCTAssertTrue(every.holds(PlanAnswers(kommune: [:], single: [:], instances: one), instance: nil))
        XCTAssertTrue(GeneratedCondition.answer("rep", "kort", "true").holds(PlanAnswers(kommune: [:], single: [:], instances: two), instance: 0))
        XCTAssertFalse(GeneratedCondition.answer("rep", "kort", "true").holds(PlanAnswers(kommune: [:], single: [:], instances: two), instance: 1))
    }

    /// Split over A4 pages (`--split bands`), every box is on exactly one page and every page
    /// is as clean as a whole diagram: no arrow through a box, no text on another.
    /// - Returns: How many pages.
    private func checkSplit(_ content: DiagramContent, name: String, yaml: String) throws -> Int {
        let pages = Diagram.pages(content, split: .bands, options: LayoutOptions(page: .a4)) ?? [content]
        XCTAssertEqual(pages.flatMap(\.items).map(\.key).sorted(), content.items.map(\.key).sorted(),
                       "\(name): every box on one page\n\(yaml)")
        for (index, page) in pages.enumerated() {
            var options = RenderOptions(format: .json, style: try Style.builtIn("official"))
            options.page = .a4
            let data = try Renderer.render(Pipeline.diagram(page, style: options.style, page: .a4), options: options)
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
            XCTAssertEqual(RouteCheck(json, stubs: true).problems().problems, [], "\(name), page \(index + 1)\n\(yaml)")
            XCTAssertEqual(TextOverlapCheck(json).problems(), [], "\(name), page \(index + 1)\n\(yaml)")
        }
        return pages.count
    }

    private func laidOut(_ content: DiagramContent, style: String) throws -> [String: Any] {
        let style = try Style.builtIn(style)
        let data = try Renderer.render(Pipeline.diagram(content, style: style), options: RenderOptions(format: .json, style: style))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}

// MARK: The reference: conditions and inclusion as the README states them

/// A plan's answers: the kommune's, the single system's, and each instance's of the repeated
/// system, every value as the plan file writes it ("true", a word, a name, "a,b" for a list).
struct PlanAnswers {
    var kommune: [String: String]
    var single: [String: String]
    var instances: [[String: String]]
}

/// A condition of the README's table, with its catalog text and its meaning.
indirect enum GeneratedCondition {
    /// `{level.question: value}`: the answer is the value; a list answer contains it.
    case answer(String, String, String)
    case all([GeneratedCondition]), any([GeneratedCondition]), not(GeneratedCondition)
    /// `{forskellig: [a, b]}` / `{ens: [a, b]}` of two name answers, each `(level, question)`.
    case different((String, String), (String, String)), same((String, String), (String, String))
    case someInstance(GeneratedCondition), everyInstance(GeneratedCondition)

    var yaml: String {
        switch self {
        case let .answer(level, question, value): "{\(level).\(question): \(value)}"
        case let .all(list): "{alle: [\(list.map(\.yaml).joined(separator: ", "))]}"
        case let .any(list): "{en_af: [\(list.map(\.yaml).joined(separator: ", "))]}"
        case let .not(inner): "{ikke: \(inner.yaml)}"
        case let .different(a, b): "{forskellig: [\(a.0).\(a.1), \(b.0).\(b.1)]}"
        case let .same(a, b): "{ens: [\(a.0).\(a.1), \(b.0).\(b.1)]}"
        case let .someInstance(inner): "{nogen: \(inner.yaml)}"
        case let .everyInstance(inner): "{alle_instanser: \(inner.yaml)}"
        }
    }

    /// Whether it holds for the kommune (`instance` nil) or for one instance of the repeated system.
    func holds(_ answers: PlanAnswers, instance: Int?) -> Bool {
        func value(_ level: String, _ question: String) -> String? {
            switch level {
            case "kommune": answers.kommune[question]
            case "rep": instance.flatMap { answers.instances[$0][question] }
            default: answers.single[question]
            }
        }
        switch self {
        case let .answer(level, question, expected):
            guard let given = value(level, question) else { return false }
            return given.split(separator: ",").contains { $0 == expected }
        case let .all(list): return list.allSatisfy { $0.holds(answers, instance: instance) }
        case let .any(list): return list.contains { $0.holds(answers, instance: instance) }
        case let .not(inner): return !inner.holds(answers, instance: instance)
        case let .different(a, b): return value(a.0, a.1) != value(b.0, b.1)
        case let .same(a, b): return value(a.0, a.1) == value(b.0, b.1)
        case let .someInstance(inner): return answers.instances.indices.contains { inner.holds(answers, instance: $0) }
        case let .everyInstance(inner): return answers.instances.indices.allSatisfy { inner.holds(answers, instance: $0) }
        }
    }
}

/// One generated catalog: its YAML and what the reference needs to know of each task.
struct GeneratedCatalog {
    struct Task {
        var id: String
        /// Done once (for the kommune or the single system) or per instance of the repeated system.
        var once: Bool
        /// Its frequency's, variant's and own conditions.
        var conditions: [GeneratedCondition]
    }
    var yaml: String
    var tasks: [Task]
    /// The members of each choice group.
    var choices: [[String]]
    var hasRepeated: Bool
    var hasSingle: Bool
}

struct GeneratedPlan {
    var yaml: String
    /// The task keys the README's rules include.
    var expected: Set<String>
}

/// Seeded generator of catalogs and plans (a linear congruential sequence: the same every run).
struct CatalogGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 }

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(max(1, bound)))
    }

    mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }

    // The questions every generated catalog declares, by level.
    static let kommuneQuestions = "[{id: k_yn, type: ja_nej, standard: false}, {id: k_one, type: en_af, værdier: [a, b, c], standard: a}]"
    static let singleQuestions = "[{id: o_yn, type: ja_nej, standard: true}, {id: o_name, type: navn, standard: kommune}]"
    static let repeatedQuestions = "[{id: r_yn, type: ja_nej, standard: false}, {id: r_one, type: en_af, værdier: [x, y, z], standard: x}, "
        + "{id: r_some, type: flere_af, værdier: [p, q], standard: [p]}, {id: r_name, type: navn, standard: kommune}, "
        + "{id: r_pick, type: en_af, værdier: [v1, v2, v3, v4], standard: v1}]"

    /// A leaf condition about the kommune, the single system or (when `repeated`) the instance.
    mutating func leaf(repeated: Bool, single: Bool) -> GeneratedCondition {
        var options: [Int] = [0, 1]
        if single { options += [2] }
        if repeated { options += [3, 4, 5] }
        if repeated && single { options += [6] }
        switch pick(options) {
        case 0: return .answer("kommune", "k_yn", pick(["true", "false"]))
        case 1: return .answer("kommune", "k_one", pick(["a", "b", "c"]))
        case 2: return .answer("one", "o_yn", pick(["true", "false"]))
        case 3: return .answer("rep", "r_yn", pick(["true", "false"]))
        case 4: return .answer("rep", "r_one", pick(["x", "y", "z"]))
        case 5: return .answer("rep", "r_some", pick(["p", "q"]))
        default: return chance(50) ? .different(("rep", "r_name"), ("one", "o_name")) : .same(("rep", "r_name"), ("one", "o_name"))
        }
    }

    /// A condition for work done once (`once`) or per instance: questions about the repeated
    /// system stand inside `nogen:` / `alle_instanser:` where the work is done once.
    mutating func condition(once: Bool, hasRepeated: Bool, hasSingle: Bool, depth: Int = 0) -> GeneratedCondition {
        let roll = next(10)
        if depth < 2 && roll < 2 {
            let list = (0..<(2 + next(2))).map { _ in condition(once: once, hasRepeated: hasRepeated, hasSingle: hasSingle, depth: depth + 1) }
            return roll == 0 ? .all(list) : .any(list)
        }
        if depth < 2 && roll == 2 { return .not(condition(once: once, hasRepeated: hasRepeated, hasSingle: hasSingle, depth: depth + 1)) }
        if hasRepeated && roll == 3 {
            // A quantifier asks about the repeated system (lint refuses it around anything else).
            var inner = leaf(repeated: true, single: hasSingle)
            while inner.yaml.contains("kommune.") || inner.yaml.hasPrefix("{one.") { inner = leaf(repeated: true, single: hasSingle) }
            return chance(50) ? .someInstance(inner) : .everyInstance(inner)
        }
        return leaf(repeated: hasRepeated && !once, single: hasSingle)
    }

    mutating func catalog() -> GeneratedCatalog {
        let partyCount = 1 + next(8)
        // Party 0 is the kommune's own (roles without a system); party 1 the repeated system's;
        // party 2 a system a plan names once; the rest systems no plan names.
        let parties = (0..<partyCount).map { $0 == 0 ? "p0" : "p\($0)" }
        let hasRepeated = partyCount > 1, hasSingle = partyCount > 2
        let systemOf = { (party: Int) -> String? in party == 0 ? nil : (party == 1 ? "rep" : party == 2 ? "one" : "s\(party)") }
        let byResponsible = chance(50)
        var bands: [(id: String, per: String, condition: GeneratedCondition?)] = []
        for b in 0..<(1 + next(5)) {
            var pers = ["kommune"]
            if hasRepeated { pers += ["rep", "rep"] }
            if hasSingle { pers += ["one"] }
            let per = pick(pers)
            let cond: GeneratedCondition? = chance(30) ? condition(once: per != "rep", hasRepeated: hasRepeated, hasSingle: hasSingle) : nil
            bands.append(("b\(b)", per, cond))
        }
        let columns = (0..<(1 + next(4))).map { "c\($0)" }
        // Variants: some about the kommune (any task may be in them), some about the instance
        // (only per-instance work).
        var variants: [(id: String, perInstance: Bool, condition: GeneratedCondition?)] = []
        for v in 0..<next(7) {
            let perInstance = hasRepeated && chance(60)
            let cond: GeneratedCondition? = chance(80) ? (perInstance ? leaf(repeated: true, single: false) : condition(once: true, hasRepeated: hasRepeated, hasSingle: hasSingle)) : nil
            variants.append(("v\(v)", perInstance, cond))
        }
        var tasks: [(yaml: String, task: GeneratedCatalog.Task, party: Int)] = []
        var choiceGroups: [String] = [], pairs: [String] = [], choiceMembers: [[String]] = []
        var created: [(id: String, once: Bool)] = []

        func role(_ party: Int) -> String {
            systemOf(party).map { "{rolle: r, system: \($0)}" } ?? "{rolle: r}"
        }
        func dependencies(_ extra: [String]) -> [String] {
            var deps: [String] = []
            for _ in 0..<next(4) where !created.isEmpty {
                let d = pick(created).id
                if !deps.contains(d) { deps.append(d) }
            }
            return deps + extra
        }
        func taskYAML(id: String, party: Int, band: Int, column: String, variant: Int?, alternative: String, choice: String?,
                      own: GeneratedCondition?, deps: [String]) -> (String, GeneratedCatalog.Task) {
            let other = next(partyCount)
            let (responsible, performer) = byResponsible ? (party, other) : (other, party)
            var lines = [
                "  - id: \"\(id)\"", "    titel: \"Opgave \(id) \(pick(["kort", "med en noget længere titel der skal ombrydes", "mellem lang titel"]))\"",
                "    ansvarlig: \(role(responsible))", "    udførende: \(role(performer))",
                "    afhænger_af: [\(deps.map { "\"\($0)\"" }.joined(separator: ", "))]",
                "    part: \(parties[party])", "    art: \(column)", "    frekvens: f\(band)",
                "    variant: \(variant.map { "v\($0)" } ?? "ingen")", "    alternativ: \(alternative)",
            ]
            if let choice { lines.append("    valg: \(choice)") }
            if let own { lines.append("    betingelse: \(own.yaml)") }
            let once = bands[band].per != "rep"
            let conditions = [bands[band].condition, variant.flatMap { variants[$0].condition }, own].compactMap { $0 }
            return (lines.joined(separator: "\n"), .init(id: id, once: once, conditions: conditions))
        }
        let count = 3 + next(23)
        var index = 0
        while index < count {
            let party = next(partyCount), band = next(bands.count), column = pick(columns)
            let once = bands[band].per != "rep"
            let allowed = variants.indices.filter { !variants[$0].perInstance || !once }
            let variant: Int? = !allowed.isEmpty && chance(40) ? pick(allowed) : nil
            let kind = next(10)
            if kind == 0 && index + 2 <= count {
                // A choice of 2–4: one answer picks one member.
                let size = 2 + next(3)
                let group = "g\(choiceGroups.count)"
                let deps = dependencies([])
                var members: [String] = []
                for m in 0..<size {
                    let id = "T\(index)-\(["A", "B", "C", "D"][m])"
                    let own: GeneratedCondition = once ? .answer("kommune", "k_one", ["a", "b", "c", "a"][m]) : .answer("rep", "r_pick", "v\(m + 1)")
                    let (yaml, task) = taskYAML(id: id, party: party, band: band, column: column, variant: variant, alternative: "valg",
                                                choice: group, own: own, deps: deps)
                    tasks.append((yaml, task, party))
                    members.append(id)
                }
                choiceMembers.append(members)
                choiceGroups.append("  - {id: \(group), opgaver: [\(members.map { "\"\($0)\"" }.joined(separator: ", "))]}")
                created += members.map { ($0, once) }
                index += 1
            } else if kind == 1 && partyCount > 1 {
                // A coordination pair: two parties, the same frequency, naming each other.
                let a = "T\(index)K", b = "T\(index)L"
                let otherParty = (party + 1 + next(partyCount - 1)) % partyCount
                let deps = dependencies([])
                let (ya, ta) = taskYAML(id: a, party: party, band: band, column: column, variant: variant, alternative: "ingen", choice: nil, own: nil, deps: deps + [b])
                let (yb, tb) = taskYAML(id: b, party: otherParty, band: band, column: pick(columns), variant: variant, alternative: "ingen", choice: nil, own: nil, deps: dependencies([a]))
                tasks.append((ya, ta, party))
                tasks.append((yb, tb, otherParty))
                pairs.append("  - [\"\(a)\", \"\(b)\"]")
                created += [(a, once), (b, once)]
                index += 2
            } else {
                let id = "T\(index)"
                let own: GeneratedCondition? = chance(30) ? condition(once: once, hasRepeated: hasRepeated, hasSingle: hasSingle) : nil
                let (yaml, task) = taskYAML(id: id, party: party, band: band, column: column, variant: variant,
                                            alternative: own == nil ? "ingen" : "betinget", choice: nil, own: own, deps: dependencies([]))
                tasks.append((yaml, task, party))
                created.append((id, once))
                index += 1
            }
        }
        // Written in another order than created: dependencies point forward and backward.
        var shuffled = tasks
        for i in shuffled.indices.reversed() { shuffled.swapAt(i, next(i + 1)) }

        var yaml = """
            integration: {id: GEN, titel: "Generated", diagramtitel: "Generated integration"}
            systemer: [\((1..<partyCount).compactMap { systemOf($0) }.map { "{id: \($0), navn: \"System \($0)\", bestemt: \"systemet \($0)\"}" }.joined(separator: ", "))]
            roller: [{id: r, navn: Rolle}]
            baner:
              efter: \(byResponsible ? "ansvarlig" : "udførende")
              parter: [\(parties.indices.map { "{id: \(parties[$0]), navn: \"Part \($0)\"\($0 == 1 ? ", flertal: \"Alle \($0)\"" : ""), system: \(systemOf($0) ?? "null")}" }.joined(separator: ", "))]
            bånd:

            """
        for (b, band) in bands.enumerated() {
            yaml += "  - {id: \(band.id), navn: \"Bånd \(b)\", frekvenser: [{id: f\(b), pr: \(band.per)\(band.condition.map { ", betingelse: \($0.yaml)" } ?? "")}]}\n"
        }
        yaml += "kolonner: [\(columns.map { "{id: \($0), overskrift: \"Kolonne \($0)\"}" }.joined(separator: ", "))]\n"
        yaml += "varianter:\n" + (variants.isEmpty ? "  []\n" : variants.map { "  - {id: \($0.id), navn: \"Variant \($0.id)\"\($0.condition.map { ", betingelse: \($0.yaml)" } ?? "")}\n" }.joined())
        yaml += "valg:\n" + (choiceGroups.isEmpty ? "  []" : choiceGroups.joined(separator: "\n")) + "\n"
        yaml += "koordinering:\n" + (pairs.isEmpty ? "  []" : pairs.joined(separator: "\n")) + "\n"
        var systems: [String] = []
        if hasSingle { systems.append("    - {id: one, nøgle: enkelt, antal: én, spørgsmål: \(Self.singleQuestions)}") }
        if hasRepeated { systems.append("    - {id: rep, nøgle: gentagne, antal: flere, spørgsmål: \(Self.repeatedQuestions)}") }
        yaml += """
            plan:
              kommune: \(Self.kommuneQuestions)
              systemer:
            \(systems.isEmpty ? "    []" : systems.joined(separator: "\n"))
              baner: [\((parties.map { $0 } + (hasRepeated ? ["{for_hver: rep, parter: [\(parties.joined(separator: ", "))]}"] : [])).joined(separator: ", "))]
            opgaver:

            """
        yaml += shuffled.map(\.yaml).joined(separator: "\n") + "\n"
        return GeneratedCatalog(yaml: yaml, tasks: tasks.map(\.task), choices: choiceMembers, hasRepeated: hasRepeated, hasSingle: hasSingle)
    }

    /// A plan with random answers (some left to their `standard`) and the keys the README's
    /// rules include.
    mutating func plan(for catalog: GeneratedCatalog) -> GeneratedPlan {
        var answers = PlanAnswers(kommune: ["k_yn": "false", "k_one": "a"], single: ["o_yn": "true", "o_name": "Kommune K"], instances: [])
        var lines = ["kommune: Kommune K", "dato: 2026-12-01"]
        if chance(70) { answers.kommune["k_yn"] = pick(["true", "false"]); lines.append("k_yn: \(answers.kommune["k_yn"]!)") }
        if chance(70) { answers.kommune["k_one"] = pick(["a", "b", "c"]); lines.append("k_one: \(answers.kommune["k_one"]!)") }
        if catalog.hasSingle {
            lines.append("enkelt:")
            lines.append("  navn: Enkelt")
            if chance(70) { answers.single["o_yn"] = pick(["true", "false"]); lines.append("  o_yn: \(answers.single["o_yn"]!)") }
            if chance(50) { answers.single["o_name"] = pick(["Kommune K", "Fælles"]); lines.append("  o_name: \(answers.single["o_name"]!)") }
        }
        var names: [String] = []
        if catalog.hasRepeated {
            lines.append("gentagne:")
            for i in 0..<(1 + next(4)) {
                var a = ["r_yn": "false", "r_one": "x", "r_some": "p", "r_name": "Kommune K", "r_pick": "v1"]
                let name = "Sys \(i + 1)"
                names.append(name)
                lines.append("  - navn: \(name)")
                if chance(70) { a["r_yn"] = pick(["true", "false"]); lines.append("    r_yn: \(a["r_yn"]!)") }
                if chance(70) { a["r_one"] = pick(["x", "y", "z"]); lines.append("    r_one: \(a["r_one"]!)") }
                if chance(70) { a["r_some"] = pick(["p", "q", "p,q"]); lines.append("    r_some: [\(a["r_some"]!.split(separator: ",").joined(separator: ", "))]") }
                if chance(40) { a["r_name"] = pick(["Kommune K", "Fælles"]); lines.append("    r_name: \(a["r_name"]!)") }
                if chance(70) { a["r_pick"] = pick(["v1", "v2", "v3", "v4"]); lines.append("    r_pick: \(a["r_pick"]!)") }
                answers.instances.append(a)
            }
        }
        var expected: Set<String> = []
        for task in catalog.tasks {
            if task.once {
                if task.conditions.allSatisfy({ $0.holds(answers, instance: nil) }) { expected.insert(task.id) }
            } else {
                for (i, name) in names.enumerated() where task.conditions.allSatisfy({ $0.holds(answers, instance: i) }) {
                    expected.insert("\(task.id)@\(name)")
                }
            }
        }
        // Some included work done: done stubs and arrows are drawn and routed too.
        let done = expected.sorted().filter { _ in chance(15) }
        if !done.isEmpty {
            lines.append("status:")
            lines += done.map { "  \"\($0)\": udført" }
        }
        return GeneratedPlan(yaml: lines.joined(separator: "\n") + "\n", expected: expected)
    }
}

// MARK: Texts that must not overlap

/// Finds overlapping texts in a laid-out diagram's JSON: two boxes, a stub label on a box or
/// another stub label, a frame label or a note ("eller") on a box.
struct TextOverlapCheck {
    let json: [String: Any]

    init(_ json: [String: Any]) { self.json = json }

    private static func rect(_ any: Any?) -> Rect? {
        guard let r = any as? [String: Any], let x = r["x"] as? Double, let y = r["y"] as? Double,
              let w = r["width"] as? Double, let h = r["height"] as? Double else { return nil }
        return Rect(x: x, y: y, width: w, height: h)
    }

    private static func point(_ any: Any?) -> Point? {
        guard let p = any as? [Double], p.count == 2 else { return nil }
        return Point(p[0], p[1])
    }

    private static func overlap(_ a: Rect, _ b: Rect) -> Bool {
        a.minX < b.maxX - 0.5 && b.minX < a.maxX - 0.5 && a.minY < b.maxY - 0.5 && b.minY < a.maxY - 0.5
    }

    /// How many frames reach over more than one lane.
    static func spanningFrames(_ json: [String: Any]) -> Int {
        let lanes = (json["lanes"] as? [[String: Any]] ?? []).compactMap { rect($0["rect"]) }
        return (json["frames"] as? [[String: Any]] ?? []).compactMap { rect($0["rect"]) }.filter { frame in
            lanes.filter { overlap($0, frame) }.count > 1
        }.count
    }

    /// The members of each choice in the official diagram stand one above the other at one
    /// level, in neighbouring rows (no other box between), with "eller" between each pair.
    static func choiceProblems(_ json: [String: Any], choices: [[String]]) -> [String] {
        let boxes = Dictionary((json["boxes"] as? [[String: Any]] ?? []).compactMap { b -> (String, Rect)? in
            guard let key = b["key"] as? String, let r = rect(b["rect"]) else { return nil }
            return (key, r)
        }, uniquingKeysWith: { a, _ in a })
        let notes = (json["notes"] as? [[String: Any]] ?? []).compactMap { n -> Point? in
            (n["text"] as? String) == "eller" ? point(n["at"]) : nil
        }
        var problems: [String] = []
        for members in choices {
            let placed = members.compactMap { id in boxes[id].map { (id, $0) } }.sorted { $0.1.minY < $1.1.minY }
            for (a, b) in zip(placed, placed.dropFirst()) {
                if a.1.minX != b.1.minX { problems.append("choice members \(a.0) and \(b.0) stand in different levels") }
                if boxes.contains(where: { $0.value.minX == a.1.minX && $0.value.minY > a.1.minY && $0.value.minY < b.1.minY }) {
                    problems.append("a box stands between choice members \(a.0) and \(b.0)")
                }
                if !notes.contains(where: { abs($0.x - a.1.mid.x) < 1 && $0.y > a.1.maxY && $0.y < b.1.minY + 8 }) {
                    problems.append("no \"eller\" between choice members \(a.0) and \(b.0)")
                }
            }
        }
        return problems
    }

    func problems() -> [String] {
        let boxes = (json["boxes"] as? [[String: Any]] ?? []).compactMap { b -> (String, Rect)? in
            guard let key = b["key"] as? String, let r = Self.rect(b["rect"]) else { return nil }
            return (key, r)
        }
        var problems: [String] = []
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] where Self.overlap(a.1, b.1) { problems.append("boxes \(a.0) and \(b.0) overlap") }
        }
        var labels: [(String, Rect)] = []
        for stub in json["stubs"] as? [[String: Any]] ?? [] {
            guard let at = Self.point(stub["label_at"]) else { continue }
            let label = stub["label"] as? String ?? ""
            let w = TextMetrics.width(label, size: Diagram.stubLabelSize)
            labels.append(("stub label \(label)→\(stub["target"] as? String ?? "")", Rect(x: at.x - w / 2, y: at.y - 5, width: w, height: 6)))
        }
        for (i, a) in labels.enumerated() {
            for b in labels[(i + 1)...] where Self.overlap(a.1, b.1) { problems.append("\(a.0) and \(b.0) overlap") }
        }
        for frame in json["frames"] as? [[String: Any]] ?? [] {
            guard let r = Self.rect(frame["rect"]) else { continue }
            let w = TextMetrics.width(frame["label"] as? String ?? "", size: Diagram.frameLabelSize)
            labels.append(("frame label \(frame["label"] as? String ?? "")", Rect(x: r.minX + 6, y: r.minY + 5, width: min(w, r.width - 10), height: 9)))
        }
        for note in json["notes"] as? [[String: Any]] ?? [] {
            guard let at = Self.point(note["at"]), let text = note["text"] as? String, text == "eller" || text == "or" else { continue }
            let size = note["size"] as? Double ?? 9
            let w = TextMetrics.width(text, size: size)
            labels.append(("note \"\(text)\"", Rect(x: at.x - w / 2, y: at.y - size * 0.7, width: w, height: size * 0.9)))
        }
        for (name, r) in labels {
            for (key, box) in boxes where Self.overlap(r, box) { problems.append("\(name) overlaps box \(key)") }
        }
        return problems
    }
}
