// The applicant's last mile on a 375 px phone: wherever a reader lands (an occupation page, a
// search answer) they see by when (with the countdown), how and whom to call, can dial an
// extension and add the deadline to their calendar; the answer line says whether the deadline
// has passed; every link and button of the header and the navigation is a 44 × 44 px target.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useSite } from "./harness.mjs";

const site = useSite();
const PHONE = { width: 375, height: 800, touch: true };
// The shipped deadline is 2026-03-31 17:00, Beijing time.
const BEFORE = new Date("2026-03-21T09:00:00+08:00");
const AFTER = new Date("2026-04-01T09:00:00+08:00");

async function phoneAt(time) {
  const page = await site.newPage(PHONE);
  await page.clock.install({ time });
  return page;
}

test("an occupation page says by when, how and whom to call, and adds the deadline to a calendar", async () => {
  const page = await phoneAt(BEFORE);
  await page.goto(site.url("occupations/4-10-01-03/"));
  const how = page.locator("section.how-to-apply");
  await how.waitFor();
  assert.ok((await how.boundingBox()).y < 800, "on the first screen");
  assert.match(await how.locator("time[data-deadline]").textContent(), /2026年3月31日 17:00/);
  assert.equal(await how.locator("[data-countdown]").textContent(), "（还剩 10 天）");
  assert.match(await how.textContent(), /报送方式/);
  const tels = await how.locator("a.tel").evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("href")]));
  assert.deepEqual(tels, [["010-00000000", "tel:01000000000"], ["010-00000001转8001", "tel:01000000001,8001"]]);
  const calendar = how.locator("a.add-calendar");
  assert.equal(await calendar.textContent(), "加入日历");
  const href = await calendar.getAttribute("href");
  const response = await page.request.get(new URL(href, page.url()).href);
  assert.match(response.headers()["content-type"], /^text\/calendar/);
  const ics = await response.text();
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /DTSTART;TZID=Asia\/Shanghai:20260331T170000\r\n/);
});

test("a search answer carries how to apply and says whether the deadline has passed", async () => {
  for (const [time, said] of [[BEFORE, /在本次遴选范围内.*；申报还剩 10 天。/], [AFTER, /在本次遴选范围内.*；本次申报已截止。/]]) {
    const page = await phoneAt(time);
    await page.goto(site.url("search/?q=" + encodeURIComponent("保育师三级")));
    const answer = page.locator("#search-answer");
    await answer.waitFor();
    assert.match(await answer.textContent(), said);
    const how = page.locator("#search-apply section.how-to-apply");
    assert.ok(await how.isVisible(), "how to apply under the answer");
    assert.equal(await how.locator("a.tel").count(), 2);
    // A query that names no single occupation: neither.
    await page.fill("#search-q", "工");
    await page.locator("#search-answer").waitFor({ state: "hidden" });
    assert.ok(await page.locator("#search-apply").isHidden());
  }
});

test("every link and button of the header and the navigation is at least 44 × 44 px on a phone", async () => {
  const page = await site.newPage(PHONE);
  for (const path of ["", "occupations/4-10-01-03/", "levels/3/", "search/?q=bys", "forms/application/fill/", "updates/"]) {
    await page.goto(site.url(path));
    const small = await page.$$eval("header a, header button, header input, nav a, nav button", (els) => els
      .filter((e) => e.checkVisibility())
      .map((e) => {
        const r = e.getBoundingClientRect();
        return { what: (e.textContent || e.getAttribute("aria-label") || e.tagName).trim().slice(0, 20), w: r.width, h: r.height };
      })
      .filter((t) => t.w < 44 || t.h < 44));
    assert.deepEqual(small, [], `/${path}: targets under 44 × 44 px`);
  }
});
