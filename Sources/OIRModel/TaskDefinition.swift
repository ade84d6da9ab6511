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
    /// Whose task it is (a party id of the catalog's `baner`).
    public var party: String
    /// The diagram column (`art`, a column id of the catalog).
    public var kind: String
    /// How often it is done (`frekvens`, declared under a band of the catalog).
    public var frequency: String
    /// The variant (frame) it belongs to; nil for none (`ingen`).
    public var variant: String?
    public var alternative: Alternative
    /// The choice group it is a member of, if any.
    public var choiceGroup: String?
    /// When a plan needs it, besides its frequency's and variant's conditions; nil: always.
    public var condition: Condition?
    /// Done by clicking in a self-service portal (FK-ADM, FK-KLA, Digitaliseringskataloget).
    public var klik: Bool
    public var infRefs: [String]
    /// Ids into the catalog's reference list.
    public var references: [String]
    public var links: [String]
    /// Where the catalog interprets its source, and how.
    public var sourceNotes: [String]
    /// For work done once that depends on per-instance work: whether it waits for every
    /// instance's (`alle`, what a kommune means by "the fagsystems are connected") or may start
    /// when one instance's is done (`nogen`).
    public var instanceWait: InstanceWait = .every
    /// A default duration in working days (`varighed`), which a plan may override; nil: none
    /// (the SF1590_A document gives no durations).
    public var duration: Int?
    /// `titel`, `aktivitet`, `værktøj` and `kommentar` where the catalog gives them per language.
    public var texts = LocalizedTexts()
    /// The 1-based line of the task in its catalog file, for messages.
    public var line: Int
    /// The lines of its fields (`variant`, `udførende`, …), for messages about one value.
    public var fieldLines: [String: Int] = [:]

    public init(id: TaskID, title: String, activity: String = "", tool: String = "", responsible: RoleRef,
                performer: RoleRef, dependencies: [TaskID] = [], comment: String = "", party: String,
                kind: String, frequency: String, variant: String? = nil, alternative: Alternative = .none,
                choiceGroup: String? = nil, condition: Condition? = nil, klik: Bool = false, infRefs: [String] = [], references: [String] = [],
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
        self.condition = condition
        self.klik = klik
        self.infRefs = infRefs
        self.references = references
        self.links = links
        self.sourceNotes = sourceNotes
        self.line = line
    }
}

extension TaskDefinition {
    /// The word a catalog writes for "no variant".
    public static let noVariant = "ingen"
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

/// How work done once waits for per-instance work; raw values are the catalog's words
/// (`venter_på_instanser`).
public enum InstanceWait: String, Sendable, CaseIterable {
    /// Every instance's work must be done.
    case every = "alle"
    /// One instance's done work is enough.
    case any = "nogen"
}
