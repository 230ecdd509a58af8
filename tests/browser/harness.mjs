// Shared harness of the browser tests: builds the shipped site under a sub-path with the debug
// binary (once for every test file, tests/fixtures/sites.mjs), serves it on 127.0.0.1 with a
// tiny static server on a free port, drives /usr/bin/chromium through playwright-core, records
// every request (any that leaves the server's origin fails the test), and tears it all down.
// Also: the table's expectations computed from data/occupations.csv.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { after, afterEach, before } from "node:test";
import { chromium } from "playwright-core";
import { BINARY, SITE_BASE, SUB_PATH, buildSite, shippedSite } from "../fixtures/sites.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const ARTIFACTS = path.join(ROOT, "tests/artifacts");
export { BINARY, SITE_BASE, SUB_PATH };
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const LAUNCH_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

// Missing programs: a test may skip for one only under `scripts/test.sh --skip-missing`.
/** Set by `scripts/test.sh --skip-missing`: only then may a missing program skip a test. */
export const SKIP_MISSING = process.env.LINXUAN_SKIP_MISSING === "1";

/** Why `cmd arg` cannot run ("soffice is missing"), or false when it runs. */
export function programMissing(cmd, arg) {
  try {
    execFileSync(cmd, [arg], { stdio: "pipe" });
    return false;
  } catch {
    return `${cmd} is missing`;
  }
}

/** A test's `skip` option for `reason` (why a program is missing, or false): skips only when asked to. */
export function skipIfMissing(reason) {
  return reason && SKIP_MISSING ? reason : false;
}

/** Fails a test whose program is missing, naming it, when skipping was not asked for. */
export function assertInstalled(reason) {
  if (reason) throw new Error(`${reason}. scripts/test.sh installs it; LINXUAN_SKIP_MISSING=1 skips this test instead`);
}


const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".ics": "text/calendar; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** A static file server for `dir`, mounted at SUB_PATH; directories serve their index.html. */
function serve(dir, served) {
  return http.createServer((req, res) => {
    served.push(req.url);
    let file = null;
    try {
      const pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (pathname.startsWith(SUB_PATH)) {
        const candidate = path.resolve(dir, "." + pathname.slice(SUB_PATH.length - 1));
        if (candidate === dir || candidate.startsWith(dir + path.sep)) {
          file = existsSync(candidate) && statSync(candidate).isDirectory()
            ? path.join(candidate, "index.html")
            : candidate;
        }
      }
    } catch {
      file = null;
    }
    let status = 200;
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      status = 404;
      file = path.join(dir, "404.html");
    }
    const body = existsSync(file) ? readFileSync(file) : Buffer.from("not found");
    res.writeHead(status, {
      "content-type": TYPES[path.extname(file)] || "application/octet-stream",
      "content-length": body.length,
      "cache-control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  });
}

/**
 * Serves a site and launches Chromium: the shipped one (built once for every test file), the
 * site at `root`, built here, or the folder `built`, a site already built for SITE_BASE.
 * Returns the site handle: `url(path)`, `newPage(options)`, `foreignRequests()`, `requests`,
 * `served`, `outDir`, `close()`.
 */
export async function startSite({ root, built } = {}) {
  let tmp = null;
  let outDir;
  if (root) {
    tmp = mkdtempSync(path.join(tmpdir(), "linxuan-browser-"));
    outDir = path.join(tmp, "site");
  }
  const served = [];
  let server;
  let browser;
  try {
    if (root) buildSite(root, outDir, SITE_BASE);
    else outDir = path.resolve(built || shippedSite(SITE_BASE));
    server = serve(outDir, served);
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", resolve);
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  } catch (e) {
    server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const origin = `http://127.0.0.1:${server.address().port}`;
  const base = origin + SUB_PATH;
  const requests = [];
  const errors = [];
  const contexts = [];

  return {
    origin,
    base,
    outDir,
    requests,
    errors,
    served,
    /** An absolute URL of a page of the built site, e.g. url("?level=1"). */
    url(p = "") {
      return base + p;
    },
    /** A page in a fresh context; every request it makes is recorded, foreign ones aborted. */
    async newPage({ width = 1280, height = 900, javaScriptEnabled = true, touch = false } = {}) {
      const context = await browser.newContext({
        viewport: { width, height },
        javaScriptEnabled,
        // A phone: a touch screen and no mouse, so (pointer: coarse) and (hover: none) match.
        ...(touch ? { hasTouch: true, isMobile: true } : {}),
        serviceWorkers: "block",
        locale: "zh-CN",
      });
      contexts.push(context);
      context.on("request", (r) => requests.push(r.url()));
      await context.route("**/*", (route) => {
        const u = route.request().url();
        if (u.startsWith(origin + "/")) return route.continue();
        return route.abort("blockedbyclient");
      });
      const page = await context.newPage();
      page.on("pageerror", (e) => errors.push(String(e)));
      return page;
    },
    /** Requests that went anywhere but this server (data: and about: URLs never leave). */
    foreignRequests() {
      return requests.filter((u) => !u.startsWith(origin + "/") && !/^(data|about|blob):/.test(u));
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await new Promise((resolve) => server.close(resolve));
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * Registers node:test hooks for a test file: one site for the file, closed at the end; after
 * each test, no request may have left 127.0.0.1 and no page may have thrown.
 */
export function useSite() {
  const site = {};
  before(async () => {
    Object.assign(site, await startSite());
  });
  afterEach(() => {
    assert.deepEqual(site.foreignRequests(), [], "a request left 127.0.0.1");
    assert.deepEqual(site.errors, [], "a page threw");
  });
  after(async () => {
    if (site.close) await site.close();
  });
  return site;
}

// ---------------------------------------------------------------------------------------------
// Expectations from the data, parsed here independently of the generator.

/** Parses CSV text (RFC 4180 quotes, optional BOM) into rows of strings. */
export function parseCsv(text) {
  text = text.replace(/^\uFEFF/, "");
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ""));
}

/** The levels of a 等级范围 cell as numbers; only the forms the shipped data uses. */
export function parseLevels(text) {
  const parts = text.split(/[、,，/]/).map((s) => s.trim());
  if (!parts.every((p) => /^[1-5]$/.test(p))) {
    throw new Error(`等级范围 not understood by the test: ${text}`);
  }
  return parts.map(Number);
}

/** data/occupations.csv as [{ seq, name, code, levels: [5,4,…], count }] in file order. */
export function readOccupations() {
  const [header, ...rows] = parseCsv(readFileSync(path.join(ROOT, "data/occupations.csv"), "utf8"));
  const col = (name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`column ${name} missing from data/occupations.csv`);
    return i;
  };
  const [seq, name, code, levels, count] = ["序号", "职业（工种）", "职业编码", "等级范围", "拟遴选机构数量"].map(col);
  return rows.map((r) => ({
    seq: Number(r[seq]),
    name: r[name].trim(),
    code: r[code].trim(),
    levels: parseLevels(r[levels]),
    count: Number(r[count]),
  }));
}

/**
 * content/forms/*.md as [{ slug, title, attachment }] in 附件 order, from their TOML front
 * matter (simple `key = value` lines; a basic string reads as JSON).
 */
export function readForms() {
  const dir = path.join(ROOT, "content/forms");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".md"))
    .map((file) => {
      const front = readFileSync(path.join(dir, file), "utf8").match(/^\+\+\+\n([\s\S]*?)\n\+\+\+\n/)?.[1];
      if (front === undefined) throw new Error(`content/forms/${file} has no +++ front matter`);
      const value = (key) => {
        const found = front.match(new RegExp(`^${key}\\s*=\\s*(.+)$`, "m"));
        if (!found) throw new Error(`content/forms/${file} has no ${key}`);
        return JSON.parse(found[1]);
      };
      return { slug: file.slice(0, -".md".length), title: value("title"), attachment: value("attachment") };
    })
    .sort((a, b) => a.attachment - b.attachment);
}

/** Level number → the checkbox label. */
export const LEVEL_LABELS = {
  5: "五级/初级工",
  4: "四级/中级工",
  3: "三级/高级工",
  2: "二级/技师",
  1: "一级/高级技师",
};

// ---------------------------------------------------------------------------------------------
// Page helpers.

/**
 * Polls `fn(arg)` in the page from Node until it returns a truthy value, and returns it;
 * survives navigations and reloads (an evaluation cut short by one is tried again).
 */
export async function until(page, fn, arg, { timeout = 20_000, what = "a condition" } = {}) {
  const started = Date.now();
  let last;
  for (;;) {
    try {
      last = await page.evaluate(fn, arg);
      if (last) return last;
    } catch (e) {
      last = String(e);
    }
    if (Date.now() - started > timeout) throw new Error(`timed out after ${timeout} ms waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Codes of the table rows a reader can see, in display order. */
export function visibleCodes(page) {
  return page.$$eval("table.occupations tbody tr", (trs) =>
    trs.filter((tr) => tr.checkVisibility()).map((tr) => tr.querySelector(".code").textContent.trim()),
  );
}

/** The live count text, e.g. "显示 31 / 42 个职业". */
export function countText(page) {
  return page.locator("[data-filter-count]").textContent();
}

export const levelBox = (page, n) => page.getByRole("checkbox", { name: LEVEL_LABELS[n], exact: true });
export const categorySelect = (page) => page.getByLabel("职业类别（大类 / 中类）");
export const textInput = (page) => page.getByLabel("名称、编码或拼音");

/** Opens the notice page (optionally with a query) and waits for the filter to be ready. */
export async function openNotice(site, page, query = "") {
  await page.goto(site.url(query));
  await page.locator("#filter-form").waitFor({ state: "visible" });
}

/** The path of an artifact file in tests/artifacts/ (gitignored), creating the folder. */
export function artifactPath(name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/** A full-page screenshot in tests/artifacts/<name>.png; returns its path. */
export async function screenshot(page, name) {
  const file = artifactPath(name + ".png");
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Codes of the occupations the filter should show, in 序号 order: every level in `levels` in
 * the range, the code under `cat` (大类 "4" or 中类 "4-10"), `text` in the name.
 */
export function expectedCodes(occupations, { levels = [], cat = "", text = "" } = {}) {
  return occupations
    .filter((o) => levels.every((l) => o.levels.includes(l)))
    .filter((o) => !cat || o.code === cat || o.code.startsWith(cat + "-"))
    .filter((o) => !text || o.name.includes(text))
    .sort((a, b) => a.seq - b.seq)
    .map((o) => o.code);
}
