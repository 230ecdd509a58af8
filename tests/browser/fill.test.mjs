// The fill-in pages (/forms/<name>/fill/) in Chromium: an occupation preselected from the URL,
// its levels only; every field of both forms filled (three occupation rows, one added by
// hand); the credit-code check in the summary and beside the field; reload, export → clear →
// import restore everything; the filled Word file, converted by LibreOffice, holds every value
// and the form's fixed text; print is A4 with every value; no request leaves after load.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, artifactPath, assertInstalled, programMissing, readForms, readOccupations, skipIfMissing, until, useSite } from "./harness.mjs";

const site = useSite();
const forms = readForms();
const occupations = readOccupations();
const LEVEL_NAMES = { 5: "五级", 4: "四级", 3: "三级", 2: "二级", 1: "一级" };
const SHOTS = "/tmp/fill-shots";

const officeMissing = programMissing("soffice", "--version") || programMissing("pdftotext", "-v");

const application = forms.find((f) => readFileSync(path.join(ROOT, `content/forms/${f.slug}.md`), "utf8").includes("职业编码"));
const commitment = forms.find((f) => f !== application);
const fillPath = (form, query = "") => `forms/${form.slug}/fill/${query}`;

/** The occupation of the example, or the table's first row if the table lacks it. */
const example = occupations.find((o) => o.code === "3-01-01-02") || occupations[0];

async function open(page, form, query = "") {
  await page.goto(site.url(fillPath(form, query)));
  await page.waitForSelector("[data-fill-form][data-ready]");
}

/** Every control's value by id (radio groups by name: the checked value). */
const state = (page) => page.evaluate(() => {
  const out = {};
  for (const c of document.querySelectorAll("[data-fill-form] input, [data-fill-form] select, [data-fill-form] textarea")) {
    if (c.type === "radio") {
      if (c.checked) out[c.name] = c.value;
    } else if (c.type !== "file") {
      out[c.id] = c.value;
    }
  }
  return out;
});

/** The form's fixed text as the Markdown writes it: each heading, paragraph and cell, split at blanks. */
function fixedText(form) {
  const md = readFileSync(path.join(ROOT, `content/forms/${form.slug}.md`), "utf8").split(/^\+\+\+$/m).pop();
  const out = [];
  for (const line of md.split("\n")) {
    for (const cell of line.replace(/^#+\s*/, "").split("|")) {
      // Boxes to tick: the words are fixed, the boxes are the applicant's.
      const pieces = /[□☐]/.test(cell) ? cell.split(/[\s□☐]+/) : cell.split(/_{4,}/);
      for (const piece of pieces) {
        const t = piece.replace(/\s+/g, "");
        if (t.length >= 2 && !/^[-<.]+$/.test(t) && !/^\d+$/.test(t)) out.push(t);
      }
    }
  }
  return out;
}

const squash = (s) => s.replace(/\s+/g, "").replace(/—\d+—/g, "");

/**
 * Whether `text` (squashed) holds `value`: whole, or, where a cell wrapped it and the PDF's
 * reading order put a neighbour cell's line in between, its characters in order close together
 * (hyphens aside).
 */
function holds(text, value) {
  if (text.includes(squash(value))) return true;
  // pdftotext drops a hyphen that ends a line (0591- / 87654321 → 059187654321).
  text = text.replace(/-/g, "");
  const v = squash(value).replace(/-/g, "");
  for (let start = text.indexOf(v[0]); start >= 0; start = text.indexOf(v[0], start + 1)) {
    let at = start;
    let ok = true;
    for (const ch of v) {
      at = text.indexOf(ch, at);
      if (at < 0 || at - start > 40 * v.length) { ok = false; break; }
      at += 1;
    }
    if (ok) return true;
  }
  return false;
}

/** Values for the checks the fields carry; plain fields get a unique text. */
function valueFor(check, n) {
  switch (check) {
    case "credit": return "91350100M000100Y43";
    case "mobile": return "13912345678";
    case "landline": return "0591-87654321";
    case "phone": return "0591-87654322";
    case "count": return String(4700 + n);
    case "date": return "2023-03-01至2026-02-28";
    case "year": return "2026";
    case "month": return "3";
    case "day": return "18";
    default: return `填写值${n}号`;
  }
}

/** Fills every field outside the occupation rows; returns what was typed, by id. */
async function fillFields(page, prefix) {
  const fields = await page.evaluate(() => Array.from(
    document.querySelectorAll("[data-fill-form] input[type=text], [data-fill-form] textarea"),
  ).filter((c) => !c.closest("tbody[data-repeat]")).map((c) => ({ id: c.id, check: c.dataset.check || "", area: c.tagName === "TEXTAREA" })));
  const typed = {};
  let n = 0;
  for (const f of fields) {
    n += 1;
    let value = valueFor(f.check, n);
    if (!f.check) value = `${prefix}${value}`;
    if (f.area) value = `${prefix}提纲回答${n}\n第二行${n}`;
    await page.locator(`[id="${f.id}"]`).fill(value);
    typed[f.id] = value;
  }
  const radios = page.locator("[data-fill-form] fieldset[data-options]");
  for (let i = 0; i < await radios.count(); i++) {
    const group = radios.nth(i);
    const choice = group.locator("input[type=radio]").nth(2);
    await choice.check();
    typed[await group.getAttribute("id")] = await choice.getAttribute("value");
  }
  return typed;
}

test(`?occupation= preselects ${example.name} (${example.code}) with only its levels`, async () => {
  const page = await site.newPage();
  await open(page, application, `?occupation=${example.code}`);
  const row = page.locator("tbody[data-repeat] tr").first();
  assert.equal(await row.locator("[data-col=occupation]").inputValue(), example.name);
  assert.equal(await row.locator("[data-col=code]").inputValue(), example.code);
  const choices = await row.locator("select option").evaluateAll((os) => os.filter((o) => o.value).map((o) => o.textContent));
  assert.deepEqual(choices, [...example.levels].sort((a, b) => b - a).map((l) => LEVEL_NAMES[l]));
  // Two codes: two rows; a code the table lacks: nothing.
  const other = occupations.find((o) => o.code !== example.code);
  await open(page, application, `?occupation=${example.code}&occupation=${other.code}&occupation=9-99-99-99`);
  const codes = await page.locator("tbody[data-repeat] [data-col=code]").evaluateAll((cs) => cs.map((c) => c.value).filter(Boolean));
  assert.deepEqual(codes, [example.code, other.code]);
});

test("the picker takes the one occupation a text names: Tab or Enter, with a level typed beside the name", async () => {
  const tea = occupations.find((o) => o.name === "茶艺师");
  const [, aliasCode] = readFileSync(path.join(ROOT, "data/aliases.csv"), "utf8").split("\n").map((l) => l.split(",")).find(([a]) => a === "厨师");
  const cook = occupations.find((o) => o.code === aliasCode.trim());
  assert.ok(tea && tea.levels.includes(3) && cook, "the shipped table has 茶艺师 (with 三级) and 厨师's occupation");
  const page = await site.newPage();
  await open(page, application);
  const rows = page.locator("tbody[data-repeat] tr");
  const cases = [
    { typed: "茶艺师三级", key: "Tab", o: tea, level: "三级" },
    { typed: "厨师", key: "Enter", o: cook, level: "" },
    { typed: "chayishi", key: "Tab", o: tea, level: "" },
  ];
  for (const [i, c] of cases.entries()) {
    const input = rows.nth(i).locator("[data-col=occupation]");
    await input.fill(c.typed);
    await page.locator(`#${await input.getAttribute("aria-controls")} li`).first().waitFor();
    await input.press(c.key);
    assert.equal(await input.inputValue(), c.o.name, c.typed);
    assert.equal(await rows.nth(i).locator("[data-col=code]").inputValue(), c.o.code, c.typed);
    assert.equal(await rows.nth(i).locator("select").inputValue(), c.level, c.typed);
  }
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  assert.equal(await page.locator("[data-error-summary]").isVisible(), false, "no row is flagged");
  // A level the occupation is not open at: none kept from before, and the page says why.
  const limited = occupations.find((o) => o.levels.includes(3) && !o.levels.includes(1));
  const row = rows.nth(3);
  const input = row.locator("[data-col=occupation]");
  for (const [typed, level] of [[`${limited.name}三级`, "三级"], [`${limited.name}一级`, ""]]) {
    await input.fill(typed);
    await page.locator(`#${await input.getAttribute("aria-controls")} li`).first().waitFor();
    await input.press("Tab");
    assert.equal(await input.inputValue(), limited.name, typed);
    assert.equal(await row.locator("select").inputValue(), level, typed);
  }
  assert.match(await page.locator("[data-status]").textContent(), new RegExp(`${limited.name}本次不遴选一级`));
});

test("the picker's table: said while it loads, what was typed meanwhile read when it comes, one request", async () => {
  const page = await site.newPage();
  const table = "**/search/table.json";
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(table, async (route) => {
    await held;
    await route.continue();
  });
  const before = site.requests.length;
  await page.goto(site.url(fillPath(application)), { waitUntil: "domcontentloaded" });
  const note = page.locator(".table-status");
  await note.waitFor({ state: "visible" });
  assert.match(await note.textContent(), /正在载入/);
  assert.equal(await note.getAttribute("role"), "status");
  assert.equal(await page.locator("[data-fill-form][data-ready]").count(), 0, "not ready while the table loads");
  // The form can be filled in meanwhile: an occupation typed whole, its code left for later.
  const row = page.locator("tbody[data-repeat] tr").first();
  const input = row.locator("[data-col=occupation]");
  await input.fill(example.name);
  await input.blur();
  assert.equal(await row.locator("[data-col=code]").inputValue(), "");
  release();
  await page.waitForSelector("[data-fill-form][data-ready]");
  assert.equal(await note.count(), 0, "the note goes once the table has come");
  assert.equal(await row.locator("[data-col=code]").inputValue(), example.code);
  const choices = await row.locator("select option").evaluateAll((os) => os.filter((o) => o.value).map((o) => o.textContent));
  assert.deepEqual(choices, [...example.levels].sort((a, b) => b - a).map((l) => LEVEL_NAMES[l]));
  const saved = await page.evaluate(() => Object.keys(localStorage).map((k) => localStorage.getItem(k)).join(""));
  assert.ok(saved.includes(example.code), "the draft keeps the code found once the table came");
  const fetched = site.requests.slice(before).filter((u) => u.endsWith("/search/table.json"));
  assert.equal(fetched.length, 1, "the preload is the request the script reads");
});

test("the picker's table failing to load: said above the rows, the rest of the form works", async () => {
  const page = await site.newPage();
  await page.route("**/search/table.json", (route) => route.abort());
  await open(page, application, `?occupation=${example.code}`);
  const note = page.locator(".table-status");
  assert.match(await note.textContent(), /未能载入/);
  assert.ok(await note.isVisible());
  const row = page.locator("tbody[data-repeat] tr").first();
  assert.equal(await row.locator("[data-col=code]").inputValue(), "", "nothing to preselect from");
  await row.locator("[data-col=occupation]").fill(example.name.slice(0, 2));
  assert.equal(await page.getByRole("listbox").count(), 0, "no list to offer");
  const field = page.getByLabel("统一社会信用代码", { exact: true });
  await field.fill("911100001000100000");
  await field.blur();
  await page.locator("[data-error-summary]").waitFor({ state: "visible" });
  const messages = await page.locator("[data-error-summary] li").allTextContents();
  assert.ok(messages.every((m) => !/职业/.test(m)), `no row is flagged for a table that did not come: ${messages}`);
});

test("the credit code check: in the summary and beside the field, cleared by a valid code", async () => {
  const page = await site.newPage();
  await open(page, application);
  const field = page.getByLabel("统一社会信用代码", { exact: true });
  await field.fill("911100001000100000");
  await field.blur();
  const summary = page.locator("[data-error-summary]");
  await summary.waitFor({ state: "visible" });
  assert.equal(await summary.getAttribute("role"), "alert");
  const link = summary.locator("a", { hasText: "统一社会信用代码" });
  assert.equal(await link.count(), 1);
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  const note = page.locator(`[id="${await field.getAttribute("aria-describedby")}"]`);
  assert.match(await note.textContent(), /校验位/);
  await link.click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "统一社会信用代码", "the link leads to the field");
  await field.fill("91350100M000100Y43");
  await field.blur();
  await summary.waitFor({ state: "hidden" });
  assert.equal(await field.getAttribute("aria-invalid"), null);
  assert.equal(await page.locator(".field-error").count(), 0);
});

test("both forms filled in: reload, export → clear → import, the Word file, print, no request", { skip: skipIfMissing(officeMissing), timeout: 240_000 }, async () => {
  assertInstalled(officeMissing);
  mkdirSync(SHOTS, { recursive: true });
  const work = mkdtempSync(path.join(tmpdir(), "linxuan-fill-"));
  try {
    const page = await site.newPage({ width: 1280 });
    await open(page, application, `?occupation=${example.code}`);
    const loaded = site.requests.length;

    // The occupation rows: the preselected one, one picked by pinyin from the list, one added
    // by hand and picked by code; the empty rows left over removed.
    const rows = page.locator("tbody[data-repeat] tr");
    const second = occupations.find((o) => o.code !== example.code && o.levels.length > 1);
    const third = occupations.find((o) => ![example.code, second.code].includes(o.code));
    const occ2 = rows.nth(1).locator("[data-col=occupation]");
    await occ2.fill(second.name);
    await occ2.press("ArrowDown");
    await occ2.press("Enter");
    assert.equal(await rows.nth(1).locator("[data-col=code]").inputValue(), second.code);
    while (await rows.count() > 2) await rows.last().locator("[data-remove-row]").click();
    await page.getByRole("button", { name: "增加一行" }).click();
    assert.equal(await rows.count(), 3);
    const occ3 = rows.nth(2).locator("[data-col=occupation]");
    await occ3.fill(third.code);
    await page.getByRole("option", { name: new RegExp(third.name) }).click();
    assert.equal(await occ3.inputValue(), third.name);
    const picked = [example, second, third];
    const rowValues = [];
    for (let i = 0; i < 3; i++) {
      const row = rows.nth(i);
      const level = LEVEL_NAMES[Math.min(...picked[i].levels)];
      await row.locator("select").selectOption(level);
      const others = row.locator("[data-col=other]");
      const values = [];
      for (let k = 0; k < await others.count(); k++) {
        const check = await others.nth(k).getAttribute("data-check");
        const value = check === "count" ? String(3100 + i * 10 + k) : check === "date" ? `2024-0${i + 1}-01` : `备案${i + 1}-${k}`;
        await others.nth(k).fill(value);
        values.push(value);
      }
      rowValues.push([picked[i].name, level, picked[i].code, ...values]);
    }
    assert.equal(await page.locator("[data-error-summary]").isVisible(), false, "nothing to flag");
    const heading = page.locator("[data-fill-form] h1");
    assert.equal(await heading.textContent(), `（单位名称）${application.title}`, "the title's blank before the name is typed");
    const typed = await fillFields(page, "申");
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    const titled = `${typed["单位名称"]}${application.title}`;
    assert.equal(await heading.textContent(), titled, "the title names the applicant as typed");
    const before = await state(page);
    await page.screenshot({ path: path.join(SHOTS, "fill-1280.png"), fullPage: true });

    // The Word file: made here, saved under its Chinese name.
    const started = Date.now();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载已填写的 Word" }).click()]);
    const docx = path.join(work, "filled.docx");
    await download.saveAs(docx);
    const clickToFile = Date.now() - started;
    assert.equal(download.suggestedFilename(), `附件${application.attachment} ${application.title}（已填写）.docx`);
    writeFileSync(artifactPath("fill-timing.txt"), `click → downloaded file: ${clickToFile} ms\n`);
    console.log(`# click → downloaded Word file: ${clickToFile} ms`);

    // Print: A4, every value on paper.
    const pdf = path.join(work, "print.pdf");
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: path.join(SHOTS, "fill-print.png"), fullPage: true });
    await page.emulateMedia({ media: null });
    await page.pdf({ path: pdf, preferCSSPageSize: true });
    const box = readFileSync(pdf, "latin1").match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
    assert.ok(box, "the PDF has a page size");
    assert.ok(Math.abs(+box[1] - 595.3) < 2 && Math.abs(+box[2] - 841.9) < 2, `A4, got ${box[1]} × ${box[2]}`);
    const printedRaw = execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" });
    writeFileSync(artifactPath("fill-print.txt"), printedRaw);
    const printed = squash(printedRaw);
    copyFileSync(pdf, path.join(SHOTS, "fill-print.pdf"));
    for (const value of [...Object.values(typed), ...rowValues.flat()]) {
      for (const line of String(value).split("\n")) assert.ok(holds(printed, line), `printed page lacks ${line}`);
    }
    assert.ok(printed.includes(titled) && !printed.includes("（单位名称）"), "the printed title names the applicant");

    // Export, then reload: everything is back.
    const [exported] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出草稿" }).click()]);
    const draft = path.join(work, "draft.json");
    await exported.saveAs(draft);
    assert.match(exported.suggestedFilename(), /草稿.*\.json$/);
    assert.deepEqual(
      site.requests.slice(loaded).filter((u) => !/^(blob|data):/.test(u)),
      [],
      "no request after load: filling, checks, Word file, print and export stay on the device",
    );
    await page.reload();
    await page.waitForSelector("[data-fill-form][data-ready]");
    assert.deepEqual(await state(page), before, "reload restores everything");

    // Clear: nothing left, on the page or in storage; import brings it all back.
    // Clearing asks first: dismissed, nothing goes; accepted, everything does.
    page.once("dialog", (d) => d.dismiss());
    await page.getByRole("button", { name: "清除本机草稿" }).click();
    assert.deepEqual(await state(page), before, "a dismissed question clears nothing");
    page.once("dialog", (d) => d.accept());
    await page.getByRole("button", { name: "清除本机草稿" }).click();
    const cleared = await state(page);
    assert.equal(await heading.textContent(), `（单位名称）${application.title}`, "the title's blank is back");
    assert.ok(Object.values(cleared).every((v) => v === ""), "every field is empty");
    assert.equal(await page.evaluate(() => localStorage.length), 0, "nothing kept on the device");
    await page.locator("[data-import]").setInputFiles(draft);
    await until(page, () => document.querySelector("[data-status]").textContent.includes("导入"));
    assert.deepEqual(await state(page), before, "import restores everything");

    // The values both forms ask for carry over to the other form, whatever each form calls
    // them (the 申报表's ③手机号码 is the 承诺书's 联系电话).
    const sharedIds = Object.fromEntries(await page.locator("[data-shared]").evaluateAll((cs) => cs.map((c) => [c.dataset.shared, c.id])));
    const other = await page.context().newPage();
    await open(other, commitment);
    const shared = await other.locator("[data-shared]").evaluateAll((cs) => cs.map((c) => [c.dataset.shared, c.value]));
    assert.ok(shared.length > 0, "the commitment shares values");
    for (const [key, value] of shared) {
      assert.equal(value, before[sharedIds[key]], `${key} carried over`);
    }
    const typed3 = await fillFields(other, "承");
    await other.locator("body").click({ position: { x: 5, y: 5 } });
    const [download3] = await Promise.all([other.waitForEvent("download"), other.getByRole("button", { name: "下载已填写的 Word" }).click()]);
    const docx3 = path.join(work, "filled3.docx");
    await download3.saveAs(docx3);

    // LibreOffice reads both Word files: every value and the form's fixed text.
    copyFileSync(docx, path.join(SHOTS, `${application.slug}-filled.docx`));
    copyFileSync(docx3, path.join(SHOTS, `${commitment.slug}-filled.docx`));
    const profile = path.join(work, "profile");
    execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", work, docx, docx3], { stdio: "pipe", timeout: 180_000 });
    for (const [name, form, values] of [["filled", application, [...Object.values(typed), ...rowValues.flat()]], ["filled3", commitment, Object.values(typed3)]]) {
      const text = squash(execFileSync("pdftotext", ["-enc", "UTF-8", path.join(work, `${name}.pdf`), "-"], { encoding: "utf8" }));
      for (const value of values) {
        for (const line of String(value).split("\n")) assert.ok(holds(text, line), `${form.slug}: the Word file lacks ${line}`);
      }
      for (const fixed of fixedText(form)) assert.ok(text.includes(fixed), `${form.slug}: the Word file lacks the form's ${fixed}`);
      if (form === application) {
        assert.ok(text.includes(titled) && !text.includes("（单位名称）"), "the Word file's title names the applicant");
      }
      copyFileSync(path.join(work, `${name}.pdf`), path.join(SHOTS, `${form.slug}-word.pdf`));
    }
    // The rows in the order filled in: their counts (numbers no cell wraps) come in that order.
    const table = squash(execFileSync("pdftotext", ["-enc", "UTF-8", path.join(work, "filled.pdf"), "-"], { encoding: "utf8" }));
    for (const [, , code] of rowValues) assert.ok(table.includes(code), `the code ${code} is on one line in the Word file`);
    const counts = rowValues.map((row) => row.find((v) => /^\d{4}$/.test(v)));
    const places = counts.map((c) => table.indexOf(c));
    assert.ok(places.every((p, i) => p > 0 && (i === 0 || p > places[i - 1])), `rows in order: ${counts} at ${places}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test("at 375 px the fill page does not scroll sideways; without JavaScript it links the Word files", async () => {
  mkdirSync(SHOTS, { recursive: true });
  const page = await site.newPage({ width: 375, height: 800 });
  await open(page, application, `?occupation=${example.code}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  // The occupation rows are cards: every box of a row in sight, under its column's heading.
  const boxes = await page.locator("tbody[data-repeat] tr").first().locator("input, select").evaluateAll((cs) => cs.map((c) => {
    const r = c.getBoundingClientRect();
    return { col: c.dataset.base, left: r.left, right: r.right, heading: getComputedStyle(c.closest("td"), "::before").content };
  }));
  assert.ok(boxes.length >= 4, "a row has its boxes");
  for (const b of boxes) {
    assert.ok(b.left >= 0 && b.right <= 375, `${b.col} in sight: ${b.left}–${b.right}px`);
    assert.equal(b.heading, JSON.stringify(b.col), `${b.col} under its heading`);
  }
  await page.screenshot({ path: path.join(SHOTS, "fill-375.png"), fullPage: true });
  // In 高对比度 every box's text still shows against its background.
  await page.getByRole("button", { name: "高对比度" }).click();
  const invisible = await page.evaluate(() => Array.from(document.querySelectorAll("[data-fill-form] input[type=text], [data-fill-form] select, [data-fill-form] textarea"))
    .filter((c) => { const s = getComputedStyle(c); return s.color === s.backgroundColor; }).map((c) => c.id));
  assert.deepEqual(invisible, [], "text the colour of its box");

  const plain = await site.newPage({ javaScriptEnabled: false });
  await plain.goto(site.url(fillPath(application)));
  const body = await plain.locator("main").innerText();
  assert.match(body, /JavaScript/);
  for (const form of forms) {
    assert.equal(await plain.locator(`main a[href$="downloads/${form.slug}.docx"]`).first().isVisible(), true, form.slug);
  }
  assert.equal(await plain.locator("h1").isVisible(), true, "the form's title shows");
  assert.equal(await plain.locator("[data-fill-form] .form-body").isVisible(), false, "the fields need the script");
  await plain.screenshot({ path: path.join(SHOTS, "fill-nojs.png"), fullPage: true });
});

test("the blank form page prints on A4 with black rules and labels kept whole", async () => {
  const page = await site.newPage();
  await page.goto(site.url(`forms/${application.slug}/`));
  await page.emulateMedia({ media: "print" });
  const look = await page.evaluate(() => {
    const td = document.querySelector(".form-body td");
    const style = getComputedStyle(td);
    const labels = Array.from(document.querySelectorAll(".form-body tbody td")).filter((c) => c.textContent.trim().length > 1 && c.textContent.trim().length <= 8);
    // A label broken mid-word is taller than one line.
    const broken = labels.filter((c) => {
      const r = document.createRange();
      r.selectNodeContents(c);
      return r.getClientRects().length > 1 && !/\s/.test(c.textContent.trim());
    }).map((c) => c.textContent.trim());
    return { color: style.borderTopColor, width: style.borderTopWidth, broken };
  });
  assert.equal(look.color, "rgb(0, 0, 0)", "black rules");
  assert.deepEqual(look.broken, [], "labels on one line");
  await page.screenshot({ path: path.join(SHOTS, "form-print.png"), fullPage: true });
  await page.emulateMedia({ media: null });
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const box = pdf.toString("latin1").match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
  assert.ok(box && Math.abs(+box[1] - 595.3) < 2 && Math.abs(+box[2] - 841.9) < 2, "A4");
  assert.ok(existsSync(SHOTS));
});

test("the fill pages' weight: HTML, CSS and JS gzipped, the Word parts and the table included", async (t) => {
  const { gzipSync } = await import("node:zlib");
  const lines = [];
  for (const form of forms) {
    const page = await site.newPage();
    const loaded = [];
    page.on("response", (r) => {
      const table = r.url().endsWith("/search/table.json");
      if (table || ["document", "stylesheet", "script"].includes(r.request().resourceType())) loaded.push(r);
    });
    await open(page, form);
    let raw = 0;
    let gz = 0;
    for (const r of loaded) {
      const body = await r.body();
      raw += body.length;
      gz += gzipSync(body, { level: 9 }).length;
      lines.push(`${form.slug}: ${String(body.length).padStart(7)} B  ${String(gzipSync(body, { level: 9 }).length).padStart(6)} B gz  ${r.url().slice(site.origin.length)}`);
    }
    lines.push(`${form.slug}: total ${raw} B, ${gz} B gzipped`);
    assert.ok(loaded.some((r) => r.url().endsWith("/assets/fill.js")), "fill.js was loaded");
    // The Word parts ship in the page, the occupation table in search/table.json; a form
    // page with all of it stays within 100 KB gzipped for a table of the notice's size.
    if (occupations.length < 200) assert.ok(gz <= 100 * 1024, `${form.slug}: ${gz} B gzipped`);
  }
  for (const line of lines) t.diagnostic(line);
  writeFileSync(artifactPath("fill-size.txt"), lines.join("\n") + "\n");
});
