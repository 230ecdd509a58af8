// The grade-range filter: levels, category and text, alone and combined; count and empty state.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  LEVEL_LABELS,
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
const TOTAL = occupations.length;
const shown = (n) => `显示 ${n} / ${TOTAL} 个职业`;

test("seed: the shipped data has the 42 occupations of the notice", () => {
  assert.equal(TOTAL, 42);
});

test("unfiltered: every row, in 序号 order, and the full count", async () => {
  const page = await site.newPage();
  await openNotice(site, page);
  assert.deepEqual(await visibleCodes(page), expectedCodes(occupations));
  assert.equal(await countText(page), shown(TOTAL));
  const status = page.locator(".filter-status");
  assert.equal(await status.getAttribute("aria-live"), "polite");
  assert.equal(await status.getAttribute("role"), "status");
});

test("each single level shows the occupations whose range includes it", async () => {
  const page = await site.newPage();
  await openNotice(site, page);
  for (const level of [5, 4, 3, 2, 1]) {
    await levelBox(page, level).check();
    const want = expectedCodes(occupations, { levels: [level] });
    assert.deepEqual(await visibleCodes(page), want, LEVEL_LABELS[level]);
    assert.equal(await countText(page), shown(want.length), LEVEL_LABELS[level]);
    await levelBox(page, level).uncheck();
  }
  assert.equal(await countText(page), shown(TOTAL));
});

test("the single-level counts match the level pages' counts in the browse links", async () => {
  const page = await site.newPage();
  await openNotice(site, page);
  for (const level of [5, 4, 3, 2, 1]) {
    const n = expectedCodes(occupations, { levels: [level] }).length;
    const link = page.locator(`.browse a[href$="/levels/${level}/"]`);
    assert.match(await link.textContent(), new RegExp(`（${n}）`), LEVEL_LABELS[level]);
  }
});

test("every pair of levels requires both (an occupation must include each checked level)", async () => {
  const page = await site.newPage();
  await openNotice(site, page);
  const levels = [5, 4, 3, 2, 1];
  for (let i = 0; i < levels.length; i++) {
    for (let j = i + 1; j < levels.length; j++) {
      const pair = [levels[i], levels[j]];
      await levelBox(page, pair[0]).check();
      await levelBox(page, pair[1]).check();
      const want = expectedCodes(occupations, { levels: pair });
      const label = pair.map((l) => LEVEL_LABELS[l]).join(" + ");
      assert.deepEqual(await visibleCodes(page), want, label);
      assert.equal(await countText(page), shown(want.length), label);
      await levelBox(page, pair[0]).uncheck();
      await levelBox(page, pair[1]).uncheck();
    }
  }
  // 五级 + 一级 is the case where "any" and "every" differ most.
  await levelBox(page, 5).check();
  await levelBox(page, 1).check();
  assert.equal(await countText(page), shown(expectedCodes(occupations, { levels: [5, 1] }).length));
  assert.ok(!(await visibleCodes(page)).includes("3-02-02-01"), "保卫管理员 (3、2、1) lacks 五级");
});

test("category: a 大类 or a 中类 narrows the rows", async () => {
  const page = await site.newPage();
  await openNotice(site, page);
  for (const cat of ["3", "4", "6", "4-10", "6-18", "3-02"]) {
    await categorySelect(page).selectOption(cat);
    const want = expectedCodes(occupations, { cat });
    assert.ok(want.length > 0, cat);
    assert.deepEqual(await visibleCodes(page), want, cat);
    assert.equal(await countText(page), shown(want.length), cat);
  }
});

test("levels, category and text combine", async () => {
  const page = await site.newPage();
  await openNotice(site, page);
  const cases = [
    { levels: [2, 1], cat: "4-10", text: "师" },
    { levels: [5], cat: "6", text: "工" },
    { levels: [4, 3], cat: "4", text: "计算机" },
    { levels: [1], cat: "4-03", text: "" },
    { levels: [], cat: "6-31", text: "工业" },
  ];
  for (const c of cases) {
    for (const l of [5, 4, 3, 2, 1]) await levelBox(page, l).setChecked(c.levels.includes(l));
    await categorySelect(page).selectOption(c.cat);
    await textInput(page).fill(c.text);
    const want = expectedCodes(occupations, c);
    assert.ok(want.length > 0 && want.length < TOTAL, JSON.stringify(c));
    assert.deepEqual(await visibleCodes(page), want, JSON.stringify(c));
    assert.equal(await countText(page), shown(want.length), JSON.stringify(c));
  }
});

test("text matches 汉字, codes from a segment start, full pinyin and initials", async () => {
  const page = await site.newPage();
  await openNotice(site, page);
  const byName = (...names) =>
    occupations.filter((o) => names.includes(o.name)).sort((a, b) => a.seq - b.seq).map((o) => o.code);
  const cases = [
    ["保育师", byName("保育师")],
    ["4-10-01-03", byName("保育师")],
    ["4-10", expectedCodes(occupations, { cat: "4-10" })],
    ["01-03", occupations.filter((o) => o.code.endsWith("-01-03")).map((o) => o.code)],
    ["4100103", byName("保育师")],
    ["baoyushi", byName("保育师")],
    ["BaoYuShi", byName("保育师")],
    ["bao yu shi", byName("保育师")],
    ["bys", byName("保育师")],
    ["jisuanji", byName("计算机维修工", "计算机程序设计员", "计算机及外部设备装配调试员")],
    ["lvhua", byName("园林绿化工")],
    ["４－１０", expectedCodes(occupations, { cat: "4-10" })],
    ["计算机 维修", byName("计算机维修工")],
  ];
  for (const [q, want] of cases) {
    await textInput(page).fill(q);
    assert.ok(want.length > 0, q);
    assert.deepEqual(await visibleCodes(page), want, q);
  }
  // A code matches from a segment start only: "0-01" is inside no segment.
  await textInput(page).fill("0-01");
  assert.deepEqual(await visibleCodes(page), [], "0-01");
});

test("the empty state names the filters to loosen, and loosening one brings rows back", async () => {
  const page = await site.newPage();
  await openNotice(site, page);
  const empty = page.locator("[data-filter-empty]");
  assert.equal(await empty.isVisible(), false);
  // 3-02 has only 保卫管理员 (三级 to 一级): with 五级 nothing is left.
  await levelBox(page, 5).check();
  await categorySelect(page).selectOption("3-02");
  assert.deepEqual(await visibleCodes(page), []);
  assert.equal(await countText(page), shown(0));
  assert.equal(await empty.isVisible(), true);
  const text = await empty.textContent();
  assert.match(text, /没有同时符合这些条件的职业/);
  const withoutLevel = expectedCodes(occupations, { cat: "3-02" }).length;
  const withoutCat = expectedCodes(occupations, { levels: [5] }).length;
  const levelButton = empty.getByRole("button", { name: `取消等级“五级/初级工”，可显示 ${withoutLevel} 个` });
  await empty.getByRole("button", { name: new RegExp(`^不限职业类别（现为“3-02 安全和消防及辅助人员”），可显示 ${withoutCat} 个$`) }).waitFor();
  await empty.getByRole("button", { name: `清除全部筛选，显示全部 ${TOTAL} 个` }).waitFor();
  await levelButton.click();
  assert.deepEqual(await visibleCodes(page), expectedCodes(occupations, { cat: "3-02" }));
  assert.equal(await empty.isVisible(), false);
  assert.equal(await levelBox(page, 5).isChecked(), false);
  assert.equal(await page.evaluate(() => document.activeElement.value), "5", "focus moves to the freed checkbox");
});

test("a filter that no single loosening can fix offers to clear everything", async () => {
  const page = await site.newPage();
  await openNotice(site, page);
  await levelBox(page, 5).check();
  await categorySelect(page).selectOption("3-02");
  await textInput(page).fill("职业");
  const empty = page.locator("[data-filter-empty]");
  assert.match(await empty.textContent(), /只放宽一个条件还不够/);
  assert.equal(await empty.getByRole("button").count(), 1);
  await empty.getByRole("button", { name: /清除全部筛选/ }).click();
  assert.equal(await countText(page), shown(TOTAL));
  assert.equal(await textInput(page).inputValue(), "");
});

test("reset clears levels, category and text", async () => {
  const page = await site.newPage();
  await openNotice(site, page);
  await levelBox(page, 1).check();
  await categorySelect(page).selectOption("6");
  await textInput(page).fill("工");
  assert.notEqual(await countText(page), shown(TOTAL));
  // The caption says what a printed or copied view is: filtered, by what, how many.
  const caption = page.locator("table.occupations caption");
  const whole = `遴选职业（工种）汇总表，共 ${TOTAL} 个职业（工种）`;
  assert.equal(await caption.textContent(), `${whole}——筛选结果，不是完整汇总表：等级含“一级/高级技师”，职业类别“6 生产制造及有关人员”，关键词“工”；${await countText(page)}`);
  await page.getByRole("button", { name: "清除筛选", exact: true }).click();
  assert.equal(await countText(page), shown(TOTAL));
  assert.equal(await caption.textContent(), whole, "the whole table's caption is back");
  // A filter every row passes leaves the whole table, and the caption says only that.
  const everyone = [5, 4, 3, 2, 1].find((l) => occupations.every((o) => o.levels.includes(l)));
  if (everyone) {
    await levelBox(page, everyone).check();
    assert.equal(await countText(page), shown(TOTAL));
    assert.equal(await caption.textContent(), whole, `三级 and the like: every row`);
    await levelBox(page, everyone).uncheck();
  }
  assert.equal(await levelBox(page, 1).isChecked(), false);
  assert.equal(await categorySelect(page).inputValue(), "");
  assert.equal(await textInput(page).inputValue(), "");
  assert.equal(new URL(page.url()).search, "");
});

test("with the filter working, the browse links move into a collapsed disclosure", async () => {
  const page = await site.newPage();
  await openNotice(site, page);
  const details = page.locator("[data-filter-browse]");
  assert.equal(await details.locator(".browse").count(), 1);
  assert.equal(await page.locator(".browse a").first().isVisible(), false);
  await details.locator("summary").click();
  assert.equal(await page.locator(`.browse a[href="/sub/levels/1/"]`).isVisible(), true);
});
