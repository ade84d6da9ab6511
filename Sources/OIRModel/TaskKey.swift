/// Names one task instance: the task's id, and for work done once per instance of the plan's
/// repeated system (a fagsystem) that instance's name. Plan files and outputs write it `ID` or
/// `ID@name`; this type is the only code that joins or splits that form.
public struct TaskKey: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// What stands between the task id and the instance's name in the written form.
    public static let separator: Character = "@"

    public var task: TaskID
    /// The repeated system's instance it is done for; nil for work done once (and for a task of
    /// a catalog diagram, which has no instances).
    public var instance: String?

    public init(_ task: TaskID, instance: String? = nil) {
        self.task = task
        self.instance = instance
    }

    /// Reads the written form: the id is the text before the first separator, the instance's
    /// name everything after it. Text without a separator is a task id.
    public init(parsing text: String) {
        if let index = text.firstIndex(of: Self.separator) {
            self.init(String(text[..<index]), instance: String(text[text.index(after: index)...]))
        } else {
            self.init(text)
        }
    }

    public init(stringLiteral value: String) {
        self.init(parsing: value)
    }

    /// The written form, `ID` or `ID@name`.
    public var description: String {
        instance.map { "\(task)\(Self.separator)\($0)" } ?? task
    }

    /// The same key with the parts trimmed and case-folded, as keys are compared to suggest the
    /// one that was meant.
    public var folded: TaskKey {
        TaskKey(Plan.fold(task), instance: instance.map(Plan.fold))
    }

    /// Ordered as their written forms.
    public static func < (a: TaskKey, b: TaskKey) -> Bool {
        a.description < b.description
    }
}
