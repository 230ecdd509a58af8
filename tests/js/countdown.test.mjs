// The deadline countdown of static/assets/site.js against fixed clocks: days are counted on
// China's calendar (UTC+8) whatever the machine's time zone.
import assert from "node:assert/strict";
import test from "node:test";
import { loadAsset } from "./site.mjs";

const { countdown } = loadAsset("site.js");
const DEADLINE = "2026-03-31T17:00+08:00";
const at = (iso) => Date.parse(iso);

test("before the deadline: whole China calendar days left", () => {
  assert.equal(countdown(DEADLINE, at("2026-03-01T09:00+08:00")), "还剩 30 天");
  assert.equal(countdown(DEADLINE, at("2026-03-30T23:59+08:00")), "还剩 1 天");
  // 20:00 UTC on the 30th is already the 31st in China.
  assert.equal(countdown(DEADLINE, at("2026-03-30T20:00Z")), "今天截止");
  assert.equal(countdown(DEADLINE, at("2026-03-30T15:59Z")), "还剩 1 天");
});

test("on the day, before the hour: 今天截止; from the hour on: 已截止", () => {
  assert.equal(countdown(DEADLINE, at("2026-03-31T00:00+08:00")), "今天截止");
  assert.equal(countdown(DEADLINE, at("2026-03-31T16:59+08:00")), "今天截止");
  assert.equal(countdown(DEADLINE, at("2026-03-31T17:00+08:00")), "已截止");
  assert.equal(countdown(DEADLINE, at("2026-04-02T10:00+08:00")), "已截止");
});

test("an unreadable deadline says nothing", () => {
  assert.equal(countdown("soon", at("2026-03-01T00:00Z")), "");
  assert.equal(countdown(DEADLINE, Number.NaN), "");
});
