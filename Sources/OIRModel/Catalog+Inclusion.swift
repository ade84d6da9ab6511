extension Catalog {
    /// Whether `plan` needs `task` (for `instance` of the repeated system, when the task is done
    /// per instance): its frequency's, variant's and own conditions all hold.
    public func includes(_ task: TaskDefinition, plan: Plan, instance: SystemInstance?) -> Bool {
        if !isOnce(task), instance == nil { return false }
        return inclusionConditions(of: task).allSatisfy { $0.holds(plan, instance: instance) }
    }

    /// Why `plan` leaves `task` out (for the instance named `name`), for the message about a
    /// status line: the first condition that does not hold.
    func whyNotIncluded(_ task: TaskDefinition, plan: Plan, instanceName name: String?) -> String {
        let instance = plan.systems.first { $0.name == name && $0.system == structure.plan.repeatedSystem?.id }
        guard let failing = inclusionConditions(of: task).first(where: { !$0.holds(plan, instance: instance) }) else {
            return "the plan's answers leave \(task.id) out"
        }
        return "\(task.id) is only needed when \(failing.explanation)"
    }
}
