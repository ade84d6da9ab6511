import Foundation

/// Headless Chromium as the browser tests run it. Now and then a headless run never exits (seen
/// with `--virtual-time-budget` and a page server): every run gets a deadline through coreutils'
/// `timeout`, and a run that hit it is tried once more, so a hang costs a minute, not the CI run.
enum Chromium {
    /// Seconds one run may take.
    static let deadline = 90

    /// Runs `chromium arguments…` through `/usr/bin/env` with the deadline.
    /// - Returns: its exit status, standard output and standard error.
    static func run(_ arguments: [String]) throws -> (status: Int32, out: Data, err: Data) {
        var result: (status: Int32, out: Data, err: Data) = (0, Data(), Data())
        for _ in 0..<2 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["timeout", "-k", "10", String(deadline), "chromium"] + arguments
            // Standard error goes to a file: a full stderr pipe must not stall the browser while
            // standard output is read.
            let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("oir-chromium-\(UUID().uuidString).log")
            FileManager.default.createFile(atPath: errFile.path, contents: nil)
            defer { try? FileManager.default.removeItem(at: errFile) }
            let errHandle = try FileHandle(forWritingTo: errFile)
            let out = Pipe()
            process.standardOutput = out
            process.standardError = errHandle
            try process.run()
            let outData = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            try errHandle.close()
            let errData = (try? Data(contentsOf: errFile)) ?? Data()
            result = (process.terminationStatus, outData, errData)
            // 124: the deadline passed; 137: killed after it.
            if result.status != 124, result.status != 137 { break }
        }
        return result
    }
}
