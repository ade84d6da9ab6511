import OIRModel

extension DiagramContent {
    /// The official diagram (Bilag 1): every task of the catalog, once, in the document's bands.
    public static func official(_ catalog: Catalog, labels: LabelSet = .builtIn()) -> DiagramContent {
        let structure = catalog.structure
        let language = labels.language.rawValue
        var bands: [BandContent] = []
        for (bandIndex, band) in structure.bands.enumerated() {
            let members = catalog.tasks.filter { structure.band(ofFrequency: $0.frequency) == bandIndex }
            // Every party with work in the band gets a lane, in the catalog's party order.
            let lanes = structure.parties.compactMap { party -> LaneContent? in
                let tasks = members.filter { catalog.party(of: $0)?.id == party.id }
                guard !tasks.isEmpty else { return nil }
                let items = tasks.map { item($0, catalog: catalog, party: party.id, labels: labels) }
                return LaneContent(id: "\(band.id)-\(party.id)", label: party.name.text(language), party: party.id, tone: party.tone, items: items)
            }
            bands.append(BandContent(label: band.name.text(language), lanes: lanes))
        }
        let integration = catalog.integration
        var content = DiagramContent(
            name: integration.diagramName,
            title: integration.diagramTitle,
            subtitle: labels.text("official.subtitle", ["klik": labels.text("official.klik"), "lanes": labels.text(lanesKey(catalog))]),
            link: integration.link,
            summary: labels.text("official.summary", ["integration": integration.id, "count": String(catalog.tasks.count),
                                                      "lanes": labels.text(lanesKey(catalog) + ".summary"),
                                                      "columns": listed(catalog.structure.columns.map { $0.header.text(language) }, labels)]),
            bands: bands,
            columns: columns(catalog, labels: labels),
            variants: variants(catalog, labels: labels),
            labels: labels
        )
        content.date = CalendarDay(integration.date)
        return content
    }

    static func columns(_ catalog: Catalog, labels: LabelSet) -> [ColumnContent] {
        catalog.structure.columns.map { ColumnContent(id: $0.id, header: $0.header.text(labels.language.rawValue)) }
    }

    /// The words for the catalog's lane rule (`baner: efter`).
    static func lanesKey(_ catalog: Catalog) -> String {
        catalog.structure.laneRole == .performer ? "official.lanes.performer" : "official.lanes.responsible"
    }

    /// "A, B og C" in the labels' language.
    static func listed(_ items: [String], _ labels: LabelSet) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " " + labels.text("word.and") + " " + items.last!
    }

    static func variants(_ catalog: Catalog, labels: LabelSet) -> [VariantContent] {
        catalog.structure.variants.map { VariantContent(id: $0.id, label: $0.name.text(labels.language.rawValue)) }
    }

    private static func item(_ task: TaskDefinition, catalog: Catalog, party: String, labels: LabelSet) -> ItemContent {
        ItemContent(
            key: TaskKey(task.id), taskID: task.id, title: task.title, kind: task.kind, variant: task.variant,
            party: party, role: BoxRole(task.alternative), choiceGroup: task.choiceGroup, klik: task.klik,
            tooltip: catalog.tooltip(for: task, labels: labels),
            details: catalog.details(of: task, labels: labels),
            dependencies: task.dependencies.map { dependency in
                let coordinated = catalog.coordinations.contains { $0.contains(task.id, dependency) }
                return DependencyContent(key: TaskKey(dependency), label: dependency, kind: coordinated ? .coordination : .precedence)
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
    /// A task's whole row, each field with its label: aktivitet, værktøj, the roles with their
    /// definitions, kommentar, links and references.
    public func details(of task: TaskDefinition, labels: LabelSet = .builtIn(), roleNames: (String, String)? = nil) -> [Detail] {
        func definition(_ ref: RoleRef) -> String? { roles.first { $0.id == ref.role }.map(\.definition).flatMap { $0.isEmpty ? nil : $0 } }
        var rows = [Detail(label: labels.text("viewer.activity"), value: task.activity)]
        if !task.tool.isEmpty { rows.append(Detail(label: labels.text("viewer.tool"), value: task.tool)) }
        rows.append(Detail(label: labels.text("checklist.responsible"), value: roleNames?.0 ?? name(of: task.responsible, labels: labels),
                           note: definition(task.responsible)))
        rows.append(Detail(label: labels.text("checklist.performer"), value: roleNames?.1 ?? name(of: task.performer, labels: labels),
                           note: definition(task.performer)))
        if !task.comment.isEmpty { rows.append(Detail(label: labels.text("viewer.comment"), value: task.comment)) }
        let links = task.links + task.references.compactMap { id in references.first { $0.id == id }.map { $0.link.isEmpty ? $0.title : "\($0.title): \($0.link)" } }
        if !links.isEmpty { rows.append(Detail(label: labels.text("viewer.links"), value: links.joined(separator: "\n"))) }
        return rows.filter { !$0.value.isEmpty }
    }

    /// The full text a reader gets when pointing at a box: activity, roles, tool, dependencies.
    public func tooltip(for task: TaskDefinition, labels: LabelSet = .builtIn()) -> String {
        var parts = ["\(task.id) \(task.title)", task.activity]
        parts.append(labels.text("tooltip.responsible", ["value": name(of: task.responsible, labels: labels)]))
        parts.append(labels.text("tooltip.performer", ["value": name(of: task.performer, labels: labels)]))
        if !task.tool.isEmpty { parts.append(labels.text("tooltip.tool", ["value": task.tool])) }
        let dependencies = task.dependencies.isEmpty ? labels.text("tooltip.none") : task.dependencies.joined(separator: ", ")
        parts.append(labels.text("tooltip.dependencies", ["value": dependencies]))
        if !task.comment.isEmpty { parts.append(labels.text("tooltip.comment", ["value": task.comment])) }
        return parts.filter { !$0.isEmpty }.joined(separator: "\n")
    }
}

