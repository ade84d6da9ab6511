import Foundation
import OIRTestSupport

/// Headless Chromium as the browser tests run it. Now and then a headless run never exits (seen
/// with `--virtual-time-budget` and a page server): every run gets a deadline through coreutils'
/// `timeout`, and a run that hit it is tried once more, so a hang costs a minute, not the CI run.
enum Chromium {
    /// Seconds one run may take.
    static let deadline = 90

    /// Runs `chromium arguments…` under `timeout` with the deadline.
    /// - Returns: its exit status, standard output and standard error.
    static func run(_ arguments: [String]) throws -> (status: Int32, out: Data, err: Data) {
        var result: (status: Int32, out: Data, err: Data) = (0, Data(), Data())
        for _ in 0..<2 {
            try ExternalTool.require("chromium")
            let run = try ExternalTool.run("timeout", ["-k", "10", String(deadline), "chromium"] + arguments)
            result = (run.status, run.stdout, run.stderr)
            // 124: the deadline passed; 137: killed after it.
            if result.status != 124, result.status != 137 { break }
        }
        return result
    }
}
