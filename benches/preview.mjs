#!/usr/bin/env node
// The preview's answer to an edit at catalogue scale: how long after a saved one-row edit of
// the CSV the open page has reloaded and shows it, with `linxuan serve` and headless Chromium.
// Printed, never asserted.
//
//   node benches/preview.mjs [--rows N] [--edits N] [--json FILE] [--binary LABEL=PATH]...
//
// Generates a site of N rows (default 10,000; benches/gen_site.py, seed 2022) and serves a copy
// of it with each binary (default: this build's target/release/linxuan). Each round makes, for
// every binary in turn (so all meet the same machine load), two edits of the second CSV line:
//   page   the occupation's own page is open; its name changes (its page, lists, search change)
//   notice the notice is open; the occupation's 拟遴选机构数量 changes (the table row, the
//          category and level pages' counts change)
// and times, from just before the file is written: the reload message in the page, the new
// page's DOMContentLoaded, its load event. Before each edit the server must have been idle
// (no CPU time used) for 300 ms, so work left from the last edit does not count twice.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, LAUNCH_ARGS, ROOT, until } from "../tests/browser/harness.mjs";
import { cell, median, recordReloads, setCell, startServe, timeEdit } from "../tests/browser/serve-harness.mjs";

const args = process.argv.slice(2);
let rows = 10_000;
let edits = 10;
let json = null;
const binaries = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--rows") rows = Number(args[++i]);
  else if (args[i] === "--edits") edits = Number(args[++i]);
  else if (args[i] === "--json") json = args[++i];
  else if (args[i] === "--binary") {
    const [label, bin] = args[++i].split("=");
    binaries.push({ label, bin: path.resolve(bin) });
  } else {
    console.error(`unknown argument ${args[i]}; see the top of benches/preview.mjs`);
    process.exit(2);
  }
}
if (!binaries.length) binaries.push({ label: "linxuan", bin: path.join(ROOT, "target/release/linxuan") });
for (const { bin } of binaries) if (!existsSync(bin)) throw new Error(`${bin} is missing (cargo build --release)`);

/** The server's CPU time so far, in clock ticks (utime + stime of /proc/PID/stat). */
function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** Resolves once the server has used no CPU for `quiet` ms (at most `limit` ms of waiting). */
async function idle(pid, { quiet = 300, limit = 120_000 } = {}) {
  const started = Date.now();
  let last = cpuTicks(pid);
  let since = Date.now();
  while (Date.now() - started < limit) {
    await new Promise((r) => setTimeout(r, 50));
    const now = cpuTicks(pid);
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quiet) return;
  }
  throw new Error(`the server (pid ${pid}) did not go idle in ${limit} ms`);
}

const tmp = mkdtempSync(path.join(tmpdir(), "linxuan-preview-bench-"));
const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
const runs = [];
try {
  const source = path.join(tmp, "generated");
  execFileSync("python3", [path.join(ROOT, "benches/gen_site.py"), String(rows), source], { stdio: "pipe" });
  for (const [n, b] of binaries.entries()) {
    const root = path.join(tmp, `site-${n}`);
    cpSync(source, root, { recursive: true });
    const server = await startServe(root, { binary: b.bin, timeout: 10 * 60_000 });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN", serviceWorkers: "block" });
    await recordReloads(context);
    const open = async (url) => {
      const page = await context.newPage();
      await page.goto(url);
      await until(page, () => window.__sseOpen === true, null, { timeout: 60_000, what: "the live-reload connection" });
      return page;
    };
    const code = cell(root, 2, 2);
    const pages = { page: await open(`${server.url}occupations/${code}/`), notice: await open(server.url) };
    runs.push({ ...b, root, server, pages, code, name: cell(root, 2, 1), count: Number(cell(root, 2, 4)), times: { page: [], notice: [] } });
  }
  for (let round = 1; round <= edits; round++) {
    const order = round % 2 ? runs : [...runs].reverse();
    for (const run of order) {
      await idle(run.server.pid);
      const renamed = `${run.name}（第${round}次修改）`;
      run.times.page.push(
        await timeEdit(run.pages.page, { write: () => setCell(run.root, 2, 1, renamed), selector: "h1", text: renamed, timeout: 120_000 }),
      );
      await idle(run.server.pid);
      const count = String(run.count + round);
      run.times.notice.push(
        await timeEdit(run.pages.notice, {
          write: () => setCell(run.root, 2, 4, count),
          selector: `tr[data-code="${run.code}"]`,
          text: count,
          timeout: 120_000,
        }),
      );
    }
  }
} finally {
  await browser.close().catch(() => {});
  for (const run of runs) await run.server.stop();
  rmSync(tmp, { recursive: true, force: true });
}

const summary = runs.map((run) => {
  const kinds = {};
  for (const [kind, times] of Object.entries(run.times)) {
    const stat = (key) => {
      const v = times.map((t) => t[key]);
      return { median: median(v), min: Math.min(...v), max: Math.max(...v) };
    };
    kinds[kind] = {
      edits: times.length, toMessage: stat("toMessage"), toReady: stat("toReady"), toLoad: stat("toLoad"),
      toStart: stat("toStart"), toFirstByte: stat("toFirstByte"), toLastByte: stat("toLastByte"),
    };
  }
  return { label: run.label, binary: path.relative(ROOT, run.bin), kinds };
});
const f = (n) => n.toFixed(0);
console.log(`preview at ${rows.toLocaleString("en")} rows, ${edits} edits of each kind per binary, ms from the write (median, min–max):`);
for (const s of summary) {
  for (const [kind, k] of Object.entries(s.kinds)) {
    console.log(
      `  ${s.label} ${kind}: reload message ${f(k.toMessage.median)} (${f(k.toMessage.min)}–${f(k.toMessage.max)}), ` +
        `DOMContentLoaded ${f(k.toReady.median)} (${f(k.toReady.min)}–${f(k.toReady.max)}), load ${f(k.toLoad.median)}`,
    );
    console.log(
      `    on the way (medians): the reload starts ${f(k.toStart.median)}, the page's first byte ${f(k.toFirstByte.median)}, ` +
        `its last byte ${f(k.toLastByte.median)}`,
    );
  }
}
if (summary.length > 1) {
  for (const s of summary.slice(1)) {
    for (const kind of Object.keys(s.kinds)) {
      const ratio = s.kinds[kind].toReady.median / summary[0].kinds[kind].toReady.median;
      console.log(`  ${s.label} / ${summary[0].label}, ${kind}: ${ratio.toFixed(2)}× (DOMContentLoaded, medians)`);
    }
  }
}
if (json) writeFileSync(json, JSON.stringify({ rows, edits, summary }, null, 2));
