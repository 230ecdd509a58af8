// The fill-in page of a form (/forms/<name>/fill/): the occupation picker of the rows, the
// checks, the draft kept on this device, and the filled Word file made here, in the browser.
// Nothing is sent anywhere: the Word file's parts ship in the page as JSON, and the occupation
// table is the site's search/table.json (the notice filter's data, read by the filter's decoder,
// filter-data.js), the one request the page's Content-Security-Policy allows, made as it loads.
//
// A classic script like the others (match.js and filter-data.js before it): under Node
// (tests/js/fill.test.mjs) it exports its pure functions as module.exports and touches no page.
(() => {
  "use strict";

  // ---- Checks (pure) ------------------------------------------------------------------------

  // GB 32100-2015: 18 characters from this 31-character alphabet (no I, O, Z, S, V); the 18th
  // is a check character over the first 17 (../shared/DESIGN.md §5).
  const CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

  // Full-width digits and letters as ASCII, spaces dropped: what people paste from Word.
  const ascii = (text) => String(text || "")
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, "");

  // null when the code is valid, else what is wrong with it.
  function creditCodeProblem(text) {
    const code = ascii(text).toUpperCase();
    if (code.length !== 18) return `应为18位，现为${code.length}位`;
    const bad = Array.from(code).filter((c) => !CREDIT_ALPHABET.includes(c));
    if (bad.length) return `含有不允许的字符“${[...new Set(bad)].join("")}”（不使用 I、O、Z、S、V）`;
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(code[i]) * CREDIT_WEIGHTS[i];
    const expected = CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
    if (code[17] !== expected) return "校验位不符，请逐位核对";
    return null;
  }
  const creditCodeValid = (text) => creditCodeProblem(text) === null;

  const MOBILE = /^1\d{10}$/;
  // Area code 0 + 2–3 digits, 7–8 digits, optional extension: 010-12345678, (0591)8765432-801.
  const LANDLINE = /^(?:\(0\d{2,3}\)|0\d{2,3}-?)\d{7,8}(?:(?:-|转)\d{1,6})?$/;
  // China's country code, as business cards print it (+86 138…, 0086-591-…, (+86)…), goes: a
  // number with it is the same number. The area code after it lacks its leading 0.
  const COUNTRY = /^(?:\+86|0086|\(\+86\))-?/;
  const phoneText = (text) => ascii(text).replace(/（/g, "(").replace(/）/g, ")").replace(/[—–－]/g, "-");
  const mobileValid = (text) => MOBILE.test(phoneText(text).replace(COUNTRY, "").replace(/-/g, ""));
  const landlineValid = (text) => {
    const plain = phoneText(text);
    const national = plain.replace(COUNTRY, "");
    // A mobile number after the country code is no landline, whatever 0 it is given.
    if (national !== plain && MOBILE.test(national.replace(/-/g, ""))) return false;
    return LANDLINE.test(national === plain ? plain : national.replace(/^\(?(?=[1-9])/, (open) => `${open}0`));
  };

  function validDate(y, m, d) {
    const date = new Date(Date.UTC(y, m - 1, d));
    return y >= 1900 && y <= 2100 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }
  // One date as people write it: 2026-03-01, 2026/3/1, 2026.3.1, 2026年3月1日.
  function dateValid(text) {
    const m = ascii(text).match(/^(\d{4})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})日?$/);
    return !!m && validDate(+m[1], +m[2], +m[3]);
  }
  // A date, or a period of two dates (2023-01-01至2026-12-31).
  function periodValid(text) {
    const t = ascii(text);
    if (dateValid(t)) return true;
    const parts = t.split(/至|到|~|～|—|–|--/);
    return parts.length === 2 && parts.every(dateValid);
  }
  const countValid = (text) => /^\d+$/.test(ascii(text));

  // The message for a value under a check (data-check), or null when it passes; empty values
  // pass: nothing is required, the form is the applicant's to finish.
  function checkValue(kind, value) {
    const text = String(value || "").trim();
    if (!text) return null;
    switch (kind) {
      case "credit": {
        return creditCodeProblem(text);
      }
      case "mobile": return mobileValid(text) ? null : "手机号码应为以1开头的11位数字";
      case "landline": return landlineValid(text) ? null : "固定电话应为区号加7至8位号码，如 010-12345678";
      case "phone": return mobileValid(text) || landlineValid(text) ? null : "联系电话应为11位手机号码，或区号加7至8位的固定电话";
      case "count": return countValid(text) ? null : "应为不小于0的整数（人次）";
      case "date": return periodValid(text) ? null : "应为日期，如 2026-03-01，或起止日期，如 2023-03-01至2026-02-28";
      case "year": return /^\d{4}$/.test(ascii(text)) && +ascii(text) >= 1900 && +ascii(text) <= 2100 ? null : "年份应为4位数字";
      case "month": return /^\d{1,2}$/.test(ascii(text)) && +ascii(text) >= 1 && +ascii(text) <= 12 ? null : "月份应为1至12";
      case "day": return /^\d{1,2}$/.test(ascii(text)) && +ascii(text) >= 1 && +ascii(text) <= 31 ? null : "日应为1至31";
      default: return null;
    }
  }

  // ---- The occupation table (pure) ----------------------------------------------------------

  // The table from search/table.json, read by the notice filter's decoder (`reader`,
  // filter-data.js): code, name and level numbers, and the decoder's row as `m`, which the
  // matcher reads as it reads the filter's rows (pinyin keys made when a pinyin term first asks).
  function occupations(data, reader) {
    return reader.rowsFromData(data).map((row) => ({ code: row.code, name: row.title, levels: row.levels.map(Number), m: row }));
  }

  // The occupations a typed text picks, table order, at most `limit`. A level alone (三级)
  // picks none: it says nothing of which occupation.
  function matchOccupations(list, text, match, limit = 8) {
    const parsed = match.parseQuery(text);
    if (!parsed.text) return [];
    const matches = match.matcher(parsed);
    const out = [];
    for (const o of list) {
      if (matches(o.m)) out.push(o);
      if (out.length >= limit) break;
    }
    return out;
  }

  // The occupation a text names outright: its name, or its whole code.
  function exactOccupation(list, text, match) {
    const q = match.normalize(text);
    if (!q) return null;
    const code = match.wholeCode(q.replace(/ /g, ""));
    return list.find((o) => o.m.name === q || (code && o.code === code)) || null;
  }

  // The level choices of an occupation: [[5, "五级"], …], in the table's order.
  const levelChoices = (occupation, levels) => levels.filter(([n]) => occupation.levels.includes(n));

  // Problems of the rows: a level outside its occupation's range, an occupation not in the
  // table, the same occupation and level twice. [{row, column, message}], rows from 0.
  function rowProblems(rows, list, levels, columns) {
    const out = [];
    const seen = new Map();
    rows.forEach((row, i) => {
      const name = (row[columns.occupation] || "").trim();
      const code = (row[columns.code] || "").trim();
      const level = (row[columns.level] || "").trim();
      if (!name && !code) return;
      const o = list.find((x) => x.code === code && x.name === name);
      if (!o) {
        out.push({ row: i, column: columns.occupation, message: "请从本次遴选的职业（工种）中选择" });
        return;
      }
      if (level) {
        const allowed = levelChoices(o, levels).map(([, n]) => n);
        if (!allowed.includes(level)) {
          out.push({ row: i, column: columns.level, message: `${o.name}的等级范围为${allowed.join("、")}` });
          return;
        }
        const key = `${code} ${level}`;
        if (seen.has(key)) {
          out.push({ row: i, column: columns.level, message: `与第${seen.get(key) + 1}行重复：同一职业（工种）、同一等级` });
        } else {
          seen.set(key, i);
        }
      }
    });
    return out;
  }

  // ---- Drafts (pure) ------------------------------------------------------------------------

  const DRAFT_FORMAT = "linxuan-fill-draft";

  // A draft as the file it is exported to and the text localStorage keeps.
  function serialiseDraft(form, state) {
    return JSON.stringify({ format: DRAFT_FORMAT, version: 1, form, values: state.values, rows: state.rows }, null, 1);
  }

  // A draft read back; throws with a message a reader understands when it is not one.
  function parseDraft(text, form) {
    let draft;
    try {
      draft = JSON.parse(text);
    } catch {
      throw new Error("这个文件不是草稿文件（无法读取）");
    }
    if (!draft || draft.format !== DRAFT_FORMAT) throw new Error("这个文件不是本站导出的草稿");
    if (form && draft.form !== form) throw new Error("这个草稿属于另一张表");
    const strings = (o) => Object.fromEntries(Object.entries(o || {}).filter(([, v]) => typeof v === "string"));
    return {
      values: strings(draft.values),
      rows: Array.isArray(draft.rows) ? draft.rows.map(strings) : [],
    };
  }

  // ---- The Word file (pure) -----------------------------------------------------------------

  const xmlEscape = (text) => String(text)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

  const marker = (id) => `\u27e6${xmlEscape(id)}\u27e7`;
  const MARKER = /\u27e6([^\u27e7]*)\u27e7/g;
  const unescapeXml = (text) => text.replace(/&quot;/g, "\"").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&apos;/g, "'").replace(/&amp;/g, "&");

  // A value as run text: line breaks as Word breaks.
  const runText = (value) => String(value).split(/\r?\n/).map(xmlEscape).join("</w:t><w:br/><w:t xml:space=\"preserve\">");

  // The element of `tag` (w:tr, w:p) around position `at` of `xml`: [start, end).
  function around(xml, tag, at) {
    let start = xml.lastIndexOf(`<${tag} `, at);
    const bare = xml.lastIndexOf(`<${tag}>`, at);
    if (bare > start) start = bare;
    const close = `</${tag}>`;
    const end = xml.indexOf(close, at);
    return start < 0 || end < 0 ? null : [start, end + close.length];
  }

  // word/document.xml of the filled variant with the values in: `values` by field id, `rows`
  // the rows of the repeating table (objects by column, e.g. "拟申报等级"), `options` the
  // ticked box of each option group (id → index), `outlines` the ids of the outline answers
  // (an empty one drops its paragraph), `blanks` the width of each blank (an empty one stays
  // a blank).
  function fillXml(xml, { values = {}, rows = [], options = {}, outlines = [], blanks = {} }) {
    // The repeating row: one copy per row filled (at least one).
    const at = xml.indexOf(marker("#"));
    if (at >= 0) {
      const span = around(xml, "w:tr", at);
      if (span) {
        const template = xml.slice(span[0], span[1]);
        const filled = rows.filter((r) => Object.values(r).some((v) => String(v || "").trim()));
        const list = filled.length ? filled : [{}];
        const copies = list.map((row, k) => {
          let n = 0;
          return template
            .replace(marker("#"), String(k + 1))
            .replace(/\u27e6([^\u27e7]*)-1\u27e7/g, (_, column) => runText(row[unescapeXml(column)] || ""))
            // Word wants paragraph ids unique: the copies after the first get new ones.
            .replace(/w14:paraId="[0-9A-F]{8}"/g, (id) => k === 0 ? id
              : `w14:paraId="${(0x10000000 + k * 0x1000 + n++).toString(16).toUpperCase().padStart(8, "0")}"`);
        });
        xml = xml.slice(0, span[0]) + copies.join("") + xml.slice(span[1]);
      }
    }
    // Outline answers: the text, or no paragraph at all.
    for (const id of outlines) {
      const m = marker(id);
      const pos = xml.indexOf(m);
      if (pos < 0) continue;
      const value = String(values[id] || "").trim();
      if (value) {
        xml = xml.slice(0, pos) + runText(value) + xml.slice(pos + m.length);
      } else {
        const span = around(xml, "w:p", pos);
        if (span) xml = xml.slice(0, span[0]) + xml.slice(span[1]);
      }
    }
    // Everything else: boxes ticked or not, values, or the blank as printed.
    return xml.replace(MARKER, (_, raw) => {
      const id = unescapeXml(raw);
      const box = id.match(/^(.*)#(\d+)$/);
      if (box && box[1] in options) return String(options[box[1]]) === box[2] ? "\u2611" : "\u25a1";
      if (box && !(id in values)) return "\u25a1";
      const value = String(values[id] || "").trim();
      if (value) return runText(value);
      return "\u00a0".repeat(2 * (blanks[id] || 0));
    });
  }

  const api = {
    creditCodeProblem, creditCodeValid, mobileValid, landlineValid, dateValid, periodValid, countValid, checkValue,
    occupations, matchOccupations, exactOccupation, levelChoices, rowProblems,
    serialiseDraft, parseDraft, xmlEscape, fillXml,
  };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
    return;
  }
  window.linxuanFill = api;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => page(api));
  else page(api);

  // ---- The page -----------------------------------------------------------------------------

  function page(F) {
    const dataBlock = document.getElementById("fill-data");
    const root = document.querySelector("[data-fill-form]");
    if (!dataBlock || !root) return;
    const data = JSON.parse(dataBlock.textContent);
    const match = window.linxuanMatch;
    // The occupations to pick: search/table.json (data.table), which the page's head preloads.
    // Until it has come the form can be filled in, and a picker lists nothing yet.
    let list = [];
    let table = data.table ? "loading" : "none";
    const tools = document.querySelector("[data-fill-tools]");
    const statusLine = document.querySelector("[data-status]");
    const summary = document.querySelector("[data-error-summary]");
    const tbody = root.querySelector("tbody[data-repeat]");
    const addButton = document.querySelector("[data-add-row]");
    const outlines = Array.from(root.querySelectorAll("textarea.outline-answer"), (t) => t.id);

    // Where drafts are kept: per form, and the values the forms share, per site.
    const sitePath = location.pathname.replace(/forms\/[^/]+\/fill\/(index\.html)?$/, "");
    const draftKey = `linxuan-fill:${sitePath}:${data.form}`;
    const sharedKey = `linxuan-fill:${sitePath}:shared`;
    const storage = (() => {
      try {
        const s = window.localStorage;
        s.getItem(draftKey);
        return s;
      } catch {
        return null;
      }
    })();

    const say = (text) => { if (statusLine) statusLine.textContent = text; };

    // ---- Rows ----
    const rowControls = (tr) => Array.from(tr.querySelectorAll("input, select, textarea"));
    const columnOf = (control) => control.dataset.base;
    let rowTemplate = null;
    if (tbody) {
      for (const control of tbody.querySelectorAll("input, select")) {
        control.dataset.base = control.id.replace(/-\d+$/, "");
        control.dataset.labelBase = (control.getAttribute("aria-label") || "").replace(/ 第\d+行$/, "");
      }
      rowTemplate = tbody.rows[0].cloneNode(true);
      for (const c of rowControls(rowTemplate)) c.value = "";
    }
    const columns = {};
    if (rowTemplate) {
      for (const c of rowControls(rowTemplate)) {
        if (c.dataset.col && c.dataset.col !== "other") columns[c.dataset.col] = columnOf(c);
      }
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
      const input = tr.querySelector("[data-col=occupation]");
      if (input) picker(input, tr);
    }

    function addRow() {
      const tr = rowTemplate.cloneNode(true);
      tbody.append(tr);
      wireRow(tr);
      renumber();
      return tr;
    }

    function setRows(count) {
      while (tbody.rows.length > Math.max(count, 1)) tbody.rows[tbody.rows.length - 1].remove();
      while (tbody.rows.length < count) addRow();
      renumber();
    }

    // ---- The occupation picker: a combobox over the table, as search matches ----
    let listCount = 0;
    function picker(input, tr) {
      const box = document.createElement("ul");
      box.className = "picker";
      box.id = `picker-${++listCount}`;
      box.setAttribute("role", "listbox");
      box.setAttribute("aria-label", "可选的职业（工种）");
      box.hidden = true;
      input.after(box);
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-autocomplete", "list");
      input.setAttribute("aria-expanded", "false");
      input.setAttribute("aria-controls", box.id);
      let found = [];
      let active = -1;
      const close = () => {
        box.hidden = true;
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        active = -1;
      };
      const show = () => {
        found = F.matchOccupations(list, input.value, match);
        box.replaceChildren(...found.map((o, i) => {
          const li = document.createElement("li");
          li.id = `${box.id}-${i}`;
          li.setAttribute("role", "option");
          li.setAttribute("aria-selected", "false");
          li.textContent = `${o.name}（${o.code}）`;
          li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(o); });
          return li;
        }));
        box.hidden = found.length === 0;
        input.setAttribute("aria-expanded", String(!box.hidden));
        active = -1;
      };
      const highlight = (i) => {
        active = i;
        Array.from(box.children).forEach((li, k) => li.setAttribute("aria-selected", String(k === i)));
        if (i >= 0) input.setAttribute("aria-activedescendant", `${box.id}-${i}`);
      };
      // A level typed with the name (茶艺师三级) is chosen too, where the occupation has it.
      const choose = (o) => {
        const typedLevel = match.parseQuery(input.value).level;
        pick(tr, o);
        const level = cellOf(tr, "level");
        const name = (data.levels.find(([n]) => n === typedLevel) || [])[1];
        // A level the occupation is not open at: no level kept from before, and why.
        const open = o.levels.includes(typedLevel);
        if (level && name) level.value = open ? name : "";
        close();
        changed();
        if (level && name && !open) say(`${o.name}本次不遴选${name}，请从其等级范围中选择。`);
      };
      // What was typed names one occupation only: the list's sole entry, or none.
      const sole = () => {
        const two = F.matchOccupations(list, input.value, match, 2);
        return two.length === 1 ? two[0] : null;
      };
      input.addEventListener("input", show);
      input.addEventListener("keydown", (e) => {
        if (e.key === "ArrowDown" || e.key === "ArrowUp") {
          if (box.hidden) show();
          if (!found.length) return;
          e.preventDefault();
          const step = e.key === "ArrowDown" ? 1 : -1;
          highlight((active + step + found.length) % found.length);
        } else if (e.key === "Enter" && !box.hidden && (active >= 0 || found.length === 1)) {
          e.preventDefault();
          choose(found[Math.max(active, 0)]);
        } else if (e.key === "Escape" && !box.hidden) {
          e.preventDefault();
          close();
        }
      });
      input.addEventListener("blur", () => {
        close();
        // Before the table has come, what was typed is kept as it is (refreshRows reads it).
        if (table === "ready") {
          const only = F.exactOccupation(list, input.value, match) || sole();
          if (only) {
            choose(only);
            return;
          }
          setCode(tr, null);
        }
        changed();
      });
    }

    const cellOf = (tr, column) => tr.querySelector(`[data-col="${column}"]`);

    function setCode(tr, o) {
      const code = cellOf(tr, "code");
      if (code) code.value = o ? o.code : "";
      const level = cellOf(tr, "level");
      if (!level) return;
      const previous = level.value;
      const choices = o ? F.levelChoices(o, data.levels) : data.levels;
      level.replaceChildren(new Option("请选择", ""), ...choices.map(([, name]) => new Option(name, name)));
      // An occupation open at one level only has that level chosen.
      const only = o && choices.length === 1 ? choices[0][1] : "";
      level.value = choices.some(([, name]) => name === previous) ? previous : only;
    }

    function pick(tr, o) {
      const input = cellOf(tr, "occupation");
      if (input) input.value = o.name;
      setCode(tr, o);
    }

    // ---- State: what is filled in ----
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
      const rows = tbody ? Array.from(tbody.rows, (tr) => Object.fromEntries(rowControls(tr).map((c) => [columnOf(c), c.value]))) : [];
      return { values, rows };
    }

    function apply(state) {
      for (const c of root.querySelectorAll("input, select, textarea")) {
        if (tbody && tbody.contains(c)) continue;
        if (c.type === "radio") c.checked = state.values[c.name] === c.value;
        else if (c.type !== "file") c.value = state.values[c.id] || "";
      }
      if (tbody) {
        setRows(Math.max(state.rows.length, 1));
        Array.from(tbody.rows).forEach((tr, i) => {
          const row = state.rows[i] || {};
          const name = row[columns.occupation] || "";
          const o = list.find((x) => x.code === row[columns.code] && x.name === name);
          setCode(tr, o || null);
          for (const c of rowControls(tr)) c.value = row[columnOf(c)] || "";
          if (!o && cellOf(tr, "code")) cellOf(tr, "code").value = row[columns.code] || "";
        });
      }
    }

    // ---- Saving as the user types ----
    function readShared() {
      try {
        return JSON.parse((storage && storage.getItem(sharedKey)) || "{}") || {};
      } catch {
        return {};
      }
    }
    function save() {
      if (!storage) return;
      const state = collect();
      try {
        storage.setItem(draftKey, F.serialiseDraft(data.form, state));
        const shared = readShared();
        for (const c of root.querySelectorAll("[data-shared]")) shared[c.dataset.shared] = c.value;
        storage.setItem(sharedKey, JSON.stringify(shared));
        say("草稿已保存在本机浏览器中。");
        mirrorAll();
      } catch {
        say("本机浏览器不允许保存草稿；请用“导出草稿”保存。");
      }
    }

    function restore() {
      if (!storage) return false;
      let restored = false;
      const text = storage.getItem(draftKey);
      if (text) {
        try {
          apply(F.parseDraft(text, data.form));
          restored = true;
        } catch {
          storage.removeItem(draftKey);
        }
      }
      // The values both forms ask for: the last typed on either wins.
      const shared = readShared();
      for (const c of root.querySelectorAll("[data-shared]")) {
        const value = shared[c.dataset.shared];
        if (typeof value === "string" && value !== c.value) {
          c.value = value;
          restored = true;
        }
      }
      return restored;
    }

    // ?occupation=<code> (may repeat): a row for each, unless one has it already.
    function preselect() {
      if (!tbody) return;
      const codes = new URLSearchParams(location.search).getAll("occupation");
      for (const code of codes) {
        const o = list.find((x) => x.code === code.trim());
        if (!o) continue;
        const rows = Array.from(tbody.rows);
        if (rows.some((tr) => cellOf(tr, "code") && cellOf(tr, "code").value === o.code)) continue;
        const empty = rows.find((tr) => rowControls(tr).every((c) => !c.value));
        pick(empty || addRow(), o);
      }
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
      return fetch(data.table)
        .then((response) => {
          if (!response.ok) throw new Error(`${response.status} ${response.statusText}`.trim());
          return response.json();
        })
        .then((json) => {
          const reader = window.linxuanFilterData;
          if (!reader || !match) throw new Error(match ? "filter-data.js" : "match.js");
          list = F.occupations(json, reader);
          table = "ready";
          if (tableNote) tableNote.remove();
          reader.warm(list.map((o) => o.m));
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
        const o = list.find((x) => code && x.code === was.trim() && x.name === name) || F.exactOccupation(list, name, match);
        if (o) pick(tr, o);
        if (o && code && code.value !== was) typed = true;
      }
      if (typed) save();
      const active = document.activeElement;
      if (active && active.dataset.col === "occupation" && tbody.contains(active) && active.value) active.dispatchEvent(new Event("input"));
    }

    // ---- Checks: messages beside the fields and a summary at the top ----
    function labelOf(c) {
      return c.getAttribute("aria-label") || c.name;
    }
    function showErrors() {
      const problems = [];
      for (const c of root.querySelectorAll("[data-check]")) {
        const message = F.checkValue(c.dataset.check, c.value);
        if (message) problems.push({ control: c, message });
      }
      if (tbody && table === "ready") {
        const state = collect();
        for (const p of F.rowProblems(state.rows, list, data.levels, columns)) {
          const control = tbody.rows[p.row] && tbody.rows[p.row].querySelector(`[data-base="${p.column}"]`);
          if (control) problems.push({ control, message: p.message });
        }
      }
      for (const old of root.querySelectorAll(".field-error")) old.remove();
      for (const c of root.querySelectorAll("[aria-invalid]")) {
        c.removeAttribute("aria-invalid");
        c.removeAttribute("aria-describedby");
      }
      for (const { control, message } of problems) {
        const note = document.createElement("p");
        note.className = "field-error";
        note.id = `error-${control.id}`;
        note.textContent = message;
        control.after(note);
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", note.id);
      }
      const ul = summary.querySelector("ul");
      ul.replaceChildren(...problems.map(({ control, message }) => {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = `#${control.id}`;
        a.textContent = `${labelOf(control)}：${message}`;
        a.addEventListener("click", (e) => {
          e.preventDefault();
          control.focus();
        });
        li.append(a);
        return li;
      }));
      summary.hidden = problems.length === 0;
      mirrorAll();
      return problems.length;
    }

    // What print shows in place of each control: its value as text, which wraps in its cell
    // (an input would cut it off).
    const mirrors = new WeakMap();
    function mirrorAll() {
      for (const c of root.querySelectorAll("input, select, textarea")) {
        if (c.type === "radio" || c.type === "file") continue;
        let span = mirrors.get(c);
        if (!span) {
          span = document.createElement("span");
          span.className = "print-value";
          if (c.classList.contains("blank-input")) span.classList.add("blank-value");
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
      showTitle();
    }

    // The title's bracketed field (（单位名称）…申报表): the name as typed, the brackets while empty.
    const titleField = root.querySelector("[data-title-field]");
    const titleText = () => {
      const source = titleField && root.querySelector(`[data-shared="${CSS.escape(titleField.dataset.titleField)}"]`);
      return (source && source.value.trim()) || (titleField ? titleField.dataset.placeholder : "");
    };
    function showTitle() {
      if (titleField) titleField.textContent = titleText();
    }

    function changed() {
      save();
      showErrors();
    }

    // ---- The filled Word file ----
    function wordFile() {
      const state = collect();
      const options = {};
      for (const group of root.querySelectorAll("[data-options]")) {
        const checked = group.querySelector("input:checked");
        if (checked) options[group.id] = checked.dataset.k;
      }
      const values = titleField ? { ...state.values, [titleField.dataset.marker]: titleText() } : state.values;
      const files = {};
      for (const [path, text] of data.word) {
        const filled = path === "word/document.xml"
          ? F.fillXml(text, { values, rows: state.rows, options, outlines, blanks: data.blanks })
          : text;
        files[path] = window.fflate.strToU8(filled);
      }
      return window.fflate.zipSync(files, { level: 6, mtime: new Date(1980, 0, 1) });
    }

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

    // ---- Wiring ----
    root.querySelector("[data-fill-body]").hidden = false;
    if (tools) tools.hidden = false;
    if (tbody) {
      Array.from(tbody.rows).forEach(wireRow);
      renumber();
      if (addButton) {
        addButton.hidden = false;
        addButton.addEventListener("click", () => {
          const tr = addRow();
          changed();
          const first = tr.querySelector("input, select");
          if (first) first.focus();
        });
      }
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
    }
    root.addEventListener("input", save);
    root.addEventListener("change", changed);

    document.querySelector("[data-download]").addEventListener("click", () => {
      const problems = showErrors();
      offer(wordFile(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", data.file_name);
      say(problems ? `已生成 Word 文件；还有 ${problems} 处需要检查，见页首提示。` : "已生成 Word 文件。");
    });
    // site.js wires the 打印 button; the checks and the printed values are brought up to date
    // whatever starts the printing.
    window.addEventListener("beforeprint", showErrors);
    document.querySelector("[data-export]").addEventListener("click", () => {
      offer(F.serialiseDraft(data.form, collect()), "application/json", data.file_name.replace(/\.docx$/, "").replace("（已填写）", "（草稿）") + ".json");
      say("草稿已导出为文件。");
    });
    document.querySelector("[data-import]").addEventListener("change", (e) => {
      const file = e.target.files && e.target.files[0];
      if (!file) return;
      file.text().then((text) => {
        apply(F.parseDraft(text, data.form));
        save();
        showErrors();
        say("草稿已导入。");
      }).catch((err) => say(`无法导入：${err.message}`)).finally(() => { e.target.value = ""; });
    });
    document.querySelector("[data-clear]").addEventListener("click", () => {
      // One click would lose a long form's work for good: ask first.
      if (!window.confirm("清除本表在本机保存的草稿，并清空已填写的内容？清除后无法恢复；需要保留的，请先“导出草稿”。")) return;
      if (storage) {
        storage.removeItem(draftKey);
        storage.removeItem(sharedKey);
      }
      apply({ values: {}, rows: [] });
      if (tbody) setRows(rowTemplateCount);
      showErrors();
      say("本机草稿已清除。");
    });

    const rowTemplateCount = tbody ? tbody.rows.length : 0;
    const restored = restore();
    // The checks and the printed values before the first paint, as the table comes after it.
    showErrors();
    if (restored) say("已恢复本机保存的草稿。");
    // Ready once the table has come or failed to: preselect and the rows' checks need it.
    loadTable().then(() => {
      refreshRows();
      preselect();
      showErrors();
      root.dataset.ready = "";
    });
  }
})();
