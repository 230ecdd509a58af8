// Keyboard only: every control is reached with Tab, operated with Space, Enter, arrows and
// typing, and shows a visible focus indicator.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
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

/** What has focus: a short description used to find and check stops. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el.tagName.toLowerCase(),
      type: el.type || "",
      name: el.name || "",
      value: el.value || "",
      text: (el.textContent || "").trim(),
      sortKey: el.closest("th") ? el.closest("th").textContent.trim() : "",
    };
  });
}

/** Presses Tab (or Shift+Tab) until `match(focused)` holds; fails after `max` presses. */
async function tabTo(page, match, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const f = await focused(page);
    if (match(f)) return f;
  }
  throw new Error("focus never reached the wanted control");
}

/** The focus ring of the focused control (or of the chip around a checkbox). */
function focusRing(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const target = el.type === "checkbox" ? el.closest("label") : el;
    const s = getComputedStyle(target);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor };
  });
}

async function assertVisibleFocus(page, what) {
  const ring = await focusRing(page);
  assert.notEqual(ring.style, "none", `${what}: no focus outline`);
  assert.ok(ring.width >= 2, `${what}: focus outline ${ring.width}px`);
}

test("levels, category, text, sort and reset work from the keyboard alone", async () => {
  const page = await site.newPage();
  await openNotice(site, page);

  await tabTo(page, (f) => f.type === "checkbox" && f.value === "5");
  await assertVisibleFocus(page, "level checkbox");
  await page.keyboard.press("Space");
  assert.equal(await levelBox(page, 5).isChecked(), true);
  await tabTo(page, (f) => f.type === "checkbox" && f.value === "4", { max: 1 });
  await page.keyboard.press("Space");
  assert.deepEqual(await visibleCodes(page), expectedCodes(occupations, { levels: [5, 4] }));
  await page.keyboard.press("Space");
  assert.deepEqual(await visibleCodes(page), expectedCodes(occupations, { levels: [5] }));

  await tabTo(page, (f) => f.tag === "select");
  await assertVisibleFocus(page, "select");
  // Options: 全部, 3, 3-01, 3-02, 4, ... ; arrow keys step through them.
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowDown");
  assert.equal(await categorySelect(page).inputValue(), "4");
  assert.deepEqual(await visibleCodes(page), expectedCodes(occupations, { levels: [5], cat: "4" }));

  await tabTo(page, (f) => f.name === "q", { max: 1 });
  await assertVisibleFocus(page, "text input");
  await page.keyboard.type("师");
  const want = expectedCodes(occupations, { levels: [5], cat: "4", text: "师" });
  assert.deepEqual(await visibleCodes(page), want);
  assert.equal(await countText(page), `显示 ${want.length} / ${occupations.length} 个职业`);
  // Enter in the text box does not reload the page.
  await page.keyboard.press("Enter");
  assert.deepEqual(await visibleCodes(page), want);

  await tabTo(page, (f) => f.tag === "button" && f.text === "清除筛选", { max: 1 });
  await assertVisibleFocus(page, "reset");

  await tabTo(page, (f) => f.tag === "summary", { max: 1 });
  await assertVisibleFocus(page, "browse disclosure");

  const nameSort = await tabTo(page, (f) => f.tag === "button" && f.sortKey === "职业（工种）", { max: 3 });
  assert.ok(nameSort);
  await assertVisibleFocus(page, "sort button");
  await page.keyboard.press("Enter");
  const th = page.locator("table.occupations thead th", { hasText: "职业（工种）" });
  assert.equal(await th.getAttribute("aria-sort"), "ascending");
  await page.keyboard.press("Space");
  assert.equal(await th.getAttribute("aria-sort"), "descending");
  assert.deepEqual([...(await visibleCodes(page))].sort(), [...want].sort(), "sorting keeps the filter");

  await tabTo(page, (f) => f.tag === "button" && f.text === "清除筛选", { back: true });
  await page.keyboard.press("Enter");
  assert.equal(await countText(page), `显示 ${occupations.length} / ${occupations.length} 个职业`);
  assert.equal(await levelBox(page, 5).isChecked(), false);
  assert.equal(await textInput(page).inputValue(), "");
  assert.equal((await focused(page)).text, "清除筛选", "focus stays on the reset button");
});

test("the empty state's buttons are reached and used from the keyboard", async () => {
  const page = await site.newPage();
  await openNotice(site, page, "?level=5&cat=3-02");
  assert.equal(await countText(page), `显示 0 / ${occupations.length} 个职业`);
  const f = await tabTo(page, (x) => x.tag === "button" && x.text.startsWith("取消等级“五级/初级工”"));
  await assertVisibleFocus(page, "loosen button");
  assert.ok(f);
  await page.keyboard.press("Enter");
  assert.deepEqual(await visibleCodes(page), expectedCodes(occupations, { cat: "3-02" }));
  const now = await focused(page);
  assert.equal(now.type, "checkbox");
  assert.equal(now.value, "5", "focus lands on the checkbox that was freed");
});

test("the browse disclosure opens with Enter and its links take focus", async () => {
  const page = await site.newPage();
  await openNotice(site, page);
  await tabTo(page, (f) => f.tag === "summary");
  await page.keyboard.press("Enter");
  const link = await tabTo(page, (f) => f.tag === "a", { max: 1 });
  assert.match(link.text, /五级\/初级工/);
});

test("arrowing through the category select adds one history entry", async () => {
  const page = await site.newPage();
  await openNotice(site, page);
  await tabTo(page, (f) => f.tag === "select");
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => new URLSearchParams(location.search).get("cat")), "4-01");
  await page.goBack();
  assert.equal(await page.evaluate(() => location.search), "");
  assert.equal(await categorySelect(page).inputValue(), "");
});
