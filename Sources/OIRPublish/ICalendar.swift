import OIRSupport
import OIRModel

/// What a calendar file holds; the raw values are the words of `--calendar`.
public enum CalendarKind: String, Sendable, CaseIterable {
    /// An all-day event on each open task's frist (or projected finish) with a reminder: what
    /// Outlook and Google Calendar import.
    case events
    /// A VTODO per open task: a task list (Outlook does not import these; Thunderbird, Apple
    /// Reminders and others do).
    case tasks
}

/// Checklists as an iCalendar file (RFC 5545), without a METHOD: a file to import, not an iTIP
/// message (RFC 5546 would require an ORGANIZER with METHOD:PUBLISH and forbid ATTENDEE). Events
/// by default: an all-day VEVENT on each open task's frist or, when it has none, its projected
/// finish (said so in its summary), with a VALARM some days before; or one VTODO per open task.
/// The same plan gives the same bytes: the stamp is the day the plan is looked at and each UID
/// comes from the kommune and task key. SEQUENCE and LAST-MODIFIED come from that day too, so a
/// newer version of the plan file, imported again, replaces each entry instead of adding one.
struct ICalendar {
    let catalog: Catalog
    let labels: LabelSet
    var kind = CalendarKind.events
    /// Days before the day an event's reminder fires.
    var reminderDays = 2

    func calendar(_ lists: [Checklist]) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//oir-diagram//\(catalog.integration.id)//\(labels.language.rawValue.uppercased())",
                     "CALSCALE:GREGORIAN"]
        if lists.count == 1, let list = lists.first { lines.append("X-WR-CALNAME:" + Self.text(list.heading(labels))) }
        for list in lists {
            for row in list.rows where row.status != .done {
                lines += kind == .events ? event(row, stamp: list.analysis.day) : todo(row, stamp: list.analysis.day)
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// DTSTAMP, LAST-MODIFIED and SEQUENCE of a component from the day the plan is looked at: a
    /// later day gives a higher SEQUENCE (days since 2000), which calendars take as the newer version.
    private static func versioning(_ stamp: CalendarDay) -> [String] {
        let sequence = max(0, stamp.ordinal - CalendarDay("2000-01-01")!.ordinal)
        return ["DTSTAMP:\(stamp.compact)T000000Z", "LAST-MODIFIED:\(stamp.compact)T000000Z", "SEQUENCE:\(sequence)"]
    }

    private func describe(_ row: Checklist.Row) -> String {
        var description = [labels.text("tooltip.responsible", ["value": ChecklistWriter.role(row.responsible, row.responsiblePerson, labels: labels)]),
                           labels.text("tooltip.performer", ["value": ChecklistWriter.role(row.performer, row.performerPerson, labels: labels)])]
        if !row.waitingFor.isEmpty {
            description.append(labels.text("checklist.waiting_for") + ": " + row.waitingFor.map(\.key.description).joined(separator: ", "))
        }
        if let note = row.note { description.append(labels.text("checklist.note") + ": " + note) }
        return description.joined(separator: "\n")
    }

    /// An all-day event on the frist (or the projected finish), with a reminder.
    private func event(_ row: Checklist.Row, stamp: CalendarDay) -> [String] {
        guard let day = row.deadline ?? row.earliestFinish else { return [] }
        let what = labels.text(row.deadline != nil ? "calendar.deadline" : "calendar.projected", ["key": row.key.description, "title": row.title])
        let summary = Self.text("\(row.kommune): \(what)")
        var lines = ["BEGIN:VEVENT", "UID:\(Self.uid(row))"] + Self.versioning(stamp) + [
            "DTSTART;VALUE=DATE:\(day.compact)", "DTEND;VALUE=DATE:\(CalendarDay(ordinal: day.ordinal + 1).compact)",
            "SUMMARY:" + summary, "DESCRIPTION:" + Self.text(describe(row)),
            // A frist does not make the day busy.
            "TRANSP:TRANSPARENT",
        ]
        if row.overdue || row.critical { lines.append("PRIORITY:1") }
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + summary, "TRIGGER:-P\(reminderDays)D", "END:VALARM", "END:VEVENT"]
        return lines
    }

    private func todo(_ row: Checklist.Row, stamp: CalendarDay) -> [String] {
        var lines = ["BEGIN:VTODO", "UID:\(Self.uid(row))"] + Self.versioning(stamp) + [
                     "SUMMARY:" + Self.text("\(row.kommune): \(row.key) – \(row.title)")]
        lines.append("DESCRIPTION:" + Self.text(describe(row)))
        let due = row.deadline ?? row.earliestFinish
        if let start = row.earliestStart, due.map({ start <= $0 }) ?? true { lines.append("DTSTART;VALUE=DATE:\(start.compact)") }
        if let due { lines.append("DUE;VALUE=DATE:\(due.compact)") }
        lines.append("STATUS:" + (row.status == .inProgress ? "IN-PROCESS" : "NEEDS-ACTION"))
        if row.overdue || row.critical { lines.append("PRIORITY:1") }
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
