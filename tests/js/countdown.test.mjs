// The deadline countdown of static/assets/deadline.js against fixed clocks: days are counted on
// China's calendar (UTC+8) whatever the machine's time zone.
import assert from "node:assert/strict";
import test from "node:test";
import { chinaDate, countdown, nextChange } from "../../static/assets/deadline.js";

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

test("the text changes next at China's midnight or at the deadline, and not after it", () => {
  const minutes = (iso) => nextChange(DEADLINE, at(iso)) / 60_000;
  assert.equal(minutes("2026-03-30T23:59+08:00"), 1);
  assert.equal(minutes("2026-03-30T15:00Z"), 60, "23:00 in China, whatever the machine's zone");
  assert.equal(minutes("2026-03-31T16:00+08:00"), 60);
  assert.equal(nextChange(DEADLINE, at("2026-03-31T17:00+08:00")), null);
  assert.equal(nextChange("soon", at("2026-03-01T00:00Z")), null);
  // Where it changes, countdown's text does.
  for (const iso of ["2026-03-29T10:00+08:00", "2026-03-30T23:59+08:00", "2026-03-31T16:00+08:00"]) {
    const now = at(iso);
    const wait = nextChange(DEADLINE, now);
    assert.equal(countdown(DEADLINE, now + wait - 1), countdown(DEADLINE, now), iso);
    assert.notEqual(countdown(DEADLINE, now + wait), countdown(DEADLINE, now), iso);
  }
});

test("a printed view's date is China's", () => {
  assert.equal(chinaDate(at("2026-12-07T15:59Z")), "2026年12月7日");
  assert.equal(chinaDate(at("2026-12-07T16:00Z")), "2026年12月8日", "midnight in China");
  assert.equal(chinaDate(at("2027-01-01T00:00+08:00")), "2027年1月1日");
});
