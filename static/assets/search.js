// Client-side search over search/index.json and the shards a query needs (elasticlunr 0.9.5),
// loaded on first use.
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

  // ---- The index, as a query needs it ------------------------------------------------------
  // search/index.json is a manifest (see src/derive/search/shards.rs): document count, field
  // lengths, levels, aliases, the forms and the notice, and the list of shards. A query needs
  // the token shards of its tokens (t…), the pinyin shards of its letters (p…) and the blocks
  // (d…) of the occupations it shows or must read names or codes of. search() says which are
  // missing (data.missing) and returns null; find() fetches them and runs it again. A small
  // site's manifest holds every shard (`inline`).

  const hex = (ch) => ch.codePointAt(0).toString(16);
  const tokenShard = (data, token) => "t" + (token.codePointAt(0) % data.buckets);
  const pinyinShard = (key) => "p" + Array.from(key).slice(0, 2).map(hex).join("-");
  // The pinyin shards a term's expansions are in: its own, or every one of a lone letter.
  function pinyinShards(data, term) {
    const id = pinyinShard(term);
    if (Array.from(term).length > 1) return [id];
    return [id].concat(Object.keys(data.files).filter((f) => f.startsWith(id + "-")));
  }
  const blockShard = (data, i) => "d" + Math.floor(i / data.block);

  // Whether a shard is there to read; one that is not is noted as missing. A shard the
  // manifest does not list has nothing in it.
  function ready(data, id) {
    if (!(id in data.files) || data.loaded.has(id)) return true;
    data.missing.add(id);
    return false;
  }
  const allReady = (data, ids) => ids.map((id) => ready(data, id)).every(Boolean);
  const allBlocks = (data) => allReady(data, Array.from({ length: Math.ceil(data.o / data.block) }, (_, k) => "d" + k));

  // Adds a shard's content: postings into the elasticlunr index, pinyin keys, a block.
  function addShard(data, id, content) {
    if (data.loaded.has(id)) return;
    data.loaded.add(id);
    const index = data.index;
    if (id.charAt(0) === "t") {
      Object.keys(content.terms).filter((f) => f in BOOST).forEach((f) => {
        const postings = content.terms[f];
        const tf = (content.tf && content.tf[f]) || {};
        Object.keys(postings).forEach((token) => {
          let doc = 0;
          postings[token].forEach((delta) => {
            doc += delta;
            const freq = tf[token] && tf[token][doc];
            index.index[f].addToken(token, { ref: String(doc), tf: freq || 1 });
          });
        });
      });
    } else if (id.charAt(0) === "p") {
      // In document order, each occupation's keys in pinyinTokens' order: elasticlunr's trie
      // then lists a prefix's expansions in the order the whole index would.
      let doc = 0;
      content.forEach(([delta, whole, from]) => {
        doc += delta;
        addPinyin(data, id, doc, { whole: whole ? whole.split(" ") : [], from: from ? from.split("|") : [] });
      });
      reorder(data, String.fromCodePoint(parseInt(id.slice(1).split("-")[0], 16)));
    } else if (id === "s") {
      // One file's spellings: each occupation's entries of every pinyin shard, as
      // pinyin_shards in shards.rs makes them.
      content.forEach((p, doc) => {
        const spellings = String(p || "").split("|").filter(Boolean).map((y) => y.split(" "));
        const whole = unique([].concat(...spellings.map((y) => [y.join(""), y.map((x) => x.charAt(0)).join("")])).filter(Boolean));
        const preferred = spellings[0] || [];
        const from = preferred.map((_, i) => preferred.slice(i));
        unique(pinyinTokens(p).map(pinyinShard)).sort().forEach((shard) => {
          const entry = {
            whole: whole.filter((k) => pinyinShard(k) === shard),
            from: from.filter((f) => pinyinShard(f.join("")) === shard).map((f) => f.join(" ")),
          };
          addPinyin(data, shard, doc, entry);
        });
      });
      Object.keys(data.porder).forEach((letter) => reorder(data, letter));
    } else if (id.charAt(0) === "x") {
      data.x[id] = content;
    } else {
      data.blocks[Number(id.slice(1))] = content;
    }
    index._idfCache = {}; // document frequencies change as shards arrive
  }

  // One occupation's entry of a pinyin shard: its keys there are the whole spellings and
  // initials, then the preferred spelling from each later syllable, without repeats.
  function addPinyin(data, id, doc, entry) {
    const keys = unique(entry.whole.concat(entry.from.map((s) => s.replace(/ /g, ""))));
    (data.pinyin[doc] || (data.pinyin[doc] = {}))[id] = entry;
    (data.keys[doc] || (data.keys[doc] = [])).push(...keys);
    keys.forEach((key) => data.index.index.pinyin.addToken(key, { ref: String(doc), tf: 1 }));
  }

  // A letter's children in the pinyin trie put in the order the whole index creates them
  // (porder), whichever of its shards came first: a one-letter term lists its expansions so.
  function reorder(data, letter) {
    const node = data.index.index.pinyin.root[letter];
    if (!node) return;
    const kids = Array.from(data.porder[letter] || "").filter((c) => c in node);
    const nodes = kids.map((c) => node[c]);
    kids.forEach((c) => { delete node[c]; });
    kids.forEach((c, i) => { node[c] = nodes[i]; });
  }

  // Document i, or null (noted as missing) while its block is not there.
  function docAt(data, i) {
    i = Number(i);
    if (i >= data.o) return data.others[i - data.o];
    if (data.docs[i]) return data.docs[i];
    if (!ready(data, blockShard(data, i))) return null;
    const block = data.blocks[Math.floor(i / data.block)];
    const j = i % data.block;
    const levels = data.levels_of[i];
    const aliases = data.aliases[i] ? data.aliases[i].split(" ") : [];
    const doc = {
      k: "o", t: block.t[j], c: block.c[j], l: levels, n: block.n[j], a: data.aliases[i] || "",
      u: data.base + "occupations/" + block.c[j] + "/",
      o: match.occupation(block.t[j], block.c[j], data.keys[i] || (data.keys[i] = []), aliases, levels.split("")),
    };
    data.docs[i] = doc;
    return doc;
  }
  const kindOf = (data, i) => (Number(i) < data.o ? "o" : data.others[i - data.o].k);

  // ---- Matching ---------------------------------------------------------------------------
  // Fields searched through elasticlunr. Codes are matched by match.codeMatches instead, so
  // that 4030207 and 01-03 find what the filter finds; the index has no code field.
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

  // elasticlunr's scores of tokens, once the shards of every token are there.
  function scores(data, tokens, bool) {
    const out = {};
    if (!tokens.length) return out;
    const shards = tokens.map((t) => tokenShard(data, t));
    tokens.forEach((t) => shards.push(...pinyinShards(data, t)));
    if (!allReady(data, unique(shards))) return out;
    data.index.search(tokens, config(bool)).forEach((r) => { out[r.ref] = r.score; });
    return out;
  }

  const containsAll = (haystack, needles) => needles.every((t) => haystack.includes(t));

  // Levels and categories are matched as facets: a term whose tokens all occur in a level's
  // words (高级技师 → 一级) or a category's name (居民服务 → 4-10) selects every occupation
  // with that level or in that category (categories need the codes: every block).
  function facetScores(data, tokens) {
    const out = {};
    const levels = Object.keys(data.levels).filter((n) => containsAll(data.levelTokens[n], tokens));
    const cats = Object.keys(data.categories).filter((c) => containsAll(data.categoryTokens[c], tokens));
    if (!levels.length && !cats.length) return out;
    if (cats.length && !allBlocks(data)) return out;
    for (let i = 0; i < data.o; i++) {
      const code = cats.length ? docAt(data, i).c : "";
      const hit = levels.some((n) => data.levels_of[i].includes(n)) ||
        cats.some((c) => code === c || code.startsWith(c + "-"));
      if (hit) out[i] = FACET_SCORE;
    }
    return out;
  }

  // The occupations whose code matches a code term (match.codeMatcher): every block.
  function codeScores(data, term) {
    const out = {};
    if (!match.isCode(term) || !allBlocks(data)) return out;
    const matches = match.codeMatcher(term);
    const whole = match.wholeCode(term);
    for (let i = 0; i < data.o; i++) {
      const doc = docAt(data, i);
      if (matches(doc.c)) out[i] = doc.c === whole ? CODE_SCORE.whole : CODE_SCORE.part;
    }
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
    let found = scores(data, tokens, "AND");
    if (!Object.keys(found).length) {
      const chars = tokens.filter((t) => t.length === 1);
      const pairs = tokens.filter((t) => t.length > 1);
      if (pairs.length) {
        found = scores(data, chars, "AND");
        const bonus = scores(data, pairs, "OR");
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

  // The occupations match.termMatcher may find for a term, a superset read from the shards:
  // a name holding it holds its Han characters and pairs (title postings) or, for a term that
  // starts otherwise, its first character (the `x` shards); an alias; any code for a code;
  // pinyin keys with its first letters.
  function candidates(data, term, out) {
    const first = Array.from(term)[0];
    if (!first) return;
    if (isHan(first)) {
      // Every character and pair of its Han runs: a name holding the term holds them all.
      const tokens = unique(tokenize(term).filter((t) => isHan(Array.from(t)[0])).concat([first]));
      if (allReady(data, unique(tokens.map((t) => tokenShard(data, t))))) {
        let refs = Object.keys(data.index.index.title.getDocs(first));
        tokens.forEach((t) => {
          const docs = data.index.index.title.getDocs(t);
          refs = refs.filter((ref) => ref in docs);
        });
        refs.forEach((ref) => { if (Number(ref) < data.o) out.add(Number(ref)); });
      }
    } else {
      const ids = unique(["x" + (first.codePointAt(0) < 128 ? hex(first) : "2a"), "x2a"]);
      if (allReady(data, ids)) ids.forEach((id) => (data.x[id] || []).forEach((i) => out.add(i)));
    }
    Object.keys(data.aliases).forEach((i) => out.add(Number(i)));
    if (match.isCode(term)) for (let i = 0; i < data.o; i++) out.add(i);
    const ids = match.isPinyin(term) ? pinyinShards(data, term) : [];
    if (ids.length && allReady(data, ids)) {
      data.pinyin.forEach((shards, i) => { if (i < data.o && ids.some((id) => shards[id])) out.add(i); });
    }
  }

  // What an alias match scores: about one good title match.
  const ALIAS_SCORE = 5;

  // The rank of a pinyin term in a name: 3 the whole spelling or its initials; 2 whole
  // syllables inside the name (tiaoshi in 装配调试员); 1 whole syllables that end on the
  // name's last one, its role word (tiaoshi in 烹调师: tiao + 师); 0 part of a syllable.
  // Read from the pinyin shard of the term's letter: the spellings' keys there, and the
  // preferred spelling from each syllable with that letter on.
  function pinyinRank(data, ref, term) {
    if (!match.isPinyin(term) || !data.pinyin[ref]) return 0;
    const entries = pinyinShards(data, term).map((id) => data.pinyin[ref][id]).filter(Boolean);
    if (entries.some((e) => e.whole.includes(term))) return 3;
    let best = 0;
    entries.forEach((e) => e.from.forEach((from) => {
      const syllables = from.split(" ");
      let joined = "";
      for (let j = 0; j < syllables.length && joined.length < term.length; j++) {
        joined += syllables[j];
        if (joined === term) best = Math.max(best, j < syllables.length - 1 ? 2 : 1);
      }
    }));
    return best;
  }

  // Search: the query read by match.parseQuery (level split off, traditional characters made
  // simplified, loose codes); a level alone lists the occupations that have it. When a Han
  // query finds no occupation, it is retried on its pinyin (查艺师 → chayishi), such results
  // marked `sound`. Results carry `alias` when found through an everyday name (月嫂).
  // null when shards are missing (data.missing names them): find() fetches them and asks again.
  function search(data, query) {
    data.missing.clear();
    const parsed = match.parseQuery(query, data.simplify, (q) => data.titles.has(q));
    const text = parsed.text;
    let combined = {};
    if (text) combined = textScores(data, text);
    else if (parsed.level === null) return [];
    if (data.missing.size) return null;
    const named = {};
    if (!text) {
      const level = String(parsed.level);
      for (let i = 0; i < data.o; i++) if (data.levels_of[i].includes(level)) named[i] = true;
    } else {
      const matches = match.matcher(parsed);
      const words = [text.replace(/ /g, "")].concat(text.split(" "));
      const some = new Set();
      candidates(data, words[0], some);
      candidates(data, words[1], some);
      // Every pinyin letter of the text's words, so each occupation's keys there are known.
      words.filter(match.isPinyin).forEach((w) => allReady(data, pinyinShards(data, w)));
      if (data.missing.size) return null;
      const list = Array.from(some).sort((a, b) => a - b);
      list.forEach((i) => docAt(data, i));
      if (data.missing.size) return null;
      list.forEach((i) => { if (matches(docAt(data, i).o)) named[i] = true; });
    }
    Object.keys(named).forEach((i) => { if (!(i in combined)) combined[i] = text ? ALIAS_SCORE : FACET_SCORE; });
    const sound = {};
    const anyOccupation = Object.keys(combined).some((ref) => kindOf(data, ref) === "o");
    if (text && /[\u3400-\u9fff]/.test(text) && !anyOccupation) {
      const spellings = match.soundSpellings(text, data.sounds);
      if (!allReady(data, unique(spellings.map(pinyinShard)))) return null; // two letters or more
      spellings.forEach((spelling) => {
        data.keys.forEach((keys, i) => {
          if (i < data.o && match.pinyinMatches(keys, spelling) && !(i in combined)) {
            combined[i] = FACET_SCORE;
            sound[i] = true;
          }
        });
      });
    }
    // A level beside a name ranks the occupations that have it first among equals.
    if (text && parsed.level !== null) {
      Object.keys(combined).forEach((ref) => {
        if (kindOf(data, ref) === "o" && data.levels_of[ref].includes(String(parsed.level))) combined[ref] += FACET_SCORE / 2;
      });
    }
    const code = match.wholeCode(text);
    const bare = text.replace(/ /g, "");
    if (match.isPinyin(bare)) allReady(data, pinyinShards(data, bare));
    Object.keys(combined).forEach((ref) => docAt(data, ref));
    if (data.missing.size) return null;
    const anyNamed = Object.keys(named).length > 0;
    return Object.keys(combined)
      .map((ref) => {
        const doc = docAt(data, ref);
        const o = doc.o;
        const title = o ? o.name : doc.nt || (doc.nt = match.normalize(doc.t));
        const alias = o ? match.aliasFor(o, text) : "";
        return {
          ref, doc, score: combined[ref],
          exact: !!text && ((code !== null && doc.c === code) || title === text || (!!o && o.aliases.includes(bare))),
          // Forms and the notice follow the occupations, unless the query is about them.
          later: doc.k !== "o" && anyNamed && !title.includes(bare),
          named: !!named[ref],
          rank: doc.k === "o" ? pinyinRank(data, Number(ref), bare) : 0,
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

  // Runs search() with the shards `load(ids)` gives (a promise, or under Node the contents at
  // once), fetching what it says is missing until it has all: the results.
  function find(data, query, load) {
    for (let round = 0; round < 8; round++) {
      const results = search(data, query);
      if (results) return results;
      const ids = Array.from(data.missing);
      const loaded = load(ids);
      if (loaded && typeof loaded.then === "function") {
        return loaded.then(() => find(data, query, load));
      }
    }
    throw new Error("search: shards still missing for " + query);
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

  // Prepares the manifest of search/index.json (see src/derive/search/shards.rs): an
  // elasticlunr index with every document's field lengths and no postings yet (shards add
  // them), and the display data. `base` prefixes derived URLs.
  function prepare(lunr, raw, base) {
    lunr.tokenizer.setSeperator(/\s+/); // tokens arrive pre-split; keep codes whole
    const index = new lunr.Index();
    index.setRef("id");
    index.saveDocument(false);
    Object.keys(BOOST).forEach((f) => index.addField(f));
    const store = index.documentStore;
    for (let i = 0; i < raw.n; i++) {
      const ref = String(i);
      store.addDoc(ref, null);
      Object.keys(raw.lengths).forEach((f) => store.addFieldLength(ref, f, raw.lengths[f][i]));
    }
    raw.others.forEach((doc) => { doc.nt = match.normalize(doc.t); });
    const levelTokens = {};
    Object.keys(raw.levels).forEach((n) => { levelTokens[n] = tokenize(raw.levels[n]); });
    const categoryTokens = {};
    Object.keys(raw.categories).forEach((c) => { categoryTokens[c] = tokenize(raw.categories[c]); });
    const data = {
      index, base, n: raw.n, o: raw.o, block: raw.block, buckets: raw.buckets,
      files: raw.files || {}, loaded: new Set(), missing: new Set(),
      blocks: [], docs: [], pinyin: [], keys: [],
      levels_of: raw.l, aliases: raw.a, others: raw.others, x: {}, porder: raw.porder,
      levels: raw.levels, levelTokens, categories: raw.categories, categoryTokens,
      simplify: match.simplifier(raw.ts), sounds: match.soundTable(raw.sounds),
      titles: new Set(raw.keep.map(match.normalize).concat(raw.others.map((d) => d.nt))),
    };
    Object.keys(raw.inline || {}).forEach((id) => addShard(data, id, raw.inline[id]));
    return data;
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
    module.exports = { tokenize, pinyinTokens, terms, search, find, answer, prepare, addShard, levelsLabel };
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
      const json = getJson(base + "search/index.json");
      loading = Promise.all([lib, json]).then((parts) => prepare(window.elasticlunr, parts[1], base));
      loading.catch(() => { loading = null; });
    }
    return loading;
  }

  // Shards being fetched, by id: each is fetched once, and again after a failure.
  const fetching = new Map();

  function loadShards(data, ids) {
    return Promise.all(ids.map((id) => {
      if (!fetching.has(id)) {
        const p = getJson(base + "search/shards/" + data.files[id] + ".json").then((content) => addShard(data, id, content));
        p.catch(() => fetching.delete(id));
        fetching.set(id, p);
      }
      return fetching.get(id);
    }));
  }

  // The results of a query, with the shards it needs fetched first.
  function searchFor(query) {
    return load().then((data) => Promise.resolve(find(data, query, (ids) => loadShards(data, ids))).then((found) => ({ data, found })));
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
      searchFor(query).then(({ found }) => {
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
      return searchFor(query).then(({ data, found }) => {
        if (input.value !== query) return;
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
