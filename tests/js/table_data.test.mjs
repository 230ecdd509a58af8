// filter.js's reading of search/table.json (a table longer than the notice page) under Node:
// a row read from the data file is the row read from the table's HTML, and the count says
// when only the first matches are listed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadAsset } from "./site.mjs";

const filter = loadAsset("filter.js");

const DATA = {
  columns: ["seq", "name", "code", "url", "levels_text", "levels_label", "levels", "count", "pinyin", "readings", "aliases"],
  rows: [
    [1, "保育师", "4-10-01-03", "/occupations/4-10-01-03/", "5、4、3、2、1", "五级/初级工 至 一级/高级技师", "5 4 3 2 1", 2, "bao yu shi", "baoyushi baozhoushi bys bzs", "幼儿园保育员"],
    [2, "茶艺师", "4-03-02-07", "/occupations/4-03-02-07/", "5、4、3", "五级/初级工 至 三级/高级工", "5 4 3", 1, "cha yi shi", "chayishi cys", ""],
  ],
};

test("a row of the data file reads as the same row of the table's HTML", () => {
  const [baoyu, chayi] = filter.rowsFromData(DATA);
  const fromHtml = filter.readRow({
    seq: "1", name: "保育师", code: "4-10-01-03", levels: "5 4 3 2 1", major: "4", middle: "4-10",
    pinyin: "bao yu shi", readings: "baoyushi baozhoushi bys bzs", aliases: "幼儿园保育员", count: "2",
  });
  for (const [key, value] of Object.entries(fromHtml)) assert.deepEqual(baoyu[key], value, key);
  assert.equal(baoyu.url, "/occupations/4-10-01-03/");
  assert.equal(baoyu.levelsText, "5、4、3、2、1");
  assert.equal(baoyu.levelsLabel, "五级/初级工 至 一级/高级技师");
  assert.equal(chayi.middle, "4-03");
  assert.ok(filter.rowMatches(chayi, { levels: ["3"], cat: "4-03", q: "cys" }));
  assert.ok(!filter.rowMatches(chayi, { levels: ["2"], cat: "", q: "" }));
});

test("the data file's columns are found by name, not by position", () => {
  const order = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
  const shuffled = {
    columns: order.map((i) => DATA.columns[i]),
    rows: DATA.rows.map((r) => order.map((i) => r[i])),
  };
  assert.deepEqual(filter.rowsFromData(shuffled), filter.rowsFromData(DATA));
});

test("the count says when only the first matching rows are listed", () => {
  assert.equal(filter.countText(31, 42), "显示 31 / 42 个职业");
  assert.equal(filter.countText(1200, 10000, 500), "符合 1200 / 10000 个职业，列出前 500 个");
  assert.equal(filter.countText(120, 10000, 120), "显示 120 / 10000 个职业");
  assert.equal(filter.ROWS_STEP, 500);
});
