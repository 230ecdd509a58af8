// Drafts an applicant can find and carry on: the notice's attachment list and the form page say
// 有未完成的草稿 with the time it was saved and a link to go on; the 评价机构负责人's phone carries
// over between the forms like 单位名称; a draft naming an occupation, or a level of one, the
// release no longer lists is said by name; ?occupation=CODE&level=N chooses the level too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useSite } from "./harness.mjs";

const site = useSite();

async function openFill(page, form, query = "") {
  await page.goto(site.url(`forms/${form}/fill/${query}`));
  await page.waitForSelector("[data-fill-form][data-ready]");
}

/** Waits until the fill page has saved its draft (saving follows typing after a pause). */
async function saved(page, form) {
  await page.waitForFunction((f) => Object.keys(localStorage).some((k) => k.endsWith(":" + f)), form);
}

test("a saved draft is announced where the form is linked, with a link to go on", async () => {
  const page = await site.newPage();
  await openFill(page, "application");
  await page.locator('[id="单位名称"]').fill("某某职业技能鉴定中心");
  await saved(page, "application");

  await page.goto(site.url());
  const application = page.locator(".attachment-list a[href$='forms/application/fill/']");
  await page.locator(".draft-note").first().waitFor();
  assert.equal(await application.textContent(), "继续填写");
  assert.match(await application.locator("xpath=following-sibling::span[1]").textContent(), /^（有未完成的草稿，保存于 .+）$/);
  const commitment = page.locator(".attachment-list a[href$='forms/commitment/fill/']");
  assert.equal(await commitment.textContent(), "在线填写", "no draft of the 承诺书");

  await page.goto(site.url("forms/application/"));
  await page.locator(".draft-note").waitFor();
  await page.getByRole("link", { name: "继续填写" }).click();
  await page.waitForSelector("[data-fill-form][data-ready]");
  assert.equal(await page.locator('[id="单位名称"]').inputValue(), "某某职业技能鉴定中心", "the draft goes on");
});

test("the phone of the 评价机构负责人 carries over from the 申报表 to the 承诺书", async () => {
  const page = await site.newPage();
  await openFill(page, "application");
  await page.locator('[id="③手机号码"]').fill("13812345678");
  await saved(page, "application");
  await openFill(page, "commitment");
  assert.equal(await page.locator('[id="联系电话"]').inputValue(), "13812345678");
});

test("?occupation=CODE&level=N chooses the level where the occupation has it", async () => {
  const page = await site.newPage();
  await openFill(page, "application", "?occupation=4-10-01-03&level=3");
  const row = page.locator("tbody[data-repeat] tr").first();
  assert.equal(await row.locator("[data-col=code]").inputValue(), "4-10-01-03");
  assert.equal(await row.locator("select").inputValue(), "三级");
  // 家政服务员 is open at 五级 to 三级 only: 一级 is not chosen.
  await openFill(page, "application", "?occupation=4-10-01-06&level=1");
  assert.equal(await page.locator("tbody[data-repeat] tr").first().locator("select").inputValue(), "");
});

test("a draft naming what the release no longer lists says which", async () => {
  const page = await site.newPage();
  await openFill(page, "application", "?occupation=4-10-01-06&level=3");
  await page.locator('[id="单位名称"]').fill("某单位");
  await saved(page, "application");
  // As if a release had withdrawn 家政服务员's 三级 and another occupation altogether.
  await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.endsWith(":application"));
    const draft = JSON.parse(localStorage.getItem(key));
    const row = draft.rows[0];
    const [nameKey, codeKey] = Object.keys(row).filter((k) => row[k] === "家政服务员" || row[k] === "4-10-01-06");
    const levelKey = Object.keys(row).find((k) => row[k] === "三级");
    row[levelKey] = "一级";
    draft.rows.push({ ...row, [nameKey]: "撤销的职业", [codeKey]: "9-99-99-99", [levelKey]: "五级" });
    localStorage.setItem(key, JSON.stringify(draft));
  });
  await openFill(page, "application");
  await page.waitForFunction(() => document.body.textContent.includes("已不在本次遴选范围"));
  assert.match(await page.locator("body").textContent(), /您草稿中的 家政服务员·一级、撤销的职业 已不在本次遴选范围/);
});
