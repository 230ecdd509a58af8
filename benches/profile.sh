#!/usr/bin/env bash
# Profiles of one linxuan build, for "Where the time goes" in BENCHMARKS.md.
#
#   benches/profile.sh [--perf-size N] [--callgrind-size N] [--no-callgrind] [--dir DIR]
#
#   1. builds linxuan in release mode with line tables (CARGO_PROFILE_RELEASE_DEBUG=line-tables-only)
#      into target/bench-profile — the same optimised code as `cargo build --release`, plus symbols;
#   2. perf: `perf record` (cpu-clock, DWARF call graphs) of one build of the --perf-size site
#      (default 10000 rows), summarised by pipeline stage and by function (benches/perf_stages.py);
#   3. callgrind: instruction counts of one build of the --callgrind-size site (default 1639),
#      which unlike time are reproducible on a busy machine; inclusive and self, top functions.
# Results in DIR (default /tmp/linxuan-profile): perf-stages.md (benches/perf_stages.py),
# perf-report.txt, callgrind-top.md (benches/callgrind_top.py), and the raw perf.data and
# callgrind.out for perf report / callgrind_annotate / kcachegrind.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
PERF_SIZE=10000
CG_SIZE=1639
CALLGRIND=1
DIR=${PROFILE_DIR:-/tmp/linxuan-profile}
while (($#)); do
  case $1 in
    --perf-size) PERF_SIZE=$2; shift 2 ;;
    --callgrind-size) CG_SIZE=$2; shift 2 ;;
    --no-callgrind) CALLGRIND=0; shift ;;
    --dir) DIR=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

# An earlier run's files are moved aside now and deleted at the end: deleting many files just
# before timing slows file creation on this disk (ext4 without a journal, see BENCHMARKS.md).
OLD=
if [[ -e $DIR ]]; then OLD=$DIR.old-$$; mv "$DIR" "$OLD"; fi
mkdir -p "$DIR"
log "building linxuan (release + line tables) into target/bench-profile"
(cd "$REPO" && CARGO_PROFILE_RELEASE_DEBUG=line-tables-only CARGO_TARGET_DIR="$REPO/target/bench-profile" \
  cargo build --release --quiet)
BIN=$DIR/linxuan
cp "$REPO/target/bench-profile/release/linxuan" "$BIN"
git -C "$REPO" rev-parse --short=12 HEAD >"$DIR/commit"

log "perf: one build of $PERF_SIZE rows"
python3 "$REPO/benches/gen_site.py" "$PERF_SIZE" "$DIR/site-$PERF_SIZE"
sync
/usr/bin/time -f '%e s wall, %U s user, %S s sys, %M KB peak RSS' -o "$DIR/perf-time.txt" \
  perf record -q -e cpu-clock -F 999 --call-graph dwarf,32768 -o "$DIR/perf.data" -- \
  "$BIN" build --root "$DIR/site-$PERF_SIZE" --output "$DIR/out-perf" >"$DIR/perf-build.log" 2>&1
rm -rf "$DIR/out-perf"
perf script -i "$DIR/perf.data" --no-inline -F comm,tid,time,period,ip,sym 2>/dev/null |
  python3 "$REPO/benches/perf_stages.py" --top 30 >"$DIR/perf-stages.md"
perf report -i "$DIR/perf.data" --no-children --no-inline --sort symbol --stdio -g none --percent-limit 0.5 \
  2>/dev/null >"$DIR/perf-report.txt" || true
log "perf: $(cat "$DIR/perf-time.txt") (under perf)"

if ((CALLGRIND)); then
  log "callgrind: one build of $CG_SIZE rows (slow: ~50× native)"
  python3 "$REPO/benches/gen_site.py" "$CG_SIZE" "$DIR/site-$CG_SIZE"
  valgrind --tool=callgrind --callgrind-out-file="$DIR/callgrind.out" -q \
    "$BIN" build --root "$DIR/site-$CG_SIZE" --output "$DIR/out-cg" >"$DIR/callgrind-build.log" 2>&1
  rm -rf "$DIR/out-cg"
  python3 "$REPO/benches/callgrind_top.py" "$DIR/callgrind.out" --top 25 >"$DIR/callgrind-top.md"
  log "callgrind: $(head -n1 "$DIR/callgrind-top.md")"
fi
[[ -z $OLD ]] || rm -rf "$OLD"
log "done: $DIR"
