import Foundation
import OIRModel

extension Catalog {
    /// One task as `tasks --format json` shows it: every field, roles resolved to their names.
    public struct TaskRecord: Codable, Equatable, Sendable {
        public var id: String
        public var titel: String
        public var aktivitet: String
        public var værktøj: String
        public var ansvarlig: String
        public var udførende: String
        public var afhænger_af: [String]
        public var koordineres_med: String?
        public var kommentar: String
        public var part: String
        public var art: String
        public var frekvens: String
        public var variant: String
        public var alternativ: String
        public var valg: String?
        /// The task's own condition as the catalog writes it, if any.
        public var betingelse: String?
        public var venter_på_instanser: String
        public var varighed: Int?
        public var klik: Bool
        public var infref: [String]
        public var referencer: [ReferenceRecord]
        public var links: [String]
        public var kildenoter: [String]

        /// Every field, an absent one as null: a reader finds the same keys in every task.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(titel, forKey: .titel)
            try c.encode(aktivitet, forKey: .aktivitet)
            try c.encode(værktøj, forKey: .værktøj)
            try c.encode(ansvarlig, forKey: .ansvarlig)
            try c.encode(udførende, forKey: .udførende)
            try c.encode(afhænger_af, forKey: .afhænger_af)
            try c.encode(koordineres_med, forKey: .koordineres_med)
            try c.encode(kommentar, forKey: .kommentar)
            try c.encode(part, forKey: .part)
            try c.encode(art, forKey: .art)
            try c.encode(frekvens, forKey: .frekvens)
            try c.encode(variant, forKey: .variant)
            try c.encode(alternativ, forKey: .alternativ)
            try c.encode(valg, forKey: .valg)
            try c.encode(betingelse, forKey: .betingelse)
            try c.encode(venter_på_instanser, forKey: .venter_på_instanser)
            try c.encode(varighed, forKey: .varighed)
            try c.encode(klik, forKey: .klik)
            try c.encode(infref, forKey: .infref)
            try c.encode(referencer, forKey: .referencer)
            try c.encode(links, forKey: .links)
            try c.encode(kildenoter, forKey: .kildenoter)
        }
    }

    public struct ReferenceRecord: Codable, Equatable, Sendable {
        public var id: String
        public var titel: String
        public var link: String
    }

    public struct RoleRecord: Codable, Equatable, Sendable {
        public var id: String
        public var navn: String
        public var definition: String
    }

    public struct Export: Codable, Equatable, Sendable {
        public var integration: String
        public var titel: String
        public var link: String
        public var roller: [RoleRecord]
        public var opgaver: [TaskRecord]
    }

    public func record(_ task: TaskDefinition) -> TaskRecord {
        TaskRecord(
            id: task.id, titel: task.title, aktivitet: task.activity, værktøj: task.tool,
            ansvarlig: name(of: task.responsible), udførende: name(of: task.performer),
            afhænger_af: task.dependencies, koordineres_med: coordinationPartner(of: task.id), kommentar: task.comment,
            part: task.party, art: task.kind, frekvens: task.frequency,
            variant: task.variant ?? TaskDefinition.noVariant, alternativ: task.alternative.rawValue, valg: task.choiceGroup,
            betingelse: task.condition?.catalogText, venter_på_instanser: task.instanceWait.rawValue, varighed: task.duration, klik: task.klik,
            infref: task.infRefs,
            referencer: task.references.compactMap { id in
                references.first { $0.id == id }.map { ReferenceRecord(id: $0.id, titel: $0.title, link: $0.link) }
            },
            links: task.links, kildenoter: task.sourceNotes
        )
    }

    /// The catalog as pretty-printed JSON with stable key order.
    public func exportJSON() throws -> Data {
        let export = Export(integration: integration.id, titel: integration.title, link: integration.link,
                            roller: roles.map { RoleRecord(id: $0.id, navn: $0.name, definition: $0.definition) },
                            opgaver: tasks.map(record))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(export) + Data("\n".utf8)
    }

    /// The catalog as an aligned text table for a terminal.
    public func exportTable(labels: LabelSet = .builtIn()) -> String {
        let header = [labels.text("tasks.id")] + ["title", "responsible", "performer", "dependencies"].map { labels.text("checklist.\($0)") }
        let rows = tasks.map { task in
            [task.id, String(task.title.prefix(48)), name(of: task.responsible, labels: labels), name(of: task.performer, labels: labels),
             task.dependencies.joined(separator: ", ")]
        }
        return TextTable(header: header, rows: rows).render()
    }
}

/// Columns padded to their widest cell (by characters, so Danish letters line up).
public struct TextTable: Sendable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    public func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in
                c == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - cell.count)
            }.joined(separator: "  ")
        }
        var out = line(header) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}
