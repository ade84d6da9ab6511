/// An answer a plan gives to one question.
public enum Answer: Sendable, Equatable {
    case yesNo(Bool)
    case word(String)
    /// Words in the plan's order, each once.
    case words([String])
    case name(String)

    /// Whether the answer is, or (for a list) contains, `value`.
    func matches(_ value: Answer) -> Bool {
        switch (self, value) {
        case let (.words(list), .word(word)): list.contains(word)
        case let (.name(name), .word(word)): Plan.fold(name) == Plan.fold(word)
        default: isSame(as: value)
        }
    }

    /// Equal answers; names compare after trimming and case-folding ("Fjordby kommune" is
    /// "Fjordby Kommune").
    func isSame(as other: Answer) -> Bool {
        if case let .name(a) = self, case let .name(b) = other { return a == b || Plan.fold(a) == Plan.fold(b) }
        return self == other
    }

    /// The answer as the plan file writes it, for messages.
    public var text: String {
        switch self {
        case let .yesNo(value): value ? "true" : "false"
        case let .word(word): word
        case let .words(list): list.joined(separator: ", ")
        case let .name(name): name
        }
    }
}

/// A question's answer named in a condition: `fagsystem.leverance`, `kommune.første_gang`.
public struct AnswerRef: Sendable, Equatable, CustomStringConvertible {
    /// `kommune` or a plan system id.
    public var level: String
    public var question: String
    /// Where the catalog names it, for messages.
    public var line: Int?
    public var column: Int?

    public init(level: String, question: String, line: Int? = nil, column: Int? = nil) {
        self.level = level
        self.question = question
        self.line = line
        self.column = column
    }

    public var description: String { "\(level).\(question)" }
}

/// When a plan needs a task, in terms of the plan's answers. Written in a catalog as a mapping
/// (see the README, "Catalog format"): `niveau.spørgsmål: værdi`, `alle`, `en_af`, `ikke`,
/// `forskellig`, `ens`.
public indirect enum Condition: Sendable, Equatable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    /// The answer is (or, for a list, contains) the value.
    case answer(AnswerRef, Answer)
    case different(AnswerRef, AnswerRef)
    case same(AnswerRef, AnswerRef)
    /// Holds when the inner condition holds for at least one instance of the repeated system
    /// it asks about (`nogen:`): "if any fagsystem takes card payments".
    case someInstance(Condition)
    /// Holds when the inner condition holds for every instance (`alle_instanser:`).
    case everyInstance(Condition)

    /// Whether the condition holds for `plan`, looking at `instance` for questions of the
    /// repeated system (nil for once-work).
    public func holds(_ plan: Plan, instance: SystemInstance?) -> Bool {
        switch self {
        case let .all(list): list.allSatisfy { $0.holds(plan, instance: instance) }
        case let .any(list): list.contains { $0.holds(plan, instance: instance) }
        case let .not(inner): !inner.holds(plan, instance: instance)
        case let .answer(ref, value): plan.answer(ref, instance: instance)?.matches(value) ?? false
        case let .different(a, b):
            if let x = plan.answer(a, instance: instance), let y = plan.answer(b, instance: instance) { !x.isSame(as: y) } else { false }
        case let .same(a, b):
            if let x = plan.answer(a, instance: instance), let y = plan.answer(b, instance: instance) { x.isSame(as: y) } else { false }
        case let .someInstance(inner): instances(inner, plan).contains { inner.holds(plan, instance: $0) }
        case let .everyInstance(inner): instances(inner, plan).allSatisfy { inner.holds(plan, instance: $0) }
        }
    }

    /// The instances a quantifier ranges over: the repeated system's, when its condition asks
    /// about it (lint refuses a quantifier that does not); none, with no instances, so that
    /// `nogen` is false and `alle_instanser` true. A plan read without a catalog ranges over the
    /// systems of the levels asked about.
    private func instances(_ inner: Condition, _ plan: Plan) -> [SystemInstance] {
        let levels = Set(inner.references.map(\.level))
        guard let repeated = plan.repeatedSystem else { return plan.systems.filter { levels.contains($0.system) } }
        return levels.contains(repeated) ? plan.instances(of: repeated) : []
    }

    /// Every answer the condition names, quantified or not.
    public var references: [AnswerRef] {
        switch self {
        case let .all(list), let .any(list): list.flatMap(\.references)
        case let .not(inner), let .someInstance(inner), let .everyInstance(inner): inner.references
        case let .answer(ref, _): [ref]
        case let .different(a, b), let .same(a, b): [a, b]
        }
    }

    /// The answers it names outside `nogen:` and `alle_instanser:`: for work done once, those
    /// must not be a repeated system's, which has no one answer.
    public var unquantifiedReferences: [AnswerRef] {
        switch self {
        case let .all(list), let .any(list): list.flatMap(\.unquantifiedReferences)
        case let .not(inner): inner.unquantifiedReferences
        case .someInstance, .everyInstance: []
        case let .answer(ref, _): [ref]
        case let .different(a, b), let .same(a, b): [a, b]
        }
    }

    /// The condition as a catalog writes it, in YAML's flow form: `{nogen: {fagsystem.leverance: masse}}`.
    public var catalogText: String {
        switch self {
        case let .all(list): "{alle: [\(list.map(\.catalogText).joined(separator: ", "))]}"
        case let .any(list): "{en_af: [\(list.map(\.catalogText).joined(separator: ", "))]}"
        case let .not(inner): "{ikke: \(inner.catalogText)}"
        case let .someInstance(inner): "{nogen: \(inner.catalogText)}"
        case let .everyInstance(inner): "{alle_instanser: \(inner.catalogText)}"
        case let .answer(ref, value): "{\(ref): \(value.text)}"
        case let .different(a, b): "{forskellig: [\(a), \(b)]}"
        case let .same(a, b): "{ens: [\(a), \(b)]}"
        }
    }

    /// The condition in words, for messages: "fagsystem.leverance: straks".
    public var explanation: String {
        switch self {
        case let .all(list): list.map(\.explanation).joined(separator: " and ")
        case let .any(list): "(" + list.map(\.explanation).joined(separator: " or ") + ")"
        case let .not(inner): "not (\(inner.explanation))"
        case let .answer(ref, value): "\(ref): \(value.text)"
        case let .different(a, b): "\(a) differs from \(b)"
        case let .same(a, b): "\(a) equals \(b)"
        case let .someInstance(inner): "some instance has \(inner.explanation)"
        case let .everyInstance(inner): "every instance has \(inner.explanation)"
        }
    }
}

extension Plan {
    /// The answer `ref` names: a kommune answer, the singular system's, or `instance`'s for the
    /// repeated system (nil when the plan is not about one instance).
    public func answer(_ ref: AnswerRef, instance: SystemInstance?) -> Answer? {
        if ref.level == PlanSchema.kommuneLevel { return answers[ref.question] }
        if let instance, instance.system == ref.level { return instance.answers[ref.question] }
        let matching = systems.filter { $0.system == ref.level }
        return matching.count == 1 ? matching[0].answers[ref.question] : nil
    }
}
