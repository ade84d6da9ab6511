import OIRModel

extension DiagramContent {
    /// The diagram of one kommune's plan: the official bands, but only the included tasks,
    /// per-fagsystem work in one lane per fagsystem, the systems named after the plan, status
    /// on every box, and dependencies outside the plan drawn as satisfied stubs.
    public static func plan(_ scoped: ScopedPlan, catalog: Catalog) -> DiagramContent {
        let plan = scoped.plan
        var bands: [BandContent] = []
        for band in BandLayout.standard {
            let members = scoped.instances.filter { band.frequencies.contains($0.task.frequency) }
            var lanes: [LaneContent] = []
            for slot in PlanLane.order(plan) {
                // Catalog order inside a lane, whatever the checklist's dependency order.
                let items = members.filter { PlanLane(of: $0) == slot }
                    .sorted { catalog.index(of: $0.id) < catalog.index(of: $1.id) }
                    .map { item($0, scoped: scoped, catalog: catalog, party: slot.party) }
                guard !items.isEmpty else { continue }
                lanes.append(LaneContent(id: "\(band.id)-\(slot.id)", label: slot.label(plan), party: slot.party, items: items))
            }
            if !lanes.isEmpty { bands.append(BandContent(label: band.label, lanes: lanes)) }
        }

        let integration = catalog.integration
        var facts: [String] = []
        if let date = plan.date { facts.append("Plan pr. \(date)") }
        facts.append("Bogføringssystem: \(plan.bookkeeping.name)")
        facts.append("\(plan.fagsystems.count == 1 ? "Fagsystem" : "Fagsystemer"): \(plan.fagsystems.map(\.name).joined(separator: ", "))")
        let counts = [(Progress.done, "udført"), (.inProgress, "i gang"), (.ready, "klar"), (.blocked, "blokeret")]
        facts.append("\(scoped.instances.count) opgaver: " + counts.map { "\(scoped.count($0.0)) \($0.1)" }.joined(separator: ", "))

        var content = DiagramContent(
            name: "\(plan.fileName)-plan",
            title: "\(plan.kommune) – implementeringsplan for \(integration.id)" + (plan.date.map { " (\($0))" } ?? ""),
            subtitle: facts.joined(separator: "  ·  "),
            link: integration.link,
            summary: "Implementeringsplan for \(plan.kommune): \(scoped.instances.count) opgaver for \(integration.id) i baner efter hvem der udfører dem, med status for hver opgave.",
            bands: bands
        )
        content.showsStatus = true
        if !plan.fagsystems.isEmpty {
            content.notes.append("Opgaver der gøres pr. fagsystem står i fagsystemets egne baner; et input fra en anden bane er samme fagsystems opgave.")
        }
        let outside = Set(scoped.instances.flatMap(\.satisfiedOutsidePlan))
        if !outside.isEmpty {
            content.notes.append("Grøn stub med ✓ (fx «\(outside.sorted()[0]) ✓»): afhængigheden er ikke med i planen – ikke relevant for kommunens valg, eller udført tidligere (første_gang: false) – og regnes som opfyldt.")
        }
        return content
    }

    private static func item(_ instance: TaskInstance, scoped: ScopedPlan, catalog: Catalog, party: Party) -> ItemContent {
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

/// A lane of a plan diagram: one side (authority, fagsystem, bogføringssystem), and for
/// per-fagsystem work the fagsystem.
struct PlanLane: Equatable {
    var party: Party
    var fagsystem: String?

    /// A box sits with its performer, as in the official diagram.
    init(of instance: TaskInstance) {
        switch instance.task.performer.system {
        case nil: party = .authority
        case "fagsystem"?: party = .fagsystem
        case "bogføringssystem"?: party = .bookkeeping
        case _?: party = instance.task.party
        }
        fagsystem = instance.fagsystem
    }

    init(party: Party, fagsystem: String?) {
        self.party = party
        self.fagsystem = fagsystem
    }

    /// Top to bottom: the authority, then each fagsystem with the bogføringssystem's work for it
    /// right below (so a stub's source is in the neighbouring lane), then the once-work.
    static func order(_ plan: Plan) -> [PlanLane] {
        var lanes = [PlanLane(party: .authority, fagsystem: nil)]
        for fagsystem in plan.fagsystems {
            lanes.append(PlanLane(party: .fagsystem, fagsystem: fagsystem.name))
            lanes.append(PlanLane(party: .bookkeeping, fagsystem: fagsystem.name))
            lanes.append(PlanLane(party: .authority, fagsystem: fagsystem.name))
        }
        lanes.append(PlanLane(party: .fagsystem, fagsystem: nil))
        lanes.append(PlanLane(party: .bookkeeping, fagsystem: nil))
        return lanes
    }

    var id: String {
        party.rawValue + (fagsystem.map { "-" + $0 } ?? "")
    }

    func label(_ plan: Plan) -> String {
        switch (party, fagsystem) {
        case (.authority, nil): "Myndighed: \(plan.kommune)"
        case let (.authority, f?): "Myndighed for \(f)"
        case let (.fagsystem, f?): "Fagsystem: \(f)"
        case (.fagsystem, nil): "Fagsystemerne"
        case let (.bookkeeping, f?): "\(plan.bookkeeping.name) for \(f)"
        case (.bookkeeping, nil): plan.bookkeeping.name
        }
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

extension Catalog {
    /// The task's position in the catalog, for keeping document order.
    func index(of id: TaskID) -> Int {
        tasks.firstIndex { $0.id == id } ?? tasks.count
    }
}
