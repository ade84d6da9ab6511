import Yams

/// The built-in YAML files composed at build time (`oir-embed`): reading a tree is a single pass
/// over its bytes, where composing the YAML again cost a fifth of a whole render. The nodes carry
/// no line numbers; `oir-diagram lint --catalog FILE` reads the file itself, with them.
enum EmbeddedTree {
    /// Every scalar's tag: plain scalars are read by `Node.isNull`, `yesNo` and `integer`, never
    /// through Yams's tag resolution.
    /// Shared and never changed after they are made; with the basic resolver, since building
    /// Yams's default one compiles its regular expressions.
    nonisolated(unsafe) private static let text = Tag(.str, .basic, .default)
    nonisolated(unsafe) private static let map = Tag(.map, .basic, .default)
    nonisolated(unsafe) private static let seq = Tag(.seq, .basic, .default)

    /// The composed document of the built-in file `name`, or nil if the build has none.
    static func document(_ name: String) -> Node? {
        EmbeddedFiles.trees[name].flatMap(document(tree:))
    }

    /// The document a tree written by `oir-embed` describes.
    static func document(tree: String) -> Node? {
        var tree = tree
        return tree.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            return reader.node()
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        /// The decimal number before the next ';', and the position after it.
        mutating func count() -> Int {
            var value = 0
            while at < bytes.count, bytes[at] != UInt8(ascii: ";") {
                value = value * 10 + Int(bytes[at] &- UInt8(ascii: "0"))
                at += 1
            }
            at += 1
            return value
        }

        mutating func node() -> Node? {
            guard at < bytes.count else { return nil }
            let kind = bytes[at]
            at += 1
            switch kind {
            case UInt8(ascii: "M"):
                var pairs: [(Node, Node)] = []
                let n = count()
                pairs.reserveCapacity(n)
                for _ in 0..<n {
                    guard let key = node(), let value = node() else { return nil }
                    pairs.append((key, value))
                }
                return .mapping(Node.Mapping(pairs, EmbeddedTree.map))
            case UInt8(ascii: "S"):
                var items: [Node] = []
                let n = count()
                items.reserveCapacity(n)
                for _ in 0..<n {
                    guard let item = node() else { return nil }
                    items.append(item)
                }
                return .sequence(Node.Sequence(items, EmbeddedTree.seq))
            default:
                let style: Node.Scalar.Style = switch kind {
                case UInt8(ascii: "P"): .plain
                case UInt8(ascii: "'"): .singleQuoted
                case UInt8(ascii: "D"): .doubleQuoted
                case UInt8(ascii: "L"): .literal
                default: .folded
                }
                let length = count()
                guard at + length <= bytes.count else { return nil }
                let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<(at + length)]), as: UTF8.self)
                at += length
                return .scalar(Node.Scalar(string, EmbeddedTree.text, style))
            }
        }
    }
}
