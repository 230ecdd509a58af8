// Client-side search over search/index.json (elasticlunr 0.9.5), loaded on first use.
// Without this script every search form still submits to /search/, which lists the full table.
// Queries are read by match.js, the matcher the table filter uses too: codes with or without
// dashes and pinyin match the same occupations in both.
(() => {
  "use strict";
  const match = typeof window === "object" ? window.linxuanMatch : require("./match.js");

  // ---- Tokenizer: a line-for-line mirror of src/derive/search/tokenize.rs ----------------
  // Han runs give every character and every adjacent pair; runs of ASCII letters, digits and
  // "-" stay whole without outer dashes; full-width ASCII is folded (match.fold); everything
  // else separates.

  function isHan(ch) {
    const c = ch.codePointAt(0);
    return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff);
  }

  function tokenize(text) {
    const tokens = [];
    let word = "";
    let han = [];
    const flushWord = () => {
      const trimmed = word.replace(/^-+|-+$/g, "");
      if (trimmed) tokens.push(trimmed);
      word = "";
    };
    const flushHan = () => {
      for (let i = 0; i < han.length; i++) {
        tokens.push(han[i]);
        if (i + 1 < han.length) tokens.push(han[i] + han[i + 1]);
      }
      han = [];
    };
    for (const raw of String(text)) {
      const ch = match.fold(raw);
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

  // The pinyin field's tokens from a name's spellings ("bao yu shi|…"), as pinyin_tokens in
  // src/derive/search/tokenize.rs; match.js holds it, as the filter reads pinyin the same way.
  const pinyinTokens = match.pinyinTokens;

  // ---- Matching ---------------------------------------------------------------------------
  // Fields searched through elasticlunr. Codes are matched by match.codeMatches instead, so
  // that 4030207 and 01-03 find what the filter finds; the index's code field goes unused.
  const BOOST = { title: 10, pinyin: 4, body: 1 };
  // Prefixes matter for pinyin (baoyu → baoyushi), as in match.pinyinMatches.
  const EXPAND = { pinyin: true };
  // What a level or category match adds: about one good title match.
  const FACET_SCORE = 1;
  // A term naming a whole code (4030207) scores what the code field was boosted by; the first
  // segments of codes (4-10) select a group, as a category facet does.
  const CODE_SCORE = { whole: 6, part: FACET_SCORE };

  const unique = (list) => list.filter((t, i) => list.indexOf(t) === i);

  function config(bool) {
    const fields = {};
    Object.keys(BOOST).forEach((f) => {
      fields[f] = { boost: BOOST[f], bool, expand: !!EXPAND[f] };
    });
    return { fields };
  }

  function scores(index, tokens, bool) {
    const out = {};
    if (!tokens.length) return out;
    index.search(tokens, config(bool)).forEach((r) => { out[r.ref] = r.score; });
    return out;
  }

  const containsAll = (haystack, needles) => needles.every((t) => haystack.includes(t));

  // Levels and categories are matched as facets: a term whose tokens all occur in a level's
  // words (高级技师 → 一级) or a category's name (居民服务 → 4-10) selects every occupation
  // with that level or in that category.
  function facetScores(data, tokens) {
    const out = {};
    const levels = Object.keys(data.levels).filter((n) => containsAll(data.levelTokens[n], tokens));
    const cats = Object.keys(data.categories).filter((c) => containsAll(data.categoryTokens[c], tokens));
    if (!levels.length && !cats.length) return out;
    data.docs.forEach((doc, i) => {
      if (doc.k !== "o") return;
      const hit = levels.some((n) => doc.l.includes(n)) ||
        cats.some((c) => doc.c === c || doc.c.startsWith(c + "-"));
      if (hit) out[i] = FACET_SCORE;
    });
    return out;
  }

  // The occupations whose code matches a code term (match.codeMatcher).
  function codeScores(data, term) {
    const out = {};
    if (!match.isCode(term)) return out;
    const matches = match.codeMatcher(term);
    const whole = match.wholeCode(term);
    data.docs.forEach((doc, i) => {
      if (doc.k === "o" && matches(doc.c)) out[i] = doc.c === whole ? CODE_SCORE.whole : CODE_SCORE.part;
    });
    return out;
  }

  // A query (normalised by match.normalize) is a list of terms: whitespace-separated words,
  // a word's Han and ASCII parts apart; every term must match. A Han term first must match
  // all its characters and pairs within one field (a substring); failing that, all its
  // characters (机器人运维 finds 工业机器人系统运维员), with pairs only adding to the score.
  function terms(query) {
    const out = [];
    match.normalize(query).split(" ").forEach((word) => {
      const tokens = tokenize(word);
      const hanTokens = tokens.filter((t) => isHan(t.charAt(0)));
      if (hanTokens.length) out.push(unique(hanTokens));
      tokens.filter((t) => !isHan(t.charAt(0))).forEach((t) => out.push([t]));
    });
    return out;
  }

  const addTo = (found, more) => Object.keys(more).forEach((ref) => { found[ref] = (found[ref] || 0) + more[ref]; });

  function matchTerm(data, tokens) {
    let found = scores(data.index, tokens, "AND");
    if (!Object.keys(found).length) {
      const chars = tokens.filter((t) => t.length === 1);
      const pairs = tokens.filter((t) => t.length > 1);
      if (pairs.length) {
        found = scores(data.index, chars, "AND");
        const bonus = scores(data.index, pairs, "OR");
        Object.keys(found).forEach((ref) => { found[ref] += bonus[ref] || 0; });
      }
    }
    if (tokens.length === 1) addTo(found, codeScores(data, tokens[0]));
    addTo(found, facetScores(data, tokens));
    return found;
  }

  // The occupations, forms and notice a text finds, by elasticlunr's scores, with what the
  // shared matcher (match.js) finds added, so that the table filter shows the same occupations.
  function textScores(data, text) {
    let combined = null;
    terms(text).forEach((tokens) => {
      const found = matchTerm(data, tokens);
      if (combined === null) {
        combined = found;
        return;
      }
      const next = {};
      Object.keys(found).forEach((ref) => {
        if (ref in combined) next[ref] = combined[ref] + found[ref];
      });
      combined = next;
    });
    return combined || {};
  }

  // What an alias match scores: about one good title match.
  const ALIAS_SCORE = 5;

  // The rank of a pinyin term in a name: 3 the whole spelling or its initials; 2 whole
  // syllables inside the name (tiaoshi in 装配调试员); 1 whole syllables that end on the
  // name's last one, its role word (tiaoshi in 烹调师: tiao + 师); 0 part of a syllable.
  function pinyinRank(doc, term) {
    if (!match.isPinyin(term) || !doc.p) return 0;
    let best = 0;
    doc.p.split("|").forEach((spelling, n) => {
      const syllables = spelling.split(" ");
      if (term === syllables.join("") || term === syllables.map((y) => y.charAt(0)).join("")) best = 3;
      if (n > 0) return;
      for (let i = 0; i < syllables.length; i++) {
        let joined = "";
        for (let j = i; j < syllables.length && joined.length < term.length; j++) {
          joined += syllables[j];
          if (joined === term) best = Math.max(best, j < syllables.length - 1 ? 2 : 1);
        }
      }
    });
    return best;
  }

  // Search: the query read by match.parseQuery (level split off, traditional characters made
  // simplified, loose codes); a level alone lists the occupations that have it. When a Han
  // query finds no occupation, it is retried on its pinyin (查艺师 → chayishi), such results
  // marked `sound`. Results carry `alias` when found through an everyday name (月嫂).
  function search(data, query) {
    const parsed = match.parseQuery(query, data.simplify, (q) => data.titles.has(q));
    const text = parsed.text;
    const occupations = data.occupations;
    let combined = {};
    if (text) combined = textScores(data, text);
    else if (parsed.level === null) return [];
    const named = {};
    const matches = match.matcher(parsed);
    occupations.forEach((i) => {
      if (!matches(data.docs[i].o)) return;
      named[i] = true;
      if (!(i in combined)) combined[i] = text ? ALIAS_SCORE : FACET_SCORE;
    });
    const sound = {};
    const anyOccupation = Object.keys(combined).some((ref) => data.docs[ref].k === "o");
    if (text && /[\u3400-\u9fff]/.test(text) && !anyOccupation) {
      match.soundSpellings(text, data.sounds).forEach((spelling) => {
        occupations.forEach((i) => {
          if (match.pinyinMatches(data.docs[i].o.pinyin, spelling) && !(i in combined)) {
            combined[i] = FACET_SCORE;
            sound[i] = true;
          }
        });
      });
    }
    // A level beside a name ranks the occupations that have it first among equals.
    if (text && parsed.level !== null) {
      Object.keys(combined).forEach((ref) => {
        if (data.docs[ref].k === "o" && data.docs[ref].l.includes(String(parsed.level))) combined[ref] += FACET_SCORE / 2;
      });
    }
    const code = match.wholeCode(text);
    const bare = text.replace(/ /g, "");
    const anyNamed = Object.keys(named).length > 0;
    return Object.keys(combined)
      .map((ref) => {
        const doc = data.docs[ref];
        const o = doc.o;
        const title = o ? o.name : doc.nt || (doc.nt = match.normalize(doc.t));
        const alias = o ? match.aliasFor(o, text) : "";
        return {
          ref, doc, score: combined[ref],
          exact: !!text && ((code !== null && doc.c === code) || title === text || (!!o && o.aliases.includes(bare))),
          // Forms and the notice follow the occupations, unless the query is about them.
          later: doc.k !== "o" && anyNamed && !title.includes(bare),
          named: !!named[ref],
          rank: pinyinRank(doc, bare),
          alias, sound: !!sound[ref],
        };
      })
      .sort((a, b) => {
        if (a.exact !== b.exact) return a.exact ? -1 : 1;
        if (a.later !== b.later) return a.later ? 1 : -1;
        if (a.named !== b.named) return a.named ? -1 : 1;
        if (a.rank !== b.rank) return b.rank - a.rank;
        if (b.score !== a.score) return b.score - a.score;
        return Number(a.ref) - Number(b.ref);
      });
  }

  // 五级至一级, or 五级、三级 when the levels are not contiguous.
  function rangeWords(digits) {
    const list = String(digits || "").split("");
    const name = (d) => LEVEL_WORDS[d].split("/")[0];
    const contiguous = list.every((d, i) => i === 0 || Number(list[i - 1]) === Number(d) + 1);
    if (list.length > 1 && contiguous) return name(list[0]) + "至" + name(list[list.length - 1]);
    return list.map(name).join("、");
  }

  // The answer line when a query names one occupation (the top result is that name, alias or
  // code exactly, or the only occupation found by name or sound): whether the level asked for
  // is open, or, for a name alone, the range and the page. { text, url, name } or null.
  function answer(data, query, results) {
    const parsed = match.parseQuery(query, data.simplify, (q) => data.titles.has(q));
    const top = results[0];
    if (!parsed.text || !top || top.doc.k !== "o") return null;
    const exact = results.filter((r) => r.doc.k === "o" && r.exact);
    const matched = results.filter((r) => r.doc.k === "o" && (r.named || r.sound));
    const all = results.filter((r) => r.doc.k === "o");
    const one = exact.length ? exact : matched.length ? matched : all;
    if (one.length !== 1 || one[0] !== top) return null;
    const doc = top.doc;
    const range = rangeWords(doc.l);
    const count = "拟遴选 " + doc.n + " 家";
    if (parsed.level === null) {
      return { text: doc.t + "：本次遴选范围为" + range + "，" + count, url: doc.u, name: doc.t };
    }
    const label = LEVEL_WORDS[parsed.level];
    const text = doc.l.includes(String(parsed.level))
      ? doc.t + " · " + label + "：在本次遴选范围内（" + range + "），" + count
      : doc.t + " · " + label + "：不在本次遴选范围（本次为" + range + "）";
    return { text, url: doc.u, name: doc.t };
  }

  // Rebuilds the elasticlunr index from the postings of search/index.json (see
  // src/derive/search/mod.rs) and prepares the display data. `base` prefixes derived URLs.
  function prepare(lunr, raw, base) {
    lunr.tokenizer.setSeperator(/\s+/); // tokens arrive pre-split; keep codes whole
    const index = new lunr.Index();
    index.setRef("id");
    index.saveDocument(false);
    raw.fields.forEach((f) => index.addField(f));
    const store = index.documentStore;
    raw.docs.forEach((doc, i) => {
      const ref = String(i);
      store.addDoc(ref, null);
      Object.keys(raw.lengths).forEach((f) => store.addFieldLength(ref, f, raw.lengths[f][i]));
      const pinyin = pinyinTokens(doc.p);
      if (doc.k === "o") {
        doc.u = base + "occupations/" + doc.c + "/";
        doc.o = match.occupation(doc.t, doc.c, pinyin, doc.a ? doc.a.split(" ") : [], String(doc.l).split(""));
      }
      store.addFieldLength(ref, "pinyin", pinyin.length);
      pinyin.forEach((token) => index.index.pinyin.addToken(token, { ref, tf: 1 }));
    });
    // Only the fields searched; the code field's postings would be read for nothing.
    Object.keys(raw.terms).filter((f) => f in BOOST).forEach((f) => {
      const postings = raw.terms[f];
      const tf = raw.tf[f];
      Object.keys(postings).forEach((token) => {
        let doc = 0;
        postings[token].forEach((delta) => {
          doc += delta;
          const freq = tf[token] && tf[token][doc];
          index.index[f].addToken(token, { ref: String(doc), tf: freq || 1 });
        });
      });
    });
    const levelTokens = {};
    Object.keys(raw.levels).forEach((n) => { levelTokens[n] = tokenize(raw.levels[n]); });
    const categoryTokens = {};
    Object.keys(raw.categories).forEach((c) => { categoryTokens[c] = tokenize(raw.categories[c]); });
    return {
      index, docs: raw.docs, levels: raw.levels, levelTokens,
      categories: raw.categories, categoryTokens,
      simplify: match.simplifier(raw.ts), sounds: match.soundTable(raw.sounds),
      titles: new Set(raw.docs.map((d) => (d.o ? d.o.name : match.normalize(d.t)))),
      occupations: raw.docs.map((doc, i) => (doc.k === "o" ? i : -1)).filter((i) => i >= 0),
    };
  }

  const LEVEL_WORDS = { 1: "一级/高级技师", 2: "二级/技师", 3: "三级/高级工", 4: "四级/中级工", 5: "五级/初级工" };

  // 五级/初级工 至 一级/高级技师, or a list when the levels are not contiguous.
  function levelsLabel(digits) {
    const list = String(digits || "").split("");
    if (!list.length) return "";
    if (list.length === 1) return LEVEL_WORDS[list[0]];
    const contiguous = list.every((d, i) => i === 0 || Number(list[i - 1]) === Number(d) + 1);
    if (contiguous) return LEVEL_WORDS[list[0]] + " 至 " + LEVEL_WORDS[list[list.length - 1]];
    return list.map((d) => LEVEL_WORDS[d]).join("、");
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { tokenize, pinyinTokens, terms, search, answer, prepare, levelsLabel };
    return;
  }

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

  function load() {
    if (!loading) {
      const lib = window.elasticlunr ? Promise.resolve() : loadScript(base + "assets/vendor/elasticlunr.min.js");
      const json = fetch(base + "search/index.json").then((r) => {
        if (!r.ok) throw new Error("search index: HTTP " + r.status);
        return r.json();
      });
      loading = Promise.all([lib, json]).then((parts) => prepare(window.elasticlunr, parts[1], base));
      loading.catch(() => { loading = null; });
    }
    return loading;
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
    [doc.c, levelsLabel(doc.l), kind, r.alias ? "又称：" + r.alias : "", r.sound ? "按读音匹配" : ""].forEach((text, i) => {
      if (!text) return;
      const meta = document.createElement("span");
      meta.className = i === 0 ? "result-code" : "result-meta";
      meta.textContent = text;
      frag.appendChild(meta);
    });
    return frag;
  }

  const MAX_SUGGESTIONS = 8;
  // A long list helps nobody and costs time to draw: the page shows this many at most.
  const MAX_RESULTS = 200;

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

    const update = debounce(() => {
      const query = input.value;
      load().then((data) => {
        if (input.value === query) show(query, search(data, query));
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

    function render(query, found, said) {
      showAnswer(said);
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
      found.slice(0, MAX_RESULTS).forEach((r) => {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = r.doc.u;
        a.appendChild(resultContent(r));
        li.appendChild(a);
        results.appendChild(li);
      });
    }

    // Typing keeps the URL current (replaceState); Enter commits the query as a history
    // entry of its own, so back returns to the query committed before it.
    let committed = window.location.href;

    function run(query, push) {
      return load().then((data) => {
        if (input.value !== query) return;
        const found = search(data, query);
        render(query, found, answer(data, query, found));
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
    input.addEventListener("input", update);
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
      if (q) run(q, false);
      else render("", [], null);
    }
    window.addEventListener("popstate", restore);
    restore();
  }

  document.querySelectorAll("form[data-search]").forEach((form) => {
    if (form.dataset.search === "page") setupPage(form);
    else setupHeader(form);
  });
})();
