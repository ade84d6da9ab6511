import Foundation

/// A plan's schedule frozen on one day (`plan FILE --save-baseline FILE`): each task's planned
/// first and last day and the projected end, per kommune. A later run given the file
/// (`--baseline FILE`) shows how far each task and the end have slipped since.
public struct Baseline: Sendable, Equatable {
    /// One kommune's frozen schedule.
    public struct Kommune: Sendable, Equatable {
        public var kommune: String
        /// The day the schedule was frozen on.
        public var day: CalendarDay
        public var end: CalendarDay?
        /// Task keys in plan order, each with its planned days.
        public var tasks: [(key: TaskKey, span: DaySpan)]

        public static func == (a: Kommune, b: Kommune) -> Bool {
            a.kommune == b.kommune && a.day == b.day && a.end == b.end
                && a.tasks.map(\.key) == b.tasks.map(\.key) && a.tasks.map(\.span) == b.tasks.map(\.span)
        }

        /// The planned days of one task.
        public func span(of key: TaskKey) -> DaySpan? {
            tasks.first { $0.key == key }?.span
        }
    }

    public var kommuner: [Kommune]

    /// The format's name and version, first in the file.
    public static let format = "oir-diagram/baseline"
    public static let version = 1

    /// The frozen schedule of `plans`, each looked at on its day: open work as projected, done
    /// work with a recorded day as done.
    public static func make(_ plans: [ScopedPlan], day: PlanDay) -> Baseline {
        Baseline(kommuner: plans.map { plan in
            let analysis = plan.analysis(on: day.of(plan.plan))
            let schedule = analysis.schedule
            let tasks = plan.instances.compactMap { instance -> (key: TaskKey, span: DaySpan)? in
                if let done = schedule?.done[instance.key] { return (instance.key, done) }
                guard let start = schedule?.earliestStart[instance.key], let finish = schedule?.earliestFinish[instance.key] else { return nil }
                return (instance.key, DaySpan(start: start, finish: finish))
            }
            return Kommune(kommune: plan.plan.kommune, day: analysis.day, end: schedule?.end, tasks: tasks)
        })
    }

    /// The kommune's frozen schedule, by name as names are compared.
    public func kommune(_ name: String) -> Kommune? {
        kommuner.first { Plan.fold($0.kommune) == Plan.fold(name) }
    }

    /// The file's text: JSON in a fixed key order, so the same schedule gives the same bytes.
    public func json() -> String {
        func quoted(_ text: String) -> String {
            let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
            return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
        }
        let entries = kommuner.map { k in
            let tasks = k.tasks.map { "      \(quoted($0.key.description)): {\"start\": \(quoted($0.span.start.description)), \"slut\": \(quoted($0.span.finish.description))}" }
            return "    {\"kommune\": \(quoted(k.kommune)), \"dato\": \(quoted(k.day.description)), "
                + "\"forventet_slut\": \(k.end.map { quoted($0.description) } ?? "null"), \"opgaver\": {"
                + (tasks.isEmpty ? "}}" : "\n" + tasks.joined(separator: ",\n") + "\n    }}")
        }
        return "{\"format\": \(quoted(Self.format)), \"version\": \(Self.version), \"kommuner\": [\n" + entries.joined(separator: ",\n") + "\n]}\n"
    }

    /// The baseline file at `path`, read with the checks of every input file.
    /// - Throws: `InputError` for a file that cannot be read; `InputErrors` as `read(_:file:)`.
    public static func load(path: String) throws -> Baseline {
        let text = try InputFile.read(path, missingHint: "write one with 'oir-diagram plan PLAN --save-baseline \(path)'")
        return try read(Data(text.utf8), file: path)
    }

    /// A baseline file.
    /// - Throws: `InputErrors` naming each problem of the file (not JSON, another format, a
    ///   kommune or day that is not one), all in one run.
    public static func read(_ data: Data, file: String) throws -> Baseline {
        func problem(_ message: String, _ hint: String? = nil) -> InputError { InputError(file: file, message: message, hint: hint) }
        let writeOne = "write one with 'oir-diagram plan PLAN --save-baseline \(file)'"
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw problem("is not a baseline file: not a JSON object", writeOne)
        }
        guard object["format"] as? String == format else { throw problem("is not a baseline file: its 'format' is not \"\(format)\"", writeOne) }
        guard (object["version"] as? Int) == version else { throw problem("is a baseline of version \(object["version"] ?? "none"); this tool reads version \(version)", writeOne) }
        var problems: [InputError] = []
        var kommuner: [Kommune] = []
        for (index, entry) in (object["kommuner"] as? [[String: Any]] ?? []).enumerated() {
            let what = "kommune \(index + 1)"
            guard let name = entry["kommune"] as? String, let day = (entry["dato"] as? String).flatMap(CalendarDay.init) else {
                problems.append(problem("\(what) has no 'kommune' name or no 'dato' (YYYY-MM-DD)", writeOne))
                continue
            }
            var tasks: [(key: TaskKey, span: DaySpan)] = []
            for (key, value) in (entry["opgaver"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let days = value as? [String: Any]
                guard let start = (days?["start"] as? String).flatMap(CalendarDay.init), let finish = (days?["slut"] as? String).flatMap(CalendarDay.init) else {
                    problems.append(problem("'\(key)' of \(name) has no 'start' and 'slut' days (YYYY-MM-DD)"))
                    continue
                }
                tasks.append((TaskKey(parsing: key), DaySpan(start: start, finish: finish)))
            }
            let end = (entry["forventet_slut"] as? String).flatMap(CalendarDay.init)
            kommuner.append(Kommune(kommune: name, day: day, end: end, tasks: tasks))
        }
        if !problems.isEmpty { throw InputErrors(problems) }
        return Baseline(kommuner: kommuner)
    }
}

extension WorkingCalendar {
    /// Working days from `from` to `to`: positive when `to` is later, negative when earlier.
    public func slip(from: CalendarDay, to: CalendarDay) -> Int {
        to >= from ? workingDays(after: from, through: to) : -workingDays(after: to, through: from)
    }
}
