#!/usr/bin/env python3
"""Turns benches/run.sh's raw measurements into the Markdown report.

    benches/report.py RAW.tsv META.env [--write BENCHMARKS.md]

Prints the report; with --write, replaces the part of BENCHMARKS.md between the markers
`<!-- bench:begin -->` and `<!-- bench:end -->` (creating the file, or appending the section,
when they are missing) and keeps everything else (the profiles).
"""
import argparse
import csv
import statistics
from pathlib import Path

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
# (size, wall ratio vs Hugo, CPU ratio vs Hugo, RSS: ratio to Hugo or absolute KiB, vs floor)
TARGETS = {10000: (0.25, 0.12, ("ratio", 0.2), 1.5), 100000: (0.25, 0.12, ("kib", 1 << 20), 1.5)}
GROWTH_TARGET = 11.0
# Issue 18, at 10,000 rows: no HTML page over 1 MB, the whole output (with `.gz`) within 60 MB.
PAGE_LIMIT = 1_000_000
OUTPUT_LIMIT = 60_000_000
SHIPPED_TARGET_MS = 100


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def fmt_s(x):
    return f"{x:.3f}" if x < 10 else f"{x:.2f}" if x < 100 else f"{x:.1f}"


def fmt_mib(kib):
    return f"{kib / 1024:,.0f}" if kib >= 10240 else f"{kib / 1024:.1f}"


def fmt_bytes(b):
    return f"{b / 1e6:,.1f} MB" if b >= 1e5 else f"{b / 1e3:,.1f} kB"


def verdict(ok):
    return "✅" if ok else "❌"


def load(raw):
    with open(raw, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for r in rows:
        for k in ("wall_s", "user_s", "sys_s"):
            r[k] = float(r[k])
        for k in ("maxrss_kb", "files", "bytes", "rep"):
            r[k] = int(r[k])
        r["cpu_s"] = r["user_s"] + r["sys_s"]
    return rows


def stats(rows):
    return {
        "n": len(rows),
        "wall": med([r["wall_s"] for r in rows]),
        "wall_min": min(r["wall_s"] for r in rows),
        "wall_max": max(r["wall_s"] for r in rows),
        "cpu": med([r["cpu_s"] for r in rows]),
        "rss": med([r["maxrss_kb"] for r in rows]),
        "files": med([r["files"] for r in rows]),
        "bytes": med([r["bytes"] for r in rows]),
    }


def paired(rows, a, b, key="wall_s"):
    """Median over rounds of a/b within the same round (robust to drifting machine load)."""
    by = {}
    for r in rows:
        by.setdefault(r["rep"], {})[r["tool"]] = r[key]
    ratios = [v[a] / v[b] for v in by.values() if a in v and b in v and v[b] > 0]
    return med(ratios)


def output_shape(sizes, manifests):
    """Largest page and total output per size, from the file list of one linxuan build."""
    out = ["### Output (issue 18)", "",
           "| rows | files | total (with .gz) | largest HTML page | HTML pages over 1 MB |",
           "| ---: | ---: | ---: | --- | ---: |"]
    for size in sizes:
        path = manifests / f"manifest-{size}.tsv"
        if not path.exists():
            continue
        files = [(int(b), p) for b, p in (line.rstrip("\n").split("\t", 1) for line in open(path))]
        html = sorted((b, p) for b, p in files if p.endswith(".html"))
        total = sum(b for b, _ in files)
        big, big_path = html[-1] if html else (0, "-")
        over = sum(1 for b, _ in html if b > PAGE_LIMIT)
        checks = ""
        if size == 10000:
            checks = f" {verdict(over == 0)}"
            total_text = f"{fmt_bytes(total)} (≤ 60 MB) {verdict(total <= OUTPUT_LIMIT)}"
        else:
            total_text = fmt_bytes(total)
        out.append(f"| {size:,} | {len(files):,} | {total_text} | {fmt_bytes(big)} `{big_path}` | {over}{checks} |")
    return out + [""]


def report(rows, meta, manifests=None):
    sizes = sorted({int(r["size"]) for r in rows if r["size"] != "shipped"})
    out = [BEGIN, "", "## Results", ""]
    dirty = int(meta.get("dirty", "0"))
    code = f"`{meta['commit']}`" + (f" plus uncommitted changes ({dirty} files under src/, templates/, static/, Cargo.*)"
                                      if dirty else "")
    out += [
        f"Run on {meta['date']} with `{meta['command'].strip()}` — linxuan {code}, Hugo {meta['hugo']}, "
        f"rustc {meta['rustc']}.",
        "",
        f"Machine: {meta['nproc']} CPUs ({meta['cpu']}), {meta['mem']} RAM, {meta['kernel']}, "
        f"output on {meta['fs']}. Load average (1/5/15 min) {meta['load_start']} at the start, "
        f"{meta.get('load_end', '?')} at the end.",
        "",
        "**Other work on the machine makes absolute seconds noisy; the "
        "ratios compare runs made in the same rounds, alternating linxuan, Hugo and the floor, and are "
        "the figures to read.** Medians of "
        f"{meta['reps']} rounds ({meta['large_reps']} at 100,000 rows); wall = elapsed time of the process "
        "(including its start), CPU = user + sys, RSS = peak resident set (`/usr/bin/time`).",
        "",
        "### Measurements (medians)",
        "",
        "| rows | tool | wall s (min–max) | CPU s | peak RSS MiB | files | bytes |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    st = {}
    for size in sizes:
        for tool in ("linxuan", "hugo", "floor"):
            rs = [r for r in rows if r["size"] == str(size) and r["tool"] == tool]
            if not rs:
                continue
            s = st[(size, tool)] = stats(rs)
            out.append(
                f"| {size:,} | {'Hugo' if tool == 'hugo' else tool} | {fmt_s(s['wall'])} "
                f"({fmt_s(s['wall_min'])}–{fmt_s(s['wall_max'])}) | {fmt_s(s['cpu'])} | {fmt_mib(s['rss'])} | "
                f"{s['files']:,.0f} | {fmt_bytes(s['bytes'])} |")
    out += ["", "Hugo writes less than linxuan: only the HTML pages (occupations, the notice with the full table, "
            "the section list, the level taxonomy and its five term pages, the two forms), a sitemap and "
            "robots.txt — no category pages, search index, CSV/XLSX/JSON/Word downloads, feed or `.gz` copies. "
            "The floor writes exactly linxuan's files (paths and sizes) and nothing else.", ""]

    out += ["### Ratios (same run)", "",
            "| rows | linxuan/Hugo wall (paired) | linxuan/Hugo CPU | linxuan/Hugo peak RSS | linxuan peak RSS | "
            "linxuan/floor wall (paired) |",
            "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    ratios = {}
    for size in sizes:
        lx, hg, fl = st.get((size, "linxuan")), st.get((size, "hugo")), st.get((size, "floor"))
        if not (lx and hg and fl):
            continue
        rs = [r for r in rows if r["size"] == str(size)]
        r = ratios[size] = {
            "wall": lx["wall"] / hg["wall"], "wall_p": paired(rs, "linxuan", "hugo"),
            "cpu": lx["cpu"] / hg["cpu"], "rss": lx["rss"] / hg["rss"], "rss_kib": lx["rss"],
            "floor": lx["wall"] / fl["wall"], "floor_p": paired(rs, "linxuan", "floor"),
        }
        out.append(f"| {size:,} | {r['wall']:.2f}× ({r['wall_p']:.2f}×) | {r['cpu']:.2f}× | {r['rss']:.2f}× | "
                   f"{fmt_mib(r['rss_kib'])} MiB | {r['floor']:.2f}× ({r['floor_p']:.2f}×) |")
    out += ["", "Ratios are of the medians; in brackets the median of the per-round ratios.", ""]

    if manifests:
        out += output_shape(sizes, manifests)
        out += browser_sections(manifests)

    out += ["### Against the targets of issue 9", "",
            "| rows | wall vs Hugo | CPU vs Hugo | peak RSS | vs floor |", "| ---: | --- | --- | --- | --- |"]
    for size, (tw, tc, (rkind, rlim), tf) in TARGETS.items():
        r = ratios.get(size)
        if not r:
            out.append(f"| {size:,} | not run | | | |")
            continue
        rss = (f"{r['rss']:.2f}× Hugo's (≤ {rlim}×) {verdict(r['rss'] <= rlim)}" if rkind == "ratio"
               else f"{fmt_mib(r['rss_kib'])} MiB (≤ 1 GiB) {verdict(r['rss_kib'] <= rlim)}")
        out.append(f"| {size:,} | {r['wall']:.2f}× (≤ {tw}×) {verdict(r['wall'] <= tw)} | "
                   f"{r['cpu']:.2f}× (≤ {tc}×) {verdict(r['cpu'] <= tc)} | {rss} | "
                   f"{r['floor']:.2f}× (≤ {tf}×) {verdict(r['floor'] <= tf)} |")
    out.append("")
    a, b = st.get((100000, "linxuan")), st.get((10000, "linxuan"))
    if a and b:
        g, gc = a["wall"] / b["wall"], a["cpu"] / b["cpu"]
        out.append(f"- Growth 100,000 vs 10,000 rows (linxuan): wall {g:.1f}×, CPU {gc:.1f}× "
                   f"(≤ {GROWTH_TARGET:g}×) {verdict(g <= GROWTH_TARGET)}")
        fa, fb = st.get((100000, "floor")), st.get((10000, "floor"))
        if fa and fb:
            fg, fgc = fa["wall"] / fb["wall"], fa["cpu"] / fb["cpu"]
            out.append(f"  - the disk floor, writing the same files: wall {fg:.1f}×, CPU {fgc:.1f}× "
                       f"(linxuan at 100,000 rows: {a['wall'] / fa['wall']:.2f}× the floor's wall, at 10,000 "
                       f"{b['wall'] / fb['wall']:.2f}×)")
    else:
        out.append("- Growth 100,000 vs 10,000 rows: not run (both sizes needed)")
    sh = [r for r in rows if r["size"] == "shipped"]
    if sh:
        s = stats(sh)
        out.append(f"- Shipped 42-row site (`linxuan build` on the repo root, wall including process start): "
                   f"median {s['wall'] * 1000:.0f} ms (min {s['wall_min'] * 1000:.0f}, max "
                   f"{s['wall_max'] * 1000:.0f}; {s['n']} runs), CPU {s['cpu'] * 1000:.0f} ms, peak RSS "
                   f"{fmt_mib(s['rss'])} MiB, {s['files']:,.0f} files, {fmt_bytes(s['bytes'])} "
                   f"(≤ {SHIPPED_TARGET_MS} ms) {verdict(s['wall'] * 1000 <= SHIPPED_TARGET_MS)}")
    if manifests:
        out += issue18_targets(ratios, sizes, manifests, rows)
    out += ["", END]
    return "\n".join(out) + "\n"


# The browser benchmarks run.sh runs after the builds (benches/browser.sh): each writes a
# Markdown section `<name>.md` and its figures against the issue's targets, `<name>.targets.tsv`
# (target, figure, yes/no), into the run's folder.
BROWSER_BENCHES = ("search", "filter", "preview")


def browser_sections(folder):
    out = []
    for name in BROWSER_BENCHES:
        path = folder / f"{name}.md"
        if path.exists():
            out += path.read_text(encoding="utf-8").rstrip("\n").split("\n") + [""]
        else:
            out += [f"### {name.capitalize()} (issue 18)", "", f"Not run (benches/browser.sh failed or was skipped: see browser.log).", ""]
    return out


def issue18_targets(ratios, sizes, folder, rows):
    """Every target of issue 18 at 10,000 rows in one table, with the figure measured above."""
    out = ["", "### Against the targets of issue 18 (10,000 rows)", "", "| target | figure | |", "| --- | --- | --- |"]
    manifest = folder / "manifest-10000.tsv"
    if manifest.exists():
        files = [(int(b), p) for b, p in (line.rstrip("\n").split("\t", 1) for line in open(manifest))]
        big = max((b for b, p in files if p.endswith(".html")), default=0)
        total = sum(b for b, _ in files)
        out.append(f"| no HTML page over 1 MB | largest {fmt_bytes(big)} | {verdict(big <= PAGE_LIMIT)} |")
        out.append(f"| whole output, `.gz` included, ≤ 60 MB | {fmt_bytes(total)} | {verdict(total <= OUTPUT_LIMIT)} |")
    r = ratios.get(10000)
    if r:
        out.append(f"| build wall ≤ 0.25× Hugo's | {r['wall']:.2f}× | {verdict(r['wall'] <= 0.25)} |")
        out.append(f"| build CPU ≤ 0.12× Hugo's | {r['cpu']:.2f}× | {verdict(r['cpu'] <= 0.12)} |")
        out.append(f"| peak memory ≤ 0.2× Hugo's | {r['rss']:.2f}× | {verdict(r['rss'] <= 0.2)} |")
        out.append(f"| build wall ≤ 1.5× the disk floor | {r['floor']:.2f}× | {verdict(r['floor'] <= 1.5)} |")
    big = [r for r in rows if r["size"] == "100000" and r["tool"] == "linxuan"]
    if big:
        rss = stats(big)["rss"]
        out.append(f"| 100,000 rows in ≤ 1 GiB | {fmt_mib(rss)} MiB | {verdict(rss <= 1 << 20)} |")
    else:
        out.append("| 100,000 rows in ≤ 1 GiB | not run (`--with-100k` or `--linxuan-100k`) | |")
    for name in BROWSER_BENCHES:
        path = folder / f"{name}.targets.tsv"
        if not path.exists():
            out.append(f"| {name}: every target | not run | |")
            continue
        for line in open(path, encoding="utf-8"):
            target, figure, ok = (line.rstrip("\n").split("\t") + ["", "", ""])[:3]
            if target:
                out.append(f"| {target} | {figure} | {verdict(ok == 'yes') if ok in ('yes', 'no') else ok} |")
    return out + [""]


HEADER = """# Benchmarks

linxuan against Hugo and the disk floor, from one command:

```sh
benches/run.sh               # sizes 42 1639 10000, 5 rounds each, ~8 min
benches/run.sh --with-100k   # and 100000 (3 rounds; ~25 min more today)
```

`benches/gen_site.py` generates the tables (seed 2022), `benches/hugo_site.py` the equivalent Hugo
site, `benches/floor/` the floor program; `benches/profile.sh` records the profiles below.

"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("raw")
    ap.add_argument("meta")
    ap.add_argument("--write", type=Path)
    args = ap.parse_args()
    meta = dict(line.rstrip("\n").split("=", 1) for line in open(args.meta) if "=" in line)
    text = report(load(args.raw), meta, Path(args.raw).parent)
    print(text)
    if args.write:
        old = args.write.read_text(encoding="utf-8") if args.write.exists() else HEADER
        if BEGIN in old and END in old:
            new = old[: old.index(BEGIN)] + text.rstrip("\n") + old[old.index(END) + len(END):]
        else:
            new = old.rstrip("\n") + "\n\n" + text
        args.write.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
