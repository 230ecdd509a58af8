// `linxuan serve` driven from Node, shared by tests/browser/serve.test.mjs and
// benches/preview.mjs: start a server on a site folder, instrument a page so that it records
// when the live-reload message arrives, and time edits of the CSV to the reloaded page.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { BINARY, until } from "./harness.mjs";

export const CSV = "data/occupations.csv";

/** Every server started here, killed when Node exits whatever happens. */
const children = new Set();
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

/**
 * Starts `<binary> serve --root <root> --port 0`; resolves once it prints its URL.
 * Returns { url, origin, pid, stdout(), stderr(), stop() }.
 */
export function startServe(root, { binary = BINARY, timeout = 30_000, lang = "en" } = {}) {
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run \`cargo build\` first`);
  // In English, as the integration tests run it, unless a test reads what staff read (zh).
  const env = { ...process.env, LINXUAN_LANG: lang };
  const child = spawn(binary, ["serve", "--root", root, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"], env });
  children.add(child);
  let out = "";
  let err = "";
  child.stderr.setEncoding("utf8").on("data", (d) => (err += d));
  const stop = () =>
    new Promise((resolve) => {
      children.delete(child);
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", resolve);
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`linxuan serve printed no URL in ${timeout} ms; stderr:\n${err}`));
    }, timeout);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`linxuan serve exited (${code}); stderr:\n${err}`));
    });
    child.stdout.setEncoding("utf8").on("data", (d) => {
      out += d;
      const m =
        out.match(/^serving .* at (http:\/\/127\.0\.0\.1:\d+)(\/\S*) \(Ctrl-C to stop\)$/m) ||
        out.match(/^正在预览 .*：(http:\/\/127\.0\.0\.1:\d+)(\/\S*?)（按 Ctrl-C 停止）$/m);
      if (m && timer) {
        clearTimeout(timer);
        resolve({ origin: m[1], url: m[1] + m[2], pid: child.pid, stdout: () => out, stderr: () => err, stop });
      }
    });
  });
}

/**
 * Makes every document of `context` record, in sessionStorage (kept across reloads of the
 * tab), when its live-reload message arrived, as milliseconds since the epoch
 * (performance.timeOrigin + performance.now(), as in Node), and set `window.__sseOpen` once
 * its EventSource is open.
 */
export async function recordReloads(context) {
  await context.addInitScript(() => {
    const now = () => performance.timeOrigin + performance.now();
    const Original = window.EventSource;
    window.EventSource = function (url, options) {
      const source = new Original(url, options);
      // Added before live.js adds its own, so this runs first, just before the reload.
      source.addEventListener("open", () => {
        window.__sseOpen = true;
      });
      source.addEventListener("reload", () => sessionStorage.setItem("reloadAt", String(now())));
      return source;
    };
    window.EventSource.prototype = Original.prototype;
  });
}

/** Replaces line `line` (1-based) of the CSV, writing the whole file at once as an editor does. */
export function editCsvLine(root, line, edit) {
  const file = path.join(root, CSV);
  const lines = readFileSync(file, "utf8").split("\n");
  lines[line - 1] = edit(lines[line - 1]);
  writeFileSync(file, lines.join("\n"));
}

/** Sets cell `column` of CSV line `line` (cells without commas or quotes). */
export function setCell(root, line, column, value) {
  editCsvLine(root, line, (text) => {
    const cells = text.split(",");
    cells[column] = value;
    return cells.join(",");
  });
}

/** Cell `column` of CSV line `line`. */
export function cell(root, line, column) {
  return readFileSync(path.join(root, CSV), "utf8").split("\n")[line - 1].split(",")[column];
}

/**
 * One edit timed on an open, instrumented page whose live-reload connection is open: `write`
 * changes the sources; the reloaded page shows the change when the first element matching
 * `selector` holds `text`.
 * Returns { toMessage, toReady, toLoad }: milliseconds from just before the write to the reload
 * message in the page, to the new page's DOMContentLoaded and to its load event.
 */
export async function timeEdit(page, { write, selector, text, timeout = 30_000, what = `a reload showing ${text}` }) {
  // A reload still on its way from an earlier edit (a loaded machine) may replace the page
  // while it is being marked: mark the page that stays.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.evaluate(() => {
        window.__marker = true;
        sessionStorage.removeItem("reloadAt");
      });
      break;
    } catch (error) {
      if (attempt === 3 || !/context was destroyed/.test(String(error))) throw error;
      await page.waitForLoadState("load");
    }
  }
  const written = performance.timeOrigin + performance.now();
  write();
  await until(
    page,
    ([selector, text]) => window.__marker !== true && document.readyState === "complete" && Boolean(document.querySelector(selector)?.textContent.includes(text)),
    [selector, text],
    { timeout, what },
  );
  const { reloadAt, ready, load, start, firstByte, lastByte } = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return {
      reloadAt: Number(sessionStorage.getItem("reloadAt")),
      ready: performance.timeOrigin + nav.domContentLoadedEventEnd,
      load: performance.timeOrigin + nav.loadEventEnd,
      start: performance.timeOrigin,
      firstByte: performance.timeOrigin + nav.responseStart,
      lastByte: performance.timeOrigin + nav.responseEnd,
    };
  });
  if (!(reloadAt > written)) throw new Error(`${what}: the reload message did not arrive after the write`);
  // Let the new page's EventSource open before the next edit.
  await until(page, () => window.__sseOpen === true, null, { timeout, what: "the reloaded page's connection" });
  // Also where the reload's time went: the new page's navigation start, its first and last
  // byte from the server.
  return {
    toMessage: reloadAt - written, toReady: ready - written, toLoad: load - written,
    toStart: start - written, toFirstByte: firstByte - written, toLastByte: lastByte - written,
  };
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
