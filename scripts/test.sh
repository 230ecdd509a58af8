#!/usr/bin/env bash
# Runs every test: Rust unit and integration tests, then the JS tests and the browser tests in
# headless Chromium against a freshly built site, and ends with one summary of both.
#
# Usage: scripts/test.sh [--skip-missing]
#
# First scripts/setup.sh installs what the tests need and is missing (Debian packages as root
# or through sudo, the npm packages, rustfmt and clippy). What it cannot install stops the run
# before any test, naming each missing program and the command that installs it. With
# --skip-missing (or LINXUAN_SKIP_MISSING=1) the tests that need a missing program are skipped
# instead, and the summary lists them. Logs are kept in target/test-logs/.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/setup.sh
source scripts/setup.sh
read_options "$0" 2,11 "$@"
setup_run "$skip_missing" || exit 1
missing() { [[ " $SETUP_MISSING " == *" $1 "* ]]; }
if missing cargo; then
  echo "test.sh: no test can run without cargo." >&2
  exit 1
fi

# The tests read these: a missing program may skip a test only when LINXUAN_SKIP_MISSING=1,
# and Rust tests record their skips in LINXUAN_SKIP_LOG for the summary.
export LINXUAN_SKIP_MISSING=$skip_missing
logs=target/test-logs
mkdir -p "$logs"
export LINXUAN_SKIP_LOG="$PWD/$logs/rust-skipped.txt"
: >"$LINXUAN_SKIP_LOG"
rm -f "$logs/node.tap"
# How long each part takes, "<seconds> <part>" a line (.ci/run prints them with its own).
: >"$logs/timings.txt"
took() {
  awk -v a="$1" -v b="$EPOCHREALTIME" -v what="$2" 'BEGIN { printf "%7.1f  %s\n", b - a, what }' >>"$logs/timings.txt"
}

# Rust. --no-fail-fast: one failing test binary must not hide the results of the others.
t=$EPOCHREALTIME
if cargo test --all-targets --no-fail-fast 2>&1 | tee "$logs/rust.log"; then rust_status=0; else rust_status=$?; fi
took "$t" "Rust: cargo test (with any compiling it needed)"

# Node: the JS tests, and the browser tests when Chromium is there.
not_run=()
node_status=0
if [ ! -f package.json ]; then
  :
elif missing node || missing npm || missing node_modules || missing "node$NODE_MAJOR_NEEDED"; then
  not_run+=("tests/js/ and tests/browser/: every node test — Node.js or the npm packages are missing")
else
  node_dirs=(tests/js/)
  if missing chromium; then
    files=(tests/browser/*.test.mjs)
    not_run+=("tests/browser/: all ${#files[@]} test files — Chromium is missing (${CHROMIUM_PATH:-/usr/bin/chromium})")
  else
    node_dirs+=(tests/browser/)
  fi
  # The browser tests run the debug binary.
  t=$EPOCHREALTIME
  if cargo build --quiet 2>&1 | tee "$logs/node.log" &&
    node --test --test-concurrency=1 \
      --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=tap --test-reporter-destination="$logs/node.tap" \
      "${node_dirs[@]}" 2>&1 | tee -a "$logs/node.log"; then
    node_status=0
  else
    node_status=$?
  fi
  took "$t" "Node: cargo build, then node --test ${node_dirs[*]}"
fi

# The summary, from cargo's "test result:" lines and node's TAP summary ("# pass N" …).
read -r r_passed r_failed r_ignored < <(awk '/^test result:/ {
    for (i = 1; i <= NF; i++) {
      if ($(i + 1) ~ /^passed/) p += $i
      if ($(i + 1) ~ /^failed/) f += $i
      if ($(i + 1) ~ /^ignored/) g += $i
    }
  } END { print p + 0, f + 0, g + 0 }' "$logs/rust.log")
r_skipped_here=$(grep -c . "$LINXUAN_SKIP_LOG" || true)
# A test that skips for a missing program returns early, so cargo counts it as passed.
r_passed=$((r_passed - r_skipped_here))
r_skipped=$((r_ignored + r_skipped_here))
r_total=$((r_passed + r_failed + r_skipped))

n_total=0 n_passed=0 n_failed=0 n_skipped=0
if [ -f "$logs/node.tap" ]; then
  read -r n_total n_passed n_failed n_skipped < <(awk '/^# (tests|pass|fail|cancelled|skipped|todo) / { c[$2] = $3 }
    END { print c["tests"] + 0, c["pass"] + 0, c["fail"] + c["cancelled"] + 0, c["skipped"] + c["todo"] + 0 }' "$logs/node.tap")
fi

summary() {
  echo
  echo "================================ summary ================================"
  printf 'Rust (cargo test):   %4d tests: %4d passed, %d failed, %d skipped\n' "$r_total" "$r_passed" "$r_failed" "$r_skipped"
  if [ "$rust_status" -ne 0 ] && [ "$r_failed" -eq 0 ]; then
    echo "  cargo test exited with status $rust_status before reporting a failing test (a build error?): see $logs/rust.log"
  fi
  if [ -f "$logs/node.tap" ]; then
    printf 'Node (node --test):  %4d tests: %4d passed, %d failed, %d skipped\n' "$n_total" "$n_passed" "$n_failed" "$n_skipped"
  else
    echo "Node (node --test):  not run"
  fi
  if [ "$node_status" -ne 0 ] && [ "$n_failed" -eq 0 ]; then
    echo "  the node tests (or the cargo build before them) exited with status $node_status: see $logs/node.log"
  fi
  skipped_names=()
  while IFS= read -r line; do skipped_names+=("rust: $line"); done < <(
    sed -n -e 's/^test \(.*\) \.\.\. ignored, \(.*\)$/\1 — ignored: \2/p' -e 's/^test \(.*\) \.\.\. ignored$/\1 — ignored/p' "$logs/rust.log"
    cat "$LINXUAN_SKIP_LOG"
  )
  if [ -f "$logs/node.tap" ]; then
    while IFS= read -r line; do skipped_names+=("node: $line"); done < <(
      sed -n 's/^ *\(not \)\{0,1\}ok [0-9]* - \(.*\) # \(SKIP\|TODO\) *\(.*\)$/\2 — \4/p' "$logs/node.tap" | sed 's/\\#/#/g'
    )
  fi
  if [ ${#skipped_names[@]} -gt 0 ] || [ ${#not_run[@]} -gt 0 ]; then
    echo "Skipped:"
    [ ${#skipped_names[@]} -eq 0 ] || printf '  %s\n' "${skipped_names[@]}"
    [ ${#not_run[@]} -eq 0 ] || printf '  NOT RUN, not counted below: %s\n' "${not_run[@]}"
  fi
  if [ -n "$SETUP_MISSING" ]; then
    echo "Not installed: $SETUP_MISSING (scripts/setup.sh prints the command that installs them)"
  fi
  echo "Time (seconds):"
  cat "$logs/timings.txt"
  echo "$((r_passed + n_passed)) passed, $((r_failed + n_failed)) failed, $((r_skipped + n_skipped)) skipped"
}
summary | tee "$logs/summary.txt"

[ "$rust_status" -eq 0 ] && [ "$node_status" -eq 0 ] && [ "$((r_failed + n_failed))" -eq 0 ]
