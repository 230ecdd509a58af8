// The browser tokenizer and matcher of static/assets/search.js, run under Node against the
// index the build writes, with the cases shared with the Rust tests (tests/search/cases.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, buildShipped } from "./site.mjs";
import { elasticlunr } from "./vendor.mjs";
import { tokenize, pinyinTokens, search, answer, prepare } from "../../static/assets/search-engine.js";
import * as filter from "../../static/assets/filter.js";
import * as match from "../../static/assets/match.js";
const cases = JSON.parse(readFileSync(path.join(ROOT, "tests/search/cases.json"), "utf8"));

test("the tokenizer gives the shared tokens", () => {
  for (const c of cases.tokenize) assert.deepEqual(tokenize(c.text), c.tokens, c.text);
});

test("the pinyin field is derived from the spellings as in Rust", () => {
  for (const c of cases.pinyin) {
    assert.deepEqual(pinyinTokens(c.spellings.map((s) => s.join(" ")).join("|")), c.tokens, JSON.stringify(c.spellings));
  }
});

const shipped = buildShipped();
/** The shipped occupations (one file: one inline block): title, code, levels. */
const block = shipped.index.inline.d0;
const occupations = block.t.map((t, i) => ({ t, c: block.c[i], l: shipped.index.l[i] }));

test("the shared queries find what they must and nothing they must not", () => {
  const data = prepare(elasticlunr, shipped.index, "/");
  for (const c of cases.queries) {
    const titles = search(data, c.q).map((r) => r.doc.t);
    for (const name of c.expect) assert.ok(titles.includes(name), `${c.q} should find ${name}; got ${titles.join("、")}`);
    for (const name of c.exclude ?? []) assert.ok(!titles.includes(name), `${c.q} should not find ${name}`);
    if (c.expect.length === 0) assert.deepEqual(titles, [], `${c.q} should find nothing`);
    if (c.first) assert.equal(titles[0], c.first, `${c.q} should rank ${c.first} first`);
  }
});

test("the answer line says whether the level asked for is open, or the range and the page", () => {
  const data = prepare(elasticlunr, shipped.index, "/");
  assert.ok(cases.answers.some((c) => c.answer && c.answer.includes("不在本次遴选范围")), "an out-of-range case");
  assert.ok(cases.answers.some((c) => c.answer && c.answer.includes("在本次遴选范围内")), "an in-range case");
  for (const c of cases.answers) {
    const said = answer(data, c.q, search(data, c.q));
    assert.equal(said ? said.text : null, c.answer, c.q);
    if (c.link) assert.equal(said.url, "/occupations/" + occupations.find((d) => d.t === c.link).c + "/", c.q);
  }
});

test("an answer line's level and range come from the occupation's own levels", () => {
  const data = prepare(elasticlunr, shipped.index, "/");
  const words = { 1: "一级/高级技师", 2: "二级/技师", 3: "三级/高级工", 4: "四级/中级工", 5: "五级/初级工" };
  for (const doc of occupations) {
    for (const n of [1, 2, 3, 4, 5]) {
      const said = answer(data, doc.t + words[n].split("/")[0], search(data, doc.t + words[n].split("/")[0]));
      assert.ok(said, `${doc.t} ${n}`);
      const open = doc.l.includes(String(n));
      assert.ok(said.text.startsWith(`${doc.t} · ${words[n]}：${open ? "在本次遴选范围内" : "不在本次遴选范围"}`), said.text);
    }
  }
});

test("search and the table filter show the same occupations for the shared texts", () => {
  const data = prepare(elasticlunr, shipped.index, "/");
  const rows = shipped.rows;
  const simplify = match.simplifier(shipped.index.ts);
  assert.ok(cases.agree.length >= 20);
  for (const q of cases.agree) {
    const found = search(data, q).filter((r) => r.doc.k === "o").map((r) => r.doc.t).sort();
    const shown = rows.filter((r) => filter.rowMatches(r, { levels: [], cat: "", q }, simplify)).map((r) => r.title).sort();
    assert.ok(found.length > 0, q);
    assert.deepEqual(shown, found, q);
  }
});
