import Foundation

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
    /// People named for roles at the kommune's level, by role id: the infrastructure roles, and
    /// the default for a system role that a system does not name itself.
    public var people: [String: Person]
    /// The day the work starts, from which the schedule is projected; nil: the plan's date.
    public var start: CalendarDay?
    /// Durations in working days, by task key (`TF105@Sagssystem`), or by a task id alone for
    /// every instance of that task.
    public var durations: [TaskKey: Int]
    /// The plan's own days off (`fridage`), besides weekends and public holidays.
    /// The schedule frozen for this kommune in the file's `baseline:` file, to measure slip
    /// against in every output; nil without one (or when it names no such kommune).
    public var baseline: Baseline.Kommune?
    public var daysOff: Set<CalendarDay> = []
    /// The catalog's repeated system (`antal: flere`), whose instances `nogen:` and
    /// `alle_instanser:` range over.
    public var repeatedSystem: String?

    public init(kommune: String, date: String? = nil, answers: [String: Answer] = [:], systems: [SystemInstance],
                status: [StatusEntry] = [], source: SourceLocation? = nil, people: [String: Person] = [:],
                start: CalendarDay? = nil, durations: [TaskKey: Int] = [:]) {
        self.kommune = kommune
        self.date = date
        self.answers = answers
        self.systems = systems
        self.status = status
        self.source = source
        self.people = people
        self.start = start
        self.durations = durations
    }

    /// The recorded status of a task key; `ikke_startet` when none is recorded.
    public func status(of key: TaskKey) -> TaskStatus {
        entry(key)?.status ?? .notStarted
    }

    /// The status line of a task key, if the plan has one.
    public func entry(_ key: TaskKey) -> StatusEntry? {
        status.last { $0.key == key }
    }

    /// The plan's date when it is a calendar date (`2024-05-01`).
    public var day: CalendarDay? { date.flatMap(CalendarDay.init) }

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
    /// People named for this system's roles (Systemejer, Forvaltningsansvarlig …), by role id.
    public var people: [String: Person]

    public init(system: String, name: String, answers: [String: Answer] = [:], people: [String: Person] = [:]) {
        self.system = system
        self.name = name
        self.answers = answers
        self.people = people
    }
}

/// Someone a plan names for a role or a task.
public struct Person: Sendable, Hashable {
    public var name: String
    public var email: String?
    /// Who they work for, e.g. the supplier that fills Forvaltningsansvarlig.
    public var organisation: String?

    public init(name: String, email: String? = nil, organisation: String? = nil) {
        self.name = name
        self.email = email
        self.organisation = organisation
    }

    /// "Anne Holm (Leverandør A/S)".
    public var label: String {
        organisation.map { "\(name) (\($0))" } ?? name
    }

    /// Whether `query` names this person: the same name after trimming and case-folding.
    /// Whether `query` is this person's name or e-mail address (case and spaces aside).
    public func isNamed(_ query: String) -> Bool {
        Plan.fold(name) == Plan.fold(query) || email.map { Plan.fold($0) == Plan.fold(query) } == true
    }
}

/// Progress of one task instance as the plan file records it.
public enum TaskStatus: String, Sendable, CaseIterable, Codable {
    case done = "udført"
    case inProgress = "i_gang"
    case notStarted = "ikke_startet"
}

/// One `status:` line of a plan file: a status word, or a mapping that adds a deadline, a note
/// and the person who does the task.
public struct StatusEntry: Sendable, Equatable {
    public var key: TaskKey
    public var status: TaskStatus
    public var source: SourceLocation?
    /// The day the task must be done by.
    public var deadline: CalendarDay?
    public var note: String?
    /// Who does it, instead of the person of its performing role.
    public var person: Person?
    /// The day the status was reached (`dato`): the day a done task was done, the day a task in
    /// progress was started. The schedule draws done work to it and counts open work from it.
    public var day: CalendarDay?

    public init(key: TaskKey, status: TaskStatus, source: SourceLocation? = nil, deadline: CalendarDay? = nil,
                note: String? = nil, person: Person? = nil, day: CalendarDay? = nil) {
        self.key = key
        self.status = status
        self.source = source
        self.deadline = deadline
        self.note = note
        self.person = person
        self.day = day
    }
}

extension Plan {
    /// A name as names are compared (myndighed, kommune, person): trimmed, case-folded, inner
    /// white space collapsed, so "Fjordby kommune" and "Fjordby Kommune " are one authority.
    public static func fold(_ name: String) -> String {
        name.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            .folding(options: [.caseInsensitive], locale: danish)
    }

    /// Made once: names are folded for every condition that compares them, in every kommune.
    private static let danish = Locale(identifier: "da_DK")
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
