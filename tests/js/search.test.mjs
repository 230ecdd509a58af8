// The browser tokenizer and matcher of static/assets/search.js, run under Node against the
// index the build writes, with the cases shared with the Rust tests (tests/search/cases.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

// The files are browser scripts; run each as a CommonJS-style module to get its exports.
function loadScript(file) {
  const module = { exports: {} };
  new Function("module", "exports", readFileSync(path.join(root, file), "utf8")).call({}, module, module.exports);
  return module.exports;
}

const { tokenize, pinyinTokens, search, prepare } = loadScript("static/assets/search.js");
const elasticlunr = loadScript("static/assets/vendor/elasticlunr.min.js");
const cases = JSON.parse(readFileSync(path.join(root, "tests/search/cases.json"), "utf8"));

function builtIndex() {
  const out = mkdtempSync(path.join(tmpdir(), "linxuan-search-"));
  try {
    execFileSync(path.join(root, "target/debug/linxuan"), ["build", "--root", root, "--output", path.join(out, "site")], { stdio: "pipe" });
    const raw = JSON.parse(readFileSync(path.join(out, "site/search/index.json"), "utf8"));
    return prepare(elasticlunr, raw, "/");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

test("the tokenizer gives the shared tokens", () => {
  for (const c of cases.tokenize) assert.deepEqual(tokenize(c.text), c.tokens, c.text);
});

test("the pinyin field is derived from the spellings as in Rust", () => {
  for (const c of cases.pinyin) {
    assert.deepEqual(pinyinTokens(c.spellings.map((s) => s.join(" ")).join("|")), c.tokens, JSON.stringify(c.spellings));
  }
});

test("the shared queries find what they must and nothing they must not", () => {
  const data = builtIndex();
  for (const c of cases.queries) {
    const titles = search(data, c.q).map((r) => r.doc.t);
    for (const name of c.expect) assert.ok(titles.includes(name), `${c.q} should find ${name}; got ${titles.join("、")}`);
    for (const name of c.exclude ?? []) assert.ok(!titles.includes(name), `${c.q} should not find ${name}`);
    if (c.expect.length === 0) assert.deepEqual(titles, [], `${c.q} should find nothing`);
    if (c.first) assert.equal(titles[0], c.first, `${c.q} should rank ${c.first} first`);
  }
});
