// Client-side search over search/index.json (elasticlunr 0.9.5), loaded on first use.
// Without this script every search form still submits to /search/, which lists the full table.
(function () {
  "use strict";

  // ---- Tokenizer: a line-for-line mirror of src/derive/search/tokenize.rs ----------------
  // Han runs give every character and every adjacent pair; runs of ASCII letters, digits and
  // "-" stay whole without outer dashes; full-width ASCII is folded; everything else separates.

  function fold(ch) {
    var c = ch.codePointAt(0);
    if (c >= 0xff01 && c <= 0xff5e) ch = String.fromCodePoint(c - 0xfee0);
    else if (c >= 0x2010 && c <= 0x2015) ch = "-";
    return ch >= "A" && ch <= "Z" ? ch.toLowerCase() : ch;
  }

  function isHan(ch) {
    var c = ch.codePointAt(0);
    return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff);
  }

  function tokenize(text) {
    var tokens = [];
    var word = "";
    var han = [];
    function flushWord() {
      var trimmed = word.replace(/^-+|-+$/g, "");
      if (trimmed) tokens.push(trimmed);
      word = "";
    }
    function flushHan() {
      for (var i = 0; i < han.length; i++) {
        tokens.push(han[i]);
        if (i + 1 < han.length) tokens.push(han[i] + han[i + 1]);
      }
      han = [];
    }
    for (var raw of String(text)) {
      var ch = fold(raw);
      if (isHan(ch)) {
        flushWord();
        han.push(ch);
      } else if (/^[a-z0-9-]$/.test(ch)) {
        flushHan();
        word += ch;
      } else {
        flushWord();
        flushHan();
      }
    }
    flushWord();
    flushHan();
    return tokens;
  }

  // The pinyin field's tokens from a name's spellings, as pinyin_tokens in
  // src/derive/search/tokenize.rs: each spelling whole and as initials, and the preferred
  // spelling from each later syllable on. `spellings` is "bao yu shi|…".
  function pinyinTokens(spellings) {
    var tokens = [];
    function push(t) { if (t && tokens.indexOf(t) < 0) tokens.push(t); }
    var list = String(spellings || "").split("|").filter(Boolean).map(function (s) { return s.split(" "); });
    list.forEach(function (syllables) {
      push(syllables.join(""));
      push(syllables.map(function (s) { return s.charAt(0); }).join(""));
    });
    if (list.length) {
      for (var i = 1; i < list[0].length; i++) push(list[0].slice(i).join(""));
    }
    return tokens;
  }

  // ---- Matching ---------------------------------------------------------------------------
  var BOOST = { title: 10, pinyin: 4, code: 6, body: 1 };
  // Prefixes matter for pinyin (baoyu → baoyushi) and codes (4-10 → 4-10-01-03).
  var EXPAND = { pinyin: true, code: true };
  // What a level or category match adds: about one good title match.
  var FACET_SCORE = 1;

  function unique(list) {
    return list.filter(function (t, i) { return list.indexOf(t) === i; });
  }

  function config(bool) {
    var fields = {};
    Object.keys(BOOST).forEach(function (f) {
      fields[f] = { boost: BOOST[f], bool: bool, expand: !!EXPAND[f] };
    });
    return { fields: fields };
  }

  function scores(index, tokens, bool) {
    var out = {};
    if (!tokens.length) return out;
    index.search(tokens, config(bool)).forEach(function (r) { out[r.ref] = r.score; });
    return out;
  }

  function containsAll(haystack, needles) {
    return needles.every(function (t) { return haystack.indexOf(t) >= 0; });
  }

  // Levels and categories are matched as facets: a term whose tokens all occur in a level's
  // words (高级技师 → 一级) or a category's name (居民服务 → 4-10) selects every occupation
  // with that level or in that category.
  function facetScores(data, tokens) {
    var out = {};
    var levels = Object.keys(data.levels).filter(function (n) { return containsAll(data.levelTokens[n], tokens); });
    var cats = Object.keys(data.categories).filter(function (c) { return containsAll(data.categoryTokens[c], tokens); });
    if (!levels.length && !cats.length) return out;
    data.docs.forEach(function (doc, i) {
      if (doc.k !== "o") return;
      var hit = levels.some(function (n) { return doc.l.indexOf(n) >= 0; }) ||
        cats.some(function (c) { return doc.c === c || doc.c.indexOf(c + "-") === 0; });
      if (hit) out[i] = FACET_SCORE;
    });
    return out;
  }

  // A query is a list of terms (whitespace-separated words, a word's Han and ASCII parts
  // apart); every term must match. A Han term first must match all its characters and pairs
  // within one field (a substring); failing that, all its characters (机器人运维 finds
  // 工业机器人系统运维员), with pairs only adding to the score.
  function terms(query) {
    var out = [];
    String(query).split(/\s+/).forEach(function (word) {
      var tokens = tokenize(word);
      var hanTokens = tokens.filter(function (t) { return isHan(t.charAt(0)); });
      var asciiTokens = tokens.filter(function (t) { return !isHan(t.charAt(0)); });
      if (hanTokens.length) out.push(unique(hanTokens));
      asciiTokens.forEach(function (t) { out.push([t]); });
    });
    return out;
  }

  function matchTerm(data, tokens) {
    var found = scores(data.index, tokens, "AND");
    if (!Object.keys(found).length) {
      var chars = tokens.filter(function (t) { return t.length === 1; });
      var pairs = tokens.filter(function (t) { return t.length > 1; });
      if (pairs.length) {
        found = scores(data.index, chars, "AND");
        var bonus = scores(data.index, pairs, "OR");
        Object.keys(found).forEach(function (ref) { found[ref] += bonus[ref] || 0; });
      }
    }
    var facets = facetScores(data, tokens);
    Object.keys(facets).forEach(function (ref) { found[ref] = (found[ref] || 0) + facets[ref]; });
    return found;
  }

  function search(data, query) {
    var all = terms(query);
    if (!all.length) return [];
    var combined = null;
    all.forEach(function (tokens) {
      var found = matchTerm(data, tokens);
      if (combined === null) {
        combined = found;
        return;
      }
      var next = {};
      Object.keys(found).forEach(function (ref) {
        if (ref in combined) next[ref] = combined[ref] + found[ref];
      });
      combined = next;
    });
    var wanted = String(query).trim();
    return Object.keys(combined)
      .map(function (ref) {
        var doc = data.docs[ref];
        return { ref: ref, doc: doc, score: combined[ref], exact: doc.t === wanted || doc.c === wanted };
      })
      .sort(function (a, b) {
        if (a.exact !== b.exact) return a.exact ? -1 : 1;
        if (b.score !== a.score) return b.score - a.score;
        return Number(a.ref) - Number(b.ref);
      });
  }

  // Rebuilds the elasticlunr index from the postings of search/index.json (see
  // src/derive/search/mod.rs) and prepares the display data. `base` prefixes derived URLs.
  function prepare(lunr, raw, base) {
    lunr.tokenizer.setSeperator(/\s+/); // tokens arrive pre-split; keep codes whole
    var index = new lunr.Index();
    index.setRef("id");
    index.saveDocument(false);
    raw.fields.forEach(function (f) { index.addField(f); });
    var store = index.documentStore;
    raw.docs.forEach(function (doc, i) {
      var ref = String(i);
      store.addDoc(ref, null);
      Object.keys(raw.lengths).forEach(function (f) { store.addFieldLength(ref, f, raw.lengths[f][i]); });
      if (doc.k === "o") doc.u = base + "occupations/" + doc.c + "/";
      var pinyin = pinyinTokens(doc.p);
      store.addFieldLength(ref, "pinyin", pinyin.length);
      pinyin.forEach(function (token) { index.index.pinyin.addToken(token, { ref: ref, tf: 1 }); });
    });
    Object.keys(raw.terms).forEach(function (f) {
      var terms = raw.terms[f];
      var tf = raw.tf[f];
      Object.keys(terms).forEach(function (token) {
        var doc = 0;
        terms[token].forEach(function (delta) {
          doc += delta;
          var freq = tf[token] && tf[token][doc];
          index.index[f].addToken(token, { ref: String(doc), tf: freq || 1 });
        });
      });
    });
    var levelTokens = {};
    Object.keys(raw.levels).forEach(function (n) { levelTokens[n] = tokenize(raw.levels[n]); });
    var categoryTokens = {};
    Object.keys(raw.categories).forEach(function (c) { categoryTokens[c] = tokenize(raw.categories[c]); });
    return {
      index: index, docs: raw.docs, levels: raw.levels, levelTokens: levelTokens,
      categories: raw.categories, categoryTokens: categoryTokens,
    };
  }

  var LEVEL_WORDS = { 1: "一级/高级技师", 2: "二级/技师", 3: "三级/高级工", 4: "四级/中级工", 5: "五级/初级工" };

  // 五级/初级工 至 一级/高级技师, or a list when the levels are not contiguous.
  function levelsLabel(digits) {
    var list = String(digits || "").split("");
    if (!list.length) return "";
    if (list.length === 1) return LEVEL_WORDS[list[0]];
    var contiguous = list.every(function (d, i) { return i === 0 || Number(list[i - 1]) === Number(d) + 1; });
    if (contiguous) return LEVEL_WORDS[list[0]] + " 至 " + LEVEL_WORDS[list[list.length - 1]];
    return list.map(function (d) { return LEVEL_WORDS[d]; }).join("、");
  }

  // Exposed for the tokenizer tests run under Node.
  if (typeof module !== "undefined" && module.exports) {
    module.exports = {
      tokenize: tokenize, pinyinTokens: pinyinTokens, terms: terms, search: search, prepare: prepare, levelsLabel: levelsLabel,
    };
    return;
  }

  // ---- Loading, on first use ----------------------------------------------------------------
  var script = document.currentScript;
  var base = (script && script.getAttribute("data-base")) || "/";
  var loading = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(s);
    });
  }

  function load() {
    if (!loading) {
      var lib = window.elasticlunr ? Promise.resolve() : loadScript(base + "assets/vendor/elasticlunr.min.js");
      var json = fetch(base + "search/index.json").then(function (r) {
        if (!r.ok) throw new Error("search index: HTTP " + r.status);
        return r.json();
      });
      loading = Promise.all([lib, json]).then(function (parts) {
        return prepare(window.elasticlunr, parts[1], base);
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  // One result as DOM built from text; data never becomes markup.
  function resultContent(doc) {
    var frag = document.createDocumentFragment();
    var name = document.createElement("span");
    name.className = "result-name";
    name.textContent = doc.t;
    frag.appendChild(name);
    [doc.c, levelsLabel(doc.l), doc.k === "f" ? "附件" : doc.k === "n" ? "通知" : ""].forEach(function (text, i) {
      if (!text) return;
      var meta = document.createElement("span");
      meta.className = i === 0 ? "result-code" : "result-meta";
      meta.textContent = text;
      frag.appendChild(meta);
    });
    return frag;
  }

  var MAX_SUGGESTIONS = 8;
  // A long list helps nobody and costs time to draw: the page shows this many at most.
  var MAX_RESULTS = 200;

  // ---- Header box: a combobox with a listbox of suggestions --------------------------------
  function setupHeader(form) {
    var input = form.querySelector("input[name=q]");
    var list = document.createElement("ul");
    var listId = input.id + "-list";
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
    var items = [];
    var active = -1;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(i) {
      items.forEach(function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
      active = i;
      if (i >= 0) input.setAttribute("aria-activedescendant", items[i].id);
      else input.removeAttribute("aria-activedescendant");
    }

    function show(query, results) {
      list.textContent = "";
      items = [];
      active = -1;
      if (!query.trim()) return close();
      if (!results.length) {
        var none = document.createElement("li");
        none.className = "search-empty";
        none.setAttribute("role", "option");
        none.setAttribute("aria-disabled", "true");
        none.id = listId + "-none";
        none.textContent = "没有找到相关结果";
        list.appendChild(none);
      }
      results.slice(0, MAX_SUGGESTIONS).forEach(function (r, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.url = r.doc.u;
        li.appendChild(resultContent(r.doc));
        li.addEventListener("mousedown", function (e) { e.preventDefault(); });
        li.addEventListener("click", function () { window.location.href = r.doc.u; });
        list.appendChild(li);
        items.push(li);
      });
      if (results.length > MAX_SUGGESTIONS) {
        var more = document.createElement("li");
        more.className = "search-more";
        more.setAttribute("role", "option");
        more.setAttribute("aria-selected", "false");
        more.id = listId + "-more";
        more.dataset.url = base + "search/?q=" + encodeURIComponent(query.trim());
        more.textContent = "查看全部 " + results.length + " 个结果";
        more.addEventListener("mousedown", function (e) { e.preventDefault(); });
        more.addEventListener("click", function () { window.location.href = more.dataset.url; });
        list.appendChild(more);
        items.push(more);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    var update = debounce(function () {
      var query = input.value;
      load().then(function (data) {
        if (input.value === query) show(query, search(data, query));
      });
    }, 120);

    input.addEventListener("focus", function () { load(); });
    input.addEventListener("input", update);
    input.addEventListener("blur", close);
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (list.hidden || !items.length) return;
        e.preventDefault();
        var step = e.key === "ArrowDown" ? 1 : -1;
        // Cycles through the options and back to the input itself (-1).
        var next = active + step;
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
    var input = form.querySelector("input[name=q]");
    var status = document.getElementById("search-status");
    var results = document.getElementById("search-results");

    function render(query, found) {
      results.textContent = "";
      if (!query.trim()) {
        status.textContent = "";
        return;
      }
      if (!found.length) {
        status.textContent = "没有找到与“" + query.trim() + "”相关的结果。请检查输入，或换用职业名称中的几个字、拼音首字母（如 bys）、职业编码的前几段（如 4-10）。";
        return;
      }
      status.textContent = found.length > MAX_RESULTS
        ? "找到 " + found.length + " 个结果，显示前 " + MAX_RESULTS + " 个；输入更多字可缩小范围"
        : "找到 " + found.length + " 个结果";
      found.slice(0, MAX_RESULTS).forEach(function (r) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = r.doc.u;
        a.appendChild(resultContent(r.doc));
        li.appendChild(a);
        results.appendChild(li);
      });
    }

    // Typing keeps the URL current (replaceState); Enter commits the query as a history
    // entry of its own, so back returns to the query committed before it.
    var committed = window.location.href;

    function run(query, push) {
      return load().then(function (data) {
        if (input.value !== query) return;
        render(query, search(data, query));
        var url = new URL(window.location.href);
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
      }).catch(function () {
        status.textContent = "搜索暂时不可用，请使用下方的完整汇总表。";
      });
    }

    var update = debounce(function () { run(input.value, false); }, 120);
    input.addEventListener("input", update);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      run(input.value, true);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") {
        var first = results.querySelector("a");
        if (first) {
          e.preventDefault();
          first.focus();
        }
      } else if (e.key === "Escape") {
        input.value = "";
        run("", false);
      }
    });
    results.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(results.querySelectorAll("a"));
      var i = links.indexOf(document.activeElement);
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
      var q = new URL(window.location.href).searchParams.get("q") || "";
      input.value = q;
      if (q) run(q, false);
      else render("", []);
    }
    window.addEventListener("popstate", restore);
    restore();
  }

  document.querySelectorAll("form[data-search]").forEach(function (form) {
    if (form.dataset.search === "page") setupPage(form);
    else setupHeader(form);
  });
})();
