import Foundation

/// Numbers as the tool writes them in DOT, SVG and JSON: at most `digits` decimals, no trailing
/// zeros, never "-0".
public enum NumberText {
    public static func decimal(_ value: Double, digits: Int = 2) -> String {
        let scale = pow(10.0, Double(digits))
        let scaled = (value * scale).rounded()
        // Integer arithmetic for every coordinate a diagram has (String(format:) goes through
        // Foundation and cost more than the layout).
        if scaled.magnitude < 1e15, digits <= 6 {
            let unit = Int(scale), n = Int(scaled)
            guard n != 0 else { return "0" } // no "-0"
            let whole = n.magnitude / UInt(unit), fraction = n.magnitude % UInt(unit)
            var text = (n < 0 ? "-" : "") + String(whole)
            if fraction != 0 {
                var decimals = String(fraction)
                decimals = String(repeating: "0", count: digits - decimals.count) + decimals
                while decimals.hasSuffix("0") { decimals.removeLast() }
                text += "." + decimals
            }
            return text
        }
        var rounded = scaled / scale
        if rounded == 0 { rounded = 0 } // no "-0"
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.\(digits)f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
