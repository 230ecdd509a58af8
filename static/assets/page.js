// Every page's module (base.html): the deadline's countdown, 打印 buttons, wide tables made
// reachable, the header search box. The pages work without it.
import { showCountdowns } from "./deadline.js";
import { headerBox } from "./search.js";

showCountdowns();

// A link to a fill page whose form has a draft on this device says so, and goes on with it.
const fillLinks = document.querySelectorAll("a[data-draft]");
if (fillLinks.length) {
  import("./fill-draft.js").then(({ draftSaved }) => {
    fillLinks.forEach((link) => {
      const saved = draftSaved(new URL(link.href, location.href).pathname);
      if (!saved) return;
      const when = Number.isNaN(saved.getTime())
        ? ""
        : "，保存于 " + saved.toLocaleString("zh-CN", { month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false });
      link.textContent = "继续填写";
      const note = document.createElement("span");
      note.className = "draft-note";
      note.textContent = "（有未完成的草稿" + when + "）";
      link.after(note);
    });
  });
}

// 打印 buttons exist only when printing from script is possible.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});

// A table wider than its box scrolls sideways; keyboard users can scroll it only if the box
// takes focus, and a screen reader should hear what it is. Boxes that fit stay out of the
// Tab order. Checked again when the width or the reading settings change.
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
} else {
  window.addEventListener("resize", later);
  window.addEventListener("load", markScrollers);
  markScrollers();
}
// A reading setting changed (site.js sets it on <html>): the widths are checked at once.
new MutationObserver(markScrollers).observe(document.documentElement, {
  attributes: true, attributeFilter: ["data-text-size", "data-contrast"],
});

document.querySelectorAll("form[data-search]:not([data-search=page])").forEach(headerBox);
