// The /search/ page: results as you type, a page at a time, ?q= kept in the URL. Loaded on
// that page only; search.js does the loading and the result markup.
import { engine, load, loadShards, searchFor, debounce, resultContent } from "./search.js";
import { countdown } from "./deadline.js";

// The page shows results a page at a time: each page of a sharded index fetches the blocks
// (names and codes) of its occupations only, which a long list would scatter over the whole
// table. A one-file index has them all: a long page costs nothing to fetch.
const PAGE = 20;
const LONG_PAGE = 200;
const pageSize = (data) => (Object.keys(data.files).length ? PAGE : LONG_PAGE);

function setupPage(form) {
  const input = form.querySelector("input[name=q]");
  const status = document.getElementById("search-status");
  const results = document.getElementById("search-results");
  const answerLine = document.getElementById("search-answer");
  // Shows the next page of results, under the list.
  const moreButton = document.createElement("button");
  moreButton.type = "button";
  moreButton.className = "print-button search-page-more";
  moreButton.hidden = true;
  results.after(moreButton);
  let current = null; // { query, data, found, shown }

  // 如何申报 (by when, how, whom to call) under an answer: the page holds it, hidden.
  const howToApply = document.getElementById("search-apply");
  const deadline = howToApply && howToApply.querySelector("time[data-deadline]");

  // The answer line above the results: text, whether the deadline has passed, and a link to
  // the occupation's page.
  function showAnswer(said) {
    if (!answerLine) return;
    answerLine.textContent = "";
    answerLine.hidden = !said;
    if (howToApply) howToApply.hidden = !said;
    if (!said) return;
    const left = deadline ? countdown(deadline.getAttribute("datetime"), Date.now()) : "";
    const when = left === "已截止" ? "；本次申报已截止" : left ? "；申报" + left : "";
    answerLine.appendChild(document.createTextNode(said.text + when + "。"));
    const link = document.createElement("a");
    link.href = said.url;
    link.textContent = "查看“" + said.name + "”职业页面";
    answerLine.appendChild(link);
  }

  // Results from..to, appended to the list; the status and the button say how many.
  function showPage(from, to) {
    const { found } = current;
    found.slice(from, to).forEach((r) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = r.doc.u;
      a.appendChild(resultContent(r));
      li.appendChild(a);
      results.appendChild(li);
    });
    current.shown = Math.min(to, found.length);
    const size = pageSize(current.data);
    status.textContent = found.length > current.shown
      ? "找到 " + found.length + " 个结果，显示前 " + current.shown + " 个；输入更多字可缩小范围"
      : "找到 " + found.length + " 个结果";
    moreButton.hidden = found.length <= current.shown;
    moreButton.textContent = "显示更多结果（" + Math.min(size, found.length - current.shown) + " 个）";
  }

  function render(query, found, said, data) {
    showAnswer(said);
    // The list of all occupations under the results: shown when there are none.
    document.documentElement.toggleAttribute("data-query", found.length > 0);
    results.textContent = "";
    moreButton.hidden = true;
    current = null;
    if (!query.trim()) {
      status.textContent = "";
      return;
    }
    if (!found.length) {
      status.textContent = "没有找到与“" + query.trim() + "”相关的结果。请检查输入，或换用职业名称中的几个字、拼音首字母（如 bys）、职业编码的前几段（如 4-10）。";
      return;
    }
    current = { query, data, found, shown: 0 };
    showPage(0, pageSize(data));
  }

  // The next page: its blocks fetched, then its results added; the focus moves to the first.
  moreButton.addEventListener("click", () => {
    const page = current;
    if (!page) return;
    const from = page.shown;
    const to = from + pageSize(page.data);
    Promise.resolve(engine().more(page.data, page.found, from, to, (ids) => loadShards(page.data, ids))).then(() => {
      if (current !== page) return;
      showPage(from, to);
      const first = results.querySelectorAll("a")[from];
      if (first) first.focus();
    }).catch(() => {
      if (current === page) status.textContent = "搜索暂时不可用，请使用下方的完整汇总表。";
    });
  });

  // Typing keeps the URL current (replaceState); Enter commits the query as a history
  // entry of its own, so back returns to the query committed before it.
  let committed = window.location.href;

  function run(query, push) {
    return searchFor(query, pageSize).then(({ data, found }) => {
      if (input.value !== query) return;
      render(query, found, engine().answer(data, query, found), data);
      const url = new URL(window.location.href);
      if (query.trim()) url.searchParams.set("q", query.trim());
      else url.searchParams.delete("q");
      if (push) {
        // If typing already put this query in the current entry, give that entry back its
        // committed query first, so that back returns there.
        if (url.href === window.location.href && url.href !== committed) history.replaceState(null, "", committed);
        if (url.href !== committed || url.href !== window.location.href) history.pushState(null, "", url.href);
        committed = url.href;
      } else if (url.href !== window.location.href) {
        history.replaceState(null, "", url.href);
      }
    }).catch(() => {
      document.documentElement.removeAttribute("data-query");
      status.textContent = "搜索暂时不可用，请使用下方的完整汇总表。";
    });
  }

  const update = debounce(() => { run(input.value, false); }, 120);
  // The index loads while the debounce waits. A first input of two characters or more
  // (pasted, or a word from an input method) is a whole query: it runs at once.
  let typed = false;
  input.addEventListener("focus", () => { load(); });
  input.addEventListener("input", () => {
    load();
    if (!typed && Array.from(input.value.trim()).length >= 2) {
      typed = true;
      run(input.value, false);
      return;
    }
    typed = true;
    update();
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    run(input.value, true);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown") {
      const first = results.querySelector("a");
      if (first) {
        e.preventDefault();
        first.focus();
      }
    } else if (e.key === "Escape") {
      input.value = "";
      run("", false);
    }
  });
  results.addEventListener("keydown", (e) => {
    const links = Array.from(results.querySelectorAll("a"));
    const i = links.indexOf(document.activeElement);
    if (i < 0) return;
    if (e.key === "ArrowDown" && i + 1 < links.length) {
      e.preventDefault();
      links[i + 1].focus();
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      (i > 0 ? links[i - 1] : input).focus();
    } else if (e.key === "Escape") {
      input.focus();
    }
  });

  function restore() {
    committed = window.location.href;
    const q = new URL(window.location.href).searchParams.get("q") || "";
    input.value = q;
    if (q) typed = true;
    if (q) run(q, false);
    else render("", [], null, null);
  }
  window.addEventListener("popstate", restore);
  restore();
}

document.querySelectorAll("form[data-search=page]").forEach(setupPage);
