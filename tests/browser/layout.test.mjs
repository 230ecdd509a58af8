// Small screens (cards, nothing cut off), table semantics, contrast, and the layout of the
// notice, the filter, a filtered table and the empty state at 375 px and 1280 px: asserted,
// and kept as screenshots in tests/artifacts/.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { artifactPath, levelBox, openNotice, readOccupations, screenshot, useSite } from "./harness.mjs";

const site = useSite();
const occupations = readOccupations();

/** Elements whose content spills out of their box or past the viewport's right edge. */
function cutOff(page) {
  return page.evaluate(() => {
    const bad = [];
    const vw = document.documentElement.clientWidth;
    const els = document.querySelectorAll(
      "#filter label, #filter legend, #filter button, #filter p, #filter summary, #filter input," +
        "table.occupations caption, table.occupations th, table.occupations td, table.occupations tr",
    );
    for (const el of els) {
      if (!el.checkVisibility()) continue;
      const r = el.getBoundingClientRect();
      if (r.width <= 1 && r.height <= 1) continue; // visually hidden, for screen readers only
      if (r.right > vw + 0.5 || r.left < -0.5) bad.push(`${el.tagName} "${el.textContent.trim().slice(0, 20)}" at ${r.left}-${r.right}`);
      else if (el.scrollWidth > el.clientWidth + 1 && el.tagName !== "INPUT") {
        bad.push(`${el.tagName} "${el.textContent.trim().slice(0, 20)}" overflows ${el.scrollWidth} > ${el.clientWidth}`);
      }
    }
    return bad;
  });
}

for (const width of [360, 375, 400]) {
  test(`at ${width} px rows are cards and nothing is cut off`, async () => {
    const page = await site.newPage({ width, height: 800 });
    await openNotice(site, page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
    assert.deepEqual(await cutOff(page), []);
    const display = await page.$eval("table.occupations tbody tr", (tr) => getComputedStyle(tr).display);
    assert.equal(display, "grid", "rows are laid out as cards");
    // The card labels each value.
    const label = await page.$eval("table.occupations tbody td:nth-child(3)", (td) => getComputedStyle(td, "::before").content);
    assert.equal(label, '"职业编码"');
    // The empty state and the sort bar fit too.
    await page.goto(site.url("?level=5&cat=3-02&sort=-count"));
    await page.locator("[data-filter-empty]").waitFor();
    assert.deepEqual(await cutOff(page), []);
  });
}

test("cards keep the table's semantics for screen readers", async () => {
  const page = await site.newPage({ width: 375 });
  await openNotice(site, page);
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  const roles = {};
  for (const n of nodes) {
    const role = n.role && n.role.value;
    if (role) roles[role] = (roles[role] || 0) + 1;
  }
  assert.equal(roles.table, 1, JSON.stringify(roles));
  assert.equal(roles.row, occupations.length + 1, "the header row and one row per occupation");
  assert.equal(roles.rowheader, occupations.length);
  assert.equal(roles.columnheader, 5, "every column keeps its header");
  assert.equal(roles.cell, occupations.length * 4);
});

/** Text colour against the effective background, for every visible text in the filter and table. */
function lowContrast(page) {
  return page.evaluate(() => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const lum = ({ r, g, b }) => {
      const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el) => {
      for (; el; el = el.parentElement) {
        const c = parse(getComputedStyle(el).backgroundColor);
        if (c && c.a > 0.99) return c;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const ratio = (x, y) => {
      const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p);
      return (a + 0.05) / (b + 0.05);
    };
    const bad = [];
    const check = (el, style, what) => {
      const fg = parse(style.color);
      const r = ratio(fg, background(el));
      if (r < 4.5) bad.push(`${what} ${style.color} on ${JSON.stringify(background(el))}: ${r.toFixed(2)}`);
    };
    const root = document.querySelectorAll("#filter *, table.occupations *");
    for (const el of root) {
      if (!el.checkVisibility()) continue;
      const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (hasText) check(el, getComputedStyle(el), `${el.tagName} "${el.textContent.trim().slice(0, 12)}"`);
      const before = getComputedStyle(el, "::before");
      if (before.content && before.content !== "none" && before.content !== '""' && before.content !== "normal") {
        check(el, before, `${el.tagName}::before ${before.content}`);
      }
      if (el.tagName === "INPUT" && el.placeholder) check(el, getComputedStyle(el, "::placeholder"), "placeholder");
    }
    return bad;
  });
}

for (const width of [375, 1280]) {
  test(`contrast of every text in the filter and table is at least 4.5:1 at ${width} px`, async () => {
    const page = await site.newPage({ width });
    await openNotice(site, page, "?level=2&sort=name");
    assert.deepEqual(await lowContrast(page), []);
    await page.goto(site.url("?level=5&cat=3-02"));
    await page.locator("[data-filter-empty]").waitFor();
    assert.deepEqual(await lowContrast(page), []);
  });
}

/**
 * Layout problems in `selector` (#filter, #table) as the reader sees it: a part past the
 * viewport's sides, two controls of the filter drawn over each other, a table row over the
 * next or outside the table, a cell outside its row (a card at phone widths).
 */
function layoutProblems(page, selector) {
  return page.evaluate((selector) => {
    const bad = [];
    const vw = document.documentElement.clientWidth;
    const box = (el) => el.getBoundingClientRect();
    const name = (el) => `${el.tagName} "${el.textContent.trim().slice(0, 16)}"`;
    const shown = (el) => el.checkVisibility() && box(el).width >= 1 && box(el).height >= 1;
    const inside = (r, o, what) => {
      if (r.left < o.left - 0.5 || r.right > o.right + 0.5) bad.push(`${what}: ${r.left}–${r.right} outside ${o.left}–${o.right}`);
    };
    const root = document.querySelector(selector);
    inside(box(root), { left: 0, right: vw }, `${selector} in the viewport`);
    const controls = [...root.querySelectorAll("h3, legend, label, select, input[type=search], button, summary, .filter-status")].filter(shown);
    for (let i = 0; i < controls.length; i++) {
      inside(box(controls[i]), { left: 0, right: vw }, `${name(controls[i])} in the viewport`);
      for (let j = i + 1; j < controls.length; j++) {
        const [a, b] = [controls[i], controls[j]];
        if (a.contains(b) || b.contains(a)) continue;
        const [p, q] = [box(a), box(b)];
        const x = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const y = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (x > 0.5 && y > 0.5) bad.push(`${name(a)} and ${name(b)} overlap by ${x}×${y} px`);
      }
    }
    const table = root.querySelector("table.occupations");
    if (table) {
      const rows = [...table.tBodies[0].rows].filter(shown);
      if (!rows.length) bad.push("the table shows no row");
      rows.forEach((tr, i) => {
        inside(box(tr), box(table), `row ${i + 1} in the table`);
        if (i > 0 && box(tr).top < box(rows[i - 1]).bottom - 0.5) bad.push(`row ${i + 1} is drawn over row ${i}`);
        for (const cell of [...tr.cells].filter(shown)) {
          const [c, r] = [box(cell), box(tr)];
          if (c.left < r.left - 0.5 || c.right > r.right + 0.5 || c.top < r.top - 0.5 || c.bottom > r.bottom + 0.5) {
            bad.push(`row ${i + 1}: ${name(cell)} outside its row`);
          }
        }
      });
    }
    return bad;
  }, selector);
}

/** Width and height of a PNG file, from its IHDR chunk. */
function pngSize(file) {
  const png = readFileSync(file);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

// Each state is asserted as laid out, then kept as a screenshot in tests/artifacts/ for a person
// to look at.
for (const width of [375, 1280]) {
  test(`at ${width} px the notice, the filter, a filtered table and the empty state are laid out whole`, async () => {
    const page = await site.newPage({ width, height: 900 });
    await openNotice(site, page);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const file = await screenshot(page, `notice-${width}`);
    assert.deepEqual(pngSize(file), { width, height }, "the whole page is as wide as the viewport");
    assert.deepEqual(await layoutProblems(page, "#filter"), []);
    assert.deepEqual(await layoutProblems(page, "#table"), []);
    await page.locator("#filter").screenshot({ path: artifactPath(`filter-${width}.png`) });

    await openNotice(site, page, "?level=1&level=2&cat=4&sort=name");
    const rows = await page.evaluate(() => [...document.querySelectorAll("table.occupations tbody tr")].filter((tr) => tr.checkVisibility()).length);
    assert.equal(rows, occupations.filter((o) => o.code.startsWith("4-") && o.levels.includes(1) && o.levels.includes(2)).length);
    assert.deepEqual(await layoutProblems(page, "#table"), []);
    await page.locator("#table").screenshot({ path: artifactPath(`table-filtered-sorted-${width}.png`) });

    await openNotice(site, page, "?level=5&cat=3-02");
    await levelBox(page, 5).focus();
    const empty = page.locator("[data-filter-empty]");
    assert.ok(await empty.isVisible(), "the empty state is shown");
    assert.deepEqual(await layoutProblems(page, "#filter"), []);
    // The focused box is drawn with a ring (on its label) that the screenshot shows.
    const ring = await levelBox(page, 5).evaluate((input) => {
      const style = getComputedStyle(input.closest("label"));
      return { outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2, shadow: style.boxShadow !== "none" };
    });
    assert.ok(ring.outline || ring.shadow, `the focused level box shows where the focus is: ${JSON.stringify(ring)}`);
    await page.locator("#filter").screenshot({ path: artifactPath(`empty-state-${width}.png`) });
  });
}
