// filter-data.js's reading of search/table.json (a table longer than the notice page) under
// Node: a row read from the data file is the row read from the table's HTML (filter.js's
// readRow), and the count says when only the first matches are listed.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as filter from "../../static/assets/filter.js";
import * as data from "../../static/assets/filter-data.js";

// The layout render/table_data.rs writes: one array per field, ranges and the link once.
const DATA = {
  url: "/sub/occupations/{code}/",
  level_sets: [
    ["5 4 3 2 1", "5、4、3、2、1", "五级/初级工 至 一级/高级技师"],
    ["5 4 3", "5、4、3", "五级/初级工 至 三级/高级工"],
  ],
  seq: [1, 2, 3],
  name: ["保育师", "茶艺师", "CAD绘图员"],
  code: ["4-10-01-03", "4-03-02-07", "2-02-07-01"],
  levels: [0, 1, 1],
  count: [2, 1, 3],
  spellings: ["bao yu shi|1:zhou", "cha yi shi", "c a d hui tu yuan"],
  aliases: ["幼儿园保育员 保育员", "", ""],
};

// The same rows as partials/occupation_row.html writes them (data-* attributes).
const HTML_ROWS = [
  { seq: "1", name: "保育师", code: "4-10-01-03", levels: "5 4 3 2 1", major: "4", middle: "4-10",
    pinyin: "bao yu shi", readings: "baoyushi baozhoushi bys bzs", aliases: "幼儿园保育员 保育员", count: "2" },
  { seq: "2", name: "茶艺师", code: "4-03-02-07", levels: "5 4 3", major: "4", middle: "4-03",
    pinyin: "cha yi shi", readings: "chayishi cys", aliases: "", count: "1" },
  { seq: "3", name: "CAD绘图员", code: "2-02-07-01", levels: "5 4 3", major: "2", middle: "2-02",
    pinyin: "c a d hui tu yuan", readings: "cadhuituyuan cadhty", aliases: "", count: "3" },
];

test("a row of the data file reads as the same row of the table's HTML", () => {
  const fromData = data.rowsFromData(DATA);
  assert.equal(fromData.length, HTML_ROWS.length);
  HTML_ROWS.forEach((html, i) => {
    const row = fromData[i];
    for (const [key, value] of Object.entries(filter.readRow(html))) {
      // The pinyin keys are a set: their order and repeats do not change what matches.
      if (key === "pinyin") assert.deepEqual(new Set(row.pinyin), new Set(value), `${html.name} ${key}`);
      else assert.deepEqual(row[key], value, `${html.name} ${key}`);
    }
  });
});

test("what a row shows comes from the shared link and level ranges", () => {
  const [baoyu, chayi, cad] = data.rowsFromData(DATA);
  assert.equal(baoyu.url, "/sub/occupations/4-10-01-03/");
  assert.equal(baoyu.levelsText, "5、4、3、2、1");
  assert.equal(baoyu.levelsLabel, "五级/初级工 至 一级/高级技师");
  assert.equal(chayi.levelsLabel, "五级/初级工 至 三级/高级工");
  assert.equal(cad.title, "CAD绘图员", "the name as written, for the link");
  assert.equal(cad.name, "cad绘图员", "the name as matched");
});

test("rows of the data file filter and sort as rows of the table do", () => {
  const rows = data.rowsFromData(DATA);
  const [baoyu, chayi] = rows;
  assert.ok(filter.rowMatches(chayi, { levels: ["3"], cat: "4-03", q: "cys" }));
  assert.ok(!filter.rowMatches(chayi, { levels: ["2"], cat: "", q: "" }));
  assert.ok(filter.rowMatches(baoyu, { levels: [], cat: "", q: "bzs" }), "a second spelling's initials");
  assert.ok(filter.rowMatches(baoyu, { levels: [], cat: "", q: "yushi" }), "the preferred spelling from a later syllable");
  assert.ok(filter.rowMatches(baoyu, { levels: [], cat: "", q: "保育员" }), "an alias");
  const byName = rows.slice().sort(filter.comparator("name", 1)).map((r) => r.seq);
  assert.deepEqual(byName, [1, 3, 2], "bao yu shi < c a d hui tu yuan < cha yi shi");
  const byCode = rows.slice().sort(filter.comparator("code", -1)).map((r) => r.seq);
  assert.deepEqual(byCode, [1, 2, 3]);
});

test("other spellings are read from the syllables where they differ, or whole", () => {
  // As src/render/table_data.rs writes them (its unit test has the same examples).
  assert.deepEqual(data.spellingsOf("bao yu shi"), ["bao yu shi"]);
  assert.deepEqual(data.spellingsOf("xin xi tiao shi|2:diao|0:xing,2:diao"),
    ["xin xi tiao shi", "xin xi diao shi", "xing xi diao shi"]);
  assert.deepEqual(data.spellingsOf("tiao jiu shi|=diao jiu"), ["tiao jiu shi", "diao jiu"]);
  assert.deepEqual(data.spellingsOf("a b|=a,x b"), ["a b", "a,x b"]);
});

test("the count says when only the first matching rows are listed", () => {
  assert.equal(filter.countText(31, 42), "显示 31 / 42 个职业");
  assert.equal(filter.countText(1200, 10000, 500), "符合 1200 / 10000 个职业，列出前 500 个");
  assert.equal(filter.countText(120, 10000, 120), "显示 120 / 10000 个职业");
  assert.equal(filter.countText(1200, 10000, 200), "符合 1200 / 10000 个职业，列出前 200 个");
});
