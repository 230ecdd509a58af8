// The shipped site built with the debug binary into a temporary folder, read back as the
// browser scripts see it: the search index, and the notice table's rows as filter.js reads
// them (each row's first cell, its name and its data-* attributes).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

const require = createRequire(import.meta.url);

/**
 * A script of static/assets/ ("match.js", "vendor/elasticlunr.min.js"): classic browser
 * scripts that export through `module.exports` when Node loads them as CommonJS.
 */
export const loadAsset = (name) => require(path.join(ROOT, "static/assets", name));

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'", "#39": "'", "#x2F": "/" };
const decode = (s) => s.replace(/&(amp|lt|gt|quot|#x27|#39|#x2F);/g, (_, e) => ENTITIES[e]);
const camel = (s) => s.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

/** The rows of the notice table: { seq, name, ...dataset } in document order. */
export function tableRows(html) {
  const rows = [];
  const re = /<tr((?:\s+data-[a-z-]+="[^"]*")+)>\s*<td class="num">([^<]*)<\/td>\s*<th scope="row"><a [^>]*>([^<]*)<\/a><\/th>/g;
  for (const [, attrs, seq, name] of html.matchAll(re)) {
    const row = { seq: decode(seq), name: decode(name) };
    for (const [, key, value] of attrs.matchAll(/data-([a-z-]+)="([^"]*)"/g)) row[camel(key)] = decode(value);
    rows.push(row);
  }
  return rows;
}

/** Builds the shipped site once: { index (search/index.json), rows (the notice table) }. */
export function buildShipped() {
  const out = mkdtempSync(path.join(tmpdir(), "linxuan-js-"));
  try {
    const site = path.join(out, "site");
    execFileSync(path.join(ROOT, "target/debug/linxuan"), ["build", "--root", ROOT, "--output", site], { stdio: "pipe" });
    return {
      index: JSON.parse(readFileSync(path.join(site, "search/index.json"), "utf8")),
      rows: tableRows(readFileSync(path.join(site, "index.html"), "utf8")),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
