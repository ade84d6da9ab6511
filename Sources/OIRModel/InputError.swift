/// A problem with a file a user gave the tool: where it is and what would be right.
///
/// Its description is the one message the CLI prints, in the `file:line:column: message`
/// form that editors and terminals link to.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// 1-based; nil when the problem is the file as a whole.
    public var line: Int?
    public var column: Int?
    /// What is wrong, naming the offending value.
    public var message: String
    /// What would be right, if that can be said.
    public var hint: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        var text = "\(location): \(message)"
        if let hint { text += " (\(hint))" }
        return text
    }
}

/// Several input problems found in one pass, reported together.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]

    public init(_ errors: [InputError]) {
        self.errors = errors
    }

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
