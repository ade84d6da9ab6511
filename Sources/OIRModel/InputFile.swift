import Foundation

/// Reads a user-named file as UTF-8 text, refusing what cannot be a catalog, plan or style
/// with a message that says why.
public enum InputFile {
    /// The largest catalog or plan read: hand-written YAML is far smaller.
    public static let maximumBytes = 4 * 1024 * 1024

    /// The text of the file at `path`, at most `limit` bytes.
    /// - Throws: `InputError` for a missing file, a directory, a FIFO or device, a file too large,
    ///   binary or not UTF-8.
    public static func read(_ path: String, limit: Int = maximumBytes, missing: String = "no such file",
                            missingHint: String? = nil) throws -> String {
        let data = try bytes(path, limit: limit, missing: missing, missingHint: missingHint)
        if data.contains(0) {
            throw InputError(file: path, message: "is a binary file, not YAML text")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, message: "is not UTF-8 text", hint: "save it as UTF-8")
        }
        return text
    }

    /// The bytes of the regular file at `path`, at most `limit` (a workbook read back).
    /// - Throws: `InputError` for a missing file, a directory, a FIFO or device, a file too large.
    public static func bytes(_ path: String, limit: Int = maximumBytes, missing: String = "no such file",
                             missingHint: String? = nil) throws -> Data {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw InputError(file: path, message: missing, hint: missingHint)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw InputError(file: path, message: "is a directory", hint: "give the path of a YAML file")
        case S_IFIFO: throw InputError(file: path, message: "is a FIFO; give a file", hint: "the file is read twice at most, which a pipe cannot do")
        case S_IFCHR, S_IFBLK: throw InputError(file: path, message: "is a device; give a file")
        default: throw InputError(file: path, message: "is not a regular file; give a file")
        }
        if Int(info.st_size) > limit {
            throw InputError(file: path, message: "file is \(info.st_size) bytes; the limit is \(limit)",
                             hint: "a catalog, plan or style is a small hand-written YAML file, a checklist read back a few megabytes")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, message: "cannot be read", hint: "check its permissions")
        }
        return data
    }
}
