import Yams

/// Reads the structure sections of a catalog (`baner`, `bånd`, `kolonner`, `varianter`, `valg`,
/// `plan`), collecting every problem in the reader instead of stopping at the first.
struct StructureReader {
    let reader: YAMLReader
    let root: YAMLReader.Mapping

    /// The structure, or nil when a required section could not be read (its problems are collected).
    func read() -> IntegrationStructure? {
        let lanes = reader.collecting { try self.lanes() }
        let bands = reader.collecting { try Catalog.parseList(root, "bånd", reader: reader, band) }
        let columns = reader.collecting { try Catalog.parseList(root, "kolonner", reader: reader, column) }
        let variants = reader.collecting { try Catalog.parseList(root, "varianter", reader: reader, required: false, variant) }
        let choices = reader.collecting { try Catalog.parseList(root, "valg", reader: reader, required: false, choiceGroup) }
        let plan = reader.collecting { try self.plan() }
        guard let lanes, let bands, let columns, let variants, let choices, let plan else { return nil }
        return IntegrationStructure(laneRole: lanes.0, parties: lanes.1, bands: bands, columns: columns, variants: variants,
                                    choiceGroups: choices, plan: plan)
    }

    /// A reader-facing text: one string, or a mapping of language code to string.
    static func text(_ node: Node, _ what: String, reader: YAMLReader) throws -> CatalogText {
        if case .mapping = node {
            let m = try reader.mapping(node, what, allowed: LanguageCodes.all)
            var texts: [String: String] = [:]
            for code in LanguageCodes.all { if let text = try m.optionalString(code) { texts[code] = text } }
            if texts.isEmpty { throw reader.error(node, "\(what) gives no text", hint: "write a text, or one per language: {da: …, en: …}") }
            return CatalogText(texts: texts)
        }
        return CatalogText(try reader.string(node, what))
    }

    private func lanes() throws -> (DecidingRole, [PartyDefinition]) {
        let m = try reader.mapping(try root.required("baner"), "baner", allowed: ["efter", "parter"])
        let role = try m.enumeration("efter", as: DecidingRole.self, default: .performer)
        var parties: [PartyDefinition] = []
        for node in try reader.sequence(try m.required("parter"), "'parter' of baner") {
            guard let party = reader.collecting({ () throws -> PartyDefinition in
                let p = try reader.mapping(node, "a party", allowed: ["id", "navn", "flertal", "system"])
                let id = try Catalog.identifier(p, "id", reader: reader)
                return PartyDefinition(id: id, name: try Self.text(try p.required("navn"), "'navn' of party \(id)", reader: reader),
                                       plural: try p.node("flertal").map { try Self.text($0, "'flertal' of party \(id)", reader: reader) },
                                       system: try p.optionalString("system"), tone: parties.count + 1, line: node.mark?.line)
            }) else { continue }
            if parties.contains(where: { $0.id == party.id }) {
                reader.collected.problems.append(reader.error(node, "party '\(party.id)' is declared twice in baner"))
            } else if let other = parties.first(where: { $0.system == party.system }) {
                reader.collected.problems.append(reader.error(node, "parties '\(other.id)' and '\(party.id)' both take the roles of system '\(party.system ?? "null")'",
                                                              hint: "each system (and null, for roles without a system) gives one lane"))
            } else {
                parties.append(party)
            }
        }
        if parties.isEmpty { throw reader.error(try m.required("parter"), "'parter' of baner declares no party", hint: "a diagram needs at least one lane") }
        return (role, parties)
    }

    private func band(_ node: Node, _ reader: YAMLReader) throws -> BandDefinition {
        let m = try reader.mapping(node, "a band", allowed: ["id", "navn", "frekvenser"])
        let id = try Catalog.identifier(m, "id", reader: reader)
        let frequencies = try reader.sequence(try m.required("frekvenser"), "'frekvenser' of band \(id)").compactMap { entry in
            reader.collecting { () throws -> FrequencyDefinition in
                let f = try reader.mapping(entry, "a frequency of band \(id)", allowed: ["id", "pr", "betingelse"])
                return FrequencyDefinition(id: try Catalog.identifier(f, "id", reader: reader), per: try f.string("pr"),
                                           condition: try optionalCondition(f), line: entry.mark?.line)
            }
        }
        return BandDefinition(id: id, name: try Self.text(try m.required("navn"), "'navn' of band \(id)", reader: reader),
                              frequencies: frequencies)
    }

    private func column(_ node: Node, _ reader: YAMLReader) throws -> ColumnDefinition {
        let m = try reader.mapping(node, "a column", allowed: ["id", "overskrift"])
        let id = try Catalog.identifier(m, "id", reader: reader)
        return ColumnDefinition(id: id, header: try Self.text(try m.required("overskrift"), "'overskrift' of column \(id)", reader: reader))
    }

    private func variant(_ node: Node, _ reader: YAMLReader) throws -> VariantDefinition {
        let m = try reader.mapping(node, "a variant", allowed: ["id", "navn", "betingelse"])
        let id = try Catalog.identifier(m, "id", reader: reader)
        if id == TaskDefinition.noVariant {
            throw reader.error(try m.required("id"), "'\(id)' is the word for no variant and cannot be declared", hint: "choose another id")
        }
        return VariantDefinition(id: id, name: try Self.text(try m.required("navn"), "'navn' of variant \(id)", reader: reader),
                                 condition: try optionalCondition(m))
    }

    private func choiceGroup(_ node: Node, _ reader: YAMLReader) throws -> ChoiceGroup {
        let m = try reader.mapping(node, "a choice group", allowed: ["id", "opgaver"])
        return ChoiceGroup(id: try Catalog.identifier(m, "id", reader: reader), members: try m.strings("opgaver"), line: node.mark?.line)
    }

    private func optionalCondition(_ m: YAMLReader.Mapping) throws -> Condition? {
        guard let node = m.node("betingelse"), !node.isNull else { return nil }
        return try ConditionReader(reader: reader).condition(node)
    }

    // MARK: Plan schema

    private func plan() throws -> PlanSchema {
        let m = try reader.mapping(try root.required("plan"), "plan", allowed: ["kommune", "systemer", "baner"])
        let kommune = try m.node("kommune").map { try questions($0, "'kommune' of plan") } ?? []
        let systems = try reader.sequence(try m.required("systemer"), "'systemer' of plan").compactMap { node in
            reader.collecting { () throws -> PlanSystemDefinition in
                let s = try reader.mapping(node, "a plan system", allowed: ["id", "nøgle", "antal", "spørgsmål"])
                let id = try Catalog.identifier(s, "id", reader: reader)
                let count = try s.string("antal")
                guard count == "én" || count == "flere" else {
                    throw reader.error(try s.required("antal"), "'\(YAMLReader.shown(count))' is not a valid antal of plan system \(id)",
                                       hint: "expected one of: én, flere")
                }
                return PlanSystemDefinition(id: id, key: try s.optionalString("nøgle") ?? id, repeated: count == "flere",
                                            questions: try s.node("spørgsmål").map { try questions($0, "'spørgsmål' of plan system \(id)") } ?? [],
                                            line: node.mark?.line)
            }
        }
        var laneLines: [Int?] = []
        let lanes = try reader.sequence(try m.required("baner"), "'baner' of plan").compactMap { node in
            let rule = reader.collecting { () throws -> PlanLaneRule in
                if case .scalar = node { return .once(party: try reader.string(node, "a plan lane")) }
                let l = try reader.mapping(node, "a plan lane", allowed: ["for_hver", "parter"])
                return .perInstance(system: try l.string("for_hver"), parties: try l.strings("parter"))
            }
            if rule != nil { laneLines.append(node.mark?.line) }
            return rule
        }
        var schema = PlanSchema(kommuneQuestions: kommune, systems: systems, lanes: lanes)
        schema.laneLines = laneLines
        schema.line = try m.required("baner").mark?.line
        return schema
    }

    private func questions(_ node: Node, _ what: String) throws -> [Question] {
        try reader.sequence(node, what).compactMap { entry in
            reader.collecting { try question(entry) }
        }
    }

    private func question(_ node: Node) throws -> Question {
        let m = try reader.mapping(node, "a question", allowed: ["id", "type", "værdier", "standard"])
        let id = try Catalog.identifier(m, "id", reader: reader)
        let type = try m.enumeration("type", as: QuestionType.self)
        let values = try m.strings("værdier")
        if (type == .oneOf || type == .someOf) && values.isEmpty {
            throw reader.error(node, "question '\(id)' of type \(type.rawValue) lists no 'værdier'", hint: "e.g. værdier: [ja, nej, måske]")
        }
        var fallback: DefaultAnswer?
        if let standard = m.node("standard"), !standard.isNull {
            switch type {
            case .yesNo: fallback = .answer(.yesNo(try reader.bool(standard, "'standard' of question \(id)")))
            case .name:
                let text = try reader.string(standard, "'standard' of question \(id)")
                fallback = text == PlanSchema.kommuneLevel ? .kommuneName : .answer(.name(text))
            case .oneOf:
                let word = try reader.string(standard, "'standard' of question \(id)")
                guard values.contains(word) else {
                    throw reader.error(standard, "'standard' of question \(id) is '\(word)', not one of its values", hint: "values: \(values.joined(separator: ", "))")
                }
                fallback = .answer(.word(word))
            case .someOf:
                let words = try reader.sequence(standard, "'standard' of question \(id)").map { try reader.string($0, "a value") }
                fallback = .answer(.words(words))
            }
        }
        return Question(id: id, type: type, values: values, defaultAnswer: fallback)
    }
}

/// The language codes a catalog text and a label set may be given in.
public enum LanguageCodes {
    public static let all = ["da", "en"]
}

/// Reads a condition (`betingelse`): a mapping of operators and `niveau.spørgsmål: værdi` leaves;
/// several keys in one mapping must all hold.
struct ConditionReader {
    let reader: YAMLReader

    static let operators = ["alle", "en_af", "ikke", "forskellig", "ens", "nogen", "alle_instanser"]

    func condition(_ node: Node) throws -> Condition {
        guard case let .mapping(mapping) = node, !mapping.isEmpty else {
            throw reader.error(node, "a condition must be a mapping such as {system.spørgsmål: værdi}",
                               hint: "operators: \(Self.operators.joined(separator: ", ")); leaves: niveau.spørgsmål: værdi")
        }
        var parts: [Condition] = []
        for (keyNode, value) in mapping {
            let key = try reader.string(keyNode, "a condition key")
            parts.append(try part(key, keyNode, value))
        }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    private func part(_ key: String, _ keyNode: Node, _ value: Node) throws -> Condition {
        switch key {
        case "alle": return .all(try reader.sequence(value, "'alle'").map(condition))
        case "en_af": return .any(try reader.sequence(value, "'en_af'").map(condition))
        case "ikke": return .not(try condition(value))
        case "nogen": return .someInstance(try condition(value))
        case "alle_instanser": return .everyInstance(try condition(value))
        case "forskellig", "ens":
            let refs = try reader.sequence(value, "'\(key)'").map { try reference(try reader.string($0, "an answer name"), $0) }
            guard refs.count == 2 else { throw reader.error(value, "'\(key)' compares exactly two answers, like [a.spørgsmål, b.spørgsmål]") }
            return key == "ens" ? .same(refs[0], refs[1]) : .different(refs[0], refs[1])
        default:
            let ref = try reference(key, keyNode)
            guard case .scalar = value else {
                throw reader.error(value, "the value of '\(key)' must be one word, name or true/false")
            }
            if let bool = value.yesNo { return .answer(ref, .yesNo(bool)) }
            return .answer(ref, .word(try reader.string(value, "the value of '\(key)'")))
        }
    }

    private func reference(_ text: String, _ node: Node) throws -> AnswerRef {
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            let near = Suggestion.nearest(to: text, in: Self.operators).map { "did you mean '\($0)'? " } ?? ""
            throw reader.error(node, "'\(YAMLReader.shown(text))' is neither a condition operator nor an answer such as system.spørgsmål",
                               hint: "\(near)operators: \(Self.operators.joined(separator: ", "))")
        }
        return AnswerRef(level: parts[0], question: parts[1], line: node.mark?.line, column: node.mark?.column)
    }
}
