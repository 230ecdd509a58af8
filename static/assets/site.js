// Reading settings (字号 小/中/大/特大, 高对比度) for every page; the pages work without them.
// The site's one classic script, blocking in <head> (a module runs only once the page is
// parsed): the saved text size and contrast apply before the first paint, with no inline
// script (a strict Content-Security-Policy stays possible). The buttons come once the page is
// parsed. It puts nothing on `window`.
//
// Settings live in localStorage (the same for every page of the origin) and on <html> as
//   data-text-size="small|large|xlarge"   (中 = medium = no attribute)
//   data-contrast="high"
// which assets/site.css turns into font sizes and colours.
(() => {
  "use strict";

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

  // Before the first paint; data-js makes room for the buttons added below, so that
  // nothing under them moves when they come.
  apply(load(SIZE_KEY), load(CONTRAST_KEY));
  root.setAttribute("data-js", "");
  if (/[?&]q=[^&]/.test(window.location.search)) root.setAttribute("data-query", "");

  // The reading settings work only with script, so script adds them to the header: a page
  // carries only their empty place (the buttons' markup would be about 800 bytes a page),
  // which site.css gives their height once data-js is set. A template whose
  // [data-reading-tools] holds its own buttons keeps them; one without the place gets it.
  const SIZE_LABELS = { small: "小", medium: "中", large: "大", xlarge: "特大" };
  function addReadingTools() {
    const header = document.querySelector(".site-header");
    if (!header) return null;
    let tools = header.querySelector("[data-reading-tools]");
    if (!tools) {
      tools = document.createElement("div");
      tools.className = "reading-tools";
      tools.setAttribute("data-reading-tools", "");
      header.insertBefore(tools, header.firstChild);
    }
    tools.innerHTML = '<div class="wrap"><div class="tool-group" role="group" aria-labelledby="text-size-label">' +
      '<span id="text-size-label" class="tool-label">字号</span>' +
      SIZES.map((size) => '<button type="button" data-text-size="' + size + '" aria-pressed="false">' + SIZE_LABELS[size] + "</button>").join("") +
      '</div><button type="button" class="contrast-toggle" data-contrast-toggle aria-pressed="false">高对比度</button></div>';
    return tools;
  }

  function ready() {
    const own = document.querySelector("[data-reading-tools] button");
    const tools = own ? own.closest("[data-reading-tools]") : addReadingTools();
    const sizeButtons = tools ? Array.from(tools.querySelectorAll("[data-text-size]")) : [];
    const contrastButton = tools ? tools.querySelector("[data-contrast-toggle]") : null;

    // aria-pressed tells screen readers which setting is on; site.css shows it too.
    function sync() {
      const size = textSize();
      sizeButtons.forEach((b) => {
        b.setAttribute("aria-pressed", b.getAttribute("data-text-size") === size ? "true" : "false");
      });
      if (contrastButton) contrastButton.setAttribute("aria-pressed", highContrast() ? "true" : "false");
    }

    if (tools) {
      sizeButtons.forEach((b) => {
        b.addEventListener("click", () => {
          const size = b.getAttribute("data-text-size");
          apply(size, highContrast() ? "high" : "");
          save(SIZE_KEY, size === "medium" ? "" : size);
          sync();
        });
      });
      if (contrastButton) {
        contrastButton.addEventListener("click", () => {
          const on = !highContrast();
          apply(textSize(), on ? "high" : "");
          save(CONTRAST_KEY, on ? "high" : "");
          sync();
        });
      }
      tools.hidden = false;
    }
    // A change made in another tab of the site applies here too.
    window.addEventListener("storage", (e) => {
      if (e.key === null || e.key === SIZE_KEY || e.key === CONTRAST_KEY) {
        apply(load(SIZE_KEY), load(CONTRAST_KEY));
        sync();
      }
    });

    sync();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
