/// A task id as the document prints it: "FM001", "TF113-A".
public typealias TaskID = String

/// One implementation task of the catalog.
public struct TaskDefinition: Sendable, Equatable {
    public var id: TaskID
    /// The short title printed in the task's Bilag 1 box.
    public var title: String
    /// The full activity text of the task table.
    public var activity: String
    /// Værktøj: the tool or channel the task is done with.
    public var tool: String
    /// Ansvarlig.
    public var responsible: RoleRef
    /// Udførende: the role that does the work; the diagram puts the box in its lane.
    public var performer: RoleRef
    /// Afhæng af, exactly as the table gives it.
    public var dependencies: [TaskID]
    public var comment: String
    public var party: Party
    public var kind: TaskKind
    public var frequency: Frequency
    public var variant: Variant
    public var alternative: Alternative
    /// The choice group for `alternative == .choice`, e.g. "TF113".
    public var choiceGroup: String?
    /// Done by clicking in a self-service portal (FK-ADM, FK-KLA, Digitaliseringskataloget).
    public var klik: Bool
    public var infRefs: [String]
    /// Ids into the catalog's reference list.
    public var references: [String]
    public var links: [String]
    /// Where the catalog interprets its source, and how.
    public var sourceNotes: [String]
    /// The 1-based line of the task in its catalog file, for messages.
    public var line: Int

    public init(id: TaskID, title: String, activity: String = "", tool: String = "", responsible: RoleRef,
                performer: RoleRef, dependencies: [TaskID] = [], comment: String = "", party: Party,
                kind: TaskKind, frequency: Frequency, variant: Variant = .none, alternative: Alternative = .none,
                choiceGroup: String? = nil, klik: Bool = false, infRefs: [String] = [], references: [String] = [],
                links: [String] = [], sourceNotes: [String] = [], line: Int = 0) {
        self.id = id
        self.title = title
        self.activity = activity
        self.tool = tool
        self.responsible = responsible
        self.performer = performer
        self.dependencies = dependencies
        self.comment = comment
        self.party = party
        self.kind = kind
        self.frequency = frequency
        self.variant = variant
        self.alternative = alternative
        self.choiceGroup = choiceGroup
        self.klik = klik
        self.infRefs = infRefs
        self.references = references
        self.links = links
        self.sourceNotes = sourceNotes
        self.line = line
    }
}

/// Whose task it is: the number series of the id (0–99, 100–199, 200–299).
public enum Party: String, Sendable, CaseIterable, Codable {
    case authority = "myndighed"
    case fagsystem = "fagsystem"
    case bookkeeping = "bogføringssystem"

    /// The capitalised word used as a lane label.
    public var label: String {
        switch self {
        case .authority: "Myndighed"
        case .fagsystem: "Fagsystem"
        case .bookkeeping: "Bogføringssystem"
        }
    }
}

/// Forudsætning (F…) or tilslutning (T…): the diagram's vertical split.
public enum TaskKind: String, Sendable, CaseIterable, Codable {
    case prerequisite = "forudsætning"
    case connection = "tilslutning"
}

/// How often a task is done: the document's sections 2.1, 2.2.1, 2.2.2 and 2.3.
public enum Frequency: String, Sendable, CaseIterable, Codable {
    case oncePerKommune = "én_gang_pr_kommune"
    case firstTimeFagsystem = "første_gang_fagsystem"
    case firstTimeBookkeeping = "første_gang_bogføringssystem"
    case perConnection = "hver_tilslutning"
}

/// The table heading a task sits under.
public enum Variant: String, Sendable, CaseIterable, Codable {
    case none = "ingen"
    case assortment = "sortiment"
    case immediate = "straksleverance"
    case bulk = "masseleverance"

    /// The frame label in the diagram.
    public var label: String {
        switch self {
        case .none: ""
        case .assortment: "Sortiment"
        case .immediate: "Straksleverance"
        case .bulk: "Masseleverance"
        }
    }
}

/// The Alternativ column.
public enum Alternative: String, Sendable, CaseIterable, Codable {
    case none = "ingen"
    /// Betinget: only done under the condition in the comment.
    case conditional = "betinget"
    /// Optionel.
    case optional = "optionel"
    /// One of a choice (TF113-A | TF113-B).
    case choice = "valg"
}
