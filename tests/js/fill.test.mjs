// static/assets/fill.js, the fill-in pages' script: its pure functions under Node — the
// checks (GB 32100-2015 credit code, phones, dates, counts), the occupation picker and level
// ranges, drafts, and the filled Word part — against the data a real build ships in the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { shippedSite } from "../fixtures/sites.mjs";
import * as match from "../../static/assets/match.js";
import * as reader from "../../static/assets/filter-data.js";
import * as checks from "../../static/assets/fill-checks.js";
import * as picker from "../../static/assets/fill-picker.js";
import * as draft from "../../static/assets/fill-draft.js";
import * as word from "../../static/assets/fill-word.js";

const F = { ...checks, ...picker, ...draft, ...word };

/** The data block of every fill page of the shipped site: { slug: data }. */
function fillData() {
  const site = shippedSite();
  const data = {};
  for (const slug of readdirSync(path.join(site, "forms"))) {
    const html = readFileSync(path.join(site, "forms", slug, "fill/index.html"), "utf8");
    const json = html.match(/<script type="application\/json" id="fill-data">([^<]*)<\/script>/)[1];
    data[slug] = JSON.parse(json);
  }
  // The picker's table: the notice filter's data file, which a picking form's data names.
  const table = Object.values(data).map((d) => d.table).find(Boolean);
  assert.match(table, /\/search\/table\.json$/);
  const occupations = JSON.parse(readFileSync(path.join(site, "search/table.json"), "utf8"));
  return { forms: data, occupations };
}
const { forms: DATA, occupations: OCCUPATIONS } = fillData();
const withTable = { occupations: OCCUPATIONS, levels: Object.values(DATA)[0].levels };
const LIST = F.occupations(withTable.occupations, reader);

test("统一社会信用代码 by GB 32100-2015: alphabet, length and check character", () => {
  assert.equal(F.creditCodeValid("91350100M000100Y43"), true);
  assert.equal(F.creditCodeValid("91350100m000100y43"), true, "lower case is read as upper case");
  assert.equal(F.creditCodeValid("９１３５０１００Ｍ０００１００Ｙ４３"), true, "full-width is read as ASCII");
  assert.equal(F.creditCodeValid(" 91350100M000100Y43 "), true);
  assert.equal(F.creditCodeValid("911100001000100000"), false);
  assert.match(F.creditCodeProblem("911100001000100000"), /校验位/);
  assert.match(F.creditCodeProblem("91350100M000100Y4"), /18位/);
  assert.match(F.creditCodeProblem("91350100I000100Y43"), /“I”/);
  // Every check character the rule can give is accepted in its place, and only it.
  const body = "91350100M000100Y4";
  const accepted = Array.from("0123456789ABCDEFGHJKLMNPQRTUWXY").filter((c) => F.creditCodeValid(body + c));
  assert.deepEqual(accepted, ["3"]);
  assert.match(F.checkValue("credit", "911100001000100000"), /校验位/);
  assert.equal(F.checkValue("credit", "91350100M000100Y43"), null);
  assert.equal(F.checkValue("credit", ""), null, "an empty field is not an error");
});

test("phones, dates and counts", () => {
  for (const ok of ["13800138000", "138 0013 8000", "138-0013-8000", "+86 138 0013 8000", "+86-13800138000", "0086 13800138000", "（+86）13800138000"]) {
    assert.equal(F.checkValue("mobile", ok), null, ok);
  }
  for (const bad of ["23800138000", "1380013800", "138001380001", "abc", "+86 2380013800", "+1 13800138000"]) assert.notEqual(F.checkValue("mobile", bad), null, bad);
  for (const ok of ["010-12345678", "0591-8765432", "(0591)87654321", "（010）12345678", "01012345678", "010-12345678-801",
    "+86 10 12345678", "+86-591-87654321", "0086 (591) 87654321", "+86 010-12345678"]) {
    assert.equal(F.checkValue("landline", ok), null, ok);
  }
  for (const bad of ["12345678", "010-123456", "10-12345678", "13800138000", "+86 12345678", "+1 010-12345678", "+86 13812345678"]) {
    assert.notEqual(F.checkValue("landline", bad), null, bad);
  }
  assert.equal(F.checkValue("phone", "+86 138 0013 8000"), null);
  assert.equal(F.checkValue("phone", "13800138000"), null);
  assert.equal(F.checkValue("phone", "0591-87654321"), null);
  assert.notEqual(F.checkValue("phone", "12345"), null);
  for (const ok of ["2026-03-01", "2026/3/1", "2026.03.01", "2026年3月1日", "2023-03-01至2026-02-28"]) {
    assert.equal(F.checkValue("date", ok), null, ok);
  }
  for (const bad of ["2026-02-30", "2026-13-01", "明年", "2026-03"]) assert.notEqual(F.checkValue("date", bad), null, bad);
  for (const ok of ["0", "12", "３４"]) assert.equal(F.checkValue("count", ok), null, ok);
  for (const bad of ["-1", "1.5", "十", "12人"]) assert.notEqual(F.checkValue("count", bad), null, bad);
  // A thousands separator, as Excel writes one, is named with the fix.
  assert.equal(F.checkValue("count", "1,200"), "请去掉逗号，只写数字，如 1200");
  assert.equal(F.checkValue("count", "12，345，678"), "请去掉逗号，只写数字，如 12345678");
  assert.equal(F.checkValue("year", "2026"), null);
  assert.notEqual(F.checkValue("year", "26"), null);
  assert.equal(F.checkValue("month", "12"), null);
  assert.notEqual(F.checkValue("month", "13"), null);
  assert.notEqual(F.checkValue("day", "32"), null);
});

test("the picker finds an occupation by name, pinyin and code, and offers only its levels", () => {
  const table = withTable.occupations;
  assert.ok(LIST.length > 0);
  assert.deepEqual(LIST.map((o) => [o.code, o.name]), table.code.map((code, i) => [code, table.name[i]]), "every row, in order");
  for (const [i, o] of LIST.entries()) {
    assert.ok(F.matchOccupations(LIST, o.name, match, Infinity).includes(o), o.name);
    assert.ok(F.matchOccupations(LIST, o.code, match, Infinity).includes(o), o.code);
    assert.ok(F.matchOccupations(LIST, o.code.replace(/-/g, ""), match, Infinity).includes(o), o.code);
    const spelling = table.spellings[i].split("|")[0].replace(/ /g, "");
    assert.ok(F.matchOccupations(LIST, spelling, match, Infinity).includes(o), spelling);
    assert.equal(F.exactOccupation(LIST, o.name, match), o);
    assert.equal(F.exactOccupation(LIST, o.code, match), o);
    const names = F.levelChoices(o, withTable.levels).map(([, name]) => name);
    assert.deepEqual(names, withTable.levels.filter(([n]) => o.levels.includes(n)).map(([, name]) => name));
    const range = table.level_sets[table.levels[i]][0].split(" ").map(Number);
    assert.deepEqual(names, withTable.levels.filter(([n]) => range.includes(n)).map(([, name]) => name), "the row's range");
    assert.ok(names.length > 0 && names.length <= 5);
    // An everyday name (data/aliases.csv) finds it as the filter does.
    for (const alias of (table.aliases[i] || "").split(" ").filter(Boolean)) {
      assert.ok(F.matchOccupations(LIST, alias, match, Infinity).includes(o), alias);
    }
  }
  assert.equal(F.matchOccupations(LIST, "", match).length, 0);
  assert.equal(F.matchOccupations(LIST, "三级", match).length, 0, "a level alone names no occupation");
  assert.ok(F.matchOccupations(LIST, LIST[0].name, match, 3).length <= 3);
});

test("seed: 3-01-01-02 is 政务服务办事员 at 五级, 四级, 三级", () => {
  const o = F.exactOccupation(LIST, "3-01-01-02", match);
  assert.equal(o.name, "政务服务办事员");
  assert.deepEqual(F.levelChoices(o, withTable.levels).map(([, n]) => n), ["五级", "四级", "三级"]);
});

test("rows: an occupation not in the table, a level out of range and a repeated pair are flagged", () => {
  const columns = { occupation: "occ", code: "code", level: "level" };
  const [a, b] = LIST;
  const outside = withTable.levels.find(([n]) => !a.levels.includes(n));
  const inside = F.levelChoices(a, withTable.levels)[0][1];
  const rows = [
    { occ: a.name, code: a.code, level: inside },
    { occ: a.name, code: a.code, level: inside },
    { occ: "不存在的职业", code: "", level: "" },
    { occ: b.name, code: b.code, level: "" },
    {},
  ];
  if (outside) rows.push({ occ: a.name, code: a.code, level: outside[1] });
  const problems = F.rowProblems(rows, LIST, withTable.levels, columns);
  assert.deepEqual(problems.map((p) => [p.row, p.column]), [[1, "level"], [2, "occ"], ...(outside ? [[5, "level"]] : [])]);
  assert.match(problems[0].message, /第1行/);
});

test("a draft survives serialisation and refuses to load into another form", () => {
  const state = { values: { 单位名称: "某某<公司>", "机构性质": "企业" }, rows: [{ a: "1" }, { a: "" }] };
  const text = F.serialiseDraft("application", state);
  assert.deepEqual(F.parseDraft(text, "application"), state);
  assert.throws(() => F.parseDraft(text, "commitment"), /另一张表/);
  assert.throws(() => F.parseDraft("{", "application"), /不是草稿/);
  assert.throws(() => F.parseDraft("{\"a\":1}", "application"), /不是本站/);
  const odd = JSON.parse(text);
  odd.values.x = { nested: true };
  assert.deepEqual(F.parseDraft(JSON.stringify(odd), "application").values, state.values, "only strings are read");
});

test("the Word part: values escaped in place, rows repeated, boxes ticked, empty answers dropped", () => {
  for (const data of Object.values(DATA)) {
    const xml = data.word.find(([p]) => p === "word/document.xml")[1];
    const ids = [...xml.matchAll(/\u27e6([^\u27e7]*)\u27e7/g)].map((m) => m[1].replace(/&amp;/g, "&"));
    const values = {};
    const options = {};
    const outlines = [];
    let rowColumns = [];
    for (const id of ids) {
      const box = id.match(/^(.*)#(\d+)$/);
      if (box) options[box[1]] = "1";
      else if (id.endsWith("-1")) rowColumns.push(id.slice(0, -2));
      else if (/（[一二三四五六七八九十]+）$/.test(id)) outlines.push(id);
      else if (id !== "#") values[id] = `值<${id}>&`;
    }
    rowColumns = [...new Set(rowColumns)];
    const rows = [0, 1, 2].map((k) => Object.fromEntries(rowColumns.map((c) => [c, `${c}@${k + 1}`])));
    rows.push(Object.fromEntries(rowColumns.map((c) => [c, ""])));
    outlines.forEach((id, k) => { if (k % 2 === 0) values[id] = `答${k}\n第二行`; });
    const filled = F.fillXml(xml, { values, rows, options, outlines, blanks: data.blanks });
    assert.ok(!filled.includes("\u27e6"), `${data.form}: no marker is left`);
    for (const [id, value] of Object.entries(values)) {
      assert.ok(filled.includes(F.xmlEscape(value.split("\n")[0])), `${data.form}: ${id}`);
    }
    for (const c of rowColumns) {
      for (const k of [1, 2, 3]) assert.ok(filled.includes(F.xmlEscape(`${c}@${k}`)), `${c} row ${k}`);
    }
    if (rowColumns.length) {
      const rowCount = (s) => (s.match(/<w:tr[ >]/g) || []).length;
      assert.equal(rowCount(filled), rowCount(xml) + 2, "three rows where the template was one");
      const paraIds = [...filled.matchAll(/w14:paraId="([0-9A-F]{8})"/g)].map((m) => m[1]);
      assert.equal(new Set(paraIds).size, paraIds.length, "paragraph ids stay unique");
    }
    outlines.forEach((id, k) => {
      if (k % 2 === 0) assert.ok(filled.includes(`答${k}</w:t><w:br/>`), id);
    });
    const opened = (filled.match(/<w:p[ >]/g) || []).length;
    assert.equal(opened, (filled.match(/<\/w:p>/g) || []).length, "paragraphs stay balanced");
    const dropped = outlines.filter((_, k) => k % 2 === 1).length;
    assert.equal(opened, (xml.match(/<w:p[ >]/g) || []).length - dropped + (rowColumns.length ? 2 * (rowColumns.length + 1) : 0));
    if (Object.keys(options).length) assert.ok(filled.includes("\u2611"), "the chosen box is ticked");
  }
  // With nothing filled in: the blanks come back as blanks, one empty row.
  for (const data of Object.values(DATA)) {
    const xml = data.word.find(([p]) => p === "word/document.xml")[1];
    const empty = F.fillXml(xml, { blanks: data.blanks });
    assert.ok(!empty.includes("\u27e6"));
    for (const [, width] of Object.entries(data.blanks)) assert.ok(empty.includes("\u00a0".repeat(2 * width)));
  }
});
