/// Everything a catalog declares about its integration besides the tasks: who gives lanes, the
/// bands and columns of the diagram, the variants, the choice groups and the questions a plan
/// answers. The Swift code knows swimlanes and plans in general; this is the integration's part.
public struct IntegrationStructure: Sendable, Equatable {
    /// Which role of a task decides its lane.
    public var laneRole: DecidingRole
    /// The parties that give lanes, in their order top to bottom.
    public var parties: [PartyDefinition]
    /// Bands top to bottom, each with the frequencies it groups.
    public var bands: [BandDefinition]
    /// Columns left to right (the task field `art`).
    public var columns: [ColumnDefinition]
    /// Variants in frame order; tasks with variant `ingen` have none.
    public var variants: [VariantDefinition]
    public var choiceGroups: [ChoiceGroup]
    public var plan: PlanSchema

    public init(laneRole: DecidingRole, parties: [PartyDefinition], bands: [BandDefinition], columns: [ColumnDefinition],
                variants: [VariantDefinition], choiceGroups: [ChoiceGroup], plan: PlanSchema) {
        self.laneRole = laneRole
        self.parties = parties
        self.bands = bands
        self.columns = columns
        self.variants = variants
        self.choiceGroups = choiceGroups
        self.plan = plan
    }

    /// Every declared frequency, in band order.
    public var frequencies: [FrequencyDefinition] { bands.flatMap(\.frequencies) }

    /// Looked up band by band: called for every task of every plan, so no list of all is built.
    public func frequency(_ id: String) -> FrequencyDefinition? {
        for band in bands {
            if let found = band.frequencies.first(where: { $0.id == id }) { return found }
        }
        return nil
    }
    public func band(ofFrequency id: String) -> Int? { bands.firstIndex { $0.frequencies.contains { $0.id == id } } }
    public func party(_ id: String) -> PartyDefinition? { parties.first { $0.id == id } }
    public func variant(_ id: String) -> VariantDefinition? { variants.first { $0.id == id } }

    /// The party whose lane holds work done by a role of `system` (nil: a role without system).
    public func party(forSystem system: String?) -> PartyDefinition? {
        parties.first { $0.system == system }
    }
}

/// The role of a task whose system decides the task's lane; raw values are the catalog's words.
public enum DecidingRole: String, Sendable, CaseIterable {
    /// Udførende: the box sits with the one who does the work (Bilag 1's rule).
    case performer = "udførende"
    case responsible = "ansvarlig"
}

/// A party that gives lanes: the authority, or the side of one system.
public struct PartyDefinition: Sendable, Equatable {
    public var id: String
    public var name: CatalogText
    /// The name for all of a repeated system's instances at once ("Fagsystemerne").
    public var plural: CatalogText?
    /// The system whose roles work in this lane; nil for roles without a system.
    public var system: String?
    /// 1-based position, which picks the lane colour (`lane.N.fill` in a style).
    public var tone: Int
    /// Its line in the catalog file, for messages.
    public var line: Int?
}

/// A band: a horizontal group of lanes for tasks done equally often.
public struct BandDefinition: Sendable, Equatable {
    public var id: String
    public var name: CatalogText
    public var frequencies: [FrequencyDefinition]
}

/// How often a task is done: once for the kommune, or once for each instance of a plan system.
public struct FrequencyDefinition: Sendable, Equatable {
    public var id: String
    /// `kommune`, or the id of a plan system (`bogføringssystem`, `fagsystem`).
    public var per: String
    /// When a plan needs tasks of this frequency; nil: always.
    public var condition: Condition?
    /// Its line in the catalog file, for messages.
    public var line: Int?
}

public struct ColumnDefinition: Sendable, Equatable {
    public var id: String
    public var header: CatalogText
}

public struct VariantDefinition: Sendable, Equatable {
    public var id: String
    public var name: CatalogText
    /// When a plan needs the variant's tasks; nil: always.
    public var condition: Condition?
}

/// Tasks of which one is chosen (TF113-A | TF113-B).
public struct ChoiceGroup: Sendable, Equatable {
    public var id: String
    public var members: [TaskID]
    /// Its line in the catalog file, for messages.
    public var line: Int?
}

/// The questions a plan file answers, and how a plan diagram orders its lanes.
public struct PlanSchema: Sendable, Equatable {
    /// Questions about the kommune itself (top-level keys of a plan).
    public var kommuneQuestions: [Question]
    /// The systems a plan names: one (`antal: én`) or several (`antal: flere`, at most one such).
    public var systems: [PlanSystemDefinition]
    public var lanes: [PlanLaneRule]
    /// The line of each lane rule, and of `plan` itself, for messages.
    public var laneLines: [Int?] = []
    public var line: Int?

    /// The level name of kommune questions in conditions (`kommune.første_gang`).
    public static let kommuneLevel = "kommune"

    /// The system a plan lists several of (the fagsystems), if any.
    public var repeatedSystem: PlanSystemDefinition? { systems.first { $0.repeated } }

    public func system(_ id: String) -> PlanSystemDefinition? { systems.first { $0.id == id } }

    /// The questions of a level (`kommune` or a system id), nil for an unknown level.
    public func questions(of level: String) -> [Question]? {
        level == Self.kommuneLevel ? kommuneQuestions : system(level)?.questions
    }
}

/// A system of a plan: the plan names it (`navn`) and answers its questions.
public struct PlanSystemDefinition: Sendable, Equatable {
    /// The id of the catalog system it is (roles name it), and the level name in conditions.
    public var id: String
    /// Its key in a plan file (`bogføringssystem`, `fagsystemer`).
    public var key: String
    /// Listed several times (each instance gets its own task instances, keyed `ID@name`).
    public var repeated: Bool
    public var questions: [Question]
    /// Its line in the catalog file, for messages.
    public var line: Int?
}

/// One question of a plan, answered in the plan file under its id.
public struct Question: Sendable, Equatable {
    public var id: String
    public var type: QuestionType
    /// The allowed words of `en_af` and `flere_af`.
    public var values: [String]
    /// The answer when the plan leaves the key out; nil makes the key required.
    public var defaultAnswer: DefaultAnswer?
}

/// The kinds of answers; raw values are the catalog's words.
public enum QuestionType: String, Sendable, CaseIterable {
    case yesNo = "ja_nej"
    /// One word of `values`.
    case oneOf = "en_af"
    /// One or more words of `values` (a single word is accepted as a list of one).
    case someOf = "flere_af"
    /// A name, such as a myndighed.
    case name = "navn"
}

public enum DefaultAnswer: Sendable, Equatable {
    case answer(Answer)
    /// The kommune's name (a myndighed that is the kommune itself).
    case kommuneName
}

/// A lane rule of a plan diagram.
public enum PlanLaneRule: Sendable, Equatable {
    /// The party's work that is done once (not per instance of the repeated system).
    case once(party: String)
    /// For every instance of the repeated system, one lane per party, in this order.
    case perInstance(system: String, parties: [String])
}
