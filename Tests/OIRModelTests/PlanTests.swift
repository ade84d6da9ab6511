import OIRModel
import OIRTestSupport
import XCTest

/// Scoping a plan: the inclusion rules of issue 3 (each both ways), instance dependencies,
/// readiness, the coordination pair and the dependency order.
final class PlanTests: XCTestCase {
    private var catalog: Catalog!

    override func setUpWithError() throws {
        catalog = try Catalog.builtIn()
    }

    /// A kommune with one fagsystem "A": first time everywhere, Straksleverance, subscribed
    /// sortiment, one myndighed; `change` adjusts it.
    private func plan(_ change: (inout SF1590APlan, inout Fagsystem) -> Void = { _, _ in }) -> SF1590APlan {
        var fagsystem = Fagsystem(name: "A", deliveries: [.immediate], assortment: .subscription, authority: "K")
        var plan = SF1590APlan(kommune: "K", bookkeeping: BookkeepingSystem(name: "B", authority: "K"), fagsystems: [])
        change(&plan, &fagsystem)
        plan.fagsystems.insert(fagsystem, at: 0)
        return plan
    }

    private func keys(_ plan: SF1590APlan) throws -> Set<TaskKey> {
        Set(try plan.scope(catalog).instances.map(\.key))
    }

    /// Asserts that `key` is in the plan made by `yes` and not in the one made by `no`.
    private func assertRule(_ key: TaskKey, in yes: SF1590APlan, notIn no: SF1590APlan, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertTrue(try keys(yes).contains(key), "\(key) should be included", file: file, line: line)
        XCTAssertFalse(try keys(no).contains(key), "\(key) should be left out", file: file, line: line)
    }

    // MARK: Inclusion rules

    func testEveryBuiltInTaskIsNeededBySomeSituation() throws {
        let situations = [
            plan(),
            plan { p, f in f.deliveries = [.bulk]; f.assortment = .manual; f.supplement = true; f.productionVerification = true
                p.bookkeeping.authority = "Anden" },
        ]
        let ids = Set(try situations.flatMap { try keys($0) }.map(\.task))
        XCTAssertEqual(ids, Set(catalog.tasks.map(\.id)))
    }

    func testKommuneTasksOnlyTheFirstTime() throws {
        for id in ["FM001", "FM002", "FM003"] as [TaskKey] {
            try assertRule(id, in: plan(), notIn: plan { p, _ in p.firstTime = false })
        }
    }

    func testBookkeepingTasksOnlyTheFirstTime() throws {
        for id in ["FB200", "FB201", "FB202", "FB203", "TB200", "TB201", "TB202", "TB203"] as [TaskKey] {
            try assertRule(id, in: plan(), notIn: plan { p, _ in p.bookkeeping.firstTime = false })
        }
    }

    func testOnceTasksAreKeyedByIDAndPerFagsystemTasksByFagsystem() throws {
        let all = try keys(plan())
        XCTAssertTrue(all.contains("FM001"))
        XCTAssertTrue(all.contains("TB200"))
        XCTAssertTrue(all.contains("TF108@A"))
        XCTAssertTrue(all.contains("FB205@A"))
        XCTAssertTrue(all.contains("FF100@A"))
        XCTAssertFalse(all.contains("TF108"))
    }

    func testFagsystemFirstTimeTasks() throws {
        for id in ["FF100@A", "TF102@A"] as [TaskKey] {
            try assertRule(id, in: plan(), notIn: plan { _, f in f.firstTime = false })
        }
    }

    func testTF100NeedsFirstTimeAndMasseleveranceOrSubscription() throws {
        try assertRule("TF100@A", in: plan(), notIn: plan { _, f in f.assortment = .manual })
        try assertRule("TF100@A", in: plan { _, f in f.assortment = .manual; f.deliveries = [.bulk] },
                       notIn: plan { _, f in f.assortment = .manual; f.deliveries = [.immediate] })
        try assertRule("TF100@A", in: plan { _, f in f.deliveries = [.bulk] },
                       notIn: plan { _, f in f.deliveries = [.bulk]; f.firstTime = false })
    }

    func testTF101NeedsFirstTimeAndSubscription() throws {
        try assertRule("TF101@A", in: plan(), notIn: plan { _, f in f.assortment = .manual })
        try assertRule("TF101@A", in: plan(), notIn: plan { _, f in f.firstTime = false })
    }

    func testAlwaysIncludedTasks() throws {
        let variants = [plan(), plan { p, f in p.firstTime = false; p.bookkeeping.firstTime = false; f.firstTime = false
            f.deliveries = [.bulk]; f.assortment = .manual }]
        for variant in variants {
            let all = try keys(variant)
            for id in ["FF101", "TF103", "TF105", "TF106", "TB204", "TB208"] {
                XCTAssertTrue(all.contains(TaskKey(id, instance: "A")), "\(id) is part of every connection")
            }
        }
    }

    func testDataExchangeAgreementOnlyBetweenDifferentAuthorities() throws {
        for id in ["FF102@A", "FB204@A"] as [TaskKey] {
            try assertRule(id, in: plan { _, f in f.authority = "Fællesskab" }, notIn: plan())
            try assertRule(id, in: plan { p, _ in p.bookkeeping.authority = "Anden Kommune" }, notIn: plan())
        }
    }

    func testSupplementAndProductionVerification() throws {
        try assertRule("TF104@A", in: plan { _, f in f.supplement = true }, notIn: plan())
        for id in ["TF107@A", "TB205@A"] as [TaskKey] {
            try assertRule(id, in: plan { _, f in f.productionVerification = true }, notIn: plan())
        }
    }

    func testStraksleveranceTasks() throws {
        for id in ["TF108@A", "TF109@A", "TF110@A", "TF111@A", "FB205@A", "TB206@A"] as [TaskKey] {
            try assertRule(id, in: plan { _, f in f.deliveries = [.immediate, .bulk] }, notIn: plan { _, f in f.deliveries = [.bulk] })
        }
    }

    func testMasseleveranceTasks() throws {
        for id in ["TF112@A", "TB207@A"] as [TaskKey] {
            try assertRule(id, in: plan { _, f in f.deliveries = [.bulk] }, notIn: plan { _, f in f.deliveries = [.immediate] })
        }
    }

    func testSortimentChoice() throws {
        try assertRule("TF113-A@A", in: plan(), notIn: plan { _, f in f.assortment = .manual })
        try assertRule("TF113-B@A", in: plan { _, f in f.assortment = .manual }, notIn: plan())
    }

    func testEachFagsystemIsScopedByItsOwnChoices() throws {
        let p = plan { p, _ in
            p.fagsystems = [Fagsystem(name: "M", deliveries: [.bulk], assortment: .manual, authority: "K")]
        }
        let all = try keys(p)
        XCTAssertTrue(all.contains("TF108@A"))
        XCTAssertFalse(all.contains("TF108@M"))
        XCTAssertTrue(all.contains("TF112@M"))
        XCTAssertFalse(all.contains("TF112@A"))
        XCTAssertTrue(all.contains("TF113-B@M"))
        XCTAssertTrue(all.contains("TF113-A@A"))
    }

    // MARK: Instance dependencies

    private func twoFagsystems(_ status: [String: TaskStatus] = [:], authority: String = "K") -> SF1590APlan {
        plan { p, f in
            f.authority = authority
            p.fagsystems = [Fagsystem(name: "C", deliveries: [.immediate, .bulk], assortment: .manual, authority: authority)]
            p.status = status.sorted { $0.key < $1.key }.map { StatusEntry(key: TaskKey(parsing: $0.key), status: $0.value) }
        }
    }

    func testPerFagsystemTasksDependOnTheSameFagsystemsInstance() throws {
        let scoped = try twoFagsystems().scope(catalog)
        XCTAssertEqual(scoped.instance("TF109@A")?.dependencyKeys, ["TF108@A"])
        XCTAssertEqual(scoped.instance("TF109@C")?.dependencyKeys, ["TF108@C"])
        XCTAssertEqual(scoped.instance("FB205@C")?.dependencyKeys, ["TF105@C", "TF109@C", "TF111@C"])
        XCTAssertEqual(scoped.instance("TF101@A")?.dependencyKeys, ["TF113-A@A"])
    }

    func testPerFagsystemTaskDependsOnTheSingleOnceInstance() throws {
        let scoped = try twoFagsystems().scope(catalog)
        XCTAssertEqual(scoped.instance("TB207@C")?.dependencyKeys, ["TB201"])
        XCTAssertEqual(scoped.instance("TB207@C")?.instanceName, "C")
        XCTAssertNil(scoped.instance("TB201")?.instanceName)
    }

    func testOnceTaskDependsOnEveryFagsystemsInstance() throws {
        let scoped = try twoFagsystems().scope(catalog)
        XCTAssertEqual(scoped.instance("TB201")?.dependencyKeys, ["FM003", "TF105@A", "TF105@C"])
        XCTAssertEqual(scoped.instance("TB200")?.dependencyKeys, ["TF106@A", "TF106@C"])
    }

    func testDependencyOutsideThePlanIsSatisfiedAndListed() throws {
        let scoped = try plan { p, _ in p.firstTime = false }.scope(catalog)
        let tb201 = try XCTUnwrap(scoped.instance("TB201"))
        XCTAssertEqual(tb201.satisfiedOutsidePlan, ["FM003"])
        XCTAssertEqual(tb201.dependencyKeys, ["TF105@A"])
        let tf108 = try XCTUnwrap(scoped.instance("TF108@A"))
        XCTAssertEqual(tf108.satisfiedOutsidePlan, ["FF102"], "same myndighed: no data exchange agreement")
        XCTAssertEqual(tf108.dependencyKeys, [])
        XCTAssertTrue(tf108.ready)
    }

    // MARK: Coordination

    func testCoordinationPairNeitherWaitsForTheOther() throws {
        let scoped = try twoFagsystems(authority: "Fællesskab").scope(catalog)
        let ff102 = try XCTUnwrap(scoped.instance("FF102@A"))
        let fb204 = try XCTUnwrap(scoped.instance("FB204@A"))
        XCTAssertEqual(ff102.coordinatedWith, "FB204@A")
        XCTAssertEqual(fb204.coordinatedWith, "FF102@A")
        XCTAssertEqual(ff102.dependencyKeys, [])
        XCTAssertEqual(fb204.dependencyKeys, [])
        XCTAssertTrue(ff102.ready)
        XCTAssertTrue(fb204.ready)
        XCTAssertEqual(scoped.instance("TF108@A")?.dependencyKeys, ["FF102@A"])
    }

    // MARK: Readiness

    func testReadinessFollowsTheRecordedStatus() throws {
        var scoped = try twoFagsystems().scope(catalog)
        XCTAssertEqual(scoped.instance("FB201")?.progress, .ready)
        XCTAssertEqual(scoped.instance("FB202")?.progress, .blocked)
        XCTAssertEqual(scoped.instance("FB202")?.ready, false)

        scoped = try twoFagsystems(["FB201": .done, "FB202": .inProgress]).scope(catalog)
        XCTAssertEqual(scoped.instance("FB201")?.progress, .done)
        XCTAssertEqual(scoped.instance("FB201")?.ready, false, "a done task is not ready to start")
        XCTAssertEqual(scoped.instance("FB202")?.progress, .inProgress)
        XCTAssertEqual(scoped.instance("FB202")?.ready, true)
        XCTAssertEqual(scoped.instance("FB203")?.progress, .blocked, "FB202 is in progress, not done")
    }

    func testInProgressDependencyDoesNotMakeReady() throws {
        let scoped = try twoFagsystems(["TF108@A": .inProgress]).scope(catalog)
        XCTAssertEqual(scoped.instance("TF109@A")?.ready, false)
    }

    func testOnceTaskIsReadyWhenOneFagsystemHasDoneItsPart() throws {
        XCTAssertEqual(try twoFagsystems().scope(catalog).instance("TB200")?.ready, false)
        let scoped = try twoFagsystems(["TF106@C": .done]).scope(catalog)
        XCTAssertEqual(scoped.instance("TB200")?.ready, true)
        XCTAssertEqual(scoped.instance("TB201")?.ready, false, "TB201 also waits for FM003")
        let both = try twoFagsystems(["TF105@A": .done, "FM003": .done]).scope(catalog)
        XCTAssertEqual(both.instance("TB201")?.ready, true)
    }

    func testPerFagsystemReadinessIsPerFagsystem() throws {
        let scoped = try twoFagsystems(["TF108@A": .done]).scope(catalog)
        XCTAssertEqual(scoped.instance("TF109@A")?.ready, true)
        XCTAssertEqual(scoped.instance("TF109@C")?.ready, false)
    }

    // MARK: Order

    func testDependencyOrderPutsEveryInstanceAfterItsDependencies() throws {
        for p in [plan(), twoFagsystems(), twoFagsystems(authority: "Fællesskab"), plan { _, f in f.productionVerification = true; f.supplement = true }] {
            let scoped = try p.scope(catalog)
            var seen: Set<TaskKey> = []
            for instance in scoped.instances {
                for key in instance.dependencyKeys {
                    XCTAssertTrue(seen.contains(key), "\(instance.key) comes before its dependency \(key)")
                }
                seen.insert(instance.key)
            }
            XCTAssertEqual(seen.count, scoped.instances.count, "each instance once")
        }
    }

    func testCoordinationPairIsAdjacentInTheOrder() throws {
        let keys = try twoFagsystems(authority: "Fællesskab").scope(catalog).instances.map(\.key)
        for f in ["A", "C"] {
            let a = try XCTUnwrap(keys.firstIndex(of: TaskKey("FF102", instance: f)))
            let b = try XCTUnwrap(keys.firstIndex(of: TaskKey("FB204", instance: f)))
            XCTAssertEqual(abs(a - b), 1, "FF102@\(f) and FB204@\(f) stand together")
        }
    }

    func testOrderIsDeterministicAndStartsWithTheKommune() throws {
        let first = try twoFagsystems().scope(catalog).instances.map(\.key)
        let second = try twoFagsystems().scope(catalog).instances.map(\.key)
        XCTAssertEqual(first, second)
        XCTAssertEqual(Array(first.prefix(3)), ["FM001", "FM002", "FM003"])
        XCTAssertLessThan(first.firstIndex(of: "TF106@C")!, first.firstIndex(of: "TB200")!)
    }
}

/// The made-up second integration in Examples/eksempel-debitor: its own parties, variants and
/// plan questions, scoped with no Swift of its own.
final class SecondIntegrationTests: XCTestCase {
    private let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples/eksempel-debitor")

    func testItsPlanScopesByItsOwnQuestions() throws {
        let catalog = try Catalog.load(path: folder.appendingPathComponent("katalog.yaml").path)
        XCTAssertEqual(catalog.structure.parties.map(\.id), ["kommune", "fagsystem", "debitorsystem", "drift"])
        XCTAssertEqual(catalog.structure.variants.map(\.id), ["webservice", "fil"])
        let plan = try PlanFile.load(path: folder.appendingPathComponent("plan.yaml").path, catalog: catalog).plans[0]
        let scoped = try plan.scope(catalog)
        let keys = Set(scoped.instances.map(\.key))
        // Webservice only for the fagsystem that uses it, files for both; the test data choice per fagsystem.
        XCTAssertTrue(keys.isSuperset(of: ["EF104@Ydelsessystem", "EO301@Ydelsessystem", "EO301@Parkering", "EF110-B@Ydelsessystem", "EF110-A@Parkering"]))
        XCTAssertFalse(keys.contains("EF104@Parkering"), "Parkering transfers files only")
        XCTAssertFalse(keys.contains("EF110-B@Parkering"), "Parkering tests with production data")
        // A once-task under a singular system's question, and the coordination pair only with rykker.
        XCTAssertTrue(keys.contains("EO300"), "driftsleverandør ny_aftale: true")
        XCTAssertEqual(scoped.instance("EF103@Ydelsessystem")?.coordinatedWith, "ED203@Ydelsessystem")
        XCTAssertFalse(keys.contains("EF103@Parkering"))
        XCTAssertFalse(keys.contains("EF100@Parkering"), "Parkering is not connected for the first time")
        // Status of the plan file, and readiness from it.
        XCTAssertEqual(scoped.instance("EK002")?.progress, .ready)
        XCTAssertEqual(scoped.instance("ED205@Parkering")?.progress, .blocked)
    }

    func testAPlanWithAnotherCatalogsKeysIsRefusedWithTheRightKeys() throws {
        let catalog = try Catalog.load(path: folder.appendingPathComponent("katalog.yaml").path)
        let text = "kommune: K\nbogføringssystem: {navn: B}\nfagsystemer: [{navn: F, leverance: straks, sortiment: manuel}]\n"
        XCTAssertThrowsError(try PlanFile.parse(text, file: "p.yaml", catalog: catalog)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("unknown key 'bogføringssystem' in the plan"), message)
            XCTAssertTrue(message.contains("unknown key 'leverance' in a fagsystem"), message)
            XCTAssertTrue(message.contains("missing the required key 'debitorsystem'"), message)
        }
    }
}
