// Client-side search: the header box's suggestions (headerBox, which page.js calls for every
// header search form), and the loading and result markup that the /search/ page's own script
// (search-page.js, on that page only) shares. The engine (search-engine.js), elasticlunr and
// search/index.json are loaded on first use, with the shards a query needs.
// Without this script every search form still submits to /search/, which lists the full table.

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
  const list = document.createElement("ul");
  const listId = input.id + "-list";
  list.id = listId;
  list.className = "search-suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "搜索建议");
  list.hidden = true;
  form.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);
  let items = [];
  let active = -1;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(i) {
    items.forEach((li, j) => li.setAttribute("aria-selected", j === i ? "true" : "false"));
    active = i;
    if (i >= 0) input.setAttribute("aria-activedescendant", items[i].id);
    else input.removeAttribute("aria-activedescendant");
  }

  // An option that follows its link; mousedown would take the focus from the input.
  function option(li, url) {
    li.setAttribute("role", "option");
    li.dataset.url = url;
    li.addEventListener("mousedown", (e) => e.preventDefault());
    li.addEventListener("click", () => { window.location.href = url; });
    list.appendChild(li);
    items.push(li);
  }

  function show(query, results) {
    list.textContent = "";
    items = [];
    active = -1;
    if (!query.trim()) return close();
    if (!results.length) list.appendChild(emptyOption("没有找到相关结果"));
    results.slice(0, MAX_SUGGESTIONS).forEach((r, i) => {
      const li = document.createElement("li");
      li.id = listId + "-" + i;
      li.setAttribute("aria-selected", "false");
      li.appendChild(resultContent(r));
      option(li, r.doc.u);
    });
    if (results.length > MAX_SUGGESTIONS) {
      const more = document.createElement("li");
      more.className = "search-more";
      more.setAttribute("aria-selected", "false");
      more.id = listId + "-more";
      more.textContent = "查看全部 " + results.length + " 个结果";
      option(more, base + "search/?q=" + encodeURIComponent(query.trim()));
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  // A line of the list that is no result (none found, search unavailable): read out, not chosen.
  function emptyOption(text) {
    const none = document.createElement("li");
    none.className = "search-empty";
    none.setAttribute("role", "option");
    none.setAttribute("aria-disabled", "true");
    none.id = listId + "-none";
    none.textContent = text;
    return none;
  }

  // A shard or the manifest could not be fetched: said in the list, as the page says it.
  function unavailable() {
    list.textContent = "";
    items = [];
    active = -1;
    list.appendChild(emptyOption("搜索暂时不可用，请稍后再试"));
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  const update = debounce(() => {
    const query = input.value;
    searchFor(query, () => MAX_SUGGESTIONS).then(({ found }) => {
      if (input.value === query) show(query, found);
    }).catch(() => {
      if (input.value === query) unavailable();
    });
  }, 120);

  input.addEventListener("focus", () => { load(); });
  input.addEventListener("input", update);
  input.addEventListener("blur", close);
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden || !items.length) return;
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      // Cycles through the options and back to the input itself (-1).
      let next = active + step;
      if (next >= items.length) next = -1;
      else if (next < -1) next = items.length - 1;
      highlight(next);
    } else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      window.location.href = items[active].dataset.url;
    } else if (e.key === "Escape") {
      if (!list.hidden) {
        e.preventDefault();
        close();
      } else {
        input.value = "";
      }
    }
  });
}

// headerBox for page.js; the rest is what the /search/ page's own script (search-page.js)
// shares with the header box.
export { headerBox, engine, load, loadShards, searchFor, debounce, resultContent };
