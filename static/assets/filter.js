// Grade-range filter and sorting for the summary table (templates/partials/filter.html).
// No dependencies but match.js, no requests. The page works without it: the table is
// complete and the browse links lead to /levels/<n>/ and /categories/<code>/.
//
// State lives in the URL query: ?level=1&level=2&cat=4-10&q=保育&sort=-name
//   level  every checked level must be in a row's range (repeatable)
//   cat    a 大类 ("4") or 中类 ("4-10") code
//   q      text matched by match.js: name, code (with or without dashes), pinyin
//   sort   seq | name | code | count, "-" first for descending; default seq ascending
// A table longer than the notice page holds is read from the file data-table-data names
// (search/table.json, by filter-data.js); a filter lists its first matches, more on request.
// Rows carry data-code, data-levels ("5 4 3"), data-major, data-middle, data-pinyin (the
// preferred reading, "bao yu shi") and data-count; data-readings adds every spelling whole
// and as initials ("baoyushi baozhoushi bys bzs"), data-aliases the everyday names ("月嫂 保姆").
// The text is read by match.parseQuery as search reads it: a level typed beside a name
// (茶艺师三级) does not narrow, a level alone does; traditional characters by the form's data-ts.
//
// The pure part (state, rows, sorting, texts) comes first and is what Node tests
// (tests/js/filter.test.mjs); the page part below it wires the form.
(() => {
  "use strict";
  const match = typeof window === "object" ? window.linxuanMatch : require("./match.js");

  // ---- State in the URL ---------------------------------------------------------------------
  const SORT_KEYS = ["seq", "name", "code", "count"];
  const SORT_NAMES = { seq: "序号", name: "名称（拼音）", code: "职业编码", count: "拟遴选机构数量" };
  const DEFAULT_STATE = { levels: [], cat: "", q: "", sortKey: "seq", sortDir: 1 };

  // The state a query string asks for; an unknown sort falls back to 序号 ascending. Levels
  // and category are taken as written: the page keeps only those its form offers.
  function parseState(search) {
    const p = new URLSearchParams(search);
    const sort = (p.get("sort") || "").match(/^(-?)(seq|name|code|count)$/);
    return {
      levels: p.getAll("level"),
      cat: p.get("cat") || "",
      q: p.get("q") || "",
      sortKey: sort ? sort[2] : "seq",
      sortDir: sort && sort[1] ? -1 : 1,
    };
  }

  // The query string of a state ("" for the default view): levels ascending, the text
  // trimmed, the sort only when it is not the default.
  function stateQuery(state) {
    const s = Object.assign({}, DEFAULT_STATE, state);
    const p = new URLSearchParams();
    s.levels.slice().sort().forEach((v) => p.append("level", v));
    if (s.cat) p.set("cat", s.cat);
    if (s.q.trim()) p.set("q", s.q.trim());
    if (s.sortKey !== "seq" || s.sortDir !== 1) p.set("sort", (s.sortDir === 1 ? "" : "-") + s.sortKey);
    return p.toString();
  }

  // ---- Rows ---------------------------------------------------------------------------------

  // Everything a row is filtered and sorted by, from its cells' text and data-* attributes.
  function readRow({ seq, name, code, levels, major, middle, pinyin, readings, aliases, count }) {
    const syllables = match.normalize(pinyin).split(" ").filter(Boolean);
    const keys = match.pinyinTokens(syllables.join(" "));
    match.normalize(readings).split(" ").forEach((k) => { if (k && !keys.includes(k)) keys.push(k); });
    const levelList = String(levels || "").split(/\s+/).filter(Boolean);
    const aliasList = String(aliases || "").split(" ").filter(Boolean);
    return Object.assign(match.occupation(name, code, keys, aliasList, levelList), {
      seq: parseInt(seq, 10),
      codeKey: (code || "").split("-").map(Number),
      levels: levelList,
      major: major || "",
      middle: middle || "",
      pinyinKey: syllables.join(" "),
      count: Number(count) || 0,
    });
  }

  // A row's range includes the level ("1".."5").
  const hasLevel = (row, level) => row.levels.includes(String(level));
  // The row is in the 大类 ("4") or 中类 ("4-10").
  const inCategory = (row, cat) => row.major === cat || row.middle === cat;
  // `simplify` reads traditional characters (the form's data-ts, as search's index `ts`).
  const textMatches = (row, q, simplify) => match.textMatches(row, q, simplify);

  // Whether a row passes a whole state (levels, category, text).
  const rowMatches = (row, state, simplify) =>
    state.levels.every((l) => hasLevel(row, l)) &&
    (!state.cat || inCategory(row, state.cat)) &&
    (!state.q || textMatches(row, state.q, simplify));

  // Which single constraint to drop when nothing is shown, with the rows each choice brings
  // back, most first; `constraints` are { test(row) } and come back as { c, n }.
  function loosenings(rows, constraints) {
    const count = (list) => rows.filter((r) => list.every((c) => c.test(r))).length;
    return constraints.map((c) => ({ c, n: count(constraints.filter((o) => o !== c)) }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n);
  }

  // ---- Sorting and texts --------------------------------------------------------------------

  // The order of rows for a sort key and direction (1 or -1); ties keep 序号 order.
  function comparator(key, dir) {
    return (a, b) => {
      let d = 0;
      if (key === "name") d = a.pinyinKey < b.pinyinKey ? -1 : a.pinyinKey > b.pinyinKey ? 1 : 0;
      else if (key === "code") {
        for (let i = 0; !d && i < Math.max(a.codeKey.length, b.codeKey.length); i++) {
          d = (a.codeKey[i] || 0) - (b.codeKey[i] || 0);
        }
      } else if (key === "count") d = a.count - b.count;
      else d = a.seq - b.seq;
      return d * dir || a.seq - b.seq;
    };
  }

  // `listed` < `shown` when a long table puts only the first matching rows in the page.
  const countText = (shown, total, listed = shown) =>
    listed < shown
      ? "符合 " + shown + " / " + total + " 个职业，列出前 " + listed + " 个"
      : "显示 " + shown + " / " + total + " 个职业";
  // Rows a long table lists at a time once filtered: fewer rows to make and lay out.
  const ROWS_STEP = 200;
  // A new view of a long table shows this many rows in its first frame, more than a screen
  // holds, and adds the rest after that frame: laying out 200 rows first delayed the view.
  const FIRST_FRAME_ROWS = 40;

  const sortText = (key, dir) =>
    key === "seq" && dir === 1 ? "" : "，按" + SORT_NAMES[key] + (dir === 1 ? "升序" : "降序") + "排列";

  // The table's caption for a view: a filtered table says so, and what it was filtered by, so
  // a printed or copied view is not taken for the whole table; `labels` name the constraints.
  const captionText = (base, labels, count, sort) =>
    labels.length ? base + "——筛选结果，不是完整汇总表：" + labels.join("，") + "；" + count + sort : base + sort;

  if (typeof module === "object" && module.exports) {
    module.exports = {
      SORT_KEYS, parseState, stateQuery, readRow, hasLevel, inCategory, textMatches, rowMatches,
      loosenings, comparator, countText, sortText, captionText, ROWS_STEP,
    };
    return;
  }

  // ---- The page -----------------------------------------------------------------------------
  const form = document.getElementById("filter-form");
  const table = document.querySelector("table.occupations");
  if (!form || !table || !table.tBodies[0] || !table.tHead || !window.URLSearchParams) return;

  const tbody = table.tBodies[0];
  const caption = table.caption;
  const wholeCaption = caption ? caption.textContent : "";
  const simplify = match.simplifier(form.dataset.ts);
  const boxes = Array.from(form.querySelectorAll('input[name="level"]'));
  const select = form.elements.cat;
  const input = form.elements.q;
  const countEl = form.querySelector("[data-filter-count]");
  const sortEl = form.querySelector("[data-filter-sort]");
  const empty = form.querySelector("[data-filter-empty]");
  const loosen = form.querySelector("[data-filter-loosen]");
  const hint = form.querySelector("[data-filter-hint]");
  // Sortable columns by position, unless a header names its key with data-sort.
  const SORT_COLUMNS = ["seq", "name", "code", "", "count"];

  const source = document.querySelector("[data-table-data]");
  // From the data file, filled in by load(); otherwise the table's own rows.
  let rows = source ? [] : Array.from(tbody.rows, (tr) => Object.assign(readRow(Object.assign({
    seq: tr.cells[0].textContent,
    name: tr.querySelector("th").textContent,
  }, tr.dataset)), { tr }));
  let total = rows.length;
  // How many matching rows a long table puts in the page, and the button that adds more.
  let listed = ROWS_STEP;
  let more = null;

  // The filter as a list of constraints; a row is shown when it passes all of them.
  function constraints() {
    const list = [];
    boxes.forEach((box) => {
      if (box.checked) {
        list.push({
          control: box,
          text: "取消等级“" + box.dataset.label + "”",
          label: "等级含“" + box.dataset.label + "”",
          test: (r) => hasLevel(r, box.value),
          clear: () => { box.checked = false; },
        });
      }
    });
    const cat = select.value;
    if (cat) {
      list.push({
        control: select,
        text: "不限职业类别（现为“" + select.options[select.selectedIndex].dataset.label + "”）",
        label: "职业类别“" + select.options[select.selectedIndex].dataset.label + "”",
        test: (r) => inCategory(r, cat),
        clear: () => { select.value = ""; },
      });
    }
    const q = match.normalize(input.value);
    if (q) {
      // Read once, then tested against every row.
      const matches = match.matcher(match.parseQuery(q, simplify));
      list.push({
        control: input,
        text: "清除关键词“" + input.value.trim() + "”",
        label: "关键词“" + input.value.trim() + "”",
        test: matches,
        clear: () => { input.value = ""; },
      });
    }
    return list;
  }

  let sortKey = "seq";
  let sortDir = 1;

  function render() {
    const list = constraints();
    let shown = 0;
    if (source) shown = renderFromData(list);
    else {
      rows.forEach((r) => {
        const ok = list.every((c) => c.test(r));
        r.tr.hidden = !ok;
        if (ok) shown++;
      });
    }
    const count = countText(shown, total, source ? Math.min(shown, listed) : shown);
    setText(countEl, count);
    setText(sortEl, sortText(sortKey, sortDir));
    // A filter every row passes leaves the whole table: its caption says so.
    const labels = shown < total ? list.map((c) => c.label) : [];
    if (caption) setText(caption, captionText(wholeCaption, labels, count, sortText(sortKey, sortDir)));
    if (loosen.firstChild) loosen.textContent = "";
    if (empty.hidden !== shown > 0) empty.hidden = shown > 0;
    if (shown > 0) return;
    // Say which filter to loosen, and how many rows each choice brings back.
    const ways = loosenings(rows, list);
    hint.textContent = ways.length ? "请放宽一个条件：" : "只放宽一个条件还不够，请清除筛选后重新选择：";
    ways.forEach((x) => addLoosen(x.c.text + "，可显示\u00a0" + x.n + "\u00a0个", () => {
      x.c.clear();
      return x.c.control;
    }));
    addLoosen("清除全部筛选，显示全部\u00a0" + total + "\u00a0个", () => { clearAll(); return boxes[0]; });
  }

  // A long table: the first `listed` matching rows (rows are kept in display order) become
  // the table's body, rows already in place staying; returns how many match. A new view's
  // rows after the first FIRST_FRAME_ROWS come a frame later, the table aria-busy until then
  // (its columns have fixed widths, site.css, so they do not move as rows are added).
  let pendingRows = null;
  function renderFromData(list) {
    const matching = list.length ? rows.filter((r) => list.every((c) => c.test(r))) : rows;
    const wanted = matching.slice(0, listed);
    addRest(null);
    const now = tbody.rows;
    let same = 0;
    while (same < wanted.length && same < now.length && wanted[same].tr === now[same]) same++;
    if (same === now.length) {
      if (same < wanted.length) tbody.append(...wanted.slice(same).map(rowElement));
    } else {
      const first = Math.max(same, FIRST_FRAME_ROWS);
      tbody.replaceChildren(...wanted.slice(0, first).map(rowElement));
      if (first < wanted.length) addRest(wanted.slice(first));
    }
    const rest = matching.length - listed;
    setText(more, "再列出 " + Math.min(rest, ROWS_STEP) + " 个（还有 " + rest + " 个）");
    if (more.hidden !== rest <= 0) more.hidden = rest <= 0;
    return matching.length;
  }

  // Rows to add once the current frame is shown (null: none, and any pending are dropped).
  function addRest(rest) {
    pendingRows = rest;
    if (!rest) {
      if (table.hasAttribute("aria-busy")) table.removeAttribute("aria-busy");
      return;
    }
    table.setAttribute("aria-busy", "true");
    requestAnimationFrame(() => setTimeout(() => {
      if (pendingRows !== rest) return;
      tbody.append(...rest.map(rowElement));
      addRest(null);
    }, 0));
  }

  // Unchanged text is not set again (which would lay the page out again).
  function setText(el, text) {
    if (el.textContent !== text) el.textContent = text;
  }

  // A table row as partials/occupation_row.html writes it, made once per row when first shown.
  function rowElement(r) {
    if (r.tr) return r.tr;
    const tr = document.createElement("tr");
    tr.dataset.code = r.code;
    const cell = (tag, text, className) => {
      const el = document.createElement(tag);
      if (className) el.className = className;
      if (text !== null) el.textContent = text;
      tr.appendChild(el);
      return el;
    };
    cell("td", String(r.seq), "num");
    const th = cell("th", null);
    th.scope = "row";
    const a = document.createElement("a");
    a.href = r.url;
    a.textContent = r.title;
    th.appendChild(a);
    cell("td", r.code, "code");
    const levels = cell("td", null);
    const label = document.createElement("span");
    label.className = "levels-label";
    label.textContent = r.levelsLabel;
    levels.append(`${r.levelsText} `, label);
    cell("td", String(r.count), "num");
    r.tr = tr;
    return tr;
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

  const headers = [];
  Array.from(table.tHead.rows[0].cells).forEach((th, i) => {
    const key = th.dataset.sort || SORT_COLUMNS[i];
    if (!SORT_KEYS.includes(key)) return;
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
    headers.push({ th, key });
  });
  table.classList.add("sortable");

  function sortRows() {
    if (source) rows.sort(comparator(sortKey, sortDir));
    else rows.slice().sort(comparator(sortKey, sortDir)).forEach((r) => tbody.appendChild(r.tr));
    headers.forEach((h) => {
      if (h.key === sortKey) h.th.setAttribute("aria-sort", sortDir === 1 ? "ascending" : "descending");
      else h.th.removeAttribute("aria-sort");
    });
  }

  // The URL of the current state.
  function stateUrl() {
    const query = stateQuery({
      levels: boxes.filter((b) => b.checked).map((b) => b.value),
      cat: select.value,
      q: input.value,
      sortKey,
      sortDir,
    });
    return location.pathname + (query ? "?" + query : "") + location.hash;
  }

  function fromUrl() {
    const state = parseState(location.search);
    boxes.forEach((box) => { box.checked = state.levels.includes(box.value); });
    select.value = state.cat;
    if (select.value !== state.cat) select.value = "";
    input.value = state.q;
    sortKey = state.sortKey;
    sortDir = state.sortDir;
    sortRows();
    render();
  }

  // A change adds a history entry, except that typing in the text box or stepping through
  // the select with arrow keys adds one entry and then keeps replacing it until focus leaves.
  let busy = null;
  function changed(push) {
    listed = ROWS_STEP;
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

  function start() {
    fromUrl();
    form.hidden = false;
  }

  if (!source) start();
  else {
    // Until the data has come, the page shows the table's first rows and says where the rest are.
    more = document.createElement("button");
    more.type = "button";
    more.className = "table-more";
    more.hidden = true;
    more.addEventListener("click", () => {
      listed += ROWS_STEP;
      render();
    });
    table.closest(".table-wrap").after(more);
    // filter-data.js reads the data: only a page with a long table loads it. The notice
    // template loads it before this script; a site's own older copy of the template does not.
    const reader = window.linxuanFilterData ? null : new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL("filter-data.js", document.currentScript.src).href;
      script.onload = resolve;
      script.onerror = () => reject(new Error(script.src));
      document.head.appendChild(script);
    });
    fetch(source.dataset.tableData)
      .then((response) => {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return Promise.all([response.json(), reader]);
      })
      .then(([data]) => {
        rows = window.linxuanFilterData.rowsFromData(data);
        total = rows.length;
        // The page's own rows are kept, not made again; the unfiltered view keeps all of them.
        const inPage = new Map(Array.from(tbody.rows, (tr) => [tr.dataset.code, tr]));
        rows.forEach((r) => { r.tr = inPage.get(r.code); });
        if (!stateQuery(parseState(location.search))) listed = Math.max(ROWS_STEP, inPage.size);
        source.hidden = true;
        start();
        window.linxuanFilterData.warm(rows);
      })
      .catch((e) => {
        source.append(" 完整汇总表未能载入（" + e.message + "），筛选暂不可用。");
      });
  }
})();
