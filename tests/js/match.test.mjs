// static/assets/match.js, the matcher the table filter and search share: query normalisation,
// codes with or without dashes, pinyin keys; and, on the built site, the filter and search
// finding the same occupations for code and pinyin terms.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, buildShipped } from "./site.mjs";
import { elasticlunr } from "./vendor.mjs";
import * as match from "../../static/assets/match.js";
import * as filter from "../../static/assets/filter.js";
import { search, prepare, docAt } from "../../static/assets/search-engine.js";
const cases = JSON.parse(readFileSync(path.join(ROOT, "tests/search/cases.json"), "utf8"));

test("queries are normalised: full-width, case, dashes, spaces, tone marks, ü, apostrophes", () => {
  const cases = [
    ["４０３０２０７", "4030207"],
    ["４－１０", "4-10"],
    ["4‐10—01", "4-10-01"], // U+2010 and U+2014, as the tokenizer folds them
    ["4−10", "4-10"], // the minus sign, query side only
    ["BaoYuShi", "baoyushi"],
    ["ＢＹＳ", "bys"],
    ["  保育师　 4-10  ", "保育师 4-10"],
    ["Bǎo Yù Shī", "bao yu shi"],
    ["lǜhua", "lvhua"],
    ["LÜ", "lv"],
    ["xi'an", "xian"],
    ["bao’yu", "baoyu"],
    ["保育师", "保育师"],
    ["", ""],
    [undefined, ""],
  ];
  for (const [text, want] of cases) assert.equal(match.normalize(text), want, String(text));
});

test("normalising twice changes nothing", () => {
  for (const text of ["Bǎo Yù Shī", "４－１０", "xi'an", "  保育师　 4-10  ", "LÜ"]) {
    const once = match.normalize(text);
    assert.equal(match.normalize(once), once, text);
  }
});

test("the fold is the tokenizer's: full-width ASCII, U+2010–U+2015, upper-case ASCII only", () => {
  assert.equal(match.fold("４"), "4");
  assert.equal(match.fold("Ａ"), "a");
  assert.equal(match.fold("‒"), "-");
  assert.equal(match.fold("−"), "−", "the minus sign is a query-side rule, not the tokenizer's");
  assert.equal(match.fold("Ü"), "Ü");
  assert.equal(match.fold("保"), "保");
});

test("a code term is digits and dashes starting with a digit", () => {
  for (const t of ["4", "4-10", "4-10-01-03", "4100103", "01-03", "4-"]) assert.ok(match.isCode(t), t);
  for (const t of ["", "-4", "bys", "4a", "保育", "4 10"]) assert.ok(!match.isCode(t), t);
});

test("digits without dashes are read segment by segment, 1-2-2-2", () => {
  assert.equal(match.dashed("4030207"), "4-03-02-07");
  assert.equal(match.dashed("40302"), "4-03-02");
  assert.equal(match.dashed("4030"), "4-03-0");
  assert.equal(match.dashed("403"), "4-03");
  assert.equal(match.dashed("4"), "4");
  assert.equal(match.dashed("40302071"), null, "more digits than a code has");
  assert.equal(match.dashed("4-03"), null);
});

test("a whole code is recognised with or without dashes", () => {
  assert.equal(match.wholeCode("4030207"), "4-03-02-07");
  assert.equal(match.wholeCode("4-03-02-07"), "4-03-02-07");
  assert.equal(match.wholeCode("6250300"), "6-25-03-00");
  for (const t of ["40302", "4-03-02", "bys", "4-3-2-7", "40302071"]) assert.equal(match.wholeCode(t), null, t);
});

test("codes match from a segment start, or as digits from the start", () => {
  const code = "4-10-01-03";
  for (const t of ["4", "4-1", "4-10", "4-10-01-03", "10", "01-03", "03", "41", "4100103", "410"]) {
    assert.ok(match.codeMatches(code, t), t);
  }
  for (const t of ["0-01", "100103", "1003", "4-10-01-04", "5", "4101", "bys", "保育"]) {
    assert.ok(!match.codeMatches(code, t), t);
  }
  assert.ok(match.codeMatches("4-03-02-07", "4030207"));
  assert.ok(match.codeMatches("4-03-02-01", "40302"));
  assert.ok(!match.codeMatches("4-03-01-01", "40302"));
  assert.ok(!match.codeMatches("", "4"), "forms and the notice have no code");
});

test("pinyin keys are the index's pinyin field (the shared cases)", () => {
  for (const c of cases.pinyin) {
    assert.deepEqual(match.pinyinTokens(c.spellings.map((s) => s.join(" ")).join("|")), c.tokens);
  }
});

test("a pinyin term matches the keys it begins", () => {
  const keys = match.pinyinTokens("bao yu shi|bao zhou shi");
  for (const t of ["b", "bao", "baoyu", "baoyushi", "baozhou", "bys", "by", "bzs", "yushi", "shi"]) {
    assert.ok(match.pinyinMatches(keys, t), t);
  }
  for (const t of ["aoyu", "ys", "baoyushii", "yu shi", "4-10", "保育", ""]) {
    assert.ok(!match.pinyinMatches(keys, t), t);
  }
});

test("an occupation matches a text by name, code or pinyin; every term, or the text without spaces", () => {
  const o = match.occupation("保育师", "4-10-01-03", match.pinyinTokens("bao yu shi"));
  const yes = ["保育", "育师", "保育师", "4-10", "４－１０", "4100103", "01-03", "baoyu", "BaoYuShi", "bao yu shi",
    "bys", "保育 4-10", "bys 保育", "  "];
  for (const t of yes) assert.ok(match.textMatches(o, t), t);
  for (const t of ["保卫", "保育师傅", "4-12", "0-01", "baoyushii", "保育 电工", "by s x"]) {
    assert.ok(!match.textMatches(o, t), t);
  }
});

// ---------------------------------------------------------------------------------------------
// The filter and search on the built site

const site = buildShipped();
const rows = site.rows;
const data = prepare(elasticlunr, site.index, "/");
const occupationsFound = (q) => search(data, q).filter((r) => r.doc.k === "o").map((r) => r.doc.c).sort();
const rowsShown = (q) => rows.filter((r) => filter.textMatches(r, q)).map((r) => r.code).sort();

test("each table row's pinyin keys are its search document's", () => {
  assert.equal(rows.length, data.o);
  for (let i = 0; i < data.o; i++) {
    const doc = docAt(data, i);
    const row = rows.find((r) => r.code === doc.c);
    assert.ok(row, doc.c);
    // A set: filter-data.js leaves a key twice where the index lists it once.
    assert.deepEqual([...new Set(row.pinyin)].sort(), [...new Set(doc.o.pinyin)].sort(), row.code);
  }
});

test("the filter and search find the same occupations for a code or a pinyin term", () => {
  const codes = rows.map((r) => r.code);
  const texts = new Set(["4030207", "４０３０２０７", "40302", "4-03", "4-03-02", "403", "01-03", "6-18-01", "4",
    "10", "0-01", "bys", "baoyu", "BaoYuShi", "lvhua", "lǜhua", "yuanlinlu", "jisuanji", "xietiaoshi", "bao'yu", "diaojiu"]);
  // Every code in both spellings, and every occupation's pinyin keys.
  for (const code of codes) {
    texts.add(code);
    texts.add(code.replace(/-/g, ""));
  }
  for (const row of rows) row.pinyin.forEach((k) => texts.add(k));
  for (const q of texts) assert.deepEqual(occupationsFound(q), rowsShown(q), q);
  assert.ok(texts.size > 200, `${texts.size} texts`);
});

test("a code without dashes finds in search what it finds in the filter", () => {
  const tea = rows.find((r) => r.name === "茶艺师");
  assert.deepEqual(search(data, "4030207").map((r) => r.doc.t), ["茶艺师"]);
  assert.deepEqual(rowsShown("4030207"), [tea.code]);
  const group = rows.filter((r) => r.code.startsWith("4-03-02-")).map((r) => r.code).sort();
  assert.ok(group.length > 1);
  assert.deepEqual(occupationsFound("40302"), group);
  assert.deepEqual(rowsShown("40302"), group);
});

test("a level is split off the start or end of a query, the longest level word first", () => {
  const parse = (q) => { const p = match.parseQuery(q); return [p.text, p.level]; };
  const cases = [
    ["茶艺师三级", ["茶艺师", 3]], ["茶艺师3级", ["茶艺师", 3]], ["茶艺师 ３级", ["茶艺师", 3]],
    ["茶艺师高级工", ["茶艺师", 3]], ["三级茶艺师", ["茶艺师", 3]], ["cys3", ["cys", 3]],
    ["保育师技师", ["保育师", 2]], ["保育师高级技师", ["保育师", 1]], ["电工 一级", ["电工", 1]],
    ["高级技师", ["", 1]], ["技师", ["", 2]], ["中级工", ["", 4]], ["初级", ["", 5]],
    ["4-03-02-07三级", ["4-03-02-07", 3]], ["4030207 3级", ["4030207", 3]],
    // Digits right after digits are part of a number; a bare digit is a code.
    ["40302073级", ["40302073级", null]], ["3", ["3", null]], ["4-10", ["4-10", null]],
  ];
  for (const [q, want] of cases) assert.deepEqual(parse(q), want, q);
});

test("a name that ends in a level word keeps it when asked to", () => {
  const names = new Set(["中医技师"]);
  assert.deepEqual(match.parseQuery("中医技师", null, (q) => names.has(q)).text, "中医技师");
  assert.equal(match.parseQuery("中医技师", null, (q) => names.has(q)).level, null);
});

test("digits separated by spaces, dots or slashes are read as a code", () => {
  assert.equal(match.parseQuery("4 03 02 07").text, "4-03-02-07");
  assert.equal(match.parseQuery("4.03.02").text, "4-03-02");
  assert.equal(match.parseQuery("４ １０").text, "4-10");
});

test("traditional characters become simplified by the index's pairs", () => {
  const simplify = match.simplifier("養养級级護护員员");
  const parsed = match.parseQuery("養老護理員三級", simplify);
  assert.deepEqual([parsed.text, parsed.level], ["养老护理员", 3], "the level word is read once simplified");
  assert.equal(simplify("養老護理"), "养老护理");
  assert.equal(match.simplifier("")("養"), "養");
});

test("a level beside a name does not narrow; a level alone does; aliases match like the name", () => {
  const o = match.occupation("家政服务员", "4-10-01-06", match.pinyinTokens("jia zheng fu wu yuan"), ["月嫂", "保姆"], ["5", "4", "3"]);
  assert.ok(match.textMatches(o, "家政服务员一级"), "out of range, still the occupation asked about");
  assert.ok(!match.textMatches(o, "一级"));
  assert.ok(match.textMatches(o, "三级"));
  assert.ok(match.textMatches(o, "月嫂") && match.textMatches(o, "月嫂三级"));
  assert.equal(match.aliasFor(o, "月嫂"), "月嫂");
  assert.equal(match.aliasFor(o, "家政"), "", "found by its name, not an alias");
});

test("a Han text's spellings by sound, from the homophone table", () => {
  const table = match.soundTable({ cha: "查茶", yi: "艺亿", shi: "师是" });
  assert.deepEqual(match.soundSpellings("查艺师", table), ["chayishi"]);
  assert.deepEqual(match.soundSpellings("查", table), [], "one character is too little to guess from");
  assert.deepEqual(match.soundSpellings("查某", table), [], "a character of unknown sound");
});
