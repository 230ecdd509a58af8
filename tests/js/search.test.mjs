// The browser tokenizer and matcher of static/assets/search.js, run under Node against the
// index the build writes, with the cases shared with the Rust tests (tests/search/cases.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, buildShipped, loadAsset } from "./site.mjs";

const { tokenize, pinyinTokens, search, prepare } = loadAsset("search.js");
const elasticlunr = loadAsset("vendor/elasticlunr.min.js");
const cases = JSON.parse(readFileSync(path.join(ROOT, "tests/search/cases.json"), "utf8"));

test("the tokenizer gives the shared tokens", () => {
  for (const c of cases.tokenize) assert.deepEqual(tokenize(c.text), c.tokens, c.text);
});

test("the pinyin field is derived from the spellings as in Rust", () => {
  for (const c of cases.pinyin) {
    assert.deepEqual(pinyinTokens(c.spellings.map((s) => s.join(" ")).join("|")), c.tokens, JSON.stringify(c.spellings));
  }
});

test("the shared queries find what they must and nothing they must not", () => {
  const data = prepare(elasticlunr, buildShipped().index, "/");
  for (const c of cases.queries) {
    const titles = search(data, c.q).map((r) => r.doc.t);
    for (const name of c.expect) assert.ok(titles.includes(name), `${c.q} should find ${name}; got ${titles.join("、")}`);
    for (const name of c.exclude ?? []) assert.ok(!titles.includes(name), `${c.q} should not find ${name}`);
    if (c.expect.length === 0) assert.deepEqual(titles, [], `${c.q} should find nothing`);
    if (c.first) assert.equal(titles[0], c.first, `${c.q} should rank ${c.first} first`);
  }
});
