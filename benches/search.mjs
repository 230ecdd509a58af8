#!/usr/bin/env node
// Search at catalogue scale, measured in headless Chromium against nginx with deploy/nginx.conf
// (gzip_static for the build's .gz twins, gzip on the fly for the rest):
//
//   node benches/search.mjs [--rows 10000] [--site DIR] [--before DIR] [--name NAME]
//                           [--before-name NAME] [--no-pagefind]
//                           [--reuse-pagefind] [--sample N] [--out FILE] [--json FILE]
//
// Builds a generated site of --rows rows (benches/gen_site.py) with target/debug/linxuan,
// serves it, and for each reference query (tests/search/cases.json) opens a fresh page of
// /search/, types the query and waits for the results: the time from the input event to the
// results in the page (index loading included; also without the 120 ms debounce) and the
// bytes fetched after typing, as sent (gzipped). --site DIR measures a site already built
// instead (its assets as built). --before DIR measures a site built earlier
// the same way (e.g. by the single-file index of commit 9de161f, from the same generated
// table) beside it; --name and --before-name label the two in the table. Pagefind 1.x,
// installed with npm into /tmp/pagefind-bench (never into the repository), indexes the same site's occupation pages and is measured the same way: a fresh
// page, search(q), then the data of its top 10. Prints a Markdown table.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM, LAUNCH_ARGS } from "../tests/browser/harness.mjs";
import { deployConfig, findNginx, freePort } from "../tests/browser/nginx.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WORK = "/tmp/linxuan-search-bench";
const PAGEFIND = "/tmp/pagefind-bench";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const rows = Number(option("--rows", "10000"));
const before = option("--before", null);
const prebuilt = option("--site", null);
const out = option("--out", null);
const json = option("--json", null);
const withPagefind = !args.includes("--no-pagefind");

const cases = JSON.parse(readFileSync(path.join(ROOT, "tests/search/cases.json"), "utf8"));
const ALL = [...new Set(cases.queries.map((c) => c.q))];
// --sample N: N queries spread evenly over the list (a loaded machine takes seconds a page).
const sample = Number(option("--sample", String(ALL.length)));
const QUERIES = ALL.filter((_, i) => Math.floor((i * sample) / ALL.length) !== Math.floor(((i - 1) * sample) / ALL.length));

function log(line) {
  process.stderr.write(line + "\n");
}


/** nginx with deploy/nginx.conf serving `publicDir` at the root of 127.0.0.1:port. */
async function startNginx(publicDir, name, { wasm = false } = {}) {
  const nginx = findNginx();
  if (!nginx) throw new Error("nginx is not installed (apt-get install -y nginx)");
  const dir = path.join(WORK, "nginx-" + name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "tmp"), { recursive: true });
  const port = await freePort();
  // The shipped sub-path becomes the root: the generated sites link from /.
  let site = deployConfig({ port, publicDir }).replace(/location = \/rsj\/linxuan \{[^}]*\}/, "");
  site = site.split("/rsj/linxuan/").join("/");
  // Pagefind runs WebAssembly, which the site's policy forbids; a site adopting it would allow it.
  if (wasm) site = site.split("default-src 'self';").join("default-src 'self' 'wasm-unsafe-eval';");
  writeFileSync(path.join(dir, "site.conf"), site);
  writeFileSync(path.join(dir, "nginx.conf"), [
    "daemon off;", "worker_processes 1;", process.getuid && process.getuid() === 0 ? "user root;" : "",
    `pid ${dir}/nginx.pid;`, `error_log ${dir}/error.log warn;`, "events { worker_connections 64; }",
    "http {", `  access_log off;`, `  client_body_temp_path ${dir}/tmp/body;`, `  proxy_temp_path ${dir}/tmp/proxy;`,
    `  fastcgi_temp_path ${dir}/tmp/fastcgi;`, `  uwsgi_temp_path ${dir}/tmp/uwsgi;`, `  scgi_temp_path ${dir}/tmp/scgi;`,
    "  sendfile on;", `  include ${dir}/site.conf;`, "}", "",
  ].join("\n"));
  const child = spawn(nginx, ["-p", dir + "/", "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")], {
    stdio: "ignore",
  });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((resolve) => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => { s.destroy(); resolve(true); });
      s.once("error", () => { s.destroy(); resolve(false); });
    });
    if (up) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { origin: `http://127.0.0.1:${port}/`, stop: () => child.kill("SIGQUIT") };
}

/** Sums what the page received after `start`, as sent (compressed bodies), in bytes. */
function recorder(page) {
  const responses = [];
  page.on("requestfinished", async (request) => {
    const sizes = await request.sizes().catch(() => null);
    if (sizes) responses.push({ url: request.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize });
  });
  return responses;
}

/** linxuan: a fresh page of /search/, one input event, until the results are in the page. */
async function measureLinxuan(browser, origin, q) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__marks = { input: 0, fired: 0 };
    const realSetTimeout = window.setTimeout;
    window.setTimeout = function (fn, delay, ...rest) {
      if (delay === 120 && typeof fn === "function") {
        return realSetTimeout.call(window, function () {
          window.__marks.fired = performance.now();
          return fn.apply(this, arguments);
        }, delay, ...rest);
      }
      return realSetTimeout.call(window, fn, delay, ...rest);
    };
    document.addEventListener("input", () => { window.__marks.input = performance.now(); }, true);
  });
  await page.goto(origin + "search/");
  await page.waitForLoadState("networkidle");
  const responses = recorder(page);
  await page.locator("#search-q").fill(q);
  await page.waitForFunction((q) => {
    const url = new URL(location.href).searchParams.get("q");
    return url === q.trim() && document.getElementById("search-status").textContent !== "";
  }, q, { timeout: 60_000, polling: "raf" });
  const m = await page.evaluate(() => ({ ...window.__marks, done: performance.now() }));
  await page.waitForTimeout(200); // the sizes of the last responses are read asynchronously
  const results = await page.locator("#search-results > li").count();
  await context.close();
  const bytes = responses.reduce((s, r) => s + r.bytes, 0);
  // A first input of a whole word runs without the debounce (no timer fired).
  return { ms: m.done - m.input, afterDebounce: m.done - (m.fired || m.input), bytes, requests: responses.length, results };
}

/** Pagefind: a fresh page, then search(q) and the data of the top 10. */
async function measurePagefind(browser, origin, q) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(origin + "search/");
  await page.waitForLoadState("networkidle");
  const responses = recorder(page);
  const r = await page.evaluate(async (q) => {
    const t0 = performance.now();
    const pagefind = await import("/pagefind/pagefind.js");
    const search = await pagefind.search(q);
    const top = await Promise.all(search.results.slice(0, 10).map((x) => x.data()));
    return { ms: performance.now() - t0, results: search.results.length, top: top.length };
  }, q);
  await page.waitForTimeout(200);
  await context.close();
  return { ms: r.ms, afterDebounce: r.ms, bytes: responses.reduce((s, x) => s + x.bytes, 0), requests: responses.length, results: r.results };
}

/** Pagefind's npm package, in a folder outside the repository; null when it cannot be had. */
function pagefindBinary() {
  const bin = path.join(PAGEFIND, "node_modules/.bin/pagefind");
  if (!existsSync(bin)) {
    try {
      mkdirSync(PAGEFIND, { recursive: true });
      execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefix", PAGEFIND, "pagefind@1"], { stdio: "pipe" });
    } catch (e) {
      log(`pagefind could not be installed (${String(e.message).split("\n")[0]}): linxuan alone`);
      return null;
    }
  }
  return bin;
}

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function summary(name, list) {
  const found = list.filter((r) => r.results > 0).length;
  return {
    name,
    median: median(list.map((r) => r.ms)),
    max: Math.max(...list.map((r) => r.ms)),
    medianNoDebounce: median(list.map((r) => r.afterDebounce)),
    kbMedian: median(list.map((r) => r.bytes)) / 1024,
    kbMax: Math.max(...list.map((r) => r.bytes)) / 1024,
    found,
    queries: list.length,
  };
}

async function main() {
  mkdirSync(WORK, { recursive: true });
  let site = prebuilt;
  if (!site) {
    const source = path.join(WORK, `site${rows}`);
    site = path.join(WORK, `public${rows}`);
    log(`generating ${rows} rows and building with target/debug/linxuan …`);
    execFileSync("python3", [path.join(ROOT, "benches/gen_site.py"), String(rows), source], { stdio: "pipe" });
    rmSync(site, { recursive: true, force: true });
    execFileSync(path.join(ROOT, "target/debug/linxuan"), ["build", "--root", source, "--output", site], { stdio: "pipe" });
  }

  const sites = [[option("--name", "linxuan (sharded)"), site]];
  if (before) sites.push([option("--before-name", "linxuan before (one file)"), before]);
  const pagefind = withPagefind ? pagefindBinary() : null;
  if (pagefind) {
    // Only the occupation pages, as a catalogue search would index them.
    const copy = path.join(WORK, `pagefind${rows}`);
    if (!(args.includes("--reuse-pagefind") && existsSync(path.join(copy, "pagefind/pagefind.js")))) {
      rmSync(copy, { recursive: true, force: true });
      execFileSync("cp", ["-r", site, copy]);
      execFileSync(pagefind, ["--site", copy, "--glob", "occupations/**/*.html"], { stdio: "pipe" });
    }
    sites.push(["Pagefind 1.x (occupation pages)", copy]);
  }

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  const table = [];
  try {
    for (const [name, dir] of sites) {
      const server = await startNginx(dir, table.length, { wasm: name.startsWith("Pagefind") });
      try {
        const measure = name.startsWith("Pagefind") ? measurePagefind : measureLinxuan;
        await measure(browser, server.origin, QUERIES[0]); // warm up nginx and the disk cache
        const list = [];
        for (const q of QUERIES) {
          list.push(await measure(browser, server.origin, q));
          log(`${name}: ${q} ${list.at(-1).ms.toFixed(0)} ms ${(list.at(-1).bytes / 1024).toFixed(0)} KB`);
        }
        table.push(summary(name, list));
        log(`${name}: done`);
      } finally {
        server.stop();
      }
    }
  } finally {
    await browser.close();
  }

  const f = (n) => n.toFixed(0);
  const lines = [
    `Search, ${rows.toLocaleString("en")} rows, ${QUERIES.length} queries of tests/search/cases.json, each on a fresh page (headless Chromium, nginx with deploy/nginx.conf):`,
    "",
    "| index | first results, median (ms) | max (ms) | median without the 120 ms debounce (ms) | fetched per query, median (KB) | max (KB) | queries with results |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...table.map((t) => `| ${t.name} | ${f(t.median)} | ${f(t.max)} | ${f(t.medianNoDebounce)} | ${f(t.kbMedian)} | ${f(t.kbMax)} | ${t.found} of ${t.queries} |`),
  ];
  const text = lines.join("\n") + "\n";
  process.stdout.write(text);
  if (out) writeFileSync(out, text);
  if (json) writeFileSync(json, JSON.stringify({ rows, queries: QUERIES.length, table }, null, 1));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
