// The fill-in page of a form (/forms/<name>/fill/), made here in the browser: nothing is sent
// anywhere. The Word file's parts ship in the page as JSON; the occupation table is the site's
// search/table.json, the one request the page's Content-Security-Policy allows, made as it
// loads. This module keeps the repeating rows, what is filled in, the printed values and the
// wiring; fill-picker.js, fill-checks.js, fill-draft.js and fill-word.js the rest.
import * as match from "./match.js";
import { fieldProblems, showProblems } from "./fill-checks.js";
import { exactOccupation, levelChoices, rowProblems, picker, loadOccupations } from "./fill-picker.js";
import { serialiseDraft, parseDraft, draftStore } from "./fill-draft.js";
import { wordFile } from "./fill-word.js";

// ---- The repeating rows ----

const rowControls = (tr) => Array.from(tr.querySelectorAll("input, select, textarea"));
const columnOf = (control) => control.dataset.base;
const cellOf = (tr, column) => tr.querySelector(`[data-col="${column}"]`);

// The rows of the repeating table (tbody[data-repeat]): its first row is the template of the
// rows added, each row gets a 删除 button, and the controls are named by their row (第2行).
// `wire(tr)` runs on every row as it comes; `changed()` after a row is removed.
// { columns (the row's keys by data-col: occupation, code, level), add(), set(count) }.
function repeatingRows(tbody, { wire, changed }) {
  for (const control of tbody.querySelectorAll("input, select")) {
    control.dataset.base = control.id.replace(/-\d+$/, "");
    control.dataset.labelBase = (control.getAttribute("aria-label") || "").replace(/ 第\d+行$/, "");
  }
  const template = tbody.rows[0].cloneNode(true);
  const columns = {};
  for (const c of rowControls(template)) {
    c.value = "";
    if (c.dataset.col && c.dataset.col !== "other") columns[c.dataset.col] = columnOf(c);
  }

  function renumber() {
    Array.from(tbody.rows).forEach((tr, i) => {
      const n = i + 1;
      tr.dataset.row = String(n);
      const number = tr.querySelector("[data-row-no]");
      if (number) number.textContent = String(n);
      for (const c of rowControls(tr)) {
        c.id = `${c.dataset.base}-${n}`;
        c.name = c.id;
        c.setAttribute("aria-label", `${c.dataset.labelBase} 第${n}行`);
      }
      const remove = tr.querySelector("[data-remove-row]");
      if (remove) {
        remove.setAttribute("aria-label", `删除第${n}行`);
        remove.hidden = tbody.rows.length < 2;
      }
    });
  }

  function wireRow(tr) {
    const cell = tr.querySelector(".row-no");
    if (cell && !cell.querySelector("[data-remove-row]")) {
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "remove-row no-print";
      remove.dataset.removeRow = "";
      remove.textContent = "删除";
      cell.append(" ", remove);
    }
    wire(tr);
  }

  function add() {
    const tr = template.cloneNode(true);
    tbody.append(tr);
    wireRow(tr);
    renumber();
    return tr;
  }

  function set(count) {
    while (tbody.rows.length > Math.max(count, 1)) tbody.rows[tbody.rows.length - 1].remove();
    while (tbody.rows.length < count) add();
    renumber();
  }

  Array.from(tbody.rows).forEach(wireRow);
  renumber();
  tbody.addEventListener("click", (e) => {
    const remove = e.target.closest("[data-remove-row]");
    if (!remove || tbody.rows.length < 2) return;
    const tr = remove.closest("tr");
    const next = tr.nextElementSibling || tr.previousElementSibling;
    tr.remove();
    renumber();
    changed();
    const focus = next && next.querySelector("input, select");
    if (focus) focus.focus();
  });
  return { columns, add, set };
}

// A row's code and level choices for occupation `o` (null: none of the table's): the level
// stays if `o` has it; an occupation open at one level only has that level chosen.
function setCode(tr, o, levels) {
  const code = cellOf(tr, "code");
  if (code) code.value = o ? o.code : "";
  const level = cellOf(tr, "level");
  if (!level) return;
  const previous = level.value;
  const choices = o ? levelChoices(o, levels) : levels;
  level.replaceChildren(new Option("请选择", ""), ...choices.map(([, name]) => new Option(name, name)));
  const only = o && choices.length === 1 ? choices[0][1] : "";
  level.value = choices.some(([, name]) => name === previous) ? previous : only;
}

function pick(tr, o, levels) {
  const input = cellOf(tr, "occupation");
  if (input) input.value = o.name;
  setCode(tr, o, levels);
}

// ---- Print ----

// What print shows in place of each control under `root`: its value as text, which wraps in
// its cell (an input would cut it off); an empty blank keeps the width of the Word file's,
// half an em per underscore (`blanks`: each blank's underscores, by field id; form.css).
const mirrors = new WeakMap();
function mirrorAll(root, blanks) {
  for (const c of root.querySelectorAll("input, select, textarea")) {
    if (c.type === "radio" || c.type === "file") continue;
    let span = mirrors.get(c);
    if (!span) {
      span = document.createElement("span");
      span.className = "print-value";
      if (c.classList.contains("blank-input")) {
        span.classList.add("blank-value");
        span.style.setProperty("--blank", String(blanks[c.id] || 8));
      }
      if (c.tagName === "TEXTAREA") span.classList.add("outline-value");
      if (c.dataset.col) span.classList.add(`value-${c.dataset.col}`);
      // Codes and phone numbers are read whole; a break at their dashes misleads.
      if (/^(credit|mobile|landline|phone)$/.test(c.dataset.check || "")) span.classList.add("value-number");
      span.setAttribute("aria-hidden", "true");
      c.after(span);
      mirrors.set(c, span);
    }
    span.textContent = c.tagName === "SELECT" && c.value ? c.selectedOptions[0].text : c.value;
  }
}

// Print sets the form as the Word file does (derive/docx, `print`: sizes in half-points,
// widths in twips): the title's size, each table's size and column widths, which form.css
// reads in print only (custom properties, which the page's style policy allows from script),
// and its headings broken where the Word file breaks them (line breaks shown in print only).
function printLayout(root, { title, tables }) {
  root.style.setProperty("--word-title", `${title / 2}pt`);
  root.querySelectorAll("table.fill-table").forEach((table, i) => {
    const { size, widths, heading } = tables[i] || {};
    if (!widths) return;
    const cells = table.tHead ? Array.from(table.tHead.rows[0].cells) : [];
    cells.forEach((th, k) => {
      const lines = (heading || [])[k] || [];
      if (lines.length < 2 || lines.join("") !== th.textContent.trim()) return;
      th.replaceChildren(...lines.flatMap((line, n) => {
        if (n === 0) return [line];
        const br = document.createElement("br");
        br.className = "word-line";
        return [br, line];
      }));
    });
    const total = widths.reduce((a, b) => a + b, 0);
    const group = document.createElement("colgroup");
    for (const w of widths) {
      const col = document.createElement("col");
      col.style.setProperty("--word-width", `${(100 * w / total).toFixed(3)}%`);
      group.append(col);
    }
    table.insertBefore(group, table.tHead || table.tBodies[0]);
    table.style.setProperty("--word-size", `${size / 2}pt`);
  });
}

// Word keeps at least two lines of a paragraph on each page, so it never splits one of three
// lines or fewer; Chromium keeps orphans but not widows, so print keeps such a paragraph whole
// (form.css, .print-whole). Its lines on paper are counted from its text: 三号 in the 156 mm
// column holds 27.6 ems a line, the first of a paragraph indented 2 ems, a Latin letter or
// digit half an em, an empty blank half an em per underscore (--blank).
const LINE_EMS = 27.6;
function printLines(el) {
  const ems = (text) => Array.from(text).reduce((n, c) => n + (c.codePointAt(0) < 0x2000 ? 0.5 : 1), 0);
  const blanks = Array.from(el.querySelectorAll(".blank-value:empty"), (b) => Number(b.style.getPropertyValue("--blank")) / 2);
  const text = el.classList.contains("outline-value") ? el.textContent : el.textContent.replace(/\s+/g, " ").trim();
  const indent = el.classList.contains("fill-line") ? 0 : 2;
  return text.split("\n").reduce((lines, line, i) => {
    const width = ems(line) + (i === 0 ? indent + blanks.reduce((a, b) => a + b, 0) : 0);
    return lines + Math.max(1, Math.ceil(width / LINE_EMS));
  }, 0);
}
function keepShortParagraphs(root) {
  for (const el of root.querySelectorAll(".form-body > p, .form-body > .outline-value, .sign-block > p")) {
    el.classList.toggle("print-whole", printLines(el) <= 3);
  }
}

// A file made here offered for download.
function offer(bytes, type, name) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// ---- The page ----

function page(dataBlock, root) {
  const data = JSON.parse(dataBlock.textContent);
  // The occupations to pick: search/table.json (data.table), which the page's head preloads.
  // Until it has come the form can be filled in, and a picker lists nothing yet.
  let list = [];
  let table = data.table ? "loading" : "none";
  const statusLine = document.querySelector("[data-status]");
  const summary = document.querySelector("[data-error-summary]");
  const tbody = root.querySelector("tbody[data-repeat]");
  const outlines = Array.from(root.querySelectorAll("textarea.outline-answer"), (t) => t.id);
  const drafts = draftStore(data.form, location.pathname);
  const say = (text) => { if (statusLine) statusLine.textContent = text; };

  // A row's picker: the occupation chosen, with a level typed beside its name (茶艺师三级)
  // where the occupation has it.
  const wirePicker = (tr) => picker(cellOf(tr, "occupation"), {
    list: () => list,
    ready: () => table === "ready",
    choose: (o, typedLevel) => {
      pick(tr, o, data.levels);
      const level = cellOf(tr, "level");
      const name = (data.levels.find(([n]) => n === typedLevel) || [])[1];
      // A level the occupation is not open at: no level kept from before, and why.
      const open = o.levels.includes(typedLevel);
      if (level && name) level.value = open ? name : "";
      changed();
      if (level && name && !open) say(`${o.name}本次不遴选${name}，请从其等级范围中选择。`);
    },
    // Left naming no occupation of the table: no code, nor another occupation's levels.
    leave: (ready) => {
      if (ready) setCode(tr, null, data.levels);
      changed();
    },
  });
  const rows = tbody && repeatingRows(tbody, {
    wire: (tr) => { if (cellOf(tr, "occupation")) wirePicker(tr); },
    changed: () => changed(),
  });
  const rowCount = tbody ? tbody.rows.length : 0;

  // ---- What is filled in ----
  function collect() {
    const values = {};
    for (const c of root.querySelectorAll("input, select, textarea")) {
      if (tbody && tbody.contains(c)) continue;
      if (c.type === "radio") {
        if (c.checked) values[c.name] = c.value;
      } else if (c.type !== "file") {
        values[c.id] = c.value;
      }
    }
    const filled = tbody ? Array.from(tbody.rows, (tr) => Object.fromEntries(rowControls(tr).map((c) => [columnOf(c), c.value]))) : [];
    return { values, rows: filled };
  }

  function apply(state) {
    for (const c of root.querySelectorAll("input, select, textarea")) {
      if (tbody && tbody.contains(c)) continue;
      if (c.type === "radio") c.checked = state.values[c.name] === c.value;
      else if (c.type !== "file") c.value = state.values[c.id] || "";
    }
    if (!tbody) return;
    const { columns } = rows;
    rows.set(Math.max(state.rows.length, 1));
    Array.from(tbody.rows).forEach((tr, i) => {
      const row = state.rows[i] || {};
      const name = row[columns.occupation] || "";
      const o = list.find((x) => x.code === row[columns.code] && x.name === name);
      setCode(tr, o || null, data.levels);
      for (const c of rowControls(tr)) c.value = row[columnOf(c)] || "";
      if (!o && cellOf(tr, "code")) cellOf(tr, "code").value = row[columns.code] || "";
    });
  }

  // ---- The draft, saved as the user types ----
  function save() {
    if (!drafts) return;
    const state = collect();
    const shared = {};
    for (const c of root.querySelectorAll("[data-shared]")) shared[c.dataset.shared] = c.value;
    try {
      drafts.save(state, shared);
      say("草稿已保存在本机浏览器中。");
      showValues();
    } catch {
      say("本机浏览器不允许保存草稿；请用“导出草稿”保存。");
    }
  }

  function restore() {
    if (!drafts) return false;
    const draft = drafts.draft();
    if (draft) apply(draft);
    let restored = !!draft;
    // The values both forms ask for: the last typed on either wins.
    const shared = drafts.shared();
    for (const c of root.querySelectorAll("[data-shared]")) {
      const value = shared[c.dataset.shared];
      if (typeof value === "string" && value !== c.value) {
        c.value = value;
        restored = true;
      }
    }
    return restored;
  }

  // ---- The table: loaded as the page starts, said above the rows while it loads or if it fails ----
  const tableNote = tbody && data.table ? document.createElement("p") : null;
  if (tableNote) {
    tableNote.className = "fill-status table-status no-print";
    tableNote.setAttribute("role", "status");
    tableNote.textContent = "正在载入职业（工种）列表……";
    (tbody.closest(".table-wrap") || tbody.closest("table")).before(tableNote);
  }

  function loadTable() {
    if (!data.table) return Promise.resolve();
    return loadOccupations(data.table)
      .then((occupations) => {
        list = occupations;
        table = "ready";
        if (tableNote) tableNote.remove();
      })
      .catch((err) => {
        table = "failed";
        if (!tableNote) return;
        tableNote.classList.add("table-failed");
        tableNote.textContent = `职业（工种）列表未能载入（${err.message}），暂时无法从列表中选择职业（工种）；其他内容可照常填写，刷新页面可再次载入。`;
      });
  }

  // Rows restored or typed in before the table came: their codes and level choices now (a
  // row typed in meanwhile is saved so), and the list of a picker being typed in.
  function refreshRows() {
    if (!tbody || table !== "ready") return;
    let typed = false;
    for (const tr of tbody.rows) {
      const input = cellOf(tr, "occupation");
      const code = cellOf(tr, "code");
      const name = input ? input.value.trim() : "";
      const was = code ? code.value : "";
      const o = list.find((x) => code && x.code === was.trim() && x.name === name) || exactOccupation(list, name, match);
      if (o) pick(tr, o, data.levels);
      if (o && code && code.value !== was) typed = true;
    }
    if (typed) save();
    const active = document.activeElement;
    if (active && active.dataset.col === "occupation" && tbody.contains(active) && active.value) active.dispatchEvent(new Event("input"));
  }

  // ?occupation=<code> (may repeat): a row for each, unless one has it already; with
  // &level=<n> (the n-th ?occupation's level, or one for all), that level where it is open.
  function preselect() {
    if (!tbody) return;
    const query = new URLSearchParams(location.search);
    const levels = query.getAll("level").map(Number);
    query.getAll("occupation").forEach((code, i) => {
      const o = list.find((x) => x.code === code.trim());
      if (!o) return;
      const all = Array.from(tbody.rows);
      if (all.some((tr) => cellOf(tr, "code") && cellOf(tr, "code").value === o.code)) return;
      const empty = all.find((tr) => rowControls(tr).every((c) => !c.value));
      const tr = empty || rows.add();
      pick(tr, o, data.levels);
      const wanted = levels[i] ?? (levels.length === 1 ? levels[0] : undefined);
      const name = (data.levels.find(([n]) => n === wanted) || [])[1];
      const level = cellOf(tr, "level");
      if (level && name && o.levels.includes(wanted)) level.value = name;
    });
  }

  // A draft's rows naming an occupation, or a level of one, that this release no longer
  // lists: said once the table is read, each by name, so the applicant can change them.
  function staleRows() {
    if (!tbody) return;
    const gone = [];
    for (const tr of tbody.rows) {
      const code = cellOf(tr, "code") && cellOf(tr, "code").value.trim();
      const name = cellOf(tr, "occupation") && cellOf(tr, "occupation").value.trim();
      const level = cellOf(tr, "level") && cellOf(tr, "level").dataset.drafted;
      if (!code && !name) continue;
      const o = list.find((x) => x.code === code) || list.find((x) => x.name === name);
      if (!o) gone.push(name || code);
      else if (level && !levelChoices(o, data.levels).some(([, n]) => n === level)) gone.push(`${o.name}·${level}`);
    }
    if (gone.length) say(`您草稿中的 ${gone.join("、")} 已不在本次遴选范围，请改选或删去。`);
  }

  // ---- The checks, the printed values, the title ----
  // Shows every problem; returns how many there are.
  function showErrors() {
    const problems = fieldProblems(root);
    if (tbody && table === "ready") {
      for (const p of rowProblems(collect().rows, list, data.levels, rows.columns)) {
        const control = tbody.rows[p.row] && tbody.rows[p.row].querySelector(`[data-base="${p.column}"]`);
        if (control) problems.push({ control, message: p.message });
      }
    }
    showProblems(root, summary, problems);
    showValues();
    return problems.length;
  }

  // The title's bracketed field (（单位名称）…申报表): the name as typed, the brackets while empty.
  const titleField = root.querySelector("[data-title-field]");
  const titleText = () => {
    const source = titleField && root.querySelector(`[data-shared="${CSS.escape(titleField.dataset.titleField)}"]`);
    return (source && source.value.trim()) || (titleField ? titleField.dataset.placeholder : "");
  };
  function showValues() {
    mirrorAll(root, data.blanks);
    keepShortParagraphs(root);
    if (titleField) titleField.textContent = titleText();
  }

  function changed() {
    save();
    showErrors();
  }

  // The filled Word file, from what is filled in now.
  function filledWord() {
    const state = collect();
    const options = {};
    for (const group of root.querySelectorAll("[data-options]")) {
      const checked = group.querySelector("input:checked");
      if (checked) options[group.id] = checked.dataset.k;
    }
    const values = titleField ? { ...state.values, [titleField.dataset.marker]: titleText() } : state.values;
    return wordFile(data.word, { values, rows: state.rows, options, outlines, blanks: data.blanks });
  }

  // ---- Wiring ----
  if (data.print) printLayout(root, data.print);
  root.querySelector("[data-fill-body]").hidden = false;
  const tools = document.querySelector("[data-fill-tools]");
  if (tools) tools.hidden = false;
  const addButton = document.querySelector("[data-add-row]");
  if (tbody && addButton) {
    addButton.hidden = false;
    addButton.addEventListener("click", () => {
      const tr = rows.add();
      changed();
      const first = tr.querySelector("input, select");
      if (first) first.focus();
    });
  }
  root.addEventListener("input", save);
  root.addEventListener("change", changed);

  document.querySelector("[data-download]").addEventListener("click", () => {
    const problems = showErrors();
    offer(filledWord(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", data.file_name);
    say(problems ? `已生成 Word 文件；还有 ${problems} 处需要检查，见页首提示。` : "已生成 Word 文件。");
  });
  // page.js wires the 打印 button; the checks and the printed values are brought up to date
  // whatever starts the printing.
  window.addEventListener("beforeprint", showErrors);
  document.querySelector("[data-export]").addEventListener("click", () => {
    offer(serialiseDraft(data.form, collect()), "application/json", data.file_name.replace(/\.docx$/, "").replace("（已填写）", "（草稿）") + ".json");
    say("草稿已导出为文件。");
  });
  document.querySelector("[data-import]").addEventListener("change", (e) => {
    const file = e.target.files && e.target.files[0];
    if (!file) return;
    file.text().then((text) => {
      apply(parseDraft(text, data.form));
      save();
      showErrors();
      say("草稿已导入。");
    }).catch((err) => say(`无法导入：${err.message}`)).finally(() => { e.target.value = ""; });
  });
  document.querySelector("[data-clear]").addEventListener("click", () => {
    // One click would lose a long form's work for good: ask first.
    if (!window.confirm("清除本表在本机保存的草稿，并清空已填写的内容？清除后无法恢复；需要保留的，请先“导出草稿”。")) return;
    if (drafts) drafts.clear();
    apply({ values: {}, rows: [] });
    if (tbody) rows.set(rowCount);
    showErrors();
    say("本机草稿已清除。");
  });

  const restored = restore();
  // The checks and the printed values at once, as the table comes later.
  showErrors();
  if (restored) say("已恢复本机保存的草稿。");
  // Ready once the table has come or failed to: preselect and the rows' checks need it.
  loadTable().then(() => {
    // The levels as the draft had them, before the table narrows each row's choices.
    if (tbody) for (const tr of tbody.rows) {
      const level = cellOf(tr, "level");
      if (level) level.dataset.drafted = level.value;
    }
    refreshRows();
    if (table === "ready") staleRows();
    preselect();
    showErrors();
    root.dataset.ready = "";
  });
}

const dataBlock = document.getElementById("fill-data");
const root = document.querySelector("[data-fill-form]");
if (dataBlock && root) page(dataBlock, root);
