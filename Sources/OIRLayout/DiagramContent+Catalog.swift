import OIRModel

extension DiagramContent {
    /// The official diagram (Bilag 1): every task of the catalog, once, in the document's bands.
    public static func official(_ catalog: Catalog) -> DiagramContent {
        let structure = catalog.structure
        var bands: [BandContent] = []
        for (bandIndex, band) in structure.bands.enumerated() {
            let members = catalog.tasks.filter { structure.band(ofFrequency: $0.frequency) == bandIndex }
            // Every party with work in the band gets a lane, in the catalog's party order.
            let lanes = structure.parties.compactMap { party -> LaneContent? in
                let tasks = members.filter { catalog.party(of: $0)?.id == party.id }
                guard !tasks.isEmpty else { return nil }
                let items = tasks.map { item($0, catalog: catalog, party: party.id) }
                return LaneContent(id: "\(band.id)-\(party.id)", label: party.name.text("da"), party: party.id, tone: party.tone, items: items)
            }
            bands.append(BandContent(label: band.name.text("da"), lanes: lanes))
        }
        let integration = catalog.integration
        return DiagramContent(
            name: "\(integration.id.lowercased().replacingOccurrences(of: "_", with: ""))-bilag1",
            title: integration.diagramTitle,
            subtitle: "BEMÆRK: KLIK-opgaver er markeret blå med sort kant  –  alle kasser er placeret hos den udførende på opgaven",
            link: integration.link,
            summary: "Diagram over implementeringsopgaverne for \(integration.id) (Bilag 1): \(catalog.tasks.count) opgaver i baner efter hvem der udfører dem, delt i tilslutningsforudsætninger og tilslutningsopgaver.",
            bands: bands,
            columns: columns(catalog),
            variants: variants(catalog)
        )
    }

    static func columns(_ catalog: Catalog) -> [ColumnContent] {
        catalog.structure.columns.map { ColumnContent(id: $0.id, header: $0.header.text("da")) }
    }

    static func variants(_ catalog: Catalog) -> [VariantContent] {
        catalog.structure.variants.map { VariantContent(id: $0.id, label: $0.name.text("da")) }
    }

    private static func item(_ task: TaskDefinition, catalog: Catalog, party: String) -> ItemContent {
        ItemContent(
            key: task.id, taskID: task.id, title: task.title, kind: task.kind, variant: task.variant,
            party: party, role: BoxRole(task.alternative), choiceGroup: task.choiceGroup, klik: task.klik,
            tooltip: catalog.tooltip(for: task),
            dependencies: task.dependencies.map { dependency in
                let coordinated = catalog.coordinations.contains { $0.contains(task.id, dependency) }
                return DependencyContent(key: dependency, label: dependency, kind: coordinated ? .coordination : .precedence)
            }
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

