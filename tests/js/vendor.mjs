// The vendored scripts of static/assets/vendor/ under Node. They are classic browser scripts
// with a UMD wrapper; package.json makes every .js file an ES module for Node (the site's own
// scripts are), in which their wrapper fails, so they are run here as CommonJS would run them.
import { readFileSync } from "node:fs";
import path from "node:path";

const VENDOR = path.resolve(import.meta.dirname, "../../static/assets/vendor");

function load(name) {
  const module = { exports: {} };
  new Function("module", "exports", readFileSync(path.join(VENDOR, name), "utf8"))(module, module.exports);
  return module.exports;
}

/** elasticlunr 0.9.5, which search-engine.js's `prepare` is handed. */
export const elasticlunr = load("elasticlunr.min.js");
