/// A set of implementation tasks for one integration, with the roles, systems and references
/// they point into. Built by `Catalog.load`, which validates every reference.
public struct Catalog: Sendable, Equatable {
    /// The integration the tasks implement.
    public var integration: Integration
    /// The systems a role can belong to, in the order they are declared.
    public var systems: [System]
    /// The role definitions (section 1.3 of the source document).
    public var roles: [Role]
    /// The document's reference list (`[SFTP]`, `[FK-ADM]`, …).
    public var references: [Reference]
    /// Pairs of identical, coordinated tasks: one piece of work seen from two sides.
    public var coordinations: [Coordination]
    /// The tasks in document order.
    public var tasks: [TaskDefinition] { didSet { positionOfTask = Self.positions(of: tasks) } }
    /// Each task id's first place in `tasks`: `task(_:)` is asked for every duration and status
    /// key of a plan, and a catalog may have thousands of tasks.
    private var positionOfTask: [TaskID: Int]
    /// Lanes, bands, columns, variants, choices and plan questions.
    public var structure: IntegrationStructure

    public init(integration: Integration, systems: [System], roles: [Role], references: [Reference],
                coordinations: [Coordination], tasks: [TaskDefinition], structure: IntegrationStructure) {
        self.structure = structure
        self.integration = integration
        self.systems = systems
        self.roles = roles
        self.references = references
        self.coordinations = coordinations
        self.tasks = tasks
        positionOfTask = Self.positions(of: tasks)
    }

    private static func positions(of tasks: [TaskDefinition]) -> [TaskID: Int] {
        var positions: [TaskID: Int] = [:]
        for index in tasks.indices where positions[tasks[index].id] == nil { positions[tasks[index].id] = index }
        return positions
    }

    /// The task with this id, if any.
    public func task(_ id: TaskID) -> TaskDefinition? {
        positionOfTask[id].map { tasks[$0] }
    }

    /// The human name of a role reference, e.g. "Forvaltningsansvarlig for fagsystemet".
    public func name(of ref: RoleRef, labels: LabelSet = .builtIn()) -> String {
        let role = roles.first { $0.id == ref.role }?.name ?? ref.role
        guard let systemID = ref.system else { return role }
        let system = systems.first { $0.id == systemID }?.definite ?? systemID
        return labels.text("role.for", ["role": role, "system": system])
    }

    /// The party whose lane holds `task`: the one of the system of its deciding role.
    public func party(of task: TaskDefinition) -> PartyDefinition? {
        let ref = structure.laneRole == .performer ? task.performer : task.responsible
        return structure.party(forSystem: ref.system)
    }

    /// Whether `task` is done once in a plan (for the kommune or a singular system) rather than
    /// once for every instance of the repeated system (keyed `ID@name`).
    public func isOnce(_ task: TaskDefinition) -> Bool {
        guard let per = structure.frequency(task.frequency)?.per else { return true }
        return structure.plan.system(per)?.repeated != true
    }

    /// Everything that must hold for a plan to need `task`: its frequency's, its variant's and
    /// its own condition.
    public func inclusionConditions(of task: TaskDefinition) -> [Condition] {
        [structure.frequency(task.frequency)?.condition, task.variant.flatMap { structure.variant($0)?.condition }, task.condition]
            .compactMap { $0 }
    }

    /// The coordination partner of a task, if it belongs to a declared pair.
    public func coordinationPartner(of id: TaskID) -> TaskID? {
        for pair in coordinations {
            if pair.first == id { return pair.second }
            if pair.second == id { return pair.first }
        }
        return nil
    }
}

/// The integration a catalog describes.
public struct Integration: Sendable, Equatable {
    public var id: String
    public var title: String
    public var diagramTitle: String
    public var link: String
    public var documentVersion: String
    public var date: String
    /// The official diagram's file and page name (`diagramfil`; SF1590_A: "sf1590a-bilag1", after
    /// the document's appendix); without it, the id as a slug.
    public var diagramFile: String = ""
    /// `titel` and `diagramtitel` where the catalog gives them per language.
    public var texts = LocalizedTexts()

    /// `diagramFile`, or the id as a slug.
    public var diagramName: String {
        diagramFile.isEmpty ? Slug.make(id.replacingAll("_", with: "")) : diagramFile
    }

    public init(id: String, title: String, diagramTitle: String, link: String, documentVersion: String, date: String) {
        self.id = id
        self.title = title
        self.diagramTitle = diagramTitle
        self.link = link
        self.documentVersion = documentVersion
        self.date = date
    }
}

/// A system a role belongs to ("fagsystem", "bogføringssystem").
public struct System: Sendable, Equatable {
    public var id: String
    public var name: String
    /// The definite form used in role names: "fagsystemet".
    public var definite: String
    /// `navn` and `bestemt` where the catalog gives them per language.
    public var texts = LocalizedTexts()
}

/// A role of section 1.3, e.g. Systemejer.
public struct Role: Sendable, Equatable {
    public var id: String
    public var name: String
    public var definition: String
    /// `navn` and `definition` where the catalog gives them per language.
    public var texts = LocalizedTexts()
    /// Its line in the catalog file, for messages.
    public var line: Int?
}

/// A role as a task names it: the role, and the system it acts for (none for infrastructure roles).
public struct RoleRef: Sendable, Equatable, Hashable {
    public var role: String
    public var system: String?

    public init(role: String, system: String? = nil) {
        self.role = role
        self.system = system
    }
}

/// An entry of the document's reference table.
public struct Reference: Sendable, Equatable {
    public var id: String
    public var title: String
    public var link: String
    /// `titel` where the catalog gives it per language.
    public var texts = LocalizedTexts()
}

/// Two tasks that are one agreement seen from both sides: they name each other as dependency,
/// which is coordination, not precedence.
public struct Coordination: Sendable, Equatable {
    public var first: TaskID
    public var second: TaskID
    /// The pair's line in its catalog file, for messages.
    public var line: Int?

    public init(first: TaskID, second: TaskID, line: Int? = nil) {
        self.first = first
        self.second = second
        self.line = line
    }

    public func contains(_ a: TaskID, _ b: TaskID) -> Bool {
        (first == a && second == b) || (first == b && second == a)
    }
}
