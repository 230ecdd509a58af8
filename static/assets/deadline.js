// 申报截止时间: a static page cannot know today's date when it is built, so the page shows the
// date and the browser adds how long is left, in China's calendar days (UTC+8, no daylight
// saving) whatever the reader's time zone.
const DAY_MS = 24 * 60 * 60 * 1000;
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export function countdown(deadlineIso, nowMs) {
  const end = Date.parse(deadlineIso);
  if (!Number.isFinite(end) || !Number.isFinite(nowMs)) return "";
  if (nowMs >= end) return "已截止";
  const chinaDay = (t) => Math.floor((t + CHINA_OFFSET_MS) / DAY_MS);
  const days = chinaDay(end) - chinaDay(nowMs);
  return days <= 0 ? "今天截止" : "还剩 " + days + " 天";
}

// Milliseconds until countdown()'s text changes (China's next midnight or the deadline),
// null once past: a page left open says 已截止 at the hour.
export function nextChange(deadlineIso, nowMs) {
  const end = Date.parse(deadlineIso);
  if (!Number.isFinite(end) || !Number.isFinite(nowMs) || nowMs >= end) return null;
  const midnight = (Math.floor((nowMs + CHINA_OFFSET_MS) / DAY_MS) + 1) * DAY_MS - CHINA_OFFSET_MS;
  return Math.min(end, midnight) - nowMs;
}

// The day `nowMs` falls on in China, as a Chinese date: "2026年12月7日" (a printed view's date).
export function chinaDate(nowMs) {
  const d = new Date(nowMs + CHINA_OFFSET_MS);
  return d.getUTCFullYear() + "年" + (d.getUTCMonth() + 1) + "月" + d.getUTCDate() + "日";
}

// Each <time data-deadline>'s countdown in the [data-countdown] beside it; again when the text
// changes and when the page is seen again (hidden tabs' timers lag).
export function showCountdowns() {
  let timer = null;
  const show = () => {
    clearTimeout(timer);
    const now = Date.now();
    let wait = null;
    document.querySelectorAll("[data-deadline]").forEach((time) => {
      const out = time.parentElement && time.parentElement.querySelector("[data-countdown]");
      const text = countdown(time.getAttribute("datetime"), now);
      if (!out || !text) return;
      out.textContent = "（" + text + "）";
      out.classList.toggle("closed", text === "已截止");
      out.hidden = false;
      const next = nextChange(time.getAttribute("datetime"), now);
      if (next !== null) wait = wait === null ? next : Math.min(wait, next);
    });
    // setTimeout waits at most 2^31 - 1 ms (24.8 days).
    if (wait !== null) timer = setTimeout(show, Math.min(wait, 2 ** 31 - 1));
  };
  show();
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") show();
  });
}
