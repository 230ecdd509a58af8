// 申报须知 with what bureaus write in 报送方式: a mailbox and a long web address in Chinese text
// become links, and on a phone the long address wraps inside its link instead of widening the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, startSite } from "./harness.mjs";

const URL_ = "https://rsj.example.gov.cn/zhuanti/shehuipingjia/2026/shenbao/index.html";
let site;
let dir;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "linxuan-essentials-"));
  for (const part of ["config.toml", "data", "content"]) cpSync(path.join(ROOT, part), path.join(dir, part), { recursive: true });
  // A site not yet released: its edits build without a release recording them.
  rmSync(path.join(dir, "data/releases"), { recursive: true, force: true });
  const config = readFileSync(path.join(dir, "config.toml"), "utf8")
    .replace(/^submission = \[[^\]]*\]/m, `submission = ["电子版发送至rsj@example.cn，或登录${URL_}在线申报。"]`);
  assert.match(config, /在线申报/, "the fixture's 报送方式 is replaced");
  writeFileSync(path.join(dir, "config.toml"), config);
  site = await startSite({ root: dir });
});

after(async () => {
  if (site) await site.close();
  rmSync(dir, { recursive: true, force: true });
});

test("a mailbox and a long address in 报送方式 are links that fit a 360 px screen", async () => {
  const page = await site.newPage({ width: 360, height: 740 });
  await page.goto(site.url());
  const links = await page.locator(".essentials a:not(.tel):not(.add-calendar)").evaluateAll((as) => as.map((a) => {
    const r = a.getBoundingClientRect();
    return { href: a.getAttribute("href"), text: a.textContent, right: r.right, h: r.height };
  }));
  assert.deepEqual(links.map((l) => l.href), ["mailto:rsj@example.cn", URL_]);
  assert.deepEqual(links.map((l) => l.text), ["rsj@example.cn", URL_]);
  for (const l of links) assert.ok(l.right <= 360 && l.h >= 44, `${l.href}: right edge ${l.right}, height ${l.h}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  assert.match(await page.locator(".essentials").innerText(), /电子版发送至[\s\S]*在线申报。/);
});
