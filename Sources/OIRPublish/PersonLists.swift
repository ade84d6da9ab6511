import Foundation
import OIRModel

/// A list for every person a plan names (`plan FILE --per-person -o DIR`): in a folder per
/// person, their open tasks in order as Markdown and CSV (each with what it waits for and who
/// does that) and their own calendar file; and an index of everyone with their count of open
/// tasks and links to their files.
public enum PersonLists {
    /// One person's line of the index: who, the folder of their files, their open tasks.
    struct Entry {
        var person: Person
        var folder: String
        var openTasks: Int
    }

    /// The files, relative to the output folder: `index.md` first, then each person's
    /// `<folder>/opgaver.md`, `opgaver.csv` and `kalender.ics`.
    public static func files(_ plans: [ScopedPlan], catalog: Catalog, labels: LabelSet, options: ChecklistOptions,
                             rollout: Bool) -> [(name: String, data: Data)] {
        var files: [(name: String, data: Data)] = []
        var people: [Entry] = []
        var usedFolders: Set<String> = []
        for person in everyone(plans, catalog: catalog, options: options) {
            var own = options
            own.person = person.email ?? person.name
            own.only = .open
            let lists = plans.map { Checklist($0, catalog: catalog, labels: labels, options: own) }.filter { !$0.rows.isEmpty || !rollout }
            let open = lists.reduce(0) { $0 + $1.rows.count }
            var folder = Slug.make(person.name), counter = 2
            if folder.isEmpty { folder = "person" }
            while !usedFolders.insert(folder).inserted { folder = "\(Slug.make(person.name))-\(counter)"; counter += 1 }
            let writer = ChecklistWriter(catalog: catalog, labels: labels, options: own)
            let heading = labels.text("people.heading", ["name": person.name])
            let markdown = "# \(Markdown.text(heading))\n\n" + (open == 0 ? Markdown.text(labels.text("people.none")) + "\n"
                : writer.markdownTable(lists, rollout: rollout))
            files.append(("\(folder)/opgaver.md", Data(markdown.utf8)))
            files.append(("\(folder)/opgaver.csv", Data(writer.csv(lists, rollout: rollout).utf8)))
            files.append(("\(folder)/kalender.ics", Data(writer.write(lists, .ics, rollout: rollout).utf8)))
            people.append(Entry(person: person, folder: folder, openTasks: open))
        }
        files.insert(("index.md", Data(index(people, plans: plans, labels: labels).utf8)), at: 0)
        return files
    }

    /// Everyone a plan names for a task's responsible or performing role, once (by name as
    /// names are compared), by name.
    static func everyone(_ plans: [ScopedPlan], catalog: Catalog, options: ChecklistOptions) -> [Person] {
        var byName: [String: Person] = [:]
        for plan in plans {
            let analysis = plan.analysis(on: options.day.of(plan.plan))
            for person in Array(analysis.responsiblePerson.values) + Array(analysis.performerPerson.values) {
                let key = Plan.fold(person.name)
                // The fullest entry wins: the one with an address or organisation.
                if let known = byName[key], known.email != nil || person.email == nil { continue }
                byName[key] = person
            }
        }
        return byName.values.sorted { ($0.name.lowercased(), $0.name) < ($1.name.lowercased(), $1.name) }
    }

    static func index(_ people: [Entry], plans: [ScopedPlan], labels: LabelSet) -> String {
        let kommuner = plans.map(\.plan.kommune).joined(separator: ", ")
        var out = "# \(Markdown.text(labels.text("people.index", ["kommuner": kommuner])))\n\n"
        let header = ["name", "email", "organisation", "open", "files"].map { labels.text("people.column.\($0)") }
        out += "| " + header.map(Markdown.cell).joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: "---|", count: header.count) + "\n"
        for entry in people {
            let links = ["opgaver.md", "opgaver.csv", "kalender.ics"].map { "[\($0)](\(entry.folder)/\($0))" }.joined(separator: " · ")
            let cells = [Markdown.cell(entry.person.name), Markdown.cell(entry.person.email ?? ""), Markdown.cell(entry.person.organisation ?? ""),
                         "\(entry.openTasks)", links]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }
}
