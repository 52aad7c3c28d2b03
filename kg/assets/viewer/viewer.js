// kg network viewer: legend and filters, size and colour, search by name or alias, details panel.
// The nodes, edges and options are pyvis's (kg/render/network.py); what kg knows of each is under `kg`.
// Safety: every string from the data is put into the page with textContent or as a vis-network
// canvas label, never as HTML; article links are followed only when http(s).
"use strict";
(function () {
  const PAGE = JSON.parse(document.getElementById("kg-data").textContent);
  const DATA = PAGE.kg;
  // Entity pages: always when the page was made with them, else only in the copy kg serve marks.
  const PAGES = !DATA.linksOnlyWhenServed || document.documentElement.dataset.kgServed === "1";
  const $ = (id) => document.getElementById(id);
  const FONT = getComputedStyle(document.documentElement).getPropertyValue("--font").trim() || "sans-serif";
  const ETYPE = new Map(DATA.entityTypes.map((t) => [t.type, t]));
  const RTYPE = new Map(DATA.relationTypes.map((t) => [t.type, t]));
  const NODES = PAGE.nodes, EDGES = PAGE.edges;
  // Nodes or edges added to the pyvis Network by hand have no `kg` part.
  for (const n of NODES) n.kg = Object.assign({ type: null, aliases: [], degree: 0, facts: [], sizes: [] }, n.kg);
  EDGES.forEach((e, i) => { e.kg = Object.assign({ type: null, sources: [] }, e.kg); if (e.id === undefined) e.id = "edge" + i; });
  const NODE = new Map(NODES.map((n) => [n.id, n]));
  const EDGE = new Map(EDGES.map((e) => [e.id, e]));
  const FACTS = new Map(NODES.map((n) => [n.id, []]));
  for (const e of EDGES) {
    FACTS.get(e.from).push(e);
    if (e.to !== e.from) FACTS.get(e.to).push(e);
  }
  const state = { types: new Set(ETYPE.keys()), relations: new Set(RTYPE.keys()), from: null, to: null,
                  minDegree: 0, hideIsolated: DATA.hideIsolated, sizeBy: 0, colorBy: "type",
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
  function baseColor(n) {
    if (state.colorBy === "community") {
      const c = DATA.communities[n.kg.community];
      return c ? c.color : DATA.otherCommunity;
    }
    return (ETYPE.get(n.kg.type) || { color: "#888888" }).color;
  }
  function nodeStyle(n, dim) {
    const c = baseColor(n);
    return { id: n.id, color: { background: dim ? "#e4e4e4" : c, border: dim ? "#d4d4d4" : "#333333",
             highlight: { background: c, border: "#000000" } }, font: { color: dim ? "#bbbbbb" : "#222222" } };
  }
  function edgeStyle(e, dim) {
    const r = RTYPE.get(e.kg.type) || { color: "#999999" };
    return { id: e.id, color: { color: dim ? "#eeeeee" : r.color, highlight: r.color, opacity: 1 } };
  }
  const visItem = (item) => { const { kg, ...rest } = item; return rest; };
  for (const n of NODES) n.keys = [n.label, ...n.kg.aliases].map(norm);
  const nodes = new vis.DataSet(NODES.map((n) => Object.assign(visItem(n), nodeStyle(n, false))));
  const edges = new vis.DataSet(EDGES.map((e) => Object.assign(visItem(e), edgeStyle(e, false))));

  const options = PAGE.options;
  options.nodes.font.face = FONT; options.edges.font.face = FONT;
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

  // ---- legend ---------------------------------------------------------------
  function legendItem(list, text, swatch, checked, onChange) {
    const li = el("li"), label = el("label"), box = el("input"), count = el("span", "", "count");
    box.type = "checkbox"; box.checked = checked; box.addEventListener("change", () => onChange(box.checked));
    label.append(box, swatch, el("span", text, "name"), count);
    li.append(label); list.append(li);
    return { box, count };
  }
  const typeItems = new Map(), relationItems = new Map();
  for (const t of DATA.entityTypes) {
    const sw = el("span", null, "swatch " + t.shape);
    sw.style.background = t.color; sw.style.setProperty("--c", t.color);
    typeItems.set(t.type, legendItem($("entity-types"), t.name, sw, true, (on) => {
      on ? state.types.add(t.type) : state.types.delete(t.type); applyFilters(false);
    }));
  }
  for (const r of DATA.relationTypes) {
    const sw = el("span", null, "line" + (r.dashes === "dot" ? " dotted" : r.dashes ? " dashed" : ""));
    sw.style.borderTopColor = r.color;
    relationItems.set(r.type, legendItem($("relation-types"), r.name, sw, true, (on) => {
      on ? state.relations.add(r.type) : state.relations.delete(r.type); applyFilters(false);
    }));
  }
  DATA.communities.forEach((c) => {
    const li = el("li"), sw = el("span", null, "swatch dot");
    sw.style.background = c.color;
    li.append(sw, el("span", c.name + " …"), el("span", c.count, "count"));
    $("communities").append(li);
  });

  // ---- filters ----------------------------------------------------------------
  const years = DATA.years;
  if (years) {
    for (const id of ["year-from", "year-to"]) {
      const input = $(id); input.min = years[0]; input.max = years[1];
      input.value = id === "year-from" ? years[0] : years[1];
      input.addEventListener("change", () => applyFilters(true));
    }
  } else $("years-box").hidden = true;
  const rangeActive = () => years && (state.from > years[0] || state.to < years[1]);
  const inRange = (y) => y !== null && y >= state.from && y <= state.to;
  const typeOn = (n) => !ETYPE.has(n.kg.type) || state.types.has(n.kg.type);
  const relationOn = (e) => !RTYPE.has(e.kg.type) || state.relations.has(e.kg.type);
  $("min-degree").max = Math.max(0, ...NODES.map((n) => n.kg.degree));
  $("min-degree").addEventListener("change", () => applyFilters(true));
  $("hide-isolated").checked = state.hideIsolated;
  $("hide-isolated").addEventListener("change", () => applyFilters(true));

  function readControls() {
    if (years) { state.from = Number($("year-from").value) || years[0]; state.to = Number($("year-to").value) || years[1]; }
    state.minDegree = Math.max(0, Number($("min-degree").value) || 0);
    state.hideIsolated = $("hide-isolated").checked;
  }
  function decide() { // sets n.pass / n.on and e.inYear / e.on / e.show
    const active = rangeActive(), live = new Set();
    for (const e of EDGES) {
      e.inYear = !active || inRange(year(e.kg.date));
      e.on = relationOn(e) && e.inYear;
      if (e.on) { live.add(e.from); live.add(e.to); }
    }
    for (const n of NODES) {
      n.pass = n.kg.degree >= state.minDegree && (!active || live.has(n.id) || inRange(year(n.kg.first_seen)));
      n.on = typeOn(n) && n.pass;
    }
    const linked = new Set(), linkable = new Set();
    for (const e of EDGES) {
      const a = NODE.get(e.from), b = NODE.get(e.to);
      e.show = e.on && a.on && b.on;
      if (e.show) { linked.add(e.from); linked.add(e.to); }
      if (e.on && a.pass && b.pass) { linkable.add(e.from); linkable.add(e.to); }
    }
    if (state.hideIsolated) for (const n of NODES) { n.on = n.on && linked.has(n.id); n.pass = n.pass && linkable.has(n.id); }
  }
  function applyFilters(refit) {
    readControls();
    decide();
    const nodeUpd = [], edgeUpd = [], typeCount = new Map(), relationCount = new Map(), shown = [];
    let shownEdges = 0;
    for (const n of NODES) {
      if (n.on === !!n.hidden) { n.hidden = !n.on; nodeUpd.push({ id: n.id, hidden: !n.on }); }
      if (n.on) shown.push(n.id);
      if (n.pass) typeCount.set(n.kg.type, (typeCount.get(n.kg.type) || 0) + 1);
    }
    for (const e of EDGES) {
      // vis-network hides the edges of hidden nodes itself
      if (e.on === !!e.hidden) { e.hidden = !e.on; edgeUpd.push({ id: e.id, hidden: !e.on }); }
      if (e.show) shownEdges++;
      if (e.inYear && NODE.get(e.from).on && NODE.get(e.to).on) relationCount.set(e.kg.type, (relationCount.get(e.kg.type) || 0) + 1);
    }
    if (nodeUpd.length) nodes.update(nodeUpd);
    if (edgeUpd.length) edges.update(edgeUpd);
    for (const [type, item] of typeItems) item.count.textContent = typeCount.get(type) || 0;
    for (const [type, item] of relationItems) item.count.textContent = relationCount.get(type) || 0;
    $("summary").textContent = `${shown.length} / ${NODES.length} entities · ${shownEdges} / ${EDGES.length} relations`;
    if (refit && shown.length) network.fit({ nodes: shown, animation: false });
  }
  applyFilters(false);

  // ---- size and colour --------------------------------------------------------
  for (const [i, m] of DATA.sizeMeasures.entries()) $("size-by").append(new Option(m.name, String(i)));
  for (const c of DATA.colorModes) $("color-by").append(new Option(c.name, c.key));
  $("size-by").addEventListener("change", () => {
    state.sizeBy = Number($("size-by").value);
    nodes.update(NODES.map((n) => ({ id: n.id, size: n.kg.sizes[state.sizeBy] ?? n.size })));
  });
  $("color-by").addEventListener("change", () => {
    state.colorBy = $("color-by").value;
    $("community-box").hidden = state.colorBy !== "community";
    nodes.update(NODES.map((n) => nodeStyle(n, state.dimNodes.has(n.id))));
  });

  // ---- highlighting -----------------------------------------------------------
  function highlight(nodeIds, edgeIds) {
    const keepN = new Set(nodeIds), keepE = new Set(edgeIds);
    const nodeUpd = [], edgeUpd = [];
    for (const n of NODES) {
      const dim = keepN.size > 0 && !keepN.has(n.id);
      if (dim !== state.dimNodes.has(n.id)) { dim ? state.dimNodes.add(n.id) : state.dimNodes.delete(n.id); nodeUpd.push(nodeStyle(n, dim)); }
    }
    for (const e of EDGES) {
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
    const r = RTYPE.get(e.kg.type) || { name: e.kg.type || "관계 relation" }, div = el("div", null, "fact"), head = el("div");
    head.append(el("strong", r.name + (e.kg.post ? ` (${e.kg.post})` : "")), " ");
    if (self === undefined) head.append(gotoButton(e.from), " → ", gotoButton(e.to));
    else head.append(e.from === self ? "→ " : "← ", gotoButton(e.from === self ? e.to : e.from));
    const k = e.kg, extra = [k.date, k.status, k.start && `start ${k.start}`, k.end && `end ${k.end}`, k.former_name && `전 ${k.former_name}`];
    const text = extra.filter(Boolean).join(" · ");
    if (text) head.append(el("span", ` · ${text}`, "meta"));
    div.append(head);
    sourceBlock(div, k.sources);
    return div;
  }
  function openPanel(children) {
    $("details").replaceChildren(...children);
    $("panel").hidden = false;
  }
  function showNode(id) {
    const n = NODE.get(id), k = n.kg, t = ETYPE.get(k.type) || { name: k.type }, parts = [el("h2", n.label)];
    parts.push(el("div", t.name, "meta"));
    if (k.url && PAGES) { const a = el("a", "개체 페이지 entity page →"); a.href = k.url; parts.push(a); }
    if (k.aliases.length) parts.push(el("div", "별칭 aliases: " + k.aliases.join(", "), "meta"));
    if (k.first_seen) parts.push(el("div", "처음 보도 first reported: " + k.first_seen, "meta"));
    for (const f of k.facts) {
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
    if (n.hidden) { // make it visible: its type on, every year, any degree, isolated ones shown
      state.types.add(n.kg.type); if (typeItems.has(n.kg.type)) typeItems.get(n.kg.type).box.checked = true;
      if (years) { $("year-from").value = years[0]; $("year-to").value = years[1]; }
      $("min-degree").value = 0;
      applyFilters(false);
      if (n.hidden) { $("hide-isolated").checked = false; applyFilters(false); }
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showNode(id); highlightNode(id);
    return true;
  }
  network.on("click", (p) => {
    if (p.nodes.length) {
      const n = NODE.get(p.nodes[0]);
      if (n.kg.url && PAGES) window.location.assign(n.kg.url); // served: the entity's own page
      else { showNode(n.id); highlightNode(n.id); }
    } else if (p.edges.length) { const e = EDGE.get(p.edges[0]); showEdge(e.id); highlight([e.from, e.to], [e.id]); }
    else closePanel();
  });

  // ---- search -----------------------------------------------------------------
  function search(text) {
    const q = norm(text);
    if (!q) return [];
    const hits = [];
    for (const n of NODES) {
      let rank = -1, alias = null;
      n.keys.forEach((k, i) => {
        const r = k === q ? 3 : k.startsWith(q) ? 2 : k.includes(q) ? 1 : -1;
        if (r > rank) { rank = r; alias = i > 0 ? n.kg.aliases[i - 1] : null; }
      });
      if (rank >= 0) hits.push({ n, rank, alias });
    }
    hits.sort((a, b) => b.rank - a.rank || b.n.kg.degree - a.n.kg.degree || a.n.label.localeCompare(b.n.label));
    return hits.slice(0, 20);
  }
  function showResults() {
    const list = $("results"), hits = search($("search").value);
    list.replaceChildren(...hits.map((h, i) => {
      const li = el("li", h.n.label);
      li.setAttribute("role", "option"); li.dataset.id = h.n.id;
      if (i === 0) li.classList.add("active");
      if (h.alias) li.append(el("span", "= " + h.alias, "alias"));
      li.append(el("span", (ETYPE.get(h.n.kg.type) || { name: h.n.kg.type }).name, "alias"));
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
  physics.checked = DATA.physics; physics.disabled = DATA.large;
  if (DATA.large) $("physics-box").title = "physics is off above " + DATA.physicsThreshold + " entities (positions are precomputed)";
  physics.addEventListener("change", () => network.setOptions({ physics: { enabled: physics.checked } }));
  $("fit").addEventListener("click", () => network.fit({ animation: false }));
  $("png").addEventListener("click", () => {
    const link = el("a");
    link.href = $("graph").querySelector("canvas").toDataURL("image/png");
    link.download = "graph.png"; link.click();
  });
})();
