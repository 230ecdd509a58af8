// A notice people can act on, on a phone: the deadline countdown against fixed clocks (before,
// on and after the deadline), tap targets of at least 44 × 44 px at 375 px, the header at 特大
// leaving the first screen to the page, no request answered 404 on any page type, and search
// without JavaScript pointing at the table, and no Ctrl+F hint on a touch screen.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readForms, readOccupations, useSite } from "./harness.mjs";

const site = useSite();
const occupation = readOccupations()[0];
const form = readForms()[0];
const DAY = 24 * 60 * 60 * 1000;

/** The deadline the page states: its `datetime` (ISO with +08:00) and its instant. */
async function deadlineOf(page) {
  const iso = await page.locator("[data-deadline]").first().getAttribute("datetime");
  assert.match(iso, /^\d{4}-\d\d-\d\dT\d\d:\d\d\+08:00$/);
  return { iso, at: Date.parse(iso) };
}

/**
 * Opens `path` with the browser's clock fixed at each of `times` (ms) in turn, in one page;
 * returns the countdown texts.
 */
async function countdownsAt(path, times) {
  const page = await site.newPage({ width: 375, height: 740 });
  const texts = [];
  for (const time of times) {
    await page.clock.setFixedTime(new Date(time));
    await page.goto(site.url(path));
    const out = page.locator("[data-countdown]").first();
    await out.waitFor({ state: "visible" });
    texts.push(await out.textContent());
  }
  await page.close();
  return texts;
}

test("the deadline is in the page without script, and the browser counts down to it", async () => {
  const plain = await site.newPage({ width: 375, height: 740, javaScriptEnabled: false });
  await plain.goto(site.url());
  const { iso, at } = await deadlineOf(plain);
  const [date, time] = iso.slice(0, 16).split("T");
  const [y, m, d] = date.split("-").map(Number);
  assert.equal(await plain.locator("[data-deadline]").first().textContent(), `${y}年${m}月${d}日 ${time}`);
  assert.equal(await plain.locator("[data-countdown]").first().isVisible(), false, "no countdown without script");
  await plain.close();
  // The checks below need a deadline after 00:00 China time, so that a minute before it is the same day.
  assert.notEqual(time, "00:00");

  // The four pages at once, each in its own page.
  const paths = ["", `occupations/${occupation.code}/`, `forms/${form.slug}/`, `forms/${form.slug}/fill/`];
  const shown = await Promise.all(paths.map((path) => countdownsAt(path, [at - 10 * DAY, at - 60 * 1000, at, at + 3 * DAY])));
  for (const [i, path] of paths.entries()) {
    assert.deepEqual(shown[i], ["（还剩 10 天）", "（今天截止）", "（已截止）", "（已截止）"], path);
  }
});

test("a page left open says 已截止 at the hour and counts China's midnights without a reload", async () => {
  const page = await site.newPage({ width: 375, height: 740 });
  await page.goto(site.url());
  const { at } = await deadlineOf(page);
  // Half a minute before China's midnight, the day before the deadline's day.
  const midnight = Math.floor((at + 8 * 3_600_000) / DAY) * DAY - 8 * 3_600_000;
  await page.clock.install({ time: new Date(midnight - 30_000) });
  // A form's fill page: where an applicant may well stay across the hour.
  await page.goto(site.url(`forms/${form.slug}/fill/`));
  const out = page.locator("[data-countdown]").first();
  await out.waitFor({ state: "visible" });
  assert.equal(await out.textContent(), "（还剩 1 天）");
  await page.clock.runFor(31_000);
  assert.equal(await out.textContent(), "（今天截止）");
  await page.clock.fastForward(at - 60_000 - (midnight + 1_000));
  await page.clock.runFor(61_000);
  assert.equal(await out.textContent(), "（已截止）");
  assert.equal(await out.evaluate((el) => el.classList.contains("closed")), true);
  await page.close();
});

/** Bounding boxes of the visible elements matching `selector`. */
function boxes(page, selector) {
  return page.$$eval(selector, (els) =>
    els
      .filter((e) => e.checkVisibility())
      .map((e) => {
        const r = e.getBoundingClientRect();
        return { text: e.textContent.trim().slice(0, 16), x: r.x, y: r.y, w: r.width, h: r.height };
      }),
  );
}

function assertTappable(found, what) {
  assert.ok(found.length > 0, `${what}: some found`);
  for (const b of found) assert.ok(b.w >= 44 && b.h >= 44, `${what} "${b.text}" is ${b.w.toFixed(1)} × ${b.h.toFixed(1)} px`);
  // Space between them: no two overlap.
  for (const [i, a] of found.entries()) {
    for (const b of found.slice(i + 1)) {
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
      assert.ok(apart, `${what} "${a.text}" and "${b.text}" overlap`);
    }
  }
}

for (const size of ["中", "特大"]) {
  test(`tap targets are at least 44 × 44 px at 375 px (${size})`, async () => {
    const page = await site.newPage({ width: 375, height: 740 });
    await page.goto(site.url());
    await page.getByRole("button", { name: size, exact: true }).click();
    assertTappable(await boxes(page, ".site-nav a"), "navigation link");
    assertTappable(await boxes(page, ".reading-tools button"), "reading setting");
    assertTappable(await boxes(page, ".attachment-list a, .toc a"), "attachment or download link");
    assertTappable(await boxes(page, ".essentials a"), "phone or mailbox link");
    await page.goto(site.url(`forms/${form.slug}/`));
    assertTappable(await boxes(page, ".form-tools a"), "Word download link");
    await page.close();
  });
}

test("at 特大 on a phone the header leaves most of the first screen to the page", async () => {
  const height = 740;
  const page = await site.newPage({ width: 375, height });
  await page.goto(site.url());
  await page.getByRole("button", { name: "特大", exact: true }).click();
  await page.waitForFunction(() => document.documentElement.getAttribute("data-text-size") === "xlarge");
  const tops = new Set((await boxes(page, ".reading-tools button")).map((b) => Math.round(b.y)));
  assert.equal(tops.size, 1, "the reading settings fit one row");
  const mainTop = await page.$eval("main", (m) => m.getBoundingClientRect().top);
  assert.ok(mainTop <= height * 0.6, `the page starts at ${mainTop} px of ${height}`);
  const title = await page.$eval("main h1", (h) => h.getBoundingClientRect().bottom);
  assert.ok(title < height, "the notice's title is on the first screen");
  // The search box shows its whole placeholder.
  const fits = await page.$eval("#site-search-q", (input) => {
    const style = getComputedStyle(input);
    const ctx = document.createElement("canvas").getContext("2d");
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { text: ctx.measureText(input.placeholder).width, room };
  });
  assert.ok(fits.text <= fits.room, `placeholder ${fits.text.toFixed(1)} px in ${fits.room.toFixed(1)} px`);
  await page.close();
});

test("no request is answered 404 on any page type (favicon included)", async () => {
  const paths = [
    "",
    `occupations/${occupation.code}/`,
    "levels/1/",
    `categories/${occupation.code.split("-")[0]}/`,
    `forms/${form.slug}/`,
    "search/?q=baoyushi",
    "updates/",
  ];
  // Every page at once: each waits for its network to be idle for 500 ms, and those waits overlap.
  await Promise.all(
    paths.map(async (path) => {
      const page = await site.newPage({ width: 375, height: 740 });
      const failed = [];
      page.on("response", (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
      });
      await page.goto(site.url(path), { waitUntil: "load" });
      await page.waitForLoadState("networkidle");
      assert.deepEqual(failed, [], path || "/");
      const icon = await page.$eval('link[rel="icon"]', (l) => l.href);
      assert.ok(icon.startsWith(site.base), icon);
      await page.close();
    }),
  );
});

test("without JavaScript, search says it needs it and links to the table", async () => {
  const page = await site.newPage({ width: 375, height: 740, javaScriptEnabled: false });
  await page.goto(site.url("search/?q=baoyushi"));
  const note = page.locator(".search-nojs");
  await note.waitFor();
  assert.match(await note.textContent(), /需要浏览器启用 JavaScript/);
  assert.equal(await note.locator("a").getAttribute("href"), `${new URL(site.base).pathname}#table`);
  await page.close();
});

test("a long page has a 返回顶部 link that takes the reader back up", async () => {
  const page = await site.newPage({ width: 375, height: 740 });
  await page.goto(site.url());
  const link = page.getByRole("link", { name: "返回顶部" });
  await link.scrollIntoViewIfNeeded();
  assert.ok((await page.evaluate(() => scrollY)) > 740);
  await link.click();
  await page.waitForFunction(() => scrollY === 0);
  await page.close();
});

test("the Ctrl+F hint is for keyboards: a touch screen does not show it", async () => {
  const desk = await site.newPage({ width: 1280 });
  await desk.goto(site.url("search/"));
  assert.equal(await desk.locator(".keyboard-hint").isVisible(), true, "shown with a mouse");
  await desk.close();
  const phone = await site.newPage({ width: 375, height: 740, touch: true });
  await phone.goto(site.url("search/"));
  assert.equal(await phone.evaluate(() => matchMedia("(pointer: coarse)").matches), true, "a touch screen");
  assert.equal(await phone.locator(".keyboard-hint").isVisible(), false, "hidden on a touch screen");
  assert.match(await phone.locator(".search-fallback p").first().textContent(), /汇总表/);
  await phone.close();
});
