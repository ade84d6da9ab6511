/// One kommune's situation for an integration: which systems connect, with which choices, and
/// how far the work has come. Read from a plan file (`PlanFile`), scoped to a catalog with
/// `scope(_:)`.
public struct Plan: Sendable, Equatable {
    /// The kommune's name, shown in the diagram header and used for file names.
    public var kommune: String
    /// The plan's date as written in the file (e.g. "2024-05-01"), shown in the diagram header.
    public var date: String?
    /// The kommune has not taken an ØiR integration in use before (FM001–FM003 are needed).
    public var firstTime: Bool
    public var bookkeeping: BookkeepingSystem
    /// The fagsystems that connect, in the file's order; names are unique.
    public var fagsystems: [Fagsystem]
    /// Recorded progress, in the file's order. Keys are task keys (`FM001`, `TF108@Fagsystem A`).
    public var status: [StatusEntry]
    /// Where the plan comes from, for messages about it.
    public var source: SourceLocation?

    public init(kommune: String, date: String? = nil, firstTime: Bool = true, bookkeeping: BookkeepingSystem,
                fagsystems: [Fagsystem], status: [StatusEntry] = [], source: SourceLocation? = nil) {
        self.kommune = kommune
        self.date = date
        self.firstTime = firstTime
        self.bookkeeping = bookkeeping
        self.fagsystems = fagsystems
        self.status = status
        self.source = source
    }

    /// The recorded status of a task key; `ikke_startet` when none is recorded.
    public func status(of key: String) -> TaskStatus {
        status.last { $0.key == key }?.status ?? .notStarted
    }
}

/// The kommune's bogføringssystem (e.g. its økonomisystem).
public struct BookkeepingSystem: Sendable, Equatable {
    public var name: String
    /// First time this bogføringssystem takes SF1590_A in use (FB200–FB203, TB200–TB203 are needed).
    public var firstTime: Bool
    /// The data-responsible authority.
    public var authority: String

    public init(name: String, firstTime: Bool = true, authority: String) {
        self.name = name
        self.firstTime = firstTime
        self.authority = authority
    }
}

/// A fagsystem that connects to the bogføringssystem, with the kommune's choices for it.
public struct Fagsystem: Sendable, Equatable {
    public var name: String
    /// First time this fagsystem takes an ØiR integration in use.
    public var firstTime: Bool
    /// Straks- and/or Masseleverance; at least one.
    public var deliveries: Set<Delivery>
    public var assortment: Assortment
    /// The kommune supplements the common sortiment (TF104).
    public var supplement: Bool
    /// Run the optional production verification test (TF107, TB205).
    public var productionVerification: Bool
    /// The data-responsible authority; when it differs from the bogføringssystem's, the two
    /// must make a data exchange agreement (FF102/FB204).
    public var authority: String

    public init(name: String, firstTime: Bool = true, deliveries: Set<Delivery>, assortment: Assortment,
                supplement: Bool = false, productionVerification: Bool = false, authority: String) {
        self.name = name
        self.firstTime = firstTime
        self.deliveries = deliveries
        self.assortment = assortment
        self.supplement = supplement
        self.productionVerification = productionVerification
        self.authority = authority
    }

    public var immediate: Bool { deliveries.contains(.immediate) }
    public var bulk: Bool { deliveries.contains(.bulk) }
}

/// How a fagsystem delivers finansbilag; the raw values are the plan file's words.
public enum Delivery: String, Sendable, CaseIterable, Codable {
    /// Straksleverance (EP_FS1 → EP_BS1).
    case immediate = "straks"
    /// Masseleverance (SFTP, EP_FS3 → EP_BS2).
    case bulk = "masse"
}

/// How a fagsystem gets its sortiment; the raw values are the plan file's words.
public enum Assortment: String, Sendable, CaseIterable, Codable {
    /// TF113-A: a subscription delivered through the Serviceplatform's SFTP service.
    case subscription = "abonnement"
    /// TF113-B: loaded by hand from KDI.
    case manual = "manuel"
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
