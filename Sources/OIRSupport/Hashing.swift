/// The hash that keeps shortened names and ids unique and stable across runs and machines
/// (Swift's own `Hasher` is seeded per process).
public enum Hashing {
    /// 64-bit FNV-1a of `text`'s UTF-8 bytes.
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// `fnv1a` in hexadecimal.
    public static func hex(_ text: String) -> String {
        String(fnv1a(text), radix: 16)
    }
}
