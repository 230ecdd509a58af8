// Client-side search: the header box's suggestions and the /search/ page. The engine
// (search-engine.js), elasticlunr and search/index.json are loaded on first use, with the
// shards a query needs. Without this script every search form still submits to /search/,
// which lists the full table.
(() => {
  "use strict";
  if (typeof document === "undefined") return;
  // Set by search-engine.js once loaded.
  const engine = () => window.linxuanSearch;
  // ---- Loading, on first use ----------------------------------------------------------------
  const script = document.currentScript;
  const base = (script && script.getAttribute("data-base")) || "/";
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

  // The manifest and elasticlunr, once; the page's box loads them on the first keystroke, the
  // header box on focus.
  function load() {
    if (!loading) {
      const lib = window.elasticlunr ? Promise.resolve() : loadScript(base + "assets/vendor/elasticlunr.min.js");
      const code = window.linxuanSearch ? Promise.resolve() : loadScript(base + "assets/search-engine.js");
      const json = getJson(base + "search/index.json");
      loading = Promise.all([lib, code, json]).then((parts) => engine().prepare(window.elasticlunr, parts[2], base));
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
  // The page shows results a page at a time: each page of a sharded index fetches the blocks
  // (names and codes) of its occupations only, which a long list would scatter over the whole
  // table. A one-file index has them all: a long page costs nothing to fetch.
  const PAGE = 20;
  const LONG_PAGE = 200;
  const pageSize = (data) => (Object.keys(data.files).length ? PAGE : LONG_PAGE);

  // ---- Header box: a combobox with a listbox of suggestions --------------------------------
  function setupHeader(form) {
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
      if (!results.length) {
        const none = document.createElement("li");
        none.className = "search-empty";
        none.setAttribute("role", "option");
        none.setAttribute("aria-disabled", "true");
        none.id = listId + "-none";
        none.textContent = "没有找到相关结果";
        list.appendChild(none);
      }
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

    // A shard or the manifest could not be fetched: said in the list, as the page says it.
    function unavailable() {
      list.textContent = "";
      items = [];
      active = -1;
      const none = document.createElement("li");
      none.className = "search-empty";
      none.setAttribute("role", "option");
      none.setAttribute("aria-disabled", "true");
      none.id = listId + "-none";
      none.textContent = "搜索暂时不可用，请稍后再试";
      list.appendChild(none);
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

  // ---- The /search/ page: results as you type, ?q= kept in the URL -------------------------
  function setupPage(form) {
    const input = form.querySelector("input[name=q]");
    const status = document.getElementById("search-status");
    const results = document.getElementById("search-results");
    const answerLine = document.getElementById("search-answer");
    // Shows the next page of results, under the list.
    const moreButton = document.createElement("button");
    moreButton.type = "button";
    moreButton.className = "print-button search-page-more";
    moreButton.hidden = true;
    results.after(moreButton);
    let current = null; // { query, data, found, shown }

    // The answer line above the results: text, and a link to the occupation's page when the
    // query named it without a level.
    function showAnswer(said) {
      if (!answerLine) return;
      answerLine.textContent = "";
      answerLine.hidden = !said;
      if (!said) return;
      answerLine.appendChild(document.createTextNode(said.text));
      const link = document.createElement("a");
      link.href = said.url;
      link.textContent = "查看“" + said.name + "”职业页面";
      answerLine.appendChild(link);
    }

    // Results from..to, appended to the list; the status and the button say how many.
    function showPage(from, to) {
      const { found } = current;
      found.slice(from, to).forEach((r) => {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = r.doc.u;
        a.appendChild(resultContent(r));
        li.appendChild(a);
        results.appendChild(li);
      });
      current.shown = Math.min(to, found.length);
      const size = pageSize(current.data);
      status.textContent = found.length > current.shown
        ? "找到 " + found.length + " 个结果，显示前 " + current.shown + " 个；输入更多字可缩小范围"
        : "找到 " + found.length + " 个结果";
      moreButton.hidden = found.length <= current.shown;
      moreButton.textContent = "显示更多结果（" + Math.min(size, found.length - current.shown) + " 个）";
    }

    function render(query, found, said, data) {
      showAnswer(said);
      results.textContent = "";
      moreButton.hidden = true;
      current = null;
      if (!query.trim()) {
        status.textContent = "";
        return;
      }
      if (!found.length) {
        status.textContent = "没有找到与“" + query.trim() + "”相关的结果。请检查输入，或换用职业名称中的几个字、拼音首字母（如 bys）、职业编码的前几段（如 4-10）。";
        return;
      }
      current = { query, data, found, shown: 0 };
      showPage(0, pageSize(data));
    }

    // The next page: its blocks fetched, then its results added; the focus moves to the first.
    moreButton.addEventListener("click", () => {
      const page = current;
      if (!page) return;
      const from = page.shown;
      const to = from + pageSize(page.data);
      Promise.resolve(engine().more(page.data, page.found, from, to, (ids) => loadShards(page.data, ids))).then(() => {
        if (current !== page) return;
        showPage(from, to);
        const first = results.querySelectorAll("a")[from];
        if (first) first.focus();
      }).catch(() => {
        if (current === page) status.textContent = "搜索暂时不可用，请使用下方的完整汇总表。";
      });
    });

    // Typing keeps the URL current (replaceState); Enter commits the query as a history
    // entry of its own, so back returns to the query committed before it.
    let committed = window.location.href;

    function run(query, push) {
      return searchFor(query, pageSize).then(({ data, found }) => {
        if (input.value !== query) return;
        render(query, found, engine().answer(data, query, found), data);
        const url = new URL(window.location.href);
        if (query.trim()) url.searchParams.set("q", query.trim());
        else url.searchParams.delete("q");
        if (push) {
          // If typing already put this query in the current entry, give that entry back its
          // committed query first, so that back returns there.
          if (url.href === window.location.href && url.href !== committed) history.replaceState(null, "", committed);
          if (url.href !== committed || url.href !== window.location.href) history.pushState(null, "", url.href);
          committed = url.href;
        } else if (url.href !== window.location.href) {
          history.replaceState(null, "", url.href);
        }
      }).catch(() => {
        status.textContent = "搜索暂时不可用，请使用下方的完整汇总表。";
      });
    }

    const update = debounce(() => { run(input.value, false); }, 120);
    // The index loads while the debounce waits. A first input of two characters or more
    // (pasted, or a word from an input method) is a whole query: it runs at once.
    let typed = false;
    input.addEventListener("focus", () => { load(); });
    input.addEventListener("input", () => {
      load();
      if (!typed && Array.from(input.value.trim()).length >= 2) {
        typed = true;
        run(input.value, false);
        return;
      }
      typed = true;
      update();
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      run(input.value, true);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown") {
        const first = results.querySelector("a");
        if (first) {
          e.preventDefault();
          first.focus();
        }
      } else if (e.key === "Escape") {
        input.value = "";
        run("", false);
      }
    });
    results.addEventListener("keydown", (e) => {
      const links = Array.from(results.querySelectorAll("a"));
      const i = links.indexOf(document.activeElement);
      if (i < 0) return;
      if (e.key === "ArrowDown" && i + 1 < links.length) {
        e.preventDefault();
        links[i + 1].focus();
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        (i > 0 ? links[i - 1] : input).focus();
      } else if (e.key === "Escape") {
        input.focus();
      }
    });

    function restore() {
      committed = window.location.href;
      const q = new URL(window.location.href).searchParams.get("q") || "";
      input.value = q;
      if (q) typed = true;
      if (q) run(q, false);
      else render("", [], null, null);
    }
    window.addEventListener("popstate", restore);
    restore();
  }

  document.querySelectorAll("form[data-search]").forEach((form) => {
    if (form.dataset.search === "page") setupPage(form);
    else setupHeader(form);
  });
})();
