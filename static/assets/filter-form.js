// The notice page's table filter (templates/partials/filter.html): the form, the sort buttons
// and the URL wired to the table with filter.js. The page works without it.
import * as match from "./match.js";
import { chinaDate } from "./deadline.js";
import {
  SORT_KEYS, parseState, stateQuery, readRow, hasLevel, inCategory, loosenings, comparator,
  countText, sortText, captionText, printCaptionText, ROWS_STEP,
} from "./filter.js";

// A new view of a long table shows this many rows in its first frame, more than a screen
// holds, and adds the rest after that frame: laying out 200 rows first delayed the view.
const FIRST_FRAME_ROWS = 40;

function wire(form, table) {
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
          print: box.dataset.label,
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
        print: "职业类别 " + select.options[select.selectedIndex].dataset.label,
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
        print: "关键词“" + input.value.trim() + "”",
        test: matches,
        clear: () => { input.value = ""; },
      });
    }
    return list;
  }

  let sortKey = "seq";
  let sortDir = 1;

  // Print shows the view on the screen (filter.css): a filtered or sorted table comes first in
  // the printed notice (data-print-view on the article), under a line saying what it is and
  // when it was printed; with 只打印表格 ticked, it is all that is printed.
  const article = table.closest(".notice");
  const printLine = document.createElement("p");
  printLine.className = "print-caption";
  (table.closest(".table-wrap") || table).before(printLine);
  const printOnly = form.querySelector("[data-print-only]");
  let printed = { filters: [], sort: "", shown: 0, listed: 0 };
  function showPrintLine() {
    setText(printLine, printCaptionText(printed.filters, printed.sort, printed.shown, printed.listed, chinaDate(Date.now())));
  }
  window.addEventListener("beforeprint", showPrintLine);
  if (printOnly && article) {
    printOnly.addEventListener("change", () => article.toggleAttribute("data-print-table-only", printOnly.checked));
  }

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
    printed = {
      filters: shown < total ? list.map((c) => c.print) : [],
      sort: sortText(sortKey, sortDir),
      shown,
      listed: source ? Math.min(shown, listed) : shown,
    };
    if (article) article.toggleAttribute("data-print-view", printed.filters.length > 0 || printed.sort !== "");
    showPrintLine();
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
  form.addEventListener("change", (e) => { if (e.target !== input && e.target !== printOnly) edited(e.target); });
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
    const printTools = form.querySelector("[data-filter-print]");
    if (printTools) printTools.hidden = false;
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
    // filter-data.js reads the data: only a page with a long table imports it, while the data
    // comes (the notice template preloads both; a site's own older copy of it neither).
    const reading = import("./filter-data.js");
    reading.catch(() => {}); // said below, once the data has come
    fetch(source.dataset.tableData)
      .then((response) => {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return Promise.all([response.json(), reading]);
      })
      .then(([data, reader]) => {
        rows = reader.rowsFromData(data);
        total = rows.length;
        // The page's own rows are kept, not made again; the unfiltered view keeps all of them.
        const inPage = new Map(Array.from(tbody.rows, (tr) => [tr.dataset.code, tr]));
        rows.forEach((r) => { r.tr = inPage.get(r.code); });
        if (!stateQuery(parseState(location.search))) listed = Math.max(ROWS_STEP, inPage.size);
        source.hidden = true;
        start();
        reader.warm(rows);
      })
      .catch((e) => {
        source.append(" 完整汇总表未能载入（" + e.message + "），筛选暂不可用。");
      });
  }
}

const form = document.getElementById("filter-form");
const table = document.querySelector("table.occupations");
if (form && table && table.tBodies[0] && table.tHead) wire(form, table);
