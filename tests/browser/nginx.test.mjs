// The site as a real host serves it: nginx (Debian package) with deploy/nginx.conf, the site
// built for http://127.0.0.1:<port>/rsj/linxuan/. Pages load under the sub-path with no failing,
// foreign or CSP-blocked request; precompressed .gz files are sent as they are; MIME types,
// charsets, caching headers, the 404 page, no folder listings; the filter and search work.
// Without nginx these tests fail, or skip when LINXUAN_SKIP_MISSING=1.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { gunzipSync } from "node:zlib";
import { countText, expectedCodes, levelBox, readOccupations, visibleCodes } from "./harness.mjs";
import { DEPLOY_CONF, NGINX_SUB_PATH, deployConfig, findNginx, testConfig, useNginxSite } from "./nginx.mjs";

const site = useNginxSite();
const skip = site.skip;
const occupations = readOccupations();

const PAGES = [
  ["notice", ""],
  ["occupation", "occupations/4-10-01-03/"],
  ["level", "levels/1/"],
  ["category (大类)", "categories/4/"],
  ["category (中类)", "categories/4-10/"],
  ["form (附件2)", "forms/application/"],
  ["form (附件3)", "forms/commitment/"],
  ["search", "search/?q=bys"],
  ["updates", "updates/"],
];

/** Files under the built site, relative, with `/`. */
function builtFiles(dir = site.publicDir) {
  return readdirSync(dir, { recursive: true })
    .map((f) => String(f).split(path.sep).join("/"))
    .filter((f) => statSync(path.join(dir, f)).isFile())
    .sort();
}

test("deploy/nginx.conf passes `nginx -t` as shipped and after the documented substitutions", { skip }, () => {
  const nginx = findNginx();
  const dir = mkdtempSync(path.join(tmpdir(), "linxuan-nginx-t-"));
  try {
    const shipped = testConfig(nginx, dir, readFileSync(DEPLOY_CONF, "utf8"));
    assert.ok(shipped.ok, shipped.output);
    const substituted = deployConfig({ port: site.port, publicDir: site.publicDir });
    assert.match(substituted, new RegExp(`listen 127\\.0\\.0\\.1:${site.port};`));
    assert.ok(!substituted.includes("/srv/linxuan/public/"));
    const directives = substituted.replace(/#.*$/gm, "");
    assert.ok(!/listen\s+(\[::\]:)?80;/.test(directives));
    assert.ok(substituted.includes(`location ${NGINX_SUB_PATH} {`));
    const tested = testConfig(nginx, dir, substituted);
    assert.ok(tested.ok, tested.output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("every page type loads under the sub-path: status 200, its CSS and scripts, no failing, foreign or CSP-blocked request", { skip }, async () => {
  const page = await site.newPage({ width: 1280 });
  for (const [type, p] of PAGES) {
    const before = site.requests.length;
    const response = await page.goto(site.url(p));
    assert.equal(response.status(), 200, type);
    assert.equal(response.headers()["content-type"], "text/html; charset=utf-8", type);
    // A strict Content-Security-Policy (no inline script or style, own origin only) is in force.
    assert.match(response.headers()["content-security-policy"] || "", /default-src 'self'/, type);
    await page.waitForLoadState("networkidle");
    const own = site.requests.slice(before);
    assert.ok(own.every((u) => u.startsWith(site.base)), `${type}: everything under ${NGINX_SUB_PATH}: ${own}`);
    assert.ok(own.some((u) => u.endsWith("/assets/site.css")) && own.some((u) => u.endsWith("/assets/site.js")), type);
    // The stylesheet applied: the banner is the accent red.
    const banner = await page.$eval(".site-banner", (el) => getComputedStyle(el).backgroundColor);
    assert.equal(banner, "rgb(158, 27, 27)", type);
    assert.deepEqual(site.problems, [], type);
  }
  // nginx logged nothing worse than a notice.
  assert.doesNotMatch(site.errorLog(), /\[(error|crit|alert|emerg)\]/);
});

test("precompressed .gz files are sent as they are to browsers that accept gzip; others get the file", { skip }, async (t) => {
  const files = builtFiles();
  const gz = files.filter((f) => f.endsWith(".gz"));
  if (gz.length === 0) {
    t.skip("the build writes no .gz files yet: Content-Encoding not checked");
    return;
  }
  const cases = [
    ["", "index.html"],
    ["occupations/4-10-01-03/", "occupations/4-10-01-03/index.html"],
    ["assets/site.css", "assets/site.css"],
    ["assets/site.js", "assets/site.js"],
    ["assets/search.js", "assets/search.js"],
    ["search/index.json", "search/index.json"],
    ["downloads/occupations.csv", "downloads/occupations.csv"],
    ["downloads/occupations.json", "downloads/occupations.json"],
    ["sitemap.xml", "sitemap.xml"],
    ["atom.xml", "atom.xml"],
  ];
  for (const [url, file] of cases) {
    const raw = readFileSync(path.join(site.publicDir, file));
    if (!existsSync(path.join(site.publicDir, file + ".gz"))) {
      // Small files get no copy (under 64 KiB): nginx compresses them on the fly.
      assert.ok(raw.length < 64 * 1024, `${file} (${raw.length} bytes) has a .gz copy`);
      const onTheFly = await site.request(url, { headers: { "accept-encoding": "gzip" } });
      assert.equal(onTheFly.status, 200, url);
      if (raw.length >= 512) {
        assert.equal(onTheFly.headers["content-encoding"], "gzip", `${url}: compressed on the fly`);
        assert.ok(gunzipSync(onTheFly.body).equals(raw), `${url}: compressed on the fly from ${file}`);
      }
      continue;
    }
    const packed = readFileSync(path.join(site.publicDir, file + ".gz"));
    const zipped = await site.request(url, { headers: { "accept-encoding": "gzip" } });
    assert.equal(zipped.status, 200, url);
    assert.equal(zipped.headers["content-encoding"], "gzip", url);
    assert.match(zipped.headers.vary || "", /Accept-Encoding/i, url);
    assert.ok(zipped.body.equals(packed), `${url}: the bytes of ${file}.gz`);
    assert.equal(Number(zipped.headers["content-length"]), packed.length, `${url}: a static file, not compressed on the fly`);
    assert.ok(gunzipSync(zipped.body).equals(raw), `${url}: ${file}.gz holds ${file}`);
    const plain = await site.request(url);
    assert.equal(plain.headers["content-encoding"], undefined, url);
    assert.ok(plain.body.equals(raw), `${url}: without Accept-Encoding, the file itself`);
  }
  t.diagnostic(`${gz.length} .gz files in the build`);
});

test("MIME types and charsets", { skip }, async () => {
  const downloads = builtFiles().filter((f) => f.startsWith("downloads/") && !f.endsWith(".gz"));
  const want = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  };
  const urls = ["", "404.html", "assets/site.css", "assets/site.js", "assets/vendor/elasticlunr.min.js", "search/index.json", "sitemap.xml", "robots.txt", ...downloads];
  for (const ext of [".docx", ".xlsx", ".csv", ".json"]) assert.ok(downloads.some((d) => d.endsWith(ext)), `a ${ext} download`);
  for (const url of urls) {
    const ext = url === "" ? ".html" : path.extname(url);
    const r = await site.request(url, { method: "HEAD", headers: { "accept-encoding": "gzip" } });
    assert.equal(r.status, 200, url);
    assert.equal(r.headers["content-type"], want[ext], url);
    assert.equal(r.headers["x-content-type-options"], "nosniff", url);
  }
  const feed = await site.request("atom.xml", { method: "HEAD" });
  assert.equal(feed.headers["content-type"], "application/xml; charset=utf-8", "atom.xml is XML (.atom files would be application/atom+xml)");
});

test("caching: pages and data revalidate, /assets/ is kept, versioned assets for a year", { skip }, async () => {
  for (const url of ["", "occupations/4-10-01-03/", "search/index.json", "downloads/occupations.csv", "sitemap.xml"]) {
    const r = await site.request(url);
    assert.equal(r.headers["cache-control"], "no-cache", url);
    assert.ok(r.headers.etag && r.headers["last-modified"], `${url}: validators`);
    const again = await site.request(url, { headers: { "if-none-match": r.headers.etag } });
    assert.equal(again.status, 304, `${url}: revalidation is a 304`);
  }
  for (const url of ["assets/site.css", "assets/filter.js", "assets/vendor/elasticlunr.min.js"]) {
    const r = await site.request(url);
    assert.equal(r.headers["cache-control"], "public, max-age=86400", url);
    const versioned = await site.request(url + "?v=1a2b3c4d");
    assert.equal(versioned.headers["cache-control"], "public, max-age=31536000, immutable", url);
    assert.ok(versioned.body.equals(r.body));
  }
  const missing = await site.request("no/such/page/");
  assert.equal(missing.headers["cache-control"], "no-cache", "the 404 page");
});

test("a missing URL gets the site's 404 page with status 404, styled, with working links", { skip }, async () => {
  for (const url of ["no/such/page/", "occupations/9-99-99-99/", "assets/nothing.css", "downloads/nothing.docx"]) {
    const r = await site.request(url, { headers: { "accept-encoding": "gzip" } });
    assert.equal(r.status, 404, url);
    assert.equal(r.headers["content-type"], "text/html; charset=utf-8", url);
    const body = r.headers["content-encoding"] === "gzip" ? gunzipSync(r.body) : r.body;
    assert.match(body.toString("utf8"), /<h1>页面未找到<\/h1>/, url);
  }
  const missing = site.url("no/such/deep/page/");
  const page = await site.newPage({ width: 375, expect404: [missing] });
  const response = await page.goto(missing);
  assert.equal(response.status(), 404);
  assert.match(await page.title(), /^页面未找到 - /);
  await page.waitForLoadState("networkidle");
  const banner = await page.$eval(".site-banner", (el) => getComputedStyle(el).backgroundColor);
  assert.equal(banner, "rgb(158, 27, 27)", "the stylesheet loads from the 404 page's odd depth");
  await page.getByRole("link", { name: "返回通知首页" }).click();
  await page.waitForURL(site.url(""));
  assert.equal(await page.locator("h1").first().textContent(), "社会评价组织再评估遴选");
  // The one expected failure is the page's own 404, which Chromium also logs to the console.
  const logged = site.problems.filter((p) => /^console error: Failed to load resource: .* 404/.test(p));
  assert.equal(logged.length, 1, "only the page itself was not found");
  assert.deepEqual(site.problems.filter((p) => !logged.includes(p)), []);
  site.problems.length = 0;
});

test("no folder listings, no hidden files; folders and the sub-path without their slash redirect", { skip }, async () => {
  for (const url of ["assets/", "assets/vendor/", "downloads/", "forms/", ".hidden", "assets/.site.css.swp"]) {
    const r = await site.request(url);
    assert.equal(r.status, 404, url);
    assert.match(r.body.toString("utf8"), /页面未找到/, url);
    assert.doesNotMatch(r.body.toString("utf8"), /Index of/, url);
  }
  // A shortened address above the lists is a page of its own.
  for (const url of ["occupations/", "levels/", "categories/"]) {
    const r = await site.request(url);
    assert.equal(r.status, 200, url);
    assert.match(r.body.toString("utf8"), /按等级浏览|按职业类别浏览/, url);
  }
  const bare = await site.request(NGINX_SUB_PATH.replace(/\/$/, ""));
  assert.equal(bare.status, 301);
  assert.equal(bare.headers.location, NGINX_SUB_PATH, "relative: keeps the reader's host and port");
  const folder = await site.request("levels/1");
  assert.equal(folder.status, 301);
  assert.equal(folder.headers.location, `${NGINX_SUB_PATH}levels/1/`);
  const page = await site.newPage();
  await page.goto(site.url("levels/1"));
  assert.equal(page.url(), site.url("levels/1/"));
  assert.match(await page.title(), /一级/);
});

test("the filter works behind nginx", { skip }, async () => {
  const page = await site.newPage({ width: 375 });
  await page.goto(site.url("?level=1&cat=4-10"));
  await page.locator("#filter-form").waitFor({ state: "visible" });
  assert.deepEqual(await visibleCodes(page), expectedCodes(occupations, { levels: [1], cat: "4-10" }));
  await levelBox(page, 2).check();
  const want = expectedCodes(occupations, { levels: [1, 2], cat: "4-10" });
  assert.deepEqual(await visibleCodes(page), want);
  assert.equal(await countText(page), `显示 ${want.length} / ${occupations.length} 个职业`);
  assert.ok(new URL(page.url()).pathname.startsWith(NGINX_SUB_PATH));
});

test("search works behind nginx: the header's suggestions and the search page", { skip }, async () => {
  const page = await site.newPage({ width: 1280 });
  const index = page.waitForResponse((r) => r.url().endsWith("/search/index.json"));
  await page.goto(site.url("occupations/4-03-02-01/"));
  await page.getByRole("combobox").fill("bys");
  const response = await index;
  assert.equal(response.status(), 200);
  // Its .gz copy, or (under 64 KiB) compressed on the fly: gzipped either way.
  assert.equal(response.headers()["content-encoding"], "gzip");
  const option = page.getByRole("option", { name: /保育师/ });
  await option.waitFor();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.waitForURL(site.url("occupations/4-10-01-03/"));
  assert.equal(await page.locator("h1").textContent(), "保育师");

  await page.goto(site.url("search/?q=baoyushi"));
  const first = page.locator("#search-results li a").first();
  await first.waitFor();
  assert.match(await first.textContent(), /保育师/);
  assert.equal(await first.getAttribute("href"), `${NGINX_SUB_PATH}occupations/4-10-01-03/`);
});

test("reading settings persist across pages behind nginx", { skip }, async () => {
  const page = await site.newPage({ width: 375 });
  await page.goto(site.url(""));
  await page.getByRole("button", { name: "特大", exact: true }).click();
  await page.getByRole("button", { name: "高对比度", exact: true }).click();
  await page.goto(site.url("forms/commitment/"));
  const html = await page.evaluate(() => [document.documentElement.dataset.textSize, document.documentElement.dataset.contrast]);
  assert.deepEqual(html, ["xlarge", "high"]);
});
