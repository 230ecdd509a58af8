#!/usr/bin/env bash
# The browser benchmarks of issue 18 at 10,000 rows, for benches/run.sh (or alone):
#
#   benches/browser.sh --binary BIN --report DIR [--rows N]
#
# Generates the 10,000-row site (benches/gen_site.py, seed 2022), builds it with BIN, then
#   - benches/search.mjs: first results and bytes fetched for the reference queries of
#     tests/search/cases.json, each on a fresh page, beside Pagefind over the same occupation
#     pages (installed by the script into /tmp/pagefind-bench; left out if npm cannot get it);
#   - benches/filter.mjs: the notice filter's first filtered view, median of 9 fresh loads;
# both in headless Chromium against nginx serving the site as deploy/nginx.conf does;
# each after benches/settle.sh has waited for a quiet machine (its line goes into the section);
#   - benches/preview.mjs: `BIN serve` on the same table, a one-row edit → the open page
#     reloaded (10 edits of each kind). Writes
# DIR/search.md, DIR/filter.md (the report's sections) and DIR/<name>.targets.tsv (each target,
# the figure, yes/no), read by benches/report.py. A benchmark that fails leaves its files out;
# the report then says it was not run.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN= REPORT= ROWS=10000
while (($#)); do
  case $1 in
    --binary) BIN=$2; shift 2 ;;
    --report) REPORT=$2; shift 2 ;;
    --rows) ROWS=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "browser.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -n $BIN && -n $REPORT ]] || { echo "browser.sh: --binary BIN and --report DIR are needed" >&2; exit 2; }
log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

work=$(mktemp -d /tmp/linxuan-browser-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
log "generating $ROWS rows and building them"
python3 "$REPO/benches/gen_site.py" "$ROWS" "$work/site" >/dev/null
"$BIN" build --root "$work/site" --output "$work/public" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

status=0
quiet=$("$REPO/benches/settle.sh")
log "search (benches/search.mjs), $quiet"
if node "$REPO/benches/search.mjs" --rows "$ROWS" --site "$work/public" --json "$work/search.json" >"$work/search.log" 2>&1; then
  python3 "$REPO/benches/browser_report.py" search "$work/search.json" "$REPORT" "$ROWS" "$quiet"
else
  tail -n 20 "$work/search.log" >&2; status=1
fi
quiet=$("$REPO/benches/settle.sh")
log "filter (benches/filter.mjs), $quiet"
if node "$REPO/benches/filter.mjs" --runs 9 --site "linxuan=$work/public" --json "$work/filter.json" >"$work/filter.log" 2>&1; then
  python3 "$REPO/benches/browser_report.py" filter "$work/filter.json" "$REPORT" "$ROWS" "$quiet"
else
  tail -n 20 "$work/filter.log" >&2; status=1
fi
quiet=$("$REPO/benches/settle.sh")
log "preview (benches/preview.mjs), $quiet"
if node "$REPO/benches/preview.mjs" --rows "$ROWS" --binary "linxuan=$BIN" --json "$work/preview.json" >"$work/preview.log" 2>&1; then
  python3 "$REPO/benches/browser_report.py" preview "$work/preview.json" "$REPORT" "$ROWS" "$quiet"
else
  tail -n 20 "$work/preview.log" >&2; status=1
fi
exit $status
