import OIRSupport
import OIRModel

/// Checklists as an iCalendar file (RFC 5545): one VTODO per open task, due on its frist or, when
/// it has none, its projected finish. The same plan gives the same bytes: the stamp is the day the
/// plan is looked at and each UID comes from the kommune and task key.
struct ICalendar {
    let catalog: Catalog
    let labels: LabelSet

    func calendar(_ lists: [Checklist]) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//oir-diagram//\(catalog.integration.id)//\(labels.language.rawValue.uppercased())",
                     "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        if lists.count == 1, let list = lists.first { lines.append("X-WR-CALNAME:" + Self.text(list.heading(labels))) }
        for list in lists {
            for row in list.rows where row.status != .done {
                lines += todo(row, stamp: list.analysis.day)
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    private func todo(_ row: Checklist.Row, stamp: CalendarDay) -> [String] {
        var lines = ["BEGIN:VTODO", "UID:\(Self.uid(row))", "DTSTAMP:\(stamp.compact)T000000Z",
                     "SUMMARY:" + Self.text("\(row.kommune): \(row.key) – \(row.title)")]
        var description = [labels.text("tooltip.responsible", ["value": ChecklistWriter.role(row.responsible, row.responsiblePerson, labels: labels)]),
                           labels.text("tooltip.performer", ["value": ChecklistWriter.role(row.performer, row.performerPerson, labels: labels)])]
        if !row.waitingFor.isEmpty {
            description.append(labels.text("checklist.waiting_for") + ": " + row.waitingFor.map(\.key.description).joined(separator: ", "))
        }
        if let note = row.note { description.append(labels.text("checklist.note") + ": " + note) }
        lines.append("DESCRIPTION:" + Self.text(description.joined(separator: "\n")))
        let due = row.deadline ?? row.earliestFinish
        if let start = row.earliestStart, due.map({ start <= $0 }) ?? true { lines.append("DTSTART;VALUE=DATE:\(start.compact)") }
        if let due { lines.append("DUE;VALUE=DATE:\(due.compact)") }
        lines.append("STATUS:" + (row.status == .inProgress ? "IN-PROCESS" : "NEEDS-ACTION"))
        if row.overdue || row.critical { lines.append("PRIORITY:1") }
        if let email = row.performerPerson?.email {
            lines.append("ATTENDEE;CN=" + Self.parameter(row.performerPerson!.name) + ":mailto:" + email)
        }
        lines.append("END:VTODO")
        return lines
    }

    /// A stable, unique id: the task key's readable part and a hash of kommune and key.
    static func uid(_ row: Checklist.Row) -> String {
        let readable = Slug.words(row.key.description)
        let hex = Hashing.hex(row.kommune + "\u{1F}" + row.key.description)
        return "\(readable.isEmpty ? "task" : readable)-\(String(repeating: "0", count: 16 - hex.count))\(hex)@oir-diagram"
    }

    /// A TEXT value: backslash, semicolon, comma and line breaks escaped.
    static func text(_ value: String) -> String {
        var out = ""
        for c in value {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    /// A parameter value: quoted, without the characters a quoted parameter cannot hold.
    static func parameter(_ value: String) -> String {
        "\"" + value.filter { $0 != "\"" && !$0.isNewline } + "\""
    }

    /// Content lines longer than 75 octets are folded (CRLF and a space), never inside a
    /// character's UTF-8 bytes.
    static func fold(_ line: String) -> String {
        var out = ""
        var count = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if count + size > 75 {
                out += "\r\n "
                count = 1
            }
            out.unicodeScalars.append(scalar)
            count += size
        }
        return out
    }
}
