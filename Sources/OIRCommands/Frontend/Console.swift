import ArgumentParser
import Foundation
import OIRModel
import OIRRender

/// Exit codes the README documents.
enum ExitCodes {
    static let inputError = ExitCode(1)
    static let usageError = ExitCode(64)
    static let internalError = ExitCode(70)
    /// Standard output or standard error could not be written (a full disk, a closed stream).
    static let ioError = ExitCode(74)
}

/// Standard output could not be written.
struct StreamError: Error, CustomStringConvertible {
    var problem: String
    /// The reader went away (a closed pipe): nothing more to say.
    var readerGone: Bool

    var description: String { "standard output: \(problem)" }
}

/// Standard output and error through `write(2)`, so a failure is an error to report, never an
/// exception that ends the process with a backtrace.
enum Console {
    static func out(_ data: Data) throws {
        if let problem = Descriptor.writeAll(STDOUT_FILENO, data) {
            throw StreamError(problem: problem, readerGone: errno == EPIPE)
        }
    }

    static func line(_ text: String) throws {
        try out(Data((text + "\n").utf8))
    }

    /// One line on standard error; when even that fails, the process ends with the I/O exit code.
    static func error(_ message: String) {
        if Descriptor.writeAll(STDERR_FILENO, Data((message + "\n").utf8)) != nil {
            exit(ExitCodes.ioError.rawValue)
        }
    }
}

/// The most messages of one run printed in full; the rest are counted.
let maximumMessages = 50

/// Prints one clear message for a failure and turns it into the documented exit code.
func failure(_ error: Error) -> Error {
    switch error {
    case let error as InputError:
        Console.error("error: \(error)")
        return ExitCodes.inputError
    case let error as InputErrors:
        for e in error.errors.prefix(maximumMessages) { Console.error("error: \(e)") }
        if error.errors.count > maximumMessages {
            Console.error("error: … and \(error.errors.count - maximumMessages) more problems in the same file")
        }
        return ExitCodes.inputError
    case let error as OutputError:
        Console.error("error: \(error)")
        return ExitCodes.inputError
    case let error as StreamError:
        if !error.readerGone { Console.error("error: \(error)") }
        return ExitCodes.ioError
    case let error as RenderError:
        Console.error("error: \(error)")
        return ExitCodes.internalError
    default:
        return error
    }
}

/// Where a command's files go: written (see `OutputFile`), or with `--check` only compared with
/// what is on disk, so CI can ask whether committed diagrams are up to date.
struct Outputs {
    let check: Bool
    let inputs: [String]
    /// With `--check`: the files that are missing or differ.
    private(set) var stale: [String] = []
    /// Graphviz's warnings said so far: each is said once per run.
    private var warned: Set<String> = []

    init(check: Bool, inputs: [String]) {
        self.check = check
        self.inputs = inputs
    }

    /// Says each of Graphviz's warnings that this run has not said yet, on standard error.
    mutating func warn(_ warnings: [String]) {
        for warning in warnings where warned.insert(warning).inserted {
            Console.error("warning: Graphviz: \(warning) (the picture may differ from its layout; please report this with the input files)")
        }
    }

    /// The tool's own warnings about an output (`Rendered.notices`), each once.
    mutating func notice(_ notices: [String]) {
        for notice in notices where warned.insert(notice).inserted {
            Console.error("warning: \(notice)")
        }
    }

    mutating func put(_ data: Data, at path: String) throws {
        if check {
            if !OutputFile.isUpToDate(data, at: path) { stale.append(path) }
        } else {
            try OutputFile.write(data, to: path, inputs: inputs)
        }
    }

    /// With `--check`, names every file that would change and fails when there is one.
    func finish() throws {
        guard check, !stale.isEmpty else { return }
        for path in stale.prefix(maximumMessages) { Console.error("would change: \(path)") }
        if stale.count > maximumMessages { Console.error("… and \(stale.count - maximumMessages) more files") }
        throw ExitCodes.inputError
    }
}
