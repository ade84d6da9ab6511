import Foundation
import OIRModel
import OIRSupport

extension DiagramContent {
    /// The diagram of one kommune's plan: the official bands, but only the included tasks,
    /// per-fagsystem work in one lane per fagsystem, the systems named after the plan, status
    /// on every box, and dependencies outside the plan drawn as satisfied stubs.
    public static func plan(_ scoped: ScopedPlan, catalog: Catalog, labels: LabelSet = .builtIn(),
                            options: PlanDiagramOptions = PlanDiagramOptions()) -> DiagramContent {
        let plan = scoped.plan
        let structure = catalog.structure
        let analysis = scoped.analysis(on: options.day.of(plan))
        let bands = planBands(scoped, catalog: catalog, labels: labels, extras: BoxExtras(analysis: analysis, options: options))
        let integration = catalog.integration
        let facts = planFacts(scoped, catalog: catalog, labels: labels)

        var content = DiagramContent(
            name: "\(plan.fileName)-plan",
            title: labels.text(plan.date == nil ? "plan.title" : "plan.title.dated",
                               ["kommune": plan.kommune, "integration": integration.id, "date": plan.date ?? ""]),
            subtitle: facts.joined(separator: "  ·  "),
            link: integration.link,
            summary: labels.text("plan.summary", ["kommune": plan.kommune, "count": String(scoped.instances.count), "integration": integration.id]),
            bands: bands,
            columns: columns(catalog, labels: labels),
            variants: variants(catalog, labels: labels),
            labels: labels
        )
        content.showsStatus = true
        content.date = plan.day ?? CalendarDay(integration.date)
        content.timeline = TimelineContent.make(scoped, analysis: analysis, baseline: options.baseline?.kommune(plan.kommune) ?? plan.baseline)
        content.headings = [
            .baner: ViewHeading(name: content.name, title: content.title),
            .tidsplan: ViewHeading(name: "\(plan.fileName)-tidsplan",
                               title: labels.text(plan.date == nil ? "timeline.title" : "timeline.title.dated",
                                                  ["kommune": plan.kommune, "integration": integration.id, "date": plan.date ?? ""])),
        ]
        if options.view == .tidsplan, let heading = content.headings[.tidsplan] {
            // The view is asked for even without a schedule: the caller refuses it (checkTimeline).
            content.view = .tidsplan
            content.name = heading.name
            content.title = heading.title
        }
        if let repeated = structure.plan.repeatedSystem, !plan.instances(of: repeated.id).isEmpty {
            let system = catalog.systems.first { $0.id == repeated.id }
            // The system as a noun inside a sentence ("per case system"), from the catalog's name.
            let name = system.map { PlanLane.inSentence($0.name) } ?? repeated.id
            content.notes.append(labels.text("plan.note.instances", ["system": name, "definite": system?.definite ?? name]))
        }
        let outside = Set(scoped.instances.flatMap(\.satisfiedOutsidePlan))
        if let example = outside.sorted().first {
            content.notes.append(labels.text("plan.note.satisfied", ["example": example]))
        }
        return content
    }

    /// The official bands with the plan's lanes: for every band, the plan's lane rules in order,
    /// each lane holding its instances in catalog order; empty lanes and bands are left out.
    private static func planBands(_ scoped: ScopedPlan, catalog: Catalog, labels: LabelSet, extras: BoxExtras) -> [BandContent] {
        let plan = scoped.plan
        let structure = catalog.structure
        let language = labels.language.rawValue
        let slots = PlanLane.order(plan, catalog: catalog, labels: labels)
        let partyOf = Dictionary(catalog.tasks.map { ($0.id, catalog.party(of: $0)?.id ?? $0.party) }, uniquingKeysWith: { a, _ in a })
        let position = Dictionary(catalog.tasks.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        // The lanes first, then every box at once: a box depends on its task and the plan only
        // (on every core; a large plan has thousands), and a task's catalog tooltip is the same
        // for all its instances.
        var shapes: [(band: Int, lanes: [(slot: (lane: PlanLane, label: String), instances: [TaskInstance])])] = []
        for bandIndex in structure.bands.indices {
            let members = scoped.instances.filter { structure.band(ofFrequency: $0.task.frequency) == bandIndex }
            var byLane: [PlanLane: [TaskInstance]] = [:]
            for instance in members {
                byLane[PlanLane(party: partyOf[instance.id] ?? instance.task.party, instance: instance.instanceName), default: []].append(instance)
            }
            // Catalog order inside a lane, whatever the checklist's dependency order.
            let lanes = slots.compactMap { slot in
                byLane[slot.lane].map { (slot: slot, instances: $0.sorted { (position[$0.id] ?? 0) < (position[$1.id] ?? 0) }) }
            }
            if !lanes.isEmpty { shapes.append((bandIndex, lanes)) }
        }
        let work = shapes.flatMap { $0.lanes.flatMap { lane in lane.instances.map { ($0, lane.slot.lane.party) } } }
        let tooltips = Dictionary(Set(work.map(\.0.id)).compactMap { id in catalog.task(id).map { (id, catalog.tooltip(for: $0, labels: labels)) } },
                                  uniquingKeysWith: { a, _ in a })
        let made = work.concurrentMap { instance, party in
            extras.add(to: item(instance, scoped: scoped, catalog: catalog, party: party, labels: labels,
                                taskTooltip: tooltips[instance.id] ?? catalog.tooltip(for: instance.task, labels: labels)),
                       instance, scoped, labels)
        }
        var bands: [BandContent] = [], next = 0
        for (bandIndex, lanes) in shapes {
            let band = structure.bands[bandIndex]
            var contents: [LaneContent] = []
            for (slot, instances) in lanes {
                contents.append(LaneContent(id: "\(band.id)-\(slot.lane.id)", label: slot.label, party: slot.lane.party,
                                            tone: structure.party(slot.lane.party)?.tone ?? 1, items: Array(made[next..<next + instances.count])))
                next += instances.count
            }
            bands.append(BandContent(label: band.name.text(language), lanes: contents))
        }
        return bands
    }

    /// The header's facts: the plan's date, its systems, and a count per progress.
    private static func planFacts(_ scoped: ScopedPlan, catalog: Catalog, labels: LabelSet) -> [String] {
        let plan = scoped.plan, structure = catalog.structure, language = labels.language.rawValue
        var facts: [String] = []
        // The date is in the title already.
        for system in structure.plan.systems {
            let names = plan.instances(of: system.id).map(\.name)
            let party = structure.party(forSystem: system.id)
            let label = (names.count == 1 ? party?.name : party?.plural ?? party?.name)?.text(language) ?? system.id
            facts.append(labels.text("plan.systems", ["label": label, "names": names.joined(separator: ", ")]))
        }
        facts.append(labels.text("plan.counts", [
            "total": String(scoped.instances.count), "done": String(scoped.count(.done)), "in_progress": String(scoped.count(.inProgress)),
            "ready": String(scoped.count(.ready)), "blocked": String(scoped.count(.blocked)),
        ]))
        return facts
    }

    private static func item(_ instance: TaskInstance, scoped: ScopedPlan, catalog: Catalog, party: String, labels: LabelSet,
                             taskTooltip: String) -> ItemContent {
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
                // A once-task waiting for per-fagsystem work gets one stub for all fagsystems,
                // met when one or every fagsystem's is done, as the task waits.
                let done = { (key: TaskKey) in scoped.instance(key)?.status == .done }
                let met = task.instanceWait == .any ? requirement.keys.contains(where: done) : requirement.keys.allSatisfy(done)
                dependencies.append(DependencyContent(key: first, label: dependency, kind: .precedence, met: met))
            } else {
                dependencies.append(DependencyContent(key: nil, label: labels.text("satisfied.mark", ["id": dependency]), kind: .satisfied))
            }
        }
        return ItemContent(
            key: instance.key, taskID: task.id, title: task.title, kind: task.kind, variant: task.variant,
            party: party,
            // The plan has made the choice, met the condition or opted in: the box is plain work.
            role: .normal, choiceGroup: nil, klik: task.klik, status: instance.progress,
            tooltip: tooltip(instance, taskTooltip: taskTooltip, labels: labels),
            details: catalog.details(of: task, labels: labels,
                                     roleNames: (scoped.roleName(task.responsible, instance, catalog, labels),
                                                 scoped.roleName(task.performer, instance, catalog, labels)))
                + [Detail(label: labels.text("checklist.status"), value: labels.text("progress.\(instance.progress.name)"))],
            dependencies: dependencies
        )
    }

    private static func tooltip(_ instance: TaskInstance, taskTooltip: String, labels: LabelSet) -> String {
        var parts = [instance.key.description, taskTooltip]
        let keys = instance.dependencyKeys.map(\.description) + instance.satisfiedOutsidePlan.map { labels.text("tooltip.outside_plan", ["id": $0]) }
        parts.append(labels.text("tooltip.plan_dependencies", ["value": keys.isEmpty ? labels.text("tooltip.none") : keys.joined(separator: ", ")]))
        if let partner = instance.coordinatedWith { parts.append(labels.text("tooltip.coordinated", ["value": partner.description])) }
        parts.append(labels.text("tooltip.status", ["value": labels.text("progress.\(instance.progress.name)")]))
        return parts.joined(separator: "\n")
    }
}

/// What a plan diagram shows besides the tasks.
public struct PlanDiagramOptions: Sendable, Equatable {
    /// The day the plan is looked at: open tasks past their frist are marked overdue.
    public var day: PlanDay
    /// Boxes name the people who answer for and do each task.
    public var showPeople: Bool
    /// Swimlanes, or the timeline.
    public var view: DiagramView
    /// A frozen schedule the timeline draws under each bar.
    public var baseline: Baseline?

    public init(day: PlanDay = .now(), showPeople: Bool = false, view: DiagramView = .baner, baseline: Baseline? = nil) {
        self.day = day
        self.showPeople = showPeople
        self.view = view
        self.baseline = baseline
    }
}

/// The lines a plan adds under a box's status: its frist (marked when overdue) and its people.
struct BoxExtras {
    let analysis: PlanAnalysis
    let options: PlanDiagramOptions

    func add(to item: ItemContent, _ instance: TaskInstance, _ plan: ScopedPlan, _ labels: LabelSet) -> ItemContent {
        var item = item
        let entry = plan.entry(instance.key)
        if instance.status != .done, let deadline = entry?.deadline {
            item.overdue = analysis.overdue.contains(instance.key)
            item.projectedLate = !item.overdue && (analysis.schedule?.earliestFinish[instance.key].map { $0 > deadline } ?? false)
            item.notes.append(labels.text(item.overdue ? "box.overdue" : "box.deadline", ["date": deadline.description]))
        }
        let responsible = analysis.responsiblePerson[instance.key], performer = analysis.performerPerson[instance.key]
        if options.showPeople {
            if let responsible { item.notes.append(labels.text("box.responsible", ["name": responsible.name])) }
            if let performer { item.notes.append(labels.text("box.performer", ["name": performer.name])) }
        }
        // The viewer's panel shows the whole row: the people, the frist and the note too.
        if let responsible { item.details.append(Detail(label: labels.text("detail.responsible_person"), value: responsible.label, note: responsible.email)) }
        if let performer { item.details.append(Detail(label: labels.text("detail.performer_person"), value: performer.label, note: performer.email)) }
        if let deadline = entry?.deadline {
            item.details.append(Detail(label: labels.text("checklist.deadline"),
                                       value: deadline.description + (item.overdue ? " (\(labels.text("checklist.overdue")))" : "")))
        }
        if let note = entry?.note { item.details.append(Detail(label: labels.text("checklist.note"), value: note)) }
        return item
    }
}

/// A lane of a plan diagram: one party, and for per-instance work the instance (a fagsystem).
struct PlanLane: Hashable {
    var party: String
    var instance: String?

    var id: String {
        party + (instance.map { "-" + $0 } ?? "")
    }

    /// A name as it stands inside a sentence: "Økonomisystem" → "økonomisystem"; a name that
    /// starts with an abbreviation ("SFTP-server") keeps its capitals.
    static func inSentence(_ name: String) -> String {
        let scalars = Array(name.unicodeScalars.prefix(2))
        guard scalars.count == 2, CharacterSet.uppercaseLetters.contains(scalars[0]), CharacterSet.lowercaseLetters.contains(scalars[1]) else { return name }
        return name.prefix(1).lowercased() + name.dropFirst()
    }

    /// The lanes top to bottom as the catalog's `plan → baner` orders them, with their labels.
    static func order(_ plan: Plan, catalog: Catalog, labels: LabelSet) -> [(lane: PlanLane, label: String)] {
        let structure = catalog.structure
        var lanes: [(PlanLane, String)] = []
        for rule in structure.plan.lanes {
            switch rule {
            case let .once(party):
                lanes.append((PlanLane(party: party, instance: nil), onceLabel(party, plan: plan, catalog: catalog, labels: labels)))
            case let .perInstance(system, parties):
                for instance in plan.instances(of: system) {
                    for party in parties {
                        lanes.append((PlanLane(party: party, instance: instance.name),
                                      instanceLabel(party, instance: instance, plan: plan, catalog: catalog, labels: labels)))
                    }
                }
            }
        }
        return lanes
    }

    /// "Myndighed: Eksempel Kommune", "Fagsystemerne", "Økonomisystem X".
    private static func onceLabel(_ partyID: String, plan: Plan, catalog: Catalog, labels: LabelSet) -> String {
        guard let party = catalog.structure.party(partyID) else { return partyID }
        let language = labels.language.rawValue
        let name = party.name.text(language)
        // The roles without a system are the kommune's own; a party whose system the plan does
        // not name (an auditor, a supplier) is shown by its own name.
        guard party.system != nil else { return labels.text("lane.kommune", ["party": name, "kommune": plan.kommune]) }
        guard let system = party.system.flatMap(catalog.structure.plan.system) else { return name }
        let named = plan.instances(of: system.id)
        if system.repeated || named.count != 1 { return (party.plural ?? party.name).text(language) }
        return named[0].name
    }

    /// "Fagsystem: A", "Økonomisystem X for A", "Myndighed for A".
    private static func instanceLabel(_ partyID: String, instance: SystemInstance, plan: Plan, catalog: Catalog, labels: LabelSet) -> String {
        guard let party = catalog.structure.party(partyID) else { return partyID }
        let name = party.name.text(labels.language.rawValue)
        if party.system == instance.system { return labels.text("lane.own", ["party": name, "name": instance.name]) }
        if let system = party.system, catalog.structure.plan.system(system)?.repeated == false {
            let named = plan.instances(of: system)
            if named.count == 1 { return labels.text("lane.for", ["name": named[0].name, "instance": instance.name]) }
        }
        return labels.text("lane.for", ["name": name, "instance": instance.name])
    }
}

