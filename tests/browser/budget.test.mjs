// The notice page stays small and self-contained: HTML + CSS + JS ≤ 40 KB gzipped (the search
// index, fetched only when searching, is excluded), and no request leaves 127.0.0.1.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { artifactPath, levelBox, openNotice, useSite } from "./harness.mjs";

const site = useSite();
const BUDGET = 40 * 1024;

test("the notice page's HTML, CSS and JS are at most 40 KB gzipped", async (t) => {
  const page = await site.newPage();
  const loaded = [];
  page.on("response", async (r) => {
    const type = r.request().resourceType();
    if (["document", "stylesheet", "script"].includes(type)) loaded.push(r);
  });
  await openNotice(site, page);
  await page.waitForLoadState("networkidle");
  const rows = [];
  for (const r of loaded) {
    const body = await r.body();
    rows.push({
      url: r.url().slice(site.origin.length),
      type: r.request().resourceType(),
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
    });
  }
  const total = rows.reduce((n, r) => n + r.gzip, 0);
  const raw = rows.reduce((n, r) => n + r.raw, 0);
  const report = rows.map((r) => `${r.type.padEnd(10)} ${String(r.raw).padStart(7)} B  ${String(r.gzip).padStart(6)} B gz  ${r.url}`);
  report.push(`total      ${String(raw).padStart(7)} B  ${String(total).padStart(6)} B gz  (budget ${BUDGET} B)`);
  for (const line of report) t.diagnostic(line);
  writeFileSync(artifactPath("notice-size.txt"), report.join("\n") + "\n");
  assert.ok(rows.some((r) => r.url.endsWith("/assets/filter.js")), "filter.js was loaded");
  assert.ok(rows.some((r) => r.url.endsWith("/assets/filter.css")), "filter.css was loaded");
  assert.ok(total <= BUDGET, `${total} B gzipped > ${BUDGET} B`);
});

test("no request leaves 127.0.0.1 while the page is used", async () => {
  const page = await site.newPage({ width: 375 });
  await openNotice(site, page, "?level=1");
  await levelBox(page, 2).check();
  await page.getByRole("button", { name: "职业（工种）", exact: true }).click();
  await page.locator("[data-filter-browse] summary").click();
  await page.waitForLoadState("networkidle");
  const own = site.requests.filter((u) => u.startsWith(site.origin + "/sub/"));
  assert.ok(own.length >= 4, "the page, its CSS and its scripts were requested");
  assert.deepEqual(site.foreignRequests(), []);
  // And the server saw nothing outside the sub-path.
  assert.deepEqual(site.served.filter((u) => !u.startsWith("/sub/")), []);
});
