// The one text matcher of the site, shared by the table filter (filter.js) and search
// (search.js): how a typed query is normalised, and when an occupation code or a pinyin
// spelling matches a term. Both read 4030207, ４－０３ and bao'yu the same way.
//
// A classic script like the others: in the page it publishes itself as window.linxuanMatch
// for the scripts loaded after it; under Node (tests/js/match.test.mjs) as module.exports.
(() => {
  "use strict";

  // The search tokenizer's fold of one character (fold in src/derive/search/tokenize.rs, which
  // the index is built with): full-width ASCII to ASCII, the dashes U+2010–U+2015 to "-",
  // upper-case ASCII to lower case.
  const fold = (ch) => {
    const c = ch.codePointAt(0);
    if (c >= 0xff01 && c <= 0xff5e) ch = String.fromCodePoint(c - 0xfee0);
    else if (c >= 0x2010 && c <= 0x2015) ch = "-";
    return ch >= "A" && ch <= "Z" ? ch.toLowerCase() : ch;
  };

  // A typed query as both matchers read it: folded as above, then, on the query side only,
  // lower case throughout, the minus signs as dashes, pinyin tone marks dropped and ü typed as
  // v (the spellings write lv, nv), apostrophes between syllables dropped (xi'an), runs of
  // whitespace (the ideographic space too) as one space, trimmed.
  const normalize = (text) =>
    Array.from(String(text || ""), fold).join("").toLowerCase()
      .replace(/[\u2212\ufe58\ufe63]/g, "-")
      .replace(/[\u00e0-\u024f]/g, (ch) => ch.normalize("NFD"))
      .replace(/u\u0308/g, "v")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/([a-z])['\u2019]+(?=[a-z])/g, "$1")
      .replace(/\s+/g, " ")
      .trim();

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

  // ---- An occupation against a text ---------------------------------------------------------

  // An occupation as termMatches reads it: `pinyin` is its keys (pinyinTokens).
  const occupation = (name, code, pinyin) => ({ name: normalize(name), code: code || "", pinyin });

  // One normalised term: part of the name, a code (codeMatches) or pinyin (pinyinMatches).
  const termMatches = (o, term) => o.name.includes(term) || codeMatches(o.code, term) || pinyinMatches(o.pinyin, term);

  // A text matches when every term does, or the text without its spaces does (bao yu shi).
  function textMatches(o, text) {
    const q = normalize(text);
    if (!q) return true;
    return termMatches(o, q.replace(/ /g, "")) || q.split(" ").every((t) => termMatches(o, t));
  }

  const api = {
    fold, normalize, isCode, dashed, codeMatcher, codeMatches, wholeCode,
    isPinyin, pinyinTokens, pinyinMatches, occupation, termMatches, textMatches,
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else window.linxuanMatch = api;
})();
