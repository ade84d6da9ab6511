import OIRModel

/// A plan for the built-in SF1590_A catalog with its answers as typed values, so tests can
/// change one answer at a time; `plan` is the generic `Plan` the tool reads from a plan file.
public struct SF1590APlan {
    public var kommune: String
    public var date: String?
    public var firstTime: Bool
    public var bookkeeping: BookkeepingSystem
    public var fagsystems: [Fagsystem]
    public var status: [StatusEntry]

    public init(kommune: String, date: String? = nil, firstTime: Bool = true, bookkeeping: BookkeepingSystem,
         fagsystems: [Fagsystem], status: [StatusEntry] = []) {
        self.kommune = kommune
        self.date = date
        self.firstTime = firstTime
        self.bookkeeping = bookkeeping
        self.fagsystems = fagsystems
        self.status = status
    }

    public var plan: Plan {
        let bookkeepingInstance = SystemInstance(system: "bogføringssystem", name: bookkeeping.name, answers: [
            "første_gang": .yesNo(bookkeeping.firstTime), "myndighed": .name(bookkeeping.authority),
        ])
        let fagsystemInstances = fagsystems.map { f in
            SystemInstance(system: "fagsystem", name: f.name, answers: [
                "første_gang": .yesNo(f.firstTime),
                "leverance": .words(Delivery.allCases.filter(f.deliveries.contains).map(\.rawValue)),
                "sortiment": .word(f.assortment.rawValue),
                "supplement": .yesNo(f.supplement),
                "produktionsverifikation": .yesNo(f.productionVerification),
                "myndighed": .name(f.authority),
            ])
        }
        return Plan(kommune: kommune, date: date, answers: ["første_gang": .yesNo(firstTime)],
                    systems: [bookkeepingInstance] + fagsystemInstances, status: status)
    }

    public func scope(_ catalog: Catalog) throws -> ScopedPlan {
        try plan.scope(catalog)
    }
}

public struct BookkeepingSystem {
    public var name: String
    public var firstTime = true
    public var authority: String

    public init(name: String, firstTime: Bool = true, authority: String) {
        self.name = name
        self.firstTime = firstTime
        self.authority = authority
    }
}

public struct Fagsystem {
    public var name: String
    public var firstTime = true
    public var deliveries: Set<Delivery>
    public var assortment: Assortment
    public var supplement = false
    public var productionVerification = false
    public var authority: String

    public init(name: String, firstTime: Bool = true, deliveries: Set<Delivery>, assortment: Assortment, supplement: Bool = false,
                productionVerification: Bool = false, authority: String) {
        self.name = name
        self.firstTime = firstTime
        self.deliveries = deliveries
        self.assortment = assortment
        self.supplement = supplement
        self.productionVerification = productionVerification
        self.authority = authority
    }
}

public enum Delivery: String, CaseIterable, Sendable {
    case immediate = "straks"
    case bulk = "masse"
}

public enum Assortment: String, Sendable {
    case subscription = "abonnement"
    case manual = "manuel"
}
