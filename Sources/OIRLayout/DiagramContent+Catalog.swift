import OIRModel

extension DiagramContent {
    /// The official diagram (Bilag 1): every task of the catalog, once, in the document's bands.
    public static func official(_ catalog: Catalog) -> DiagramContent {
        var bands: [BandContent] = []
        for band in BandLayout.standard {
            var lanes: [LaneContent] = []
            for lane in band.lanes {
                let tasks = catalog.tasks.filter { band.frequencies.contains($0.frequency) && lane.side(of: $0, in: catalog) }
                let items = tasks.map { task in
                    ItemContent(
                        key: task.id, taskID: task.id, title: task.title, kind: task.kind, variant: task.variant,
                        party: lane.party, role: BoxRole(task.alternative), choiceGroup: task.choiceGroup, klik: task.klik,
                        tooltip: catalog.tooltip(for: task),
                        dependencies: task.dependencies.map { dependency in
                            let coordinated = catalog.coordinations.contains { $0.contains(task.id, dependency) }
                            return DependencyContent(key: dependency, label: dependency, kind: coordinated ? .coordination : .precedence)
                        }
                    )
                }
                lanes.append(LaneContent(id: "\(band.id)-\(lane.party.rawValue)", label: lane.party.label, party: lane.party, items: items))
            }
            bands.append(BandContent(label: band.label, lanes: lanes))
        }
        let integration = catalog.integration
        return DiagramContent(
            name: "\(integration.id.lowercased().replacingOccurrences(of: "_", with: ""))-bilag1",
            title: integration.diagramTitle,
            subtitle: "BEMÆRK: KLIK-opgaver er markeret blå med sort kant  –  alle kasser er placeret hos den udførende på opgaven",
            link: integration.link,
            summary: "Diagram over implementeringsopgaverne for \(integration.id) (Bilag 1): \(catalog.tasks.count) opgaver i baner efter hvem der udfører dem, delt i tilslutningsforudsætninger og tilslutningsopgaver.",
            bands: bands
        )
    }
}

extension BoxRole {
    init(_ alternative: Alternative) {
        switch alternative {
        case .none: self = .normal
        case .optional: self = .optional
        case .conditional: self = .conditional
        case .choice: self = .choice
        }
    }
}

extension Catalog {
    /// The full text a reader gets when pointing at a box: activity, roles, tool, dependencies.
    public func tooltip(for task: TaskDefinition) -> String {
        var parts = ["\(task.id) \(task.title)", task.activity]
        parts.append("Ansvarlig: \(name(of: task.responsible))")
        parts.append("Udførende: \(name(of: task.performer))")
        if !task.tool.isEmpty { parts.append("Værktøj: \(task.tool)") }
        parts.append("Afhænger af: \(task.dependencies.isEmpty ? "–" : task.dependencies.joined(separator: ", "))")
        if !task.comment.isEmpty { parts.append("Kommentar: \(task.comment)") }
        return parts.filter { !$0.isEmpty }.joined(separator: "\n")
    }
}

/// The document's bands and the lanes in each, top to bottom.
struct BandLayout {
    struct LaneRule {
        let party: Party
        /// A box sits with its performer: the performer's system decides the side; infrastructure
        /// roles (no system) belong to the authority.
        func side(of task: TaskDefinition, in catalog: Catalog) -> Bool {
            switch task.performer.system {
            case nil: party == .authority
            case "fagsystem"?: party == .fagsystem
            case "bogføringssystem"?: party == .bookkeeping
            case _?: party == task.party
            }
        }
    }

    let id: String
    let label: String
    let frequencies: [Frequency]
    let lanes: [LaneRule]

    static let standard: [BandLayout] = [
        BandLayout(id: "kommune", label: "Én gang pr. kommune", frequencies: [.oncePerKommune],
                   lanes: [LaneRule(party: .authority)]),
        BandLayout(id: "klargoering", label: "Klargøring – første gang snitfladen tages i brug",
                   frequencies: [.firstTimeFagsystem, .firstTimeBookkeeping],
                   lanes: [LaneRule(party: .fagsystem), LaneRule(party: .bookkeeping)]),
        BandLayout(id: "tilslutning", label: "For hver tilslutning af fagsystem", frequencies: [.perConnection],
                   lanes: [LaneRule(party: .fagsystem), LaneRule(party: .bookkeeping)]),
    ]
}
