// Without JavaScript: the whole table, the browse links as the filter's fallback, no controls.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectedCodes, readOccupations, screenshot, useSite, visibleCodes } from "./harness.mjs";

const site = useSite();
const occupations = readOccupations();

for (const width of [1280, 375]) {
  test(`without JavaScript at ${width} px: every row, browse links visible, filter hidden`, async () => {
    const page = await site.newPage({ width, javaScriptEnabled: false });
    await page.goto(site.url());
    assert.deepEqual(await visibleCodes(page), expectedCodes(occupations));
    assert.equal(await page.locator("table.occupations tbody tr").count(), occupations.length);

    const form = page.locator("#filter-form");
    assert.equal(await form.count(), 1);
    assert.equal(await form.getAttribute("hidden"), "");
    assert.equal(await form.isVisible(), false);
    assert.equal(await page.getByRole("checkbox").count(), 0, "no checkbox is exposed");

    for (const level of [5, 4, 3, 2, 1]) {
      const link = page.locator(`#by-level a[href="/sub/levels/${level}/"]`);
      assert.equal(await link.isVisible(), true, `level ${level} link`);
    }
    const cats = new Set();
    for (const o of occupations) {
      const [major, middle] = o.code.split("-");
      cats.add(major);
      cats.add(`${major}-${middle}`);
    }
    for (const cat of cats) {
      const link = page.locator(`#by-category a[href="/sub/categories/${cat}/"]`);
      assert.equal(await link.isVisible(), true, `category ${cat} link`);
    }

    assert.equal(await page.locator("table.occupations thead button").count(), 0);
    assert.equal(await page.locator("table.occupations [aria-sort]").count(), 0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
    await screenshot(page, `notice-nojs-${width}`);
  });
}

test("without JavaScript a level page lists the occupations of that level", async () => {
  const page = await site.newPage({ javaScriptEnabled: false });
  await page.goto(site.url("levels/1/"));
  const codes = await visibleCodes(page);
  assert.deepEqual([...codes].sort(), [...expectedCodes(occupations, { levels: [1] })].sort());
});
