import Foundation
import Yams

/// A plan file: one kommune's plan, or under `kommuner:` the plans of several (a supplier's
/// rollout). Loading checks the keys and answers against the catalog's plan questions; the
/// status keys are checked against the catalog's tasks by `Plan.scope(_:)`.
public struct PlanFile: Sendable, Equatable {
    /// The file as the user named it.
    public var file: String
    /// The plans in the file's order; kommune names are unique.
    public var plans: [Plan]
    /// Whether the file lists its plans under `kommuner:`.
    public var isRollout: Bool
    /// The kommuner of a rollout left out for their problems, when it was read with
    /// `partial: true`; each keeps every problem found in it.
    public var rejected: [RejectedPlan]

    public init(file: String, plans: [Plan], isRollout: Bool, rejected: [RejectedPlan] = []) {
        self.file = file
        self.plans = plans
        self.isRollout = isRollout
        self.rejected = rejected
    }

    /// The longest kommune, system or myndighed name: names become file names (at most 255 bytes)
    /// and task keys, which Graphviz may quote in a message.
    public static let maximumNameLength = 100

    /// The most instances of a repeated system (fagsystems) one plan may list. A plan of this
    /// many renders in about 13 s and 1.2 GB on the benchmark machine (every task with a status,
    /// frist, note and person); the diagram grows with the count, and its boxes would be far too
    /// small on any page long before.
    public static let maximumInstances = 2_000

    /// Loads and checks a plan file against the questions of `catalog`.
    /// - Parameters:
    ///   - partial: for a rollout, leave out a kommune with problems (listed in `rejected`)
    ///     instead of failing the whole file; problems of the file itself still throw.
    /// - Throws: `InputError`/`InputErrors` with every problem found.
    public static func load(path: String, catalog: Catalog, partial: Bool = false) throws -> PlanFile {
        try parse(InputFile.read(path), file: path, catalog: catalog, partial: partial)
    }

    /// Parses and checks plan text; `file` names it in messages. The keys a plan may give are
    /// `kommune`, `dato`, `start`, `varighed`, `status`, the catalog's kommune questions, its plan
    /// systems and its role ids (the people who fill them).
    public static func parse(_ text: String, file: String, catalog: Catalog, partial: Bool = false) throws -> PlanFile {
        var reader = YAMLReader(file: file)
        // `KEY: udført` beside `KEY: {frist: …}` in a status list is one entry's status.
        reader.scalarKeys = ["status": "status"]
        let parser = PlanParser(reader: reader, schema: catalog.structure.plan, catalog: catalog)
        let root = try reader.document(text)
        guard case let .mapping(rootMapping) = root else {
            throw reader.error(root, "a plan file must be a mapping", hint: "start with 'kommune: …' or 'kommuner:'")
        }
        guard rootMapping.value(forKey: "kommuner") != nil else {
            var plan = reader.collecting { try parser.plan(root, defaultDate: nil, fileKeys: ["baseline"]) }
            let baseline = reader.collecting { try Self.baseline(rootMapping.value(forKey: "baseline"), of: file, reader: reader) } ?? nil
            try reader.finish()
            let kommune = plan?.kommune ?? ""
            plan?.baseline = baseline?.kommune(kommune)
            return PlanFile(file: file, plans: [plan!], isRollout: false)
        }
        let m = try reader.mapping(root, "the rollout file", allowed: ["kommuner", "dato", "standard", "baseline"])
        let baseline = reader.collecting { try Self.baseline(m.node("baseline"), of: file, reader: reader) } ?? nil
        let date = try m.node("dato").map { try parser.day($0, "'dato' of the rollout file").description }
        let standard = try m.node("standard").map { try parser.standard($0) }
        let entries = try reader.sequence(try m.required("kommuner"), "'kommuner'")
        if entries.isEmpty {
            throw reader.error(try m.required("kommuner"), "'kommuner' lists no kommune", hint: "add at least one plan under 'kommuner:'")
        }
        var plans: [Plan] = []
        var rejected: [RejectedPlan] = []
        var lineOfName: [String: Int] = [:]
        var lineOfFileName: [String: (Int, String)] = [:]
        for entry in entries {
            let before = reader.collected.problems.count
            let merged = standard.map { PlanDefaults.merge($0, into: entry, listKey: parser.schema.repeatedSystem?.key) } ?? entry
            let plan = reader.collecting({ try parser.plan(merged, defaultDate: date) })
            if partial, reader.collected.problems.count > before {
                let problems = Array(reader.collected.problems[before...])
                reader.collected.problems.removeLast(problems.count)
                rejected.append(RejectedPlan(kommune: plan?.kommune ?? entry.mapping?.value(forKey: "kommune")?.string,
                                             line: entry.mark?.line, problems: problems))
                continue
            }
            guard let plan else { continue }
            let line = plan.source?.line ?? 0
            var clash: (earlier: Int, problem: InputError)?
            if let earlier = lineOfName[plan.kommune] {
                clash = (earlier, reader.error(entry, "kommune '\(plan.kommune)' appears twice in 'kommuner'",
                                               hint: "it is already planned on line \(earlier); give each kommune one plan"))
            } else if let (earlier, other) = lineOfFileName[plan.fileName] {
                clash = (earlier, reader.error(entry, "kommune '\(plan.kommune)' gets the same file name as '\(other)' on line \(earlier) (\(plan.fileName))",
                                               hint: "kommune names must differ in more than case and punctuation"))
            }
            if let clash {
                guard partial else {
                    reader.collected.problems.append(clash.problem)
                    continue
                }
                // Both kommuner involved are left out, each with the problem; the rest go on.
                rejected.append(RejectedPlan(kommune: plan.kommune, line: entry.mark?.line, problems: [clash.problem]))
                if let index = plans.firstIndex(where: { ($0.source?.line ?? 0) == clash.earlier }) {
                    let first = plans.remove(at: index)
                    rejected.append(RejectedPlan(kommune: first.kommune, line: clash.earlier, problems: [clash.problem]))
                }
                continue
            }
            lineOfName[plan.kommune] = line
            lineOfFileName[plan.fileName] = (line, plan.kommune)
            var planned = plan
            planned.baseline = baseline?.kommune(plan.kommune)
            plans.append(planned)
        }
        try reader.finish()
        if plans.isEmpty, !rejected.isEmpty {
            // Nothing left to work on: the problems are the file's (one in `standard:` said once).
            var seen: Set<String> = []
            let problems = rejected.flatMap(\.problems).filter { seen.insert($0.description).inserted }
            throw problems.count == 1 ? problems[0] as Error : InputErrors(problems) as Error
        }
        return PlanFile(file: file, plans: plans, isRollout: true, rejected: rejected)
    }

    /// The baseline file a plan file names (`baseline: FILE`, relative to the plan file's
    /// folder), read; nil without the key.
    /// - Throws: `InputError` at the key when the file cannot be read; the baseline's own
    ///   problems as `Baseline.read` reports them.
    static func baseline(_ node: Node?, of file: String, reader: YAMLReader) throws -> Baseline? {
        guard let node, !node.isNull else { return nil }
        let name = try nameValue(node, "'baseline' of the plan file", reader: reader)
        let folder = (file as NSString).deletingLastPathComponent
        let path = name.hasPrefix("/") || folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw reader.error(node, "the baseline file '\(name)' cannot be read (looked for \(path))",
                               hint: "write it with 'oir-diagram plan \(file) --save-baseline \(path)', or correct the name")
        }
        return try Baseline.load(path: path)
    }

    /// The plan for `kommune`, or the file's only plan when no name is given.
    public func plan(named kommune: String?) throws -> Plan {
        let names = plans.map(\.kommune)
        // A rollout of thousands of kommuner is named by its first few and a count.
        let listed = YAMLReader.listed(names)
        guard let kommune else {
            if plans.count == 1 { return plans[0] }
            throw InputError(file: file, message: "the file plans \(plans.count) kommuner; choose one with --kommune",
                             hint: "the file has: \(listed)")
        }
        if let plan = plans.first(where: { $0.kommune == kommune }) { return plan }
        let folded = plans.filter { $0.kommune.lowercased() == kommune.lowercased() }
        if folded.count == 1 { return folded[0] }
        let near = Suggestion.nearest(to: kommune, in: names).map { "did you mean '\($0)'? " } ?? ""
        throw InputError(file: file, message: "no kommune named '\(YAMLReader.shown(kommune))' in the file",
                         hint: "\(near)the file has: \(listed)")
    }
}

/// A kommune of a rollout left out for its problems.
public struct RejectedPlan: Sendable, Equatable {
    /// Its name, when the plan gives one.
    public var kommune: String?
    public var line: Int?
    public var problems: [InputError]
}

/// Reads one plan with the catalog's plan schema.
struct PlanParser {
    let reader: YAMLReader
    let schema: PlanSchema
    let catalog: Catalog

    /// The role ids a plan or a system may name a person for.
    var roleKeys: [String] { catalog.roles.map(\.id) }

    /// The keys of one kommune's plan.
    var planKeys: [String] {
        ["kommune", "dato", "start", "fridage", "varighed", "status"] + schema.kommuneQuestions.map(\.id) + schema.systems.map(\.key) + roleKeys
    }

    /// - Parameter fileKeys: Keys of the file that may stand beside the plan's own (a file
    ///   that is one plan).
    func plan(_ node: Node, defaultDate: String?, fileKeys: [String] = []) throws -> Plan {
        let m = try reader.mapping(node, "the plan", allowed: planKeys + fileKeys)
        let kommune = try PlanFile.name(m, "kommune", reader: reader)
        let what = "the plan for \(kommune)"
        let answers = try self.answers(m, schema.kommuneQuestions, kommune: kommune, what: what)
        var systems: [SystemInstance] = []
        for system in schema.systems {
            let parsed = reader.collecting { try self.systems(system, in: m, kommune: kommune, what: what) }
            systems += parsed ?? []
        }
        let start = reader.collecting { try m.node("start").map { try day($0, "'start' of \(what)") } } ?? nil
        let daysOff = reader.collecting { () throws -> Set<CalendarDay> in
            guard let node = m.node("fridage"), !node.isNull else { return [] }
            return Set(try reader.sequence(node, "'fridage' of \(what)").map { try day($0, "a day in 'fridage' of \(what)") })
        } ?? []
        var plan = Plan(
            kommune: kommune,
            date: try m.node("dato").map { try day($0, "'dato' of \(what)").description } ?? defaultDate,
            answers: answers,
            systems: systems,
            status: try status(m, what: what),
            source: SourceLocation(file: reader.file, line: node.mark?.line, column: node.mark?.column),
            people: people(m),
            start: start,
            durations: reader.collecting { try durations(m, what: what, systems: systems) } ?? [:]
        )
        plan.daysOff = daysOff
        plan.repeatedSystem = schema.repeatedSystem?.id
        if let planDay = plan.day {
            // A plan describes its own day: work cannot have been done or started after it.
            for entry in plan.status {
                guard let reached = entry.day, reached > planDay else { continue }
                reader.collecting {
                    throw (entry.source ?? SourceLocation(file: reader.file)).error(
                        "'\(entry.key)' was \(entry.status.rawValue) on \(reached), after the plan's dato \(planDay)",
                        hint: "a status 'dato' is a day on or before the plan's dato; move the plan's dato or correct the day")
                }
            }
        }
        return plan
    }

    /// A rollout's `standard:`: any key of a plan but the kommune's name, checked once here and
    /// merged into every kommune.
    func standard(_ node: Node) throws -> Node {
        _ = try reader.mapping(node, "'standard' of the rollout", allowed: planKeys.filter { $0 != "kommune" })
        return node
    }

    /// The people named under role ids in a mapping (a plan or one of its systems).
    private func people(_ m: YAMLReader.Mapping) -> [String: Person] {
        var people: [String: Person] = [:]
        for role in roleKeys {
            guard let node = m.node(role), !node.isNull else { continue }
            if let person = reader.collecting({ try self.person(node, "'\(role)' in \(m.what)") }) { people[role] = person }
        }
        return people
    }

    /// A person: a name, or a mapping with `navn` and optionally `email` and `organisation`.
    func person(_ node: Node, _ what: String) throws -> Person {
        if case .scalar = node { return Person(name: try PlanFile.nameValue(node, what, reader: reader)) }
        let m = try reader.mapping(node, what, allowed: ["navn", "email", "organisation"])
        let email = try m.optionalString("email")?.trimmingSpaces
        if let email, !Self.looksLikeEmail(email) {
            throw reader.error(m.node("email"), "'\(YAMLReader.shown(email))' in \(what) is not an e-mail address", hint: "e.g. navn@kommune.dk")
        }
        return Person(name: try PlanFile.name(m, "navn", reader: reader), email: email,
                      organisation: try m.node("organisation").map { try PlanFile.nameValue($0, "'organisation' in \(what)", reader: reader) })
    }

    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: { $0.isWhitespace || "<>\"(),;:[]".contains($0) })
    }

    /// A calendar date, `YYYY-MM-DD`, that names a real day of the years 1900–9999 (a date is
    /// never silently read as another day, or as today).
    func day(_ node: Node, _ what: String) throws -> CalendarDay {
        let text = try reader.string(node, what).trimmingSpaces
        guard let day = CalendarDay(text) else {
            throw reader.error(node, "\(what) is '\(YAMLReader.shown(text))', not a date", hint: "write a real day as YYYY-MM-DD, e.g. 2025-03-14")
        }
        guard CalendarDay.years.contains(day.year) else {
            throw reader.error(node, "\(what) is \(text), outside the years \(CalendarDay.years.lowerBound)–\(CalendarDay.years.upperBound)",
                               hint: "a plan's dates lie between 1900-01-01 and 9999-12-31")
        }
        return day
    }

    /// A `varighed` key names a task of the catalog, and an instance the plan has: an unknown
    /// one would be ignored, which looks like a schedule that took the duration into account.
    private func checkDurationKey(_ key: TaskKey, _ node: Node, systems: [SystemInstance]) throws {
        guard catalog.task(key.task) != nil else {
            let near = Suggestion.nearest(to: key.task, in: catalog.tasks.map(\.id)).map { "did you mean '\($0)'? " } ?? ""
            throw reader.error(node, "'varighed' names the task '\(YAMLReader.shown(key.task))', which the catalog does not have",
                               hint: "\(near)a key is a task id, or a task key such as \(catalog.tasks.first?.id ?? "ID")")
        }
        guard let instance = key.instance else { return }
        let repeated = catalog.structure.plan.repeatedSystem
        let names = systems.filter { $0.system == repeated?.id }.map(\.name)
        guard !names.contains(instance) else { return }
        let near = Suggestion.nearest(to: instance, in: names).map { "did you mean '\($0)'? " } ?? ""
        throw reader.error(node, "'varighed' names '\(YAMLReader.shown(instance))', which is no \(repeated?.id ?? "instance") of the plan",
                           hint: "\(near)the plan's \(repeated?.id ?? "instance")s: \(YAMLReader.listed(names))")
    }

    /// `varighed:` working days by task key or task id.
    private func durations(_ m: YAMLReader.Mapping, what: String, systems: [SystemInstance]) throws -> [TaskKey: Int] {
        guard let node = m.node("varighed"), !node.isNull else { return [:] }
        guard case let .mapping(entries) = node else {
            throw reader.error(node, "'varighed' of \(what) must be a mapping of task key or id to working days", hint: "e.g. '\(catalog.tasks.first?.id ?? "ID"): 10'")
        }
        var durations: [TaskKey: Int] = [:]
        for (keyNode, valueNode) in entries {
            reader.collecting {
                let key = try reader.string(keyNode, "a task key in 'varighed'").trimmingSpaces
                guard let days = valueNode.integer, days >= 0, days <= 1000 else {
                    throw reader.error(valueNode, "the duration of '\(key)' must be a whole number of working days from 0 to 1000",
                                       hint: "e.g. '\(key): 5'")
                }
                let taskKey = TaskKey(parsing: key)
                try checkDurationKey(taskKey, keyNode, systems: systems)
                if durations.updateValue(days, forKey: taskKey) != nil {
                    throw reader.error(keyNode, "'\(key)' appears twice in 'varighed' of \(what)")
                }
            }
        }
        return durations
    }

    private func systems(_ system: PlanSystemDefinition, in m: YAMLReader.Mapping, kommune: String, what: String) throws -> [SystemInstance] {
        let node = try m.required(system.key)
        guard system.repeated else { return [try instance(node, system, kommune: kommune, what: "'\(system.key)' of \(what)")] }
        let list = try reader.sequence(node, "'\(system.key)' of \(what)")
        if list.isEmpty {
            throw reader.error(node, "'\(system.key)' of \(what) lists no \(system.id)", hint: "a plan connects at least one \(system.id)")
        }
        if list.count > PlanFile.maximumInstances {
            throw reader.error(node, "'\(system.key)' of \(what) lists \(list.count) \(system.id)s; the limit is \(PlanFile.maximumInstances)",
                               hint: "split the plan into several files, for example one per department")
        }
        var instances: [SystemInstance] = []
        var lineOfName: [String: Int] = [:]
        for entry in list {
            guard let instance = reader.collecting({ try self.instance(entry, system, kommune: kommune, what: "a \(system.id)") }) else { continue }
            if instance.name.contains(TaskKey.separator) {
                let separator = String(TaskKey.separator)
                reader.collected.problems.append(reader.error(entry, "\(system.id) name '\(instance.name)' contains '\(separator)'",
                    hint: "'\(separator)' separates the task id from the \(system.id) name in task keys such as \(TaskKey("ID", instance: instance.name.replacingAll(separator, with: "")))"))
                continue
            }
            if let earlier = lineOfName[instance.name] {
                reader.collected.problems.append(reader.error(entry, "\(system.id) '\(instance.name)' appears twice in \(what)",
                    hint: "it is already listed on line \(earlier); \(system.id) names must be unique, they are part of the task keys"))
                continue
            }
            lineOfName[instance.name] = entry.mark?.line ?? 0
            instances.append(instance)
        }
        return instances
    }

    private func instance(_ node: Node, _ system: PlanSystemDefinition, kommune: String, what: String) throws -> SystemInstance {
        let m = try reader.mapping(node, what, allowed: ["navn"] + system.questions.map(\.id) + roleKeys)
        let name = try PlanFile.name(m, "navn", reader: reader)
        let answers = try self.answers(m, system.questions, kommune: kommune, what: "\(system.id) '\(name)'")
        return SystemInstance(system: system.id, name: name, answers: answers, people: people(m))
    }

    /// Every question answered: as given, or by its default; a missing required answer and a bad
    /// value are reported with every other problem of the file.
    private func answers(_ m: YAMLReader.Mapping, _ questions: [Question], kommune: String, what: String) throws -> [String: Answer] {
        var answers: [String: Answer] = [:]
        for question in questions {
            let answer = reader.collecting { () throws -> Answer in
                guard let node = m.node(question.id), !node.isNull else {
                    switch question.defaultAnswer {
                    case let .answer(answer)?: return answer
                    case .kommuneName?: return .name(kommune)
                    case nil:
                        if let misspelling = m.misspelling(of: question.id) { throw misspelling }
                        throw reader.error(m.node, "\(m.what) is missing the required key '\(question.id)'", hint: hint(question))
                    }
                }
                return try self.answer(node, question, kommune: kommune, what: what, mappingWhat: m.what)
            }
            if let answer { answers[question.id] = answer }
        }
        return answers
    }

    private func answer(_ node: Node, _ question: Question, kommune: String, what: String, mappingWhat: String) throws -> Answer {
        let label = "'\(question.id)' of \(what)"
        switch question.type {
        case .yesNo:
            return .yesNo(try reader.bool(node, "'\(question.id)' in \(mappingWhat)"))
        case .name:
            return .name(try PlanFile.nameValue(node, label, reader: reader))
        case .oneOf:
            return .word(try word(node, question))
        case .someOf:
            // A single word is accepted as a one-element list: `leverance: straks`.
            let words: [Node]
            if case .scalar = node, !node.isNull { words = [node] } else { words = try reader.sequence(node, label) }
            var list: [String] = []
            for entry in words {
                let value = try word(entry, question)
                if list.contains(value) { throw reader.error(entry, "'\(value)' appears twice in \(label)") }
                list.append(value)
            }
            if list.isEmpty { throw reader.error(node, "\(label) is empty", hint: hint(question)) }
            return .words(list)
        }
    }

    private func word(_ node: Node, _ question: Question) throws -> String {
        let text = try reader.string(node, question.id)
        if question.values.contains(text) { return text }
        let nearest = Suggestion.nearest(to: text, in: question.values).map { "did you mean '\($0)'? " } ?? ""
        throw reader.error(node, "'\(YAMLReader.shown(text))' is not a valid \(question.id)",
                           hint: "\(nearest)expected one of: \(question.values.joined(separator: ", "))")
    }

    private func hint(_ question: Question) -> String {
        switch question.type {
        case .yesNo: "true or false"
        case .name: "a name"
        case .oneOf: "expected one of: \(question.values.joined(separator: ", "))"
        case .someOf: "expected one or more of: \(question.values.joined(separator: ", "))"
        }
    }

    private func status(_ m: YAMLReader.Mapping, what: String) throws -> [StatusEntry] {
        guard let statusNode = m.node("status"), !statusNode.isNull else { return [] }
        guard case let .mapping(entries) = statusNode else {
            throw reader.error(statusNode, "'status' of \(what) must be a mapping of task key to status",
                               hint: "e.g. 'ID: udført' or 'ID@name: i_gang'")
        }
        var status: [StatusEntry] = []
        var seen: Set<TaskKey> = []
        for (keyNode, valueNode) in entries {
            reader.collecting {
                let key = TaskKey(parsing: try reader.string(keyNode, "a task key in 'status'").trimmingSpaces)
                if !seen.insert(key).inserted {
                    throw reader.error(keyNode, "status for '\(key)' is given twice in \(what)", hint: "keep one line per task key")
                }
                var entry = try statusEntry(valueNode, key: key)
                entry.source = SourceLocation(file: reader.file, line: keyNode.mark?.line, column: keyNode.mark?.column)
                status.append(entry)
            }
        }
        return status
    }
}

extension PlanParser {
    /// A status word (`udført`), or a mapping with `status`, `frist`, `note`, `person` and `dato`
    /// (the day it was done, or started).
    func statusEntry(_ node: Node, key: TaskKey) throws -> StatusEntry {
        if case .scalar = node { return StatusEntry(key: key, status: try reader.enumeration(node, "status", as: TaskStatus.self)) }
        let m = try reader.mapping(node, "the status of '\(key)'", allowed: ["status", "frist", "note", "person", "dato"])
        let status = reader.collecting { try m.node("status").map { try reader.enumeration($0, "status", as: TaskStatus.self) } ?? .notStarted }
        let deadline = reader.collecting { try m.node("frist").map { try day($0, "'frist' of '\(key)'") } } ?? nil
        let reached = reader.collecting { () -> CalendarDay? in
            guard let node = m.node("dato") else { return nil }
            let value = try day(node, "'dato' of '\(key)'")
            if status == .notStarted {
                throw reader.error(node, "'\(key)' has a 'dato' but is ikke_startet: 'dato' is the day a task was done (udført) or started (i_gang)",
                                   hint: "give its status too, e.g. {status: udført, dato: \(value)}, or remove 'dato'")
            }
            return value
        } ?? nil
        let note = reader.collecting { try m.optionalString("note")?.trimmingSpaces } ?? nil
        let person = reader.collecting { try m.node("person").map { try self.person($0, "'person' of '\(key)'") } } ?? nil
        if note?.unicodeScalars.count ?? 0 > 500 {
            throw reader.error(m.node("note"), "the note of '\(key)' is \(note!.unicodeScalars.count) characters long; the limit is 500",
                               hint: "keep a note short; link to a longer text")
        }
        return StatusEntry(key: key, status: status ?? .notStarted, deadline: deadline, note: note?.isEmpty == true ? nil : note,
                           person: person, day: reached)
    }
}

extension PlanFile {
    /// A required name: text that is not blank, without surrounding spaces.
    static func name(_ m: YAMLReader.Mapping, _ key: String, reader: YAMLReader) throws -> String {
        try nameValue(try m.required(key), "'\(key)' in \(m.what)", reader: reader)
    }

    /// A name: text that is not blank, on one line, without surrounding spaces.
    static func nameValue(_ node: Node, _ what: String, reader: YAMLReader) throws -> String {
        // `kommune: ~` is YAML's null, not a kommune called "~".
        if node.isNull { throw reader.error(node, "\(what) is empty (null)", hint: "give a name") }
        let value = try reader.string(node, what).trimmingSpaces
        if value.isEmpty { throw reader.error(node, "\(what) is empty", hint: "give a name") }
        // `navn: true` is YAML's yes, not a name "true": a name is text.
        if node.yesNo != nil {
            throw reader.error(node, "\(what) is \(value), which YAML reads as yes or no, not a name",
                               hint: "a name is text; if it really is one, write it in quotes: \"\(value)\"")
        }
        if !value.unicodeScalars.contains(where: isVisible) {
            throw reader.error(node, "\(what) has no visible character", hint: "a name of only invisible or combining characters cannot be told apart; give a name")
        }
        // Counted in Unicode scalars, not in what shows as characters: "S" and 20,000 combining
        // marks is one character on screen and 20,001 scalars of work.
        if value.unicodeScalars.count > maximumNameLength {
            throw reader.error(node, "\(what) is \(value.unicodeScalars.count) characters long; the limit is \(maximumNameLength)",
                               hint: "names become lane labels, task keys and file names; use a shorter name")
        }
        if value.contains("\n") || value.contains("\t") {
            throw reader.error(node, "\(what) spans several lines", hint: "a name is one line of text")
        }
        return value
    }
}

/// A character that shows: not white space, a format character (zero-width joiners, direction
/// marks) or a mark that combines with another.
private func isVisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format, .nonspacingMark, .enclosingMark, .spacingMark:
        false
    default:
        !scalar.properties.isWhitespace && !scalar.properties.isDefaultIgnorableCodePoint
    }
}

extension Plan {
    /// The kommune's name as a file name: lower case ASCII words joined by hyphens
    /// ("Aabenraa Kommune" → "aabenraa-kommune"; æ, ø, å become ae, oe, aa).
    public var fileName: String {
        let words = Slug.words(kommune)
        return words.isEmpty ? "kommune" : words
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
