import OIRModel

/// The kommuner of a plan file that a command works on: for a rollout, every kommune that can be
/// read and scoped, each one that cannot reported with all its problems, so one bad kommune never
/// stops the rest (the command exits non-zero at the end).
struct RolloutPlans {
    var scoped: [ScopedPlan] = []
    /// The kommuner left out, for the closing line.
    var failed: [String] = []

    /// - Parameters:
    ///   - kommune: only this kommune (then any problem fails the run, as for a single plan).
    init(path: String, catalog: Catalog, kommune: String?) throws {
        let file = try PlanFile.load(path: path, catalog: catalog, partial: kommune == nil)
        let plans = try kommune.map { [try file.plan(named: $0)] } ?? file.plans
        for rejected in file.rejected {
            report(rejected.kommune ?? "line \(rejected.line ?? 0)", rejected.problems)
        }
        for plan in plans {
            do {
                scoped.append(try plan.scope(catalog))
            } catch let error as InputError where kommune == nil {
                report(plan.kommune, [error])
            } catch let error as InputErrors where kommune == nil {
                report(plan.kommune, error.errors)
            }
        }
    }

    private mutating func report(_ name: String, _ problems: [InputError]) {
        failed.append(name)
        for problem in problems.prefix(maximumMessages) { Console.error("error: \(problem)") }
    }

    /// Throws the input-error exit code when a kommune was left out, after saying which.
    func finish(done: String) throws {
        guard !failed.isEmpty else { return }
        let shown = failed.prefix(maximumMessages).joined(separator: ", ") + (failed.count > maximumMessages ? ", …" : "")
        Console.error("\(done); \(failed.count) kommuner left out for their problems: \(shown)")
        throw ExitCodes.inputError
    }
}
