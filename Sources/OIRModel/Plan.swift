/// One kommune's situation for an integration: which systems connect, what the plan answers to
/// the catalog's questions, and how far the work has come. Read from a plan file (`PlanFile`)
/// with the catalog's plan schema, scoped to the catalog with `scope(_:)`.
public struct Plan: Sendable, Equatable {
    /// The kommune's name, shown in the diagram header and used for file names.
    public var kommune: String
    /// The plan's date as written in the file (e.g. "2024-05-01"), shown in the diagram header.
    public var date: String?
    /// Answers to the kommune questions, by question id.
    public var answers: [String: Answer]
    /// The named systems, in the schema's order and, for the repeated system, the file's order.
    public var systems: [SystemInstance]
    /// Recorded progress, in the file's order. Keys are task keys (`FM001`, `TF108@Fagsystem A`).
    public var status: [StatusEntry]
    /// Where the plan comes from, for messages about it.
    public var source: SourceLocation?

    public init(kommune: String, date: String? = nil, answers: [String: Answer] = [:], systems: [SystemInstance],
                status: [StatusEntry] = [], source: SourceLocation? = nil) {
        self.kommune = kommune
        self.date = date
        self.answers = answers
        self.systems = systems
        self.status = status
        self.source = source
    }

    /// The recorded status of a task key; `ikke_startet` when none is recorded.
    public func status(of key: String) -> TaskStatus {
        status.last { $0.key == key }?.status ?? .notStarted
    }

    /// The instances of one system (for the repeated system: every one, in the file's order).
    public func instances(of system: String) -> [SystemInstance] {
        systems.filter { $0.system == system }
    }
}

/// A system the plan names (the bogføringssystem, one fagsystem) with its answers.
public struct SystemInstance: Sendable, Equatable {
    /// The plan system's id in the catalog (`fagsystem`).
    public var system: String
    public var name: String
    /// Answers by question id; every question of the system has one once a file is read.
    public var answers: [String: Answer]

    public init(system: String, name: String, answers: [String: Answer] = [:]) {
        self.system = system
        self.name = name
        self.answers = answers
    }
}

/// Progress of one task instance as the plan file records it.
public enum TaskStatus: String, Sendable, CaseIterable, Codable {
    case done = "udført"
    case inProgress = "i_gang"
    case notStarted = "ikke_startet"
}

/// One `status:` line of a plan file.
public struct StatusEntry: Sendable, Equatable {
    public var key: String
    public var status: TaskStatus
    public var source: SourceLocation?

    public init(key: String, status: TaskStatus, source: SourceLocation? = nil) {
        self.key = key
        self.status = status
        self.source = source
    }
}

/// A place in a user's file, for messages that point at it.
public struct SourceLocation: Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    func error(_ message: String, hint: String? = nil) -> InputError {
        InputError(file: file, line: line, column: column, message: message, hint: hint)
    }
}
