import CGraphviz
import Foundation
import OIRLayout
import OIRModel

/// The only place that talks to Graphviz. Graphviz is not thread-safe, keeps global state and
/// reports problems on stderr, so the gateway owns the one context of the process, runs every
/// cgraph/gvc call under one process-wide lock, captures Graphviz's messages, and frees what each
/// render allocates.
final class GraphvizGateway: @unchecked Sendable {
    static let shared = GraphvizGateway()

    private let lock = NSLock()
    /// Created on first use and kept for the life of the process (a context per render leaks).
    private var context: OpaquePointer?
    /// Which plugins Graphviz has, by "kind:name"; read and written under `pluginLock`, so a
    /// check need not wait for a render or the warm-up's font setup.
    private var checkedPlugins: [String: Bool] = [:]
    private let pluginLock = NSLock()
    private var warmedUp = false
    private let warmUpLock = NSLock()
    /// Whether fontconfig found a font, asked once (under `lock`).
    private var fontsFound: Bool?

    private init() {}

    /// Lays out `dot` with `engine` and renders it to `format` (an output format name Graphviz
    /// knows: "svg", "pdf", "png"). Graphviz's warnings come back with the bytes; its errors throw.
    func render(dot: String, engine: String, format: String) throws -> (data: Data, warnings: [String]) {
        lock.lock()
        defer { lock.unlock() }
        let gvc = try openContext()
        try requirePlugin(kind: "layout", name: engine, gvc: gvc)
        try requirePlugin(kind: "device", name: format, gvc: gvc)
        try requireFonts()
        MessageLog.start()
        defer { MessageLog.stop() }

        guard let graph = oir_agmemread(dot) else {
            throw RenderError.graphviz("could not read the generated graph: \(MessageLog.text)")
        }
        defer { agclose(graph) }
        try MessageLog.failIfErrors("reading the graph")

        guard oir_gvlayout(gvc, graph, engine) == 0 else {
            throw RenderError.graphviz("layout '\(engine)' failed: \(MessageLog.text)")
        }
        defer { gvFreeLayout(gvc, graph) }
        try MessageLog.failIfErrors("layout")

        var buffer: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        let status = oir_gvrenderdata(gvc, graph, format, &buffer, &length)
        // gvRenderData allocates even when it fails.
        defer { if let buffer { gvFreeRenderData(buffer) } }
        guard status == 0, let buffer else {
            throw RenderError.graphviz("rendering \(format) failed: \(MessageLog.text)")
        }
        try MessageLog.failIfErrors("rendering \(format)")
        let data = Data(bytes: buffer, count: Int(length))
        return (data, MessageLog.warnings)
    }

    /// Does Graphviz's slow first-time work on another thread, so it overlaps what the process
    /// does before its first render (reading arguments, the catalog, layout, routing): loading
    /// its plugins (and noting which there are, for `check`), then fontconfig reading its
    /// configuration and scanning the fonts and pango's font map – a third of rendering the
    /// official diagram. A render waits for it under the lock; the result is the same. Once per
    /// process.
    func warmUp() {
        warmUpLock.lock()
        defer { warmUpLock.unlock() }
        guard !warmedUp else { return }
        warmedUp = true
        let holding = DispatchSemaphore(value: 0)
        Thread.detachNewThread { [self] in
            lock.lock()
            holding.signal()
            guard let gvc = try? openContext() else { return lock.unlock() }
            for (kind, name) in [("layout", GraphvizGraph.engine), ("device", "svg"), ("device", "pdf"), ("device", "png")] {
                _ = try? requirePlugin(kind: kind, name: name, gvc: gvc)
            }
            lock.unlock()
            lock.lock()
            defer { lock.unlock() }
            MessageLog.start()
            defer { MessageLog.stop() }
            // One label measured: the first measurement initialises fontconfig and pango, whatever
            // the family ("sans" is fontconfig's own name for the default sans-serif).
            guard let graph = oir_agmemread("digraph { a [label=\"x\", fontname=\"sans\", pos=\"1,1\"] }") else { return }
            defer { agclose(graph) }
            if oir_gvlayout(gvc, graph, GraphvizGraph.engine) == 0 { gvFreeLayout(gvc, graph) }
        }
        // The warm-up holds the lock before anything else may take it.
        holding.wait()
    }

    /// Fails with the package to install when Graphviz lacks a layout engine or output device.
    /// Answered from what the warm-up found when it has looked already, without waiting for
    /// its font setup.
    func check(engine: String, formats: [String]) throws {
        let wanted = [("layout", engine)] + formats.map { ("device", $0) }
        pluginLock.lock()
        let known = wanted.map { checkedPlugins["\($0.0):\($0.1)"] }
        pluginLock.unlock()
        if known.allSatisfy({ $0 != nil }) {
            if let missing = zip(wanted, known).first(where: { $0.1 == false }) {
                throw RenderError.missingPlugin(kind: missing.0.0, name: missing.0.1)
            }
        } else {
            lock.lock()
            defer { lock.unlock() }
            let gvc = try openContext()
            for (kind, name) in wanted { try requirePlugin(kind: kind, name: name, gvc: gvc) }
        }
        // Graphviz measures every label with the fonts fontconfig finds: with none it draws text
        // that overflows every box, and says so only in warnings.
        lock.lock()
        defer { lock.unlock() }
        if !formats.isEmpty { try requireFonts() }
    }

    /// Fails when fontconfig finds no font (asked once; the caller holds `lock`).
    private func requireFonts() throws {
        if fontsFound == nil { fontsFound = Self.fontCount() != 0 }
        if fontsFound == false { throw RenderError.noFonts }
    }

    /// How many fonts fontconfig knows, asked of the library Graphviz's text layout loads
    /// (looked up at run time: the tool has no fontconfig dependency of its own); nil when the
    /// library cannot be found, which the plugin check reports in its own way.
    static func fontCount() -> Int? {
        guard let library = dlopen("libfontconfig.so.1", RTLD_NOW) else { return nil }
        typealias Current = @convention(c) () -> OpaquePointer?
        typealias Fonts = @convention(c) (OpaquePointer?, Int32) -> UnsafeMutableRawPointer?
        guard let current = dlsym(library, "FcConfigGetCurrent"), let fonts = dlsym(library, "FcConfigGetFonts") else { return nil }
        let config = unsafeBitCast(current, to: Current.self)()
        // FcSetSystem is 0; an FcFontSet begins with its count (int nfont).
        guard let set = unsafeBitCast(fonts, to: Fonts.self)(config, 0) else { return 0 }
        return Int(set.load(as: Int32.self))
    }

    private func openContext() throws -> OpaquePointer {
        if let context { return context }
        // Messages go to our callback, never to the user's terminal.
        _ = agseterrf(MessageLog.receive)
        guard let created = gvContext() else {
            throw RenderError.graphviz("Graphviz could not create its context")
        }
        context = created
        return created
    }

    private func requirePlugin(kind: String, name: String, gvc: OpaquePointer) throws {
        let key = "\(kind):\(name)"
        pluginLock.lock()
        let known = checkedPlugins[key]
        pluginLock.unlock()
        if let known {
            if known { return }
            throw RenderError.missingPlugin(kind: kind, name: name)
        }
        var count: Int32 = 0
        var found = false
        if let list = gvPluginList(gvc, kind, &count, nil) {
            for index in 0..<Int(count) {
                if let entry = list[index] {
                    if String(cString: entry).split(separator: ":").first.map(String.init) == name { found = true }
                    free(entry)
                }
            }
            free(list)
        }
        pluginLock.lock()
        checkedPlugins[key] = found
        pluginLock.unlock()
        if !found { throw RenderError.missingPlugin(kind: kind, name: name) }
    }
}

/// Failures of the rendering layer.
public enum RenderError: Error, Equatable, CustomStringConvertible {
    case graphviz(String)
    case missingPlugin(kind: String, name: String)
    /// fontconfig finds no font at all.
    case noFonts

    public var description: String {
        switch self {
        case let .graphviz(message):
            return "Graphviz: \(message)"
        case .noFonts:
            return "no fonts are installed (fontconfig finds none), so no label can be measured or drawn; "
                + "install a font package (apt-get install fonts-dejavu-core; the tests also use fonts-liberation2 and fonts-urw-base35)"
        case let .missingPlugin(kind, name):
            // Debian and Ubuntu ship every plugin in libgvc6: the core (svg), the layouts and pango/cairo (pdf, png).
            let plugin = ["pdf", "png"].contains(name) ? " (Graphviz's cairo/pango plugin, libgvplugin_pango)" : ""
            return "Graphviz has no \(kind) plugin '\(name)'\(plugin); install the package libgvc6 "
                + "(apt-get install --reinstall libgvc6 libgraphviz-dev; elsewhere the graphviz package), "
                + "and run 'dot -c' as root if the plugins are installed but not registered"
        }
    }
}

/// Graphviz's messages for the job in progress. Only touched under the gateway's lock; the C
/// callback cannot carry context, so the log is global.
private enum MessageLog {
    nonisolated(unsafe) static var pieces: [String] = []
    nonisolated(unsafe) static var active = false

    static func start() {
        pieces = []
        active = true
        _ = agreseterrors()
    }

    static func stop() {
        active = false
        pieces = []
        _ = agreseterrors()
    }

    /// Graphviz hands a message over in pieces ("Error", ": ", text); they are joined here.
    static let receive: agusererrf = { message in
        if let message { MessageLog.pieces.append(String(cString: message)) }
        return 0
    }

    static var lines: [String] {
        pieces.joined().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static var text: String {
        lines.joined(separator: "; ")
    }

    static var warnings: [String] {
        lines.filter { $0.hasPrefix("Warning") }
    }

    /// Errors, and the warnings that mean the picture is wrong (a label that fell back to the node name).
    static func failIfErrors(_ stage: String) throws {
        let bad = lines.filter { $0.hasPrefix("Error") || $0.contains("not well-formed") || $0.contains("syntax error") }
        if agerrors() > 0 || !bad.isEmpty {
            throw RenderError.graphviz("\(stage): \(bad.isEmpty ? text : bad.joined(separator: "; "))")
        }
    }
}
