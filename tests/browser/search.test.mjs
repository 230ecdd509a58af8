// Search in headless Chromium against the built site (under the /sub/ path): the shared queries
// of tests/search/cases.json typed into /search/, the header combobox and its keyboard, results
// built from text, lazy loading of the index, the ?q= round trip, the no-JavaScript fallback,
// and a measurement (printed, not asserted) of the time from a keystroke to results.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import {
  LEVEL_LABELS, ROOT, SUB_PATH, openNotice, readOccupations, until as pollPage, useSite, visibleCodes,
} from "./harness.mjs";

const site = useSite();
const occupations = readOccupations();
const byName = new Map(occupations.map((o) => [o.name, o]));
const byCode = new Map(occupations.map((o) => [o.code, o]));
const cases = JSON.parse(readFileSync(path.join(ROOT, "tests/search/cases.json"), "utf8"));
/** Code → its aliases, from the site's data/aliases.csv (`别名,职业编码`). */
const aliases = new Map();
for (const line of readFileSync(path.join(ROOT, "data/aliases.csv"), "utf8").split("\n").slice(1)) {
  const [alias, code] = line.split(",").map((c) => (c || "").trim());
  if (alias && code) aliases.set(code, [...(aliases.get(code) ?? []), alias]);
}

const INDEX = /\/search\/index\.json(\?|$)/;
// elasticlunr and the engine that uses it: loaded together, on first use.
const LIBRARY = /\/(elasticlunr\.min|search-engine)\.js(\?|$)/;
/** Generous: a loaded 2-core machine may be slow to load the index the first time. */
const WAIT = 20_000;

// ---------------------------------------------------------------------------------------------
// Helpers

/** `until` from the harness, with this file's time limit. */
const until = (page, fn, arg, options = {}) => pollPage(page, fn, arg, { timeout: WAIT, ...options });

const href = (page) => page.evaluate(() => location.href);
const qParam = async (page) => new URL(await href(page)).searchParams.get("q");

/** The levels label search.js shows: 五级/初级工 至 一级/高级技师, one level, or a list. */
function levelsLabel(levels) {
  const list = [...levels].sort((a, b) => b - a);
  if (list.length === 1) return LEVEL_LABELS[list[0]];
  const contiguous = list.every((l, i) => i === 0 || list[i - 1] === l + 1);
  if (contiguous) return `${LEVEL_LABELS[list[0]]} 至 ${LEVEL_LABELS[list.at(-1)]}`;
  return list.map((l) => LEVEL_LABELS[l]).join("、");
}

/** Waits until the /search/ page shows the results of `q` (the URL follows each rendering). */
function searchShown(page, q) {
  return until(
    page,
    (q) => {
      const status = document.getElementById("search-status").textContent;
      const box = document.getElementById("search-q").value;
      const url = new URL(location.href).searchParams.get("q");
      return box === q && url === q.trim() && status !== "";
    },
    q,
    { what: `the results of ${q}` },
  );
}

/** What the /search/ page shows: status text and results (name, code, meta, href). */
function pageResults(page) {
  return page.evaluate(() => ({
    status: document.getElementById("search-status").textContent,
    results: [...document.querySelectorAll("#search-results > li")].map((li) => {
      const a = li.querySelector("a");
      return {
        name: li.querySelector(".result-name")?.textContent ?? null,
        code: li.querySelector(".result-code")?.textContent ?? null,
        meta: [...li.querySelectorAll(".result-meta")].map((s) => s.textContent),
        href: a ? a.href : null,
      };
    }),
  }));
}

/**
 * Types `q` into `box` key by key, after clearing it. Used on /search/, where the URL tells
 * which query the shown results are for; the header box gets one `fill` (one input event), so
 * that no suggestions for a partial query can appear late.
 */
async function typeInto(box, q) {
  await box.fill("");
  await box.pressSequentially(q);
}

/**
 * The structure of one rendered result: only <span> children, each holding nothing but text.
 * Returns a description of anything else found, or "" when it is all text.
 */
function markupIn(container) {
  return container.evaluate((el) => {
    const root = el.querySelector("a") || el;
    const bad = [];
    for (const child of root.childNodes) {
      if (child.nodeType !== Node.ELEMENT_NODE || child.tagName !== "SPAN") bad.push(child.nodeName);
      else for (const inner of child.childNodes) if (inner.nodeType !== Node.TEXT_NODE) bad.push("SPAN>" + inner.nodeName);
    }
    return bad.join(",");
  });
}

/**
 * Runs each of `queries` on the open /search/ page in one evaluation, as Enter runs it (the
 * search typing runs, without waiting out the typing pause), and returns what the page shows
 * for each, as `pageResults` does. Before each query, Escape empties the box and the results,
 * so that the shown results and the URL can only be the query's own.
 */
function searchAll(page, queries) {
  return page.evaluate(async ({ queries, timeout }) => {
    const form = document.querySelector("form[data-search=page]");
    const box = document.getElementById("search-q");
    const status = document.getElementById("search-status");
    const qParam = () => new URL(location.href).searchParams.get("q");
    const until = async (ok, what) => {
      const started = performance.now();
      while (!ok()) {
        if (performance.now() - started > timeout) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const out = [];
    for (const q of queries) {
      box.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
      await until(() => box.value === "" && status.textContent === "" && qParam() === null, `the empty state before ${q}`);
      box.value = q;
      form.requestSubmit();
      await until(() => qParam() === q.trim() && status.textContent !== "", `the results of ${q}`);
      out.push({
        status: status.textContent,
        results: [...document.querySelectorAll("#search-results > li")].map((li) => {
          const a = li.querySelector("a");
          return {
            name: li.querySelector(".result-name")?.textContent ?? null,
            code: li.querySelector(".result-code")?.textContent ?? null,
            meta: [...li.querySelectorAll(".result-meta")].map((s) => s.textContent),
            href: a ? a.href : null,
          };
        }),
      });
    }
    return out;
  }, { queries, timeout: WAIT });
}

// ---------------------------------------------------------------------------------------------
// The shared queries on /search/

test("every shared query entered on /search/ finds what it must, ranks `first` first, else says no results", async () => {
  const page = await site.newPage();
  await page.goto(site.url("search/"));
  const box = page.getByLabel("职业名称、拼音或职业编码");
  assert.ok(cases.queries.length >= 20, "the shared set has its queries");
  const links = new Set();
  // Two queries typed key by key, one ranked and one with no result; then, in one evaluation,
  // every query (their results are those of `pageResults`: the page's result list).
  const typed = [cases.queries.find((c) => c.first), cases.queries.find((c) => c.expect.length === 0)];
  const shown = [];
  for (const c of typed) {
    await typeInto(box, c.q);
    await searchShown(page, c.q);
    shown.push(await pageResults(page));
  }
  shown.push(...(await searchAll(page, cases.queries.map((c) => c.q))));
  for (const [i, c] of [...typed, ...cases.queries].entries()) {
    const { status, results } = shown[i];
    const names = results.map((r) => r.name);
    const got = `${c.q} → ${names.join("、") || "(none)"}`;
    for (const name of c.expect) assert.ok(names.includes(name), `should find ${name}: ${got}`);
    for (const name of c.exclude ?? []) assert.ok(!names.includes(name), `should not find ${name}: ${got}`);
    if (c.first) assert.equal(names[0], c.first, `should rank ${c.first} first: ${got}`);
    if (c.expect.length === 0) {
      assert.deepEqual(names, [], got);
      assert.match(status, new RegExp(`^没有找到与“${c.q.trim()}”相关的结果`), got);
      assert.equal(results.length, 0, `${got}: no result item in the list`);
    } else {
      assert.equal(status, `找到 ${results.length} 个结果`, got);
    }
    for (const r of results) {
      // An occupation shows its name, code and levels, as the table has them.
      const o = byCode.get(r.code);
      if (o) {
        assert.equal(r.name, o.name, got);
        assert.equal(r.meta[0], levelsLabel(o.levels), `${got}: levels of ${o.name}`);
        // Then, if found so, the alias (one of the occupation's in data/aliases.csv) or the sound.
        for (const note of r.meta.slice(1)) {
          const alias = note.startsWith("又称：") && note.slice(3);
          assert.ok(note === "按读音匹配" || (alias && aliases.get(o.code)?.includes(alias)), `${got}: ${note}`);
        }
        assert.equal(new URL(r.href).pathname, `${SUB_PATH}occupations/${o.code}/`, got);
      } else {
        assert.ok(["附件", "通知"].includes(r.meta.at(-1)), `${got}: a form or the notice is labelled (${r.meta})`);
      }
      assert.ok(new URL(r.href).pathname.startsWith(SUB_PATH), `${got}: ${r.href} is under ${SUB_PATH}`);
      links.add(r.href);
    }
  }
  // Every result links to a page that exists (asked all at once).
  const statuses = await Promise.all([...links].map(async (link) => [link, (await page.request.get(link)).status()]));
  for (const [link, status] of statuses) assert.equal(status, 200, link);
});

test("results on /search/ are built from text: only spans, each with text only", async () => {
  const page = await site.newPage();
  await page.goto(site.url("search/?q=" + encodeURIComponent("4-10")));
  await searchShown(page, "4-10");
  const items = page.locator("#search-results > li");
  const n = await items.count();
  assert.ok(n >= 7, `4-10 lists the 中类's occupations (${n})`);
  for (let i = 0; i < n; i++) assert.equal(await markupIn(items.nth(i)), "", `result ${i} holds only text spans`);
});

test("a title with markup in the index is shown as text, never parsed (index served modified)", async () => {
  const evil = '<img src="x" onerror="window.__xss=1">保育师<b>!</b>';
  for (const where of ["header", "page"]) {
    const page = await site.newPage();
    await page.route(INDEX, async (route) => {
      const response = await route.fetch();
      const json = await response.json();
      // The shipped index is one file: the titles are in its inline document blocks.
      const block = Object.keys(json.inline).filter((id) => id.startsWith("d")).map((id) => json.inline[id]).find((b) => b.t.includes("保育师"));
      block.t[block.t.indexOf("保育师")] = evil;
      await route.fulfill({ response, json });
    });
    if (where === "header") {
      await page.goto(site.url());
      await page.locator("#site-search-q").fill("保育");
      await page.getByRole("listbox").waitFor({ state: "visible" });
    } else {
      await page.goto(site.url("search/"));
      await typeInto(page.getByLabel("职业名称、拼音或职业编码"), "保育");
      await searchShown(page, "保育");
    }
    const shown = await page.locator(".result-name").allTextContents();
    assert.ok(shown.includes(evil), `${where}: the markup is shown literally: ${shown}`);
    assert.equal(await page.locator("header img, main img, .search-suggestions img, #search-results img").count(), 0, where);
    assert.equal(await page.locator(".result-name b").count(), 0, where);
    assert.equal(await page.evaluate(() => window.__xss), undefined, `${where}: no handler ran`);
  }
});

// ---------------------------------------------------------------------------------------------
// The header combobox

test("header box: suggestions as a listbox with name, code and levels, as text", async () => {
  const page = await site.newPage();
  await page.goto(site.url());
  const box = page.locator("#site-search-q");
  assert.equal(await box.getAttribute("role"), "combobox");
  assert.equal(await box.getAttribute("aria-expanded"), "false");
  const list = page.locator("#" + (await box.getAttribute("aria-controls")));
  assert.equal(await list.getAttribute("role"), "listbox");
  assert.equal(await list.isVisible(), false);

  await box.click();
  await box.fill("4-10");
  await list.waitFor({ state: "visible" });
  assert.equal(await box.getAttribute("aria-expanded"), "true");
  const want = occupations.filter((o) => o.code.startsWith("4-10-"));
  assert.ok(want.length >= 2 && want.length <= 8, "4-10 fits the suggestion list");
  const options = list.getByRole("option");
  assert.equal(await options.count(), want.length);
  const seen = [];
  for (let i = 0; i < want.length; i++) {
    const option = options.nth(i);
    const [name, code, meta] = await Promise.all([
      option.locator(".result-name").textContent(),
      option.locator(".result-code").textContent(),
      option.locator(".result-meta").allTextContents(),
    ]);
    const o = byCode.get(code);
    assert.ok(o, `suggestion ${i} has a code of the table: ${code}`);
    assert.equal(name, o.name);
    assert.deepEqual(meta, [levelsLabel(o.levels)], `levels of ${o.name}`);
    assert.equal(await option.getAttribute("aria-selected"), "false");
    assert.equal(await markupIn(option), "", `suggestion ${i} holds only text spans`);
    seen.push(code);
  }
  assert.deepEqual(seen.sort(), want.map((o) => o.code).sort());
});

test("header box: arrows move aria-activedescendant and aria-selected, Enter opens the chosen page", async () => {
  const page = await site.newPage();
  await page.goto(site.url());
  const box = page.locator("#site-search-q");
  await box.click();
  await box.fill("4-10");
  const list = page.getByRole("listbox");
  await list.waitFor({ state: "visible" });
  const ids = await list.getByRole("option").evaluateAll((els) => els.map((e) => e.id));
  assert.ok(ids.length >= 3);
  assert.equal(new Set(ids).size, ids.length, "options have distinct ids");

  const state = () =>
    page.evaluate(() => {
      const input = document.getElementById("site-search-q");
      return {
        active: input.getAttribute("aria-activedescendant"),
        selected: [...document.querySelectorAll("[role=listbox] [role=option][aria-selected=true]")].map((o) => o.id),
        focus: document.activeElement.id,
      };
    });
  const expectActive = async (i, label) => {
    const s = await state();
    assert.equal(s.focus, "site-search-q", `${label}: focus stays in the box`);
    if (i < 0) {
      assert.equal(s.active, null, label);
      assert.deepEqual(s.selected, [], label);
    } else {
      assert.equal(s.active, ids[i], label);
      assert.deepEqual(s.selected, [ids[i]], label);
    }
  };
  await expectActive(-1, "typed");
  await page.keyboard.press("ArrowDown");
  await expectActive(0, "ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expectActive(1, "ArrowDown ×2");
  await page.keyboard.press("ArrowDown");
  await expectActive(2, "ArrowDown ×3");
  await page.keyboard.press("ArrowUp");
  await expectActive(1, "ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expectActive(0, "ArrowUp ×2");
  await page.keyboard.press("ArrowUp");
  await expectActive(-1, "ArrowUp back to the box");
  await page.keyboard.press("ArrowUp");
  await expectActive(ids.length - 1, "ArrowUp wraps to the last");
  await page.keyboard.press("ArrowDown");
  await expectActive(-1, "ArrowDown wraps back to the box");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expectActive(1, "ArrowDown ×2 again");

  const chosen = page.locator("#" + ids[1]);
  const code = await chosen.locator(".result-code").textContent();
  const o = byCode.get(code);
  await Promise.all([page.waitForURL(site.url(`occupations/${code}/`), { timeout: WAIT }), page.keyboard.press("Enter")]);
  assert.equal(new URL(await href(page)).pathname, `${SUB_PATH}occupations/${code}/`);
  assert.match(await page.locator("h1").textContent(), new RegExp(o.name));
});

test("header box: Escape closes the list, a second Escape clears the box; blur closes", async () => {
  const page = await site.newPage();
  await page.goto(site.url());
  const box = page.locator("#site-search-q");
  const list = page.getByRole("listbox");
  await box.click();
  await box.fill("保育");
  await list.waitFor({ state: "visible" });
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Escape");
  assert.equal(await list.isVisible(), false);
  assert.equal(await box.getAttribute("aria-expanded"), "false");
  assert.equal(await box.getAttribute("aria-activedescendant"), null);
  assert.equal(await box.inputValue(), "保育", "the first Escape keeps the query");
  assert.equal(new URL(await href(page)).pathname, SUB_PATH, "Escape does not navigate");
  await page.keyboard.press("Escape");
  assert.equal(await box.inputValue(), "");

  await box.fill("电工");
  await list.waitFor({ state: "visible" });
  await page.locator("h1").first().click();
  await list.waitFor({ state: "hidden" });
  assert.equal(await box.getAttribute("aria-expanded"), "false");
});

test("header box: no results is said; many results offer the full list; Enter alone searches", async () => {
  const page = await site.newPage();
  await page.goto(site.url());
  const box = page.locator("#site-search-q");
  const list = page.getByRole("listbox");
  await box.click();
  await box.fill("不存在的职业");
  await list.waitFor({ state: "visible" });
  assert.equal(await list.getByRole("option").count(), 1);
  assert.equal(await list.getByRole("option").textContent(), "没有找到相关结果");
  assert.equal(await list.getByRole("option").getAttribute("aria-disabled"), "true");

  // 工 is in many names: eight suggestions and a last option for the full list.
  await box.fill("工");
  await until(page, () => document.querySelector(".search-more"), null, { what: "the 查看全部 option" });
  const options = list.getByRole("option");
  assert.equal(await options.count(), 9);
  const more = (await options.nth(8).textContent()).match(/^查看全部 (\d+) 个结果$/);
  assert.ok(more, "the last option offers every result");
  await page.keyboard.press("ArrowUp");
  await Promise.all([page.waitForURL(/\/search\/\?q=/, { timeout: WAIT }), page.keyboard.press("Enter")]);
  assert.equal(await qParam(page), "工");
  await searchShown(page, "工");
  assert.equal((await pageResults(page)).status, `找到 ${more[1]} 个结果`, "the same count on /search/");

  // Enter with no option chosen submits the form to /search/?q=.
  await page.goto(site.url());
  await box.click();
  await page.locator("#site-search-q").fill("保育");
  await list.waitFor({ state: "visible" });
  await Promise.all([page.waitForURL(/\/search\/\?q=/, { timeout: WAIT }), page.keyboard.press("Enter")]);
  assert.equal(new URL(await href(page)).pathname, `${SUB_PATH}search/`);
  await searchShown(page, "保育");
  assert.deepEqual((await pageResults(page)).results.map((r) => r.name), ["保育师"]);
});

test("header box: clicking a suggestion opens its page", async () => {
  const page = await site.newPage();
  await page.goto(site.url());
  const box = page.locator("#site-search-q");
  await box.click();
  await box.fill("bys");
  const option = page.getByRole("option").first();
  await option.waitFor({ state: "visible" });
  assert.equal(await option.locator(".result-name").textContent(), "保育师");
  await Promise.all([page.waitForURL(site.url(`occupations/${byName.get("保育师").code}/`), { timeout: WAIT }), option.click()]);
});

// ---------------------------------------------------------------------------------------------
// Lazy loading

for (const [label, url, box] of [
  ["the notice page's header box", "", "#site-search-q"],
  ["an occupation page's header box", "occupations/4-10-01-03/", "#site-search-q"],
  ["the /search/ page's box", "search/", "#search-q"],
]) {
  test(`lazy loading: ${label} loads the index and elasticlunr only when used`, async () => {
    const page = await site.newPage();
    const requested = [];
    page.on("request", (r) => requested.push(r.url()));
    await page.goto(site.url(url));
    await page.waitForLoadState("networkidle");
    assert.ok(requested.some((u) => u.endsWith("/assets/search.js")), "search.js itself is loaded");
    assert.deepEqual(requested.filter((u) => INDEX.test(u) || LIBRARY.test(u)), [], "nothing loaded on page load");
    // Scrolling and moving the mouse over the page load nothing either.
    await page.mouse.move(200, 300);
    await page.mouse.wheel(0, 400);
    await page.waitForLoadState("networkidle");
    assert.deepEqual(requested.filter((u) => INDEX.test(u) || LIBRARY.test(u)), []);

    const input = page.locator(box);
    const loaded = Promise.all([
      page.waitForRequest(INDEX, { timeout: WAIT }),
      page.waitForRequest(LIBRARY, { timeout: WAIT }),
    ]);
    if (box === "#search-q") {
      // The page's box loads on the first keystroke.
      await input.focus();
      await input.pressSequentially("bys");
    } else {
      // The header box loads on focus, before the first keystroke.
      await input.focus();
    }
    await loaded;
    await input.fill("保育");
    await input.pressSequentially("师");
    await page.waitForLoadState("networkidle");
    assert.equal(requested.filter((u) => INDEX.test(u)).length, 1, "the index is fetched once");
    assert.equal(requested.filter((u) => LIBRARY.test(u)).length, 2, "elasticlunr and the engine are fetched once each");
  });
}

// ---------------------------------------------------------------------------------------------
// The answer line, marks, and one matcher for the header, /search/ and the table filter

test("the answer line above the results says in or out of range, or the range with the page", async () => {
  const page = await site.newPage();
  const line = page.locator("#search-answer");
  for (const c of cases.answers) {
    await page.goto(site.url("search/?q=" + encodeURIComponent(c.q)));
    await searchShown(page, c.q);
    assert.equal(await line.getAttribute("aria-live"), "polite", "screen readers hear it");
    if (!c.answer) {
      assert.equal(await line.isVisible(), false, `${c.q}: no answer line`);
      continue;
    }
    // The answer, then whether the deadline has passed (tests/browser/apply.test.mjs sets the clock).
    const text = await line.evaluate((el) => el.firstChild.textContent);
    assert.ok(text.startsWith(c.answer), `${c.q}: ${text}`);
    assert.match(text.slice(c.answer.length), /^(；申报还剩 \d+ 天|；申报今天截止|；本次申报已截止)。$/, c.q);
    const link = line.getByRole("link");
    const o = byName.get(c.link ?? c.answer.split(" · ")[0]);
    assert.equal(new URL(await link.getAttribute("href"), site.url()).pathname, `${SUB_PATH}occupations/${o.code}/`);
  }
});

test("results found through an alias or by sound say so", async () => {
  const page = await site.newPage();
  for (const [q, note] of [["月嫂", "又称：月嫂"], ["查艺师", "按读音匹配"]]) {
    await page.goto(site.url("search/?q=" + encodeURIComponent(q)));
    await searchShown(page, q);
    const { results } = await pageResults(page);
    assert.ok(results.length > 0 && results[0].meta.includes(note), `${q}: ${JSON.stringify(results[0])}`);
  }
});

test("the header box, /search/ and the table filter show the same occupations for the shared texts", async () => {
  const page = await site.newPage();
  assert.ok(cases.agree.length >= 20);
  // /search/: every text in one evaluation, the first also opened as /search/?q=.
  await page.goto(site.url("search/?q=" + encodeURIComponent(cases.agree[0])));
  await searchShown(page, cases.agree[0]);
  const opened = (await pageResults(page)).results.filter((r) => r.code).map((r) => r.code);
  const onSearch = (await searchAll(page, cases.agree)).map(({ results }) => results.filter((r) => r.code).map((r) => r.code));
  assert.deepEqual(onSearch[0], opened, `${cases.agree[0]}: /search/?q= and entered on /search/`);

  // The notice, once: its first text opened as ?q=, then each text typed into the filter's box
  // and into the header box.
  await openNotice(site, page, "?q=" + encodeURIComponent(cases.agree[0]));
  assert.deepEqual([...(await visibleCodes(page))].sort(), [...onSearch[0]].sort(), `${cases.agree[0]}: filter opened with ?q= vs /search/`);
  const filterBox = page.getByLabel("名称、编码或拼音");
  const box = page.locator("#site-search-q");
  const list = page.getByRole("listbox");
  for (const [i, q] of cases.agree.entries()) {
    const found = onSearch[i];
    await filterBox.fill(q);
    // The filter writes its state into the URL once the table shows it.
    await until(page, (q) => (new URL(location.href).searchParams.get("q") ?? "") === q.trim(), q, { what: `the filter's rows for ${q}` });
    const shown = await visibleCodes(page);
    assert.deepEqual([...shown].sort(), [...found].sort(), `${q}: filter vs /search/`);

    // Leaving the filter's box closed the header's list, so the list that opens is this text's.
    assert.equal(await list.isVisible(), false, `${q}: the header's list is closed before typing`);
    await box.click();
    await box.fill(q);
    await list.waitFor({ state: "visible", timeout: WAIT });
    await until(page, () => document.querySelector("#site-search-q-list li") !== null, undefined, { what: "suggestions" });
    const codes = await list.locator(".result-code").allTextContents();
    const more = await list.locator(".search-more").allTextContents();
    assert.deepEqual(codes, found.slice(0, codes.length), `${q}: header suggestions in the order of /search/`);
    if (more.length) assert.match(more[0], new RegExp(`查看全部 \\d+ 个结果`));
    else assert.equal(codes.length, found.length, `${q}: every occupation suggested`);
  }
});

// ---------------------------------------------------------------------------------------------
// The debounce on a fresh page

test("a fresh page's first input of a whole word runs at once; keystrokes wait for the debounce", async () => {
  const page = await site.newPage();
  // Fake timers, paused: a search that waited for the 120 ms debounce would never run.
  await page.clock.install();
  await page.goto(site.url("search/"));
  await page.clock.pauseAt(Date.now() + 5_000);
  const box = page.getByLabel("职业名称、拼音或职业编码");
  await box.fill("保育");
  await searchShown(page, "保育");
  assert.ok((await pageResults(page)).results.some((r) => r.name === "保育师"), "results without the clock running");
  // Later inputs wait for the debounce.
  await box.fill("电工");
  await until(page, () => document.getElementById("search-q").value === "电工", null, { what: "the box" });
  assert.equal(await qParam(page), "保育", "not yet");
  await page.clock.runFor(200);
  await searchShown(page, "电工");

  // One character first (a keystroke): it waits too.
  const typing = await site.newPage();
  await typing.clock.install();
  await typing.goto(site.url("search/"));
  await typing.clock.pauseAt(Date.now() + 5_000);
  await typing.getByLabel("职业名称、拼音或职业编码").fill("电");
  await typing.evaluate(() => 0);
  assert.equal(await qParam(typing), null, "a keystroke waits for the debounce");
  await typing.clock.runFor(200);
  await searchShown(typing, "电");
});

// ---------------------------------------------------------------------------------------------
// The ?q= round trip

test("?q= restores the query and results; typing replaces the URL, Enter pushes, back restores", async () => {
  const page = await site.newPage();
  // Fake timers, paused once the page is up: the 120 ms debounce fires only when the test runs
  // the clock, so "Enter before the debounce" is exact however slow the machine is.
  await page.clock.install();
  await page.goto(site.url("search/?q=" + encodeURIComponent("保育")));
  const box = page.getByLabel("职业名称、拼音或职业编码");
  await searchShown(page, "保育");
  await page.clock.pauseAt(Date.now() + 5_000);
  assert.equal(await box.inputValue(), "保育");
  assert.deepEqual((await pageResults(page)).results.map((r) => r.name), ["保育师"]);
  const length0 = await page.evaluate(() => history.length);

  // Typing: the URL follows by replaceState.
  await box.fill("电工");
  await page.clock.runFor(200);
  await searchShown(page, "电工");
  assert.equal(await qParam(page), "电工");
  assert.equal(await page.evaluate(() => history.length), length0, "typing adds no history entry");
  assert.ok((await pageResults(page)).results.some((r) => r.name === "电工"));

  // Enter: a new history entry.
  await box.fill("护理");
  await box.press("Enter");
  await searchShown(page, "护理");
  await page.clock.runFor(200);
  assert.equal(await page.evaluate(() => history.length), length0 + 1, "Enter pushes an entry");
  assert.ok((await pageResults(page)).results.some((r) => r.name === "养老护理员"));

  // Back: the previous query and its results.
  await page.goBack();
  await searchShown(page, "电工");
  assert.equal(await box.inputValue(), "电工");
  assert.ok((await pageResults(page)).results.some((r) => r.name === "电工"));
  assert.ok(!(await pageResults(page)).results.some((r) => r.name === "养老护理员"));
  // Forward again.
  await page.goForward();
  await searchShown(page, "护理");
  assert.ok((await pageResults(page)).results.some((r) => r.name === "养老护理员"));
});

test("a shared ?q= URL with spaces and pinyin restores in a fresh page; an empty ?q= shows no state", async () => {
  const page = await site.newPage();
  await page.goto(site.url("search/?q=" + encodeURIComponent("电工 一级")));
  await searchShown(page, "电工 一级");
  assert.equal((await pageResults(page)).results[0].name, "电工");
  await page.goto(site.url("search/?q="));
  await page.waitForLoadState("networkidle");
  assert.equal(await page.locator("#search-status").textContent(), "");
  assert.equal(await page.locator("#search-results > li").count(), 0);
});

test(
  "typing, waiting for the results, then Enter also pushes: back restores the query before",
  async () => {
    const page = await site.newPage();
    await page.goto(site.url("search/?q=" + encodeURIComponent("保育")));
    const box = page.getByLabel("职业名称、拼音或职业编码");
    await searchShown(page, "保育");
    await typeInto(box, "护理");
    await searchShown(page, "护理");
    await box.press("Enter");
    await page.goBack();
    assert.equal(new URL(await href(page)).pathname, `${SUB_PATH}search/`, "back stays on /search/");
    await searchShown(page, "保育");
    assert.equal(await box.inputValue(), "保育");
  },
);

// ---------------------------------------------------------------------------------------------
// Without JavaScript

test("without JavaScript the header form goes to /search/?q=…, which leads to the full table", async () => {
  const page = await site.newPage({ javaScriptEnabled: false });
  await page.goto(site.url("occupations/4-10-01-03/"));
  const box = page.locator("#site-search-q");
  await box.fill("保育");
  await Promise.all([page.waitForURL(/\/search\/\?q=/, { timeout: WAIT }), box.press("Enter")]);
  const url = new URL(await href(page));
  assert.equal(url.pathname, `${SUB_PATH}search/`);
  assert.equal(url.searchParams.get("q"), "保育");
  assert.equal(await page.locator("#search-results > li").count(), 0);

  // The table is not repeated here (it would double the largest page of a big table):
  // the fallback links to it on the notice page and offers the level and category lists.
  const fallback = page.locator(".search-fallback");
  assert.equal(await fallback.isVisible(), true);
  assert.match(await fallback.innerText(), new RegExp(`共 ${occupations.length} 个`));
  const levelLinks = fallback.locator("#by-level a");
  assert.equal(await levelLinks.count(), 5);
  await Promise.all([page.waitForURL(/#table$/, { timeout: WAIT }), fallback.locator('a[href$="#table"]').click()]);
  assert.equal(new URL(await href(page)).pathname, SUB_PATH);
  const rows = page.locator("#table table tbody tr");
  assert.equal(await rows.count(), occupations.length);
  const codes = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.code));
  for (const o of occupations) assert.ok(codes.includes(o.code), `${o.code} is listed`);

  // The /search/ page's own form goes to /search/?q= as well.
  await page.goto(site.url("search/"));
  const own = page.locator("#search-q");
  await own.fill("电工");
  await Promise.all([page.waitForURL(/q=%E7%94%B5%E5%B7%A5/, { timeout: WAIT }), page.locator(".search-page-form button[type=submit]").click()]);
  assert.equal(await page.locator(".search-fallback").isVisible(), true);
});

// ---------------------------------------------------------------------------------------------
// Latency, measured and printed (never asserted)

/** Median and 95th percentile (nearest rank) of a list of numbers. */
function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { median: sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2, p95: at(0.95) };
}
const ms = (n) => n.toFixed(1);

test("latency from keystroke to results in Chromium (printed, not asserted)", async () => {
  const page = await site.newPage();
  // Marks in the page: each input event, the 120 ms debounce timer firing (wrapped, so the
  // debounce can be excluded), and the replaceState that ends each rendering in run().
  await page.addInitScript(() => {
    const marks = (window.__marks = { input: [], fired: [], done: [] });
    const realSetTimeout = window.setTimeout;
    window.setTimeout = function (fn, delay, ...rest) {
      if (delay === 120 && typeof fn === "function") {
        return realSetTimeout.call(window, function () {
          marks.fired.push(performance.now());
          return fn.apply(this, arguments);
        }, delay, ...rest);
      }
      return realSetTimeout.call(window, fn, delay, ...rest);
    };
    const replace = history.replaceState.bind(history);
    history.replaceState = function (...args) {
      const result = replace(...args);
      marks.done.push(performance.now());
      return result;
    };
    document.addEventListener("input", () => marks.input.push(performance.now()), true);
  });
  await page.goto(site.url("search/"));
  const box = page.locator("#search-q");

  // First use: loading elasticlunr and the index, and preparing it.
  const loadStart = Date.now();
  await box.fill("bys");
  await searchShown(page, "bys");
  const firstUse = Date.now() - loadStart;

  const queries = cases.queries.map((c) => c.q).slice(0, 20);
  const searchAndRender = [];
  const endToEnd = [];
  for (const q of queries) {
    const before = await page.evaluate(() => ({ input: __marks.input.length, fired: __marks.fired.length, done: __marks.done.length }));
    await box.fill(q);
    await searchShown(page, q);
    const m = await page.evaluate((b) => ({
      input: __marks.input.slice(b.input),
      fired: __marks.fired.slice(b.fired),
      done: __marks.done.slice(b.done),
    }), before);
    assert.equal(m.input.length, 1, `${q}: one input event`);
    assert.equal(m.fired.length, 1, `${q}: one debounced run`);
    assert.ok(m.done.length >= 1, `${q}: rendered`);
    searchAndRender.push(m.done.at(-1) - m.fired[0]);
    endToEnd.push(m.done.at(-1) - m.input[0]);
  }

  // The matching alone: the same search() of static/assets/search-engine.js, called directly.
  const direct = await page.evaluate(async ({ queries, base }) => {
    const engine = await import(base + "assets/search-engine.js");
    const raw = await (await fetch(base + "search/index.json")).json();
    let t0 = performance.now();
    const data = engine.prepare(window.elasticlunr, raw, base);
    const prepare = performance.now() - t0;
    const times = [];
    for (const q of queries) {
      t0 = performance.now();
      engine.search(data, q);
      times.push(performance.now() - t0);
    }
    return { prepare, times };
  }, { queries, base: SUB_PATH });

  const a = stats(searchAndRender);
  const b = stats(endToEnd);
  const c = stats(direct.times);
  const lines = [
    `search latency: median ${ms(a.median)} ms, p95 ${ms(a.p95)} ms (${searchAndRender.length} queries) — debounce timer firing → results in the DOM (search + render + replaceState)`,
    `search latency incl. 120 ms debounce: median ${ms(b.median)} ms, p95 ${ms(b.p95)} ms (${endToEnd.length} queries) — input event → results in the DOM`,
    `search() alone: median ${ms(c.median)} ms, p95 ${ms(c.p95)} ms (${direct.times.length} queries); prepare(index) ${ms(direct.prepare)} ms; first use (load + prepare + first results) ${firstUse} ms`,
  ];
  for (const line of lines) console.log(line);
});
