#!/usr/bin/env node
// The application form's fill page on a long table: how long after navigation starts its
// occupation picker is ready and lists what a reader typed, in headless Chromium, each site
// served gzipped by nginx (gzip_static) as deploy/nginx.conf serves it. Printed, never asserted.
//
//   node benches/fill.mjs [--runs N] [--form NAME] --site LABEL=PUBLIC_DIR [--site …]
//
// Each --site is a built public folder (base URL "/"), e.g. one built by another version:
// loads alternate between sites, round after round, so every site meets the same machine load.
// Each load is a fresh browser context (nothing cached). Per load, from navigation start:
//   ready   the page says it is ready (`data-ready`: the occupation table read)
//   text    two characters of the table's last name typed into the first row's picker the
//           moment the page is ready: the frame after its list is shown
//   pinyin  the same (a fresh load) for the first two syllables of that name's spelling
// the main thread's busy time up to `text` or `pinyin` (Chromium's TaskDuration: less
// sensitive than wall time to a loaded machine) and the bytes the load fetched (gzipped as
// served). Medians of N loads (default 5).
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, LAUNCH_ARGS } from "../tests/browser/harness.mjs";
import { serveSites } from "./nginx-sites.mjs";

const args = process.argv.slice(2);
let runs = 5;
let form = "application";
const sites = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--runs") runs = Number(args[++i]);
  else if (args[i] === "--form") form = args[++i];
  else if (args[i] === "--site") {
    const [label, dir] = args[++i].split("=");
    sites.push({ label, dir: path.resolve(dir) });
  } else {
    console.error(`unknown argument ${args[i]}; see the top of benches/fill.mjs`);
    process.exit(2);
  }
}
if (!sites.length) {
  console.error("no --site given; see the top of benches/fill.mjs");
  process.exit(2);
}

// The last row's name and spelling, from the site's table: search/table.json (one array per
// field), or the older forms/occupations.js ([code, name, levels, spellings] rows).
function query(site) {
  const table = path.join(site.dir, "search/table.json");
  let name;
  let spelling;
  if (existsSync(table)) {
    const data = JSON.parse(readFileSync(table, "utf8"));
    name = data.name[data.name.length - 1];
    spelling = data.spellings[data.spellings.length - 1];
  } else {
    const js = readFileSync(path.join(site.dir, "forms/occupations.js"), "utf8");
    const rows = JSON.parse(js.replace(/^window\.linxuanOccupations = /, "").replace(/;\n$/, ""));
    [, name, , spelling] = rows[rows.length - 1];
  }
  return {
    text: Array.from(name).slice(0, 2).join(""),
    pinyin: spelling.split("|")[0].split(" ").slice(0, 2).join(""),
  };
}

const tmp = mkdtempSync(path.join(tmpdir(), "linxuan-fill-bench-"));
// nginx: one server per site, each on its own port, with the deploy config's gzip rules.
const server = await serveSites(sites, tmp);

const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });

// Runs in the page before its scripts: types `q` into the first row's picker the moment the
// page is ready, and records when the frame after the list has been produced (a task queued
// from requestAnimationFrame runs once that frame's style, layout and paint are done).
function probe(q) {
  const marks = (window.__bench = {});
  const watch = new MutationObserver(() => {
    const root = document.querySelector("[data-fill-form]");
    if (!root || !root.hasAttribute("data-ready") || marks.ready) return;
    marks.ready = performance.now();
    watch.disconnect();
    const input = root.querySelector("tbody[data-repeat] [data-col=occupation]");
    input.focus();
    input.value = q;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    const box = document.getElementById(input.getAttribute("aria-controls"));
    marks.options = box ? box.children.length : -1;
    requestAnimationFrame(() => setTimeout(() => { marks.shown = performance.now(); }, 0));
  });
  watch.observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
}

async function load(site, kind) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  await page.addInitScript(probe, site.query[kind]);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  await page.goto(`http://127.0.0.1:${site.port}/forms/${form}/fill/`);
  await page.waitForFunction(() => window.__bench.shown, null, { timeout: 60_000 });
  const { metrics } = await cdp.send("Performance.getMetrics");
  const busy = 1000 * metrics.find((m) => m.name === "TaskDuration").value;
  const marks = await page.evaluate(() => {
    const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
    return { ...window.__bench, bytes: entries.reduce((sum, e) => sum + (e.encodedBodySize || 0), 0) };
  });
  await context.close();
  marks.busy = busy;
  if (marks.options < 1) throw new Error(`${site.label}: "${site.query[kind]}" listed nothing`);
  return marks;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

try {
  for (const site of sites) {
    site.query = query(site);
    site.results = { ready: [], text: [], pinyin: [], bytes: [], busyText: [], busyPinyin: [] };
  }
  for (let round = 0; round < runs; round++) {
    for (const kind of ["text", "pinyin"]) {
      for (const site of sites) {
        const m = await load(site, kind);
        site.results.ready.push(m.ready);
        site.results[kind].push(m.shown);
        site.results[kind === "text" ? "busyText" : "busyPinyin"].push(m.busy);
        site.results.bytes.push(m.bytes);
      }
    }
  }
  console.log(`fill page /forms/${form}/fill/, medians of ${runs} fresh loads (ms from navigation start; KB fetched, gzipped)`);
  console.log(["site", "ready", "text", "pinyin", "busy:text", "busy:pinyin", "KB"].map((h) => h.padStart(12)).join(""));
  for (const site of sites) {
    const r = site.results;
    console.log([site.label, median(r.ready).toFixed(0), median(r.text).toFixed(0), median(r.pinyin).toFixed(0),
      median(r.busyText).toFixed(0), median(r.busyPinyin).toFixed(0),
      (median(r.bytes) / 1024).toFixed(0)].map((v) => String(v).padStart(12)).join(""));
  }
} finally {
  await browser.close();
  server.kill();
  rmSync(tmp, { recursive: true, force: true });
}
