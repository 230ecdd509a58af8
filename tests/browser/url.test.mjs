// The filter lives in the URL query: restored on load, written on change, followed by back/forward.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  SUB_PATH,
  categorySelect,
  countText,
  expectedCodes,
  levelBox,
  openNotice,
  readOccupations,
  textInput,
  useSite,
  visibleCodes,
} from "./harness.mjs";

const site = useSite();
const occupations = readOccupations();

// Read from the page itself: page.url() follows pushState only once the event has arrived.
const href = (page) => page.evaluate(() => location.href);
const query = async (page) => new URL(await href(page)).searchParams;
const search = async (page) => decodeURIComponent(new URL(await href(page)).search);

async function checkedLevels(page) {
  const out = [];
  for (const l of [5, 4, 3, 2, 1]) if (await levelBox(page, l).isChecked()) out.push(l);
  return out;
}

test("a filtered URL under the sub-path restores the controls and the rows", async () => {
  const page = await site.newPage();
  await openNotice(site, page, "?level=1&level=2&cat=4-10&q=" + encodeURIComponent("师"));
  assert.ok(new URL(await href(page)).pathname.startsWith(SUB_PATH));
  assert.deepEqual(await checkedLevels(page), [2, 1]);
  assert.equal(await categorySelect(page).inputValue(), "4-10");
  assert.equal(await textInput(page).inputValue(), "师");
  const want = expectedCodes(occupations, { levels: [1, 2], cat: "4-10", text: "师" });
  assert.ok(want.length > 0);
  assert.deepEqual(await visibleCodes(page), want);
  assert.equal(await countText(page), `显示 ${want.length} / ${occupations.length} 个职业`);
});

test("a sorted URL restores the order and aria-sort", async () => {
  const page = await site.newPage();
  await openNotice(site, page, "?level=3&sort=-code");
  const want = expectedCodes(occupations, { levels: [3] });
  const codes = await visibleCodes(page);
  assert.deepEqual([...codes].sort(), [...want].sort());
  assert.equal(codes[0], occupations.map((o) => o.code).sort().at(-1));
  assert.equal(await page.locator("thead th", { hasText: "职业编码" }).getAttribute("aria-sort"), "descending");
});

test("unknown values in the URL are ignored, not fatal", async () => {
  const page = await site.newPage();
  await openNotice(site, page, "?level=9&level=x&cat=9-99&sort=bogus");
  assert.deepEqual(await checkedLevels(page), []);
  assert.equal(await categorySelect(page).inputValue(), "");
  assert.equal((await visibleCodes(page)).length, occupations.length);
  assert.equal(await page.locator("thead th", { hasText: "序号" }).getAttribute("aria-sort"), "ascending");
});

test("changing the filters writes the URL; back and forward restore each step", async () => {
  const page = await site.newPage();
  await openNotice(site, page);
  assert.equal((await search(page)), "");

  await levelBox(page, 1).check();
  assert.equal((await search(page)), "?level=1");
  await levelBox(page, 2).check();
  assert.equal((await search(page)), "?level=1&level=2");
  await categorySelect(page).selectOption("4-10");
  assert.equal((await search(page)), "?level=1&level=2&cat=4-10");
  await textInput(page).fill("保");
  assert.deepEqual((await query(page)).get("q"), "保");
  await page.getByRole("button", { name: "职业（工种）" }).click();
  assert.equal((await query(page)).get("sort"), "name");
  const full = expectedCodes(occupations, { levels: [1, 2], cat: "4-10", text: "保" });

  await page.goBack();
  assert.equal((await query(page)).get("sort"), null);
  assert.equal((await query(page)).get("q"), "保");
  assert.deepEqual(await visibleCodes(page), full);
  assert.equal(await page.locator("thead th", { hasText: "序号" }).getAttribute("aria-sort"), "ascending");

  await page.goBack();
  assert.equal((await search(page)), "?level=1&level=2&cat=4-10");
  assert.equal(await textInput(page).inputValue(), "");
  assert.deepEqual(await visibleCodes(page), expectedCodes(occupations, { levels: [1, 2], cat: "4-10" }));

  await page.goBack();
  assert.equal((await search(page)), "?level=1&level=2");
  assert.equal(await categorySelect(page).inputValue(), "");

  await page.goBack();
  assert.equal((await search(page)), "?level=1");
  assert.deepEqual(await checkedLevels(page), [1]);
  assert.deepEqual(await visibleCodes(page), expectedCodes(occupations, { levels: [1] }));

  await page.goBack();
  assert.equal((await search(page)), "");
  assert.deepEqual(await checkedLevels(page), []);
  assert.equal((await visibleCodes(page)).length, occupations.length);

  await page.goForward();
  await page.goForward();
  assert.equal((await search(page)), "?level=1&level=2");
  assert.deepEqual(await checkedLevels(page), [2, 1]);
  assert.deepEqual(await visibleCodes(page), expectedCodes(occupations, { levels: [1, 2] }));
});

test("typing adds one history entry, not one per keystroke", async () => {
  const page = await site.newPage();
  await openNotice(site, page, "?level=4");
  await textInput(page).click();
  await page.keyboard.type("jisuanji", { delay: 20 });
  assert.equal((await query(page)).get("q"), "jisuanji");
  assert.equal((await visibleCodes(page)).length, 3);
  await page.goBack();
  assert.equal((await search(page)), "?level=4");
  assert.equal(await textInput(page).inputValue(), "");
  assert.deepEqual(await visibleCodes(page), expectedCodes(occupations, { levels: [4] }));
});

test("a reload keeps the filter; the hash is kept beside the query", async () => {
  const page = await site.newPage();
  await page.goto(site.url("#table"));
  await levelBox(page, 5).check();
  assert.equal(new URL(await href(page)).hash, "#table");
  await page.reload();
  await page.locator("#filter-form").waitFor();
  assert.deepEqual(await checkedLevels(page), [5]);
  assert.deepEqual(await visibleCodes(page), expectedCodes(occupations, { levels: [5] }));
});
