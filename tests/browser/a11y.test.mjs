// Accessibility and 适老化 on every page type: the Nu HTML checker over every built page, axe-core
// (WCAG 2.1 A and AA) in headless Chromium at 375 and 1280 px in the normal, 大, 特大 and high
// contrast modes (beyond the normal mode, the rules a mode can change: see MODE_RULES); the
// skip link, focus, landmarks, titles, government meta tags; the reading settings (字号,
// 高对比度) remembered across pages and applied before the first paint; the screenshots in
// tests/artifacts/a11y-*.png.
//
// Needs the npm packages axe-core and vnu-jar (devDependencies) and Java for vnu; without Java
// or vnu.jar the vnu test fails, or skips when LINXUAN_SKIP_MISSING=1.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import {
  ROOT,
  artifactPath,
  assertInstalled,
  countText,
  expectedCodes,
  levelBox,
  readOccupations,
  screenshot,
  skipIfMissing,
  useSite,
  visibleCodes,
} from "./harness.mjs";

const site = useSite();
const occupations = readOccupations();

const AXE = path.join(ROOT, "node_modules/axe-core/axe.min.js");
const VNU = path.join(ROOT, "node_modules/vnu-jar/build/dist/vnu.jar");
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * The WCAG rules whose outcome can change with the reading mode, because a check or matcher
 * of theirs reads more of the rendering than whether an element is displayed: colours, fonts,
 * borders and backgrounds, sizes and positions, overflow and scrolling, what is on screen.
 * Taken from axe-core 4.14's source: the rules whose checks or matchers call
 * getComputedStyle, getBoundingClientRect or elementsFromPoint, directly or through
 * isVisibleOnScreen, isDataTable, isScrollable or the modal-dialog and colour helpers.
 * Every other WCAG rule reads only the DOM (elements, attributes, text) and whether each
 * element is displayed (display, visibility, opacity, content-visibility, aria-hidden).
 *
 * So in the 大, 特大 and high-contrast modes a page state is checked with these rules only when
 * its DOM and displayed elements are exactly those the normal mode showed at the same width,
 * where every rule ran (`domOf` compares them); when they differ, or the normal mode was not
 * run first, every rule runs. No violation can be missed: a rule left out saw the same input
 * in the normal mode. (Those of them that axe-core marks experimental, which a run by tag
 * leaves out, are left out here too: see axeViolations.)
 */
const MODE_RULES = [
  "color-contrast", // text and background colours, font size and weight
  "link-in-text-block", // link colours against the text around them
  "p-as-heading", // font size, weight and style of paragraphs
  "scrollable-region-focusable", // which boxes overflow and scroll
  "css-orientation-lock", // the style sheets' media rules
  "label-content-name-mismatch", // the text visible on screen
  "label", // whether an explicit <label> is visible on screen
  "select-name",
  "button-name",
  "input-button-name",
  "input-image-alt",
  "autocomplete-valid", // visible on screen
  "aria-hidden-focus", // an open modal dialog, found by position
  "table-fake-caption", // data tables are told from layout tables by borders and backgrounds
  "td-has-header",
  "th-has-data-cells",
  "object-alt", // whether an object loaded (its size)
  "blink", // on screen
  "marquee",
];

/** One page of each type, with what to wait for before checking it. */
const PAGES = [
  { type: "notice", path: "", ready: "#filter-form:not([hidden])" },
  { type: "notice, empty filter result", path: "?level=5&cat=3-02", ready: "[data-filter-empty]:not([hidden])" },
  { type: "occupation", path: "occupations/4-10-01-03/" },
  { type: "level", path: "levels/1/" },
  { type: "category (大类)", path: "categories/4/" },
  { type: "category (中类)", path: "categories/4-10/" },
  { type: "form (附件2)", path: "forms/application/" },
  { type: "form (附件3)", path: "forms/commitment/" },
  { type: "fill (附件2)", path: "forms/application/fill/?occupation=4-10-01-03", ready: "[data-fill-form][data-ready]" },
  { type: "fill (附件3)", path: "forms/commitment/fill/", ready: "[data-fill-form][data-ready]" },
  { type: "search with results", path: "search/?q=baoyushi", ready: "#search-results li" },
  { type: "updates", path: "updates/" },
  { type: "404", path: "no/such/page/" },
];

/** The reading modes: text size button and high contrast, as a reader sets them. */
const MODES = [
  { name: "normal", size: "中", contrast: false },
  { name: "大", size: "大", contrast: false },
  { name: "特大", size: "特大", contrast: false },
  { name: "high contrast", size: "中", contrast: true },
  { name: "特大 + high contrast", size: "特大", contrast: true },
];
const SIZE_ATTR = { 小: "small", 中: null, 大: "large", 特大: "xlarge" };
const ROOT_PX = { 小: 16, 中: 18, 大: 22, 特大: 26 };

const sizeButton = (page, name) =>
  page.getByRole("group", { name: "字号" }).getByRole("button", { name, exact: true });
const contrastButton = (page) => page.getByRole("button", { name: "高对比度", exact: true });

/** Sets a mode with the header controls, as a reader would. */
async function setMode(page, { size, contrast }) {
  await sizeButton(page, size).click();
  const on = (await contrastButton(page).getAttribute("aria-pressed")) === "true";
  if (on !== contrast) await contrastButton(page).click();
}

/** The settings as <html> carries them. */
function modeOf(page) {
  return page.evaluate(() => ({
    size: document.documentElement.getAttribute("data-text-size"),
    contrast: document.documentElement.getAttribute("data-contrast"),
    rootPx: parseFloat(getComputedStyle(document.documentElement).fontSize),
  }));
}

async function open(page, p) {
  const response = await page.goto(site.url(p.path));
  await page.waitForLoadState("load");
  if (p.ready) await page.locator(p.ready).first().waitFor();
  return response;
}

/**
 * What every rule but MODE_RULES reads of a page: each element with its attributes, its own
 * text and whether it is displayed. The reading settings themselves are left out: <html>'s
 * data-text-size and data-contrast, and which setting button is aria-pressed.
 */
function domOf(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll("*")) {
      const attrs = [...el.attributes]
        .filter((a) => !(el === document.documentElement && (a.name === "data-text-size" || a.name === "data-contrast")))
        .map((a) => (a.name === "aria-pressed" && el.closest("[data-reading-tools]") ? "aria-pressed" : `${a.name}=${a.value}`))
        .sort();
      const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("");
      const shown = el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true });
      out.push(`${el.tagName} ${attrs.join(" ")} ${shown ? "shown" : "hidden"} ${JSON.stringify(text)}`);
    }
    return out.join("\n");
  });
}

/** The DOM of each page state in the normal mode, by width and state: see MODE_RULES. */
const normalDom = new Map();
/** The rules a run by WCAG_TAGS ran (the normal mode's runs, before any run of MODE_RULES). */
const ranByTag = new Set();

/**
 * axe-core's WCAG 2.1 A/AA violations on the page as it is now: every rule, or only `rules`.
 */
async function axeViolations(page, rules = null) {
  if (!existsSync(AXE)) throw new Error("node_modules/axe-core is missing: it is a devDependency of package.json (npm ci)");
  // Evaluated through the debugger rather than added as a <script>: the fill pages' policy
  // allows no inline script.
  await page.evaluate(readFileSync(AXE, "utf8"));
  if (rules) {
    // A rule renamed or retagged in a newer axe-core must not silently drop out.
    const known = await page.evaluate((tags) => window.axe.getRules(tags).map((r) => r.ruleId), WCAG_TAGS);
    assert.deepEqual(rules.filter((r) => !known.includes(r)), [], "MODE_RULES not among axe-core's WCAG rules");
    // Of those, the ones a run by tag runs (it leaves out the experimental ones, which a run
    // by name would include).
    rules = rules.filter((r) => ranByTag.has(r));
  }
  const runOnly = rules ? { type: "rule", values: rules } : { type: "tag", values: WCAG_TAGS };
  const result = await page.evaluate((runOnly) => window.axe.run(document, { runOnly, resultTypes: ["violations"] }), runOnly);
  if (!rules) for (const r of [...result.violations, ...result.passes, ...result.incomplete, ...result.inapplicable]) ranByTag.add(r.id);
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${(n.failureSummary || "").replace(/\s+/g, " ")}`),
  }));
}

/** Visible text whose line height is below 1.5 times its font size. */
function tightLines(page) {
  return page.evaluate(() => {
    const bad = [];
    for (const el of document.body.querySelectorAll("*")) {
      if (!el.checkVisibility()) continue;
      if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue; // visually hidden, for screen readers only
      const s = getComputedStyle(el);
      const size = parseFloat(s.fontSize);
      const line = s.lineHeight === "normal" ? 0 : parseFloat(s.lineHeight);
      if (line < 1.5 * size - 0.01) bad.push(`${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 12)}" ${s.lineHeight}/${s.fontSize}`);
    }
    return bad;
  });
}

// ---------------------------------------------------------------------------------------------
// The Nu HTML checker

function javaWorks() {
  const r = spawnSync("java", ["-version"], { encoding: "utf8" });
  return r.status === 0;
}

/** Runs vnu over `files`; returns its messages (JSON format). */
function vnu(files) {
  const r = spawnSync("java", ["-jar", VNU, "--format", "json", "--exit-zero-always", ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  const out = (r.stderr || r.stdout).trim();
  return JSON.parse(out).messages;
}

function htmlFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(".html")) out.push(path.join(entry.parentPath ?? entry.path, entry.name));
  }
  return out.sort();
}

const vnuMissing = !existsSync(VNU)
  ? "node_modules/vnu-jar is missing (npm install vnu-jar)"
  : !javaWorks()
    ? "java is missing (apt-get install default-jre-headless)"
    : false;

test("Nu HTML checker: every built page, and pages as the scripts leave them, have no errors", { skip: skipIfMissing(vnuMissing) }, async (t) => {
  assertInstalled(vnuMissing);
  const files = htmlFiles(site.outDir);
  assert.ok(files.length >= 70, `only ${files.length} HTML files built`);
  // The DOM after the scripts ran: reading settings on, filter used, search results, and a
  // form table turned into a scrollable region on a phone.
  const tmp = mkdtempSync(path.join(tmpdir(), "linxuan-vnu-"));
  try {
    const page = await site.newPage({ width: 375 });
    await open(page, PAGES[0]);
    await setMode(page, { size: "特大", contrast: true });
    const live = [
      ["notice-filtered", "?level=1&sort=-name", "#filter-form:not([hidden])"],
      ["notice-empty", "?level=5&cat=3-02", "[data-filter-empty]:not([hidden])"],
      ["search", "search/?q=bys", "#search-results li"],
      ["form", "forms/application/", ".table-wrap[role=region]"],
      ["fill", "forms/application/fill/?occupation=4-10-01-03", "[data-fill-form][data-ready]"],
    ];
    for (const [name, p, ready] of live) {
      await open(page, { path: p, ready });
      const file = path.join(tmp, `${name}.html`);
      writeFileSync(file, "<!DOCTYPE html>\n" + (await page.evaluate(() => document.documentElement.outerHTML)));
      files.push(file);
    }
    const messages = vnu(files);
    const errors = messages.filter((m) => m.type === "error" || m.subType === "fatal");
    const warnings = messages.filter((m) => m.type !== "error" && m.subType !== "fatal");
    t.diagnostic(`vnu: ${files.length} documents, ${errors.length} errors, ${warnings.length} warnings/info`);
    for (const w of warnings) t.diagnostic(`  ${w.subType || w.type}: ${w.url.replace(/^.*?\/(site|linxuan-vnu-[^/]+)\//, "")}:${w.lastLine}: ${w.message}`);
    assert.deepEqual(
      errors.map((m) => `${m.url.replace(/^.*?\/(site|linxuan-vnu-[^/]+)\//, "")}:${m.lastLine}: ${m.message}`),
      [],
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------
// axe-core, every page type, two widths, five modes

for (const width of [375, 1280]) {
  for (const mode of MODES) {
    test(`axe-core WCAG 2.1 A/AA at ${width} px, ${mode.name}: no violations on any page type`, async (t) => {
      const page = await site.newPage({ width, height: 900 });
      await open(page, PAGES[0]);
      await setMode(page, mode);
      const found = [];
      let checked = 0;
      let partly = 0;
      /** Every rule in the normal mode; MODE_RULES where the DOM is the normal mode's. */
      const violations = async (state) => {
        const key = `${width} ${state}`;
        const dom = await domOf(page);
        if (mode.name === "normal") normalDom.set(key, dom);
        else if (normalDom.get(key) === dom) {
          partly++;
          return axeViolations(page, MODE_RULES);
        }
        return axeViolations(page);
      };
      for (const p of PAGES) {
        await open(page, p);
        // The mode set on the notice holds on every page.
        const m = await modeOf(page);
        assert.equal(m.size, SIZE_ATTR[mode.size], `${p.type}: text size`);
        assert.equal(m.contrast, mode.contrast ? "high" : null, `${p.type}: contrast`);
        assert.equal(m.rootPx, ROOT_PX[mode.size], `${p.type}: root font size`);
        for (const v of await violations(p.type)) found.push({ page: p.type, ...v });
        checked++;
        // Nothing sideways on a phone, whatever the text size (wide tables scroll in their box).
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(overflow <= 0, `${p.type}: the page scrolls sideways by ${overflow}px`);
        assert.deepEqual(await tightLines(page), [], `${p.type}: line height below 1.5`);
      }
      // The header search's suggestions, open.
      await open(page, PAGES[2]);
      await page.getByRole("combobox").fill("bao");
      await page.getByRole("listbox").waitFor();
      for (const v of await violations("search suggestions")) found.push({ page: "search suggestions", ...v });
      checked++;
      t.diagnostic(`axe: ${checked} page states (${partly} with the mode's rules only, their DOM being the normal mode's), ${found.length} violations`);
      assert.deepEqual(found, []);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Keyboard

test("the skip link is the first Tab stop on every page type and moves focus to main", async () => {
  const page = await site.newPage({ width: 1280 });
  for (const p of PAGES) {
    await open(page, p);
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(() => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return {
        text: el.textContent.trim(),
        href: el.getAttribute("href"),
        onScreen: r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.width > 20 && r.height > 20,
        outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
      };
    });
    assert.deepEqual(skip, { text: "跳到正文", href: "#main", onScreen: true, outline: true }, p.type);
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.id), "main", `${p.type}: focus is on main`);
    // The next Tab stop is inside main.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => !!document.activeElement.closest("main")), true, `${p.type}: Tab continues in main`);
  }
});

test("the reading settings are reached and used from the keyboard, with a visible focus ring", async () => {
  for (const contrast of [false, true]) {
    const page = await site.newPage({ width: 375 });
    await open(page, PAGES[2]);
    if (contrast) {
      await contrastButton(page).click();
      await page.reload(); // starts Tab from the top again; the setting persists
    }
    await page.keyboard.press("Tab"); // the skip link
    const stops = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press("Tab");
      stops.push(
        await page.evaluate(() => {
          const el = document.activeElement;
          const s = getComputedStyle(el);
          return `${el.textContent.trim()} ${s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 ? "ring" : "NO RING"}`;
        }),
      );
    }
    assert.deepEqual(stops, ["小 ring", "中 ring", "大 ring", "特大 ring", "高对比度 ring"], `contrast ${contrast}`);
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter"); // 特大
    assert.equal((await modeOf(page)).size, "xlarge");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space"); // 高对比度
    assert.equal((await modeOf(page)).contrast, contrast ? null : "high");
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "高对比度", "focus stays on the button");
  }
});

// ---------------------------------------------------------------------------------------------
// Reading settings

test("the controls are buttons with aria-pressed in the header; hidden without JavaScript", async () => {
  const page = await site.newPage({ width: 375 });
  await open(page, PAGES[2]);
  const tools = page.locator("[data-reading-tools]");
  assert.equal(await tools.isVisible(), true);
  assert.equal(await page.locator("header [data-reading-tools]").count(), 1, "in the header");
  const pressed = async () => {
    const out = {};
    for (const name of ["小", "中", "大", "特大"]) out[name] = await sizeButton(page, name).getAttribute("aria-pressed");
    out.高对比度 = await contrastButton(page).getAttribute("aria-pressed");
    return out;
  };
  assert.deepEqual(await pressed(), { 小: "false", 中: "true", 大: "false", 特大: "false", 高对比度: "false" });
  await sizeButton(page, "小").click();
  assert.deepEqual(await modeOf(page), { size: "small", contrast: null, rootPx: 16 });
  await sizeButton(page, "大").click();
  await contrastButton(page).click();
  assert.deepEqual(await pressed(), { 小: "false", 中: "false", 大: "true", 特大: "false", 高对比度: "true" });
  assert.deepEqual(await modeOf(page), { size: "large", contrast: "high", rootPx: 22 });
  // The pressed button differs by more than colour: it is inverted and bold.
  const look = await sizeButton(page, "大").evaluate((b) => getComputedStyle(b).fontWeight);
  assert.equal(look, "700");

  const nojs = await site.newPage({ width: 375, javaScriptEnabled: false });
  await nojs.goto(site.url("occupations/4-10-01-03/"));
  assert.equal(await nojs.locator("[data-reading-tools]").isVisible(), false, "hidden without JavaScript");
  assert.equal(await nojs.getByRole("button", { name: "特大" }).count(), 0, "not exposed either");
  assert.equal(await nojs.locator("[data-print]").first().isVisible().catch(() => false), false);
});

test("settings persist across navigation and reloads, and 中 clears them", async () => {
  const page = await site.newPage({ width: 1280 });
  await open(page, PAGES[0]);
  await sizeButton(page, "特大").click();
  await contrastButton(page).click();
  for (const p of [PAGES[2], PAGES[6], PAGES[8], PAGES[10]]) {
    await open(page, p);
    assert.deepEqual(await modeOf(page), { size: "xlarge", contrast: "high", rootPx: 26 }, p.type);
    assert.equal(await sizeButton(page, "特大").getAttribute("aria-pressed"), "true", p.type);
    assert.equal(await contrastButton(page).getAttribute("aria-pressed"), "true", p.type);
  }
  // A link followed from the page, and a reload.
  await page.getByRole("link", { name: "更新记录" }).first().click();
  await page.waitForURL(/updates\/$/);
  assert.deepEqual(await modeOf(page), { size: "xlarge", contrast: "high", rootPx: 26 });
  await page.reload();
  assert.deepEqual(await modeOf(page), { size: "xlarge", contrast: "high", rootPx: 26 });
  await sizeButton(page, "中").click();
  await contrastButton(page).click();
  assert.deepEqual(await modeOf(page), { size: null, contrast: null, rootPx: 18 });
  await open(page, PAGES[3]);
  assert.deepEqual(await modeOf(page), { size: null, contrast: null, rootPx: 18 });
  assert.deepEqual(await page.evaluate(() => ({ ...localStorage })), {}, "nothing left in storage");
});

test("saved settings apply before the body is parsed (no flash of the normal size)", async () => {
  const page = await site.newPage({ width: 375 });
  await open(page, PAGES[2]);
  await sizeButton(page, "大").click();
  await contrastButton(page).click();
  // Record the state of <html> at the moment <body> is inserted, before anything can paint.
  await page.addInitScript(() => {
    new MutationObserver((records, observer) => {
      if (!document.body) return;
      const html = document.documentElement;
      window.__atBody = {
        size: html.getAttribute("data-text-size"),
        contrast: html.getAttribute("data-contrast"),
        rootPx: parseFloat(getComputedStyle(html).fontSize),
        background: getComputedStyle(html).backgroundColor,
      };
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  for (const p of [PAGES[0], PAGES[6], PAGES[10]]) {
    await open(page, p);
    assert.deepEqual(
      await page.evaluate(() => window.__atBody),
      { size: "large", contrast: "high", rootPx: 22, background: "rgb(0, 0, 0)" },
      p.type,
    );
  }
});

test("a change in one tab applies in the site's other open tabs", async () => {
  const first = await site.newPage({ width: 1280 });
  await open(first, PAGES[2]);
  const second = await first.context().newPage();
  await second.goto(site.url("updates/"));
  await sizeButton(first, "大").click();
  await second.waitForFunction(() => document.documentElement.getAttribute("data-text-size") === "large");
  assert.equal(await sizeButton(second, "大").getAttribute("aria-pressed"), "true");
});

test("the filter and the table work in 特大 with high contrast, at 375 and 1280 px", async () => {
  for (const width of [375, 1280]) {
    const page = await site.newPage({ width });
    await open(page, PAGES[0]);
    await setMode(page, { size: "特大", contrast: true });
    await levelBox(page, 1).check();
    await page.getByLabel("职业类别（大类 / 中类）").selectOption("4");
    const want = expectedCodes(occupations, { levels: [1], cat: "4" });
    assert.deepEqual(await visibleCodes(page), want);
    assert.equal(await countText(page), `显示 ${want.length} / ${occupations.length} 个职业`);
    await page.getByRole("button", { name: "职业编码", exact: true }).click();
    assert.equal(await page.locator("thead th", { hasText: "职业编码" }).getAttribute("aria-sort"), "ascending");
    // The checked chip shows its state by more than colour: the checkbox and bold text.
    const chip = await levelBox(page, 1).evaluate((box) => {
      const label = box.closest("label");
      return { checked: box.checked, weight: getComputedStyle(label).fontWeight };
    });
    assert.deepEqual(chip, { checked: true, weight: "700" });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `${width} px: the page scrolls sideways by ${overflow}px`);
  }
});

test("a form table wider than a phone is a named, focusable scroll region; one that fits is not", async () => {
  const phone = await site.newPage({ width: 375 });
  await open(phone, PAGES[6]);
  await setMode(phone, { size: "特大", contrast: false });
  const regions = phone.locator(".form-body .table-wrap[role=region]");
  await regions.first().waitFor();
  const named = await regions.evaluateAll((els) => els.map((e) => [e.getAttribute("tabindex"), e.getAttribute("aria-label")]));
  assert.ok(named.length >= 1);
  for (const [tabindex, label] of named) {
    assert.equal(tabindex, "0");
    assert.match(label, /（表格可左右滚动）$/);
  }
  assert.match(named.at(-1)[1], /拟申报职业/);
  // Scrolling it from the keyboard.
  await regions.last().focus();
  await phone.keyboard.press("ArrowRight");
  await phone.keyboard.press("ArrowRight");
  // Keyboard scrolling is animated: on a busy machine the first frame of it can come late.
  const scrolled = await phone
    .waitForFunction((e) => e.scrollLeft > 0, await regions.last().elementHandle(), { timeout: 3000 })
    .then(() => true, () => false);
  assert.ok(scrolled, "arrow keys scroll the table");

  const desktop = await site.newPage({ width: 1280 });
  await open(desktop, PAGES[6]);
  assert.equal(await desktop.locator(".table-wrap[tabindex]").count(), 0, "tables that fit are no Tab stop");
});

test("打印 on the notice prints; print is black on white at the print size whatever the settings", async () => {
  const page = await site.newPage({ width: 1280 });
  await page.addInitScript(() => {
    window.__printed = 0;
    window.print = () => window.__printed++;
  });
  await open(page, PAGES[0]);
  await setMode(page, { size: "特大", contrast: true });
  const print = page.getByRole("button", { name: "打印", exact: true });
  assert.equal(await print.isVisible(), true);
  await print.click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await page.emulateMedia({ media: "print" });
  const printed = await page.evaluate(() => ({
    rootPx: getComputedStyle(document.documentElement).fontSize,
    background: getComputedStyle(document.body).backgroundColor,
    color: getComputedStyle(document.body).color,
    tools: document.querySelector("[data-reading-tools]").checkVisibility(),
    filter: document.querySelector("#filter").checkVisibility(),
    button: document.querySelector("[data-print]").checkVisibility(),
  }));
  assert.deepEqual(printed, {
    rootPx: "16px",
    background: "rgb(255, 255, 255)",
    color: "rgb(26, 26, 26)",
    tools: false,
    filter: false,
    button: false,
  });
});

// ---------------------------------------------------------------------------------------------
// Structure: lang, titles, landmarks, tables, government meta tags

test("every page type: lang, a meaningful title, one of each landmark, captioned tables with scope", async () => {
  const page = await site.newPage({ width: 1280 });
  const titles = new Set();
  for (const p of PAGES) {
    if (p.path.startsWith("?")) continue;
    await open(page, p);
    const s = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      title: document.title,
      h1: document.querySelector("h1").textContent.trim(),
      banner: document.querySelectorAll("body > header").length,
      main: document.querySelectorAll("main").length,
      nav: document.querySelectorAll("nav[aria-label]").length >= 1,
      footer: document.querySelectorAll("body > footer").length,
      uncaptioned: [...document.querySelectorAll("table.occupations")].filter((t) => !t.caption || !t.caption.textContent.trim()).length,
      unscoped: [...document.querySelectorAll("th")].filter((th) => !th.getAttribute("scope")).length,
    }));
    assert.equal(s.lang, "zh-CN", p.type);
    assert.ok(s.title.includes(s.h1) || s.title.includes(s.h1.replace(/^（单位名称）/, "")) || p.type.startsWith("form"), `${p.type}: title ${s.title} names ${s.h1}`);
    // The site's name ends every title, once: a page titled with it alone says it alone.
    const siteName = "社会评价组织再评估遴选";
    assert.ok(s.title.endsWith(` - ${siteName}`) || (s.title === siteName && s.h1 === siteName), `${p.type}: ${s.title}`);
    assert.ok(!s.title.startsWith(`${siteName} - ${siteName}`), `${p.type}: ${s.title} repeats itself`);
    assert.ok(!titles.has(s.title), `${p.type}: title ${s.title} is unique`);
    titles.add(s.title);
    assert.deepEqual([s.banner, s.main, s.nav, s.footer], [1, 1, true, 1], `${p.type}: landmarks`);
    assert.equal(s.uncaptioned, 0, `${p.type}: data tables have a caption`);
    assert.equal(s.unscoped, 0, `${p.type}: every header cell has scope`);
  }
});

test("government meta tags: SiteName and ContentSource everywhere, ColumnName, ArticleTitle and PubDate where they belong", async () => {
  const page = await site.newPage({ width: 1280 });
  const expect = {
    notice: { column: "通知公告", article: true },
    occupation: { column: "遴选职业（工种）", article: true },
    level: { column: "按等级浏览", article: false },
    "category (大类)": { column: "按职业类别浏览", article: false },
    "category (中类)": { column: "按职业类别浏览", article: false },
    "form (附件2)": { column: "申报材料", article: true },
    "form (附件3)": { column: "申报材料", article: true },
    "search with results": { column: "搜索", article: false },
    updates: { column: "更新记录", article: false },
    404: { column: null, article: false },
  };
  const config = readFileSync(path.join(ROOT, "config.toml"), "utf8");
  const value = (key) => config.match(new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, "m"))[1];
  for (const p of PAGES) {
    if (!(p.type in expect)) continue;
    await open(page, p);
    const meta = await page.evaluate(() => {
      const out = {};
      for (const m of document.querySelectorAll("meta[name]")) {
        out[m.name] = out[m.name] === undefined ? m.content : "DUPLICATE";
      }
      return out;
    });
    const want = expect[p.type];
    assert.equal(meta.SiteName, value("title"), p.type);
    assert.equal(meta.ContentSource, value("authority"), p.type);
    assert.equal(meta.ColumnName ?? null, want.column, p.type);
    if (want.article) {
      assert.ok(meta.ArticleTitle && meta.ArticleTitle !== "DUPLICATE", `${p.type}: ArticleTitle`);
      assert.equal(meta.PubDate, `${value("publish_date")} ${value("publish_time")}`, `${p.type}: PubDate`);
      assert.match(meta.PubDate, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    } else {
      assert.equal(meta.ArticleTitle, undefined, `${p.type}: no ArticleTitle on a list page`);
      assert.equal(meta.PubDate, undefined, `${p.type}: no PubDate on a list page`);
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Screenshots at 375 and 1280 px in 大 text and in high contrast, to look at.

for (const width of [375, 1280]) {
  test(`screenshots at ${width} px in 大 text and in high contrast`, async () => {
    const page = await site.newPage({ width, height: 900 });
    for (const [name, mode] of [
      ["large", { size: "大", contrast: false }],
      ["contrast", { size: "中", contrast: true }],
      ["large-contrast", { size: "大", contrast: true }],
    ]) {
      await open(page, PAGES[0]);
      await setMode(page, mode);
      await page.screenshot({ path: artifactPath(`a11y-notice-${name}-${width}.png`) });
      await screenshot(page, `a11y-notice-${name}-${width}-full`);
      await open(page, { path: "?level=1&level=2&sort=name", ready: "#filter-form:not([hidden])" });
      await levelBox(page, 2).focus();
      await page.locator("#table").screenshot({ path: artifactPath(`a11y-table-${name}-${width}.png`) });
      for (const [type, p] of [["occupation", PAGES[2]], ["form", PAGES[6]], ["search", PAGES[8]], ["404", PAGES[10]]]) {
        await open(page, p);
        await page.screenshot({ path: artifactPath(`a11y-${type}-${name}-${width}.png`) });
      }
    }
  });
}
