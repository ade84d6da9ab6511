import OIRModel

extension DiagramContent {
    /// The diagram of one kommune's plan: the official bands, but only the included tasks,
    /// per-fagsystem work in one lane per fagsystem, the systems named after the plan, status
    /// on every box, and dependencies outside the plan drawn as satisfied stubs.
    public static func plan(_ scoped: ScopedPlan, catalog: Catalog) -> DiagramContent {
        let plan = scoped.plan
        let structure = catalog.structure
        let slots = PlanLane.order(plan, catalog: catalog)
        let partyOf = Dictionary(catalog.tasks.map { ($0.id, catalog.party(of: $0)?.id ?? $0.party) }, uniquingKeysWith: { a, _ in a })
        let position = Dictionary(catalog.tasks.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var bands: [BandContent] = []
        for (bandIndex, band) in structure.bands.enumerated() {
            let members = scoped.instances.filter { structure.band(ofFrequency: $0.task.frequency) == bandIndex }
            var byLane: [PlanLane: [TaskInstance]] = [:]
            for instance in members {
                byLane[PlanLane(party: partyOf[instance.id] ?? instance.task.party, instance: instance.fagsystem), default: []].append(instance)
            }
            var lanes: [LaneContent] = []
            for slot in slots {
                // Catalog order inside a lane, whatever the checklist's dependency order.
                guard let instances = byLane[slot.lane] else { continue }
                let items = instances.sorted { (position[$0.id] ?? 0) < (position[$1.id] ?? 0) }
                    .map { item($0, scoped: scoped, catalog: catalog, party: slot.lane.party) }
                lanes.append(LaneContent(id: "\(band.id)-\(slot.lane.id)", label: slot.label, party: slot.lane.party,
                                         tone: structure.party(slot.lane.party)?.tone ?? 1, items: items))
            }
            if !lanes.isEmpty { bands.append(BandContent(label: band.name.text("da"), lanes: lanes)) }
        }

        let integration = catalog.integration
        var facts: [String] = []
        if let date = plan.date { facts.append("Plan pr. \(date)") }
        for system in structure.plan.systems {
            let names = plan.instances(of: system.id).map(\.name)
            let party = structure.party(forSystem: system.id)
            let label = (names.count == 1 ? party?.name : party?.plural ?? party?.name)?.text("da") ?? system.id
            facts.append("\(label): \(names.joined(separator: ", "))")
        }
        let counts = [(Progress.done, "udført"), (.inProgress, "i gang"), (.ready, "klar"), (.blocked, "blokeret")]
        facts.append("\(scoped.instances.count) opgaver: " + counts.map { "\(scoped.count($0.0)) \($0.1)" }.joined(separator: ", "))

        var content = DiagramContent(
            name: "\(plan.fileName)-plan",
            title: "\(plan.kommune) – implementeringsplan for \(integration.id)" + (plan.date.map { " (\($0))" } ?? ""),
            subtitle: facts.joined(separator: "  ·  "),
            link: integration.link,
            summary: "Implementeringsplan for \(plan.kommune): \(scoped.instances.count) opgaver for \(integration.id) i baner efter hvem der udfører dem, med status for hver opgave.",
            bands: bands,
            columns: columns(catalog),
            variants: variants(catalog)
        )
        content.showsStatus = true
        if let repeated = structure.plan.repeatedSystem, !plan.instances(of: repeated.id).isEmpty {
            content.notes.append("Opgaver der gøres pr. \(repeated.id) står i \(repeated.id)ets egne baner; et input fra en anden bane er samme \(repeated.id)s opgave.")
        }
        let outside = Set(scoped.instances.flatMap(\.satisfiedOutsidePlan))
        if !outside.isEmpty {
            content.notes.append("Grøn stub med ✓ (fx «\(outside.sorted()[0]) ✓»): afhængigheden er ikke med i planen – ikke relevant for kommunens valg, eller udført tidligere (første_gang: false) – og regnes som opfyldt.")
        }
        return content
    }

    private static func item(_ instance: TaskInstance, scoped: ScopedPlan, catalog: Catalog, party: String) -> ItemContent {
        let task = instance.task
        var dependencies: [DependencyContent] = []
        var requirements = instance.requirements[...]
        for dependency in task.dependencies {
            if let partner = instance.coordinatedWith, catalog.coordinationPartner(of: task.id) == dependency {
                dependencies.append(DependencyContent(key: partner, label: dependency, kind: .coordination))
                continue
            }
            guard let requirement = requirements.first, requirement.taskID == dependency else { continue }
            requirements = requirements.dropFirst()
            if let first = requirement.keys.first {
                // A once-task waiting for per-fagsystem work gets one stub for all fagsystems.
                dependencies.append(DependencyContent(key: first, label: dependency, kind: .precedence))
            } else {
                dependencies.append(DependencyContent(key: nil, label: "\(dependency) ✓", kind: .satisfied))
            }
        }
        return ItemContent(
            key: instance.key, taskID: task.id, title: task.title, kind: task.kind, variant: task.variant,
            party: party,
            // The plan has made the choice, met the condition or opted in: the box is plain work.
            role: .normal, choiceGroup: nil, klik: task.klik, status: TaskStatusMark(instance.progress),
            tooltip: tooltip(instance, scoped: scoped, catalog: catalog),
            dependencies: dependencies
        )
    }

    private static func tooltip(_ instance: TaskInstance, scoped: ScopedPlan, catalog: Catalog) -> String {
        var parts = [instance.key, catalog.tooltip(for: instance.task)]
        let keys = instance.dependencyKeys + instance.satisfiedOutsidePlan.map { "\($0) (uden for planen, regnes som opfyldt)" }
        parts.append("I planen afhænger af: \(keys.isEmpty ? "–" : keys.joined(separator: ", "))")
        if let partner = instance.coordinatedWith { parts.append("Koordineres med: \(partner)") }
        parts.append("Status: \(instance.progress.label)")
        return parts.joined(separator: "\n")
    }
}

/// A lane of a plan diagram: one party, and for per-instance work the instance (a fagsystem).
struct PlanLane: Hashable {
    var party: String
    var instance: String?

    var id: String {
        party + (instance.map { "-" + $0 } ?? "")
    }

    /// The lanes top to bottom as the catalog's `plan → baner` orders them, with their labels.
    static func order(_ plan: Plan, catalog: Catalog) -> [(lane: PlanLane, label: String)] {
        let structure = catalog.structure
        var lanes: [(PlanLane, String)] = []
        for rule in structure.plan.lanes {
            switch rule {
            case let .once(party):
                lanes.append((PlanLane(party: party, instance: nil), onceLabel(party, plan: plan, catalog: catalog)))
            case let .perInstance(system, parties):
                for instance in plan.instances(of: system) {
                    for party in parties {
                        lanes.append((PlanLane(party: party, instance: instance.name),
                                      instanceLabel(party, instance: instance, plan: plan, catalog: catalog)))
                    }
                }
            }
        }
        return lanes
    }

    /// "Myndighed: Eksempel Kommune", "Fagsystemerne", "Økonomisystem X".
    private static func onceLabel(_ partyID: String, plan: Plan, catalog: Catalog) -> String {
        guard let party = catalog.structure.party(partyID) else { return partyID }
        let name = party.name.text("da")
        guard let system = party.system.flatMap(catalog.structure.plan.system) else { return "\(name): \(plan.kommune)" }
        let named = plan.instances(of: system.id)
        if system.repeated || named.count != 1 { return (party.plural ?? party.name).text("da") }
        return named[0].name
    }

    /// "Fagsystem: A", "Økonomisystem X for A", "Myndighed for A".
    private static func instanceLabel(_ partyID: String, instance: SystemInstance, plan: Plan, catalog: Catalog) -> String {
        guard let party = catalog.structure.party(partyID) else { return partyID }
        let name = party.name.text("da")
        if party.system == instance.system { return "\(name): \(instance.name)" }
        if let system = party.system, catalog.structure.plan.system(system)?.repeated == false {
            let named = plan.instances(of: system)
            if named.count == 1 { return "\(named[0].name) for \(instance.name)" }
        }
        return "\(name) for \(instance.name)"
    }
}

extension TaskStatusMark {
    init(_ progress: Progress) {
        switch progress {
        case .done: self = .done
        case .inProgress: self = .inProgress
        case .ready: self = .ready
        case .blocked: self = .blocked
        }
    }
}

extension Progress {
    /// The word the diagram uses.
    var label: String {
        switch self {
        case .done: "udført"
        case .inProgress: "i gang"
        case .ready: "klar til start"
        case .blocked: "blokeret"
        }
    }
}


