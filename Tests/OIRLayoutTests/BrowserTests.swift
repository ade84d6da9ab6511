import Foundation
import XCTest
import OIRTestSupport
@testable import OIRContent
@testable import OIRLayout
@testable import OIRModel
@testable import OIRPipeline
@testable import OIRPublish
@testable import OIRRender
@testable import OIRRouting

/// Loads the diagrams in a real browser (headless Chromium) and checks that they paint: the
/// standalone SVG in light and dark preference, and an HTML page with two inline diagrams.
final class BrowserTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        try ExternalTool.require("chromium")
        try ExternalTool.require("python3")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("oir-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    private func render(style: String, prefix: String? = nil, inline: Bool = false) throws -> Data {
        let diagram = routed(DiagramContent.official(try Catalog.builtIn()))
        return try Renderer.render(diagram, options: RenderOptions(format: .svg, style: try Style.builtIn(style),
                                                                  idPrefix: prefix, inline: inline))
    }

    /// Runs Chromium; returns its stderr, where console messages of the page are logged.
    @discardableResult
    private func chromium(_ arguments: [String], stdout: URL? = nil) throws -> String {
        let result = try Chromium.run(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
                                       "--user-data-dir=\(folder.appendingPathComponent("profile").path)"] + arguments)
        if let stdout { try result.out.write(to: stdout) }
        return String(decoding: result.err, as: UTF8.self)
    }

    private func measure(_ png: URL, region: (x: Int, y: Int, width: Int, height: Int)? = nil) throws -> PNGProbe.Picture {
        try PNGProbe.measure(png, region: region, scratch: folder)
    }

    private func consoleErrors(_ log: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
    }

    func testStandaloneSVGPaintsInLightAndDarkPreference() throws {
        let svg = folder.appendingPathComponent("bilag1.svg")
        try render(style: "auto").write(to: svg)
        let light = folder.appendingPathComponent("light.png"), dark = folder.appendingPathComponent("dark.png")
        let lightLog = try chromium(["--screenshot=\(light.path)", "--window-size=1400,1100", svg.absoluteString])
        let darkLog = try chromium(["--force-dark-mode", "--screenshot=\(dark.path)", "--window-size=1400,1100", svg.absoluteString])
        XCTAssertEqual(consoleErrors(lightLog + darkLog), [])
        let l = try measure(light), d = try measure(dark)
        XCTAssertEqual(l.width, 1400)
        XCTAssertEqual(l.height, 1100)
        XCTAssertGreaterThan(l.ink, 0.15, "the diagram painted (lanes, boxes, text)")
        XCTAssertGreaterThan(l.luminance, 0.7, "light preference: a light diagram")
        XCTAssertLessThan(d.luminance, 0.35, "dark preference: the same file turns dark")
    }

    func testTwoInlineDiagramsOnOnePageBothPaintWithoutCollidingIds() throws {
        let a = String(decoding: try render(style: "official", prefix: "forste", inline: true), as: UTF8.self)
        let b = String(decoding: try render(style: "print", prefix: "anden", inline: true), as: UTF8.self)
        let page = """
            <!doctype html>
            <html lang="da"><head><meta charset="utf-8"><title>afventer</title>
            <style>body{margin:0;background:#fff} .d{width:1000px;height:800px}</style></head>
            <body>
            <div class="d">\(a)</div>
            <div class="d">\(b)</div>
            <script>
            const svgs = [...document.querySelectorAll('svg')];
            const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
            const boxes = svgs.map(s => s.getBoundingClientRect().height);
            const tf108 = [document.getElementById('forste-opgave-tf108'), document.getElementById('anden-opgave-tf108')]
              .map(g => g ? g.getBBox().width : 0);
            document.title = JSON.stringify({svgs: svgs.length, unique: new Set(ids).size === ids.length,
              heights: boxes, tf108: tf108});
            </script>
            </body></html>
            """
        let html = folder.appendingPathComponent("page.html")
        try page.write(to: html, atomically: true, encoding: .utf8)
        let dom = folder.appendingPathComponent("dom.html")
        let domLog = try chromium(["--dump-dom", html.absoluteString], stdout: dom)
        let dumped = try String(contentsOf: dom, encoding: .utf8)
        let title = try XCTUnwrap(dumped.range(of: #"<title>[^<]*</title>"#, options: .regularExpression).map { String(dumped[$0]) })
        let json = title.dropFirst("<title>".count).dropLast("</title>".count).replacingOccurrences(of: "&quot;", with: "\"")
        struct Check: Decodable { var svgs: Int; var unique: Bool; var heights: [Double]; var tf108: [Double] }
        let check = try JSONDecoder().decode(Check.self, from: Data(json.utf8))
        XCTAssertEqual(check.svgs, 2)
        XCTAssertTrue(check.unique, "no id appears twice on the page")
        XCTAssertTrue(check.heights.allSatisfy { $0 > 500 }, "both diagrams fill their containers: \(check.heights)")
        XCTAssertTrue(check.tf108.allSatisfy { $0 > 20 }, "each diagram's TF108 box is found by its own id: \(check.tf108)")

        let shot = folder.appendingPathComponent("page.png")
        let shotLog = try chromium(["--screenshot=\(shot.path)", "--window-size=1000,1600", html.absoluteString])
        XCTAssertEqual(consoleErrors(domLog + shotLog), [])
        let picture = try measure(shot)
        XCTAssertEqual(picture.width, 1000)
        XCTAssertGreaterThan(picture.inkTop, 0.1, "the first inline diagram painted")
        XCTAssertGreaterThan(picture.inkBottom, 0.1, "the second inline diagram painted")
    }

    func testInlineAutoDiagramLeavesTheOtherSVGsOfThePageAlone() throws {
        let diagram = String(decoding: try render(style: "auto", prefix: "bilag", inline: true), as: UTF8.self)
        // An icon that uses the diagram's class names and its light colours: only a rule scoped to
        // the diagram's root id leaves it alone in dark preference.
        let icon = """
            <svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120">
            <rect class="lane lane-1 background" width="120" height="120" fill="#ffffff" stroke="#ffffff"/>
            <g class="opgave klik"><polygon points="20,20 100,20 100,100 20,100" fill="#9dc3e6" stroke="#000000"/></g>
            <text class="lane-text" x="30" y="65" fill="#1a1a1a">icon</text></svg>
            """
        let page = """
            <!doctype html><html lang="da"><head><meta charset="utf-8"><title>ikon</title>
            <style>body{margin:0;background:#fff} .d{width:1000px;height:800px}</style></head>
            <body><div style="height:120px">\(icon)</div><div class="d">\(diagram)</div></body></html>
            """
        let html = folder.appendingPathComponent("icon.html")
        try page.write(to: html, atomically: true, encoding: .utf8)
        let light = folder.appendingPathComponent("icon-light.png"), dark = folder.appendingPathComponent("icon-dark.png")
        let log = try chromium(["--screenshot=\(light.path)", "--window-size=1000,920", html.absoluteString])
            + (try chromium(["--force-dark-mode", "--screenshot=\(dark.path)", "--window-size=1000,920", html.absoluteString]))
        XCTAssertEqual(consoleErrors(log), [])
        let iconLight = try measure(light, region: (0, 0, 120, 120)), iconDark = try measure(dark, region: (0, 0, 120, 120))
        XCTAssertEqual(iconLight.mean, iconDark.mean, "the icon's pixels are the same in light and dark preference")
        let diagramLight = try measure(light, region: (0, 200, 1000, 600)), diagramDark = try measure(dark, region: (0, 200, 1000, 600))
        XCTAssertGreaterThan(diagramLight.mean.reduce(0, +) / 3, 180, "the diagram is light in light preference")
        XCTAssertLessThan(diagramDark.mean.reduce(0, +) / 3, 90, "and dark in dark preference")
    }

    func testAutoSVGLooksTheSameAfterAnSVGOptimiser() throws {
        try ExternalTool.require("scour")
        let original = folder.appendingPathComponent("auto.svg"), scoured = folder.appendingPathComponent("auto-scoured.svg")
        try render(style: "auto").write(to: original)
        _ = try runTool("scour", ["-i", original.path, "-o", scoured.path])
        let optimised = try String(contentsOf: scoured, encoding: .utf8)
        XCTAssertTrue(optimised.contains("#fff\"") || optimised.contains("#fff;") || optimised.contains("fill=\"#fff"),
                      "the optimiser shortened colour values, which colour-matching CSS would not survive")
        for scheme in [[], ["--force-dark-mode"]] {
            var means: [[Double]] = []
            for file in [original, scoured] {
                let shot = folder.appendingPathComponent("shot-\(scheme.count)-\(file.lastPathComponent).png")
                try chromium(scheme + ["--screenshot=\(shot.path)", "--window-size=1400,1100", file.absoluteString])
                means.append(try measure(shot).mean)
            }
            for c in 0..<3 { XCTAssertEqual(means[0][c], means[1][c], accuracy: 0.5, "\(scheme): same colours before and after scour") }
        }
    }

    /// The interactive viewer: opened with #TF108, it selects TF108, shows its row in the panel
    /// and highlights what it waits for (FF102, and FB204 coordinated with it) and what it
    /// unblocks (TF109), with no console error and nothing fetched from the network.
    func testTheViewerSelectsATaskAndHighlightsItsChain() throws {
        let catalog = try Catalog.builtIn()
        let page = try Pipeline.render(Pipeline.content(.official(catalog)), options: RenderOptions(format: .html, style: .builtIn("auto")))
        let text = String(decoding: page, as: UTF8.self)
        XCTAssertFalse(text.contains("<script src") || text.contains("<link rel=\"stylesheet") || text.contains("src=\"http"), "self-contained")
        let links = text.components(separatedBy: "<link").dropFirst()
        XCTAssertEqual(links.count, 1, "only the icon")
        XCTAssertTrue(links.first?.hasPrefix(" rel=\"icon\" href=\"data:") == true, "the icon inline")
        XCTAssertEqual(text.components(separatedBy: "<script").count - 1, 2, "the data and the page's own script")
        let file = folder.appendingPathComponent("viewer.html")
        try page.write(to: file)
        let dom = folder.appendingPathComponent("viewer-dom.html")
        let log = try chromium(["--virtual-time-budget=3000", "--dump-dom", file.absoluteString + "#TF108"], stdout: dom)
        XCTAssertEqual(consoleErrors(log), [])
        let dumped = try String(contentsOf: dom, encoding: .utf8)
        XCTAssertTrue(dumped.contains("data-selected=\"TF108\""), "TF108 is selected")
        let upstream = try XCTUnwrap(dumped.range(of: #"data-upstream="[^"]*""#, options: .regularExpression).map { String(dumped[$0]) })
        let downstream = try XCTUnwrap(dumped.range(of: #"data-downstream="[^"]*""#, options: .regularExpression).map { String(dumped[$0]) })
        XCTAssertTrue(upstream.contains("FF102") && upstream.contains("FB204"), upstream)
        XCTAssertTrue(downstream.contains("TF109"), downstream)
        XCTAssertTrue(dumped.contains("<h2>TF108 Oprettelse af serviceaftale for SP webservice</h2>"), "the panel names the task")
        XCTAssertTrue(dumped.contains("Der skal for hver myndighed oprettes serviceaftale"), "and shows its whole row")
        // The boxes carry the highlight classes: TF108 selected, TF109 downstream, FF102 upstream.
        for (id, cls) in [("opgave-tf108", "viewer-selected"), ("opgave-tf109", "viewer-downstream"), ("opgave-ff102", "viewer-upstream"),
                          ("opgave-fm001", "viewer-dimmed")] {
            let tag = try XCTUnwrap(dumped.range(of: "<g id=\"sf1590a-bilag1-\(id)\"[^>]*>", options: .regularExpression).map { String(dumped[$0]) }, id)
            XCTAssertTrue(tag.contains(cls), "\(id): \(tag)")
        }
        // A malformed fragment selects nothing and raises no error.
        let malformed = folder.appendingPathComponent("viewer-malformed.html")
        let badLog = try chromium(["--virtual-time-budget=3000", "--dump-dom", file.absoluteString + "#%E0%A4%A"], stdout: malformed)
        XCTAssertEqual(consoleErrors(badLog), [], "no URIError")
        XCTAssertTrue(try String(contentsOf: malformed, encoding: .utf8).contains("data-selected=\"\""), "nothing selected")
        let shot = folder.appendingPathComponent("viewer.png")
        try chromium(["--virtual-time-budget=3000", "--screenshot=\(shot.path)", "--window-size=1400,900", file.absoluteString + "#TF108"])
        XCTAssertGreaterThan(try measure(shot).ink, 0.1, "the viewer painted")
    }

    /// A real click through the DevTools protocol: the mouse goes down and up on TF108's box, and
    /// the page shows its row and highlights its chain, with no console error.
    func testAClickOnABoxInTheViewerThroughTheDevToolsProtocol() throws {
        let page = try Pipeline.render(Pipeline.content(.official(try Catalog.builtIn())), options: RenderOptions(format: .html, style: .builtIn("auto")))
        let file = folder.appendingPathComponent("viewer.html")
        try page.write(to: file)
        let script = folder.appendingPathComponent("cdp.py")
        try Self.devToolsScript.write(to: script, atomically: true, encoding: .utf8)
        let port = 19_000 + Int(getpid() % 900)
        let output = try XCTUnwrap(try runTool("python3", [script.path, "chromium", file.absoluteString, folder.appendingPathComponent("cdp-profile").path,
                                                          String(port), "sf1590a-bilag1-opgave-tf108"]))
        struct Result: Decodable {
            var selected: String, hash: String, panel: String, panelLinks: [String], tabStops: [Int], icon: String, visibleTitles: Int
            var classes: [String: String], errors: [String]
        }
        let result = try JSONDecoder().decode(Result.self, from: Data(output.utf8))
        XCTAssertEqual(result.errors, [], "no console error")
        XCTAssertEqual(result.tabStops, [1], "one Tab stop per box")
        XCTAssertTrue(result.icon.hasPrefix("data:image/svg+xml,"), "an inline icon: no /favicon.ico request")
        XCTAssertEqual(result.visibleTitles, 0, "the title stands in the picture, not repeated above it")
        XCTAssertTrue(result.panelLinks.contains { $0.hasPrefix("https://") }, "reference addresses in the panel are links: \(result.panelLinks)")
        XCTAssertEqual(result.selected, "TF108")
        XCTAssertEqual(result.hash, "#TF108", "the address names the selection")
        XCTAssertTrue(result.panel.contains("TF108 Oprettelse af serviceaftale for SP webservice"), result.panel)
        XCTAssertTrue(result.panel.contains("FF102") && result.panel.contains("TF109"), "the panel lists the chain: \(result.panel)")
        XCTAssertTrue(result.classes["sf1590a-bilag1-opgave-tf108"]?.contains("viewer-selected") == true)
        XCTAssertTrue(result.classes["sf1590a-bilag1-opgave-tf109"]?.contains("viewer-downstream") == true, "TF109 downstream")
        XCTAssertTrue(result.classes["sf1590a-bilag1-opgave-ff102"]?.contains("viewer-upstream") == true, "FF102 upstream")
        XCTAssertTrue(result.classes["sf1590a-bilag1-opgave-fm001"]?.contains("viewer-dimmed") == true, "the rest dimmed")
    }

    /// A plan with durations shows its timeline as a second view: a click on its tab shows the
    /// bars, a click on a bar selects the task, and the selection holds in both views (its row in
    /// the panel, its chain highlighted in the swimlanes too); one Tab stop per box in each.
    func testTheViewerShowsAPlansTimelineAsASecondViewWithTheSameSelection() throws {
        let catalog = try Catalog.builtIn()
        let planPath = Golden.packageRoot.appendingPathComponent("Examples/plans/vesterhavn-i-gang.yaml").path
        let scoped = try PlanFile.load(path: planPath, catalog: catalog).plans[0].scope(catalog)
        let content = Pipeline.content(.plan(scoped, catalog, PlanDiagramOptions(day: PlanDay(today: try XCTUnwrap(CalendarDay("2025-03-17"))))))
        let page = try Pipeline.render(content, options: RenderOptions(format: .html, style: .builtIn("auto")))
        let text = String(decoding: page, as: UTF8.self)
        XCTAssertEqual(text.components(separatedBy: "role=\"tab\"").count - 1, 2, "a tab per view")
        let file = folder.appendingPathComponent("viewer.html")
        try page.write(to: file)
        let script = folder.appendingPathComponent("cdp.py")
        try Self.devToolsScript.write(to: script, atomically: true, encoding: .utf8)
        let port = 19_000 + Int((getpid() + 450) % 900)
        let swimlane = "vesterhavn-kommune-plan-opgave-tf108-skolesystem", bar = "vesterhavn-kommune-plan-tidsplan-opgave-tf108-skolesystem"
        let shot = folder.appendingPathComponent("timeline-view.png")
        let output = try XCTUnwrap(try runTool("python3", [script.path, "chromium", file.absoluteString, folder.appendingPathComponent("cdp-profile").path,
                                                          String(port), "tab-tidsplan,\(bar)", shot.path]))
        struct Result: Decodable {
            var selected: String, view: String, panel: String, tabStops: [Int], classes: [String: String], errors: [String]
        }
        let result = try JSONDecoder().decode(Result.self, from: Data(output.utf8))
        XCTAssertEqual(result.errors, [], "no console error")
        XCTAssertEqual(result.view, "tidsplan", "the tab shows the timeline")
        XCTAssertEqual(result.selected, "TF108@Skolesystem", "the click on the bar selects its task")
        XCTAssertTrue(result.panel.contains("TF108@Skolesystem"), result.panel)
        XCTAssertEqual(result.tabStops, [1], "one Tab stop per box, in both views")
        for id in [swimlane, bar] {
            XCTAssertTrue(result.classes[id]?.contains("viewer-selected") == true, "\(id) selected: \(result.classes[id] ?? "missing")")
        }
        let upstream = result.classes.filter { $0.value.contains("viewer-upstream") }.keys
        XCTAssertTrue(upstream.contains { $0.hasPrefix("vesterhavn-kommune-plan-opgave-") }, "the chain in the swimlanes")
        XCTAssertTrue(upstream.contains { $0.hasPrefix("vesterhavn-kommune-plan-tidsplan-opgave-") }, "and on the timeline")
        XCTAssertGreaterThan(try measure(shot).ink, 0.1, "the timeline painted")
    }

    /// A small DevTools protocol client (Python's standard library only): starts Chromium with a
    /// debugging port, clicks the centre of an element with Input.dispatchMouseEvent, and prints
    /// what the page then shows, with every console error and uncaught exception.
    private static let devToolsScript = #"""
    import base64, json, os, socket, struct, subprocess, sys, time, urllib.request

    chromium, page, profile, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    proc = subprocess.Popen([chromium, '--headless', '--no-sandbox', '--disable-gpu', f'--remote-debugging-port={port}',
                             '--remote-allow-origins=*', f'--user-data-dir={profile}', '--window-size=1400,900', page],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        targets = None
        for _ in range(300):
            try:
                targets = json.load(urllib.request.urlopen(f'http://127.0.0.1:{port}/json', timeout=1))
                if any(t.get('type') == 'page' for t in targets): break
            except Exception:
                pass
            time.sleep(0.1)
        target = next(t for t in targets if t.get('type') == 'page')
        path = target['webSocketDebuggerUrl'].split(f':{port}', 1)[1]
        sock = socket.create_connection(('127.0.0.1', port), timeout=10)
        key = base64.b64encode(os.urandom(16)).decode()
        sock.sendall((f'GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
                      f'Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n').encode())
        response = b''
        while b'\r\n\r\n' not in response: response += sock.recv(1)
        assert b' 101 ' in response.split(b'\r\n')[0], response

        def send(message):
            data = json.dumps(message).encode(); mask = os.urandom(4)
            header = bytes([0x81]) + (bytes([0x80 | len(data)]) if len(data) < 126 else bytes([0x80 | 126]) + struct.pack('>H', len(data)))
            sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

        def receive_exact(n):
            out = b''
            while len(out) < n: out += sock.recv(n - len(out))
            return out

        def receive():
            first, second = receive_exact(2)
            n = second & 0x7F
            if n == 126: n = struct.unpack('>H', receive_exact(2))[0]
            elif n == 127: n = struct.unpack('>Q', receive_exact(8))[0]
            return json.loads(receive_exact(n))

        errors, counter = [], [0]
        def call(method, **params):
            counter[0] += 1; send({'id': counter[0], 'method': method, 'params': params})
            while True:
                message = receive()
                if message.get('method') == 'Runtime.exceptionThrown': errors.append(message['params']['exceptionDetails'].get('text', 'exception'))
                if message.get('method') == 'Runtime.consoleAPICalled' and message['params']['type'] in ('error', 'warning'):
                    errors.append(' '.join(str(a.get('value', '')) for a in message['params']['args']))
                if message.get('method') == 'Log.entryAdded' and message['params']['entry']['level'] == 'error':
                    errors.append(message['params']['entry']['text'])
                if message.get('id') == counter[0]: return message.get('result', {})

        def evaluate(expression):
            return call('Runtime.evaluate', expression=expression, returnByValue=True)['result'].get('value')

        call('Runtime.enable'); call('Log.enable')
        # The page first shows about:blank, which is complete at once: wait for the viewer's own
        # elements (a loaded machine takes seconds).
        elements = sys.argv[5].split(',')
        for _ in range(300):
            if evaluate(f"document.readyState === 'complete' && !!document.getElementById('{elements[0]}')"): break
            time.sleep(0.1)
        # The elements to click, in order (a tab, then a box in it).
        for element in elements:
            rect = evaluate(f"(() => {{ const r = document.getElementById('{element}').getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()")
            for kind in ('mouseMoved', 'mousePressed', 'mouseReleased'):
                call('Input.dispatchMouseEvent', type=kind, x=rect[0], y=rect[1], button='left', clickCount=1)
            time.sleep(0.5)
        if len(sys.argv) > 6:
            shot = call('Page.captureScreenshot', format='png')
            open(sys.argv[6], 'wb').write(base64.b64decode(shot['data']))
        result = evaluate("""JSON.stringify({
            selected: document.body.dataset.selected,
            view: document.body.dataset.view,
            hash: location.hash,
            panel: document.getElementById('panel').innerText,
            panelLinks: [...document.querySelectorAll('#panel a[href]')].map(a => a.getAttribute('href')),
            tabStops: [...new Set([...document.querySelectorAll('.stage g.opgave')].map(g => [g, ...g.querySelectorAll('a')].filter(e => e.tabIndex >= 0).length))],
            icon: document.querySelector('link[rel=icon]')?.getAttribute('href') || '',
            visibleTitles: [...document.querySelectorAll('h1')].filter(h => h.getBoundingClientRect().width > 1).length,
            classes: Object.fromEntries([...document.querySelectorAll('g.opgave')].map(g => [g.id, g.getAttribute('class')]))
        })""")
        out = json.loads(result); out['errors'] = errors
        print(json.dumps(out))
    finally:
        proc.terminate(); proc.wait()
    """#

    func testTheViewerCarriesHostileTextAsData() throws {
        let original = try XCTUnwrap(OIRModel.EmbeddedFiles.all[Catalog.builtInName])
        let hostile = "</script><script>document.title='pwned'</script><!--"
        let catalog = try Catalog.parse(original.replacingOccurrences(of: "titel: \"Bestille ydelser i Digitaliseringskataloget\"",
                                                                      with: "titel: \"\(hostile.replacingOccurrences(of: "\"", with: "\\\""))\""),
                                        file: "c.yaml")
        let page = try Pipeline.render(Pipeline.content(.official(catalog)), options: RenderOptions(format: .html, style: .builtIn("official")))
        let file = folder.appendingPathComponent("hostile.html")
        try page.write(to: file)
        let dom = folder.appendingPathComponent("hostile-dom.html")
        try chromium(["--virtual-time-budget=3000", "--dump-dom", file.absoluteString + "#FM002"], stdout: dom)
        let dumped = try String(contentsOf: dom, encoding: .utf8)
        XCTAssertFalse(dumped.contains("<title>pwned</title>"), "no script from the catalog ran")
        XCTAssertTrue(dumped.contains("data-selected=\"FM002\""), "the page's own script still ran")
    }

    /// The role rules paint what the fill and stroke attributes say (which PDF and rsvg-convert
    /// use): each style looks the same in a browser with and without its stylesheet.
    func testRoleStylesheetGivesTheAttributesColours() throws {
        for style in ["official", "dark", "print"] {
            let svg = String(decoding: try render(style: style), as: UTF8.self)
            let bare = svg.replacingOccurrences(of: #"<style>[^<]*</style>"#, with: "", options: .regularExpression)
            XCTAssertNotEqual(svg, bare, "\(style) carries a stylesheet")
            var means: [[Double]] = []
            for (name, text) in [("css", svg), ("bare", bare)] {
                let file = folder.appendingPathComponent("\(style)-\(name).svg"), shot = folder.appendingPathComponent("\(style)-\(name).png")
                try text.write(to: file, atomically: true, encoding: .utf8)
                try chromium(["--screenshot=\(shot.path)", "--window-size=1400,1100", file.absoluteString])
                means.append(try measure(shot).mean)
            }
            for c in 0..<3 { XCTAssertEqual(means[0][c], means[1][c], accuracy: 0.05, "\(style): stylesheet and attributes agree") }
        }
    }

}
