// Print, as a reader gets it on paper: headless Chromium prints (page.pdf, A4 from the pages'
// @page rules) and poppler reads the PDF back page by page.
// - The fill pages print like the Word files they make: □/☑ for the boxes, signature lines
//   flush right, "— N —" at the foot of every page, and the page count LibreOffice gives the
//   Word file downloaded from the same page with the same content (filled in through 导入草稿).
// - The filled Word file of twelve occupations repeats the table's heading row on every page.
// - The notice, its table filtered to one level, prints that view from page 1: only its rows,
//   a line naming the filter, the count and the date, the heading row on every page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  LEVEL_LABELS, assertInstalled, expectedCodes, levelBox, openNotice, programMissing, readForms, readOccupations,
  skipIfMissing, until, useSite,
} from "./harness.mjs";

const site = useSite();
const forms = readForms();
const occupations = readOccupations();
const LEVEL_NAMES = { 5: "五级", 4: "四级", 3: "三级", 2: "二级", 1: "一级" };

const popplerMissing = programMissing("pdftotext", "-v") || programMissing("pdfinfo", "-v");
const officeMissing = programMissing("soffice", "--version") || popplerMissing;

/** The text of each page of a PDF, squashed: no white space (pdftotext breaks and spaces CJK text). */
function pageTexts(pdf) {
  const pages = Number(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }).match(/^Pages:\s+(\d+)/m)[1]);
  return Array.from({ length: pages }, (_, i) => execFileSync(
    "pdftotext", ["-enc", "UTF-8", "-f", String(i + 1), "-l", String(i + 1), pdf, "-"], { encoding: "utf8" },
  ).replace(/\s+/g, ""));
}

/** Today in China as the notice's print line writes it: 2026年12月7日. */
function chinaToday() {
  const d = new Date(Date.now() + 8 * 3600 * 1000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

const application = forms.find((f) => f.slug === "application") || forms[0];
const commitment = forms.find((f) => f !== application);

/**
 * A draft of `form` for 导入草稿, from the fields its fill page has: every field filled when
 * `fill` (the third box of each group ticked, outline answers of three lines under every
 * `answers`-th item), and `rows` occupations of the table.
 */
async function draftFor(page, form, { fill = false, rows = 0, answers = 0 }) {
  const fields = await page.evaluate(() => Array.from(
    document.querySelectorAll("[data-fill-form] input[type=text], [data-fill-form] textarea, [data-fill-form] fieldset[data-options]"),
  ).filter((c) => !c.closest("tbody[data-repeat]")).map((c) => ({
    id: c.id,
    check: c.dataset.check || "",
    area: c.tagName === "TEXTAREA",
    options: c.tagName === "FIELDSET" ? Array.from(c.querySelectorAll("input"), (i) => i.value) : null,
  })));
  const columns = await page.evaluate(() => Object.fromEntries(Array.from(
    document.querySelectorAll("tbody[data-repeat] tr:first-child [data-base]"),
    (c) => [c.dataset.base, c.dataset.col],
  )));
  const sample = { credit: "91350100M000100Y43", mobile: "13912345678", landline: "0591-87654321", phone: "0591-87654322", count: "4700", date: "2023-03-01至2026-02-28", year: "2026", month: "3", day: "18" };
  const values = {};
  if (fill) {
    fields.forEach((f, n) => {
      if (f.options) values[f.id] = f.options[2];
      else if (f.area) {
        if (answers && n % answers === 0) values[f.id] = [1, 2, 3].map((k) => `第${k}行回答内容，说明本机构的情况和条件${n}`).join("\n");
      } else values[f.id] = sample[f.check] || `福建省某某职业技能评价有限公司${n}`;
    });
  }
  const list = occupations.slice(0, rows).map((o, i) => Object.fromEntries(Object.entries(columns).map(([base, col]) => {
    if (col === "occupation") return [base, o.name];
    if (col === "code") return [base, o.code];
    if (col === "level") return [base, LEVEL_NAMES[Math.min(...o.levels)]];
    return [base, /人数/.test(base) ? String(100 + i) : /期限/.test(base) ? "2023-03-01至2026-02-28" : "五级至三级"];
  })));
  return { format: "linxuan-fill-draft", version: 1, form: form.slug, values, rows: list };
}

test("the fill pages print as their Word files: boxes, signatures, page numbers, page count; 12 occupations keep the heading row on every page", { skip: skipIfMissing(officeMissing), timeout: 300_000 }, async () => {
  assertInstalled(officeMissing);
  const work = mkdtempSync(path.join(tmpdir(), "linxuan-print-"));
  try {
    const cases = [
      { name: "application-blank", form: application, content: {} },
      { name: "application-12", form: application, content: { fill: true, rows: 12, answers: 3 } },
      { name: "commitment-blank", form: commitment, content: {} },
      { name: "commitment-filled", form: commitment, content: { fill: true } },
    ];
    for (const c of cases) {
      const page = await site.newPage();
      await page.goto(site.url(`forms/${c.form.slug}/fill/`));
      await page.waitForSelector("[data-fill-form][data-ready]");
      const draft = path.join(work, `${c.name}.json`);
      writeFileSync(draft, JSON.stringify(await draftFor(page, c.form, c.content)));
      await page.locator("[data-import]").setInputFiles(draft);
      await until(page, () => document.querySelector("[data-status]").textContent.includes("导入"), null, { what: "the draft imported" });
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载已填写的 Word" }).click()]);
      await download.saveAs(path.join(work, `${c.name}.docx`));

      // On paper: boxes as Word prints them, signature lines flush right.
      await page.emulateMedia({ media: "print" });
      const look = await page.evaluate(() => {
        const body = document.querySelector(".form-body").getBoundingClientRect();
        const edges = (p) => {
          const r = document.createRange();
          r.selectNodeContents(p);
          const rects = Array.from(r.getClientRects()).filter((x) => x.width > 0);
          return { left: Math.min(...rects.map((x) => x.left)) - body.left, right: body.right - Math.max(...rects.map((x) => x.right)) };
        };
        return {
          boxes: Array.from(document.querySelectorAll(".fill-form .options label"), (l) => l.textContent.trim() + JSON.parse(getComputedStyle(l, "::after").content)),
          signatures: Array.from(document.querySelectorAll(".form-body .sign-line"), (p) => ({ text: p.textContent.trim(), align: getComputedStyle(p).textAlign, ...edges(p) })),
          fillIns: Array.from(document.querySelectorAll(".form-body .fill-line:not(.sign-line)"), edges),
        };
      });
      if (c.form === application) {
        const ticked = c.content.fill ? "科研院所☑" : "科研院所□";
        assert.deepEqual(look.boxes, ["企业□", "行业协会□", ticked, "高等学校□", "技工院校□", "其他□"], c.name);
      }
      assert.ok(look.signatures.length > 0, `${c.name}: signature lines`);
      for (const s of look.signatures) {
        assert.equal(s.align, "right", `${c.name}: ${s.text}`);
        assert.ok(Math.abs(s.right) < 2, `${c.name}: ${s.text} ends ${s.right}px from the right edge`);
      }
      for (const f of look.fillIns) assert.ok(Math.abs(f.left) < 2, `${c.name}: a fill-in line starts at the left edge`);
      await page.emulateMedia({ media: null });
      await page.pdf({ path: path.join(work, `${c.name}-print.pdf`), preferCSSPageSize: true });
      await page.close();
    }

    const profile = path.join(work, "profile");
    execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", work, ...cases.map((c) => path.join(work, `${c.name}.docx`))], { stdio: "pipe", timeout: 240_000 });

    const report = [];
    for (const c of cases) {
      const printed = pageTexts(path.join(work, `${c.name}-print.pdf`));
      const word = pageTexts(path.join(work, `${c.name}.pdf`));
      report.push(`${c.name}: Word ${word.length} pages, print ${printed.length}`);
      // The same pages: A4, the Word file's margins and sizes (form.css, derive/docx/styles.rs).
      assert.equal(printed.length, word.length, `${c.name}: printed ${printed.length} pages, the Word file ${word.length}`);
      printed.forEach((text, i) => assert.ok(text.includes(`—${i + 1}—`), `${c.name}: page ${i + 1} is numbered — ${i + 1} —`));
      const whole = printed.join("");
      assert.ok(!/[○●◯◉]/.test(whole), `${c.name}: round radio marks printed`);
      if (c.form === application) {
        // 机构性质: the third box ticked when filled in, as the Word file has it (poppler may read
        // ☑, a glyph of another font, apart from its word: counted on the page).
        for (const [what, text] of [["print", whole], ["Word", word.join("")]]) {
          const open = (text.match(/(企业|行业协会|科研院所|高等学校|技工院校|其他)□/g) || []).map((b) => b.slice(0, -1));
          assert.deepEqual(open, ["企业", "行业协会", "科研院所", "高等学校", "技工院校", "其他"].filter((o) => !c.content.fill || o !== "科研院所"), `${what}: ${c.name}`);
          assert.equal(text.match(/☑/g)?.length || 0, c.content.fill ? 1 : 0, `${what}: ${c.name}'s ☑`);
        }
      }
      if (c.content.rows) {
        // Every page of the Word file and of print that lists one of the occupations has the
        // table's heading row above it.
        const codes = occupations.slice(0, c.content.rows).map((o) => o.code);
        for (const [what, pages] of [["Word", word], ["print", printed]]) {
          const listing = pages.map((t, i) => [i + 1, t]).filter(([, t]) => codes.some((code) => t.includes(code)));
          assert.ok(listing.length >= 2, `${what}: the ${codes.length} occupations run onto a second page (${listing.map(([n]) => n)})`);
          for (const [n, text] of listing) {
            // The headings' first words: a heading may wrap.
            for (const heading of ["序号", "拟申报", "职业编码", "已评价"]) {
              assert.ok(text.includes(heading), `${what}, page ${n}: no ${heading} above the rows`);
            }
          }
          assert.deepEqual(codes.filter((code) => !pages.join("").includes(code)), [], `${what}: every occupation`);
        }
      }
    }
    console.log(`# ${report.join("; ")}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

/** The notice printed to PDF, each page's squashed text. */
async function printNotice(page) {
  const work = mkdtempSync(path.join(tmpdir(), "linxuan-print-"));
  try {
    const pdf = path.join(work, "notice.pdf");
    await page.pdf({ path: pdf, preferCSSPageSize: true });
    return pageTexts(pdf);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The occupation table's headings as printed (序号 and 拟遴选机构数量 wrap: their first words). */
const HEADINGS = ["职业（工种）", "职业编码", "等级范围", "拟遴选机构"];

/** The level with the fewest rows, but more than a page holds: its table runs onto page 2. */
const level = [5, 4, 3, 2, 1]
  .map((l) => [l, expectedCodes(occupations, { levels: [l] }).length])
  .filter(([, n]) => n > 12 && n < occupations.length)
  .sort((a, b) => a[1] - b[1])[0]?.[0] ?? 5;

test(`the notice filtered to ${LEVEL_LABELS[level]} prints that view from page 1, its heading on every page, the notice after it`, { skip: skipIfMissing(popplerMissing) }, async () => {
  assertInstalled(popplerMissing);
  const page = await site.newPage();
  await openNotice(site, page);
  await levelBox(page, level).check();
  const want = expectedCodes(occupations, { levels: [level] });
  const others = occupations.map((o) => o.code).filter((code) => !want.includes(code));
  assert.ok(want.length > 0 && others.length > 0, "the level leaves rows out");
  const pages = await printNotice(page);
  const whole = pages.join("");
  const caption = `筛选：${LEVEL_LABELS[level]}·共${want.length}个职业（工种）·打印于${chinaToday()}`;
  assert.ok(pages[0].includes(caption), `page 1 starts the list under its line: ${caption}\n${pages[0].slice(0, 300)}`);
  assert.ok(pages[0].includes(want[0]), "the list starts on page 1");
  assert.deepEqual(want.filter((code) => !whole.includes(code)), [], "every row of the view is printed");
  assert.deepEqual(others.filter((code) => whole.includes(code)), [], "only the rows of the view are printed");
  // The rows in 序号 order, as on the screen.
  const places = want.map((code) => whole.indexOf(code));
  assert.ok(places.every((p, i) => i === 0 || p > places[i - 1]), "rows in order");
  const listing = pages.map((t, i) => [i + 1, t]).filter(([, t]) => want.some((code) => t.includes(code)));
  assert.ok(listing.length >= 2, `the view runs onto a second page: ${listing.map(([n]) => n)}`);
  for (const [n, text] of listing) {
    for (const heading of HEADINGS) assert.ok(text.includes(heading), `page ${n}: the heading row lacks ${heading}`);
  }
  // The notice itself follows the view, its title above the view.
  const title = await page.locator(".notice h1").textContent();
  assert.ok(pages[0].startsWith(title.replace(/\s+/g, "")), "the notice's title heads page 1");
  const body = (await page.locator("#notice-body p").last().textContent()).replace(/\s+/g, "").slice(0, 20);
  const bodyAt = pages.findIndex((t) => t.includes(body));
  assert.ok(bodyAt >= listing.at(-1)[0] - 1, `the notice's text (page ${bodyAt + 1}) comes after the view`);

  // 只打印表格: the view alone, the heading row on every page.
  await page.getByLabel("只打印表格").check();
  const only = await printNotice(page);
  assert.ok(only.length < pages.length, `${only.length} pages, not ${pages.length}`);
  assert.ok(!only.join("").includes(body), "the notice's text is left out");
  assert.ok(only[0].includes(caption));
  only.forEach((text, i) => {
    for (const heading of HEADINGS) assert.ok(text.includes(heading), `只打印表格, page ${i + 1}: the heading row lacks ${heading}`);
  });
  assert.deepEqual(want.filter((code) => !only.join("").includes(code)), []);
});

test("the notice unfiltered prints whole, the table last, its heading row printed on every page it runs onto", { skip: skipIfMissing(popplerMissing) }, async () => {
  assertInstalled(popplerMissing);
  const page = await site.newPage();
  await openNotice(site, page);
  const pages = await printNotice(page);
  const codes = occupations.map((o) => o.code);
  const listing = pages.map((t, i) => [i + 1, t]).filter(([, t]) => codes.some((code) => t.includes(code)));
  assert.ok(listing[0][0] > 1, "the notice's text comes first");
  assert.ok(listing.length >= 2);
  for (const [n, text] of listing) {
    for (const heading of HEADINGS) assert.ok(text.includes(heading), `page ${n}: the heading row lacks ${heading}`);
  }
  assert.ok(!pages.join("").includes("打印于"), "no view line on the whole notice");
  // Sorted, every row: a view too, from page 1, saying how it is sorted.
  await page.locator("th[data-sort=code] .sort-button").click();
  await until(page, () => new URL(location.href).search.includes("sort=code"));
  const sorted = await printNotice(page);
  assert.ok(sorted[0].includes(`排序：按职业编码升序排列·共${codes.length}个职业（工种）`), sorted[0].slice(0, 300));
  assert.ok(sorted[0].includes([...occupations].sort((a, b) => a.code.localeCompare(b.code, "en", { numeric: true }))[0].code));
});
