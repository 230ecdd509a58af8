#!/usr/bin/env python3
"""Summarises a callgrind profile of a linxuan build: instruction counts (Ir) of the pipeline's
functions (inclusive) and of the costliest functions (self).

    benches/callgrind_top.py callgrind.out [--top N]

Runs callgrind_annotate itself. Inlined code shows up in callgrind as one entry per source file
of the same function: self costs are summed over those entries, inclusive costs take the largest
(the entries nest). Recursion levels (`'2`) are skipped. Inclusive costs overlap (pages include their Tera
rendering), so they do not add up to 100 %. Work that rayon runs on its worker threads is not
inside its caller's inclusive cost, which is why the stages are named by their own functions.
"""
import argparse
import collections
import re
import subprocess

LINE = re.compile(r"^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(\*\s+)?(.*)$")
KEY = [
    ("load", r"^linxuan::load::load$"),
    ("validate", r"^linxuan::validate::validate$"),
    ("rows: each occupation's readings and row data, once (Memo::prepare_occupations)",
     r"^linxuan::render::memo::Memo::prepare_occupations$"),
    ("  NameReadings::of (pinyin of a name)", r"^linxuan::model::NameReadings::of$"),
    ("table rows rendered once for every list (render::prepare)", r"^linxuan::render::prepare::prepare$"),
    ("pages (render::page_html)", r"^linxuan::render::page_html$"),
    ("  Tera: table rows and pages", r"^tera::vm::interpreter::VirtualMachine::render_to$"),
    ("  compact: the templates' indentation", r"^linxuan::render::compact::strip_indentation$"),
    ("search index (derive::search::files)", r"^linxuan::derive::search::files$"),
    ("  sha2: the shards' names (software SHA-256 under callgrind)", r"^sha2::sha256::compress256$"),
    ("downloads: XLSX", r"^linxuan::derive::open_data::xlsx$"),
    ("downloads: CSV, JSON, Word", r"^linxuan::derive::other_downloads$"),
    (".gz copies (gzip, and writing them)", r"^<linxuan::write::compress::Precompressed as linxuan::write::Sink>::put$"),
    ("write: files into the staging folder", r"^<linxuan::write::Staging as linxuan::write::Sink>::put$"),
    ("malloc + free (self, all callers)", None),
]


def entries(text):
    total = None
    for line in text.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        ir = int(m.group(1).replace(",", ""))
        name = m.group(3)
        if "PROGRAM TOTALS" in name:
            total = ir
            continue
        name = re.sub(r"\s+\[[^\]]*\]$", "", name)
        fm = re.match(r"^(?:\?\?\?|[^:]*?\.(?:rs|c|S|h|cc|cpp)):(.*)$", name)
        fn = fm.group(1) if fm else name
        yield total, ir, fn.strip()


def annotate(path, inclusive):
    args = ["callgrind_annotate", "--auto=no", "--threshold=100"] + (["--inclusive=yes"] if inclusive else []) + [path]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("profile")
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args()
    incl, selfc = collections.Counter(), collections.Counter()
    total = 0
    for t, ir, fn in entries(annotate(args.profile, True)):
        total = t or total
        if re.search(r"'\d+$", fn):
            continue
        incl[fn] = max(incl[fn], ir)
    for t, ir, fn in entries(annotate(args.profile, False)):
        selfc[re.sub(r"'\d+$", "", fn)] += ir
    pct = lambda x: f"{100 * x / total:.1f} %"
    print(f"Total {total / 1e9:.2f} G instructions (Ir).\n")
    print("| part of the build | inclusive Ir | share |\n| --- | ---: | ---: |")
    for label, rx in KEY:
        if rx is None:
            ir = sum(v for k, v in selfc.items() if re.match(r"^(_int_malloc|_int_free|malloc|free|cfree.*|realloc|"
                                                             r"_int_realloc|malloc_consolidate|unlink_chunk.*|"
                                                             r"__rustc::__rdl_.*|sysmalloc)$", k))
        else:
            ir = max((v for k, v in incl.items() if re.match(rx, k)), default=0)
        print(f"| {label} | {ir / 1e6:,.0f} M | {pct(ir)} |")
    print("\n| function (self) | Ir | share |\n| --- | ---: | ---: |")
    for fn, ir in selfc.most_common(args.top):
        print(f"| `{fn[:110]}` | {ir / 1e6:,.0f} M | {pct(ir)} |")


if __name__ == "__main__":
    main()
