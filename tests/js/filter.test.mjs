// The pure part of static/assets/filter.js under Node: the state in the URL, rows read from
// the table, the level, category and text tests, the loosening hints, sorting and the texts.
// The page itself is tested in Chromium (tests/browser/filter.test.mjs, url, sort, keyboard).
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildShipped } from "./site.mjs";
import { elasticlunr } from "./vendor.mjs";
import * as filter from "../../static/assets/filter.js";
import * as engine from "../../static/assets/search-engine.js";

const DEFAULT = { levels: [], cat: "", q: "", sortKey: "seq", sortDir: 1 };

/** A row as the table gives it: cell texts and data-* attributes. */
const row = (seq, name, code, levels, pinyin, readings, count = "1") => filter.readRow({
  seq: String(seq),
  name,
  code,
  levels,
  major: code.split("-")[0],
  middle: code.split("-").slice(0, 2).join("-"),
  pinyin,
  readings,
  count,
});

const ROWS = [
  row(1, "保育师", "4-10-01-03", "5 4 3 2 1", "bao yu shi", "baoyushi baozhoushi bys bzs", "2"),
  row(2, "家政服务员", "4-10-01-06", "5 4 3", "jia zheng fu wu yuan", "jiazhengfuwuyuan jzfwy", "1"),
  row(3, "保卫管理员", "3-02-02-01", "3 2 1", "bao wei guan li yuan", "baoweiguanliyuan bwgly", "3"),
  row(4, "茶艺师", "4-03-02-07", "5 4 3 2 1", "cha yi shi", "chayishi cys", "1"),
  row(5, "园林绿化工", "4-09-10-01", "5 4 3 2 1", "yuan lin lv hua gong", "yuanlinlvhuagong yuanlinluhuagong yllhg", "1"),
];
const names = (list) => list.map((r) => r.name);

test("the URL state is read with its defaults", () => {
  assert.deepEqual(filter.parseState(""), DEFAULT);
  assert.deepEqual(filter.parseState("?level=1&level=2&cat=4-10&q=%E4%BF%9D%E8%82%B2&sort=-name"), {
    levels: ["1", "2"], cat: "4-10", q: "保育", sortKey: "name", sortDir: -1,
  });
  assert.deepEqual(filter.parseState("sort=count"), { ...DEFAULT, sortKey: "count", sortDir: 1 });
  for (const sort of ["bogus", "--name", "name-", "-"]) {
    assert.deepEqual(filter.parseState("?sort=" + sort), DEFAULT, sort);
  }
});

test("the URL of a state: levels ascending, text trimmed, the default sort left out", () => {
  assert.equal(filter.stateQuery(DEFAULT), "");
  assert.equal(filter.stateQuery({}), "");
  assert.equal(filter.stateQuery({ ...DEFAULT, levels: ["3", "1"], cat: "4-10", q: " 保育 ", sortKey: "name", sortDir: -1 }),
    "level=1&level=3&cat=4-10&q=%E4%BF%9D%E8%82%B2&sort=-name");
  assert.equal(filter.stateQuery({ ...DEFAULT, q: "   " }), "");
  assert.equal(filter.stateQuery({ ...DEFAULT, sortKey: "code" }), "sort=code");
  assert.equal(filter.stateQuery({ ...DEFAULT, sortDir: -1 }), "sort=-seq");
});

test("a state survives its own URL", () => {
  const states = [
    DEFAULT,
    { levels: ["1", "2"], cat: "4-10", q: "师", sortKey: "seq", sortDir: 1 },
    { levels: ["5"], cat: "", q: "4-10 bys", sortKey: "count", sortDir: -1 },
    { levels: [], cat: "6", q: "a&b=c?", sortKey: "name", sortDir: 1 },
  ];
  for (const s of states) assert.deepEqual(filter.parseState(filter.stateQuery(s)), s, JSON.stringify(s));
});

test("a row is read from its cells and data-* attributes", () => {
  const r = ROWS[0];
  assert.equal(r.seq, 1);
  assert.equal(r.name, "保育师");
  assert.equal(r.code, "4-10-01-03");
  assert.deepEqual(r.codeKey, [4, 10, 1, 3]);
  assert.deepEqual(r.levels, ["5", "4", "3", "2", "1"]);
  assert.equal(r.major, "4");
  assert.equal(r.middle, "4-10");
  assert.equal(r.pinyinKey, "bao yu shi");
  assert.equal(r.count, 2);
  assert.deepEqual(r.pinyin.sort(), ["baoyushi", "baozhoushi", "bys", "bzs", "shi", "yushi"]);
  // Missing attributes (a template override that drops them) give an empty, harmless row.
  const bare = filter.readRow({ seq: " 7 ", name: " 电工 " });
  assert.equal(bare.seq, 7);
  assert.equal(bare.name, "电工");
  assert.deepEqual(bare.levels, []);
  assert.deepEqual(bare.pinyin, []);
  assert.equal(bare.count, 0);
});

test("levels: a row passes when its range includes every checked level", () => {
  assert.ok(filter.hasLevel(ROWS[1], 5));
  assert.ok(filter.hasLevel(ROWS[1], "3"));
  assert.ok(!filter.hasLevel(ROWS[1], "2"));
  const shown = (levels) => names(ROWS.filter((r) => filter.rowMatches(r, { ...DEFAULT, levels })));
  assert.deepEqual(shown(["5", "1"]), ["保育师", "茶艺师", "园林绿化工"]);
  assert.deepEqual(shown(["3"]), names(ROWS));
  assert.deepEqual(shown(["1", "2", "3"]), ["保育师", "保卫管理员", "茶艺师", "园林绿化工"]);
});

test("category: a 大类 or a 中类, never a code prefix that is not one", () => {
  const shown = (cat) => names(ROWS.filter((r) => filter.rowMatches(r, { ...DEFAULT, cat })));
  assert.deepEqual(shown("4"), ["保育师", "家政服务员", "茶艺师", "园林绿化工"]);
  assert.deepEqual(shown("4-10"), ["保育师", "家政服务员"]);
  assert.deepEqual(shown("3-02"), ["保卫管理员"]);
  assert.deepEqual(shown("4-1"), []);
  assert.deepEqual(shown(""), names(ROWS));
});

test("text: names, codes with or without dashes, pinyin, every term or the whole", () => {
  const shown = (q) => names(ROWS.filter((r) => filter.rowMatches(r, { ...DEFAULT, q })));
  assert.deepEqual(shown("保"), ["保育师", "保卫管理员"]);
  assert.deepEqual(shown("4030207"), ["茶艺师"]);
  assert.deepEqual(shown("４－０３"), ["茶艺师"]);
  assert.deepEqual(shown("40302"), ["茶艺师"]);
  assert.deepEqual(shown("01"), ["保育师", "家政服务员", "保卫管理员", "园林绿化工"]);
  assert.deepEqual(shown("bao"), ["保育师", "保卫管理员"]);
  assert.deepEqual(shown("bzs"), ["保育师"], "a second reading's initials");
  assert.deepEqual(shown("lühua"), ["园林绿化工"]);
  assert.deepEqual(shown("yuanlinlu"), ["园林绿化工"]);
  assert.deepEqual(shown("bao yu shi"), ["保育师"]);
  assert.deepEqual(shown("师 4-10"), ["保育师"]);
  assert.deepEqual(shown("师 4-10 bwgly"), []);
});

test("all three combine", () => {
  const state = { ...DEFAULT, levels: ["1"], cat: "4", q: "shi" };
  assert.deepEqual(names(ROWS.filter((r) => filter.rowMatches(r, state))), ["保育师", "茶艺师"]);
});

test("loosening: each constraint with the rows its removal brings back, most first", () => {
  const constraints = [
    { name: "level 5", test: (r) => filter.hasLevel(r, 5) },
    { name: "cat 3-02", test: (r) => filter.inCategory(r, "3-02") },
    { name: "text 保卫", test: (r) => filter.textMatches(r, "保卫") },
  ];
  const ways = filter.loosenings(ROWS, constraints);
  // Without level 5: 保卫管理员 (1). Without the category: nothing has 保卫 and level 5.
  // Without the text: nothing in 3-02 has level 5.
  assert.deepEqual(ways.map((w) => [w.c.name, w.n]), [["level 5", 1]]);
  const two = filter.loosenings(ROWS, constraints.slice(0, 2));
  assert.deepEqual(two.map((w) => [w.c.name, w.n]), [["cat 3-02", 4], ["level 5", 1]]);
  // A choice that brings nothing back is not offered.
  const never = { name: "never", test: () => false };
  assert.deepEqual(filter.loosenings(ROWS, [constraints[0], never]).map((w) => [w.c.name, w.n]), [["never", 4]]);
  assert.deepEqual(filter.loosenings(ROWS, [never, { ...never }]), []);
});

test("sorting by each key, both ways; ties keep 序号 order", () => {
  const order = (key, dir) => names(ROWS.slice().sort(filter.comparator(key, dir)));
  assert.deepEqual(order("seq", 1), names(ROWS));
  assert.deepEqual(order("seq", -1), names(ROWS).reverse());
  assert.deepEqual(order("name", 1), ["保卫管理员", "保育师", "茶艺师", "家政服务员", "园林绿化工"]);
  assert.deepEqual(order("name", -1), ["园林绿化工", "家政服务员", "茶艺师", "保育师", "保卫管理员"]);
  assert.deepEqual(order("code", 1), ["保卫管理员", "茶艺师", "园林绿化工", "保育师", "家政服务员"]);
  assert.deepEqual(order("count", 1), ["家政服务员", "茶艺师", "园林绿化工", "保育师", "保卫管理员"]);
  assert.deepEqual(order("count", -1), ["保卫管理员", "保育师", "家政服务员", "茶艺师", "园林绿化工"]);
});

test("codes sort by segment value, not as text", () => {
  const a = row(1, "甲", "4-10-01-03", "5", "jia", "jia");
  const b = row(2, "乙", "4-9-01-03", "5", "yi", "yi");
  assert.deepEqual([a, b].sort(filter.comparator("code", 1)).map((r) => r.name), ["乙", "甲"]);
});

test("the status texts", () => {
  assert.equal(filter.countText(3, 42), "显示 3 / 42 个职业");
  assert.equal(filter.sortText("seq", 1), "");
  assert.equal(filter.sortText("seq", -1), "，按序号降序排列");
  assert.equal(filter.sortText("name", 1), "，按名称（拼音）升序排列");
  assert.equal(filter.sortText("count", -1), "，按拟遴选机构数量降序排列");
  assert.deepEqual(filter.SORT_KEYS, ["seq", "name", "code", "count"]);
});

test("a filtered view's caption says it is not the whole table, and why", () => {
  const whole = "遴选职业（工种）汇总表，共 42 个职业（工种）";
  assert.equal(filter.captionText(whole, [], "显示 42 / 42 个职业", ""), whole);
  assert.equal(filter.captionText(whole, [], "显示 42 / 42 个职业", "，按序号降序排列"), whole + "，按序号降序排列");
  assert.equal(
    filter.captionText(whole, ["等级含“二级/技师”", "关键词“师”"], "显示 3 / 42 个职业", "，按名称（拼音）升序排列"),
    whole + "——筛选结果，不是完整汇总表：等级含“二级/技师”，关键词“师”；显示 3 / 42 个职业，按名称（拼音）升序排列",
  );
});

test("the line over a printed view says what it shows, how many and on which day", () => {
  const day = "2026年12月7日";
  assert.equal(filter.printCaptionText(["三级/高级工"], "", 12, 12, day), "筛选：三级/高级工 · 共 12 个职业（工种） · 打印于 2026年12月7日");
  assert.equal(
    filter.printCaptionText(["五级/初级工", "职业类别 4-10 生活照料服务人员", "关键词“师”"], filter.sortText("code", -1), 3, 3, day),
    "筛选：五级/初级工，职业类别 4-10 生活照料服务人员，关键词“师”，按职业编码降序排列 · 共 3 个职业（工种） · 打印于 2026年12月7日",
  );
  assert.equal(filter.printCaptionText([], filter.sortText("name", 1), 42, 42, day), "排序：按名称（拼音）升序排列 · 共 42 个职业（工种） · 打印于 2026年12月7日");
  assert.equal(filter.printCaptionText([], "", 42, 42, day), "共 42 个职业（工种） · 打印于 2026年12月7日");
  // A long table lists the first matches only: the line says so.
  assert.equal(filter.printCaptionText(["一级/高级技师"], "", 900, 200, day), "筛选：一级/高级技师 · 共 900 个职业（工种），列出前 200 个 · 打印于 2026年12月7日");
});

test("the built table's rows are all read, in 序号 order, with levels and categories", () => {
  const site = buildShipped();
  const rows = site.rows;
  const data = engine.prepare(elasticlunr, site.index, "/");
  const docs = Array.from({ length: data.o }, (_, i) => engine.docAt(data, i));
  assert.equal(rows.length, docs.length);
  rows.forEach((r, i) => {
    assert.equal(r.seq, i + 1);
    assert.equal(r.code, docs[i].c);
    assert.equal(r.name, docs[i].t);
    assert.equal(r.levels.join(""), docs[i].l);
    assert.equal(r.major, r.code.split("-")[0]);
    assert.equal(r.middle, r.code.split("-").slice(0, 2).join("-"));
  });
});
