extension ScopedPlan {
    /// "Forvaltningsansvarlig for Fagsystem A": the role for the system this instance concerns,
    /// named as the plan names it.
    public func roleName(_ ref: RoleRef, _ instance: TaskInstance, _ catalog: Catalog, _ labels: LabelSet) -> String {
        let role = catalog.roles.first { $0.id == ref.role }?.name ?? ref.role
        let general = catalog.name(of: ref, labels: labels)
        guard let system = ref.system, let definition = catalog.structure.plan.system(system) else { return general }
        if definition.repeated {
            return instance.instanceName.map { labels.text("role.for", ["role": role, "system": $0]) } ?? general
        }
        let named = plan.instances(of: system)
        return named.count == 1 ? labels.text("role.for", ["role": role, "system": named[0].name]) : general
    }
}
