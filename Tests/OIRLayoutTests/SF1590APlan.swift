import OIRContent
import OIRLayout
import OIRModel
import OIRPipeline
import OIRPublish
import OIRRender
import OIRRouting

/// A plan for the built-in SF1590_A catalog with its answers as typed values, so tests can
/// change one answer at a time; `plan` is the generic `Plan` the tool reads from a plan file.
struct SF1590APlan {
    var kommune: String
    var date: String?
    var firstTime: Bool
    var bookkeeping: BookkeepingSystem
    var fagsystems: [Fagsystem]
    var status: [StatusEntry]

    init(kommune: String, date: String? = nil, firstTime: Bool = true, bookkeeping: BookkeepingSystem,
         fagsystems: [Fagsystem], status: [StatusEntry] = []) {
        self.kommune = kommune
        self.date = date
        self.firstTime = firstTime
        self.bookkeeping = bookkeeping
        self.fagsystems = fagsystems
        self.status = status
    }

    var plan: Plan {
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

    func scope(_ catalog: Catalog) throws -> ScopedPlan {
        try plan.scope(catalog)
    }
}

struct BookkeepingSystem {
    var name: String
    var firstTime = true
    var authority: String
}

struct Fagsystem {
    var name: String
    var firstTime = true
    var deliveries: Set<Delivery>
    var assortment: Assortment
    var supplement = false
    var productionVerification = false
    var authority: String
}

enum Delivery: String, CaseIterable {
    case immediate = "straks"
    case bulk = "masse"
}

enum Assortment: String {
    case subscription = "abonnement"
    case manual = "manuel"
}
