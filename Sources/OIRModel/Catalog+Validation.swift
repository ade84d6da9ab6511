extension Catalog {
    /// Gives each member of a declared choice group its group (a task's own `valg` is kept and
    /// checked by `structureProblems`).
    mutating func assignChoiceGroups() {
        for group in structure.choiceGroups {
            for index in tasks.indices where group.members.contains(tasks[index].id) && tasks[index].choiceGroup == nil {
                tasks[index].choiceGroup = group.id
            }
        }
    }

    /// Problems with the integration's structure and how the tasks use it: undeclared parties,
    /// columns, bands and variants, tasks that map to no lane, conditions on unknown questions or
    /// values, choice groups of one, and coordination pairs that cannot be ordered.
    func structureProblems(file: String) -> [InputError] {
        taskStructureProblems(file: file) + planSchemaProblems(file: file) + choiceProblems(file: file)
            + coordinationProblems(file: file) + onceConditionProblems(file: file)
    }

    private func taskStructureProblems(file: String) -> [InputError] {
        let s = structure
        var problems: [InputError] = []
        func problem(_ task: TaskDefinition, _ message: String, _ hint: String, field: String? = nil) {
            let line = field.flatMap { task.fieldLines[$0] } ?? task.line
            problems.append(InputError(file: file, line: line, message: "task \(task.id): \(message)", hint: hint))
        }
        for task in tasks {
            let checks: [(String?, String, [String], String)] = [
                (task.party, "part", s.parties.map(\.id), "baner → parter"),
                (task.kind, "art", s.columns.map(\.id), "kolonner"),
                (task.frequency, "frekvens", s.frequencies.map(\.id), "bånd → frekvenser"),
                (task.variant, "variant", s.variants.map(\.id), "varianter"),
            ]
            for (word, key, known, section) in checks {
                guard let word, !known.contains(word) else { continue }
                let near = Suggestion.nearest(to: word, in: known).map { "did you mean '\($0)'? " } ?? ""
                problem(task, "\(key) '\(YAMLReader.shown(word))' is not declared in '\(section)'",
                        "\(near)declared: \(known.isEmpty ? "none" : known.joined(separator: ", "))", field: key)
            }
            let ref = s.laneRole == .performer ? task.performer : task.responsible
            if party(of: task) == nil {
                let system = ref.system.map { "system '\($0)'" } ?? "no system"
                problem(task, "its \(s.laneRole.rawValue) role '\(ref.role)' (\(system)) maps to no lane",
                        "declare a party with system: \(ref.system ?? "null") under baner → parter, or change the task's \(s.laneRole.rawValue)",
                        field: s.laneRole.rawValue)
            }
            if let lane = party(of: task), s.parties.contains(where: { $0.id == task.party }), lane.id != task.party {
                problem(task, "part is '\(task.party)', but its \(s.laneRole.rawValue) role (\(ref.system.map { "system '\($0)'" } ?? "no system")) puts it in the lane of party '\(lane.id)'",
                        "write part: \(lane.id), or change the task's \(s.laneRole.rawValue)", field: "part")
            }
            if let condition = task.condition {
                problems += conditionProblems(condition, file: file)
            }
        }
        return problems
    }

    /// Work done once whose condition (its own, its frequency's or its variant's) asks about the
    /// repeated system without saying whether some or every instance must answer so: with one
    /// fagsystem it would hold, with several it would silently not. Each place is said once.
    func onceConditionProblems(file: String) -> [InputError] {
        let schema = structure.plan
        var problems: [InputError] = []
        var said: Set<String> = []
        for task in tasks where isOnce(task) {
            let sources: [(String, Condition?)] = [
                ("its frequency '\(task.frequency)'", structure.frequency(task.frequency)?.condition),
                ("its variant '\(task.variant ?? "")'", task.variant.flatMap { structure.variant($0)?.condition }),
                ("its condition", task.condition),
            ]
            for (source, condition) in sources {
                for ref in condition?.unquantifiedReferences ?? [] where schema.system(ref.level)?.repeated == true {
                    guard said.insert("\(ref.line ?? 0):\(ref.column ?? 0):\(ref)").inserted else { continue }
                    problems.append(InputError(file: file, line: ref.line, column: ref.column,
                        message: "task \(task.id) is done once, but \(source) asks about one \(ref.level) ('\(ref)'): with several \(ref.level)s it is not said whether some or every one must answer so",
                        hint: "write nogen: {\(ref): …} when any \(ref.level) is enough, or alle_instanser: {\(ref): …} when every one must"))
                }
            }
        }
        return problems
    }

    /// Conditions must name declared questions and values they can have.
    func conditionProblems(_ condition: Condition, file: String) -> [InputError] {
        let schema = structure.plan
        var problems: [InputError] = []
        func problem(_ ref: AnswerRef, _ message: String, _ hint: String) {
            problems.append(InputError(file: file, line: ref.line, column: ref.column, message: message, hint: hint))
        }
        func check(_ ref: AnswerRef) -> Question? {
            let levels = [PlanSchema.kommuneLevel] + schema.systems.map(\.id)
            guard let questions = schema.questions(of: ref.level) else {
                let near = Suggestion.nearest(to: ref.level, in: levels).map { "did you mean '\($0)'? " } ?? ""
                problem(ref, "condition names unknown plan level '\(YAMLReader.shown(ref.level))' in '\(ref)'", "\(near)levels: \(levels.joined(separator: ", "))")
                return nil
            }
            guard let question = questions.first(where: { $0.id == ref.question }) else {
                let ids = questions.map(\.id)
                let near = Suggestion.nearest(to: ref.question, in: ids).map { "did you mean '\($0)'? " } ?? ""
                problem(ref, "condition names unknown question '\(YAMLReader.shown(ref.question))' of \(ref.level)",
                        "\(near)questions of \(ref.level): \(ids.isEmpty ? "none" : ids.joined(separator: ", "))")
                return nil
            }
            return question
        }
        func visit(_ c: Condition) {
            switch c {
            case let .all(list), let .any(list): list.forEach(visit)
            case let .not(inner): visit(inner)
            case let .someInstance(inner), let .everyInstance(inner):
                // A quantifier ranges over the instances of the repeated system its condition
                // asks about: around anything else it would silently be false (or true).
                if let ref = inner.references.first, !inner.references.contains(where: { schema.system($0.level)?.repeated == true }) {
                    let word = c.catalogText.hasPrefix("{nogen") ? "nogen" : "alle_instanser"
                    problem(ref, "'\(word):' around a condition that asks about no repeated system ('\(inner.catalogText)')",
                            "\(word) ranges over the instances of \(schema.repeatedSystem?.id ?? "a system with antal: flere"); write the condition without it")
                }
                visit(inner)
            case let .different(a, b), let .same(a, b): _ = check(a); _ = check(b)
            case let .answer(ref, value):
                guard let question = check(ref) else { return }
                switch (question.type, value) {
                case (.yesNo, .yesNo), (.name, .word): break
                case (.oneOf, .word(let word)), (.someOf, .word(let word)):
                    if !question.values.contains(word) {
                        let near = Suggestion.nearest(to: word, in: question.values).map { "did you mean '\($0)'? " } ?? ""
                        problem(ref, "condition asks for '\(YAMLReader.shown(word))', which '\(ref)' cannot be",
                                "\(near)values: \(question.values.joined(separator: ", "))")
                    }
                default:
                    let expected = question.type == .yesNo ? "true or false" : "a word"
                    problem(ref, "condition gives '\(YAMLReader.shown(value.text))' for '\(ref)', which takes \(expected)", "question type: \(question.type.rawValue)")
                }
            }
        }
        visit(condition)
        return problems
    }

    private func planSchemaProblems(file: String) -> [InputError] {
        let s = structure, schema = s.plan
        var problems: [InputError] = []
        func problem(_ line: Int?, _ message: String, _ hint: String? = nil) {
            problems.append(InputError(file: file, line: line, message: message, hint: hint))
        }
        let repeated = schema.systems.filter(\.repeated)
        if repeated.count > 1 {
            problem(repeated[1].line, "plan declares \(repeated.count) systems with antal: flere (\(repeated.map(\.id).joined(separator: ", ")))",
                    "task keys name one instance (ID@name), so at most one system can be listed several times")
        }
        for system in schema.systems where !systems.contains(where: { $0.id == system.id }) {
            problem(system.line, "plan system '\(system.id)' is not one of the catalog's systemer", "known systems: \(systems.map(\.id).joined(separator: ", "))")
        }
        let levels = [PlanSchema.kommuneLevel] + schema.systems.map(\.id)
        for band in s.bands {
            for frequency in band.frequencies {
                if !levels.contains(frequency.per) {
                    let near = Suggestion.nearest(to: frequency.per, in: levels).map { "did you mean '\($0)'? " } ?? ""
                    problem(frequency.line, "frequency '\(frequency.id)' is done 'pr: \(frequency.per)', which is neither kommune nor a plan system",
                            "\(near)expected one of: \(levels.joined(separator: ", "))")
                }
                if let condition = frequency.condition { problems += conditionProblems(condition, file: file) }
            }
        }
        for variant in s.variants { if let condition = variant.condition { problems += conditionProblems(condition, file: file) } }
        for party in s.parties where party.system != nil && !systems.contains(where: { $0.id == party.system }) {
            problem(party.line, "party '\(party.id)' takes the roles of unknown system '\(party.system!)'", "known systems: \(systems.map(\.id).joined(separator: ", "))")
        }
        problems += planLaneProblems(file: file)
        // A plan names people under role ids, beside its own keys and answers.
        let planKeys = ["kommune", "dato", "start", "varighed", "status", "navn"] + schema.kommuneQuestions.map(\.id)
            + schema.systems.map(\.key) + schema.systems.flatMap { $0.questions.map(\.id) }
        for role in roles where planKeys.contains(role.id) {
            problem(role.line, "role id '\(role.id)' is also a key of a plan file (a plan names the person for a role under its id)",
                    "give the role or the question another id")
        }
        return problems
    }

    /// Every party with work done once must have a once-lane, and every party with work done per
    /// instance of the repeated system a lane per instance: otherwise those tasks would have
    /// nowhere to go in a plan diagram.
    private func planLaneProblems(file: String) -> [InputError] {
        let s = structure
        var problems: [InputError] = []
        let partyIDs = s.parties.map(\.id)
        var once: Set<String> = []
        var perInstance: Set<String> = []
        for (index, rule) in s.plan.lanes.enumerated() {
            let line = index < s.plan.laneLines.count ? s.plan.laneLines[index] : s.plan.line
            func unknown(_ party: String) {
                let near = Suggestion.nearest(to: party, in: partyIDs).map { "did you mean '\($0)'? " } ?? ""
                problems.append(InputError(file: file, line: line, message: "plan lane names unknown party '\(party)'",
                                           hint: "\(near)parties: \(partyIDs.joined(separator: ", "))"))
            }
            switch rule {
            case let .once(party):
                once.insert(party)
                if !partyIDs.contains(party) { unknown(party) }
            case let .perInstance(system, parties):
                if s.plan.system(system)?.repeated != true {
                    let repeated = s.plan.repeatedSystem.map { "the repeated system is '\($0.id)'" } ?? "no plan system has antal: flere"
                    problems.append(InputError(file: file, line: line, message: "plan lanes 'for_hver: \(system)': \(system) is not a plan system with antal: flere",
                                               hint: repeated))
                }
                parties.filter { !partyIDs.contains($0) }.forEach(unknown)
                perInstance.formUnion(parties)
            }
        }
        // Which parties have work of each kind: a party whose tasks are all done once needs no
        // lane per instance, and the other way round.
        var needsOnce: [String: TaskDefinition] = [:], needsPerInstance: [String: TaskDefinition] = [:]
        for task in tasks {
            guard let party = party(of: task)?.id else { continue }
            if isOnce(task) { needsOnce[party] = needsOnce[party] ?? task } else { needsPerInstance[party] = needsPerInstance[party] ?? task }
        }
        for party in partyIDs where !once.contains(party) {
            guard let task = needsOnce[party] else { continue }
            problems.append(InputError(file: file, line: s.plan.line, message: "plan → baner gives party '\(party)' no lane for its once-work (such as \(task.id))",
                                       hint: "add '- \(party)' to plan → baner"))
        }
        if s.plan.repeatedSystem != nil {
            for party in partyIDs where !perInstance.contains(party) {
                guard let task = needsPerInstance[party] else { continue }
                problems.append(InputError(file: file, line: s.plan.line, message: "plan → baner gives party '\(party)' no lane per instance (its task \(task.id) is done per instance)",
                                           hint: "add it to the 'parter' of 'for_hver'"))
            }
        }
        return problems
    }

    private func choiceProblems(file: String) -> [InputError] {
        var problems: [InputError] = []
        let ids = Set(tasks.map(\.id))
        var groupOf: [TaskID: String] = [:]
        for group in structure.choiceGroups {
            if group.members.count < 2 {
                problems.append(InputError(file: file, line: group.line, message: "choice group '\(group.id)' has \(group.members.count) member\(group.members.count == 1 ? "" : "s")",
                                           hint: "a choice is between at least two tasks; remove the group or add the alternatives"))
            }
            for member in group.members {
                if !ids.contains(member) {
                    let near = Suggestion.nearest(to: member, in: tasks.map(\.id)).map { "did you mean '\($0)'? " } ?? ""
                    problems.append(InputError(file: file, line: group.line, message: "choice group '\(group.id)' names unknown task '\(member)'", hint: "\(near)members are task ids"))
                } else if let other = groupOf[member] {
                    problems.append(InputError(file: file, line: group.line, message: "task \(member) is in two choice groups, '\(other)' and '\(group.id)'"))
                }
                groupOf[member] = groupOf[member] ?? group.id
            }
        }
        for task in tasks {
            if let own = task.choiceGroup, groupOf[task.id] != own {
                problems.append(InputError(file: file, line: task.line, message: "task \(task.id): valg '\(own)' is not a declared choice group listing it",
                                           hint: "declare it under 'valg' at the top of the catalog with opgaver: [\(task.id), …]"))
            }
            if groupOf[task.id] != nil, task.alternative != .choice {
                problems.append(InputError(file: file, line: task.line, message: "task \(task.id) is in choice group '\(groupOf[task.id]!)' but its alternativ is '\(task.alternative.rawValue)'",
                                           hint: "write alternativ: valg"))
            }
        }
        return problems
    }

    /// A pair must name each other, share no member with another pair, and not hide a cycle
    /// through a third task: otherwise readiness and order would be wrong.
    private func coordinationProblems(file: String) -> [InputError] {
        var problems: [InputError] = []
        var pairOf: [TaskID: Coordination] = [:]
        for pair in coordinations {
            guard let a = task(pair.first), let b = task(pair.second) else { continue }
            for (x, y) in [(a, b), (b, a)] where !x.dependencies.contains(y.id) {
                problems.append(InputError(file: file, line: pair.line, message: "coordination pair [\(pair.first), \(pair.second)] is not mutual: \(x.id) does not name \(y.id) in afhænger_af",
                                           hint: "coordinated tasks name each other; add \(y.id) to \(x.id)'s afhænger_af or remove the pair"))
            }
            if isOnce(a) != isOnce(b) {
                let (once, repeated) = isOnce(a) ? (a, b) : (b, a)
                problems.append(InputError(file: file, line: pair.line,
                    message: "coordination pair [\(pair.first), \(pair.second)] joins \(once.id), done once, with \(repeated.id), done per instance: one agreement cannot be both",
                    hint: "give both tasks frequencies of the same band kind (both once, or both per instance), or make them ordinary dependencies"))
            }
            for member in [pair.first, pair.second] {
                if let other = pairOf[member] {
                    problems.append(InputError(file: file, line: pair.line, message: "coordination pair [\(pair.first), \(pair.second)] overlaps [\(other.first), \(other.second)] in \(member)",
                                               hint: "a task is coordinated with one other task at most"))
                } else {
                    pairOf[member] = pair
                }
            }
        }
        if problems.isEmpty, let cycle = DependencyGraph(catalog: self).firstCycleThroughPairs(), DependencyGraph(catalog: self).firstCycle() == nil {
            let pair = coordinations.first { cycle.contains($0.first) }
            let shown = (cycle + [cycle[0]]).joined(separator: " → ")
            problems.append(InputError(file: file, line: pair?.line, message: "coordination pair [\(pair?.first ?? "?"), \(pair?.second ?? "?")] hides a dependency cycle through another task: \(shown)",
                                       hint: "the pair is one piece of work, so it cannot both wait for a task and be waited for by it"))
        }
        return problems
    }
}
