// The sharded search index (src/derive/search/shards.rs) read by static/assets/search.js under
// Node: a query that fetches only the shards it asks for gets the same results, scores and
// answer line as one that has the whole index, on every query of tests/search/cases.json, for
// the shipped site and the generated long-table one (tests/fixtures/sites.mjs: 1,500 rows, split
// pinyin shards, the build the browser tests read too); and the shipped site's results are the
// ones recorded before the index was sharded (tests/search/seed-results.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./site.mjs";
import { elasticlunr } from "./vendor.mjs";
import { find, more, answer, prepare, addShard } from "../../static/assets/search-engine.js";

// Results that come with their names at first, as the header box asks.
const PAGE = 8;
const cases = JSON.parse(readFileSync(path.join(ROOT, "tests/search/cases.json"), "utf8"));
const QUERIES = [...new Set([...cases.queries.map((c) => c.q), ...cases.answers.map((c) => c.q), ...cases.agree])];

import { longSite, shippedSite } from "../fixtures/sites.mjs";

/** The search files of a built site: { manifest (search/index.json), shards by file name }. */
function searchFiles(site) {
  const manifest = JSON.parse(readFileSync(path.join(site, "search/index.json"), "utf8"));
  const shards = {};
  const folder = path.join(site, "search/shards");
  const names = manifest.files ? readdirSync(folder).filter((f) => f.endsWith(".json")) : [];
  for (const name of names) shards[name.slice(0, -".json".length)] = JSON.parse(readFileSync(path.join(folder, name), "utf8"));
  return { manifest, shards };
}

/** A single-file index as if it were sharded: its inline shards become files (the spellings stay). */
function asShards({ manifest }) {
  const files = {};
  const shards = {};
  for (const [id, content] of Object.entries(manifest.inline).filter(([id]) => id !== "s")) {
    files[id] = id + ".x";
    shards[id + ".x"] = content;
  }
  return { manifest: { ...manifest, inline: { s: manifest.inline.s }, files }, shards };
}

/** The index prepared with every shard added, as one file gives it. */
function whole({ manifest, shards }) {
  const data = prepare(elasticlunr, structuredClone(manifest), "/");
  for (const id of Object.keys(data.files).sort()) addShard(data, id, structuredClone(shards[data.files[id]]));
  return data;
}

/** A fresh index that adds only the shards a query asks for; `asked` collects their ids. */
function lazy({ manifest, shards }, asked) {
  const data = prepare(elasticlunr, structuredClone(manifest), "/");
  const load = (ids) => ids.forEach((id) => {
    asked.push(id);
    addShard(data, id, structuredClone(shards[data.files[id]]));
  });
  return { data, load };
}

/** What a search shows, to compare: document, title, code, URL, score, alias, sound; the answer. */
function shown(data, q, results) {
  return {
    results: results.map((r) => [Number(r.ref), r.doc.t, r.doc.c || "", r.doc.u, r.score, r.alias, r.sound]),
    answer: answer(data, q, results),
  };
}

function assertSameAsWhole(index, { fewer = false, more: extra = [] } = {}) {
  const all = whole(index);
  let fetchedLess = 0;
  for (const q of [...QUERIES, ...extra]) {
    const asked = [];
    const { data, load } = lazy(index, asked);
    const got = shown(data, q, find(data, q, load));
    assert.deepEqual(got, shown(all, q, find(all, q, () => assert.fail("the whole index misses nothing"))), q);
    assert.equal(new Set(asked).size, asked.length, `${q}: each shard is asked for once`);
    if (asked.length < Object.keys(index.manifest.files).length) fetchedLess++;
    // Names for the first page only: the same order and scores, the blocks of the rest later.
    const page = [];
    const paged = lazy(index, page);
    const first = find(paged.data, q, paged.load, PAGE);
    assert.deepEqual(first.map((r) => [r.ref, r.score]), got.results.map(([ref, , , , score]) => [String(ref), score]), `${q}: paged order`);
    assert.ok(first.slice(0, PAGE).every((r) => r.doc), `${q}: the first page has its names`);
    assert.ok(page.filter((id) => id.startsWith("d")).length <= asked.filter((id) => id.startsWith("d")).length, `${q}: no more blocks`);
    const rest = more(paged.data, first, 0, first.length, paged.load);
    assert.deepEqual(shown(paged.data, q, rest), got, `${q}: later pages fetch their blocks`);
  }
  if (fewer) assert.ok(fetchedLess > QUERIES.length / 2, `most queries need only some shards (${fetchedLess} of ${QUERIES.length})`);
}

test("seed: the shipped site keeps one file, and finds what it found before the index was sharded", () => {
  const shipped = searchFiles(shippedSite());
  assert.equal(shipped.manifest.files, undefined, "one file");
  const data = prepare(elasticlunr, shipped.manifest, "/");
  const recorded = JSON.parse(readFileSync(path.join(ROOT, "tests/search/seed-results.json"), "utf8"));
  for (const q of QUERIES) {
    const got = shown(data, q, find(data, q, () => assert.fail("one file holds every shard")));
    assert.deepEqual(got, recorded[q], q);
  }
});

test("the shipped site's index read shard by shard gives what the whole index gives", () => {
  assertSameAsWhole(asShards(searchFiles(shippedSite())));
});

test("the long-table site: shards only as a query needs them, the same results and scores as the whole index", () => {
  const index = searchFiles(longSite().site);
  assert.ok(index.manifest.files, "a large index is sharded");
  // Heavy pinyin shards are split by a third letter: a letter, a split pair and a longer
  // term read one, several or all of its parts, in the trie order of the whole index.
  const split = Object.keys(index.manifest.files).filter((id) => /^p[^-]+-[^-]+-/.test(id));
  assert.ok(split.length > 0, "some pinyin shards are split");
  const letters = (id) => id.slice(1).split("-").map((h) => String.fromCodePoint(parseInt(h, 16))).join("");
  const pairs = [...new Set(split.map((id) => letters(id).slice(0, 2)))];
  const extra = pairs.flatMap((pair) => [pair[0], pair, ...split.map(letters).filter((l) => l.startsWith(pair)).slice(0, 3)]);
  assertSameAsWhole(index, { fewer: true, more: extra });
});
