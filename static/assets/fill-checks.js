// The fill pages' checks of what is typed (data-check on a control), and their messages beside
// the fields and in the summary at the top.
import { halfWidth } from "./match.js";

// GB 32100-2015: 18 characters from this 31-character alphabet (no I, O, Z, S, V); the 18th
// is a check character over the first 17.
const CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

// Full-width digits and letters as ASCII (match.js's fold of widths), spaces dropped: what
// people paste from Word.
const ascii = (text) => halfWidth(text).replace(/[\s\u3000]+/g, "");

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
    case "count": {
      if (countValid(text)) return null;
      // 1,200 or 1，200: the thousands separator Excel puts in.
      if (/^\d{1,3}([,，]\d{3})+$/.test(ascii(text))) return "请去掉逗号，只写数字，如 " + ascii(text).replace(/[,，]/g, "");
      return "应为不小于0的整数（人次），只写数字，如 1200";
    }
    case "date": return periodValid(text) ? null : "应为日期，如 2026-03-01，或起止日期，如 2023-03-01至2026-02-28";
    case "year": return /^\d{4}$/.test(ascii(text)) && +ascii(text) >= 1900 && +ascii(text) <= 2100 ? null : "年份应为4位数字";
    case "month": return /^\d{1,2}$/.test(ascii(text)) && +ascii(text) >= 1 && +ascii(text) <= 12 ? null : "月份应为1至12";
    case "day": return /^\d{1,2}$/.test(ascii(text)) && +ascii(text) >= 1 && +ascii(text) <= 31 ? null : "日应为1至31";
    default: return null;
  }
}

// ---- The messages ----

// The problems of the controls under `root` that have a check: [{ control, message }].
function fieldProblems(root) {
  const problems = [];
  for (const c of root.querySelectorAll("[data-check]")) {
    const message = checkValue(c.dataset.check, c.value);
    if (message) problems.push({ control: c, message });
  }
  return problems;
}

// `problems` shown in place of those before: a message after each control (which names it
// as its description) and a list in `summary` whose links move the focus to the control.
function showProblems(root, summary, problems) {
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
    a.textContent = `${control.getAttribute("aria-label") || control.name}：${message}`;
    a.addEventListener("click", (e) => {
      e.preventDefault();
      control.focus();
    });
    li.append(a);
    return li;
  }));
  summary.hidden = problems.length === 0;
}

export {
  creditCodeProblem, creditCodeValid, mobileValid, landlineValid, dateValid, periodValid, countValid, checkValue,
  fieldProblems, showProblems,
};
