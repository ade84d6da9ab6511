import Foundation

/// Reads a user-named file as UTF-8 text, refusing what cannot be a catalog or plan
/// with a message that says why.
enum InputFile {
    static func read(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, message: "no such file")
        }
        if isDirectory.boolValue {
            throw InputError(file: path, message: "is a directory", hint: "give the path of a YAML file")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > YAMLReader.maximumBytes {
            throw InputError(file: path, message: "file is \(size) bytes; the limit is \(YAMLReader.maximumBytes)",
                             hint: "a catalog or plan is a small hand-written YAML file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, message: "cannot be read", hint: "check its permissions")
        }
        if data.contains(0) {
            throw InputError(file: path, message: "is a binary file, not YAML text")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, message: "is not UTF-8 text", hint: "save it as UTF-8")
        }
        return text
    }
}
