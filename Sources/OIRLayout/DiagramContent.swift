import OIRModel

/// What a diagram shows, before layout: the bands and lanes in order and the task boxes in
/// each lane with their dependencies. Built from a catalog (`official`) or a scoped plan.
public struct DiagramContent: Sendable, Equatable {
    /// A short name for ids and file names, e.g. "sf1590a-bilag1".
    public var name: String
    public var title: String
    /// A second header line (link, kommune, date).
    public var subtitle: String
    public var link: String
    /// One sentence for the SVG description.
    public var summary: String
    public var bands: [BandContent]
    public var prerequisitesHeader = "Tilslutningsforudsætninger"
    public var connectionsHeader = "Tilslutningsopgaver (ALLE forudsætninger SKAL være løst)"
    /// Whether the legend shows status colours (plans do, the official diagram does not).
    public var showsStatus = false
    /// Lines under the legend, e.g. dependencies satisfied outside the plan.
    public var notes: [String] = []

    public init(name: String, title: String, subtitle: String, link: String, summary: String, bands: [BandContent]) {
        self.name = name
        self.title = title
        self.subtitle = subtitle
        self.link = link
        self.summary = summary
        self.bands = bands
    }

    /// Every item in lane order.
    public var items: [ItemContent] {
        bands.flatMap { $0.lanes.flatMap(\.items) }
    }
}

/// A frequency band: "Én gang pr. kommune", "Klargøring – første gang …", "For hver tilslutning …".
public struct BandContent: Sendable, Equatable {
    public var label: String
    public var lanes: [LaneContent]

    public init(label: String, lanes: [LaneContent]) {
        self.label = label
        self.lanes = lanes
    }
}

/// One lane: the tasks that one performer side does in a band.
public struct LaneContent: Sendable, Equatable {
    public var id: String
    public var label: String
    public var party: Party
    public var items: [ItemContent]

    public init(id: String, label: String, party: Party, items: [ItemContent]) {
        self.id = id
        self.label = label
        self.party = party
        self.items = items
    }
}

/// One task box before layout.
public struct ItemContent: Sendable, Equatable {
    public var key: String
    public var taskID: TaskID
    public var title: String
    public var kind: TaskKind
    public var variant: Variant
    public var party: Party
    public var role: BoxRole
    public var choiceGroup: String?
    public var klik: Bool
    public var status: TaskStatusMark?
    public var tooltip: String
    /// What it waits for, in the order the catalog gives.
    public var dependencies: [DependencyContent]

    public init(key: String, taskID: TaskID, title: String, kind: TaskKind, variant: Variant, party: Party,
                role: BoxRole, choiceGroup: String? = nil, klik: Bool, status: TaskStatusMark? = nil,
                tooltip: String, dependencies: [DependencyContent]) {
        self.key = key
        self.taskID = taskID
        self.title = title
        self.kind = kind
        self.variant = variant
        self.party = party
        self.role = role
        self.choiceGroup = choiceGroup
        self.klik = klik
        self.status = status
        self.tooltip = tooltip
        self.dependencies = dependencies
    }
}

/// A dependency of an item: on another box of the diagram, or on work outside it.
public struct DependencyContent: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The item waits for the box `key`.
        case precedence
        /// The item and `key` are one piece of work seen from two sides.
        case coordination
        /// The dependency is not in this diagram and counts as satisfied (shown as a stub, never dropped).
        case satisfied
    }

    /// The key of the box depended on (nil for `satisfied`).
    public var key: String?
    /// What a stub says: the input task's id.
    public var label: String
    public var kind: Kind

    public init(key: String?, label: String, kind: Kind) {
        self.key = key
        self.label = label
        self.kind = kind
    }
}
