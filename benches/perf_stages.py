#!/usr/bin/env python3
"""Summarises `perf script` output of a linxuan build: cost by pipeline stage and by function.

    perf script -i perf.data --no-inline -F comm,tid,time,period,ip,sym | benches/perf_stages.py [--top N]

Each sample is charged to one stage: that of the linxuan frame nearest the leaf that matches
one of STAGES (so writing a page, done inside the render of that page, counts as writing, and
its .gz copy as compressing); samples with no such frame are "outside linxuan code" (process
start and exit, the kernel's page-fault, rayon idling). Functions are charged by self cost (the leaf frame) and by
inclusive cost (anywhere on the stack, once per sample). With `time` in the fields, each stage
also gets its span on the wall clock (first and last sample, from the first sample of the run):
stages that overlap ran in parallel. With the cpu-clock event a sample's period is nanoseconds.
"""
import argparse
import collections
import re
import sys

# (label, regex on a demangled frame); first match wins, so specific stages come first.
STAGES = [
    ("search index (derive::search)", r"linxuan::derive::search"),
    ("downloads: CSV/XLSX/JSON (derive::open_data)", r"linxuan::derive::open_data"),
    ("downloads: Word (derive::docx)", r"linxuan::derive::docx"),
    (".gz copies (write::compress)", r"linxuan::write::compress"),
    ("feed, sitemap (derive::feed, render::sitemap)", r"linxuan::derive::feed|linxuan::render::sitemap"),
    ("write: files into the staging folder", r"linxuan::write::Staging"),
    ("write: swap in, remove the old output", r"linxuan::write"),
    ("rows and pinyin readings, once per occupation", r"linxuan::render::view::row|linxuan::model::PreparedOccupation|linxuan::domain::reading"),
    ("render: pages (Tera)", r"linxuan::render::render_job"),
    ("render: table rows (Tera), setup", r"linxuan::render"),
    ("history (releases)", r"linxuan::history"),
    ("validate", r"linxuan::validate"),
    ("load", r"linxuan::load"),
    ("other linxuan code", r"linxuan::"),
]
HASH = re.compile(r"::h[0-9a-f]{16}$")


def clean(sym):
    sym = HASH.sub("", sym.strip())
    return re.sub(r"\+0x[0-9a-f]+$", "", sym)


def samples(lines, with_time=False):
    """Yields (period, [frames leaf first]) — or (period, frames, time) — from `perf script` text."""
    period, frames, when = None, [], None
    for line in lines:
        if not line.strip():
            if period is not None:
                yield (period, frames, when) if with_time else (period, frames)
            period, frames = None, []
        elif line[0] not in " \t":
            # header: comm tid [time:] period
            parts = line.split()
            try:
                period = int(parts[-1].rstrip(":"))
            except ValueError:
                period = 1
            when = next((float(p[:-1]) for p in parts if p.endswith(":") and "." in p), None)
            frames = []
        else:
            parts = line.strip().split(None, 1)
            frames.append(clean(parts[1]) if len(parts) > 1 else "?")
    if period is not None:
        yield (period, frames, when) if with_time else (period, frames)


def short(sym, width=110):
    return sym if len(sym) <= width else sym[: width - 1] + "…"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    stage_cost = collections.Counter()
    self_cost, incl_cost = collections.Counter(), collections.Counter()
    total = 0
    compiled = [(label, re.compile(rx)) for label, rx in STAGES]
    spans = {}
    start = None
    for period, frames, when in samples(sys.stdin, with_time=True):
        total += period
        stage = "outside linxuan code (start, exit, kernel, idle)"
        for f in frames:
            label = next((label for label, rx in compiled if rx.search(f)), None)
            if label:
                stage = label
                break
        stage_cost[stage] += period
        if when is not None:
            start = when if start is None else min(start, when)
            lo, hi = spans.get(stage, (when, when))
            spans[stage] = (min(lo, when), max(hi, when))
        if frames:
            self_cost[frames[0]] += period
        for f in set(frames):
            incl_cost[f] += period
    if not total:
        sys.exit("perf_stages.py: no samples on stdin")
    pct = lambda c: f"{100 * c / total:5.1f} %"
    print(f"Total {total / 1e9:.2f} CPU s sampled (cpu-clock periods are ns).\n")
    print("| stage | CPU s | share of CPU | wall span (s from start) |\n| --- | ---: | ---: | --- |")
    for label, c in stage_cost.most_common():
        span = f"{spans[label][0] - start:.2f} – {spans[label][1] - start:.2f}" if label in spans else ""
        print(f"| {label} | {c / 1e9:.2f} | {pct(c)} | {span} |")
    print(f"\n| function (self) | share |\n| --- | ---: |")
    for f, c in self_cost.most_common(args.top):
        print(f"| `{short(f)}` | {pct(c)} |")
    print(f"\n| linxuan function (inclusive) | share |\n| --- | ---: |")
    for f, c in [(f, c) for f, c in incl_cost.most_common() if "linxuan::" in f][: args.top]:
        print(f"| `{short(f)}` | {pct(c)} |")


if __name__ == "__main__":
    main()
