// Grade-range filter and sorting for the summary table (templates/partials/filter.html).
// The page works without it: the table is complete and the browse links lead to
// /levels/<n>/ and /categories/<code>/.
//
// State lives in the URL query: ?level=1&level=2&cat=4-10&q=保育&sort=-name
//   level  every checked level must be in a row's range (repeatable)
//   cat    a 大类 ("4") or 中类 ("4-10") code
//   q      text matched by match.js: name, code (with or without dashes), pinyin
//   sort   seq | name | code | count, "-" first for descending; default seq ascending
// A table longer than the notice page holds is read from the file data-table-data names
// (search/table.json, by filter-data.js); a filter lists its first matches, more on request.
// Rows carry data-code, data-levels ("5 4 3"), data-major, data-middle, data-pinyin (the
// preferred reading, "bao yu shi") and data-count; data-readings adds every spelling whole
// and as initials ("baoyushi baozhoushi bys bzs"), data-aliases the everyday names ("月嫂 保姆").
// The text is read by match.parseQuery as search reads it: a level typed beside a name
// (茶艺师三级) does not narrow, a level alone does; traditional characters by the form's data-ts.
// This module is the pure part (state, rows, sorting, texts); filter-form.js wires the page.
import * as match from "./match.js";

// ---- State in the URL ---------------------------------------------------------------------
const SORT_KEYS = ["seq", "name", "code", "count"];
const SORT_NAMES = { seq: "序号", name: "名称（拼音）", code: "职业编码", count: "拟遴选机构数量" };
const DEFAULT_STATE = { levels: [], cat: "", q: "", sortKey: "seq", sortDir: 1 };

// The state a query string asks for; an unknown sort falls back to 序号 ascending. Levels
// and category are taken as written: the page keeps only those its form offers.
function parseState(search) {
  const p = new URLSearchParams(search);
  const sort = (p.get("sort") || "").match(/^(-?)(seq|name|code|count)$/);
  return {
    levels: p.getAll("level"),
    cat: p.get("cat") || "",
    q: p.get("q") || "",
    sortKey: sort ? sort[2] : "seq",
    sortDir: sort && sort[1] ? -1 : 1,
  };
}

// The query string of a state ("" for the default view): levels ascending, the text
// trimmed, the sort only when it is not the default.
function stateQuery(state) {
  const s = Object.assign({}, DEFAULT_STATE, state);
  const p = new URLSearchParams();
  s.levels.slice().sort().forEach((v) => p.append("level", v));
  if (s.cat) p.set("cat", s.cat);
  if (s.q.trim()) p.set("q", s.q.trim());
  if (s.sortKey !== "seq" || s.sortDir !== 1) p.set("sort", (s.sortDir === 1 ? "" : "-") + s.sortKey);
  return p.toString();
}

// ---- Rows ---------------------------------------------------------------------------------

// Everything a row is filtered and sorted by, from its cells' text and data-* attributes.
function readRow({ seq, name, code, levels, major, middle, pinyin, readings, aliases, count }) {
  const syllables = match.normalize(pinyin).split(" ").filter(Boolean);
  const keys = match.pinyinTokens(syllables.join(" "));
  match.normalize(readings).split(" ").forEach((k) => { if (k && !keys.includes(k)) keys.push(k); });
  const levelList = String(levels || "").split(/\s+/).filter(Boolean);
  const aliasList = String(aliases || "").split(" ").filter(Boolean);
  return Object.assign(match.occupation(name, code, keys, aliasList, levelList), {
    seq: parseInt(seq, 10),
    codeKey: (code || "").split("-").map(Number),
    levels: levelList,
    major: major || "",
    middle: middle || "",
    pinyinKey: syllables.join(" "),
    count: Number(count) || 0,
  });
}

// A row's range includes the level ("1".."5").
const hasLevel = (row, level) => row.levels.includes(String(level));
// The row is in the 大类 ("4") or 中类 ("4-10").
const inCategory = (row, cat) => row.major === cat || row.middle === cat;
// `simplify` reads traditional characters (the form's data-ts, as search's index `ts`).
const textMatches = (row, q, simplify) => match.textMatches(row, q, simplify);

// Whether a row passes a whole state (levels, category, text).
const rowMatches = (row, state, simplify) =>
  state.levels.every((l) => hasLevel(row, l)) &&
  (!state.cat || inCategory(row, state.cat)) &&
  (!state.q || textMatches(row, state.q, simplify));

// Which single constraint to drop when nothing is shown, with the rows each choice brings
// back, most first; `constraints` are { test(row) } and come back as { c, n }.
function loosenings(rows, constraints) {
  const count = (list) => rows.filter((r) => list.every((c) => c.test(r))).length;
  return constraints.map((c) => ({ c, n: count(constraints.filter((o) => o !== c)) }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n);
}

// ---- Sorting and texts --------------------------------------------------------------------

// The order of rows for a sort key and direction (1 or -1); ties keep 序号 order.
function comparator(key, dir) {
  return (a, b) => {
    let d = 0;
    if (key === "name") d = a.pinyinKey < b.pinyinKey ? -1 : a.pinyinKey > b.pinyinKey ? 1 : 0;
    else if (key === "code") {
      for (let i = 0; !d && i < Math.max(a.codeKey.length, b.codeKey.length); i++) {
        d = (a.codeKey[i] || 0) - (b.codeKey[i] || 0);
      }
    } else if (key === "count") d = a.count - b.count;
    else d = a.seq - b.seq;
    return d * dir || a.seq - b.seq;
  };
}

// `listed` < `shown` when a long table puts only the first matching rows in the page.
const countText = (shown, total, listed = shown) =>
  listed < shown
    ? "符合 " + shown + " / " + total + " 个职业，列出前 " + listed + " 个"
    : "显示 " + shown + " / " + total + " 个职业";
// Rows a long table lists at a time once filtered: fewer rows to make and lay out.
const ROWS_STEP = 200;

const sortText = (key, dir) =>
  key === "seq" && dir === 1 ? "" : "，按" + SORT_NAMES[key] + (dir === 1 ? "升序" : "降序") + "排列";

// The table's caption for a view: a filtered table says so, and what it was filtered by, so
// a printed or copied view is not taken for the whole table; `labels` name the constraints.
const captionText = (base, labels, count, sort) =>
  labels.length ? base + "——筛选结果，不是完整汇总表：" + labels.join("，") + "；" + count + sort : base + sort;

// The line above a printed view of the table: what it is filtered (`filters`: "三级/高级工",
// "职业类别 4-10 …", "关键词“保育”") and sorted by (`sort`, sortText's), how many rows, and the
// day it is printed, so a sheet is not taken for the whole table:
// "筛选：三级/高级工 · 共 12 个职业（工种） · 打印于 2026年12月7日".
function printCaptionText(filters, sort, shown, listed, date) {
  const parts = [];
  if (filters.length) parts.push("筛选：" + filters.join("，") + sort);
  else if (sort) parts.push("排序：" + sort.replace(/^，/, ""));
  parts.push("共 " + shown + " 个职业（工种）" + (listed < shown ? "，列出前 " + listed + " 个" : ""));
  parts.push("打印于 " + date);
  return parts.join(" · ");
}

export {
  SORT_KEYS, parseState, stateQuery, readRow, hasLevel, inCategory, textMatches, rowMatches,
  loosenings, comparator, countText, sortText, captionText, printCaptionText, ROWS_STEP,
};
