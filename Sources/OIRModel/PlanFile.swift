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

    public init(file: String, plans: [Plan], isRollout: Bool) {
        self.file = file
        self.plans = plans
        self.isRollout = isRollout
    }

    /// The longest kommune, system or myndighed name: names become file names (at most 255 bytes)
    /// and task keys, which Graphviz may quote in a message.
    public static let maximumNameLength = 100

    /// Loads and checks a plan file against the questions of `catalog`.
    public static func load(path: String, catalog: Catalog) throws -> PlanFile {
        try parse(InputFile.read(path), file: path, catalog: catalog)
    }

    /// Parses and checks plan text; `file` names it in messages. The keys a plan may give are
    /// `kommune`, `dato`, `status`, the catalog's kommune questions and its plan systems.
    public static func parse(_ text: String, file: String, catalog: Catalog) throws -> PlanFile {
        let reader = YAMLReader(file: file)
        let parser = PlanParser(reader: reader, schema: catalog.structure.plan)
        let root = try reader.document(text)
        guard case let .mapping(rootMapping) = root else {
            throw reader.error(root, "a plan file must be a mapping", hint: "start with 'kommune: …' or 'kommuner:'")
        }
        guard rootMapping["kommuner"] != nil else {
            let plan = reader.collecting { try parser.plan(root, defaultDate: nil) }
            try reader.finish()
            return PlanFile(file: file, plans: [plan!], isRollout: false)
        }
        let m = try reader.mapping(root, "the rollout file", allowed: ["kommuner", "dato"])
        let date = try m.optionalString("dato")
        let entries = try reader.sequence(try m.required("kommuner"), "'kommuner'")
        if entries.isEmpty {
            throw reader.error(try m.required("kommuner"), "'kommuner' lists no kommune", hint: "add at least one plan under 'kommuner:'")
        }
        var plans: [Plan] = []
        var lineOfName: [String: Int] = [:]
        var lineOfFileName: [String: (Int, String)] = [:]
        for entry in entries {
            guard let plan = reader.collecting({ try parser.plan(entry, defaultDate: date) }) else { continue }
            let line = plan.source?.line ?? 0
            if let earlier = lineOfName[plan.kommune] {
                reader.collected.problems.append(reader.error(entry, "kommune '\(plan.kommune)' appears twice in 'kommuner'",
                                                              hint: "it is already planned on line \(earlier); give each kommune one plan"))
                continue
            }
            if let (earlier, other) = lineOfFileName[plan.fileName] {
                reader.collected.problems.append(reader.error(entry, "kommune '\(plan.kommune)' gets the same file name as '\(other)' on line \(earlier) (\(plan.fileName))",
                                                              hint: "kommune names must differ in more than case and punctuation"))
                continue
            }
            lineOfName[plan.kommune] = line
            lineOfFileName[plan.fileName] = (line, plan.kommune)
            plans.append(plan)
        }
        try reader.finish()
        return PlanFile(file: file, plans: plans, isRollout: true)
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

/// Reads one plan with the catalog's plan schema.
struct PlanParser {
    let reader: YAMLReader
    let schema: PlanSchema

    func plan(_ node: Node, defaultDate: String?) throws -> Plan {
        let allowed = ["kommune", "dato", "status"] + schema.kommuneQuestions.map(\.id) + schema.systems.map(\.key)
        let m = try reader.mapping(node, "the plan", allowed: allowed)
        let kommune = try PlanFile.name(m, "kommune", reader: reader)
        let what = "the plan for \(kommune)"
        let answers = try self.answers(m, schema.kommuneQuestions, kommune: kommune, what: what)
        var systems: [SystemInstance] = []
        for system in schema.systems {
            let parsed = reader.collecting { try self.systems(system, in: m, kommune: kommune, what: what) }
            systems += parsed ?? []
        }
        return Plan(
            kommune: kommune,
            date: try m.optionalString("dato") ?? defaultDate,
            answers: answers,
            systems: systems,
            status: try status(m, what: what),
            source: SourceLocation(file: reader.file, line: node.mark?.line, column: node.mark?.column)
        )
    }

    private func systems(_ system: PlanSystemDefinition, in m: YAMLReader.Mapping, kommune: String, what: String) throws -> [SystemInstance] {
        let node = try m.required(system.key)
        guard system.repeated else { return [try instance(node, system, kommune: kommune, what: "'\(system.key)' of \(what)")] }
        let list = try reader.sequence(node, "'\(system.key)' of \(what)")
        if list.isEmpty {
            throw reader.error(node, "'\(system.key)' of \(what) lists no \(system.id)", hint: "a plan connects at least one \(system.id)")
        }
        var instances: [SystemInstance] = []
        var lineOfName: [String: Int] = [:]
        for entry in list {
            guard let instance = reader.collecting({ try self.instance(entry, system, kommune: kommune, what: "a \(system.id)") }) else { continue }
            if instance.name.contains("@") {
                reader.collected.problems.append(reader.error(entry, "\(system.id) name '\(instance.name)' contains '@'",
                    hint: "'@' separates the task id from the \(system.id) name in task keys such as ID@\(instance.name.replacingOccurrences(of: "@", with: ""))"))
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
        let m = try reader.mapping(node, what, allowed: ["navn"] + system.questions.map(\.id))
        let name = try PlanFile.name(m, "navn", reader: reader)
        let answers = try self.answers(m, system.questions, kommune: kommune, what: "\(system.id) '\(name)'")
        return SystemInstance(system: system.id, name: name, answers: answers)
    }

    /// Every question answered: as given, or by its default; a missing required answer and a bad
    /// value are reported with every other problem of the file.
    private func answers(_ m: YAMLReader.Mapping, _ questions: [Question], kommune: String, what: String) throws -> [String: Answer] {
        var answers: [String: Answer] = [:]
        for question in questions {
            let answer = reader.collecting { () throws -> Answer in
                guard let node = m.node(question.id), node.null == nil else {
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
            if case .scalar = node, node.null == nil { words = [node] } else { words = try reader.sequence(node, label) }
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
        guard let statusNode = m.node("status"), statusNode.null == nil else { return [] }
        guard case let .mapping(entries) = statusNode else {
            throw reader.error(statusNode, "'status' of \(what) must be a mapping of task key to status",
                               hint: "e.g. 'ID: udført' or 'ID@name: i_gang'")
        }
        var status: [StatusEntry] = []
        var seen: Set<String> = []
        for (keyNode, valueNode) in entries {
            reader.collecting {
                let key = try reader.string(keyNode, "a task key in 'status'").trimmingSpaces
                if !seen.insert(key).inserted {
                    throw reader.error(keyNode, "status for '\(key)' is given twice in \(what)", hint: "keep one line per task key")
                }
                let value = try reader.enumeration(valueNode, "status", as: TaskStatus.self)
                status.append(StatusEntry(key: key, status: value,
                                          source: SourceLocation(file: reader.file, line: keyNode.mark?.line, column: keyNode.mark?.column)))
            }
        }
        return status
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
        if node.null != nil { throw reader.error(node, "\(what) is empty (null)", hint: "give a name") }
        let value = try reader.string(node, what).trimmingSpaces
        if value.isEmpty { throw reader.error(node, "\(what) is empty", hint: "give a name") }
        if !value.unicodeScalars.contains(where: isVisible) {
            throw reader.error(node, "\(what) has no visible character", hint: "a name of only invisible or combining characters cannot be told apart; give a name")
        }
        if value.count > maximumNameLength {
            throw reader.error(node, "\(what) is \(value.count) characters long; the limit is \(maximumNameLength)",
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
