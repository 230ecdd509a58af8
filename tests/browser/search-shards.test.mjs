// The sharded search index in Chromium, on the generated long-table site (tests/fixtures/sites.mjs):
// a query fetches the manifest and only the shards its tokens need (those search.js asks for
// under Node with the same files), well under 200 KB gzipped, and shows the results the whole
// index gives. A shard that cannot be fetched is said in the page.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { after, before, test } from "node:test";
import { ROOT, SUB_PATH, parseCsv, startSite, until } from "./harness.mjs";
import { elasticlunr } from "../js/vendor.mjs";
import { find, more, prepare, addShard } from "../../static/assets/search-engine.js";
import { LONG_ROWS, longSite } from "../fixtures/sites.mjs";

const LIMIT = 200 * 1024;
// Results a page of /search/ shows at a time (search.js).
const PAGE = 20;
let site;
let large;

before(async () => {
  large = longSite();
  site = await startSite({ built: large.site });
});
after(async () => {
  if (site) await site.close();
});

let node = null;

/**
 * What search.js under Node asks for and finds with the built files, keeping what it loaded
 * from one query to the next as the page does: { ids, names }.
 */
function expected(q, pages = 1) {
  const dir = path.join(site.outDir, "search");
  node ??= prepare(elasticlunr, JSON.parse(readFileSync(path.join(dir, "index.json"), "utf8")), SUB_PATH);
  const data = node;
  const ids = [];
  const load = (list) => list.forEach((id) => {
    ids.push(id);
    addShard(data, id, JSON.parse(readFileSync(path.join(dir, "shards", data.files[id] + ".json"), "utf8")));
  });
  const results = find(data, q, load, PAGE);
  for (let p = 1; p < pages; p++) more(data, results, p * PAGE, (p + 1) * PAGE, load);
  return { ids: ids.map((id) => data.files[id] + ".json").sort(), names: results.slice(0, pages * PAGE).map((r) => r.doc.t), count: results.length };
}

/** The gzipped size of a file of the site, as nginx sends it (its .gz twin, or compressed). */
function gzipped(url) {
  const file = path.join(site.outDir, decodeURIComponent(new URL(url).pathname).slice(SUB_PATH.length));
  return gzipSync(readFileSync(file), { level: 1 }).length;
}

test(`a ${LONG_ROWS}-row site: each query fetches only its shards, ≤ 200 KB gzipped, and shows the whole index's results`, async () => {
  const rows = parseCsv(readFileSync(path.join(large.root, "data/occupations.csv"), "utf8")).slice(1);
  const [, name, code] = rows[rows.length - 1];
  const shardFiles = readdirSync(path.join(site.outDir, "search/shards")).filter((f) => f.endsWith(".json"));
  assert.ok(shardFiles.length > 10, `the index is sharded (${shardFiles.length} shards)`);
  const page = await site.newPage();
  await page.goto(site.url("search/"));
  const box = page.locator("#search-q");
  // A name of the table (token shards, its blocks) and its code (every block).
  for (const q of [name.replace(/（\d+）$/, ""), code]) {
    const before = site.requests.length;
    await box.fill(q);
    await until(page, (q) => new URL(location.href).searchParams.get("q") === q && document.getElementById("search-status").textContent !== "", q, { what: `the results of ${q}` });
    const want = expected(q);
    const fetched = site.requests.slice(before).filter((u) => u.includes("/search/"));
    const shards = fetched.filter((u) => u.includes("/search/shards/")).map((u) => path.basename(new URL(u).pathname)).sort();
    assert.deepEqual(shards, want.ids, `${q}: the shards search.js asks for, each once`);
    assert.ok(shards.length < shardFiles.length, `${q}: not every shard`);
    const bytes = fetched.reduce((sum, u) => sum + gzipped(u), 0);
    assert.ok(bytes <= LIMIT, `${q}: ${bytes} bytes gzipped`);
    const names = await page.locator("#search-results .result-name").allTextContents();
    assert.deepEqual(names, want.names, q);
    assert.ok(names.length > 0, `${q} finds something`);
  }

  // A query with more results than a page: the first page shows names from several blocks;
  // the button shows the next, fetching only the blocks it needs.
  const wide = "工";
  const before = site.requests.length;
  await box.fill(wide);
  await until(page, (q) => new URL(location.href).searchParams.get("q") === q && document.getElementById("search-status").textContent !== "", wide, { what: "the results of 工" });
  const first = expected(wide);
  assert.ok(first.count > 2 * PAGE, `工 finds more than two pages (${first.count})`);
  assert.deepEqual(await page.locator("#search-results .result-name").allTextContents(), first.names, "the first page");
  const blocks = (list) => new Set(list.filter((u) => /\/search\/shards\/d\d+\./.test(u)).map((u) => path.basename(new URL(u).pathname)));
  const firstBlocks = blocks(site.requests.slice(before));
  assert.ok(firstBlocks.size > 1, "the first page spans several blocks");
  assert.ok(firstBlocks.size < readdirSync(path.join(site.outDir, "search/shards")).filter((f) => /^d\d+\..*\.json$/.test(f)).length, "not every block");
  const middle = site.requests.length;
  await page.getByRole("button", { name: /显示更多结果/ }).click();
  await until(page, (n) => document.querySelectorAll("#search-results > li").length === n, 2 * PAGE, { what: "the second page" });
  const second = expected(wide, 2);
  assert.deepEqual(await page.locator("#search-results .result-name").allTextContents(), second.names, "two pages");
  const secondBlocks = blocks(site.requests.slice(middle));
  const wanted = new Set(second.ids.filter((f) => /^d\d+\./.test(f)));
  for (const b of secondBlocks) assert.ok(wanted.has(b) && !firstBlocks.has(b), `${b}: a block of the second page, fetched once`);
  // The list with its button has no WCAG 2.1 A/AA violation (axe-core, as a11y.test.mjs runs it).
  await page.evaluate(readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8"));
  const axe = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] }));
  assert.deepEqual(axe.violations.map((v) => v.id), [], "axe");
  assert.equal(await page.evaluate((n) => document.activeElement.closest("#search-results > li") === document.querySelectorAll("#search-results > li")[n], PAGE), true, "the focus on the first new result");

  // A shard that cannot be fetched: the page says search is unavailable.
  const broken = await site.newPage();
  await broken.route(/\/search\/shards\//, (route) => route.fulfill({ status: 503, body: "" }));
  await broken.goto(site.url("search/"));
  await broken.locator("#search-q").fill(name.slice(0, 2));
  await until(broken, () => document.getElementById("search-status").textContent.includes("搜索暂时不可用"), null, { what: "the failure said" });
});
