// What the JS tests share: the browser scripts loaded under Node, and the shipped site built
// with the debug binary, read back as the browser scripts see it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { BINARY, ROOT, shippedSite } from "../fixtures/sites.mjs";

export { BINARY, ROOT };

const require = createRequire(import.meta.url);

/**
 * A script of static/assets/ ("match.js", "vendor/elasticlunr.min.js"): classic browser
 * scripts that export through `module.exports` when Node loads them as CommonJS.
 */
export const loadAsset = (name) => require(path.join(ROOT, "static/assets", name));

/**
 * The shipped site, built once for the test run (tests/fixtures/sites.mjs), read back as the
 * browser scripts read it: { index: search/index.json, table: search/table.json, rows: the
 * table's rows as filter-data.js reads them from it }. Parsed afresh on every call, so a
 * test may change what it gets.
 */
export function buildShipped() {
  const site = shippedSite();
  const table = JSON.parse(readFileSync(path.join(site, "search/table.json"), "utf8"));
  return {
    index: JSON.parse(readFileSync(path.join(site, "search/index.json"), "utf8")),
    table,
    rows: loadAsset("filter-data.js").rowsFromData(table),
  };
}
