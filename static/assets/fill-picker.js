// The fill pages' occupation pickers: the occupations of search/table.json (read by the
// notice filter's decoder, filter-data.js) matched as search matches them, and the checks of
// the rows. The pure functions are handed the matcher and the decoder, as the tests hand them.
import * as match from "./match.js";
import { combobox } from "./combobox.js";

// The table from search/table.json, read by the notice filter's decoder (`reader`,
// filter-data.js): code, name and level numbers, and the decoder's row as `m`, which the
// matcher reads as it reads the filter's rows (pinyin keys made when a pinyin term first asks).
function occupations(data, reader) {
  return reader.rowsFromData(data).map((row) => ({ code: row.code, name: row.title, levels: row.levels.map(Number), m: row }));
}

// The occupations a typed text picks, table order, at most `limit`. A level alone (三级)
// picks none: it says nothing of which occupation.
function matchOccupations(list, text, match, limit = 8) {
  const parsed = match.parseQuery(text);
  if (!parsed.text) return [];
  const matches = match.matcher(parsed);
  const out = [];
  for (const o of list) {
    if (matches(o.m)) out.push(o);
    if (out.length >= limit) break;
  }
  return out;
}

// The occupation a text names outright: its name, or its whole code.
function exactOccupation(list, text, match) {
  const q = match.normalize(text);
  if (!q) return null;
  const code = match.wholeCode(q.replace(/ /g, ""));
  return list.find((o) => o.m.name === q || (code && o.code === code)) || null;
}

// The level choices of an occupation: [[5, "五级"], …], in the table's order.
const levelChoices = (occupation, levels) => levels.filter(([n]) => occupation.levels.includes(n));

// Problems of the rows: a level outside its occupation's range, an occupation not in the
// table, the same occupation and level twice. [{row, column, message}], rows from 0.
function rowProblems(rows, list, levels, columns) {
  const out = [];
  const seen = new Map();
  rows.forEach((row, i) => {
    const name = (row[columns.occupation] || "").trim();
    const code = (row[columns.code] || "").trim();
    const level = (row[columns.level] || "").trim();
    if (!name && !code) return;
    const o = list.find((x) => x.code === code && x.name === name);
    if (!o) {
      out.push({ row: i, column: columns.occupation, message: "请从本次遴选的职业（工种）中选择" });
      return;
    }
    if (level) {
      const allowed = levelChoices(o, levels).map(([, n]) => n);
      if (!allowed.includes(level)) {
        out.push({ row: i, column: columns.level, message: `${o.name}的等级范围为${allowed.join("、")}` });
        return;
      }
      const key = `${code} ${level}`;
      if (seen.has(key)) {
        out.push({ row: i, column: columns.level, message: `与第${seen.get(key) + 1}行重复：同一职业（工种）、同一等级` });
      } else {
        seen.set(key, i);
      }
    }
  });
  return out;
}

// ---- The picker ----

// A row's picker: the occupations of `list()` the text matches. `choose(o, level)` takes one,
// with a level typed beside its name (茶艺师三级: 3). Leaving the input takes the occupation the
// text names, or its only match; else `leave(ready())` (the table has come, or not yet).
let pickers = 0;
function picker(input, { list, ready, choose, leave }) {
  const take = (o) => {
    const level = match.parseQuery(input.value).level;
    box.close();
    choose(o, level);
  };
  const show = () => box.show(matchOccupations(list(), input.value, match).map((o, i) => ({
    key: i,
    content: `${o.name}（${o.code}）`,
    choose: () => take(o),
  })));
  const box = combobox(input, {
    id: `picker-${++pickers}`,
    className: "picker",
    label: "可选的职业（工种）",
    onArrowClosed: show,
    enterPicksSole: true,
  });
  // What was typed names one occupation only: the list's sole entry, or none.
  const sole = () => {
    const two = matchOccupations(list(), input.value, match, 2);
    return two.length === 1 ? two[0] : null;
  };
  input.addEventListener("input", show);
  input.addEventListener("blur", () => {
    const only = ready() && (exactOccupation(list(), input.value, match) || sole());
    if (only) take(only);
    else leave(ready());
  });
}

// The occupations of search/table.json at `url`; the decoder is imported while it comes (a
// page without a picker needs neither). Their pinyin keys are made in idle moments after.
function loadOccupations(url) {
  const reading = import("./filter-data.js");
  reading.catch(() => {}); // the caller hears of it, once the file has come
  return fetch(url)
    .then((response) => {
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`.trim());
      return Promise.all([response.json(), reading]);
    })
    .then(([json, reader]) => {
      const list = occupations(json, reader);
      reader.warm(list.map((o) => o.m));
      return list;
    });
}

export { occupations, matchOccupations, exactOccupation, levelChoices, rowProblems, picker, loadOccupations };
