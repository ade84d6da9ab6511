import OIRSupport
import Foundation
import OIRContent
import OIRLayout
import OIRModel
import OIRRender

/// The interactive viewer (`render --format html`): one self-contained, offline HTML page with
/// the diagram inline, pan and zoom, search, filters by status and lane, and a panel with a
/// clicked task's whole row and everything upstream and downstream of it highlighted. No network
/// access, no external script; the page follows the reader's light/dark preference.
public enum ViewerPage {
    /// One picture of the page: the diagram as one view (a plan's swimlanes or its timeline), its
    /// inline SVG, and the prefix of the ids in it.
    public struct View {
        public var view: DiagramView
        public var diagram: Diagram
        public var svg: Data
        public var prefix: String

        public init(view: DiagramView, diagram: Diagram, svg: Data, prefix: String) {
            self.view = view
            self.diagram = diagram
            self.svg = svg
            self.prefix = prefix
        }
    }

    /// The page for `views` of one diagram, the first shown; with more than one, a tab per view
    /// switches between them and a selection holds in all of them (the same task keys).
    public static func html(_ views: [View], labels: LabelSet) -> Data {
        let title = views.first?.diagram.title ?? ""
        let data: JSON = .object([
            ("title", .string(title)),
            ("tasks", .array(tasks(views, labels: labels))),
            ("lanes", .array(lanes(views))),
            ("words", .object(words.map { ($0, .string(labels.text("viewer.\($0)"))) })),
        ])
        var json = ""
        data.write(into: &json, indent: 0)
        // Inside <script>, "</script" could end the element and "<!--" start a comment: every "<"
        // (only ever inside a JSON string) is written as \u003c.
        json = json.replacingAll("<", with: "\\u003c")
        let text = { (key: String) in PlainText.xmlEscaped(labels.text(key)) }
        let page = """
            <!doctype html>
            <html lang="\(labels.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(PlainText.xmlEscaped(title))</title>
            <link rel="icon" href="\(Self.favicon)">
            <style>\(css)</style>
            </head>
            <body>
            <header>
            <h1 class="visually-hidden">\(PlainText.xmlEscaped(title))</h1>
            \(tabs(views, labels: labels))<div class="tools">
            <input id="search" type="search" placeholder="\(text("viewer.search"))" aria-label="\(text("viewer.search"))">
            <span id="matches" aria-live="polite"></span>
            <button id="zoom-in" type="button" aria-label="\(text("viewer.zoom_in"))">+</button>
            <button id="zoom-out" type="button" aria-label="\(text("viewer.zoom_out"))">−</button>
            <button id="fit" type="button">\(text("viewer.fit"))</button>
            </div>
            <details class="filters"><summary>\(text("viewer.lane_filter"))/\(text("viewer.status_filter"))</summary><div id="filters"></div></details>
            </header>
            <main>
            \(stages(views))<aside id="panel" aria-live="polite"><p class="hint">\(text("viewer.hint"))</p></aside>
            </main>
            <script type="application/json" id="viewer-data">\(json)</script>
            <script>\(script)</script>
            </body>
            </html>

            """
        return Data(page.utf8)
    }

    private static let words = ["search", "fit", "zoom_in", "zoom_out", "depends_on", "unblocks", "status_filter", "lane_filter", "none", "hint",
                                "close", "matches"]

    /// A tab per view when there are several (the first selected), else nothing.
    private static func tabs(_ views: [View], labels: LabelSet) -> String {
        guard views.count > 1 else { return "" }
        let buttons = views.enumerated().map { index, view in
            let id = view.view.rawValue
            return "<button type=\"button\" role=\"tab\" id=\"tab-\(id)\" aria-controls=\"view-\(id)\" aria-selected=\"\(index == 0)\""
                + " tabindex=\"\(index == 0 ? 0 : -1)\">\(PlainText.xmlEscaped(labels.text("viewer.view.\(id)")))</button>"
        }
        return "<div class=\"tabs\" role=\"tablist\">\(buttons.joined())</div>\n"
    }

    /// Each view's picture in its own stage; all but the first hidden.
    private static func stages(_ views: [View]) -> String {
        views.enumerated().map { index, view in
            let id = view.view.rawValue, title = PlainText.xmlEscaped(view.diagram.title)
            let role = views.count > 1 ? " role=\"tabpanel\" aria-labelledby=\"tab-\(id)\"" : ""
            return "<div id=\"view-\(id)\" class=\"stage\" data-view=\"\(id)\"\(role) tabindex=\"0\" aria-label=\"\(title)\"\(index == 0 ? "" : " hidden")>"
                + String(decoding: view.svg, as: UTF8.self) + "</div>\n"
        }.joined()
    }

    /// Every task of the views once (the first view's data for it), with its element in each view.
    private static func tasks(_ views: [View], labels: LabelSet) -> [JSON] {
        var order: [TaskKey] = [], boxes: [TaskKey: Diagram.Box] = [:], elements: [TaskKey: [String]] = [:]
        for view in views {
            let ids = GraphvizGraph.boxIDs(view.diagram)
            for box in view.diagram.boxes {
                if boxes[box.key] == nil { order.append(box.key); boxes[box.key] = box }
                if let id = ids[box.key] { elements[box.key, default: []].append("\(view.prefix)-\(id)") }
            }
        }
        return order.compactMap { key in boxes[key].map { task($0, elements: elements[key] ?? [], labels: labels) } }
    }

    /// The lanes of the views once, in order.
    private static func lanes(_ views: [View]) -> [JSON] {
        var seen: Set<String> = []
        return views.flatMap(\.diagram.lanes).filter { seen.insert($0.id).inserted }
            .map { .object([("id", .string($0.id)), ("label", .string($0.label))]) }
    }

    /// One task as the page's script reads it.
    private static func task(_ box: Diagram.Box, elements: [String], labels: LabelSet) -> JSON {
        let status: JSON = box.status.map { JSON.string(labels.text("progress.\($0.name)")) } ?? .null
        let details: [JSON] = box.details.map { detail in
            let note: JSON = detail.note.map(JSON.string) ?? .null
            return .object([("label", .string(detail.label)), ("value", .string(detail.value)), ("note", note)])
        }
        let fields: [(String, JSON)] = [
            ("key", .string(box.key.description)), ("id", .string(box.taskID)), ("title", .string(box.title)),
            ("lane", .string(box.lane)), ("status", status), ("elements", .array(elements.map(JSON.string))),
            ("dependsOn", .array(box.dependsOn.map { JSON.string($0.description) })), ("details", .array(details)),
        ]
        return .object(fields)
    }


    private static let css = """
        :root{color-scheme:light dark;--bg:#fff;--fg:#1a1a1a;--muted:#666;--line:#ccc;--accent:#d9480f;--up:#1f6feb;--down:#2f9e44}
        @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#8b949e;--line:#30363d;--accent:#ff922b;--up:#79b8ff;--down:#7ee787}}
        *{box-sizing:border-box}body{margin:0;font:14px/1.4 system-ui,'DejaVu Sans',sans-serif;background:var(--bg);color:var(--fg);height:100vh;display:flex;flex-direction:column}
        header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.5rem 1rem;border-bottom:1px solid var(--line)}
        h1{font-size:1rem;margin:0;flex:1 1 20rem}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}.tools{display:flex;gap:.4rem;align-items:center}
        input,button{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:.25rem .5rem}
        button:focus-visible,input:focus-visible,.stage:focus-visible,.opgave:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
        .filters summary{cursor:pointer}#filters{display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:.25rem 0;max-width:60rem}
        main{flex:1;display:flex;min-height:0}.stage{flex:1;overflow:hidden;cursor:grab;touch-action:none}.stage[hidden]{display:none}.stage.dragging{cursor:grabbing}
        .stage svg{width:100%;height:100%;display:block}
        .tabs{display:flex;gap:0}.tabs [role=tab]{border-radius:0;margin-left:-1px}.tabs [role=tab]:first-child{border-radius:4px 0 0 4px}
        .tabs [role=tab]:last-child{border-radius:0 4px 4px 0}.tabs [aria-selected=true]{background:var(--fg);color:var(--bg);border-color:var(--fg)}
        #panel{width:24rem;max-width:40vw;overflow:auto;border-left:1px solid var(--line);padding:0 1rem 1rem}
        #panel h2{font-size:1.05rem}#panel dt{font-weight:600;margin-top:.6rem}#panel dd{margin:0;white-space:pre-wrap}
        #panel .note{color:var(--muted);font-size:.9em}#panel ul{padding-left:1.2rem;margin:.2rem 0}.hint{color:var(--muted)}
        #panel button.link{border:0;padding:0;text-decoration:underline;cursor:pointer;background:none}
        .opgave{cursor:pointer}.viewer-dimmed{opacity:.22}.viewer-hidden{opacity:.08}
        .viewer-selected polygon,.viewer-selected path{stroke:var(--accent)!important;stroke-width:5px!important}
        .viewer-upstream polygon,.viewer-upstream path{stroke:var(--up)!important;stroke-width:4px!important}
        .viewer-downstream polygon,.viewer-downstream path{stroke:var(--down)!important;stroke-width:4px!important}
        .viewer-match polygon,.viewer-match path{stroke:var(--accent)!important;stroke-dasharray:6 3;stroke-width:3px!important}
        """

    /// The page's script: written for this page, no framework. It reads the JSON above and
    /// works on the inline SVG's task groups by their ids.
    /// A small picture of a swimlane as the page's icon, inline: the browser asks the server for
    /// no /favicon.ico.
    static let favicon = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E"
        + "%3Crect x='1' y='2' width='14' height='5' fill='%23eaf0f8' stroke='%234d4d4d'/%3E"
        + "%3Crect x='1' y='9' width='14' height='5' fill='%23fdf5e6' stroke='%234d4d4d'/%3E%3C/svg%3E"

    private static let script = """
        (() => {
          const data = JSON.parse(document.getElementById('viewer-data').textContent);
          const words = data.words;
          const stages = [...document.querySelectorAll('.stage')];
          const panel = document.getElementById('panel');
          const tasks = new Map(data.tasks.map(t => [t.key, Object.assign(t, {unblocks: []})]));
          for (const t of tasks.values()) for (const d of t.dependsOn) { const u = tasks.get(d); if (u) u.unblocks.push(t.key); }
          // A task's boxes: one in each view that draws it.
          const elements = t => t.elements.map(id => document.getElementById(id)).filter(Boolean);
          const byElement = new Map([...tasks.values()].flatMap(t => t.elements.map(id => [id, t])));

          // Pan and zoom by the viewBox, each view on its own.
          let drag = null;
          const viewport = stage => {
            const svg = stage.querySelector('svg'), full = svg.viewBox.baseVal;
            let view = {x: full.x, y: full.y, w: full.width, h: full.height};
            const home = Object.assign({}, view);
            const show = () => svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
            const zoom = (factor, cx, cy) => {
              const w = Math.min(home.w * 4, Math.max(home.w / 40, view.w * factor)), h = w * view.h / view.w;
              cx = cx ?? view.x + view.w / 2; cy = cy ?? view.y + view.h / 2;
              view = {x: cx - (cx - view.x) * w / view.w, y: cy - (cy - view.y) * h / view.h, w, h}; show();
            };
            const toDiagram = (ev) => {
              const r = svg.getBoundingClientRect(), s = Math.max(view.w / r.width, view.h / r.height);
              const ox = (r.width - view.w / s) / 2, oy = (r.height - view.h / s) / 2;
              return [view.x + (ev.clientX - r.left - ox) * s, view.y + (ev.clientY - r.top - oy) * s, s];
            };
            const fit = () => { view = Object.assign({}, home); show(); };
            stage.addEventListener('wheel', ev => { ev.preventDefault(); const [x, y] = toDiagram(ev); zoom(ev.deltaY > 0 ? 1.15 : 1 / 1.15, x, y); }, {passive: false});
            stage.addEventListener('pointerdown', ev => { if (ev.button !== 0) return; drag = {x: ev.clientX, y: ev.clientY, view: Object.assign({}, view), moved: false}; });
            stage.addEventListener('pointermove', ev => {
              if (!drag) return;
              const [, , s] = toDiagram(ev), dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
              if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; stage.classList.add('dragging'); }
              view = {x: drag.view.x - dx * s, y: drag.view.y - dy * s, w: view.w, h: view.h}; show();
            });
            const endDrag = () => { setTimeout(() => { drag = null; }, 0); stage.classList.remove('dragging'); };
            stage.addEventListener('pointerup', endDrag);
            stage.addEventListener('pointerleave', endDrag);
            stage.addEventListener('keydown', ev => {
              const step = view.w / 10, moves = {ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step]};
              if (moves[ev.key]) { view.x += moves[ev.key][0]; view.y += moves[ev.key][1]; show(); ev.preventDefault(); }
              else if (ev.key === '+' || ev.key === '=') zoom(1 / 1.25);
              else if (ev.key === '-') zoom(1.25);
              else if (ev.key === '0') fit();
              else if (ev.key === 'Escape') select(null);
            });
            return {stage, zoom, fit};
          };
          const viewports = stages.map(viewport);
          let active = viewports[0];
          document.getElementById('zoom-in').onclick = () => active.zoom(1 / 1.25);
          document.getElementById('zoom-out').onclick = () => active.zoom(1.25);
          document.getElementById('fit').onclick = () => active.fit();

          // The tabs: one view shown at a time; the selection stays the same in all.
          const tabs = [...document.querySelectorAll('[role=tab]')];
          const activate = (tab, focus) => {
            for (const t of tabs) {
              const on = t === tab;
              t.setAttribute('aria-selected', String(on)); t.tabIndex = on ? 0 : -1;
              document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
            }
            active = viewports.find(v => v.stage.id === tab.getAttribute('aria-controls')) || active;
            document.body.dataset.view = active.stage.dataset.view;
            if (focus) tab.focus();
          };
          tabs.forEach((tab, i) => {
            tab.addEventListener('click', () => activate(tab));
            tab.addEventListener('keydown', ev => {
              const next = {ArrowRight: 1, ArrowLeft: -1}[ev.key];
              if (next) { ev.preventDefault(); activate(tabs[(i + next + tabs.length) % tabs.length], true); }
            });
          });
          document.body.dataset.view = active.stage.dataset.view;

          // Selection: the panel, and everything upstream and downstream highlighted.
          const closure = (start, next) => {
            const seen = new Set(), todo = [...next(start)];
            while (todo.length) { const k = todo.pop(); if (seen.has(k) || k === start.key) continue; seen.add(k); const t = tasks.get(k); if (t) todo.push(...next(t)); }
            return seen;
          };
          const clear = cls => document.querySelectorAll('.stage .' + cls).forEach(e => e.classList.remove(cls));
          const text = (tag, value, cls) => { const e = document.createElement(tag); e.textContent = value; if (cls) e.className = cls; return e; };
          // A text whose web addresses are links (built as nodes: nothing in it becomes markup).
          const linked = (tag, value, cls) => {
            const e = text(tag, '', cls);
            for (const part of String(value).split(/(https?:\\/\\/[^\\s<>"]+)/)) {
              if (/^https?:\\/\\//.test(part)) { const a = document.createElement('a'); a.href = part; a.rel = 'noopener noreferrer'; a.textContent = part; e.append(a); }
              else if (part) e.append(document.createTextNode(part));
            }
            return e;
          };
          const list = keys => {
            if (!keys.size) return text('p', words.none);
            const ul = document.createElement('ul');
            for (const k of keys) {
              const li = document.createElement('li'), b = text('button', k, 'link');
              b.type = 'button'; b.onclick = () => { location.hash = encodeURIComponent(k); };
              li.append(b); ul.append(li);
            }
            return ul;
          };
          function select(task) {
            for (const cls of ['viewer-selected', 'viewer-upstream', 'viewer-downstream', 'viewer-dimmed']) clear(cls);
            panel.replaceChildren(text('p', words.hint, 'hint'));
            document.body.dataset.selected = task ? task.key : '';
            if (!task) return;
            const up = closure(task, t => t.dependsOn), down = closure(task, t => t.unblocks);
            for (const t of tasks.values()) {
              const cls = t === task ? 'viewer-selected' : up.has(t.key) ? 'viewer-upstream' : down.has(t.key) ? 'viewer-downstream' : 'viewer-dimmed';
              for (const e of elements(t)) e.classList.add(cls);
            }
            const close = text('button', words.close); close.type = 'button'; close.onclick = () => { history.replaceState(null, '', ' '); select(null); };
            const dl = document.createElement('dl');
            for (const d of task.details) {
              dl.append(text('dt', d.label));
              const dd = linked('dd', d.value); if (d.note) dd.append(document.createElement('br'), linked('span', d.note, 'note'));
              dl.append(dd);
            }
            const row = (label, content) => { const dd = document.createElement('dd'); dd.append(content); dl.append(text('dt', label), dd); };
            row(words.depends_on, list(up));
            row(words.unblocks, list(down));
            panel.replaceChildren(close, text('h2', `${task.key} ${task.title}`), dl);
            panel.dataset.upstream = [...up].join(' ');
            panel.dataset.downstream = [...down].join(' ');
          }
          const fromHash = () => {
            // A malformed fragment (a lone "%") selects nothing rather than stopping the page.
            let wanted = '';
            try { wanted = decodeURIComponent(location.hash.slice(1)); } catch (e) { wanted = ''; }
            select(tasks.get(wanted) || [...tasks.values()].find(t => t.id === wanted) || null);
          };
          window.addEventListener('hashchange', fromHash);
          for (const t of tasks.values()) for (const e of elements(t)) {
            e.setAttribute('tabindex', '0'); e.setAttribute('role', 'button'); e.setAttribute('aria-label', `${t.key} ${t.title}`);
            const open = () => { location.hash = encodeURIComponent(t.key); };
            e.addEventListener('click', ev => { if (drag && drag.moved) return; ev.preventDefault(); open(); });
            e.addEventListener('keydown', ev => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); open(); } });
            // Links inside the picture would leave the viewer: the panel shows the row instead.
            // The box is the one Tab stop (its link is not a second one).
            e.querySelectorAll('a').forEach(a => { a.setAttribute('tabindex', '-1'); a.addEventListener('click', ev => ev.preventDefault()); });
          }

          // Search by id or title.
          const search = document.getElementById('search'), matches = document.getElementById('matches');
          search.addEventListener('input', () => {
            clear('viewer-match');
            const q = search.value.trim().toLowerCase();
            if (!q) { matches.textContent = ''; return; }
            const found = [...tasks.values()].filter(t => t.key.toLowerCase().includes(q) || t.title.toLowerCase().includes(q));
            found.forEach(t => elements(t).forEach(e => e.classList.add('viewer-match')));
            matches.textContent = words.matches.replace('{count}', found.length);
          });
          search.addEventListener('keydown', ev => {
            if (ev.key !== 'Enter') return;
            const first = active.stage.querySelector('.viewer-match'); if (first) location.hash = encodeURIComponent(byElement.get(first.id).key);
          });

          // Filters by lane and status.
          const filters = document.getElementById('filters');
          const statuses = [...new Set([...tasks.values()].map(t => t.status).filter(Boolean))];
          const boxes = [];
          const addBox = (label, value, group) => {
            const l = document.createElement('label'), c = document.createElement('input');
            c.type = 'checkbox'; c.checked = true; c.dataset.group = group; c.value = value;
            l.append(c, ' ' + label); filters.append(l); boxes.push(c);
          };
          data.lanes.forEach(l => addBox(l.label, l.id, 'lane'));
          statuses.forEach(s => addBox(s, s, 'status'));
          filters.addEventListener('change', () => {
            const on = g => new Set(boxes.filter(b => b.dataset.group === g && b.checked).map(b => b.value));
            const lanes = on('lane'), st = on('status');
            for (const t of tasks.values()) {
              const visible = lanes.has(t.lane) && (!t.status || st.has(t.status));
              elements(t).forEach(e => e.classList.toggle('viewer-hidden', !visible));
            }
          });
          fromHash();
        })();
        """
}
