// Reading settings (字号 小/中/大/特大, 高对比度) and small enhancements for every page; the
// pages work without them. Plain script of our own: no dependencies, no requests.
//
// Loaded without `defer` in <head>: the first part runs before the body exists, so the reader's
// saved text size and contrast apply before the first paint, with no inline script (a strict
// Content-Security-Policy stays possible). The rest waits for the document to be parsed.
// The other scripts (match.js, search.js, filter.js) are deferred.
//
// Settings live in localStorage (the same for every page of the origin) and on <html> as
//   data-text-size="small|large|xlarge"   (中 = medium = no attribute)
//   data-contrast="high"
// which assets/site.css turns into font sizes and colours.
(() => {
  "use strict";

  // 申报截止时间: a static page cannot know today's date when it is built, so the page shows the
  // date and the browser adds how long is left. Days are counted on China's calendar (UTC+8, no
  // daylight saving) whatever the reader's time zone. Pure, for tests/js/countdown.test.mjs.
  const DAY_MS = 24 * 60 * 60 * 1000;
  const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
  function countdown(deadlineIso, nowMs) {
    const end = Date.parse(deadlineIso);
    if (!Number.isFinite(end) || !Number.isFinite(nowMs)) return "";
    if (nowMs >= end) return "已截止";
    const chinaDay = (t) => Math.floor((t + CHINA_OFFSET_MS) / DAY_MS);
    const days = chinaDay(end) - chinaDay(nowMs);
    return days <= 0 ? "今天截止" : "还剩 " + days + " 天";
  }
  // Milliseconds until countdown()'s text changes (China's next midnight or the deadline),
  // null once past: a page left open says 已截止 at the hour.
  function nextChange(deadlineIso, nowMs) {
    const end = Date.parse(deadlineIso);
    if (!Number.isFinite(end) || !Number.isFinite(nowMs) || nowMs >= end) return null;
    const midnight = (Math.floor((nowMs + CHINA_OFFSET_MS) / DAY_MS) + 1) * DAY_MS - CHINA_OFFSET_MS;
    return Math.min(end, midnight) - nowMs;
  }
  if (typeof module === "object" && module.exports) module.exports = { countdown, nextChange };
  if (typeof document === "undefined") return;

  const root = document.documentElement;
  const SIZES = ["small", "medium", "large", "xlarge"];
  const SIZE_KEY = "linxuan.textSize";
  const CONTRAST_KEY = "linxuan.contrast";

  // Storage may be missing or refuse access (privacy settings, file:// in some browsers).
  function load(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }
  function save(key, value) {
    try {
      if (value) window.localStorage.setItem(key, value);
      else window.localStorage.removeItem(key);
    } catch (e) {
      // Not remembered; the setting still applies to this page.
    }
  }

  function textSize() {
    const size = root.getAttribute("data-text-size");
    return SIZES.includes(size) ? size : "medium";
  }
  const highContrast = () => root.getAttribute("data-contrast") === "high";
  function apply(size, contrast) {
    if (SIZES.includes(size) && size !== "medium") root.setAttribute("data-text-size", size);
    else root.removeAttribute("data-text-size");
    if (contrast === "high") root.setAttribute("data-contrast", "high");
    else root.removeAttribute("data-contrast");
  }

  // Before the first paint.
  apply(load(SIZE_KEY), load(CONTRAST_KEY));

  // The reading settings work only with script, so script adds them to the header: no page
  // carries markup for them (about 800 bytes a page). A template that has its own
  // [data-reading-tools] keeps it.
  const SIZE_LABELS = { small: "小", medium: "中", large: "大", xlarge: "特大" };
  function addReadingTools() {
    const header = document.querySelector(".site-header");
    if (!header) return null;
    const tools = document.createElement("div");
    tools.className = "reading-tools";
    tools.setAttribute("data-reading-tools", "");
    tools.innerHTML = '<div class="wrap"><div class="tool-group" role="group" aria-labelledby="text-size-label">' +
      '<span id="text-size-label" class="tool-label">字号</span>' +
      SIZES.map((size) => '<button type="button" data-text-size="' + size + '" aria-pressed="false">' + SIZE_LABELS[size] + "</button>").join("") +
      '</div><button type="button" class="contrast-toggle" data-contrast-toggle aria-pressed="false">高对比度</button></div>';
    header.insertBefore(tools, header.firstChild);
    return tools;
  }

  function ready() {
    const tools = document.querySelector("[data-reading-tools]") || addReadingTools();
    const sizeButtons = tools ? Array.from(tools.querySelectorAll("[data-text-size]")) : [];
    const contrastButton = tools ? tools.querySelector("[data-contrast-toggle]") : null;

    // aria-pressed tells screen readers which setting is on; site.css shows it too.
    // `measure` (a setting changed) checks the tables' widths at once.
    function sync(measure) {
      const size = textSize();
      sizeButtons.forEach((b) => {
        b.setAttribute("aria-pressed", b.getAttribute("data-text-size") === size ? "true" : "false");
      });
      if (contrastButton) contrastButton.setAttribute("aria-pressed", highContrast() ? "true" : "false");
      if (measure) markScrollers();
    }

    if (tools) {
      sizeButtons.forEach((b) => {
        b.addEventListener("click", () => {
          const size = b.getAttribute("data-text-size");
          apply(size, highContrast() ? "high" : "");
          save(SIZE_KEY, size === "medium" ? "" : size);
          sync(true);
        });
      });
      if (contrastButton) {
        contrastButton.addEventListener("click", () => {
          const on = !highContrast();
          apply(textSize(), on ? "high" : "");
          save(CONTRAST_KEY, on ? "high" : "");
          sync(true);
        });
      }
      tools.hidden = false;
    }
    // A change made in another tab of the site applies here too.
    window.addEventListener("storage", (e) => {
      if (e.key === null || e.key === SIZE_KEY || e.key === CONTRAST_KEY) {
        apply(load(SIZE_KEY), load(CONTRAST_KEY));
        sync(true);
      }
    });

    // Again when the text changes and when the page is seen again (hidden tabs' timers lag).
    let countdownTimer = null;
    function showCountdowns() {
      clearTimeout(countdownTimer);
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
      if (wait !== null) countdownTimer = setTimeout(showCountdowns, Math.min(wait, 2 ** 31 - 1));
    }
    showCountdowns();
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") showCountdowns();
    });

    // 打印 buttons exist only when printing from script is possible.
    document.querySelectorAll("[data-print]").forEach((button) => {
      button.hidden = false;
      button.addEventListener("click", () => window.print());
    });

    // A table wider than its box scrolls sideways; keyboard users can scroll it only if the box
    // takes focus, and a screen reader should hear what it is. Boxes that fit stay out of the
    // Tab order. Checked again when the width or the text size changes.
    function markScrollers() {
      document.querySelectorAll(".table-wrap").forEach((box) => {
        const scrolls = box.scrollWidth > box.clientWidth + 1;
        if (scrolls && !box.hasAttribute("tabindex")) {
          const caption = box.querySelector("caption");
          const heading = caption ? null : previousHeading(box);
          const name = caption ? caption.textContent : heading ? heading.textContent : "表格";
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", name.replace(/\s+/g, " ").trim() + "（表格可左右滚动）");
          box.setAttribute("data-scroller", "");
        } else if (!scrolls && box.hasAttribute("data-scroller")) {
          ["tabindex", "role", "aria-label", "data-scroller"].forEach((a) => box.removeAttribute(a));
        }
      });
    }
    function previousHeading(el) {
      for (let n = el.previousElementSibling; n; n = n.previousElementSibling) {
        if (/^H[1-6]$/.test(n.tagName)) return n;
      }
      return null;
    }
    let pending = null;
    function later() {
      clearTimeout(pending);
      pending = setTimeout(markScrollers, 100);
    }
    if (window.ResizeObserver) {
      // Also sees the table change width when the filter hides rows or fonts arrive. Its first
      // report, after the page's first layout, marks the boxes at once: measuring them here,
      // before that layout, would force the whole page (a long table too) to be laid out.
      let first = true;
      const observer = new ResizeObserver(() => {
        if (first) markScrollers();
        else later();
        first = false;
      });
      document.querySelectorAll(".table-wrap").forEach((box) => {
        observer.observe(box);
        if (box.firstElementChild) observer.observe(box.firstElementChild);
      });
      sync(false);
    } else {
      window.addEventListener("resize", later);
      window.addEventListener("load", markScrollers);
      sync(true);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
