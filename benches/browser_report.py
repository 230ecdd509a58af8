#!/usr/bin/env python3
"""Turns the JSON of benches/search.mjs, filter.mjs or preview.mjs into the report's section.

    benches/browser_report.py search|filter|preview RESULT.json DIR ROWS [QUIET]

Writes DIR/<name>.md (a Markdown section) and DIR/<name>.targets.tsv (target, figure, yes/no)
for benches/report.py; called by benches/browser.sh, with QUIET the line of benches/settle.sh.
"""
import json
import sys
from pathlib import Path

SEARCH_MS, SEARCH_KB, FILTER_MS, PREVIEW_MS = 300, 200, 500, 200


def search(data, _rows):
    rows, table = data["rows"], data["table"]
    md = ["### Search (issue 18)", "",
          f"{rows:,} rows, {data['queries']} queries of `tests/search/cases.json`, each typed on a fresh page of "
          "/search/ (headless Chromium, nginx with `deploy/nginx.conf`); time from the input event to the "
          "results in the page, index loading and the 120 ms debounce included; bytes fetched after typing, "
          "as sent (gzipped). Pagefind indexes the same occupation pages and is timed the same way (its "
          "`search()` and the data of its top 10).", "",
          "| index | first results, median ms | max ms | median without the debounce | KB fetched, median | max KB "
          "| queries with results |",
          "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for t in table:
        md.append(f"| {t['name']} | {t['median']:.0f} | {t['max']:.0f} | {t['medianNoDebounce']:.0f} | "
                  f"{t['kbMedian']:.0f} | {t['kbMax']:.0f} | {t['found']} of {t['queries']} |")
    ours = next(t for t in table if t["name"].startswith("linxuan"))
    pagefind = next((t for t in table if t["name"].startswith("Pagefind")), None)
    if pagefind:
        md += ["", f"linxuan / Pagefind: first results {ours['median'] / pagefind['median']:.2f}× at the median, "
               f"bytes {ours['kbMedian'] / pagefind['kbMedian']:.2f}×; results found {ours['found']} vs "
               f"{pagefind['found']} of {ours['queries']}."]
    targets = [
        (f"search: first results ≤ {SEARCH_MS} ms (median)", f"{ours['median']:.0f} ms", ours["median"] <= SEARCH_MS),
        (f"search: ≤ {SEARCH_KB} KB fetched for one query (max)", f"{ours['kbMax']:.0f} KB", ours["kbMax"] <= SEARCH_KB),
    ]
    return md, targets


def filter_(data, rows):
    md = ["### The notice's filter (issue 18)", "",
          f"{rows:,} rows, median of {data[0]['runs']} fresh loads (headless Chromium, nginx with `deploy/nginx.conf`); "
          "milliseconds from navigation start to the frame that shows the filtered rows (a new view of the long "
          "table shows its first 40 rows in one frame, the rest in the next: in brackets the frame with all of them).", "",
          "| site | filter ready | text query typed at once | pinyin query typed at once | 一级 ticked | "
          "`?level=1&sort=-count` | load event |",
          "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for s in data:
        full = s.get("full", {})
        ms = lambda k: f"{s[k]:.0f}" + (f" ({full[k]:.0f})" if k in full else "")
        md.append(f"| {s['label']} | {s['ready']:.0f} | {ms('text')} (`{s['q']}`) | {ms('pinyin')} (`{s['p']}`) | "
                  f"{ms('level')} | {ms('url')} | {s['load']:.0f} |")
    s = data[0]
    worst = max(s["text"], s["level"], s["url"])
    full = s.get("full", {})
    every = max((full[k] for k in ("text", "level", "url") if k in full), default=None)
    targets = [(f"filter: first filtered view ≤ {FILTER_MS} ms (text, level, URL; from navigation start)",
                f"{worst:.0f} ms" + (f" (every row of the view: {every:.0f} ms)" if every else ""), worst <= FILTER_MS)]
    return md, targets


def preview(data, rows):
    md = ["### Preview (issue 18)", "",
          f"{rows:,} rows, `linxuan serve` and headless Chromium; {data['edits']} edits of each kind of the second CSV "
          "line, the server idle before each. Milliseconds from the write to the reload message in the page and to "
          "the reloaded page's DOMContentLoaded (median, min–max). `page`: the occupation's page open, its name "
          "changed; `notice`: the notice open, its 拟遴选机构数量 changed.", "",
          "| binary | edit | reload message | DOMContentLoaded |", "| --- | --- | ---: | ---: |"]
    for s in data["summary"]:
        for kind, k in s["kinds"].items():
            m, r = k["toMessage"], k["toReady"]
            md.append(f"| {s['label']} | {kind} | {m['median']:.0f} ({m['min']:.0f}–{m['max']:.0f}) | "
                      f"{r['median']:.0f} ({r['min']:.0f}–{r['max']:.0f}) |")
    ours = data["summary"][0]["kinds"]
    worst = max(k["toReady"]["median"] for k in ours.values())
    targets = [(f"preview: a one-row edit reloads the open page in ≤ {PREVIEW_MS} ms (median, DOMContentLoaded)",
                f"{worst:.0f} ms", worst <= PREVIEW_MS)]
    return md, targets


def main():
    name, result, folder, rows = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
    data = json.loads(result.read_text(encoding="utf-8"))
    md, targets = {"search": search, "filter": filter_, "preview": preview}[name](data, rows)
    if len(sys.argv) > 5:  # benches/settle.sh's line: how long the machine took to be quiet before it
        md += ["", f"Started once the machine was quiet (benches/settle.sh: {sys.argv[5]})."]
    (folder / f"{name}.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    (folder / f"{name}.targets.tsv").write_text(
        "".join(f"{t}\t{f}\t{'yes' if ok else 'no'}\n" for t, f, ok in targets), encoding="utf-8")


if __name__ == "__main__":
    main()
