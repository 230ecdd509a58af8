// `linxuan serve` in headless Chromium: an open page reloads by itself after a saved edit, a
// broken CSV shows an overlay (role=alert) naming the file and line over the last good page, and
// the fix clears it. Also measures (prints, never asserts) the latency from writing the CSV to
// the reloaded page on the shipped site; benches/preview.mjs does it at 10,000 rows.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, afterEach, before, test } from "node:test";
import { chromium } from "playwright-core";
import { BINARY, CHROMIUM, LAUNCH_ARGS, ROOT, readOccupations, until as pollPage } from "./harness.mjs";
import { CSV, cell, median, recordReloads, setCell, startServe, timeEdit } from "./serve-harness.mjs";

/** Generous: a loaded 2-core machine rebuilds the shipped site in well under this. */
const WAIT = 30_000;
const SITE_PARTS = ["config.toml", "data", "content", "templates", "static"];
/** The binary under test: the debug build, or LINXUAN_SERVE_BIN (e.g. target/release/linxuan). */
const SERVE_BIN = process.env.LINXUAN_SERVE_BIN ? path.resolve(ROOT, process.env.LINXUAN_SERVE_BIN) : BINARY;

// ---------------------------------------------------------------------------------------------
// The server and the browser

/** A copy of the shipped site in a fresh temporary folder; returns its root. */
function copyOfSite() {
  const tmp = mkdtempSync(path.join(tmpdir(), "linxuan-serve-"));
  const root = path.join(tmp, "site");
  for (const part of SITE_PARTS) cpSync(path.join(ROOT, part), path.join(root, part), { recursive: true });
  return root;
}

let browser;
const contexts = [];
const pageErrors = [];
const foreign = [];
/** One server for the behaviour tests, on a copy of the shipped site at `root`. */
let server;
let root;

before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  root = copyOfSite();
  server = await startServe(root, { binary: SERVE_BIN });
});
afterEach(async () => {
  // Pages left open would reload on every later edit and slow the measurements.
  for (const c of contexts.splice(0)) await c.close().catch(() => {});
  assert.deepEqual(foreign, [], "a request left 127.0.0.1");
  assert.deepEqual(pageErrors, [], "a page threw");
});
after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  if (root) rmSync(path.dirname(root), { recursive: true, force: true });
});

/**
 * A page whose every document records, in sessionStorage (kept across reloads of the tab):
 * when the live-reload EventSource opened and when its `reload` message arrived, as
 * milliseconds since the epoch (performance.timeOrigin + performance.now(), as in Node).
 */
async function newPage(origin) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN", serviceWorkers: "block" });
  contexts.push(context);
  await context.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith(origin + "/")) return route.continue();
    foreign.push(u);
    return route.abort("blockedbyclient");
  });
  await recordReloads(context);
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  return page;
}

/** `until` from the harness, with this file's time limit. */
const until = (page, fn, arg, options = {}) => pollPage(page, fn, arg, { timeout: WAIT, ...options });

/** Opens `url` and waits for the live-reload connection to be open. */
async function openLive(page, url) {
  await page.goto(url);
  await until(page, () => window.__sseOpen === true, null, { what: "the live-reload connection" });
}

/** Sets a marker in the current document; a reload removes it. */
const mark = (page) => page.evaluate(() => (window.__marker = true));
const marked = (page) => page.evaluate(() => window.__marker === true);

/** Waits until the page has reloaded (no marker) and shows `text` in its body. */
function reloadedWith(page, text) {
  return until(
    page,
    (text) => window.__marker !== true && document.readyState !== "loading" && document.body.textContent.includes(text) && window.__sseOpen === true,
    text,
    { what: `a reload showing ${text}` },
  );
}

const overlay = (page) => page.locator("#linxuan-problem[role=alert]");

// ---------------------------------------------------------------------------------------------
// Behaviour

test("serve: the page is served with the live script and connects to the events", async () => {
  assert.equal(server.url, server.origin + "/");
  const page = await newPage(server.origin);
  await openLive(page, server.url + "occupations/4-10-01-03/");
  assert.match(await page.locator("h1").textContent(), /保育师/);
  assert.equal(await page.locator('script[src="/__linxuan/live.js"]').count(), 1);
  assert.equal(await overlay(page).count(), 0);
});

test("serve: an open page reloads by itself after a CSV edit and shows the new text", async () => {
  const page = await newPage(server.origin);
  await openLive(page, server.url + "occupations/4-10-01-03/");
  await mark(page);
  const renamed = "保育师（实时预览）";
  setCell(root, 2, 1, renamed);
  await reloadedWith(page, renamed);
  assert.match(await page.locator("h1").textContent(), new RegExp(renamed.replace(/[（）]/g, ".")));
  assert.ok(Number(await page.evaluate(() => sessionStorage.getItem("reloadAt"))) > 0, "the reload message arrived");
});

test("serve: a Markdown edit reloads the notice page too", async () => {
  const page = await newPage(server.origin);
  await openLive(page, server.url);
  await mark(page);
  const text = "预览页面自动刷新测试段落";
  const file = path.join(root, "content/_index.md");
  writeFileSync(file, readFileSync(file, "utf8") + `\n\n${text}\n`);
  await reloadedWith(page, text);
});

test("serve: a broken CSV shows an overlay with the file and line over the last good page; the fix reloads and clears it", async () => {
  const page = await newPage(server.origin);
  await openLive(page, server.url + "occupations/4-10-01-03/");
  await mark(page);
  const good = readFileSync(path.join(root, CSV), "utf8");
  // Line 3 (养老护理员) takes line 2's code.
  setCell(root, 3, 2, "4-10-01-03");
  // Waits for this very problem: a save that truncates first may be seen half-written.
  await until(page, () => document.getElementById("linxuan-problem")?.textContent.includes("occupations.csv:3"), null, {
    what: "the overlay naming data/occupations.csv:3",
  });
  assert.equal(await overlay(page).isVisible(), true);
  const text = await overlay(page).textContent();
  assert.match(text, /data\/occupations\.csv:3/, `the overlay names the file and line: ${text}`);
  assert.match(text, /4-10-01-03/);
  assert.ok(await marked(page), "a broken build does not reload the page");
  assert.match(await page.locator("h1").textContent(), /保育师/, "the last good page stays");
  // The overlay is an alert at the bottom that does not hide the whole page.
  const box = await overlay(page).boundingBox();
  assert.ok(box && box.height <= 900 / 2 + 1, "at most half the viewport high");

  // A page opened now shows the problem at once, over the last good site.
  const late = await newPage(server.origin);
  await late.goto(server.url + "occupations/4-10-01-05/");
  await overlay(late).waitFor({ state: "visible", timeout: WAIT });
  assert.match(await overlay(late).textContent(), /data\/occupations\.csv:3/);
  assert.match(await late.locator("h1").textContent(), /养老护理员/);
  // On a narrower window the message wraps inside the overlay, the file and line on one line;
  // on a phone, where the location alone is wider, nothing runs off the right edge either.
  const fit = (width) =>
    late.setViewportSize({ width, height: 900 }).then(() =>
      late.evaluate(() => {
        const box = document.getElementById("linxuan-problem");
        const row = box.querySelector(".linxuan-lines > div");
        const lines = (e) => Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(row).lineHeight));
        return { overflow: box.scrollWidth - box.clientWidth, at: lines(row.querySelector(".linxuan-at")), row: lines(row) };
      }),
    );
  const wide = await fit(800);
  assert.deepEqual([wide.overflow <= 0, wide.at, wide.row > 1], [true, 1, true], `800 px: ${JSON.stringify(wide)}`);
  const narrow = await fit(360);
  assert.ok(narrow.overflow <= 0, `360 px: ${JSON.stringify(narrow)}`);
  // The close button hides it.
  await overlay(late).getByRole("button", { name: "Close" }).click();
  assert.equal(await overlay(late).isVisible(), false);
  await until(late, () => window.__sseOpen === true, null, { what: "the late page's connection" });
  await mark(late);

  // The fix: both pages reload, without the overlay.
  writeFileSync(path.join(root, CSV), good);
  for (const p of [page, late]) {
    await until(p, () => window.__marker !== true && window.__sseOpen === true, null, { what: "the reload after the fix" });
    assert.equal(await overlay(p).count(), 0, "no overlay after the fix");
  }
  assert.match(await page.locator("h1").textContent(), /保育师/);
});

test("serve: latency from a saved CSV to the reloaded page (shipped site, 20 edits; printed, not asserted; benches/preview.mjs times a 10,000-row site)", async () => {
  const page = await newPage(server.origin);
  const code = cell(root, 2, 2);
  const name = cell(root, 2, 1);
  await openLive(page, server.url + `occupations/${code}/`);
  const times = [];
  for (let i = 1; i <= 20; i++) {
    const renamed = `${name}（第${i}次修改）`;
    times.push(await timeEdit(page, { write: () => setCell(root, 2, 1, renamed), selector: "h1", text: renamed, timeout: WAIT }));
  }
  const f = (key) => median(times.map((t) => t[key])).toFixed(0);
  console.log(`serve latency, shipped site (${readOccupations().length} rows), ${path.relative(ROOT, SERVE_BIN)}: CSV written → reload message ${f("toMessage")} ms, → DOMContentLoaded ${f("toReady")} ms (medians of ${times.length} edits)`);
});
