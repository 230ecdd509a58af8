// Grade-range filter and sorting for the summary table (templates/partials/filter.html).
// Plain script of our own, no dependencies, no requests. The page works without it: the table
// is complete and the browse links lead to /levels/<n>/ and /categories/<code>/.
//
// State lives in the URL query: ?level=1&level=2&cat=4-10&q=保育&sort=-name
//   level  every checked level must be in a row's range (repeatable)
//   cat    a 大类 ("4") or 中类 ("4-10") code
//   q      text matched against name, code and pinyin (full or initials)
//   sort   seq | name | code | count, "-" first for descending; default seq ascending
// Rows carry data-code, data-levels ("5 4 3"), data-major, data-middle, data-pinyin (the
// preferred reading, "bao yu shi") and data-count; an optional data-readings adds further
// spellings for search ("tiaojiushi diaojiushi").
(function () {
  "use strict";
  const form = document.getElementById("filter-form");
  const table = document.querySelector("table.occupations");
  if (!form || !table || !table.tBodies[0] || !table.tHead || !window.URLSearchParams) return;

  const tbody = table.tBodies[0];
  const boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="level"]'));
  const select = form.elements.cat;
  const input = form.elements.q;
  const countEl = form.querySelector("[data-filter-count]");
  const sortEl = form.querySelector("[data-filter-sort]");
  const empty = form.querySelector("[data-filter-empty]");
  const loosen = form.querySelector("[data-filter-loosen]");
  const hint = form.querySelector("[data-filter-hint]");
  const SORT_NAMES = { seq: "序号", name: "名称（拼音）", code: "职业编码", count: "拟遴选机构数量" };
  // Sortable columns by position, unless a header names its key with data-sort.
  const SORT_COLUMNS = ["seq", "name", "code", "", "count"];

  const norm = (s) => (s || "").normalize("NFKC").toLowerCase().trim();

  // Everything a row is filtered and sorted by, read once from its data-* attributes.
  const rows = Array.prototype.map.call(tbody.rows, (tr) => {
    const d = tr.dataset;
    const syllables = norm(d.pinyin).split(/\s+/).filter(Boolean);
    const spellings = [syllables.join("")].concat(norm(d.readings).split(/\s+/)).filter(Boolean);
    const pinyin = [];
    spellings.forEach((s) => pinyin.push(s, s.replace(/ü/g, "v"), s.replace(/ü/g, "u")));
    return {
      tr: tr,
      seq: parseInt(tr.cells[0].textContent, 10),
      name: norm(tr.querySelector("th").textContent),
      code: d.code || "",
      codeKey: (d.code || "").split("-").map(Number),
      digits: (d.code || "").replace(/\D/g, ""),
      levels: (d.levels || "").split(/\s+/),
      major: d.major,
      middle: d.middle,
      pinyinKey: syllables.join(" "),
      pinyin: pinyin,
      initials: syllables.map((s) => s.charAt(0)).join(""),
      count: Number(d.count) || 0,
    };
  });
  const total = rows.length;

  // One search term: part of the name, a code from a segment boundary (4-10, 01-03, 41001),
  // or pinyin letters (baoyushi, baoyu, bys; ü may be typed v or u).
  function termMatches(r, t) {
    if (r.name.indexOf(t) >= 0 || ("-" + r.code).indexOf("-" + t) >= 0) return true;
    if (/^\d+$/.test(t)) return r.digits.indexOf(t) === 0;
    if (!/^[a-zü']+$/.test(t)) return false;
    t = t.replace(/'/g, "");
    return r.initials.indexOf(t) >= 0 || r.pinyin.some((p) => p.indexOf(t) >= 0);
  }

  function textMatches(r, q) {
    return termMatches(r, q.replace(/\s+/g, "")) || q.split(/\s+/).every((t) => termMatches(r, t));
  }

  // The filter as a list of constraints; a row is shown when it passes all of them.
  function constraints() {
    const list = [];
    boxes.forEach((box) => {
      if (box.checked) {
        list.push({
          control: box,
          text: "取消等级「" + box.dataset.label + "」",
          test: (r) => r.levels.indexOf(box.value) >= 0,
          clear: () => { box.checked = false; },
        });
      }
    });
    const cat = select.value;
    if (cat) {
      list.push({
        control: select,
        text: "不限职业类别（现为「" + select.options[select.selectedIndex].dataset.label + "」）",
        test: (r) => r.major === cat || r.middle === cat,
        clear: () => { select.value = ""; },
      });
    }
    const q = norm(input.value);
    if (q) {
      list.push({
        control: input,
        text: "清除关键词「" + input.value.trim() + "」",
        test: (r) => textMatches(r, q),
        clear: () => { input.value = ""; },
      });
    }
    return list;
  }

  const countWith = (list) => rows.filter((r) => list.every((c) => c.test(r))).length;

  let sortKey = "seq";
  let sortDir = 1;

  function render() {
    const list = constraints();
    let shown = 0;
    rows.forEach((r) => {
      const ok = list.every((c) => c.test(r));
      r.tr.hidden = !ok;
      if (ok) shown++;
    });
    countEl.textContent = "显示 " + shown + " / " + total + " 个职业";
    sortEl.textContent = sortKey === "seq" && sortDir === 1 ? "" :
      "，按" + SORT_NAMES[sortKey] + (sortDir === 1 ? "升序" : "降序") + "排列";
    loosen.textContent = "";
    empty.hidden = shown > 0;
    if (shown > 0) return;
    // Say which filter to loosen, and how many rows each choice brings back.
    const ways = list.map((c) => ({ c: c, n: countWith(list.filter((o) => o !== c)) }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n);
    hint.textContent = ways.length ? "请放宽一个条件：" : "只放宽一个条件还不够，请清除筛选后重新选择：";
    ways.forEach((x) => addLoosen(x.c.text + "，可显示\u00a0" + x.n + "\u00a0个", () => {
      x.c.clear();
      return x.c.control;
    }));
    addLoosen("清除全部筛选，显示全部\u00a0" + total + "\u00a0个", () => { clearAll(); return boxes[0]; });
  }

  function addLoosen(text, action) {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = text;
    button.addEventListener("click", () => {
      const focus = action();
      edited(null);
      if (focus) focus.focus();
    });
    li.appendChild(button);
    loosen.appendChild(li);
  }

  function clearAll() {
    boxes.forEach((box) => { box.checked = false; });
    select.value = "";
    input.value = "";
  }

  function compare(a, b) {
    let d = 0;
    if (sortKey === "name") d = a.pinyinKey < b.pinyinKey ? -1 : a.pinyinKey > b.pinyinKey ? 1 : 0;
    else if (sortKey === "code") {
      for (let i = 0; !d && i < Math.max(a.codeKey.length, b.codeKey.length); i++) {
        d = (a.codeKey[i] || 0) - (b.codeKey[i] || 0);
      }
    } else if (sortKey === "count") d = a.count - b.count;
    else d = a.seq - b.seq;
    return d * sortDir || a.seq - b.seq;
  }

  const headers = [];
  Array.prototype.forEach.call(table.tHead.rows[0].cells, (th, i) => {
    const key = th.dataset.sort || SORT_COLUMNS[i];
    if (!key) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    button.textContent = th.textContent.trim();
    const icon = document.createElement("span");
    icon.className = "sort-icon";
    icon.setAttribute("aria-hidden", "true");
    button.appendChild(icon);
    button.addEventListener("click", () => {
      sortDir = sortKey === key ? -sortDir : 1;
      sortKey = key;
      sortRows();
      edited(null);
    });
    th.textContent = "";
    th.appendChild(button);
    headers.push({ th: th, key: key });
  });
  table.classList.add("sortable");

  function sortRows() {
    rows.slice().sort(compare).forEach((r) => tbody.appendChild(r.tr));
    headers.forEach((h) => {
      if (h.key === sortKey) h.th.setAttribute("aria-sort", sortDir === 1 ? "ascending" : "descending");
      else h.th.removeAttribute("aria-sort");
    });
  }

  // The URL of the current state, levels in ascending order.
  function stateUrl() {
    const p = new URLSearchParams();
    boxes.filter((b) => b.checked).map((b) => b.value).sort().forEach((v) => p.append("level", v));
    if (select.value) p.set("cat", select.value);
    if (input.value.trim()) p.set("q", input.value.trim());
    if (sortKey !== "seq" || sortDir !== 1) p.set("sort", (sortDir === 1 ? "" : "-") + sortKey);
    const query = p.toString();
    return location.pathname + (query ? "?" + query : "") + location.hash;
  }

  function fromUrl() {
    const p = new URLSearchParams(location.search);
    const levels = p.getAll("level");
    boxes.forEach((box) => { box.checked = levels.indexOf(box.value) >= 0; });
    const cat = p.get("cat") || "";
    select.value = cat;
    if (select.value !== cat) select.value = "";
    input.value = p.get("q") || "";
    const sort = (p.get("sort") || "").match(/^(-?)(seq|name|code|count)$/);
    sortKey = sort ? sort[2] : "seq";
    sortDir = sort && sort[1] ? -1 : 1;
    sortRows();
    render();
  }

  // A change adds a history entry, except that typing in the text box or stepping through
  // the select with arrow keys adds one entry and then keeps replacing it until focus leaves.
  let busy = null;
  function changed(push) {
    render();
    const url = stateUrl();
    if (url === location.pathname + location.search + location.hash) return;
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }

  function edited(control) {
    changed(!control || busy !== control);
    busy = control === select || control === input ? control : null;
  }
  form.addEventListener("change", (e) => { if (e.target !== input) edited(e.target); });
  input.addEventListener("input", () => edited(input));
  input.addEventListener("blur", () => { busy = null; });
  select.addEventListener("blur", () => { busy = null; });
  form.addEventListener("submit", (e) => { e.preventDefault(); });
  form.querySelector("[data-filter-reset]").addEventListener("click", () => {
    clearAll();
    edited(null);
  });
  window.addEventListener("popstate", () => {
    busy = null;
    fromUrl();
  });

  // With the filter working, the browse links move into a collapsed disclosure.
  const details = form.querySelector("[data-filter-browse]");
  const browse = form.parentNode.querySelector(".browse");
  if (browse) details.appendChild(browse);
  else details.hidden = true;

  fromUrl();
  form.hidden = false;
})();
