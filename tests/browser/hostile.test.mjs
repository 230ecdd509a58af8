// A site built from hostile sources runs no script: HTML and script in table cells, front
// matter, Markdown and config appear as text, in pages, attributes, search results and the
// filter, and every alert/console hook stays silent.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, startSite } from "./harness.mjs";

const HOSTILE = [
  "<img src=x onerror=alert(1)>",
  "</script><script>alert(2)</script>",
  "\"><svg onload=alert(3)>",
  "javascript:alert(4)",
];

let site;
let dir;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "linxuan-hostile-"));
  for (const part of ["config.toml", "data", "content"]) cpSync(path.join(ROOT, part), path.join(dir, part), { recursive: true });
  // A site not yet released: its edits build without a release recording them.
  rmSync(path.join(dir, "data/releases"), { recursive: true, force: true });
  const csv = readFileSync(path.join(dir, "data/occupations.csv"), "utf8").split("\n");
  // Rows 2–5 get hostile names (quoted where they hold commas or quotes).
  HOSTILE.forEach((name, i) => {
    const cells = csv[i + 1].split(",");
    cells[1] = `"${name.replaceAll('"', '""')}"`;
    csv[i + 1] = cells.join(",");
  });
  writeFileSync(path.join(dir, "data/occupations.csv"), csv.join("\n"));
  writeFileSync(
    path.join(dir, "content/_index.md"),
    `+++\ntitle = "通知<script>alert(5)</script>"\n+++\n\n正文<img src=x onerror=alert(6)>\n\n[点我](javascript:alert(7)) <iframe src="https://example.com"></iframe>\n`,
  );
  const config = readFileSync(path.join(dir, "config.toml"), "utf8").replace(/^title = .*$/m, 'title = "站点<b onmouseover=alert(8)>"');
  writeFileSync(path.join(dir, "config.toml"), config);
  site = await startSite({ root: dir });
});

after(async () => {
  if (site) await site.close();
  rmSync(dir, { recursive: true, force: true });
});

async function hookedPage() {
  const page = await site.newPage();
  await page.addInitScript(() => {
    window.__fired = [];
    for (const name of ["alert", "confirm", "prompt"]) window[name] = (...a) => window.__fired.push([name, ...a]);
    for (const name of ["log", "warn", "error", "info"]) {
      const original = console[name];
      console[name] = (...a) => { window.__fired.push(["console." + name, ...a.map(String)]); original.apply(console, a); };
    }
  });
  page.on("dialog", (d) => { d.dismiss(); throw new Error("a dialog opened: " + d.message()); });
  return page;
}

test("pages show hostile text as text and run none of it", async () => {
  const page = await hookedPage();
  const urls = ["", "occupations/4-10-01-03/", "occupations/4-10-01-05/", "occupations/4-10-01-06/", "levels/1/", "categories/4-10/", "search/", "updates/"];
  for (const u of urls) {
    await page.goto(site.url(u));
    await page.waitForLoadState("load");
    assert.deepEqual(await page.evaluate(() => window.__fired), [], `${u}: a hook fired`);
    assert.equal(await page.locator("img[src=x], svg[onload], iframe, script:not([src])").count(), 0, `${u}: injected elements exist`);
  }
  for (const [code, name] of [["4-10-01-03", HOSTILE[0]], ["4-10-01-05", HOSTILE[1]], ["4-10-01-06", HOSTILE[2]]]) {
    await page.goto(site.url(`occupations/${code}/`));
    assert.equal((await page.locator("h1").textContent()).trim(), name);
  }
  await page.goto(site.url(""));
  assert.ok((await page.locator("h1").textContent()).includes("<script>alert(5)</script>"));
  assert.ok((await page.locator(".prose").textContent()).includes("<img src=x onerror=alert(6)>"));
  const hrefs = await page.locator(".prose a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(hrefs.every((h) => !/^javascript:/i.test(h)), hrefs.join(" "));
});

test("search results and the filter render hostile names as text", async () => {
  const page = await hookedPage();
  await page.goto(site.url("search/?q=" + encodeURIComponent("onerror")));
  await page.waitForSelector("#search-results li");
  assert.ok((await page.locator("#search-results").textContent()).includes(HOSTILE[0]));
  await page.goto(site.url(""));
  await page.fill("#site-search-q", "script");
  await page.waitForSelector(".search-suggestions li");
  await page.goto(site.url("?q=" + encodeURIComponent("onload")));
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__fired), []);
  assert.equal(await page.locator("img[src=x], svg[onload]").count(), 0);
});
