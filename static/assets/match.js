// The one text matcher of the site, shared by the table filter (filter.js) and search
// (search.js): how a typed query is normalised, and when an occupation code or a pinyin
// spelling matches a term. Both read 4030207, ４－０３ and bao'yu the same way.
//
// An ES module with no imports and no effects on load: filter.js, filter-data.js,
// search-engine.js and the fill page's parts import it, as tests/js/match.test.mjs does.

// Full-width ASCII (U+FF01–U+FF5E, what Chinese input methods type: ４、Ａ、－) as ASCII, the
// one fold of widths every reader of typed text uses (the fold below, normalize, the fill
// page's checks). `narrow` takes one such character.
const narrow = (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
const FULL_WIDTH = /[\uff01-\uff5e]/g;
const halfWidth = (text) => String(text || "").replace(FULL_WIDTH, narrow);

// The search tokenizer's fold of one character (fold in src/derive/search/tokenize.rs, which
// the index is built with): full-width ASCII to ASCII, the dashes U+2010–U+2015 to "-",
// upper-case ASCII to lower case.
const fold = (ch) => {
  const c = ch.codePointAt(0);
  if (c >= 0xff01 && c <= 0xff5e) ch = narrow(ch);
  else if (c >= 0x2010 && c <= 0x2015) ch = "-";
  return ch >= "A" && ch <= "Z" ? ch.toLowerCase() : ch;
};

// A typed query as both matchers read it: folded as above, then, on the query side only,
// lower case throughout, the minus signs as dashes, pinyin tone marks dropped and ü typed as
// v (the spellings write lv, nv), apostrophes between syllables dropped (xi'an), runs of
// whitespace (the ideographic space too) as one space, trimmed. Text with nothing to change
// (Han characters, lower-case letters, digits, single inner spaces: the table's own names and
// spellings) comes back as it is, which reads a 10,000-row table three times faster.
// The fold of every character at once (one pass, no array of characters: a name with
// full-width brackets, 商务材料操作工（238）, is common); the upper case goes with the rest.
const UNCHANGED = /^[\u4e00-\u9fffa-z0-9]+(?: [\u4e00-\u9fffa-z0-9]+)*$/;
const FOLDED = /[\uff01-\uff5e\u2010-\u2015]/g;
const foldUnit = (ch) => (ch >= "\uff01" ? narrow(ch) : "-");
// What the steps after the fold change; folded text without any is done.
const REST = /[\u2212\ufe58\ufe63\u00e0-\u024f\u0300-\u036f'\u2019\s]/;
const normalize = (text) => {
  if (typeof text === "string" && UNCHANGED.test(text)) return text;
  const folded = String(text || "").replace(FOLDED, foldUnit).toLowerCase();
  return !REST.test(folded) ? folded : folded
    .replace(/[\u2212\ufe58\ufe63]/g, "-")
    .replace(/[\u00e0-\u024f]/g, (ch) => ch.normalize("NFD"))
    .replace(/u\u0308/g, "v")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z])['\u2019]+(?=[a-z])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
};

// ---- Occupation codes: 大类-中类-小类-细类, digits 1-2-2-2 (4-10-01-03) ----------------------
const SEGMENT_DIGITS = [1, 2, 2, 2];
const CODE_DIGITS = 7;

// A term made of digits and dashes that starts with a digit: a code or part of one.
const isCode = (term) => /^\d[\d-]*$/.test(term);

// Digits typed without dashes, read segment by segment: 4030207 → 4-03-02-07,
// 40302 → 4-03-02, 4030 → 4-03-0; null for more digits than a code has.
function dashed(digits) {
  if (!/^\d+$/.test(digits) || digits.length > CODE_DIGITS) return null;
  const parts = [];
  let at = 0;
  for (const width of SEGMENT_DIGITS) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + width));
    at += width;
  }
  return parts.join("-");
}

// A test of codes for one term: a code matches from the start of any of its segments
// (4-10, 01-03, 10), or, typed without dashes, from the start of the code (4100103, 40302).
// Made once per term, as search runs it over every occupation.
function codeMatcher(term) {
  if (!isCode(term)) return () => false;
  const inside = "-" + term;
  const prefix = dashed(term);
  return (code) => !!code &&
    (code.startsWith(term) || code.includes(inside) || (prefix !== null && code.startsWith(prefix)));
}
const codeMatches = (code, term) => codeMatcher(term)(code);

// The whole code a term names (4030207 and 4-03-02-07 → "4-03-02-07"), or null.
function wholeCode(term) {
  if (!isCode(term)) return null;
  const code = term.includes("-") ? term : dashed(term);
  return /^\d-\d\d-\d\d-\d\d$/.test(code || "") ? code : null;
}

// ---- Pinyin -------------------------------------------------------------------------------

// A term of letters only, after normalize: pinyin (baoyushi, bys).
const isPinyin = (term) => /^[a-z]+$/.test(term);

// The pinyin keys of a name, as pinyin_tokens in src/derive/search/tokenize.rs makes the
// index's pinyin field: each spelling whole and as initials, and the preferred spelling
// from each later syllable on. `spellings` is "bao yu shi|bao zhou shi" (preferred first).
function pinyinTokens(spellings) {
  const tokens = [];
  const push = (t) => { if (t && !tokens.includes(t)) tokens.push(t); };
  const list = String(spellings || "").split("|").filter(Boolean).map((s) => s.split(" "));
  for (const syllables of list) {
    push(syllables.join(""));
    push(syllables.map((s) => s.charAt(0)).join(""));
  }
  if (list.length) {
    for (let i = 1; i < list[0].length; i++) push(list[0].slice(i).join(""));
  }
  return tokens;
}

// A pinyin term matches a key it begins (baoyu → baoyushi, yushi; by → bys), as search
// expands a term to the index's keys that start with it.
const pinyinMatches = (keys, term) => isPinyin(term) && keys.some((k) => k.startsWith(term));

// ---- What a query asks: a level split off, traditional characters, codes typed loosely ------

// Level words, longest first so that 高级技师 wins over 技师 and 高级 (技师 = 二级, 高级技师 = 一级).
const LEVEL_WORDS = [
  ["高级技师", 1], ["高级工", 3], ["中级工", 4], ["初级工", 5], ["技师", 2],
  ["一级", 1], ["二级", 2], ["三级", 3], ["四级", 4], ["五级", 5],
  ["1级", 1], ["2级", 2], ["3级", 3], ["4级", 4], ["5级", 5],
  ["高级", 3], ["中级", 4], ["初级", 5],
];

// Traditional characters to simplified by a table of pairs ("養养護护…", search/index.json's
// `ts`); characters not in it stay as they are.
function simplifier(pairs) {
  const map = new Map();
  const chars = Array.from(String(pairs || ""));
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1]);
  return (text) => (map.size ? Array.from(text, (c) => map.get(c) || c).join("") : text);
}

// A query read once: normalised, traditional characters made simplified (`simplify`), a
// leading or trailing level split off even without a space (茶艺师三级, 3级茶艺师, cys3),
// and digits separated by spaces, dots or slashes read as a code (4 03 02 07).
// { text, level (1–5 or null), word (the level as typed) }. `keep(text)` may refuse the
// split when the whole text is a name (a name that ends in 技师).
function parseQuery(query, simplify, keep) {
  let q = normalize(simplify ? simplify(normalize(query)) : query);
  let level = null;
  let word = "";
  if (!(keep && keep(q))) {
    for (const [w, n] of LEVEL_WORDS) {
      // 3级 after digits would be part of a number, not a level.
      const before = q.slice(0, -w.length);
      if (q.endsWith(w) && !(/^\d/.test(w) && /[\d-]$/.test(before))) {
        level = n; word = w; q = before.trim(); break;
      }
      if (q.startsWith(w) && q.length > w.length) {
        level = n; word = w; q = q.slice(w.length).trim(); break;
      }
    }
    const digit = level === null && q.match(/^(.*[a-z\u3400-\u9fff])\s*([1-5])$/);
    if (digit) { level = Number(digit[2]); word = digit[2]; q = digit[1].trim(); }
  }
  if (/^\d[\d ./]*\d$/.test(q) && /[ ./]/.test(q)) q = q.replace(/[ ./]+/g, "-");
  return { text: q, level, word };
}

// ---- Typos by sound: a Han query retried on its pinyin --------------------------------

// char → its syllables, from search/index.json's `sounds` (syllable → characters).
function soundTable(sounds) {
  const map = new Map();
  Object.keys(sounds || {}).forEach((syllable) => {
    for (const c of sounds[syllable]) {
      if (!map.has(c)) map.set(c, []);
      map.get(c).push(syllable);
    }
  });
  return map;
}

// The spellings a Han text may have been meant as (查艺师 → chayishi), at most 16; none
// when a character's sound is unknown or the text is shorter than two characters.
function soundSpellings(text, table) {
  const chars = Array.from(String(text).replace(/\s+/g, ""));
  if (chars.length < 2 || !chars.every((c) => table.has(c))) return [];
  let out = [""];
  for (const c of chars) {
    const next = [];
    out.forEach((s) => table.get(c).forEach((y) => { if (next.length < 16) next.push(s + y); }));
    out = next;
  }
  return out;
}

// ---- An occupation against a text ---------------------------------------------------------

// An occupation as termMatches reads it: `pinyin` is its keys (pinyinTokens), `aliases` its
// everyday names (data/aliases.csv), `levels` its level numbers as strings.
const occupation = (name, code, pinyin, aliases, levels) => ({
  name: normalize(name), code: code || "", pinyin,
  aliases: aliases && aliases.length ? aliases.map(normalize).filter(Boolean) : [],
  levels: (levels || []).map(String),
});

// A test of occupations for one normalised term, made once per term as search runs it over
// every occupation: part of the name or of an alias, a code (codeMatcher) or pinyin
// (pinyinMatches).
function termMatcher(term) {
  const code = codeMatcher(term);
  const pinyin = isPinyin(term);
  return (o) => o.name.includes(term) || (o.aliases.length > 0 && o.aliases.some((a) => a.includes(term))) ||
    code(o.code) || (pinyin && o.pinyin.some((k) => k.startsWith(term)));
}
const termMatches = (o, term) => termMatcher(term)(o);

// The alias through which a text matches (月嫂), or "" when the name, code or pinyin does.
function aliasFor(o, q) {
  const bare = q.replace(/ /g, "");
  if (!bare || !o.aliases.length || termMatches(Object.assign({}, o, { aliases: [] }), bare)) return "";
  return o.aliases.find((a) => a.includes(bare)) || "";
}

// A test of occupations for a parsed text (parseQuery): every term matches, or the text
// without its spaces does (bao yu shi); a level alone matches the occupations that have it.
// A level beside a name does not narrow: the answer line says whether that level is open.
function matcher(parsed) {
  const q = parsed.text;
  if (!q) {
    const level = String(parsed.level);
    return (o) => parsed.level === null || o.levels.includes(level);
  }
  const whole = termMatcher(q.replace(/ /g, ""));
  const each = q.includes(" ") ? q.split(" ").map(termMatcher) : [];
  return (o) => whole(o) || (each.length > 0 && each.every((m) => m(o)));
}
const parsedMatches = (o, parsed) => matcher(parsed)(o);

const textMatches = (o, text, simplify) => parsedMatches(o, parseQuery(text, simplify));

export {
  halfWidth, fold, normalize, isCode, dashed, codeMatcher, codeMatches, wholeCode,
  isPinyin, pinyinTokens, pinyinMatches, LEVEL_WORDS, simplifier, parseQuery, soundTable,
  soundSpellings, occupation, termMatcher, termMatches, aliasFor, matcher, parsedMatches, textMatches,
};
