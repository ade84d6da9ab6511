import Yams

/// A plan file: one kommune's plan, or under `kommuner:` the plans of several (a supplier's
/// rollout). Loading checks everything that can be checked without a catalog; the status keys
/// are checked against the catalog by `Plan.scope(_:)`.
public struct PlanFile: Sendable, Equatable {
    /// The file as the user named it.
    public var file: String
    /// The plans in the file's order; kommune names are unique.
    public var plans: [Plan]
    /// Whether the file lists its plans under `kommuner:`.
    public var isRollout: Bool

    public init(file: String, plans: [Plan], isRollout: Bool) {
        self.file = file
        self.plans = plans
        self.isRollout = isRollout
    }

    /// The longest kommune, system or myndighed name: names become file names (at most 255 bytes)
    /// and task keys, which Graphviz may quote in a message.
    public static let maximumNameLength = 100

    static let planKeys = ["kommune", "dato", "første_gang", "bogføringssystem", "fagsystemer", "status"]
    static let rolloutKeys = ["kommuner", "dato"]
    static let bookkeepingKeys = ["navn", "første_gang", "myndighed"]
    static let fagsystemKeys = ["navn", "første_gang", "leverance", "sortiment", "supplement", "produktionsverifikation", "myndighed"]

    /// Loads and checks a plan file.
    public static func load(path: String) throws -> PlanFile {
        try parse(InputFile.read(path), file: path)
    }

    /// Parses and checks plan text; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws -> PlanFile {
        let reader = YAMLReader(file: file)
        let root = try reader.document(text)
        guard case let .mapping(rootMapping) = root else {
            throw reader.error(root, "a plan file must be a mapping", hint: "start with 'kommune: …' or 'kommuner:'")
        }
        guard rootMapping["kommuner"] != nil else {
            let plan = try parsePlan(root, reader: reader, defaultDate: nil)
            return PlanFile(file: file, plans: [plan], isRollout: false)
        }
        let m = try reader.mapping(root, "the rollout file", allowed: rolloutKeys)
        let date = try m.optionalString("dato")
        let entries = try reader.sequence(try m.required("kommuner"), "'kommuner'")
        if entries.isEmpty {
            throw reader.error(try m.required("kommuner"), "'kommuner' lists no kommune", hint: "add at least one plan under 'kommuner:'")
        }
        var plans: [Plan] = []
        var lineOfName: [String: Int] = [:]
        var lineOfFileName: [String: (Int, String)] = [:]
        for entry in entries {
            let plan = try parsePlan(entry, reader: reader, defaultDate: date)
            let line = plan.source?.line ?? 0
            if let earlier = lineOfName[plan.kommune] {
                throw reader.error(entry, "kommune '\(plan.kommune)' appears twice in 'kommuner'",
                                   hint: "it is already planned on line \(earlier); give each kommune one plan")
            }
            if let (earlier, other) = lineOfFileName[plan.fileName] {
                throw reader.error(entry, "kommune '\(plan.kommune)' gets the same file name as '\(other)' on line \(earlier) (\(plan.fileName))",
                                   hint: "kommune names must differ in more than case and punctuation")
            }
            lineOfName[plan.kommune] = line
            lineOfFileName[plan.fileName] = (line, plan.kommune)
            plans.append(plan)
        }
        return PlanFile(file: file, plans: plans, isRollout: true)
    }

    /// The plan for `kommune`, or the file's only plan when no name is given.
    public func plan(named kommune: String?) throws -> Plan {
        let names = plans.map(\.kommune)
        guard let kommune else {
            if plans.count == 1 { return plans[0] }
            throw InputError(file: file, message: "the file plans \(plans.count) kommuner; choose one with --kommune",
                             hint: "the file has: \(names.joined(separator: ", "))")
        }
        if let plan = plans.first(where: { $0.kommune == kommune }) { return plan }
        let folded = plans.filter { $0.kommune.lowercased() == kommune.lowercased() }
        if folded.count == 1 { return folded[0] }
        let near = Suggestion.nearest(to: kommune, in: names).map { "did you mean '\($0)'? " } ?? ""
        throw InputError(file: file, message: "no kommune named '\(kommune)' in the file",
                         hint: "\(near)the file has: \(names.joined(separator: ", "))")
    }

    private static func parsePlan(_ node: Node, reader: YAMLReader, defaultDate: String?) throws -> Plan {
        let m = try reader.mapping(node, "the plan", allowed: planKeys)
        let kommune = try name(m, "kommune", reader: reader)
        let what = "the plan for \(kommune)"

        let bookkeepingNode = try m.required("bogføringssystem")
        let b = try reader.mapping(bookkeepingNode, "'bogføringssystem' of \(what)", allowed: bookkeepingKeys)
        let bookkeeping = BookkeepingSystem(
            name: try name(b, "navn", reader: reader),
            firstTime: try b.bool("første_gang", default: true),
            authority: try optionalName(b, "myndighed", reader: reader) ?? kommune
        )

        let fagsystemsNode = try m.required("fagsystemer")
        let list = try reader.sequence(fagsystemsNode, "'fagsystemer' of \(what)")
        if list.isEmpty {
            throw reader.error(fagsystemsNode, "'fagsystemer' of \(what) lists no fagsystem", hint: "a plan connects at least one fagsystem")
        }
        var fagsystems: [Fagsystem] = []
        var lineOfName: [String: Int] = [:]
        for entry in list {
            let fagsystem = try parseFagsystem(entry, reader: reader, kommune: kommune)
            if let earlier = lineOfName[fagsystem.name] {
                throw reader.error(entry, "fagsystem '\(fagsystem.name)' appears twice in \(what)",
                                   hint: "it is already listed on line \(earlier); fagsystem names must be unique, they are part of the task keys")
            }
            lineOfName[fagsystem.name] = entry.mark?.line ?? 0
            fagsystems.append(fagsystem)
        }

        var status: [StatusEntry] = []
        if let statusNode = m.node("status"), statusNode.null == nil {
            guard case let .mapping(entries) = statusNode else {
                throw reader.error(statusNode, "'status' of \(what) must be a mapping of task key to status",
                                   hint: "e.g. 'FM001: udført' or 'TF108@Fagsystem A: i_gang'")
            }
            var seen: Set<String> = []
            for (keyNode, valueNode) in entries {
                let key = try reader.string(keyNode, "a task key in 'status'").trimmingSpaces
                if !seen.insert(key).inserted {
                    throw reader.error(keyNode, "status for '\(key)' is given twice in \(what)", hint: "keep one line per task key")
                }
                let value = try reader.enumeration(valueNode, "status", as: TaskStatus.self)
                status.append(StatusEntry(key: key, status: value,
                                          source: SourceLocation(file: reader.file, line: keyNode.mark?.line, column: keyNode.mark?.column)))
            }
        }

        return Plan(
            kommune: kommune,
            date: try m.optionalString("dato") ?? defaultDate,
            firstTime: try m.bool("første_gang", default: true),
            bookkeeping: bookkeeping,
            fagsystems: fagsystems,
            status: status,
            source: SourceLocation(file: reader.file, line: node.mark?.line, column: node.mark?.column)
        )
    }

    private static func parseFagsystem(_ node: Node, reader: YAMLReader, kommune: String) throws -> Fagsystem {
        let m = try reader.mapping(node, "a fagsystem", allowed: fagsystemKeys)
        let name = try name(m, "navn", reader: reader)
        if name.contains("@") {
            throw reader.error(try m.required("navn"), "fagsystem name '\(name)' contains '@'",
                               hint: "'@' separates the task id from the fagsystem name in task keys such as TF108@\(name.replacingOccurrences(of: "@", with: ""))")
        }
        let what = "fagsystem '\(name)'"
        let deliveryNode = try m.required("leverance")
        var deliveries: Set<Delivery> = []
        // A single word is accepted as a one-element list: `leverance: straks`.
        let words: [Node]
        if case .scalar = deliveryNode, deliveryNode.null == nil { words = [deliveryNode] } else {
            words = try reader.sequence(deliveryNode, "'leverance' of \(what)")
        }
        for word in words {
            let delivery = try reader.enumeration(word, "leverance", as: Delivery.self)
            if !deliveries.insert(delivery).inserted {
                throw reader.error(word, "'\(delivery.rawValue)' appears twice in 'leverance' of \(what)")
            }
        }
        if deliveries.isEmpty {
            throw reader.error(deliveryNode, "'leverance' of \(what) is empty", hint: "expected one or both of: straks, masse")
        }
        return Fagsystem(
            name: name,
            firstTime: try m.bool("første_gang", default: true),
            deliveries: deliveries,
            assortment: try m.enumeration("sortiment", as: Assortment.self),
            supplement: try m.bool("supplement", default: false),
            productionVerification: try m.bool("produktionsverifikation", default: false),
            authority: try optionalName(m, "myndighed", reader: reader) ?? kommune
        )
    }

    /// A required name: text that is not blank, without surrounding spaces.
    private static func name(_ m: YAMLReader.Mapping, _ key: String, reader: YAMLReader) throws -> String {
        let node = try m.required(key)
        let value = try reader.string(node, "'\(key)' in \(m.what)").trimmingSpaces
        if value.isEmpty { throw reader.error(node, "'\(key)' in \(m.what) is empty", hint: "give a name") }
        if value.count > maximumNameLength {
            throw reader.error(node, "'\(key)' in \(m.what) is \(value.count) characters long; the limit is \(maximumNameLength)",
                               hint: "names become lane labels, task keys and file names; use a shorter name")
        }
        if value.contains("\n") || value.contains("\t") {
            throw reader.error(node, "'\(key)' in \(m.what) spans several lines", hint: "a name is one line of text")
        }
        return value
    }

    private static func optionalName(_ m: YAMLReader.Mapping, _ key: String, reader: YAMLReader) throws -> String? {
        guard let node = m.node(key), node.null == nil else { return nil }
        return try name(m, key, reader: reader)
    }
}

extension Plan {
    /// The kommune's name as a file name: lower case ASCII words joined by hyphens
    /// ("Aabenraa Kommune" → "aabenraa-kommune"; æ, ø, å become ae, oe, aa).
    public var fileName: String {
        let words = Slug.words(kommune)
        return words.isEmpty ? "kommune" : words
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
