#!/usr/bin/env node
// The notice filter's first view on a long table: how long after navigation starts a reader
// sees filtered rows, in headless Chromium, the site served gzipped by nginx as deploy/nginx.conf
// serves it (gzip_static). Printed, never asserted.
//
//   node benches/filter.mjs [--runs N] [--trace] [--trace-runs N] [--json FILE] [--site LABEL=PUBLIC_DIR]...
//
// Without --site it generates a 10,000-row site (benches/gen_site.py 10000, seed 2022) and
// builds it with target/debug/linxuan. Each --site is a built public folder (base URL "/"),
// e.g. a baseline built by another version: loads alternate between sites, round after round,
// so every site meets the same machine load. Each load is a fresh browser context (nothing
// cached). Per load:
//   ready   the filter can be used (its form shown, every row read)
//   text    a query typed the moment the filter is ready, the filter scrolled into view as a
//           reader's would be (two characters of the last row's name): navigation start →
//           the frame after its rows are in the table
//   pinyin  the same for the first two syllables of its preferred spelling (a fresh load)
//   level   the same for ticking 一级 (a fresh load)
//   url     a fresh load of ?level=1&sort=-count: navigation start → the frame after the
//           filtered, sorted rows are in the table
// A long table's new view shows its first rows in one frame and the rest in the next: each of
// text, pinyin, level and url is also given to the frame after the last row (`full`).
// Medians of N fresh loads (default 5). --trace adds, over --trace-runs traced loads per site
// (default 3), the median of the main thread's CPU time by kind up to the `text` view (HTML
// parsing, script, style, layout, paint), and for the last one its longest events (a forced
// style and layout inside one is shown), its events in order and when each file arrived.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { BINARY, CHROMIUM, LAUNCH_ARGS, ROOT } from "../tests/browser/harness.mjs";
import { serveSites } from "./nginx-sites.mjs";

const args = process.argv.slice(2);
let runs = 5;
let trace = false;
let traceRuns = 3;
let json = null;
const sites = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--runs") runs = Number(args[++i]);
  else if (args[i] === "--trace") trace = true;
  else if (args[i] === "--trace-runs") traceRuns = Number(args[++i]);
  else if (args[i] === "--json") json = args[++i];
  else if (args[i] === "--site") {
    const [label, dir] = args[++i].split("=");
    sites.push({ label, dir: path.resolve(dir) });
  } else {
    console.error(`unknown argument ${args[i]}; see the top of benches/filter.mjs`);
    process.exit(2);
  }
}

const tmp = mkdtempSync(path.join(tmpdir(), "linxuan-filter-bench-"));
if (!sites.length) {
  const src = path.join(tmp, "src");
  execFileSync("python3", [path.join(ROOT, "benches/gen_site.py"), "10000", src], { stdio: "inherit" });
  execFileSync(BINARY, ["build", "--root", src, "--output", path.join(tmp, "public"), "--base-url", "http://127.0.0.1/"], { stdio: "inherit" });
  sites.push({ label: "this", dir: path.join(tmp, "public") });
}

// nginx: one server per site, each on its own port, with the deploy config's gzip rules.
const server = await serveSites(sites, tmp);

const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });

// Runs in the page before its scripts: scrolls to the filter and acts the moment it is ready,
// and records when the
// frame after the filtered rows has been produced (a task queued from requestAnimationFrame
// runs once that frame's style, layout and paint are done).
function probe(action) {
  const marks = (window.__bench = {});
  const afterFrame = (name) => requestAnimationFrame(() => setTimeout(() => { marks[name] = performance.now(); }, 0));
  // A view's rows after its first frame's come a frame later, the table aria-busy until then:
  // `full` is the frame after the last of them (the first frame's when none came later).
  new MutationObserver((records) => {
    if (records.some((r) => !r.target.hasAttribute("aria-busy"))) afterFrame("full");
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["aria-busy"] });
  const watch = new MutationObserver(() => {
    const form = document.getElementById("filter-form");
    if (!form || form.hidden || marks.ready) return;
    marks.ready = performance.now();
    // The same moment in the trace's clock, to place its events from navigation start.
    console.timeStamp("filter-ready");
    watch.disconnect();
    // A reader who filters has the filter and the table's top on screen.
    form.scrollIntoView();
    if (action.kind === "url") { afterFrame("view"); return; }
    if (action.kind === "text" || action.kind === "pinyin") {
      const input = form.elements.q;
      input.value = action.q;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    } else {
      const box = form.querySelector(`input[name="level"][value="${action.level}"]`);
      box.checked = true;
      box.dispatchEvent(new Event("change", { bubbles: true }));
    }
    marks.acted = performance.now();
    afterFrame("view");
  });
  watch.observe(document, { subtree: true, attributes: true, attributeFilter: ["hidden"] });
}

// Two characters of the last row's name, and its first two syllables (pinyin): "电子", "dianzi".
function query(site) {
  const file = path.join(site.dir, "search/table.json");
  if (!existsSync(file)) return { han: "师", pinyin: "shi" };
  const data = JSON.parse(readFileSync(file, "utf8"));
  // Rows as arrays under `columns` (an older layout) or one array per field.
  const column = (name) => (data.columns ? data.rows.map((r) => r[data.columns.indexOf(name)]) : data[name]);
  const names = column("name");
  const spellings = column(data.columns ? "pinyin" : "spellings");
  const last = names.length - 1;
  return {
    han: Array.from(names[last]).slice(0, 2).join(""),
    pinyin: spellings[last].split("|")[0].split(" ").slice(0, 2).join(""),
  };
}

async function load(site, action, traced = false) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  await page.addInitScript(probe, action);
  if (traced) await browser.startTracing(page, { categories: ["devtools.timeline", "v8.execute"] });
  const path = action.kind === "url" ? "?level=1&sort=-count" : "";
  await page.goto(`http://127.0.0.1:${site.port}/${path}`);
  await page.waitForFunction(() => window.__bench && window.__bench.view &&
    (window.__bench.full || !document.querySelector("table.occupations[aria-busy]")), null, { timeout: 60_000, polling: 50 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const marks = await page.evaluate(() => Object.assign({
    shown: document.querySelectorAll("table.occupations tbody tr:not([hidden])").length,
    count: document.querySelector("[data-filter-count]").textContent,
    dcl: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
    load: performance.getEntriesByType("navigation")[0].loadEventEnd,
    // When each file began and finished arriving (ms from navigation start), for --trace.
    files: [performance.getEntriesByType("navigation")[0], ...performance.getEntriesByType("resource")]
      .map((e) => `${e.name.split("/").pop() || "index.html"} ${Math.round(e.startTime)}–${Math.round(e.responseEnd)}`),
  }, window.__bench));
  let kinds = null;
  if (traced) kinds = summarise(JSON.parse(String(await browser.stopTracing())), marks.ready);
  await context.close();
  return { marks, kinds };
}

// Main-thread time by kind over the whole traced load (tracing stops right after the view),
// top-level events only: an event inside one already counted is not counted again.
function summarise(tracing, ready) {
  const events = tracing.traceEvents || tracing;
  const names = {
    ParseHTML: "HTML parsing", EvaluateScript: "script", FunctionCall: "script", TimerFire: "script",
    FireAnimationFrame: "script", EventDispatch: "script", RunMicrotasks: "script", "v8.run": "script",
    UpdateLayoutTree: "style", ParseAuthorStyleSheet: "style", Layout: "layout", Paint: "paint",
    PrePaint: "paint", Layerize: "paint", MajorGC: "gc", MinorGC: "gc",
  };
  const parse = events.find((e) => e.name === "ParseHTML");
  const totals = {};
  let lastEnd = 0;
  const sorted = events.filter((e) => e.ph === "X" && parse && e.pid === parse.pid && e.tid === parse.tid && names[e.name])
    .sort((a, b) => a.ts - b.ts);
  const top = [];
  for (const e of sorted) {
    if (e.ts + e.dur <= lastEnd) continue;
    // Thread time where the trace has it: on a loaded machine the wall time also counts waits.
    totals[names[e.name]] = (totals[names[e.name]] || 0) + (e.tdur ?? e.dur) / 1000;
    lastEnd = e.ts + e.dur;
    top.push(e);
  }
  // The longest events, at their time after the HTML began to be parsed.
  const describe = (e, from) => {
    const what = e.args && e.args.data && (e.args.data.type || e.args.data.functionName || e.args.data.url || "");
    const inside = sorted.filter((c) => c !== e && c.ts >= e.ts && c.ts + c.dur <= e.ts + e.dur && /Layout|UpdateLayoutTree/.test(c.name))
      .reduce((sum, c) => sum + c.dur, 0);
    const cpu = e.tdur !== undefined ? `/${Math.round(e.tdur / 1000)}` : "";
    return `${e.name}${what ? ` (${String(what).split("/").pop()})` : ""} ${Math.round(e.dur / 1000)}${cpu}` +
      `${inside ? ` [style+layout ${Math.round(inside / 1000)}]` : ""} @${Math.round((e.ts - from) / 1000)}`;
  };
  totals.longest = top.slice().sort((a, b) => b.dur - a.dur).slice(0, 8).map((e) => describe(e, parse.ts)).join(", ");
  // Every top-level event of 5 ms or more in order, at its time from navigation start.
  const stamp = events.find((e) => e.name === "TimeStamp" && e.args && e.args.data && e.args.data.message === "filter-ready");
  const zero = stamp ? stamp.ts - ready * 1000 : parse.ts;
  totals.timeline = top.sort((a, b) => a.ts - b.ts).filter((e) => e.dur >= 5000).map((e) => describe(e, zero)).join(", ");
  return totals;
}

const median = (xs) => { const s = xs.slice().sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const actions = (site) => [
  { kind: "text", q: query(site).han },
  { kind: "pinyin", q: query(site).pinyin },
  { kind: "level", level: "1" },
  { kind: "url" },
];
const results = new Map(sites.map((s) => [s.label, { ready: [], text: [], pinyin: [], level: [], url: [], load: [], full: {} }]));
try {
  for (let round = 0; round < runs; round++) {
    for (const site of sites) {
      for (const action of actions(site)) {
        const { marks } = await load(site, action);
        const r = results.get(site.label);
        r[action.kind].push(marks.view);
        (r.full[action.kind] ||= []).push(Math.max(marks.view, marks.full || 0));
        if (action.kind === "text") { r.ready.push(marks.ready); r.load.push(marks.load); r.count = marks.count; r.q = action.q; }
        if (action.kind === "pinyin") r.p = action.q;
      }
    }
  }
  const f = (ms) => `${Math.round(ms)} ms`;
  console.log(`first filtered view, median of ${runs} fresh loads (navigation start →)`);
  for (const site of sites) {
    const r = results.get(site.label);
    console.log(`${site.label.padEnd(10)} ready ${f(median(r.ready))}  text(${r.q}) ${f(median(r.text))}  pinyin(${r.p}) ${f(median(r.pinyin))}  level 1 ${f(median(r.level))}  ?level=1&sort=-count ${f(median(r.url))}  load ${f(median(r.load))}   [${r.count}]`);
  }
  console.log("every row of the view in the table (the frame after the last of them):");
  for (const site of sites) {
    const w = results.get(site.label).full;
    console.log(`${site.label.padEnd(10)} text ${f(median(w.text))}  pinyin ${f(median(w.pinyin))}  level 1 ${f(median(w.level))}  ?level=1&sort=-count ${f(median(w.url))}`);
  }
  // --json: the medians per site, for benches/filter.sh's report.
  if (json) {
    const out = sites.map((site) => {
      const r = results.get(site.label);
      return { label: site.label, runs, ready: median(r.ready), text: median(r.text), pinyin: median(r.pinyin),
        level: median(r.level), url: median(r.url), load: median(r.load), q: r.q, p: r.p,
        full: Object.fromEntries(Object.entries(r.full).map(([k, v]) => [k, median(v)])) };
    });
    writeFileSync(json, JSON.stringify(out, null, 1));
  }
  for (const site of sites) {
    const json = path.join(site.dir, "search/table.json");
    const size = (p) => (existsSync(p) ? statSync(p).size : 0);
    const html = path.join(site.dir, "index.html");
    console.log(`${site.label.padEnd(10)} index.html ${size(html)} B (gz ${size(html + ".gz")}), search/table.json ${size(json)} B (gz ${size(json + ".gz")})`);
  }
  if (trace) {
    // Traced loads alternate between sites too; the main thread's CPU time by kind is the
    // median over them (on a loaded machine one load's figures wander), the events those of
    // the last load.
    const traced = new Map(sites.map((s) => [s.label, []]));
    for (let round = 0; round < traceRuns; round++) {
      for (const site of sites) traced.get(site.label).push(await load(site, actions(site)[0], true));
    }
    for (const site of sites) {
      const loads = traced.get(site.label);
      const { marks, kinds } = loads[loads.length - 1];
      const keys = new Set(loads.flatMap((l) => Object.keys(l.kinds)).filter((k) => k !== "longest" && k !== "timeline"));
      const byKind = Object.fromEntries([...keys].map((k) => [k, median(loads.map((l) => l.kinds[k] || 0))]));
      const cpu = median(loads.map((l) => Object.entries(l.kinds).reduce((sum, [k, v]) => (keys.has(k) ? sum + v : sum), 0)));
      const parts = Object.entries(byKind).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${Math.round(v)}`).join(", ");
      console.log(`${site.label.padEnd(10)} ${loads.length} traced loads, main thread's CPU time to the text view, median: ${Math.round(cpu)} ms (${parts}); text view ${Math.round(median(loads.map((l) => l.marks.view)))} ms`);
      console.log(`${"".padEnd(10)} last load, longest (wall/CPU ms @ ms after parsing began): ${kinds.longest}`);
      console.log(`${"".padEnd(10)} main thread, events of 5 ms or more (wall/CPU ms @ ms from navigation start): ${kinds.timeline}`);
      console.log(`${"".padEnd(10)} files (ms from navigation start, requested–arrived): ${marks.files.join(", ")}`);
    }
  }
} finally {
  await browser.close();
  server.kill("SIGQUIT");
  await new Promise((r) => setTimeout(r, 200));
  rmSync(tmp, { recursive: true, force: true });
}
