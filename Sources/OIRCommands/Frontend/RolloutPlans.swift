import OIRModel
import OIRPipeline
import OIRSupport

/// The kommuner of a plan file that a command works on: for a rollout, every kommune that can be
/// read and scoped, each one that cannot reported with all its problems, so one bad kommune never
/// stops the rest (the command exits non-zero at the end).
struct RolloutPlans {
    var scoped: [ScopedPlan] = []
    /// The kommuner left out, for the closing line.
    private(set) var failed: [String] = []
    /// Messages already printed: a problem in `standard:` belongs to every kommune, said once.
    private var said: Set<String> = []

    /// - Parameters:
    ///   - kommune: only this kommune (then a problem of its own fails the run, as for a single plan).
    init(path: String, catalog: Catalog, kommune: String?) throws {
        let file = try Pipeline.planFile(path: path, catalog: catalog, partial: true)
        if let kommune {
            // Another kommune's problems do not stop this one; its own do.
            if let own = file.rejected.first(where: { $0.kommune.map(Plan.fold) == Plan.fold(kommune) }) {
                throw own.problems.count == 1 ? own.problems[0] as Error : InputErrors(own.problems) as Error
            }
            scoped = [try file.plan(named: kommune).scope(catalog)]
            return
        }
        // Problems are reported in the file's order, whether found in reading or in scoping.
        var problems = file.rejected.map { ($0.line ?? 0, $0.kommune ?? "line \($0.line ?? 0)", $0.problems) }
        // The kommuner are independent: scoped on every core, kept in the file's order.
        let outcomes = file.plans.concurrentMap { plan in Result { try plan.scope(catalog) } }
        for (plan, outcome) in zip(file.plans, outcomes) {
            switch outcome {
            case let .success(result): scoped.append(result)
            case let .failure(error as InputError): problems.append((plan.source?.line ?? 0, plan.kommune, [error]))
            case let .failure(error as InputErrors): problems.append((plan.source?.line ?? 0, plan.kommune, error.errors))
            case let .failure(error): throw error
            }
        }
        for (_, name, list) in problems.sorted(by: { $0.0 < $1.0 }) { report(name, list) }
    }

    /// The one plan a command draws: the named kommune (whose own problems fail the run, and no
    /// other's), or the file's only plan.
    static func one(path: String, catalog: Catalog, kommune: String?) throws -> ScopedPlan {
        guard let kommune else { return try Pipeline.planFile(path: path, catalog: catalog).plan(named: nil).scope(catalog) }
        return try RolloutPlans(path: path, catalog: catalog, kommune: kommune).scoped[0]
    }

    private mutating func report(_ name: String, _ problems: [InputError]) {
        failed.append(name)
        for problem in problems.prefix(maximumMessages) where said.insert(problem.description).inserted {
            Console.error("error: \(problem)")
        }
    }

    /// Only `kommune`'s plan, and only its problems, stay.
    mutating func keepOnly(_ kommune: String) {
        scoped = scoped.filter { Plan.fold($0.plan.kommune) == Plan.fold(kommune) }
        failed = failed.filter { Plan.fold($0) == Plan.fold(kommune) }
    }

    /// A kommune that failed later (in rendering), for the closing line.
    mutating func leftOut(_ kommune: String) {
        failed.append(kommune)
    }

    /// Whether a document made of these plans may be written: every kommune read, or `partial`
    /// asked for the others and there is at least one. When not, says so and throws the
    /// input-error exit code: a command that fails writes nothing.
    func mayWrite(partial: Bool, what: String) throws {
        if failed.isEmpty || (partial && !scoped.isEmpty) { return }
        let shown = failed.prefix(maximumMessages).joined(separator: ", ") + (failed.count > maximumMessages ? ", …" : "")
        let hint = scoped.isEmpty ? "no kommune could be read" : "--partial writes it for the other \(scoped.count)"
        Console.error("nothing written: \(what) would leave out \(kommuner(failed.count)) (\(shown)); \(hint)")
        throw ExitCodes.inputError
    }

    /// Throws the input-error exit code when a kommune was left out, after saying which.
    func finish(done: String) throws {
        guard !failed.isEmpty else { return }
        let shown = failed.prefix(maximumMessages).joined(separator: ", ") + (failed.count > maximumMessages ? ", …" : "")
        Console.error("\(done); left out for their problems (\(failed.count)): \(shown)")
        throw ExitCodes.inputError
    }
}

/// "1 kommune", "3 kommuner": a count with its noun in the right number.
func kommuner(_ count: Int) -> String {
    count == 1 ? "1 kommune" : "\(count) kommuner"
}
