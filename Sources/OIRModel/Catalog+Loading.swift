import Foundation
import Yams

extension Catalog {
    /// The name the built-in catalog is reported under in messages.
    public static let builtInName = "sf1590a.yaml"

    /// The catalog of SF1590_A that ships inside the tool, read once per process.
    public static func builtIn() throws -> Catalog {
        try builtInCatalog.value()
    }

    /// Starts reading the built-in catalog on another thread, for a process that will need it
    /// while it is still busy with its arguments; `builtIn()` then waits for that reading.
    public static func preloadBuiltIn() {
        builtInCatalog.preload()
    }

    fileprivate static func readBuiltIn() throws -> Catalog {
        guard let root = EmbeddedTree.document(builtInName) else {
            throw InputError(file: builtInName, message: "the built-in catalog is missing from this build")
        }
        return try parse(root, reader: YAMLReader(file: "<built-in>/\(builtInName)"))
    }

    private static let builtInCatalog = BuiltInCatalog()

    /// Loads and validates a catalog file.
    public static func load(path: String) throws -> Catalog {
        try parse(InputFile.read(path), file: path)
    }

    /// Every top-level key of a catalog.
    static let topLevelKeys = ["integration", "systemer", "roller", "referencer", "koordinering", "baner", "bånd", "kolonner",
                               "varianter", "valg", "plan", "opgaver"]

    /// Parses and validates catalog text; `file` names it in messages. Every problem found is
    /// reported in one `InputErrors`, in line order.
    public static func parse(_ text: String, file: String) throws -> Catalog {
        let reader = YAMLReader(file: file)
        return try parse(try reader.document(text), reader: reader)
    }

    /// The catalog of a composed document.
    static func parse(_ document: Node, reader: YAMLReader) throws -> Catalog {
        let file = reader.file
        let root = try reader.mapping(document, "the catalog", allowed: topLevelKeys)
        let integration = reader.collecting { try parseIntegration(root, reader: reader) }
        let systems = reader.collecting { try parseList(root, "systemer", reader: reader, parseSystem) } ?? []
        let roles = reader.collecting { try parseList(root, "roller", reader: reader, parseRole) } ?? []
        let references = reader.collecting { try parseList(root, "referencer", reader: reader, required: false, parseReference) } ?? []
        let structure = StructureReader(reader: reader, root: root).read()

        var tasks: [TaskDefinition] = []
        var firstLine: [TaskID: Int] = [:]
        for node in reader.collecting({ try reader.sequence(try root.required("opgaver"), "opgaver") }) ?? [] {
            guard let task = reader.collecting({ try parseTask(node, reader: reader) }) else { continue }
            if let earlier = firstLine[task.id] {
                reader.collected.problems.append(reader.error(node, "duplicate task id '\(task.id)'",
                                                              hint: "it is already defined on line \(earlier); ids must be unique"))
                continue
            }
            firstLine[task.id] = task.line
            tasks.append(task)
        }
        let coordinations = reader.collecting { try parseCoordinations(root, reader: reader) } ?? []

        guard let integration, let structure else {
            try reader.finish()
            throw InputError(file: file, message: "the catalog could not be read")
        }
        var catalog = Catalog(integration: integration, systems: systems, roles: roles, references: references,
                              coordinations: coordinations, tasks: tasks, structure: structure)
        catalog.assignChoiceGroups()
        var problems = catalog.referenceProblems(file: file) + catalog.structureProblems(file: file)
        // Cycles among the tasks that were read, whatever else is wrong: every problem of the
        // file in one run (an unknown dependency is simply no edge).
        problems += catalog.cycleProblems(file: file)
        try reader.finish(problems)
        return catalog
    }

    private static func parseIntegration(_ root: YAMLReader.Mapping, reader: YAMLReader) throws -> Integration {
        let m = try reader.mapping(try root.required("integration"), "integration",
                                   allowed: ["id", "titel", "diagramtitel", "diagramfil", "link", "dokumentversion", "dato"])
        var texts = LocalizedTexts()
        let title = try texts.read(m, "titel", reader: reader) ?? m.string("titel")
        var integration = Integration(
            id: try identifier(m, "id", reader: reader),
            title: title,
            diagramTitle: try texts.read(m, "diagramtitel", reader: reader) ?? title,
            link: try m.optionalString("link") ?? "",
            documentVersion: try m.optionalString("dokumentversion") ?? "",
            date: try m.optionalString("dato") ?? ""
        )
        if texts.texts["diagramtitel"] == nil, let given = texts.texts["titel"] { texts.texts["diagramtitel"] = given }
        integration.texts = texts
        if let node = m.node("diagramfil"), !node.isNull {
            let name = try reader.string(node, "'diagramfil' in integration")
            guard Slug.make(name) == name else {
                throw reader.error(node, "'diagramfil' is '\(YAMLReader.shown(name))', not a file name of lower-case letters, digits and hyphens",
                                   hint: "e.g. '\(Slug.make(name))'")
            }
            integration.diagramFile = name
        }
        return integration
    }

    /// The entries of a list under `key`, each read by `parse`; a bad entry is reported and skipped.
    static func parseList<T>(_ root: YAMLReader.Mapping, _ key: String, reader: YAMLReader, required: Bool = true,
                             _ parse: (Node, YAMLReader) throws -> T) throws -> [T] {
        guard let list = required ? try root.required(key) : root.node(key) else { return [] }
        return try reader.sequence(list, key).compactMap { node in reader.collecting { try parse(node, reader) } }
    }

    private static func parseSystem(_ node: Node, _ reader: YAMLReader) throws -> System {
        let m = try reader.mapping(node, "a system", allowed: ["id", "navn", "bestemt"])
        var texts = LocalizedTexts()
        let name = try texts.read(m, "navn", reader: reader) ?? m.string("navn")
        var system = System(id: try m.string("id"), name: name, definite: try texts.read(m, "bestemt", reader: reader) ?? name)
        if texts.texts["bestemt"] == nil, let given = texts.texts["navn"] { texts.texts["bestemt"] = given }
        system.texts = texts
        return system
    }

    private static func parseRole(_ node: Node, _ reader: YAMLReader) throws -> Role {
        let m = try reader.mapping(node, "a role", allowed: ["id", "navn", "definition"])
        var texts = LocalizedTexts()
        return Role(id: try m.string("id"), name: try texts.read(m, "navn", reader: reader) ?? m.string("navn"),
                    definition: try texts.read(m, "definition", reader: reader) ?? "", texts: texts, line: node.mark?.line)
    }

    private static func parseReference(_ node: Node, _ reader: YAMLReader) throws -> Reference {
        let m = try reader.mapping(node, "a reference", allowed: ["id", "titel", "link"])
        var texts = LocalizedTexts()
        return Reference(id: try m.string("id"), title: try texts.read(m, "titel", reader: reader) ?? "",
                         link: try m.optionalString("link") ?? "", texts: texts)
    }

    private static func parseCoordinations(_ root: YAMLReader.Mapping, reader: YAMLReader) throws -> [Coordination] {
        guard let list = root.node("koordinering") else { return [] }
        return try reader.sequence(list, "koordinering").compactMap { node in
            reader.collecting {
                let ids = try reader.sequence(node, "a coordination pair").map { try reader.string($0, "a task id") }
                guard ids.count == 2, ids[0] != ids[1] else {
                    throw reader.error(node, "a coordination pair names exactly two different task ids, like [A101, B201]")
                }
                return Coordination(first: ids[0], second: ids[1], line: node.mark?.line)
            }
        }
    }

    private static func parseTask(_ node: Node, reader: YAMLReader) throws -> TaskDefinition {
        let m = try reader.mapping(node, "a task", allowed: [
            "id", "titel", "aktivitet", "værktøj", "ansvarlig", "udførende", "afhænger_af", "kommentar", "part", "art",
            "frekvens", "variant", "alternativ", "valg", "betingelse", "klik", "infref", "referencer", "links", "kildenoter",
            "varighed", "venter_på_instanser",
        ])
        let id = try identifier(m, "id", reader: reader)
        let what = "task \(id)"
        func role(_ key: String) throws -> RoleRef {
            let r = try reader.mapping(try m.required(key), "'\(key)' of \(what)", allowed: ["rolle", "system"])
            return RoleRef(role: try r.string("rolle"), system: try r.optionalString("system"))
        }
        let variant = try m.optionalString("variant")
        var texts = LocalizedTexts()
        var task = TaskDefinition(
            id: id,
            title: try texts.read(m, "titel", reader: reader) ?? m.string("titel"),
            activity: try texts.read(m, "aktivitet", reader: reader) ?? "",
            tool: try texts.read(m, "værktøj", reader: reader) ?? "",
            responsible: try role("ansvarlig"),
            performer: try role("udførende"),
            dependencies: try m.strings("afhænger_af"),
            comment: try texts.read(m, "kommentar", reader: reader) ?? "",
            party: try m.string("part"),
            kind: try m.string("art"),
            frequency: try m.string("frekvens"),
            variant: variant == TaskDefinition.noVariant ? nil : variant,
            alternative: try m.enumeration("alternativ", as: Alternative.self, default: Alternative.none),
            choiceGroup: try m.optionalString("valg"),
            condition: try m.node("betingelse").flatMap { $0.isNull ? nil : try ConditionReader(reader: reader).condition($0) },
            klik: try m.bool("klik", default: false),
            infRefs: try m.strings("infref"),
            references: try m.strings("referencer"),
            links: try m.strings("links"),
            sourceNotes: try m.strings("kildenoter"),
            line: node.mark?.line ?? 0
        )
        if let node = m.node("varighed"), !node.isNull {
            guard let days = node.integer, days >= 0, days <= 1000 else {
                throw reader.error(node, "'varighed' of \(what) must be a whole number of working days from 0 to 1000")
            }
            task.duration = days
        }
        task.instanceWait = try m.enumeration("venter_på_instanser", as: InstanceWait.self, default: .every)
        task.texts = texts
        for key in ["part", "art", "frekvens", "variant", "ansvarlig", "udførende", "valg"] {
            if let line = m.node(key)?.mark?.line { task.fieldLines[key] = line }
        }
        return task
    }

    /// The longest task or integration id: ids name diagram nodes and files.
    public static let maximumIDLength = 40

    /// The most tasks one task may wait for, and the most dependencies a catalog may have: the
    /// drawing's cost grows with the arrows and stubs, and a catalog within these limits draws
    /// in seconds (a real integration's task waits for a handful).
    public static let maximumDependenciesPerTask = 40
    public static let maximumDependencies = 20_000

    /// An id: one line of at most `maximumIDLength` characters.
    static func identifier(_ m: YAMLReader.Mapping, _ key: String, reader: YAMLReader) throws -> String {
        let node = try m.required(key)
        let id = try reader.string(node, "'\(key)' in \(m.what)")
        if id.isEmpty || id.unicodeScalars.count > maximumIDLength || id.contains(where: \.isNewline) {
            throw reader.error(node, "'\(key)' in \(m.what) must be one line of 1 to \(maximumIDLength) characters",
                               hint: "ids are short codes such as A101 or A113-B")
        }
        if key == "id", id.contains(TaskKey.separator) {
            // Plans write a task instance's key as ID@name: an id with the separator would share
            // its key with another task's instance, and one status line would mark both.
            throw reader.error(node, "'id' in \(m.what) contains '\(TaskKey.separator)', which separates a task id from an instance's name in plans",
                               hint: "write it without '\(TaskKey.separator)', e.g. \(id.replacingAll(String(TaskKey.separator), with: "-"))")
        }
        return id
    }

    private static func hint(for id: String, in tasks: [TaskDefinition]) -> String {
        if let near = Suggestion.nearest(to: id, in: tasks.map(\.id)) { return "did you mean '\(near)'?" }
        return "a dependency must be the id of a task in this catalog"
    }

    /// Unknown dependency ids, roles, systems and references, each with the task's line.
    func referenceProblems(file: String) -> [InputError] {
        let ids = Set(tasks.map(\.id))
        let roleIDs = roles.map(\.id), systemIDs = systems.map(\.id), referenceIDs = references.map(\.id)
        var problems: [InputError] = []
        func problem(_ task: TaskDefinition, _ message: String, _ hint: String) {
            problems.append(InputError(file: file, line: task.line, message: "task \(task.id): \(message)", hint: hint))
        }
        for task in tasks {
            for dependency in task.dependencies where !ids.contains(dependency) {
                problem(task, "unknown dependency '\(dependency)'", Self.hint(for: dependency, in: tasks))
            }
            if task.dependencies.contains(task.id) { problem(task, "depends on itself", "remove '\(task.id)' from afhænger_af") }
            if task.dependencies.count > Self.maximumDependenciesPerTask {
                problem(task, "waits for \(task.dependencies.count) tasks; the limit is \(Self.maximumDependenciesPerTask)",
                        "list the tasks it waits for directly; what they wait for follows from them")
            }
            for (key, ref) in [("ansvarlig", task.responsible), ("udførende", task.performer)] {
                if !roleIDs.contains(ref.role) {
                    let near = Suggestion.nearest(to: ref.role, in: roleIDs).map { "did you mean '\($0)'? " } ?? ""
                    problem(task, "unknown role '\(ref.role)' in \(key)", "\(near)known roles: \(roleIDs.joined(separator: ", "))")
                }
                if let system = ref.system, !systemIDs.contains(system) {
                    problem(task, "unknown system '\(system)' in \(key)", "known systems: \(systemIDs.joined(separator: ", "))")
                }
            }
            for reference in task.references where !referenceIDs.contains(reference) {
                problem(task, "unknown reference '\(reference)'", "known references: \(referenceIDs.joined(separator: ", "))")
            }
            if task.alternative == .choice, task.choiceGroup == nil {
                problem(task, "alternativ is 'valg' but the task is in no choice group", "list it under a group in 'valg' at the top of the catalog")
            }
        }
        let total = tasks.reduce(0) { $0 + $1.dependencies.count }
        if total > Self.maximumDependencies {
            problems.append(InputError(file: file, message: "the catalog's tasks have \(total) dependencies; the limit is \(Self.maximumDependencies)",
                                       hint: "list only the direct dependencies; an indirect one follows from them"))
        }
        return problems
    }

    private static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return out
    }

    /// Precedence cycles; a declared coordination pair naming each other is not one.
    func cycleProblems(file: String) -> [InputError] {
        guard let cycle = DependencyGraph(catalog: self).firstCycle() else { return [] }
        let task = self.task(cycle[0])
        // A long cycle (thousands of tasks) is shown by its ends.
        let shown = cycle.count <= 12 ? cycle
            : Array(cycle.prefix(5)) + ["… \(Self.grouped(cycle.count - 10)) more …"] + Array(cycle.suffix(5))
        let path = (shown + [cycle[0]]).joined(separator: " → ")
        return [InputError(file: file, line: task?.line, message: "dependency cycle \(path)",
                           hint: "tasks that are one agreement seen from two sides belong in 'koordinering'; otherwise remove one dependency")]
    }
}

/// The built-in catalog, read on first use (or by `preload`, on another thread) and kept.
private final class BuiltInCatalog: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Catalog, Error>?

    func value() throws -> Catalog {
        lock.lock()
        defer { lock.unlock() }
        return try read().get()
    }

    func preload() {
        let holding = DispatchSemaphore(value: 0)
        Thread.detachNewThread { [self] in
            lock.lock()
            holding.signal()
            defer { lock.unlock() }
            _ = read()
        }
        // The reader holds the lock before anyone may ask for the catalog.
        holding.wait()
    }

    /// The catalog, read now if it has not been; called under the lock.
    private func read() -> Result<Catalog, Error> {
        if let result { return result }
        let read = Result { try Catalog.readBuiltIn() }
        result = read
        return read
    }
}
