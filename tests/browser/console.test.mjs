// The staff console of `linxuan serve` in headless Chromium, in Chinese as staff read it: the
// preview's 工作台 link opens it; a new deadline picked in the form is written into config.toml
// (its comments and key order kept) and shown by the preview's notice; 发布 with a note builds
// the output folder and the zip package with the new deadline. Then a page of another local
// origin tries the console's POSTs, guessing the secret and not: every one is refused and
// config.toml stays as it was. Prints (never asserts) the console's weight and the time from
// the 发布 click to the package being ready.
//
// LINXUAN_CONSOLE_SITE=<site root> runs the same on a copy of that site (e.g. a 10,000-row
// one) instead of the shipped one; LINXUAN_SERVE_BIN=<binary> (e.g. target/release/linxuan)
// serves it with another build than the debug one.
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { inflateRawSync, gzipSync } from "node:zlib";
import { after, afterEach, before, test } from "node:test";
import { chromium } from "playwright-core";
import { BINARY, CHROMIUM, LAUNCH_ARGS, ROOT, until as pollPage } from "./harness.mjs";
import { startServe } from "./serve-harness.mjs";

/** Generous: a publication of a 10,000-row site with the debug binary on a loaded machine. */
const WAIT = 240_000;
const SITE_PARTS = ["config.toml", "data", "content", "templates", "static"];
const SOURCE = process.env.LINXUAN_CONSOLE_SITE ? path.resolve(process.env.LINXUAN_CONSOLE_SITE) : ROOT;
const SERVE_BIN = process.env.LINXUAN_SERVE_BIN ? path.resolve(ROOT, process.env.LINXUAN_SERVE_BIN) : BINARY;

let browser;
let server;
let root;
const contexts = [];
const pageErrors = [];

/**
 * A copy of the site in a fresh temporary folder, its example values replaced as a bureau
 * publishes it (what `publish`, strict, accepts; as tests/it's Fixture::publishable).
 */
function publishableCopy() {
  const tmp = mkdtempSync(path.join(tmpdir(), "linxuan-console-"));
  const site = path.join(tmp, "site");
  for (const part of SITE_PARTS) {
    if (existsSync(path.join(SOURCE, part))) cpSync(path.join(SOURCE, part), path.join(site, part), { recursive: true });
  }
  // The release records the essentials as published: with the same real values.
  for (const rel of ["config.toml", "data/releases/2026-01-01.toml"]) {
    const file = path.join(site, rel);
    const text = readFileSync(file, "utf8")
      .replaceAll("（示例）", "")
      .replaceAll("××", "某")
      .replaceAll("×", "1")
      .replaceAll("example.gov.cn", "linxuan.test")
      .replaceAll("0000000", "8765432");
    writeFileSync(file, text);
  }
  return site;
}

before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  root = publishableCopy();
  server = await startServe(root, { binary: SERVE_BIN, lang: "zh", timeout: 120_000 });
});
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close().catch(() => {});
  assert.deepEqual(pageErrors, [], "a page threw");
});
after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  if (root) rmSync(path.dirname(root), { recursive: true, force: true });
});

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: "zh-CN", serviceWorkers: "block" });
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  return page;
}

const until = (page, fn, arg, options = {}) => pollPage(page, fn, arg, { timeout: WAIT, ...options });

/** The keys of config.toml in order, and its comment lines. */
function keysAndComments(text) {
  const lines = text.split("\n");
  return {
    keys: lines.filter((l) => / = /.test(l)).map((l) => l.split(" = ")[0].trim()),
    comments: lines.filter((l) => l.startsWith("#")),
  };
}

/** The bytes of `name` in the zip file at `file` (central directory, stored or deflated). */
function unzipEntry(file, name) {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, "a zip file");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString("utf8", at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? data : inflateRawSync(data);
    }
    at += 46 + nameLength + extra + comment;
  }
  throw new Error(`${name} is not in ${file}`);
}

test("console: the deadline picked in the form reaches config.toml, the preview, the output folder and the package", async () => {
  const configFile = path.join(root, "config.toml");
  const before = readFileSync(configFile, "utf8");
  const page = await newPage();

  // The preview's pages link to the console.
  await page.goto(server.url);
  const link = page.locator("#linxuan-console");
  assert.equal(await link.textContent(), "工作台");
  await link.click();
  await page.waitForURL(server.origin + "/_linxuan/");
  await until(page, () => document.body.dataset.ready === "true", null, { timeout: 60_000, what: "the console's state" });
  assert.equal(await page.locator("h1").textContent(), "linxuan 工作台");
  assert.match(await page.locator("#problems .summary").textContent(), /个错误|没有发现问题/);

  // A new deadline, with the date and time pickers.
  await page.getByLabel("日期", { exact: true }).fill("2027-05-20");
  await page.getByLabel("时间", { exact: true }).fill("16:30");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await until(page, () => document.querySelector("#essentials .status").textContent.includes("已保存"), null, { timeout: 30_000, what: "the save" });
  const after = readFileSync(configFile, "utf8");
  assert.match(after, /\ndeadline = "2027-05-20 16:30"\n/);
  assert.deepEqual(keysAndComments(after), keysAndComments(before), "every comment and the keys' order are kept");
  const changed = before.split("\n").filter((line, i) => after.split("\n")[i] !== line);
  assert.equal(changed.length, 1, `one line changed: ${changed}`);

  // The preview's notice shows it, once rebuilt.
  await until(
    page,
    async (url) => {
      const reply = await fetch(url, { cache: "no-store" });
      return (await reply.text()).includes("2027年5月20日 16:30");
    },
    server.url,
    { timeout: 60_000, what: "the new deadline in the preview" },
  );
  const notice = await newPage();
  await notice.goto(server.url);
  assert.match(await notice.locator("body").textContent(), /2027年5月20日 16:30/);

  // 待发布的更改 says it as /updates/ will.
  const moved = "申报截止时间由 2026年3月31日 17:00 延长至 2027年5月20日 16:30";
  await until(page, (text) => document.querySelector("#pending").textContent.includes(text), moved, { timeout: 30_000, what: "the pending change" });

  // 发布, with a note.
  await page.getByLabel("发布说明（这次改了什么）").fill("申报截止时间改为 2027年5月20日 16:30");
  const clicked = Date.now();
  await page.getByRole("button", { name: "发布", exact: true }).click();
  await until(page, () => /done|failed/.test(document.querySelector("#publish .result").className), null, { what: "the publication" });
  const ready = Date.now();
  const result = page.locator("#publish .result");
  assert.match(await result.getAttribute("class"), /done/, await result.textContent());
  assert.match(await result.textContent(), /发布完成/);
  assert.deepEqual(await page.locator("#publish .stages li").evaluateAll((lis) => lis.map((li) => li.className)), ["done", "done", "done", "done"]);
  const pkg = await result.getAttribute("data-package");
  assert.ok(existsSync(pkg), pkg);
  const built = readFileSync(path.join(root, "public/index.html"), "utf8");
  assert.match(built, /2027年5月20日 16:30/, "the output folder has the new deadline");
  assert.match(unzipEntry(pkg, "index.html").toString("utf8"), /2027年5月20日 16:30/, "and so has the package");
  // The extension is announced beside the deadline, with its old value, and recorded.
  const extended = "截止时间已延长至 2027年5月20日 16:30（原为 2026年3月31日 17:00）";
  assert.ok(built.includes(extended), "the output folder says the deadline was extended");
  assert.ok(unzipEntry(pkg, "occupations/4-10-01-03/index.html").toString("utf8").includes(extended), "so does the package");
  assert.ok(unzipEntry(pkg, "updates/index.html").toString("utf8").includes(moved), "/updates/ records it");

  // What staff wait for, and what the console weighs.
  const serverMs = Number(await result.getAttribute("data-ms"));
  const weights = {};
  for (const [name, p] of [["html", "/_linxuan/"], ["js", "/_linxuan/app.js"], ["css", "/_linxuan/app.css"]]) {
    const body = Buffer.from(await page.evaluate(async (p) => (await fetch(p)).text(), p));
    weights[name] = { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  }
  const total = Object.values(weights).reduce((a, w) => ({ raw: a.raw + w.raw, gzip: a.gzip + w.gzip }), { raw: 0, gzip: 0 });
  console.log(
    `console (${path.basename(SOURCE)}, ${path.relative(ROOT, SERVE_BIN)}): 发布 click → package ready ${ready - clicked} ms (publish itself ${serverMs} ms), ` +
      `package ${await result.getAttribute("data-package-bytes")} bytes; ` +
      `weight ${JSON.stringify(weights)}, total ${total.raw} B raw, ${total.gzip} B gzip`,
  );
});

test("console: POSTs from a page of another local origin are refused, with or without a guessed secret", async () => {
  const configFile = path.join(root, "config.toml");
  const before = readFileSync(configFile);
  const target = server.origin;
  const runs = await publications();
  // The attacker's page, served from another port of the same machine.
  const evil = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!DOCTYPE html><html><body><script>
      const target = ${JSON.stringify(target)};
      const form = { version: "guess", values: { deadline: "2031-01-01 09:00" } };
      const results = {};
      async function attempt(name, request) {
        try {
          const reply = await request();
          results[name] = reply.type === "opaque" ? "opaque" : reply.status;
        } catch (e) {
          results[name] = "blocked";
        }
      }
      (async () => {
        for (const [name, path, body] of [["essentials", "/_linxuan/essentials", form], ["publish", "/_linxuan/publish", { note: "x" }]]) {
          // With a guessed secret: the header needs a preflight, which gets no CORS answer.
          await attempt(name + " guessed", () => fetch(target + path, {
            method: "POST",
            headers: { "content-type": "application/json", "x-linxuan-token": "0".repeat(64) },
            body: JSON.stringify(body),
          }));
          // Without one, as a simple request that needs no preflight: sent, and refused.
          await attempt(name + " simple", () => fetch(target + path, {
            method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body: JSON.stringify(body),
          }));
        }
        await attempt("state", () => fetch(target + "/_linxuan/state"));
        await attempt("page", () => fetch(target + "/_linxuan/"));
        window.results = results;
      })();
    </script></body></html>`);
  });
  await new Promise((resolve) => evil.listen(0, "127.0.0.1", resolve));
  try {
    const page = await newPage();
    const answers = [];
    page.on("response", (r) => {
      if (r.url().startsWith(target)) answers.push([r.request().method(), new URL(r.url()).pathname, r.status()]);
    });
    await page.goto(`http://127.0.0.1:${evil.address().port}/`);
    const results = await until(page, () => window.results, null, { timeout: 30_000, what: "the attempts" });
    assert.deepEqual(results, {
      "essentials guessed": "blocked",
      "essentials simple": "opaque",
      "publish guessed": "blocked",
      "publish simple": "opaque",
      state: "blocked",
      page: "blocked",
    });
    // What reached the server was refused there.
    const posts = answers.filter(([method]) => method === "POST");
    assert.ok(posts.length >= 2, JSON.stringify(answers));
    for (const [, p, status] of posts) assert.equal(status, 403, p);
  } finally {
    await new Promise((resolve) => evil.close(resolve));
  }
  assert.ok(readFileSync(configFile).equals(before), "config.toml unchanged");
  assert.equal(await publications(), runs, "no publication started");
});

/** How many publications the console has started, as its page says. */
async function publications() {
  const page = await newPage();
  await page.goto(server.origin + "/_linxuan/");
  await until(page, () => document.body.dataset.ready === "true", null, { timeout: 60_000, what: "the console" });
  return page.locator("#publish .result").getAttribute("data-run");
}
