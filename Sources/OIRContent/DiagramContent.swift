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
    /// The columns left to right; a divider stands between neighbours.
    public var columns: [ColumnContent]
    /// The variants in frame order.
    public var variants: [VariantContent]
    /// Whether the legend shows status colours (plans do, the official diagram does not).
    public var showsStatus = false
    /// The day the diagram describes (a plan's dato, else the catalog's date): a PDF's CreationDate.
    public var date: CalendarDay?
    /// Lines under the legend, e.g. dependencies satisfied outside the plan.
    public var notes: [String] = []
    /// The words the diagram itself writes (legend, markers, status), in the chosen language.
    public var labels: LabelSet
    /// The picture to draw: swimlanes, or (a plan with durations) its timeline.
    public var view = DiagramView.baner
    /// A plan's schedule, for its timeline; nil for the official diagram and plans without durations.
    public var timeline: TimelineContent?
    /// The name and title of each view this content can be drawn as (a plan's swimlanes and timeline).
    public var headings: [DiagramView: ViewHeading] = [:]

    public init(name: String, title: String, subtitle: String, link: String, summary: String, bands: [BandContent],
                columns: [ColumnContent], variants: [VariantContent], labels: LabelSet = .builtIn()) {
        self.labels = labels
        self.columns = columns
        self.variants = variants
        self.name = name
        self.title = title
        self.subtitle = subtitle
        self.link = link
        self.summary = summary
        self.bands = bands
    }

    /// This content drawn as `view`, with that view's name and title; nil when it cannot be
    /// (a timeline without a schedule, or content that names no such view).
    public func viewing(_ view: DiagramView) -> DiagramContent? {
        guard let heading = headings[view], view != .tidsplan || timeline != nil else { return nil }
        var content = self
        content.view = view
        content.name = heading.name
        content.title = heading.title
        return content
    }

    /// Every item in lane order.
    public var items: [ItemContent] {
        bands.flatMap { $0.lanes.flatMap(\.items) }
    }
}

/// A frequency band: "Én gang pr. kommune", "Klargøring – første gang …", "For hver tilslutning …".
/// A picture's file name and title, per view of the same content.
public struct ViewHeading: Sendable, Equatable {
    public var name: String
    public var title: String

    public init(name: String, title: String) {
        self.name = name
        self.title = title
    }
}

public struct BandContent: Sendable, Equatable {
    public var label: String
    public var lanes: [LaneContent]

    public init(label: String, lanes: [LaneContent]) {
        self.label = label
        self.lanes = lanes
    }
}

/// A column of the diagram (`art`): its id and header.
public struct ColumnContent: Sendable, Equatable {
    public var id: String
    public var header: String

    public init(id: String, header: String) {
        self.id = id
        self.header = header
    }
}

/// A variant: its id and frame label.
public struct VariantContent: Sendable, Equatable {
    public var id: String
    public var label: String

    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}

/// One lane: the tasks that one party does in a band.
public struct LaneContent: Sendable, Equatable {
    public var id: String
    public var label: String
    /// The party's id (a class name in the SVG).
    public var party: String
    /// The party's position among the catalog's parties, 1-based: the lane colour.
    public var tone: Int
    public var items: [ItemContent]

    public init(id: String, label: String, party: String, tone: Int, items: [ItemContent]) {
        self.id = id
        self.label = label
        self.party = party
        self.tone = tone
        self.items = items
    }
}

/// One task box before layout.
public struct ItemContent: Sendable, Equatable {
    public var key: TaskKey
    public var taskID: TaskID
    public var title: String
    /// The column's id.
    public var kind: String
    /// The variant's id; nil for none.
    public var variant: String?
    public var party: String
    public var role: BoxRole
    public var choiceGroup: String?
    public var klik: Bool
    public var status: Progress?
    public var tooltip: String
    /// The task's whole row for a reader who asks (the interactive viewer's panel).
    public var details: [Detail]
    /// What it waits for, in the order the catalog gives.
    public var dependencies: [DependencyContent]
    /// Lines under the status in a plan's box: the frist, the people.
    public var notes: [String] = []
    /// An open plan task past its frist.
    public var overdue = false
    /// Open, with a frist its projected finish lies after (a plan with a schedule).
    public var projectedLate = false

    public init(key: TaskKey, taskID: TaskID, title: String, kind: String, variant: String?, party: String,
                role: BoxRole, choiceGroup: String? = nil, klik: Bool, status: Progress? = nil,
                tooltip: String, details: [Detail] = [], dependencies: [DependencyContent]) {
        self.details = details
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

/// One field of a task's row: its label in the chosen language, the value, and an explanation
/// (a role's definition).
public struct Detail: Sendable, Equatable {
    public var label: String
    public var value: String
    public var note: String?

    public init(label: String, value: String, note: String? = nil) {
        self.label = label
        self.value = value
        self.note = note
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
    public var key: TaskKey?
    /// What a stub says: the input task's id.
    public var label: String
    public var kind: Kind
    /// In a plan: the input is done, so the item no longer waits for it (drawn subdued).
    public var met: Bool

    public init(key: TaskKey?, label: String, kind: Kind, met: Bool = false) {
        self.key = key
        self.label = label
        self.kind = kind
        self.met = met
    }
}

/// How a box is drawn, chosen from the task's Alternativ column.
public enum BoxRole: String, Sendable, CaseIterable {
    case normal
    case optional
    case conditional
    case choice
}

extension BoxRole {
    /// The word in CSS class names, as the catalog's Alternativ column writes it: `alternativ-optionel`.
    public var classWord: String {
        switch self {
        case .normal: "ingen"
        case .optional: "optionel"
        case .conditional: "betinget"
        case .choice: "valg"
        }
    }
}
