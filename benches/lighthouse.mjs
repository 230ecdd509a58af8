// Lighthouse 12 (mobile: simulated slow 4G, 4× CPU) on the shipped site as readers get it:
// built by target/debug/linxuan, served by nginx with deploy/nginx.conf (tests/browser/nginx.mjs),
// audited with Debian's Chromium. Four pages a reader lands on: the notice, an occupation
// page, the application form's fill page and a search answer.
//
//   node benches/lighthouse.mjs [--runs N] [--json FILE]
//
// Needs nginx, Chromium and the lighthouse CLI: benches/lighthouse.sh installs lighthouse@12
// into target/lighthouse and runs this. Each page is audited N times (default 3); the median
// run by performance score is reported, with its CLS, LCP and TBT, and the other categories.
// Prints a Markdown table (the one in BENCHMARKS.md); --json writes every run's figures.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CHROMIUM, ROOT } from "../tests/browser/harness.mjs";
import { startNginxSite } from "../tests/browser/nginx.mjs";

const args = process.argv.slice(2);
let runs = 3;
let json = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--runs") runs = Number(args[++i]);
  else if (args[i] === "--json") json = args[++i];
  else {
    console.error(`unknown argument ${args[i]}; see the top of benches/lighthouse.mjs`);
    process.exit(2);
  }
}
const LIGHTHOUSE = process.env.LIGHTHOUSE || path.join(ROOT, "target/lighthouse/node_modules/.bin/lighthouse");

const PAGES = [
  ["the notice", ""],
  ["an occupation page", "occupations/4-10-01-03/"],
  ["the fill page", "forms/application/fill/"],
  ["a search answer", "search/?q=" + encodeURIComponent("保育师三级")],
];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

function audit(url, out) {
  execFileSync(LIGHTHOUSE, [
    url, "--quiet", "--output=json", `--output-path=${out}`,
    `--only-categories=${CATEGORIES.join(",")}`,
    "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
  ], { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ["ignore", "ignore", "pipe"] });
  const report = JSON.parse(readFileSync(out, "utf8"));
  const score = (c) => Math.round(report.categories[c].score * 100);
  const audits = report.audits;
  return {
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, score(c)])),
    cls: audits["cumulative-layout-shift"].numericValue,
    lcp: audits["largest-contentful-paint"].numericValue,
    tbt: audits["total-blocking-time"].numericValue,
    // What moved, for the record: the elements of the largest shifts.
    shifts: (audits["layout-shifts"]?.details?.items || []).map((i) => [i.node?.selector, Number(i.score.toFixed(3))]),
    failed: Object.values(audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
      .map((a) => a.id),
  };
}

const site = await startNginxSite();
const tmp = mkdtempSync(path.join(tmpdir(), "linxuan-lighthouse-"));
const results = [];
try {
  for (const [name, p] of PAGES) {
    const all = [];
    for (let r = 0; r < runs; r++) all.push(audit(site.url(p), path.join(tmp, `run.json`)));
    all.sort((a, b) => a.scores.performance - b.scores.performance);
    results.push({ name, path: p, median: all[Math.floor(all.length / 2)], runs: all });
  }
} finally {
  await site.close();
  rmSync(tmp, { recursive: true, force: true });
}

console.log("| page | performance | accessibility | best practices | SEO | CLS | LCP | TBT | failed audits |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
for (const { name, median: m } of results) {
  const s = m.scores;
  console.log(`| ${name} | ${s.performance} | ${s.accessibility} | ${s["best-practices"]} | ${s.seo} | ` +
    `${m.cls.toFixed(3)} | ${(m.lcp / 1000).toFixed(2)} s | ${Math.round(m.tbt)} ms | ${m.failed.join(", ") || "none"} |`);
}
if (json) writeFileSync(json, JSON.stringify(results, null, 2));
