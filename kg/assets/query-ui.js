// The query UI of `kg serve`: YASGUI (vendored, offline) set up for this build.
//
// - every saved query is a tab, with its question above the editor (the header follows the tab);
// - tabs and edits are kept in the browser (localStorage) and survive a reload (an unedited saved
//   query follows the server's version); a share link
//   (`#query=…`, YASGUI's own format) opens its query in a tab of its own and runs it;
// - the editor knows the project's prefixes (kg.rdf.namespaces.PREFIXES): typing `kgid:` adds
//   its PREFIX line; names complete from the graph inside a string (`/names?prefix=`);
// - in the results table an entity links to its page (`entity/<id>`), an article or a sentence to the
//   article's page (`article/<id>#s<offset>`); the build's other IRIs are text; literals are plain text.
// Nothing here calls another site: the LOV and prefix.cc completers are replaced.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("kg-config").textContent);
  var endpoint = new URL(config.endpoint, window.location.href).href;
  var Yasqe = Yasgui.Yasqe, Yasr = Yasgui.Yasr;
  var STORE = "kg-query-ui";  // localStorage namespace of the tabs and their edits

  document.getElementById("endpoint").textContent = endpoint;
  if (config.viewer) document.getElementById("viewer").hidden = false;

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // The page of an IRI of this build: an entity's (`entity/<IRI after the base>`), an article's
  // (`article/<id>`, at the sentence for a span `…#char=b,e`); null for its other IRIs (facts, graphs,
  // posts …: no page, shown as text); undefined for an IRI of elsewhere (YASR's own link).
  function localPage(iri) {
    if (!config.base || iri.indexOf(config.base) !== 0) return undefined;
    var local = iri.slice(config.base.length), at = local.indexOf("#"), fragment = at >= 0 ? local.slice(at + 1) : "";
    if (at >= 0) local = local.slice(0, at);
    var parts = local.split("/");
    if (parts[0] === "article" && parts.length === 2 && parts[1]) {
      var begin = /^char=(\d+),/.exec(fragment);
      return "article/" + encodeURIComponent(parts[1]) + (begin ? "#s" + begin[1] : "");
    }
    if (config.entityPaths.indexOf(parts[0]) >= 0 && parts.length > 1 && at < 0) {
      return "entity/" + parts.map(encodeURIComponent).join("/");
    }
    return null;
  }

  function shortForm(iri, prefixes) {
    for (var p in prefixes) {
      if (iri.indexOf(prefixes[p]) === 0 && iri.length > prefixes[p].length) return p + ":" + iri.slice(prefixes[p].length);
    }
    return iri;
  }

  // The results table: entities link to their pages, literals are their text (no "…"@ko, no ^^xsd:date).
  class KgTable extends Yasr.plugins.table {
    getCellContent(binding, prefixes) {
      if (binding.type === "uri") {
        var page = localPage(binding.value), text = escapeHtml(shortForm(binding.value, prefixes));
        if (page === undefined) return super.getCellContent(binding, prefixes);
        if (page === null) return "<div><span class='iri'>" + text + "</span></div>";
        var kind = page.indexOf("entity/") === 0 ? "kg-entity" : "kg-article";
        return "<div><span><a class='iri " + kind + "' href='" + escapeHtml(page) + "'>" + text + "</a></span></div>";
      }
      if (binding.type === "literal" || binding.type === "typed-literal") {
        return "<div><span class='nonIri'>" + escapeHtml(binding.value) + "</span></div>";
      }
      return super.getCellContent(binding, prefixes);
    }
  }
  Yasr.registerPlugin("table", KgTable);

  // Completers: variables, the project's prefixes, names from the graph. The class and property
  // completers call the LOV API, and configuration is deep-merged index by index into the
  // defaults (a shorter list would keep them): replace the defaults themselves.
  Yasqe.forkAutocompleter("prefixes", {
    name: "kgPrefixes", persistenceId: null,
    get: function () {
      return Promise.resolve(Object.keys(config.prefixes).sort().map(function (p) {
        return p + ": <" + config.prefixes[p] + ">";
      }));
    },
  }, false);
  // The string the cursor is in, on its line: where it starts and ends, and the text typed so far.
  // (CodeMirror calls an unclosed string an error token: the line is read instead.)
  function openString(yasqe) {
    var doc = yasqe.getDoc(), cur = doc.getCursor(), line = doc.getLine(cur.line), before = line.slice(0, cur.ch);
    var m = /(["'])([^"'\\]*)$/.exec(before);
    if (!m || (before.slice(0, m.index).split(m[1]).length - 1) % 2 !== 0) return null;  // a closing quote
    if ((yasqe.getTokenAt({ line: cur.line, ch: m.index + 1 }).type || "").indexOf("comment") >= 0) return null;
    var close = line.slice(cur.ch).indexOf(m[1]);
    return { line: cur.line, start: m.index, end: close >= 0 ? cur.ch + close + 1 : cur.ch, text: m[2] };
  }
  Yasqe.registerAutocompleter({
    name: "kgNames", bulk: false, autoShow: true,
    isValidCompletionPosition: function (yasqe) {
      var s = openString(yasqe);
      return !!s && s.text.trim().length > 0;
    },
    preProcessToken: function (yasqe, token) {
      var s = openString(yasqe);
      if (!s) return token;
      return { start: s.start, end: s.end, string: yasqe.getDoc().getLine(s.line).slice(s.start, s.end),
               autocompletionString: s.text, from: { line: s.line, ch: s.start }, to: { line: s.line, ch: s.end },
               state: token.state, type: "string" };
    },
    get: function (yasqe, token) {
      var url = new URL(config.names, window.location.href);
      url.searchParams.set("prefix", token.autocompletionString);
      return fetch(url).then(function (r) { return r.ok ? r.json() : { names: [] }; })
        .then(function (data) { return data.names; });
    },
    postProcessSuggestion: function (yasqe, token, suggestion) {
      return JSON.stringify(suggestion);  // a SPARQL string: the name in double quotes, escaped
    },
  }, false);
  Yasqe.defaults.autocompleters = ["variables", "kgPrefixes", "kgNames"];

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: STORE,       // tabs and edits survive a reload
    // A share link (#query=…) opens its query in a tab of its own (the saved tab keeps its name) and runs it.
    populateFromUrl: function (tab) { tab.name = "공유 / shared: " + (tab.name || "query"); return tab; },
    autoAddOnInit: false,
    yasqe: { autocompleters: ["variables", "kgPrefixes", "kgNames"], prefixCcApi: null },
    yasr: { prefixes: config.prefixes },
  });

  // The saved queries as tabs, unless the browser kept them (with the researcher's edits). A kept tab
  // whose text is the saved query as served last time (not edited) takes the saved query as it is now.
  var byName = {}, taken = {}, served = {};
  config.queries.forEach(function (q) { byName[q.name] = q; });
  try { served = JSON.parse(window.localStorage.getItem(STORE + ":served")) || {}; } catch (e) { served = {}; }
  yasgui.persistentConfig.getTabs().forEach(function (id) {
    var tab = yasgui.getTab(id), q = byName[tab.getName()];
    taken[tab.getName()] = true;
    var kept = tab.getPersistedJson().yasqe.value;  // tabs not shown yet have no editor
    if (q && served[q.name] !== undefined && kept === served[q.name] && q.query !== kept) {
      tab.getPersistedJson().yasqe.value = q.query;
      if (tab.getYasqe()) tab.getYasqe().setValue(q.query);
      yasgui.emit("tabChange", yasgui, tab);  // YASGUI stores a tab's settings on this event
    }
  });
  window.localStorage.setItem(STORE + ":served", JSON.stringify(
    Object.fromEntries(config.queries.map(function (q) { return [q.name, q.query]; }))));
  var hadActive = !!yasgui.getTab();
  config.queries.forEach(function (q, i) {
    if (taken[q.name]) return;
    yasgui.addTab(!hadActive && i === 0, {
      name: q.name, yasqe: { value: q.query }, requestConfig: { endpoint: endpoint },
      yasr: { settings: { selectedPlugin: "table", pluginsConfig: { table: { compact: true, isEllipsed: false } } } },
    });
  });

  // The question of the selected tab (a saved query's, by the tab's name), in Korean and English.
  function showQuestion() {
    var tab = yasgui.getTab(), q = tab ? byName[tab.getName()] : null, box = document.getElementById("question");
    box.textContent = "";
    if (!q) return;
    var title = document.createElement("strong"), ko = document.createElement("div"), en = document.createElement("div");
    title.textContent = q.title;
    ko.textContent = q.ko;
    en.textContent = q.en;
    en.className = "en";
    box.append(title, ko, en);
  }
  // tabSelect comes before YASGUI records the new tab as active: look once it has.
  ["tabSelect", "tabClose", "tabAdd", "tabChange"].forEach(function (event) {
    yasgui.on(event, function () { window.setTimeout(showQuestion, 0); });
  });
  showQuestion();
  // YASGUI keeps a tab's text when its editor loses focus or runs; a reload does neither.
  window.addEventListener("pagehide", function () {
    var tab = yasgui.getTab();
    if (tab && tab.getYasqe()) tab.setQuery(tab.getQuery());
  });
  window.kgYasgui = yasgui;
})();
