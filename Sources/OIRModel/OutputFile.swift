import Foundation

/// Writes output without ever destroying anything:
/// - a regular file is replaced atomically: the bytes go to a temporary file in the target's
///   folder, which then takes the old file's mode and is renamed over it; on any failure, or on
///   SIGINT/SIGTERM/SIGHUP, the target is untouched and the temporary file removed;
/// - a symbolic link is written through to the file it names (the link stays a link);
/// - a character device, FIFO or socket (`/dev/null`, `/dev/stdout`, a named pipe) is written to
///   directly, never renamed over;
/// - a read-only file, and a file that is one of the command's inputs (compared by device and
///   inode, through links), are refused before anything is written.
public enum OutputFile {
    /// Writes `data` to `path`.
    /// - Parameters:
    ///   - inputs: The files the command read (catalog, plan, style): never overwritten.
    /// - Throws: `OutputError` naming the path and what is wrong.
    public static func write(_ data: Data, to path: String, inputs: [String] = []) throws {
        try write(data, to: path, inputs: inputs, writer: { handle, data in try handle.write(contentsOf: data) })
    }

    /// `writer` puts the bytes into the temporary file; tests pass one that fails (a full disk).
    static func write(_ data: Data, to path: String, inputs: [String] = [], writer: (FileHandle, Data) throws -> Void) throws {
        let target = try check(path, inputs: inputs)
        switch target {
        case let .stream(resolved): try stream(data, to: resolved, shown: path)
        case let .replace(resolved, mode, owner): try replace(data, at: resolved, shown: path, mode: mode, owner: owner, writer: writer)
        }
    }

    /// Where and how `path` will be written; throws for what must not be written at all. Call it
    /// for every output of a command before writing the first.
    /// - Throws: `OutputError` for a directory, a missing folder, a read-only file or an input.
    @discardableResult
    public static func check(_ path: String, inputs: [String]) throws -> Target {
        try refuseInput(path, inputs: inputs)
        var resolved = path
        var info = stat()
        // /dev/stdout, /dev/fd/N, /proc/self/fd/N: whatever they lead to is written to directly.
        if path.hasPrefix("/dev/") || path.hasPrefix("/proc/"), stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
            return .stream(path)
        }
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            // Written through to what the link names; a dangling link names a file to create.
            guard let real = realpath(path, nil) ?? danglingTarget(path) else {
                throw OutputError(path: path, message: "is a symbolic link that cannot be followed")
            }
            resolved = String(cString: real)
            free(real)
        }
        if stat(resolved, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                // A name with an extension is a file the tool means to write (a docs page, a
                // picture of a set): a folder has taken its place. Otherwise a folder was given.
                let named = URL(fileURLWithPath: path).pathExtension.isEmpty == false
                throw OutputError(path: path, message: "is a directory",
                                  hint: named ? "a folder stands where this file is to be written; rename or remove the folder, or write elsewhere"
                                      : "give a file name, e.g. \(path)/diagram.svg")
            case S_IFREG:
                if info.st_mode & 0o222 == 0 || access(resolved, W_OK) != 0 {
                    throw OutputError(path: path, message: "is read-only", hint: "a read-only file is not replaced; choose another output or make it writable")
                }
                return .replace(resolved, mode: info.st_mode & 0o7777, owner: (info.st_uid, info.st_gid))
            default:
                return .stream(resolved)
            }
        }
        let folder = URL(fileURLWithPath: resolved).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputError(path: path, message: "its folder \(folder) does not exist")
        }
        return .replace(resolved, mode: nil, owner: nil)
    }

    /// How an output is written.
    public enum Target {
        /// A device, FIFO or socket: written to directly.
        case stream(String)
        /// A regular file (or none yet): a temporary file renamed over it, keeping its mode and owner.
        case replace(String, mode: mode_t?, owner: (uid_t, gid_t)?)
    }

    /// Whether the file at `path` already holds exactly `data` (false when it is missing).
    public static func isUpToDate(_ data: Data, at path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == data.count else { return false }
        return FileManager.default.contents(atPath: path) == data
    }

    /// Throws when `path` is one of `inputs` (through links): the one problem that stops a whole
    /// run before it writes anything, whatever else is wrong with a single output.
    public static func refuseInput(_ path: String, inputs: [String]) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        for input in inputs where sameFile(info, input) {
            throw OutputError(path: path, message: "is the input file \(input)", hint: "writing it would destroy the input; choose another output")
        }
    }

    private static func sameFile(_ info: stat, _ input: String) -> Bool {
        var other = stat()
        return stat(input, &other) == 0 && other.st_dev == info.st_dev && other.st_ino == info.st_ino
    }

    /// The path a dangling symbolic link names, relative to the link's folder.
    private static func danglingTarget(_ path: String) -> UnsafeMutablePointer<CChar>? {
        guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { return nil }
        let full = destination.hasPrefix("/") ? destination
            : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(destination).path
        return strdup(full)
    }

    private static func stream(_ data: Data, to path: String, shown: String) throws {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw OutputError(path: shown, message: "cannot be opened for writing: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        if let problem = Descriptor.writeAll(fd, data) {
            throw OutputError(path: shown, message: "writing failed: \(problem)")
        }
    }

    private static func replace(_ data: Data, at path: String, shown: String, mode: mode_t?, owner: (uid_t, gid_t)?,
                                writer: (FileHandle, Data) throws -> Void) throws {
        guard let temporary = try stage(data, at: path, shown: shown, mode: mode, owner: owner, writer: writer) else { return }
        defer { TemporaryFiles.unregister(temporary) }
        if rename(temporary, path) != 0 {
            let problem = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputError(path: shown, message: "cannot replace the file: \(problem)")
        }
    }

    /// Writes `data` into a temporary file beside `path`, ready to be renamed over it, and
    /// registers it for removal on a signal. Returns nil when `path` already holds `data`: the
    /// file keeps its time (a build stays up to date). On failure nothing is left behind.
    static func stage(_ data: Data, at path: String, shown: String, mode: mode_t?, owner: (uid_t, gid_t)?,
                      writer: (FileHandle, Data) throws -> Void) throws -> String? {
        if mode != nil, isUpToDate(data, at: path) { return nil }
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent()
        // Named after the target, but short enough for any file system (a name has at most 255 bytes).
        let stem = String(target.lastPathComponent.prefix(40))
        let temporary = folder.appendingPathComponent(".\(stem).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp")
        // Registered before it exists: a signal the moment after it is created still removes it.
        TemporaryFiles.register(temporary.path)
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            TemporaryFiles.unregister(temporary.path)
            throw OutputError(path: shown, message: "cannot write in \(folder.path)", hint: "check that the folder is writable")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try writer(handle, data)
                holdForTests()
                // The old file's mode (never wider), or what a new file gets under the umask.
                _ = fchmod(handle.fileDescriptor, mode ?? Self.defaultMode)
                if let owner, getuid() == 0 { _ = fchown(handle.fileDescriptor, owner.0, owner.1) }
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            return temporary.path
        } catch {
            unlink(temporary.path)
            TemporaryFiles.unregister(temporary.path)
            if let error = error as? OutputError { throw error }
            throw OutputError(path: shown, message: "writing failed: \(error.localizedDescription)", hint: "is the disk full?")
        }
    }

    /// Keeps the temporary file for `OIR_TEST_HOLD_TEMPORARY_MS` milliseconds before the rename,
    /// so a test can interrupt the process exactly while it exists. Unset, it does nothing.
    private static func holdForTests() {
        guard let value = ProcessInfo.processInfo.environment["OIR_TEST_HOLD_TEMPORARY_MS"], let ms = UInt32(value) else { return }
        usleep(min(ms, 10_000) * 1000)
    }

    /// 0666 less the process's umask, as `>` would create the file.
    private static let defaultMode: mode_t = {
        let mask = umask(0)
        umask(mask)
        return 0o666 & ~mask
    }()
}

/// The temporary files being written, removed when the process is interrupted (SIGINT, SIGTERM,
/// SIGHUP) before they are renamed: one for a single output, every file of a set (`OutputSet`)
/// until the set is renamed into place. The handler only calls `unlink`, which is safe in a
/// signal handler, on C strings kept in a C array.
enum TemporaryFiles {
    nonisolated(unsafe) private static var paths = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: 1)
    nonisolated(unsafe) private static var capacity = 1
    nonisolated(unsafe) private static var count = 0
    nonisolated(unsafe) private static var installed = false

    static func register(_ path: String) {
        installHandlers()
        if count == capacity {
            let larger = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity * 2)
            larger.update(from: paths, count: count)
            let old = paths
            paths = larger
            capacity *= 2
            old.deallocate()
        }
        paths[count] = strdup(path)
        count += 1
    }

    static func unregister(_ path: String) {
        for index in 0..<count where paths[index].map({ String(cString: $0) == path }) == true {
            free(paths[index])
            paths[index] = paths[count - 1]
            count -= 1
            return
        }
    }

    private static func installHandlers() {
        guard !installed else { return }
        installed = true
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            // A signal the process was started ignoring (SIGINT for a background job) stays ignored.
            let previous = signal(sig, SIG_IGN)
            if let previous, unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            signal(sig) { sig in
                for index in 0..<TemporaryFiles.count { if let path = TemporaryFiles.paths[index] { unlink(path) } }
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }
}

/// A set of outputs written whole or not at all (a documentation set: pages, pictures and the
/// index): every file is first written beside its target, and only when all of them are written
/// are they renamed into place. A full disk or any other failure leaves every target as it was.
public struct OutputSet {
    private var staged: [(temporary: String, target: String, shown: String)] = []
    private let inputs: [String]

    public init(inputs: [String] = []) {
        self.inputs = inputs
    }

    /// Writes `data` beside `path`, to be put in place by `commit`; a device or pipe is written
    /// at commit. A file that already holds these bytes is left as it is.
    /// - Throws: `OutputError`; the files staged so far are removed.
    public mutating func stage(_ data: Data, at path: String) throws {
        try stage(data, at: path, writer: { handle, data in try handle.write(contentsOf: data) })
    }

    /// `writer` puts the bytes into the temporary file; tests pass one that fails (a full disk).
    mutating func stage(_ data: Data, at path: String, writer: (FileHandle, Data) throws -> Void) throws {
        do {
            switch try OutputFile.check(path, inputs: inputs) {
            case .stream:
                try OutputFile.write(data, to: path, inputs: inputs)
            case let .replace(resolved, mode, owner):
                if let temporary = try OutputFile.stage(data, at: resolved, shown: path, mode: mode, owner: owner, writer: writer) {
                    staged.append((temporary, resolved, path))
                }
            }
        } catch {
            abort()
            throw error
        }
    }

    /// Renames every staged file over its target.
    /// - Throws: `OutputError` when a rename fails (the ones before it are in place).
    public mutating func commit() throws {
        defer { abort() }
        while !staged.isEmpty {
            let file = staged.removeFirst()
            TemporaryFiles.unregister(file.temporary)
            if rename(file.temporary, file.target) != 0 {
                let problem = String(cString: strerror(errno))
                unlink(file.temporary)
                throw OutputError(path: file.shown, message: "cannot replace the file: \(problem)")
            }
        }
    }

    /// Removes every staged file; the targets stay as they were.
    public mutating func abort() {
        for file in staged {
            unlink(file.temporary)
            TemporaryFiles.unregister(file.temporary)
        }
        staged = []
    }
}

/// Writing to a file descriptor without exceptions: every error comes back as text.
public enum Descriptor {
    /// Writes all of `data`; returns the problem, or nil.
    public static func writeAll(_ fd: Int32, _ data: Data) -> String? {
        data.withUnsafeBytes { buffer -> String? in
            guard var pointer = buffer.baseAddress else { return nil }
            var left = buffer.count
            while left > 0 {
                let written = Foundation.write(fd, pointer, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                left -= written
                pointer += written
            }
            return nil
        }
    }
}

/// A file the tool could not write.
public struct OutputError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var message: String
    public var hint: String?

    public init(path: String, message: String, hint: String? = nil) {
        self.path = path
        self.message = message
        self.hint = hint
    }

    public var description: String {
        "\(path): \(message)" + (hint.map { " (\($0))" } ?? "")
    }
}
