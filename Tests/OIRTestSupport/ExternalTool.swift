import Foundation
import XCTest

/// The one way tests reach outside programs, Python modules and fonts. Each must be listed in
/// `setup.sh`'s test-tool list, the list `./setup.sh --test` installs from; in CI (`CI` set) a missing one
/// fails the test, elsewhere it skips the test with the package that would bring it.
public enum ExternalTool {
    /// One line of the test-tool list.
    public struct Entry: Equatable, Sendable {
        public enum Kind: String, Sendable { case program, python, font }
        public var kind: Kind
        public var name: String
        /// `debian:NAME` or `pypi:NAME`.
        public var package: String
    }

    /// The package's root folder (three folders above this file).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The list's lines, between its marker lines in `setup.sh`.
    public static let listLines: [Substring] = {
        let url = packageRoot.appendingPathComponent("setup.sh")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        let lines = text.split(separator: "\n")
        guard let begin = lines.firstIndex(where: { $0.hasPrefix("# BEGIN TEST TOOLS") }),
              let end = lines.firstIndex(where: { $0.hasPrefix("# END TEST TOOLS") }), begin < end else { return [] }
        return Array(lines[(begin + 1)..<end])
    }()

    /// Every entry of the test-tool list.
    public static let entries: [Entry] = {
        listLines.compactMap { line in
            if line.hasPrefix("#") { return nil }
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 3, let kind = Entry.Kind(rawValue: fields[0]) else { return nil }
            return Entry(kind: kind, name: fields[1], package: fields[2])
        }
    }()

    /// How the package that brings `name` is installed, for messages.
    static func installHint(_ entry: Entry) -> String {
        if entry.package.hasPrefix("pypi:") { return "python3 -m pip install \(entry.package.dropFirst(5))" }
        return "apt-get install \(entry.package.replacingOccurrences(of: "debian:", with: ""))"
    }

    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// The absolute path of a program on `PATH`, if there is one.
    public static func path(of program: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func isPresent(_ entry: Entry) -> Bool {
        switch entry.kind {
        case .program: return path(of: entry.name) != nil
        case .font: return FileManager.default.fileExists(atPath: entry.name)
        case .python:
            guard path(of: "python3") != nil,
                  let result = try? execute("python3", ["-c", "import \(entry.name)"]) else { return false }
            return result.status == 0
        }
    }

    /// Makes sure every named tool is there: fails in CI, skips elsewhere, when one is not.
    /// - Parameters:
    ///   - names: programs, Python modules or font paths, each listed in the test-tool list.
    /// - Throws: `XCTSkip` outside CI when one is missing.
    public static func require(_ names: String..., file: StaticString = #filePath, line: UInt = #line) throws {
        for name in names {
            guard let entry = entries.first(where: { $0.name == name }) else {
                XCTFail("\(name) is not in setup.sh's test-tool list; add it with the package that brings it", file: file, line: line)
                throw XCTSkip("\(name) is not in setup.sh's test-tool list")
            }
            if isPresent(entry) { continue }
            let message = "\(name) is missing; ./setup.sh --test installs it (\(installHint(entry)))"
            if inCI { XCTFail(message, file: file, line: line) }
            throw XCTSkip(message)
        }
    }

    /// What a finished program left.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: Data
        public var output: String { String(decoding: stdout, as: UTF8.self) }
        public var errors: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// Runs a listed program (after `require`) and waits for it.
    /// - Parameters:
    ///   - program: a program in the test-tool list.
    ///   - arguments: its arguments.
    ///   - directory: the folder it runs in (default: the test's).
    ///   - input: what it reads on standard input (default: nothing).
    /// - Returns: its exit status and both output streams.
    /// - Throws: `XCTSkip` (or a failure in CI) when it is missing; an error when it cannot start.
    @discardableResult
    public static func run(_ program: String, _ arguments: [String], in directory: URL? = nil, input: Data? = nil,
                           file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        try require(program, file: file, line: line)
        return try execute(program, arguments, in: directory, input: input)
    }

    /// Starts a listed program and leaves it running (a server); the caller terminates it.
    /// - Parameters:
    ///   - log: the file its standard error goes to (default: none).
    public static func start(_ program: String, _ arguments: [String], in directory: URL? = nil, log: URL? = nil,
                             file: StaticString = #filePath, line: UInt = #line) throws -> Process {
        try require(program, file: file, line: line)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path(of: program) ?? program)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = FileHandle.nullDevice
        if let log {
            try create(log, contents: Data())
            process.standardError = try FileHandle(forWritingTo: log)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        return process
    }

    /// Runs a program no list names: one this package builds, or the Swift toolchain that runs the
    /// tests. Everything else goes through `run`.
    /// - Parameters:
    ///   - executable: the program's absolute path.
    @discardableResult
    ///   - environment: variables set for it, on top of the test's own.
    public static func runOwn(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                              environment: [String: String] = [:]) throws -> Result {
        try execute(executable.path, arguments, in: directory, environment: environment)
    }

    /// How long one outside program may run, in seconds (a release build on a slow machine takes
    /// minutes): past it, the program and everything it started are stopped and the run fails,
    /// so a program that hangs fails its test instead of stalling the whole suite.
    public static let timeLimit = 1200

    /// Runs a program without the list check. Standard error goes to a file, so a full pipe never
    /// stalls a program while its standard output is read. The program runs under coreutils'
    /// `timeout`, which stops its whole process group at `timeLimit` (a shell's children too).
    static func execute(_ program: String, _ arguments: [String], in directory: URL? = nil, input: Data? = nil,
                        environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let executable = program.hasPrefix("/") ? program : (path(of: program) ?? program)
        let watchdog = "/usr/bin/timeout"
        let watched = FileManager.default.isExecutableFile(atPath: watchdog)
        if watched {
            process.executableURL = URL(fileURLWithPath: watchdog)
            process.arguments = ["-k", "10", "\(timeLimit)", executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        if let directory { process.currentDirectoryURL = directory }
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("oir-tool-\(UUID().uuidString).log")
        try create(errFile, contents: Data())
        defer { try? FileManager.default.removeItem(at: errFile) }
        let errHandle = try FileHandle(forWritingTo: errFile)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errHandle
        // Standard input from a file too: the program may write before it has read everything.
        let inFile = FileManager.default.temporaryDirectory.appendingPathComponent("oir-tool-\(UUID().uuidString).in")
        try create(inFile, contents: input ?? Data())
        defer { try? FileManager.default.removeItem(at: inFile) }
        let inHandle = try FileHandle(forReadingFrom: inFile)
        defer { try? inHandle.close() }
        process.standardInput = inHandle
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errHandle.close()
        var stderr = (try? Data(contentsOf: errFile)) ?? Data()
        // `timeout`'s own status when the limit stopped the program.
        if watched, process.terminationStatus == 124 || process.terminationStatus == 137 {
            stderr += Data("\n\(program) was stopped after \(timeLimit) s\n".utf8)
        }
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// A new file holding `contents` (written in place: a program is about to open it by name).
    private static func create(_ url: URL, contents: Data) throws {
        try contents.write(to: url)
    }
}
