// Downloads in a real browser: the attachment links save files under their Chinese names
// while the URLs stay ASCII, the sizes shown are the files' real sizes, and the files are
// what they claim to be (Word/Excel zip archives, CSV with BOM and CRLF, JSON of the table).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { useSite, readForms, readOccupations } from "./harness.mjs";

const site = useSite();
const forms = readForms();
/** The name a form's Word copy is saved under: 附件2 社会评价组织再评估遴选申报表.docx. */
const docxName = (form) => `附件${form.attachment} ${form.title}.docx`;

/** Size as the page writes it, from the file's byte count (see derive::human_size). */
function humanSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 10 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function download(page, link) {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const saved = await file.path();
  return { name: file.suggestedFilename(), url: file.url(), bytes: readFileSync(saved), size: statSync(saved).size };
}

test("every attachment downloads under its Chinese name with its real size shown", async () => {
  const page = await site.newPage();
  await page.goto(site.url(""));
  const links = page.locator(".attachment-list a[download]");
  const count = await links.count();
  assert.equal(count, forms.length + 3, "a Word copy of each form and the table as CSV, XLSX and JSON");
  const expected = Object.fromEntries([...forms.map((f) => [docxName(f), "PK"]), ["附件1 遴选职业（工种）汇总表.xlsx", "PK"]]);
  const seen = [];
  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    const meta = await link.evaluate((a) => a.parentElement.querySelector(".file-meta")?.textContent ?? "");
    const got = await download(page, link);
    seen.push(got.name);
    assert.match(new URL(got.url).pathname, /^[\x21-\x7e]+$/, `${got.url} is ASCII`);
    assert.ok(meta.includes(humanSize(got.size)), `${got.name}: shown "${meta}", real ${got.size} B`);
    if (expected[got.name]) assert.equal(got.bytes.subarray(0, 2).toString(), expected[got.name], got.name);
  }
  for (const name of Object.keys(expected)) assert.ok(seen.includes(name), `${name} among ${seen.join("、")}`);
});

test("the CSV opens in Excel as UTF-8 and matches the table; the JSON carries every row", async () => {
  const page = await site.newPage();
  await page.goto(site.url(""));
  const csv = await download(page, page.locator('a[download$=".csv"]'));
  assert.equal(csv.name, "附件1 遴选职业（工种）汇总表.csv");
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM");
  const text = csv.bytes.subarray(3).toString("utf8");
  const lines = text.split("\r\n").filter(Boolean);
  assert.ok(!text.replaceAll("\r\n", "").includes("\n"), "CRLF line ends");
  assert.equal(lines[0], "序号,职业（工种）,职业编码,等级范围,拟遴选机构数量");
  const rows = readOccupations();
  assert.equal(lines.length, rows.length + 1);
  const first = rows[0];
  const levels = [...first.levels].sort((a, b) => b - a);
  assert.equal(lines[1], [first.seq, first.name, first.code, levels.join("、"), first.count].join(","));
  const json = await download(page, page.locator('a[download$=".json"]'));
  const data = JSON.parse(json.bytes.toString("utf8"));
  assert.equal(data.occupations.length, rows.length);
  assert.deepEqual(data.occupations[0].levels, levels);
});

test("a form page offers its Word copy and a print button that works only with JavaScript", async () => {
  const page = await site.newPage();
  const form = forms[0];
  await page.goto(site.url(`forms/${form.slug}/`));
  const got = await download(page, page.locator(".form-tools a[download]"));
  assert.equal(got.name, docxName(form));
  assert.ok(await page.locator("button[data-print]").isVisible());
  const noJs = await site.newPage({ javaScriptEnabled: false });
  await noJs.goto(site.url(`forms/${form.slug}/`));
  assert.equal(await noJs.locator("button[data-print]").isVisible(), false);
});
