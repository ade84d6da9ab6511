import OIRContent
import OIRModel

/// A laid-out swimlane diagram: every band, lane, frame, box, stub and edge with its position,
/// independent of Graphviz. `GraphvizGraph` turns it into the graph Graphviz renders.
public struct Diagram: Sendable, Equatable {
    /// The whole drawing, margins included.
    public var size: Size
    /// A short name for ids and file names, e.g. "sf1590a-bilag1".
    public var name: String
    /// What the diagram shows, in one sentence (SVG title and description).
    public var title: String
    public var summary: String
    /// The integration's page; task boxes link below it.
    public var link: String
    public var header: [TextItem]
    public var bands: [Band]
    public var lanes: [Lane]
    /// The straight lines between neighbouring columns, through all lanes.
    public var dividers: [Line]
    public var columnHeaders: [TextItem]
    public var frames: [Frame]
    public var boxes: [Box]
    public var stubs: [Stub]
    public var edges: [Edge]
    public var legend: [LegendEntry]
    public var legendFrame: Rect?
    public var notes: [TextItem]
    /// A timeline's time axis; nil for swimlanes.
    public var timeScale: TimeScale?
    /// Whether boxes carry the small drawn mark of their status (a timeline's bars do not).
    public var statusMarks = true
    /// Drawn under the boxes: a timeline's week lines, days off, frist marks and today line.
    public var marks: [Mark] = []

    public struct Size: Sendable, Equatable {
        public var width: Double
        public var height: Double
    }

    /// A horizontal group of lanes that share a frequency ("Én gang pr. kommune").
    public struct Band: Sendable, Equatable {
        public var label: String
        public var rect: Rect
        public var labelRect: Rect
    }

    /// One horizontal lane: the tasks one party performs in one band.
    public struct Lane: Sendable, Equatable {
        public var id: String
        public var label: String
        public var party: String
        /// The lane colour, 1-based (`lane.N.fill`).
        public var tone: Int
        public var rect: Rect
        public var labelRect: Rect
    }

    /// A labelled frame around the tasks of one variant inside a lane.
    public struct Frame: Sendable, Equatable {
        public var label: String
        public var variant: String
        public var rect: Rect
    }

    /// A task box.
    public struct Box: Sendable, Equatable {
        /// The task key: the id, or `ID@fagsystem` for per-fagsystem work in a plan.
        public var key: TaskKey
        public var taskID: TaskID
        /// The id of the lane it stands in.
        public var lane: String
        /// The task's title as the catalog gives it, unwrapped (what a reader searches for).
        public var title: String
        /// First line: id (and marker such as "(Optionel)"); then the wrapped title.
        public var lines: [String]
        public var rect: Rect
        public var role: BoxRole
        public var party: String
        public var kind: String
        public var variant: String?
        public var klik: Bool
        public var status: OIRModel.Progress?
        /// Full text for tooltips: activity, roles and dependencies.
        public var tooltip: String
        /// The task's whole row (the interactive viewer's panel).
        public var details: [Detail] = []
        /// The keys of the boxes it waits for or is coordinated with.
        public var dependsOn: [TaskKey] = []
        /// An open plan task past its frist (class `forsinket`).
        public var overdue = false
        /// An open plan task projected to finish after its frist (class `forventet-forsinket`).
        public var late = false
        /// On the critical path of a timeline (class `kritisk`): drawn with a thick border.
        public var critical = false
        /// A timeline's bar: the first and last day it covers.
        public var span: DaySpan?
    }

    /// A timeline's time axis: x of a weekday is `left + dayWidth ×` (weekdays since `first`).
    public struct TimeScale: Sendable, Equatable {
        public var first: CalendarDay
        public var left: Double
        public var dayWidth: Double
        /// The day the plan is looked at (the today line).
        public var day: CalendarDay
    }

    /// A timeline's marks: each kind has its style role (`timeline.<kind>`) and its class.
    public struct Mark: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable {
            case week, holiday, today, deadline
            /// A task's planned days in a baseline: a thin bar under its bar.
            case baseline
        }
        public var kind: Kind
        /// The area it covers (a line is a rectangle of no width).
        public var rect: Rect
        /// The task a frist mark belongs to.
        public var key: TaskKey?
    }

    /// A dependency from another lane, drawn as Bilag 1 draws it: a short line "--[" into the box,
    /// labelled with the input task.
    public struct Stub: Sendable, Equatable {
        public var label: String
        /// The key of the box it feeds into.
        public var target: TaskKey
        public var start: Point
        public var end: Point
        public var labelAt: Point
        public var kind: StubKind
        /// What pointing at it says ("Input fra TF105").
        public var tooltip: String
    }

    /// A dependency arrow (inside a lane, or everywhere when the style routes all dependencies).
    public struct Edge: Sendable, Equatable {
        public var from: TaskKey
        public var to: TaskKey
        public var kind: EdgeKind
        /// The target stands to the right of the source: leave at its right side, arrive at the
        /// target's left side. Otherwise Graphviz picks the sides.
        public var leftToRight: Bool
        /// In a plan: the source is done (drawn subdued).
        public var met = false
        /// What is drawn instead when no route keeps clear of everything: a labelled input stub
        /// at the target's middle, as Bilag 1 draws a dependency from another lane.
        public var fallback: Stub?
    }

    public struct Line: Sendable, Equatable {
        public var from: Point
        public var to: Point
    }

    public struct TextItem: Sendable, Equatable {
        public var text: String
        public var at: Point
        public var size: Double
        public var anchor: Anchor
        public var role: TextRole
        /// For texts that are links (the integration's page).
        public var link: String?
    }

    public struct LegendEntry: Sendable, Equatable {
        public var label: String
        public var sample: LegendSample
        public var rect: Rect
    }

    /// The size box texts are set in, in points (the layout measures their lines with it).
    public var boxFontSize = 9.0
    /// The language of the tool's own words in it (`lang` of the SVG).
    public var language = Language.da.rawValue
    /// The day it describes, for a PDF's CreationDate.
    public var date: CalendarDay?

    public enum Anchor: String, Sendable { case start, middle, end }
    public enum TextRole: String, Sendable { case title, subtitle, band, lane, column, legend, note }
    /// Raw values name the label keys (`stub.input`) and the classes.
    public enum StubKind: String, Sendable {
        case input, coordination, satisfied
        /// An input that is done (plans): drawn subdued, so open inputs stand out.
        case done
    }
    public enum EdgeKind: String, Sendable { case dependency, coordination }
    public enum LegendSample: Sendable, Equatable {
        case box(BoxRole, klik: Bool)
        case status(OIRModel.Progress)
        /// A plan box whose frist has passed, and one projected to finish after it: their borders.
        case overdue
        case projectedLate
        /// An input stub, labelled like one of the diagram's own.
        case stub(String)
        case arrow
        case coordination(String)
        /// A stub for a dependency outside a plan.
        case satisfied(String)
        /// A stub and an arrow whose input is done.
        case doneStub(String)
        case doneArrow
    }
}

extension Diagram.Box {
    /// CSS classes a page can restyle boxes by: part, column, variant, KLIK, alternative, status.
    public var classes: [String] {
        var list = ["opgave", "part-\(Slug.make(party))", "art-\(Slug.make(kind))"]
        if let variant { list.append("variant-\(Slug.make(variant))") }
        if klik { list.append("klik") }
        if role != .normal { list.append("alternativ-\(role.classWord)") }
        if let status { list.append("status-\(status.cssName)") }
        if overdue { list.append("forsinket") }
        if late { list.append("forventet-forsinket") }
        if critical { list.append("kritisk") }
        return list
    }
}

/// A precomputed path for an arrow, in diagram space (y down).
public struct EdgeRoute: Sendable, Equatable {
    /// Cubic B-spline control points, 3n+1 of them, from the source box's border to the start of
    /// the arrowhead (or to the target's border when there is none).
    public var points: [Point]
    /// Where the arrowhead's tip touches the target; nil for lines without a head.
    public var arrowTip: Point?

    public init(points: [Point], arrowTip: Point?) {
        self.points = points
        self.arrowTip = arrowTip
    }
}
