// The search engine of search.js: reads search/index.json and the shards a query needs into an
// elasticlunr 0.9.5 index and answers queries. Imported by search.js on first use (beside
// elasticlunr, a classic script it is handed), so pages that are only read carry none of it;
// the tests import it under Node.
// Queries are read by match.js, the matcher the table filter uses too: codes with or without
// dashes and pinyin match the same occupations in both.
import * as match from "./match.js";

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
// A key's pinyin shard: its first two letters, or three where that pair's shard is split
// (data.split: p73-68-69 for shi…), as pinyin_shard in shards.rs.
function pinyinShard(data, key) {
  const letters = Array.from(key).slice(0, 3).map(hex);
  const two = "p" + letters.slice(0, 2).join("-");
  return letters.length === 3 && data.split.has(two) ? two + "-" + letters[2] : two;
}
// The pinyin shards a term's expansions are in: its own, or every one of a lone letter or
// of a split pair.
function pinyinShards(data, term) {
  const id = pinyinShard(data, term);
  const length = Array.from(term).length;
  if (length > 2 || (length === 2 && !data.split.has(id))) return [id];
  return [id].concat(Object.keys(data.files).filter((f) => f.startsWith(id + "-")));
}
const blockShard = (data, i) => "d" + Math.floor(i / data.block);
// Codes are in the blocks, and all of them again in a few code shards (`cblock` apiece) of
// a sharded index, for the queries that scan them.
const codeShard = (data, i) => {
  const id = data.cblock ? "c" + Math.floor(i / data.cblock) : "";
  return id in data.files ? id : blockShard(data, i);
};

// Whether a shard is there to read; one that is not is noted as missing. A shard the
// manifest does not list has nothing in it.
function ready(data, id) {
  if (!(id in data.files) || data.loaded.has(id)) return true;
  data.missing.add(id);
  return false;
}
const allReady = (data, ids) => ids.map((id) => ready(data, id)).every(Boolean);
// Every code (a one-file index has them in its blocks).
const allCodes = (data) => {
  const size = data.cblock || data.block;
  return allReady(data, unique(Array.from({ length: Math.ceil(data.o / size) }, (_, k) => codeShard(data, k * size))));
};

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
    const letters = id.slice(1).split("-").map((h) => String.fromCodePoint(parseInt(h, 16)));
    reorder(data, letters[0]);
    if (letters.length === 3) reorder(data, letters[0] + letters[1]);
  } else if (id === "s") {
    // One file's spellings: each occupation's entries of every pinyin shard, as
    // pinyin_shards in shards.rs makes them.
    content.forEach((p, doc) => {
      const spellings = String(p || "").split("|").filter(Boolean).map((y) => y.split(" "));
      const whole = unique([].concat(...spellings.map((y) => [y.join(""), y.map((x) => x.charAt(0)).join("")])).filter(Boolean));
      const preferred = spellings[0] || [];
      const from = preferred.map((_, i) => preferred.slice(i));
      unique(pinyinTokens(p).map((k) => pinyinShard(data, k))).sort().forEach((shard) => {
        const entry = {
          whole: whole.filter((k) => pinyinShard(data, k) === shard),
          from: from.filter((f) => pinyinShard(data, f.join("")) === shard).map((f) => f.join(" ")),
        };
        addPinyin(data, shard, doc, entry);
      });
    });
    Object.keys(data.porder).forEach((letter) => reorder(data, letter));
  } else if (id.charAt(0) === "x") {
    data.x[id] = content;
  } else if (id.charAt(0) === "c") {
    data.codes[Number(id.slice(1))] = content;
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
// The same for the letters after a split pair (porder["sh"]).
function reorder(data, letter) {
  let node = data.index.index.pinyin.root;
  for (const c of letter) node = node && node[c];
  if (!node) return;
  const kids = Array.from(data.porder[letter] || "").filter((c) => c in node);
  const nodes = kids.map((c) => node[c]);
  kids.forEach((c) => { delete node[c]; });
  kids.forEach((c, i) => { node[c] = nodes[i]; });
}

// Occupation i's name, or null (noted as missing) while its block is not there.
function titleAt(data, i) {
  if (!ready(data, blockShard(data, i))) return null;
  return data.blocks[Math.floor(i / data.block)].t[i % data.block];
}
// Occupation i's code, from its block or its code shard, or null (noted as missing) while
// neither is there.
function codeAt(data, i) {
  const block = data.blocks[Math.floor(i / data.block)];
  if (block) return block.c[i % data.block];
  const id = codeShard(data, i);
  if (!ready(data, id)) return null;
  if (id.charAt(0) === "d") return data.blocks[Math.floor(i / data.block)].c[i % data.block];
  return data.codes[Math.floor(i / data.cblock)][i % data.cblock];
}

// Document i, or null (noted as missing) while its block or codes are not there.
function docAt(data, i) {
  i = Number(i);
  if (i >= data.o) return data.others[i - data.o];
  if (data.docs[i]) return data.docs[i];
  const title = titleAt(data, i);
  if (title === null) return null;
  const code = codeAt(data, i);
  const block = data.blocks[Math.floor(i / data.block)];
  const j = i % data.block;
  const levels = data.levels_of[i];
  const aliases = data.aliases[i] ? data.aliases[i].split(" ") : [];
  const doc = {
    k: "o", t: title, c: code, l: levels, n: block.n[j], a: data.aliases[i] || "",
    u: data.base + "occupations/" + code + "/",
    o: match.occupation(title, code, data.keys[i] || (data.keys[i] = []), aliases, levels.split("")),
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
  if (cats.length && !allCodes(data)) return out;
  for (let i = 0; i < data.o; i++) {
    const code = cats.length ? codeAt(data, i) : "";
    const hit = levels.some((n) => data.levels_of[i].includes(n)) ||
      cats.some((c) => code === c || code.startsWith(c + "-"));
    if (hit) out[i] = FACET_SCORE;
  }
  return out;
}

// The occupations whose code matches a code term (match.codeMatcher): every code.
function codeScores(data, term) {
  const out = {};
  if (!match.isCode(term) || !allCodes(data)) return out;
  const matches = match.codeMatcher(term);
  const whole = match.wholeCode(term);
  for (let i = 0; i < data.o; i++) {
    const code = codeAt(data, i);
    if (matches(code)) out[i] = code === whole ? CODE_SCORE.whole : CODE_SCORE.part;
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

// The occupations whose name match.termMatcher may find a term in, a superset read from the
// shards: a name holding it holds its Han characters and pairs (title postings) or, for a
// term that starts otherwise, its first character (the `x` shards). Only these need their
// block (the name) to be matched.
function nameCandidates(data, term, out) {
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
    // Each character other than Han: a name holding the term is under each (or under `*`,
    // whatever the folding).
    const chars = unique(Array.from(term).filter((c) => !isHan(c)));
    const ids = chars.map((c) => unique(["x" + (c.codePointAt(0) < 128 ? hex(c) : "2a"), "x2a"]));
    if (allReady(data, unique([].concat(...ids)))) {
      let refs = null;
      ids.forEach((list) => {
        const docs = new Set([].concat(...list.map((id) => data.x[id] || [])));
        refs = refs === null ? docs : new Set(Array.from(refs).filter((i) => docs.has(i)));
      });
      refs.forEach((i) => out.add(i));
    }
  }
}

// The occupations match.termMatcher may find for a term, a superset: by name
// (nameCandidates), an alias, any code for a code, pinyin keys with its first letters.
function candidates(data, term, out) {
  if (!term) return;
  nameCandidates(data, term, out);
  Object.keys(data.aliases).forEach((i) => out.add(Number(i)));
  if (match.isCode(term)) for (let i = 0; i < data.o; i++) out.add(i);
  const ids = match.isPinyin(term) ? pinyinShards(data, term) : [];
  if (ids.length && allReady(data, ids)) {
    data.pinyin.forEach((shards, i) => { if (i < data.o && ids.some((id) => shards[id])) out.add(i); });
  }
}

// Occupation i as match.termMatcher reads it: its name only when in `names` (the name may
// hold a word of the query), its code only when `codes` (a word may be a code), else "",
// which no word matches; aliases, levels and pinyin keys are at hand.
// `holding` (a set, and the word) stands in for the names known from the postings to hold
// a short Han word and that cannot equal it: a stand-in that holds it and differs from it.
function occupationOf(data, i, names, codes, holding) {
  if (names.has(i) && codes) return docAt(data, i).o;
  const aliases = data.aliases[i] ? data.aliases[i].split(" ") : [];
  const name = names.has(i) ? titleAt(data, i) : holding && holding.set.has(i) ? "\u0000" + holding.word : "";
  return match.occupation(name, codes ? codeAt(data, i) : "", data.keys[i] || (data.keys[i] = []), aliases, data.levels_of[i].split(""));
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
// Names, codes and counts (`doc`) are read from the blocks only where matching and ranking
// need them; the first `shown` results get their `doc` (the others null: withDocs).
function search(data, query, shown = Infinity) {
  data.missing.clear();
  const parsed = match.parseQuery(query, data.simplify, (q) => data.titles.has(q));
  const text = parsed.text;
  let combined = {};
  if (text) combined = textScores(data, text);
  else if (parsed.level === null) return [];
  if (data.missing.size) return null;
  const named = {};
  // The candidates whose name may hold a word of the text: only their blocks are read; the
  // codes only when a word may be a code.
  const names = new Set();
  let codes = false;
  let holding = null;
  if (!text) {
    const level = String(parsed.level);
    for (let i = 0; i < data.o; i++) if (data.levels_of[i].includes(level)) named[i] = true;
  } else {
    const matches = match.matcher(parsed);
    const words = [text.replace(/ /g, "")].concat(text.split(" "));
    const some = new Set();
    candidates(data, words[0], some);
    candidates(data, words[1], some);
    // Every word, as the matcher tries each: a pinyin first term may come with a name's.
    const maybe = new Set();
    unique(words).forEach((w) => nameCandidates(data, w, maybe));
    // Every pinyin letter of the text's words, so each occupation's keys there are known.
    words.filter(match.isPinyin).forEach((w) => allReady(data, pinyinShards(data, w)));
    if (data.missing.size) return null;
    const list = Array.from(some).sort((a, b) => a - b);
    // A text of one or two Han characters is in a name exactly when its token is (title
    // postings); only a name of as many tokens may equal it and is read.
    const chars = Array.from(text);
    if (chars.length <= 2 && chars.every(isHan)) {
      holding = { set: maybe, word: text };
      list.forEach((i) => { if (maybe.has(i) && data.index.documentStore.getFieldLength(String(i), "title") === 2 * chars.length - 1) names.add(i); });
    } else {
      list.forEach((i) => { if (maybe.has(i)) names.add(i); });
    }
    names.forEach((i) => titleAt(data, i));
    codes = words.some(match.isCode);
    if (codes) allCodes(data);
    if (data.missing.size) return null;
    list.forEach((i) => { if (matches(occupationOf(data, i, names, codes, holding))) named[i] = true; });
  }
  Object.keys(named).forEach((i) => { if (!(i in combined)) combined[i] = text ? ALIAS_SCORE : FACET_SCORE; });
  const sound = {};
  const anyOccupation = Object.keys(combined).some((ref) => kindOf(data, ref) === "o");
  if (text && /[\u3400-\u9fff]/.test(text) && !anyOccupation) {
    const spellings = match.soundSpellings(text, data.sounds);
    if (!allReady(data, unique(spellings.map((y) => pinyinShard(data, y))))) return null; // two letters or more
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
  if (data.missing.size) return null;
  const anyNamed = Object.keys(named).length > 0;
  const results = Object.keys(combined)
    .map((ref) => {
      const kind = kindOf(data, ref);
      // A name equal to the text holds every word (in `names`); a code equal to it is a code.
      const doc = kind === "o" ? null : docAt(data, ref);
      const o = kind === "o" ? occupationOf(data, Number(ref), names, codes, holding) : null;
      const title = o ? o.name : doc.nt || (doc.nt = match.normalize(doc.t));
      const alias = o ? match.aliasFor(o, text) : "";
      return {
        ref, doc, kind, score: combined[ref],
        exact: !!text && ((code !== null && !!o && o.code === code) || title === text || (!!o && o.aliases.includes(bare))),
        // Forms and the notice follow the occupations, unless the query is about them.
        later: kind !== "o" && anyNamed && !title.includes(bare),
        named: !!named[ref],
        rank: kind === "o" ? pinyinRank(data, Number(ref), bare) : 0,
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
  return withDocs(data, results, 0, shown) ? results : null;
}

// Gives results from..to their `doc`: true, or false with the missing blocks noted.
function withDocs(data, results, from, to) {
  results.slice(from, to).forEach((r) => { r.doc = r.doc || docAt(data, r.ref); });
  return !data.missing.size;
}

// Runs search() with the shards `load(ids)` gives (a promise, or under Node the contents at
// once), fetching what it says is missing until it has all: the results, the first `shown`
// with their `doc` (all by default).
function find(data, query, load, shown = Infinity) {
  for (let round = 0; round < 8; round++) {
    const results = search(data, query, shown);
    if (results) return results;
    const ids = Array.from(data.missing);
    const loaded = load(ids);
    if (loaded && typeof loaded.then === "function") {
      return loaded.then(() => find(data, query, load, shown));
    }
  }
  throw new Error("search: shards still missing for " + query);
}

// Gives results from..to of find() their `doc`, fetching their blocks with `load`: the
// results (a promise when `load` gives one).
function more(data, results, from, to, load) {
  data.missing.clear();
  if (withDocs(data, results, from, to)) return results;
  const loaded = load(Array.from(data.missing));
  if (loaded && typeof loaded.then === "function") return loaded.then(() => more(data, results, from, to, load));
  return more(data, results, from, to, load);
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
  if (!parsed.text || !top || top.kind !== "o") return null;
  const exact = results.filter((r) => r.kind === "o" && r.exact);
  const matched = results.filter((r) => r.kind === "o" && (r.named || r.sound));
  const all = results.filter((r) => r.kind === "o");
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
    index, base, n: raw.n, o: raw.o, block: raw.block, cblock: raw.cblock || 0, buckets: raw.buckets,
    files: raw.files || {}, loaded: new Set(), missing: new Set(),
    // The pairs of letters whose pinyin shard is split by a third (p73-68 of p73-68-69).
    split: new Set(Object.keys(raw.files || {}).filter((f) => /^p[^-]+-[^-]+-/.test(f)).map((f) => f.split("-").slice(0, 2).join("-"))),
    blocks: [], codes: [], docs: [], pinyin: [], keys: [],
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

export { tokenize, pinyinTokens, terms, search, find, more, answer, prepare, addShard, levelsLabel, docAt };
