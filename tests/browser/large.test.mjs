// A table longer than the notice page holds (the generated long-table site, LONG_ROWS rows):
// the page lists the first 200 and says where the rest are; with JavaScript the filter loads
// every row from search/table.json and filters and sorts all of them, keeping the page's own
// rows for the unfiltered view and listing the first 200 matches of a filter, more on request.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { startSite, parseCsv, parseLevels, countText, levelBox, textInput, until } from "./harness.mjs";
import { LONG_ROWS, longSite } from "../fixtures/sites.mjs";

const TOTAL = LONG_ROWS;
const IN_PAGE = 200;
// Rows the filter lists at a time (filter.js's ROWS_STEP).
const STEP = 200;

let site;
let rows;

before(async () => {
  const { root, site: built } = longSite();
  rows = parseCsv(readFileSync(path.join(root, "data/occupations.csv"), "utf8")).slice(1).map(([seq, name, code, levels, count]) => ({
    seq: Number(seq), name, code, levels: parseLevels(levels), count: Number(count),
  }));
  assert.equal(rows.length, TOTAL);
  site = await startSite({ built });
});

afterEach(() => {
  assert.deepEqual(site.foreignRequests(), [], "a request left 127.0.0.1");
  assert.deepEqual(site.errors, [], "a page threw");
});

after(async () => {
  if (site) await site.close();
});

const bodyRows = (page) => page.locator("table.occupations tbody tr");
// The count says `text` and every row of the view is in the table (a new view's rows after its
// first frame's come a frame later, the table aria-busy until then).
const listed = (page, text) => until(page, (t) => document.querySelector("[data-filter-count]").textContent === t &&
  !document.querySelector("table.occupations").hasAttribute("aria-busy"), text);
const codesShown = (page) => page.$$eval("table.occupations tbody tr", (trs) => trs.map((tr) => tr.querySelector(".code").textContent));

test("without JavaScript the notice lists the first rows and links every level and category", async () => {
  const page = await site.newPage({ javaScriptEnabled: false });
  await page.goto(site.url());
  assert.equal(await bodyRows(page).count(), IN_PAGE);
  const note = page.locator("[data-table-data]");
  assert.match(await note.innerText(), new RegExp(`汇总表共 ${TOTAL} 个职业（工种），这里列出前 ${IN_PAGE} 个`));
  await note.getByRole("link", { name: "按等级" }).click();
  await page.locator('#by-level a[href$="/levels/3/"]').click();
  assert.match(page.url(), /\/levels\/3\/$/);
  const inLevel3 = rows.filter((r) => r.levels.includes(3)).length;
  assert.equal(await bodyRows(page).count(), 200);
  const pager = page.getByRole("navigation", { name: `分页（第 1 页，共 ${Math.ceil(inLevel3 / 200)} 页）` });
  await pager.getByRole("link", { name: "下一页" }).click();
  assert.match(page.url(), /\/levels\/3\/page\/2\/$/);
});

test("with JavaScript the filter works over every row of the table", async () => {
  const page = await site.newPage();
  // Every table row taken out of the page, from the first one parsed on.
  await page.addInitScript(() => {
    window.rowsRemoved = 0;
    new MutationObserver((records) => {
      for (const r of records) window.rowsRemoved += [...r.removedNodes].filter((n) => n.nodeName === "TR").length;
    }).observe(document, { childList: true, subtree: true });
  });
  const loaded = page.waitForResponse((r) => r.url().endsWith("/search/table.json"));
  await page.goto(site.url());
  await loaded;
  await page.locator("#filter-form").waitFor({ state: "visible" });
  assert.equal(await countText(page), `符合 ${TOTAL} / ${TOTAL} 个职业，列出前 ${IN_PAGE} 个`);
  assert.equal(await page.locator("[data-table-data]").isVisible(), false, "the note goes once every row is there");
  assert.equal(await bodyRows(page).count(), IN_PAGE);
  assert.equal(await page.evaluate(() => window.rowsRemoved), 0, "the unfiltered view keeps the page's own rows");
  assert.ok(site.requests.some((u) => u.endsWith("/assets/filter-data.js")), "the data's reader is loaded with the data");

  const more = page.locator("button.table-more");
  assert.equal(await more.innerText(), `再列出 ${STEP} 个（还有 ${TOTAL - IN_PAGE} 个）`);
  for (let n = IN_PAGE + STEP; n < TOTAL + STEP; n += STEP) {
    await more.click();
    await until(page, (want) => document.querySelectorAll("table.occupations tbody tr").length === want, Math.min(n, TOTAL));
  }
  assert.equal(await more.isVisible(), false);
  assert.equal(await page.evaluate(() => window.rowsRemoved), 0, "再列出 only adds rows");
  assert.deepEqual(await codesShown(page), rows.map((r) => r.code), "every row, in 序号 order");

  // A row far past the first 200, found by its code without dashes.
  const late = rows[TOTAL - 7];
  await textInput(page).fill(late.code.replaceAll("-", ""));
  await until(page, (code) => [...document.querySelectorAll("table.occupations tbody tr .code")].some((td) => td.textContent === code), late.code);
  const link = page.locator("table.occupations tbody tr th a").first();
  assert.equal(await link.getAttribute("href"), new URL(`occupations/${late.code}/`, site.base).pathname);

  // A level: as many as the data says, the first STEP listed, then STEP more.
  await textInput(page).fill("");
  await levelBox(page, 1).check();
  const inLevel1 = rows.filter((r) => r.levels.includes(1));
  await listed(page,
    `符合 ${inLevel1.length} / ${TOTAL} 个职业，列出前 ${STEP} 个`);
  assert.deepEqual(await codesShown(page), inLevel1.slice(0, STEP).map((r) => r.code));
  assert.equal(await more.innerText(), `再列出 ${STEP} 个（还有 ${inLevel1.length - STEP} 个）`);
  await more.click();
  await listed(page,
    `符合 ${inLevel1.length} / ${TOTAL} 个职业，列出前 ${2 * STEP} 个`);
  assert.deepEqual(await codesShown(page), inLevel1.slice(0, 2 * STEP).map((r) => r.code));
});

test("the long table is laid out as a reader nears it, and prints whole", async () => {
  const page = await site.newPage();
  await page.goto(site.url());
  await page.locator("#filter-form").waitFor({ state: "visible" });
  // The browser may skip the rows while they are far from the viewport (content-visibility),
  // and lays them out once a reader comes to them: the page's own rows, then a filtered view.
  const wrap = page.locator(".table-wrap");
  assert.equal(await wrap.evaluate((el) => getComputedStyle(el).contentVisibility), "auto");
  const reachable = async () => {
    await wrap.evaluate((el) => el.scrollIntoView());
    await until(page, () => document.querySelector("table.occupations tbody tr").checkVisibility({ contentVisibilityAuto: true }),
      undefined, { what: "the first row laid out once in view" });
    const link = page.locator("table.occupations tbody tr th a").first();
    const box = await link.boundingBox();
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y).closest("a")?.getAttribute("href"),
      [box.x + box.width / 2, box.y + box.height / 2]);
    assert.equal(hit, await link.getAttribute("href"), "the row's link is where it is drawn");
  };
  await reachable();
  await page.evaluate(() => window.scrollTo(0, 0));
  await levelBox(page, 1).check();
  await until(page, () => document.querySelector("[data-filter-count]").textContent.includes("列出前"));
  await reachable();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.emulateMedia({ media: "print" });
  assert.equal(await wrap.evaluate((el) => getComputedStyle(el).contentVisibility), "visible", "printing lays out every row");
  // A level page's table is at the top of its page: nothing to put off there.
  await page.emulateMedia({ media: "screen" });
  await page.goto(site.url("levels/3/"));
  assert.equal(await page.locator(".table-wrap").evaluate((el) => getComputedStyle(el).contentVisibility), "visible");
});

test("a new view shows its first rows at once and the rest a frame later, the columns unmoved", async () => {
  const page = await site.newPage();
  await page.goto(site.url());
  await page.locator("#filter-form").waitFor({ state: "visible" });
  await page.locator(".table-wrap").evaluate((el) => el.scrollIntoView());
  const inLevel2 = rows.filter((r) => r.levels.includes(2));
  const steps = await page.evaluate(async () => {
    const table = document.querySelector("table.occupations");
    const state = () => ({
      rows: table.tBodies[0].rows.length,
      busy: table.getAttribute("aria-busy"),
      widths: Array.from(table.tHead.rows[0].cells, (th) => Math.round(th.getBoundingClientRect().width)),
    });
    const before = state();
    const box = document.querySelector('input[name="level"][value="2"]');
    box.checked = true;
    box.dispatchEvent(new Event("change", { bubbles: true }));
    const first = state();
    while (table.hasAttribute("aria-busy")) await new Promise((r) => requestAnimationFrame(r));
    return { before, first, after: state() };
  });
  assert.equal(steps.first.rows, 40, "the first frame's rows");
  assert.equal(steps.first.busy, "true");
  assert.equal(steps.after.rows, STEP);
  assert.equal(steps.after.busy, null);
  assert.deepEqual(steps.first.widths, steps.before.widths, "a new view keeps the columns' widths");
  assert.deepEqual(steps.after.widths, steps.first.widths, "so do the rows added after the first frame");
  assert.deepEqual(await codesShown(page), inLevel2.slice(0, STEP).map((r) => r.code));

  // A change before the rest has come drops it: the table shows the newer view only.
  await page.evaluate(() => {
    const one = document.querySelector('input[name="level"][value="1"]');
    one.checked = true;
    one.dispatchEvent(new Event("change", { bubbles: true }));
    document.querySelector('input[name="level"][value="1"]').click();
  });
  await listed(page, `符合 ${inLevel2.length} / ${TOTAL} 个职业，列出前 ${STEP} 个`);
  assert.deepEqual(await codesShown(page), inLevel2.slice(0, STEP).map((r) => r.code));
});

test("sorting orders the whole table, not only the rows in the page", async () => {
  const page = await site.newPage();
  await page.goto(site.url("?sort=-count"));
  await page.locator("#filter-form").waitFor({ state: "visible" });
  await listed(page, `符合 ${TOTAL} / ${TOTAL} 个职业，列出前 ${STEP} 个`);
  const byCount = [...rows].sort((a, b) => b.count - a.count || a.seq - b.seq);
  assert.deepEqual(await codesShown(page), byCount.slice(0, STEP).map((r) => r.code));
  assert.equal(await page.locator("th[aria-sort=descending]").count(), 1);
});

test("a notice template without the reader's script line still filters: filter.js loads the reader", async () => {
  const page = await site.newPage();
  // The notice as a site's own older copy of the template writes it: no filter-data.js line.
  let stripped = false;
  await page.route(site.url(), async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    const body = html.replace(/<link rel="modulepreload" href="[^"]*\/filter-data\.js">/, "");
    stripped = body !== html;
    await route.fulfill({ response, body });
  });
  await page.goto(site.url());
  assert.ok(stripped, "the page had the reader's script line to take out");
  await page.locator("#filter-form").waitFor({ state: "visible" });
  await levelBox(page, 1).check();
  const inLevel1 = rows.filter((r) => r.levels.includes(1));
  await listed(page,
    `符合 ${inLevel1.length} / ${TOTAL} 个职业，列出前 ${STEP} 个`);
  assert.deepEqual(await codesShown(page), inLevel1.slice(0, STEP).map((r) => r.code));
});
