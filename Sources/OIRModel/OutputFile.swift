import Foundation

/// Writes output so that a reader never sees half a file: the bytes go to a temporary file in
/// the target's folder, which is then renamed over the target. On any failure the target is
/// untouched and the temporary file removed.
public enum OutputFile {
    public static func write(_ data: Data, to path: String) throws {
        try write(data, to: path, writer: { handle, data in try handle.write(contentsOf: data) })
    }

    /// `writer` puts the bytes into the temporary file; tests pass one that fails (a full disk).
    static func write(_ data: Data, to path: String, writer: (FileHandle, Data) throws -> Void) throws {
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw OutputError(path: path, message: "is a directory", hint: "give a file name, e.g. \(path)/diagram.svg")
        }
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputError(path: path, message: "its folder \(folder.path) does not exist")
        }
        // Named after the target, but short enough for any file system (a name has at most 255 bytes).
        let stem = String(target.lastPathComponent.prefix(40))
        let temporary = folder.appendingPathComponent(".\(stem).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw OutputError(path: path, message: "cannot write in \(folder.path)", hint: "check that the folder is writable")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try writer(handle, data)
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            if rename(temporary.path, target.path) != 0 {
                throw OutputError(path: path, message: "cannot replace the file: \(String(cString: strerror(errno)))")
            }
        } catch let error as OutputError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw OutputError(path: path, message: "writing failed: \(error.localizedDescription)", hint: "is the disk full?")
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
