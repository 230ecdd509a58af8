#!/usr/bin/env bash
# The benchmark: linxuan against Hugo and the disk floor, in one run, alternating.
#
#   benches/run.sh [--reps N] [--large-reps N] [--with-100k | --linxuan-100k] [--dir DIR] [--no-write] [SIZE...]
#
# SIZEs default to 42 1639 10000 (rows in the generated table), about 8 minutes; --with-100k adds
# 100000 for all three (Hugo's builds are the longest part; a linxuan build is about 10 s). For each
# size it
#   1. generates the linxuan site (benches/gen_site.py, seed 2022) and the equivalent Hugo site
#      (benches/hugo_site.py) — not timed;
#   2. runs, alternating, round after round: linxuan build, hugo build, floor (the same files and
#      sizes as linxuan's output, written by benches/floor) — each into a fresh folder, measured
#      with /usr/bin/time (user+sys CPU, peak RSS) and the wall clock (ns), counting the files
#      and bytes each wrote; `sync` runs before each (not timed), so no run pays for the previous
#      one's writeback. Outputs are kept until the end of the whole run and deleted then: this
#      disk is ext4 without a journal, where creating files shortly (60–300 s) after deleting many
#      scans past the "recently deleted" inodes — deleting between runs would slow whichever
#      runs next (up to 2× here). That needs free space: about 3 GB for the default sizes,
#      25 GB more with --with-100k;
#   3. reports medians and ratios.
# Then the shipped 42-row site (the repo root) is built 2 × --reps times, wall time including process
# start. Everything lands in DIR (default /tmp/linxuan-bench); raw measurements in DIR/raw.tsv.
#
#   --reps N        rounds per size (default 5)
#   --large-reps N  rounds for sizes >= 100000 (default 3: one linxuan 100k build takes minutes)
#   --with-100k     add 100000 to the default sizes
#   --linxuan-100k  add --large-reps linxuan builds of 100,000 rows, each followed by the floor,
#                   without Hugo (under a minute each): peak memory against the 1 GiB target,
#                   growth from 10,000 beside the floor's own growth
#   --no-write      print the report, leave BENCHMARKS.md alone
#   --no-browser    leave out the browser benchmarks (benches/browser.sh: search, filter; ~5 min)
#
# The report (stdout) replaces the section between the bench markers in BENCHMARKS.md; the rest of
# that file (the profiles) is kept. Seconds are noisy on a busy machine: read the ratios.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
REPS=5
LARGE_REPS=3
DIR=${BENCH_DIR:-/tmp/linxuan-bench}
WRITE=1
BROWSER=1
SIZES=()
WITH_100K=0
LINXUAN_100K=0
CMDLINE="benches/run.sh $*"
while (($#)); do
  case $1 in
    --reps) REPS=$2; shift 2 ;;
    --large-reps) LARGE_REPS=$2; shift 2 ;;
    --with-100k) WITH_100K=1; shift ;;
    --linxuan-100k) LINXUAN_100K=1; shift ;;
    --dir) DIR=$2; shift 2 ;;
    --no-write) WRITE=0; shift ;;
    --no-browser) BROWSER=0; shift ;;
    -h|--help) sed -n '2,32p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) SIZES+=("$1"); shift ;;
  esac
done
if ((${#SIZES[@]} == 0)); then
  SIZES=(42 1639 10000)
  ((WITH_100K)) && SIZES+=(100000)
fi

need() { command -v "$1" >/dev/null || { echo "run.sh: $1 is missing ($2)" >&2; exit 2; }; }
[[ -x /usr/bin/time ]] || { echo "run.sh: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 2; }
need hugo "apt-get install -y hugo"
need cargo "rustup"
need python3 "apt-get install -y python3"

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

# An earlier run's files are moved aside now and deleted at the end: deleting many files just
# before timing slows file creation on this disk (ext4 without a journal, see BENCHMARKS.md).
OLD=
if [[ -e $DIR ]]; then OLD=$DIR.old-$$; mv "$DIR" "$OLD"; fi
mkdir -p "$DIR/bin" "$DIR/sites" "$DIR/out"
RAW=$DIR/raw.tsv
printf 'size\ttool\trep\twall_s\tuser_s\tsys_s\tmaxrss_kb\tfiles\tbytes\n' >"$RAW"

# --- build the tools; copy the binaries so a concurrent rebuild of target/ cannot swap them ---
log "building linxuan (release) and the floor"
(cd "$REPO" && cargo build --release --quiet)
cp "$REPO/target/release/linxuan" "$DIR/bin/linxuan"
cargo build --release --quiet --manifest-path "$REPO/benches/floor/Cargo.toml" --target-dir "$REPO/target/benches"
cp "$REPO/target/benches/release/floor" "$DIR/bin/floor"
LINXUAN=$DIR/bin/linxuan
FLOOR=$DIR/bin/floor

# --- the machine and the code, for the report ---
{
  echo "date=$(date -u +'%Y-%m-%d %H:%M UTC')"
  echo "command=$CMDLINE"
  echo "nproc=$(nproc)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "kernel=$(uname -sr)"
  echo "fs=$(df -T "$DIR" | awk 'NR==2 {print $2 " on " $1}')"
  echo "commit=$(git -C "$REPO" rev-parse --short=12 HEAD)"
  echo "dirty=$(git -C "$REPO" status --porcelain -- src Cargo.toml Cargo.lock templates static build.rs | wc -l)"
  echo "hugo=$(hugo version | cut -d' ' -f2)"
  echo "rustc=$(rustc --version | cut -d' ' -f2)"
  echo "reps=$REPS"
  echo "large_reps=$LARGE_REPS"
  echo "load_start=$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$DIR/meta.env"

# measure SIZE TOOL REP OUT -- COMMAND...: one timed run; appends a row to raw.tsv.
measure() {
  local size=$1 tool=$2 rep=$3 out=$4; shift 5
  local tf=$DIR/time.txt t0 t1 files bytes
  sync
  t0=$(date +%s%N)
  if ! /usr/bin/time -o "$tf" -f '%U %S %M' "$@" >"$DIR/last.log" 2>&1; then
    echo "run.sh: $tool failed at size $size:" >&2; cat "$DIR/last.log" >&2; exit 1
  fi
  t1=$(date +%s%N)
  read -r files bytes < <(find "$out" -type f -printf '%s\n' | awk '{n++; b+=$1} END {print n+0, b+0}')
  read -r user sys rss < <(tail -n1 "$tf")
  printf '%s\t%s\t%s\t%.4f\t%s\t%s\t%s\t%s\t%s\n' "$size" "$tool" "$rep" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print (b - a) / 1e9}')" "$user" "$sys" "$rss" "$files" "$bytes" >>"$RAW"
  log "  $tool #$rep: $(tail -n1 "$RAW" | cut -f4-9 | tr '\t' ' ')"
}

for size in "${SIZES[@]}"; do
  reps=$REPS
  ((size >= 100000)) && reps=$LARGE_REPS
  site=$DIR/sites/linxuan-$size hsite=$DIR/sites/hugo-$size
  log "size $size: generating the sites (not timed)"
  python3 "$REPO/benches/gen_site.py" "$size" "$site"
  python3 "$REPO/benches/hugo_site.py" "$site" "$hsite"
  if ((size < 10000)); then  # one untimed warm-up each (page cache, binaries)
    "$LINXUAN" build --root "$site" --output "$DIR/out/warm-linxuan-$size" >/dev/null 2>&1
    hugo --quiet --source "$hsite" --destination "$DIR/out/warm-hugo-$size" >/dev/null
  fi
  manifest=$DIR/manifest-$size.tsv
  for ((i = 1; i <= reps; i++)); do
    free_gb=$(df -P -BG "$DIR" | awk 'NR==2 {sub("G", "", $4); print $4}')
    ((free_gb >= 5)) || { echo "run.sh: only ${free_gb} GB free in $DIR; stopping" >&2; exit 1; }
    out=$DIR/out/linxuan-$size-$i
    measure "$size" linxuan "$i" "$out" -- "$LINXUAN" build --root "$site" --output "$out"
    [[ -f $manifest ]] || find "$out" -type f -printf '%s\t%P\n' | sort -k2 >"$manifest"
    out=$DIR/out/hugo-$size-$i
    measure "$size" hugo "$i" "$out" -- hugo --quiet --source "$hsite" --destination "$out"
    out=$DIR/out/floor-$size-$i
    measure "$size" floor "$i" "$out" -- "$FLOOR" "$manifest" "$out"
  done
done

if ((LINXUAN_100K)) && [[ ! " ${SIZES[*]} " =~ " 100000 " ]]; then
  log "100,000 rows, linxuan alone (peak memory)"
  site=$DIR/sites/linxuan-100000
  python3 "$REPO/benches/gen_site.py" 100000 "$site"
  # --large-reps builds, so the growth from 10,000 rows is a median too (one build wandered ±4 %).
  # The floor too, writing the same files: how much of the growth the disk itself brings.
  manifest=$DIR/manifest-100000.tsv
  for ((i = 1; i <= LARGE_REPS; i++)); do
    out=$DIR/out/linxuan-100000-$i
    measure 100000 linxuan "$i" "$out" -- "$LINXUAN" build --root "$site" --output "$out"
    [[ -f $manifest ]] || find "$out" -type f -printf '%s\t%P\n' | sort -k2 >"$manifest"
    out=$DIR/out/floor-100000-$i
    measure 100000 floor "$i" "$out" -- "$FLOOR" "$manifest" "$out"
  done
fi

log "shipped 42-row site (repo root), wall including process start"
for ((i = 1; i <= REPS * 2; i++)); do
  out=$DIR/out/shipped-$i
  measure shipped linxuan "$i" "$out" -- "$LINXUAN" build --root "$REPO" --output "$out"
done

# --- the browser benchmarks (issue 18): search and the notice's filter at 10,000 rows ---
# benches/browser.sh writes DIR/<name>.md (its section) and DIR/<name>.targets.tsv.
if ((BROWSER)); then
  log "browser benchmarks (benches/browser.sh; log in $DIR/browser.log)"
  if ! "$REPO/benches/browser.sh" --binary "$LINXUAN" --report "$DIR" >"$DIR/browser.log" 2>&1; then
    log "  a browser benchmark failed; the report says which were not run (tail of the log:)"
    tail -n 5 "$DIR/browser.log" >&2
  fi
fi
echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$DIR/meta.env"
args=("$RAW" "$DIR/meta.env")
((WRITE)) && args+=(--write "$REPO/BENCHMARKS.md")
python3 "$REPO/benches/report.py" "${args[@]}"

# Minutes at 100,000 rows (this disk discards deleted blocks one by one); the report is out.
log "deleting the outputs and sites (not timed)"
rm -rf "$DIR/out" "$DIR/sites" "$DIR"/manifest-*.tsv
[[ -z $OLD ]] || rm -rf "$OLD"
