/// Which tasks a plan needs: one rule per task id of SF1590_A, from the source document
/// (the seed of issue 3). A task of another catalog without a rule here falls back to its
/// frequency (`fallback`).
public enum PlanInclusion {
    /// The situation a rule looks at: the plan, and for per-fagsystem tasks the fagsystem.
    public typealias Rule = @Sendable (_ plan: Plan, _ fagsystem: Fagsystem?) -> Bool

    /// Whether `task` is part of `plan` (for `fagsystem`, when the task is done per fagsystem).
    public static func includes(_ task: TaskDefinition, plan: Plan, fagsystem: Fagsystem?) -> Bool {
        (rules[task.id] ?? fallback(task.frequency))(plan, fagsystem)
    }

    /// The rules, keyed by task id. `f` is nil only for the once-tasks.
    public static let rules: [TaskID: Rule] = {
        // Section 2.1: once per kommune, only the first time it takes an ØiR integration in use.
        let kommuneFirstTime: Rule = { plan, _ in plan.firstTime }
        // Section 2.2.2: once per bogføringssystem, the first time it takes SF1590_A in use.
        let bookkeepingFirstTime: Rule = { plan, _ in plan.bookkeeping.firstTime }
        // Section 2.2.1: the first time the fagsystem takes an ØiR integration in use.
        let fagsystemFirstTime: Rule = { _, f in f?.firstTime ?? false }
        // Section 2.3: every connection of a fagsystem.
        let always: Rule = { _, f in f != nil }
        // FF102/FB204: a data exchange agreement, only when the fagsystem's and the
        // bogføringssystem's data-responsible authorities differ (FB204's activity text).
        let otherAuthority: Rule = { plan, f in f.map { $0.authority != plan.bookkeeping.authority } ?? false }
        // Straksleverance: the EP_FS1/EP_BS1 service agreements and routes.
        let immediate: Rule = { _, f in f?.immediate ?? false }
        // Masseleverance: the SFTP routes and monitoring.
        let bulk: Rule = { _, f in f?.bulk ?? false }

        return [
            "FM001": kommuneFirstTime, "FM002": kommuneFirstTime, "FM003": kommuneFirstTime,
            "FB200": bookkeepingFirstTime, "FB201": bookkeepingFirstTime, "FB202": bookkeepingFirstTime, "FB203": bookkeepingFirstTime,
            "TB200": bookkeepingFirstTime, "TB201": bookkeepingFirstTime, "TB202": bookkeepingFirstTime, "TB203": bookkeepingFirstTime,
            "FF100": fagsystemFirstTime, "TF102": fagsystemFirstTime,
            // TF100's comment: "Relevant, hvis fagsystemet benytter Masseleverance og/eller ønsker at
            // abonnere på sit sortiment".
            "TF100": { _, f in guard let f else { return false }
                return f.firstTime && (f.bulk || f.assortment == .subscription) },
            // TF101 monitors the subscribed sortiment: it depends on TF113-A.
            "TF101": { _, f in guard let f else { return false }
                return f.firstTime && f.assortment == .subscription },
            "FF101": always, "TF103": always, "TF105": always, "TF106": always, "TB204": always, "TB208": always,
            "FF102": otherAuthority, "FB204": otherAuthority,
            // TF104: only when the kommune supplements the common sortiment.
            "TF104": { _, f in f?.supplement ?? false },
            // TF107/TB205: the optional production verification test.
            "TF107": { _, f in f?.productionVerification ?? false },
            "TB205": { _, f in f?.productionVerification ?? false },
            // FB205 routes EP_FS1 to EP_BS1, the Straksleverance endpoints.
            "TF108": immediate, "TF109": immediate, "TF110": immediate, "TF111": immediate, "FB205": immediate, "TB206": immediate,
            "TF112": bulk, "TB207": bulk,
            // TF113: the choice of sortiment, A (subscription) or B (manual loading).
            "TF113-A": { _, f in f?.assortment == .subscription },
            "TF113-B": { _, f in f?.assortment == .manual },
        ]
    }()

    /// For tasks without a rule: by the document's frequency sections.
    static func fallback(_ frequency: Frequency) -> Rule {
        switch frequency {
        case .oncePerKommune: { plan, _ in plan.firstTime }
        case .firstTimeBookkeeping: { plan, _ in plan.bookkeeping.firstTime }
        case .firstTimeFagsystem: { _, f in f?.firstTime ?? false }
        case .perConnection: { _, f in f != nil }
        }
    }
}

extension TaskDefinition {
    /// Done once for the kommune or the bogføringssystem (keyed by its id) rather than once per
    /// fagsystem (keyed `ID@fagsystem`).
    public var isOnce: Bool {
        frequency == .oncePerKommune || frequency == .firstTimeBookkeeping
    }
}
