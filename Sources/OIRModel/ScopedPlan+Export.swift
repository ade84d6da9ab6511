import Foundation

/// The formats `oir-diagram plan` writes; the raw values are the option's words.
public enum PlanFormat: String, Sendable, CaseIterable {
    /// Aligned columns for a terminal.
    case table
    /// A table for a wiki page.
    case markdown
    /// For a spreadsheet: UTF-8, comma-separated, quoted where needed.
    case csv
    /// The keys of issue 3, in that order.
    case json
}

extension ScopedPlan {
    /// One row of the checklist, with roles named after the plan's own systems.
    public struct Row: Sendable, Equatable {
        public var key: String
        public var id: TaskID
        public var fagsystem: String?
        public var title: String
        public var responsible: String
        public var performer: String
        public var dependencies: [String]
        public var coordinatedWith: String?
        public var status: TaskStatus
        public var ready: Bool
    }

    /// The checklist rows in dependency order.
    public func rows(catalog: Catalog) -> [Row] {
        instances.map { instance in
            Row(key: instance.key, id: instance.id, fagsystem: instance.fagsystem, title: instance.task.title,
                responsible: roleName(instance.task.responsible, instance, catalog),
                performer: roleName(instance.task.performer, instance, catalog),
                dependencies: instance.dependencyKeys, coordinatedWith: instance.coordinatedWith,
                status: instance.status, ready: instance.ready)
        }
    }

    /// "Forvaltningsansvarlig for Fagsystem A": the role for the system this instance concerns,
    /// named as the plan names it.
    func roleName(_ ref: RoleRef, _ instance: TaskInstance, _ catalog: Catalog) -> String {
        let role = catalog.roles.first { $0.id == ref.role }?.name ?? ref.role
        guard let system = ref.system, let definition = catalog.structure.plan.system(system) else { return catalog.name(of: ref) }
        if definition.repeated {
            return instance.fagsystem.map { "\(role) for \($0)" } ?? catalog.name(of: ref)
        }
        let named = plan.instances(of: system)
        return named.count == 1 ? "\(role) for \(named[0].name)" : catalog.name(of: ref)
    }

    /// The checklist in `format`, ending with a newline.
    public func export(_ format: PlanFormat, catalog: Catalog) -> String {
        let rows = rows(catalog: catalog)
        switch format {
        case .json: return json(rows)
        case .csv: return csv(rows)
        case .markdown: return markdown(rows)
        case .table: return table(rows)
        }
    }

    private func yesNo(_ value: Bool) -> String { value ? "ja" : "nej" }

    private func table(_ rows: [Row]) -> String {
        let header = ["Nøgle", "Titel", "Ansvarlig", "Udførende", "Afhænger af", "Status", "Klar"]
        let cells = rows.map { row in
            [row.key, Self.shorten(row.title, 48), row.responsible, row.performer,
             (row.dependencies + (row.coordinatedWith.map { ["≈ \($0)"] } ?? [])).joined(separator: ", "),
             row.status.rawValue, yesNo(row.ready)]
        }
        return "\(heading)\n\n" + TextTable(header: header, rows: cells).render()
    }

    private func markdown(_ rows: [Row]) -> String {
        func cell(_ text: String) -> String {
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
                .replacingOccurrences(of: "\n", with: " ")
        }
        var out = "# \(cell(heading))\n\n"
        out += "| Nøgle | Titel | Ansvarlig | Udførende | Afhænger af | Koordineres med | Status | Klar |\n"
        out += "|---|---|---|---|---|---|---|---|\n"
        for row in rows {
            let cells = [row.key, row.title, row.responsible, row.performer, row.dependencies.joined(separator: ", "),
                         row.coordinatedWith ?? "", row.status.rawValue, yesNo(row.ready)]
            out += "| " + cells.map(cell).joined(separator: " | ") + " |\n"
        }
        return out
    }

    private func csv(_ rows: [Row]) -> String {
        // RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; CRLF rows.
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var lines = [["nøgle", "id", "fagsystem", "titel", "ansvarlig", "udførende", "afhænger_af", "koordineres_med", "status", "klar"]]
        for row in rows {
            lines.append([row.key, row.id, row.fagsystem ?? "", row.title, row.responsible, row.performer,
                          row.dependencies.joined(separator: " "), row.coordinatedWith ?? "", row.status.rawValue, yesNo(row.ready)])
        }
        // The byte order mark tells spreadsheet programs (Excel in particular) that the file is
        // UTF-8, so Danish letters arrive intact.
        return "\u{FEFF}" + lines.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    private func json(_ rows: [Row]) -> String {
        // Written by hand: the keys stay in the documented order and `fagsystem` is an explicit null.
        func string(_ s: String) -> String { JSONText.string(s) }
        var out = "{\n  \"kommune\": \(string(plan.kommune)),\n  \"opgaver\": ["
        for (index, row) in rows.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            let fields: [(String, String)] = [
                ("nøgle", string(row.key)),
                ("id", string(row.id)),
                ("fagsystem", row.fagsystem.map(string) ?? "null"),
                ("titel", string(row.title)),
                ("ansvarlig", string(row.responsible)),
                ("udførende", string(row.performer)),
                ("afhænger_af", "[" + row.dependencies.map(string).joined(separator: ", ") + "]"),
                ("status", string(row.status.rawValue)),
                ("klar", row.ready ? "true" : "false"),
            ]
            out += "    {\n" + fields.map { "      \(string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n    }"
        }
        out += rows.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

    /// "Implementeringsplan for Eksempel Kommune (2024-05-01)".
    public var heading: String {
        "Implementeringsplan for \(plan.kommune)" + (plan.date.map { " (\($0))" } ?? "")
    }

    static func shorten(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}

/// JSON string literals.
enum JSONText {
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
