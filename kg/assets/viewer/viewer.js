// kg network viewer: legend and filters, search by name or alias, details panel.
// Safety: every string from the data is put into the page with textContent or as a
// vis-network canvas label, never as HTML; links are followed only when http(s).
"use strict";
(function () {
  const DATA = JSON.parse(document.getElementById("kg-data").textContent);
  const $ = (id) => document.getElementById(id);
  const FONT = getComputedStyle(document.documentElement).getPropertyValue("--font").trim() || "sans-serif";
  const ETYPE = new Map(DATA.entityTypes.map((t) => [t.type, t]));
  const RTYPE = new Map(DATA.relationTypes.map((t) => [t.type, t]));
  const NODE = new Map(DATA.nodes.map((n) => [n.id, n]));
  const EDGE = new Map(DATA.edges.map((e) => [e.id, e]));
  const FACTS = new Map(DATA.nodes.map((n) => [n.id, []]));
  const LARGE = DATA.nodes.length > DATA.physicsThreshold;
  const state = { types: new Set(ETYPE.keys()), relations: new Set(RTYPE.keys()), from: null, to: null,
                  dimNodes: new Set(), dimEdges: new Set() };

  const norm = (s) => String(s).normalize("NFC").replace(/[\s·ㆍ・-]/g, "").toLowerCase();
  const year = (d) => (d && /^\d{4}/.test(d) ? parseInt(d.slice(0, 4), 10) : null);
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  // ---- vis data -------------------------------------------------------------
  function nodeStyle(n, dim) {
    const t = ETYPE.get(n.type) || { color: "#888888", shape: "dot" };
    const c = dim ? "#e4e4e4" : t.color;
    return { id: n.id, color: { background: c, border: dim ? "#d4d4d4" : "#333333",
             highlight: { background: t.color, border: "#000000" } },
             font: { color: dim ? "#bbbbbb" : "#222222" } };
  }
  function edgeStyle(e, dim) {
    const r = RTYPE.get(e.type) || { color: "#999999" };
    return { id: e.id, color: { color: dim ? "#eeeeee" : r.color, highlight: r.color, opacity: 1 } };
  }
  for (const e of DATA.edges) {
    FACTS.get(e.from).push(e);
    if (e.to !== e.from) FACTS.get(e.to).push(e);
  }
  for (const n of DATA.nodes) n.keys = [n.label, ...n.aliases].map(norm);

  const nodes = new vis.DataSet(DATA.nodes.map((n) => {
    const t = ETYPE.get(n.type) || { shape: "dot" };
    const item = Object.assign(nodeStyle(n, false), { label: n.label, shape: t.shape,
      size: Math.min(40, 8 + 3 * Math.sqrt(n.degree)) });
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    return item;
  }));
  const edges = new vis.DataSet(DATA.edges.map((e) => {
    const r = RTYPE.get(e.type) || {};
    const item = Object.assign(edgeStyle(e, false), { from: e.from, to: e.to,
      dashes: r.dashes === "dot" ? [2, 4] : !!r.dashes, width: e.type === "partnership" ? 2.5 : 1.2 });
    if (DATA.edgeLabels) item.label = e.post || (r.name || e.type).split(" ")[0]; // the Korean word
    return item;
  }));

  const options = {
    layout: { improvedLayout: false, randomSeed: 1 },
    physics: { enabled: DATA.physics, solver: "forceAtlas2Based",
               forceAtlas2Based: { gravitationalConstant: -60, springLength: 90, avoidOverlap: 0.3 },
               stabilization: { enabled: true, iterations: 300, fit: true } },
    nodes: { borderWidth: 1, font: { face: FONT, size: 14, strokeWidth: 3, strokeColor: "#ffffff" } },
    edges: { smooth: false, arrows: { to: { enabled: true, scaleFactor: 0.5 } }, selectionWidth: 2,
             font: { face: FONT, size: 11, align: "middle", strokeWidth: 3, color: "#555555" } },
    interaction: { hover: false, tooltipDelay: 3600000, hideEdgesOnDrag: LARGE, hideEdgesOnZoom: LARGE },
  };
  const network = new vis.Network($("graph"), {}, options);
  const viewer = { network, nodes, edges, ready: false, stableMs: null, focus: focusNode };
  window.kgViewer = viewer;
  function markReady() {
    network.once("afterDrawing", () => {
      viewer.stableMs = performance.now();
      viewer.ready = true;
      document.body.dataset.ready = "1";
    });
    network.redraw();
  }
  if (DATA.physics) network.once("stabilizationIterationsDone", markReady);
  network.on("beforeDrawing", (ctx) => { // white, not transparent, in PNG exports
    ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height); ctx.restore();
  });
  network.setData({ nodes, edges });
  if (!DATA.physics) markReady();

  // ---- legend and filters ---------------------------------------------------
  function counts(items) {
    const out = new Map();
    for (const i of items) out.set(i.type, (out.get(i.type) || 0) + 1);
    return out;
  }
  function legendItem(list, text, count, swatch, checked, onChange) {
    const li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = checked; box.addEventListener("change", () => onChange(box.checked));
    label.append(box, swatch, el("span", text), el("span", count, "count"));
    li.append(label); list.append(li);
    return box;
  }
  const typeBoxes = new Map();
  const nodeCounts = counts(DATA.nodes), edgeCounts = counts(DATA.edges);
  for (const t of DATA.entityTypes) {
    const sw = el("span", null, "swatch " + t.shape);
    sw.style.background = t.color; sw.style.setProperty("--c", t.color);
    typeBoxes.set(t.type, legendItem($("entity-types"), t.name, nodeCounts.get(t.type) || 0, sw, true, (on) => {
      on ? state.types.add(t.type) : state.types.delete(t.type); applyFilters();
    }));
  }
  for (const r of DATA.relationTypes) {
    const sw = el("span", null, "line" + (r.dashes === "dot" ? " dotted" : r.dashes ? " dashed" : ""));
    sw.style.borderTopColor = r.color;
    legendItem($("relation-types"), r.name, edgeCounts.get(r.type) || 0, sw, true, (on) => {
      on ? state.relations.add(r.type) : state.relations.delete(r.type); applyFilters();
    });
  }
  const years = DATA.years;
  if (years) {
    for (const id of ["year-from", "year-to"]) {
      const input = $(id); input.min = years[0]; input.max = years[1];
      input.value = id === "year-from" ? years[0] : years[1];
      input.addEventListener("change", applyFilters);
    }
  } else $("years-box").hidden = true;
  const rangeActive = () => years && (state.from > years[0] || state.to < years[1]);
  const inRange = (y) => y !== null && y >= state.from && y <= state.to;

  function applyFilters() {
    if (years) { state.from = Number($("year-from").value) || years[0]; state.to = Number($("year-to").value) || years[1]; }
    const active = rangeActive(), live = new Set(), nodeUpd = [], edgeUpd = [];
    let shownEdges = 0, shownNodes = 0;
    for (const e of DATA.edges) {
      const on = state.relations.has(e.type) && (!active || inRange(year(e.date)));
      if (on) { live.add(e.from); live.add(e.to); }
      if (on === !!e.hidden) { e.hidden = !on; edgeUpd.push({ id: e.id, hidden: !on }); }
    }
    for (const n of DATA.nodes) {
      const on = state.types.has(n.type) && (!active || live.has(n.id) || inRange(year(n.first_seen)));
      if (on) shownNodes++;
      if (on === !!n.hidden) { n.hidden = !on; nodeUpd.push({ id: n.id, hidden: !on }); }
    }
    for (const e of DATA.edges) if (!e.hidden && !NODE.get(e.from).hidden && !NODE.get(e.to).hidden) shownEdges++;
    if (nodeUpd.length) nodes.update(nodeUpd);
    if (edgeUpd.length) edges.update(edgeUpd);
    $("summary").textContent = `${shownNodes} / ${DATA.nodes.length} entities · ${shownEdges} / ${DATA.edges.length} relations`;
  }
  applyFilters();

  // ---- highlighting -----------------------------------------------------------
  function highlight(nodeIds, edgeIds) {
    const keepN = new Set(nodeIds), keepE = new Set(edgeIds);
    const nodeUpd = [], edgeUpd = [];
    for (const n of DATA.nodes) {
      const dim = keepN.size > 0 && !keepN.has(n.id);
      if (dim !== state.dimNodes.has(n.id)) { dim ? state.dimNodes.add(n.id) : state.dimNodes.delete(n.id); nodeUpd.push(nodeStyle(n, dim)); }
    }
    for (const e of DATA.edges) {
      const dim = keepN.size > 0 && !keepE.has(e.id);
      if (dim !== state.dimEdges.has(e.id)) { dim ? state.dimEdges.add(e.id) : state.dimEdges.delete(e.id); edgeUpd.push(edgeStyle(e, dim)); }
    }
    if (nodeUpd.length) nodes.update(nodeUpd);
    if (edgeUpd.length) edges.update(edgeUpd);
  }
  function highlightNode(id) {
    const facts = FACTS.get(id) || [];
    highlight([id, ...facts.map((e) => (e.from === id ? e.to : e.from))], facts.map((e) => e.id));
  }

  // ---- details panel ----------------------------------------------------------
  function sourceBlock(parent, indexes) {
    for (const i of indexes) {
      const s = DATA.sources[i], a = DATA.articles[s.article];
      parent.append(el("blockquote", s.sentence, "sentence"));
      const meta = el("div", null, "source");
      meta.append(el("span", [a.title || a.id, a.published].filter(Boolean).join(" · ")));
      if (a.url && /^https?:\/\//i.test(a.url)) {
        const link = el("a", "기사 article ↗");
        link.href = a.url; link.target = "_blank"; link.rel = "noopener noreferrer";
        meta.append(" ", link);
      }
      parent.append(meta);
    }
  }
  function gotoButton(id) {
    const n = NODE.get(id), b = el("button", n ? n.label : id, "goto");
    b.type = "button"; b.addEventListener("click", () => focusNode(id));
    return b;
  }
  function factLine(e, self) {
    const r = RTYPE.get(e.type) || { name: e.type }, div = el("div", null, "fact"), head = el("div");
    head.append(el("strong", r.name + (e.post ? ` (${e.post})` : "")), " ");
    if (self === undefined) head.append(gotoButton(e.from), " → ", gotoButton(e.to));
    else head.append(e.from === self ? "→ " : "← ", gotoButton(e.from === self ? e.to : e.from));
    const extra = [e.date, e.status, e.start && `start ${e.start}`, e.end && `end ${e.end}`, e.former_name && `전 ${e.former_name}`];
    const text = extra.filter(Boolean).join(" · ");
    if (text) head.append(el("span", ` · ${text}`, "meta"));
    div.append(head);
    sourceBlock(div, e.sources);
    return div;
  }
  function openPanel(children) {
    const details = $("details");
    details.replaceChildren(...children);
    $("panel").hidden = false;
  }
  function showNode(id) {
    const n = NODE.get(id), t = ETYPE.get(n.type) || { name: n.type }, parts = [el("h2", n.label)];
    parts.push(el("div", t.name, "meta"));
    if (n.aliases.length) parts.push(el("div", "별칭 aliases: " + n.aliases.join(", "), "meta"));
    if (n.first_seen) parts.push(el("div", "처음 보도 first reported: " + n.first_seen, "meta"));
    for (const f of n.facts) {
      const div = el("div", null, "fact");
      div.append(el("strong", (DATA.nodeFactNames[f.type] || f.type) + ": "), el("span", f.value));
      sourceBlock(div, f.sources);
      parts.push(div);
    }
    const facts = FACTS.get(id);
    parts.push(el("h3", `관계 facts (${facts.length})`));
    for (const e of facts.slice(0, 300)) parts.push(factLine(e, id));
    openPanel(parts);
  }
  function showEdge(id) {
    openPanel([el("h2", "관계 fact"), factLine(EDGE.get(id))]);
  }
  function closePanel() { $("panel").hidden = true; highlight([], []); }
  $("close").addEventListener("click", () => { network.unselectAll(); closePanel(); });

  function focusNode(id) {
    const n = NODE.get(id);
    if (!n) return false;
    if (n.hidden) { // make it visible: its type on, full year range
      state.types.add(n.type); typeBoxes.get(n.type).checked = true;
      if (years) { $("year-from").value = years[0]; $("year-to").value = years[1]; }
      applyFilters();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showNode(id); highlightNode(id);
    return true;
  }
  network.on("click", (p) => {
    if (p.nodes.length) { showNode(p.nodes[0]); highlightNode(p.nodes[0]); }
    else if (p.edges.length) { const e = EDGE.get(p.edges[0]); showEdge(e.id); highlight([e.from, e.to], [e.id]); }
    else closePanel();
  });

  // ---- search -----------------------------------------------------------------
  function search(text) {
    const q = norm(text);
    if (!q) return [];
    const hits = [];
    for (const n of DATA.nodes) {
      let rank = -1, alias = null;
      n.keys.forEach((k, i) => {
        const r = k === q ? 3 : k.startsWith(q) ? 2 : k.includes(q) ? 1 : -1;
        if (r > rank) { rank = r; alias = i > 0 ? n.aliases[i - 1] : null; }
      });
      if (rank >= 0) hits.push({ n, rank, alias });
    }
    hits.sort((a, b) => b.rank - a.rank || b.n.degree - a.n.degree || a.n.label.localeCompare(b.n.label));
    return hits.slice(0, 20);
  }
  function showResults() {
    const list = $("results"), hits = search($("search").value);
    list.replaceChildren(...hits.map((h, i) => {
      const li = el("li", h.n.label);
      li.setAttribute("role", "option"); li.dataset.id = h.n.id;
      if (i === 0) li.classList.add("active");
      if (h.alias) li.append(el("span", "= " + h.alias, "alias"));
      li.append(el("span", (ETYPE.get(h.n.type) || { name: h.n.type }).name, "alias"));
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(h.n.id); });
      return li;
    }));
  }
  function choose(id) { $("results").replaceChildren(); focusNode(id); }
  $("search").addEventListener("input", showResults);
  $("search").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && !ev.isComposing) {
      const first = $("results").querySelector("li.active") || $("results").firstElementChild;
      if (!first) showResults();
      const pick = first || $("results").firstElementChild;
      if (pick) choose(pick.dataset.id);
    } else if (ev.key === "Escape") $("results").replaceChildren();
  });
  $("search").addEventListener("blur", () => $("results").replaceChildren());

  // ---- toolbar ----------------------------------------------------------------
  const physics = $("physics");
  physics.checked = DATA.physics; physics.disabled = LARGE;
  if (LARGE) $("physics-box").title = "physics is off above " + DATA.physicsThreshold + " entities (positions are precomputed)";
  physics.addEventListener("change", () => network.setOptions({ physics: { enabled: physics.checked } }));
  $("fit").addEventListener("click", () => network.fit({ animation: false }));
  $("png").addEventListener("click", () => {
    const link = el("a");
    link.href = $("graph").querySelector("canvas").toDataURL("image/png");
    link.download = "graph.png"; link.click();
  });
})();
