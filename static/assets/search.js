// Client-side search: the header box's suggestions (headerBox, for page.js), and the loading
// and result markup the /search/ page's search-page.js shares. The engine (search-engine.js),
// elasticlunr and search/index.json load on first use, with the shards a query needs.
// Without this script every search form still submits to /search/, which lists the full table.

import { combobox } from "./combobox.js";

// ---- Loading, on first use ----------------------------------------------------------------
// The site's root (site.base): this file is its assets/search.js.
const base = new URL("../", import.meta.url).pathname;
// search-engine.js once imported.
let searchEngine = null;
const engine = () => searchEngine;
let loading = null;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error("cannot load " + src));
    document.head.appendChild(s);
  });
}

function getJson(url) {
  return fetch(url).then((r) => {
    if (!r.ok) throw new Error("search index: HTTP " + r.status + " for " + url);
    return r.json();
  });
}

// The manifest, the engine and elasticlunr (a classic script, which defines window.elasticlunr),
// once; the page's box loads them on the first keystroke, the header box on focus.
function load() {
  if (!loading) {
    const lib = window.elasticlunr ? Promise.resolve() : loadScript(base + "assets/vendor/elasticlunr.min.js");
    const code = import("./search-engine.js");
    const json = getJson(base + "search/index.json");
    loading = Promise.all([lib, code, json]).then(([, module, raw]) => {
      searchEngine = module;
      return module.prepare(window.elasticlunr, raw, base);
    });
    loading.catch(() => { loading = null; });
  }
  return loading;
}

// Shards being fetched, by id: each is fetched once, and again after a failure.
const fetching = new Map();

function loadShards(data, ids) {
  return Promise.all(ids.map((id) => {
    if (!fetching.has(id)) {
      const p = getJson(base + "search/shards/" + data.files[id] + ".json").then((content) => engine().addShard(data, id, content));
      p.catch(() => fetching.delete(id));
      fetching.set(id, p);
    }
    return fetching.get(id);
  }));
}

// The results of a query, with the shards it needs fetched first; the first `shown` come
// with their names and codes (only their blocks are fetched for display).
function searchFor(query, shown) {
  return load().then((data) => Promise.resolve(engine().find(data, query, (ids) => loadShards(data, ids), shown(data))).then((found) => ({ data, found })));
}

function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// One result as DOM built from text; data never becomes markup. A result found through an
// alias says so (又称：月嫂), one found by sound too (按读音匹配).
function resultContent(r) {
  const doc = r.doc;
  const frag = document.createDocumentFragment();
  const name = document.createElement("span");
  name.className = "result-name";
  name.textContent = doc.t;
  frag.appendChild(name);
  const kind = doc.k === "f" ? "附件" : doc.k === "n" ? "通知" : "";
  [doc.c, engine().levelsLabel(doc.l), kind, r.alias ? "又称：" + r.alias : "", r.sound ? "按读音匹配" : ""].forEach((text, i) => {
    if (!text) return;
    const meta = document.createElement("span");
    meta.className = i === 0 ? "result-code" : "result-meta";
    meta.textContent = text;
    frag.appendChild(meta);
  });
  return frag;
}

const MAX_SUGGESTIONS = 8;

// ---- Header box: a combobox with a listbox of suggestions --------------------------------
function headerBox(form) {
  const input = form.querySelector("input[name=q]");
  const go = (url) => () => { window.location.href = url; };
  const box = combobox(input, {
    id: input.id + "-list",
    className: "search-suggestions",
    label: "搜索建议",
    place: (list) => form.appendChild(list),
    onEscapeClosed: () => { input.value = ""; },
  });
  // A line of the list that is no result (none found, search unavailable): read out, not chosen.
  const emptyLine = (text) => ({ key: "none", className: "search-empty", content: text });

  function show(query, results) {
    if (!query.trim()) return box.show([]);
    const options = results.slice(0, MAX_SUGGESTIONS).map((r, i) => ({ key: i, content: resultContent(r), choose: go(r.doc.u) }));
    if (!results.length) options.push(emptyLine("没有找到相关结果"));
    if (results.length > MAX_SUGGESTIONS) {
      options.push({
        key: "more",
        className: "search-more",
        content: "查看全部 " + results.length + " 个结果",
        choose: go(base + "search/?q=" + encodeURIComponent(query.trim())),
      });
    }
    box.show(options);
  }

  const update = debounce(() => {
    const query = input.value;
    searchFor(query, () => MAX_SUGGESTIONS).then(({ found }) => {
      if (input.value === query) show(query, found);
    }).catch(() => {
      // A shard or the manifest could not be fetched: said in the list, as the page says it.
      if (input.value === query) box.show([emptyLine("搜索暂时不可用，请稍后再试")]);
    });
  }, 120);

  input.addEventListener("focus", () => { load(); });
  input.addEventListener("input", update);
}

// headerBox for page.js; the rest is what the /search/ page's own script (search-page.js)
// shares with the header box.
export { headerBox, engine, load, loadShards, searchFor, debounce, resultContent };
