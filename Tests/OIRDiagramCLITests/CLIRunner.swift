import ArgumentParser
import Foundation
import OIRCommands
import OIRTestSupport
import XCTest

/// What a command line left: its exit status and both output streams.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `oir-diagram` the way a user does. By default in the test's own process, through the
/// `OIRCommands` library, with standard output and error caught on their file descriptors, so
/// the test sees exactly the bytes and exit code the binary gives; `spawn` runs the built binary
/// as its own process where that is the point (signals, closed streams, the environment Graphviz
/// reads at start, another copy of the binary).
enum CLIRunner {
    /// The test bundle sits in the build products folder next to the executable.
    static var binary: URL {
        final class Marker {}
        var folder = Bundle(for: Marker.self).bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("oir-diagram")
    }

    /// Runs the command line `arguments`: in-process, unless another executable or an
    /// environment is given (those need a process of their own).
    static func run(_ arguments: [String], in directory: URL? = nil, executable: URL? = nil,
                    environment: [String: String]? = nil) throws -> CLIResult {
        if executable != nil || environment != nil {
            return try spawn(arguments, in: directory, executable: executable ?? binary, environment: environment)
        }
        return try inProcess(arguments, in: directory)
    }

    /// Runs `executable` as a process of its own.
    static func spawn(_ arguments: [String], in directory: URL? = nil, executable: URL = binary,
                      environment: [String: String]? = nil) throws -> CLIResult {
        let result = try ExternalTool.runOwn(executable, arguments, in: directory, environment: environment ?? [:])
        return CLIResult(status: result.status, stdout: result.output, stderr: result.errors)
    }

    /// Parses and runs the command in this process, as `ParsableCommand.main()` would: an error
    /// becomes its message (help and version on standard output, the rest on standard error)
    /// and its exit code.
    static func inProcess(_ arguments: [String], in directory: URL? = nil) throws -> CLIResult {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("oir-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("stdout").path, errPath = scratch.appendingPathComponent("stderr").path
        let previousDirectory = FileManager.default.currentDirectoryPath
        if let directory, !FileManager.default.changeCurrentDirectoryPath(directory.path) {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: directory.path])
        }
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previousDirectory) }

        fflush(nil)
        let savedOut = dup(STDOUT_FILENO), savedErr = dup(STDERR_FILENO)
        let outFile = open(outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600), errFile = open(errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        dup2(outFile, STDOUT_FILENO)
        dup2(errFile, STDERR_FILENO)
        var status: Int32 = 0
        do {
            var command = try OIRDiagramCommand.parseAsRoot(arguments)
            try command.run()
        } catch {
            status = OIRDiagramCommand.exitCode(for: error).rawValue
            let message = OIRDiagramCommand.fullMessage(for: error)
            if !message.isEmpty {
                let bytes = Array((message + "\n").utf8)
                _ = bytes.withUnsafeBytes { write(status == 0 ? STDOUT_FILENO : STDERR_FILENO, $0.baseAddress, $0.count) }
            }
        }
        fflush(nil)
        dup2(savedOut, STDOUT_FILENO)
        dup2(savedErr, STDERR_FILENO)
        for descriptor in [savedOut, savedErr, outFile, errFile] { close(descriptor) }
        return CLIResult(status: status, stdout: String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self),
                         stderr: String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self))
    }
}

extension XCTestCase {
    /// Writes `text` into `folder` as `name`; returns its path.
    func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// A fresh folder, removed when the test ends.
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("oir-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
