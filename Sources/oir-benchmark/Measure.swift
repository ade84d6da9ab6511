import Foundation
#if canImport(Glibc)
import Glibc
private let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)
#elseif canImport(Darwin)
import Darwin
private let RUSAGE_SELF_WHO = RUSAGE_SELF
#endif

/// Timing helpers: warm-up, several runs, medians; child processes timed the same way.
enum Measure {
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Median seconds of `runs` calls of `body` after `warmup` calls.
    static func median(warmup: Int = 1, runs: Int, _ body: () throws -> Void) rethrows -> Double {
        for _ in 0..<warmup { try body() }
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let start = now()
            try body()
            times.append(now() - start)
        }
        return middle(times)
    }

    static func middle(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// Peak resident memory of this process so far, in MB.
    static func peakRSSMB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF_WHO, &usage)
        return Double(usage.ru_maxrss) / 1024 // kB on Linux
    }

    struct ChildResult {
        var seconds: Double
        var peakRSSMB: Double
        var status: Int32
    }

    /// Runs a program (found on PATH unless the path has a slash) with stdout and stderr sent to
    /// /dev/null, and returns its wall time, its own peak RSS (wait4) and exit status.
    static func run(_ program: String, _ arguments: [String]) -> ChildResult {
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_addopen(&fileActions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&fileActions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = now()
        let spawned = program.contains("/")
            ? posix_spawn(&pid, program, &fileActions, nil, argv, environ)
            : posix_spawnp(&pid, program, &fileActions, nil, argv, environ)
        guard spawned == 0 else { return ChildResult(seconds: 0, peakRSSMB: 0, status: -1) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = now() - start
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ChildResult(seconds: seconds, peakRSSMB: Double(usage.ru_maxrss) / 1024, status: exit)
    }

    /// Median of a child process over several runs; fails loudly if it does not succeed.
    static func medianRun(warmup: Int = 1, runs: Int, _ program: String, _ arguments: [String]) throws -> ChildResult {
        var results: [ChildResult] = []
        for i in 0..<(warmup + max(1, runs)) {
            let result = run(program, arguments)
            guard result.status == 0 else {
                throw BenchmarkError("\(program) \(arguments.joined(separator: " ")) exited with status \(result.status)")
            }
            if i >= warmup { results.append(result) }
        }
        return ChildResult(seconds: middle(results.map(\.seconds)), peakRSSMB: results.map(\.peakRSSMB).max() ?? 0, status: 0)
    }

    /// Seconds as a short text: "12.3 ms", "1.52 s".
    static func text(_ seconds: Double) -> String {
        if seconds >= 1 { return String(format: "%.2f s", seconds) }
        if seconds >= 0.01 { return String(format: "%.0f ms", seconds * 1000) }
        return String(format: "%.1f ms", seconds * 1000)
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
