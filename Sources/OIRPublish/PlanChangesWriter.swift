import OIRSupport
import OIRModel

extension PlanChanges {
    /// The changes in `format` (ics and xlsx have no meaning here and give the table).
    public func export(_ format: PlanFormat, labels: LabelSet = .builtIn(), options: ChecklistOptions = ChecklistOptions()) -> String {
        switch format {
        case .json: json()
        case .csv: csv(labels: labels, delimiter: options.delimiter)
        case .markdown: markdown(labels: labels)
        case .table, .summary, .ics, .xlsx: text(labels: labels)
        }
    }

    private func kindText(_ kind: Kind, _ labels: LabelSet) -> String { labels.text("changes.\(kind.rawValue)") }

    /// Sections per kommune and kind; "no changes" when there are none.
    /// - Parameters:
    ///   - escape: makes the tool's own lines (and the names in them) safe for the format.
    private func sections(labels: LabelSet, escape: (String) -> String = { $0 }, title: (String) -> String, item: (Change) -> String) -> String {
        var out: [String] = []
        for name in addedKommuner { out.append(escape(labels.text("changes.kommune_added", ["kommune": name]))) }
        for name in removedKommuner { out.append(escape(labels.text("changes.kommune_removed", ["kommune": name]))) }
        var kommune: String?
        var kind: Kind?
        for change in changes {
            if change.kommune != kommune {
                out.append(title(change.kommune))
                kommune = change.kommune
                kind = nil
            }
            if change.kind != kind {
                out.append(escape(kindText(change.kind, labels) + ":"))
                kind = change.kind
            }
            out.append(item(change))
        }
        if out.isEmpty { out.append(escape(labels.text("changes.none"))) }
        return out.joined(separator: "\n") + "\n"
    }

    /// A change's key and title, and what it was and is; the end's move alone has no key.
    private static func line(_ change: Change) -> (String, String) {
        let title = [ScopedPlan.shorten(change.title, 60), change.detail.map { ScopedPlan.shorten($0, 120) }].compactMap { $0 }
            .filter { !$0.isEmpty }.joined(separator: ": ")
        return (change.key.description, title)
    }

    func text(labels: LabelSet) -> String {
        labels.text("changes.heading", ["day": day.description]) + "\n"
            + sections(labels: labels, title: { "\n\($0)" }, item: {
                let (key, text) = Self.line($0)
                return key.isEmpty ? "  \(text)" : "  \(key)  \(text)"
            })
    }

    func markdown(labels: LabelSet) -> String {
        "# " + Markdown.text(labels.text("changes.heading", ["day": day.description])) + "\n\n"
            + sections(labels: labels, escape: Markdown.text, title: { "\n## \(Markdown.text($0))\n" }, item: {
                let (key, text) = Self.line($0)
                return key.isEmpty ? "- \(Markdown.text(text))" : "- \(Markdown.text(key)): \(Markdown.text(text))"
            })
    }

    func csv(labels: LabelSet, delimiter: CSVDelimiter) -> String {
        let header = ["kommune", "change", "key", "title", "detail"].map { labels.text("field.\($0)", ["system": ""]) }
        var lines = [header]
        for name in addedKommuner { lines.append([name, Kind.added.rawValue, "", "", ""]) }
        for name in removedKommuner { lines.append([name, Kind.removed.rawValue, "", "", ""]) }
        lines += changes.map { [$0.kommune, $0.kind.rawValue, $0.key.description, $0.title, $0.detail ?? ""] }
        return "\u{FEFF}" + lines.map { $0.map(ChecklistWriter.csvField).joined(separator: delimiter.rawValue) + "\r\n" }.joined()
    }

    /// Keys and change words are an interface: the same in every language.
    func json() -> String {
        let string = JSONText.string
        let list = { (items: [String]) in "[" + items.map(string).joined(separator: ", ") + "]" }
        let rows = changes.map {
            "    {\"kommune\": \(string($0.kommune)), \"ændring\": \(string($0.kind.rawValue)), \"nøgle\": \($0.key.description.isEmpty ? "null" : string($0.key.description)), "
                + "\"titel\": \(string($0.title)), \"detalje\": \($0.detail.map(string) ?? "null")}"
        }
        return "{\n  \"dato\": \(string(day.description)),\n  \"nye_kommuner\": \(list(addedKommuner)),\n  \"fjernede_kommuner\": \(list(removedKommuner)),\n"
            + "  \"ændringer\": " + (rows.isEmpty ? "[]" : "[\n" + rows.joined(separator: ",\n") + "\n  ]") + "\n}\n"
    }
}
