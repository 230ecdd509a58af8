#!/usr/bin/env bash
# Runs every test: Rust unit and integration tests, and beside them the JS tests and the browser
# tests in headless Chromium against sites built once for all of them; ends with one summary.
#
# Usage: scripts/test.sh [--skip-missing] [--lint]
#
# First scripts/setup.sh installs what the tests need and is missing (Debian packages as root
# or through sudo, the npm packages, rustfmt and clippy). What it cannot install stops the run
# before any test, naming each missing program and the command that installs it. With
# --skip-missing (or LINXUAN_SKIP_MISSING=1) the tests that need a missing program are skipped
# instead, and the summary lists them. --lint also runs clippy after the Rust tests (.ci/run
# does). LINXUAN_NODE_JOBS sets how many node test files run at once (default 3). Logs are kept
# in target/test-logs/ (in $CARGO_TARGET_DIR when set).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/setup.sh
source scripts/setup.sh
read_options "$0" 2,13 "$@"
setup_run "$skip_missing" || exit 1
missing() { [[ " $SETUP_MISSING " == *" $1 "* ]]; }
if missing cargo; then
  echo "test.sh: no test can run without cargo." >&2
  exit 1
fi
setup_target_dir

# The tests read these: a missing program may skip a test only when LINXUAN_SKIP_MISSING=1,
# and Rust tests record their skips in LINXUAN_SKIP_LOG for the summary.
export LINXUAN_SKIP_MISSING=$skip_missing
logs=$CARGO_TARGET_DIR/test-logs
mkdir -p "$logs"
export LINXUAN_SKIP_LOG="$logs/rust-skipped.txt"
: >"$LINXUAN_SKIP_LOG"
rm -f "$logs/node.tap" "$logs/clippy.log"
# How long each part takes, "<seconds> <part>" a line (.ci/run prints them with its own).
: >"$logs/timings.txt"
took() {
  awk -v a="$1" -v b="$EPOCHREALTIME" -v what="$2" 'BEGIN { printf "%7.1f  %s\n", b - a, what }' >>"$logs/timings.txt"
}

# What the node tests run: the debug binary and the example that writes long-table sites.
# Built first, so that the node tests can start while cargo builds and runs the Rust tests.
not_run=()
node_dirs=()
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
fi
build_status=0
if [ ${#node_dirs[@]} -gt 0 ]; then
  t=$EPOCHREALTIME
  if cargo build --quiet --bin linxuan --example large-site 2>&1 | tee "$logs/node.log"; then :; else build_status=$?; fi
  took "$t" "cargo build --bin linxuan --example large-site (for the node tests)"
fi

# The Rust tests, then clippy under --lint, in the background: they share cargo's lock on the
# target folder, which the node tests do not need. --no-fail-fast: one failing test binary
# must not hide the results of the others. Their output goes to the logs, and is printed once
# the node tests are done.
rust_lane() {
  local t=$EPOCHREALTIME status=0
  cargo test --all-targets --no-fail-fast >"$logs/rust.log" 2>&1 || status=$?
  took "$t" "∥ Rust: cargo test (with any compiling it needed)"
  echo "$status" >"$logs/rust.status"
  if [ "$lint" = 1 ]; then
    t=$EPOCHREALTIME
    status=0
    cargo clippy --all-targets -- -D warnings >"$logs/clippy.log" 2>&1 || status=$?
    took "$t" "∥ Rust: cargo clippy --all-targets -- -D warnings"
    echo "$status" >"$logs/clippy.status"
  fi
}
rm -f "$logs/rust.status" "$logs/clippy.status"
rust_lane &
rust_pid=$!
# Stopped early (Ctrl-C, a failing command): leave no lane running and no shared sites behind.
cleanup() {
  if kill -0 "$rust_pid" 2>/dev/null; then
    pkill -TERM -P "$rust_pid" 2>/dev/null || true
    kill "$rust_pid" 2>/dev/null || true
  fi
  if [ -n "${LINXUAN_TEST_SITES:-}" ]; then rm -rf "$LINXUAN_TEST_SITES"; fi
}
trap cleanup EXIT

# The node tests, several files at a time (each serves its site on a free port). Sites that
# several files read are built once into a fresh folder (tests/fixtures/sites.mjs).
node_status=0
if [ ${#node_dirs[@]} -gt 0 ] && [ "$build_status" -ne 0 ]; then
  node_status=$build_status
elif [ ${#node_dirs[@]} -gt 0 ]; then
  LINXUAN_TEST_SITES=$(mktemp -d "${TMPDIR:-/tmp}/linxuan-test-sites.XXXXXX")
  export LINXUAN_TEST_SITES
  t=$EPOCHREALTIME
  if node --test --test-concurrency="${LINXUAN_NODE_JOBS:-3}" \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$logs/node.tap" \
    "${node_dirs[@]}" 2>&1 | tee -a "$logs/node.log"; then
    node_status=0
  else
    node_status=$?
  fi
  took "$t" "∥ Node: node --test ${node_dirs[*]} (${LINXUAN_NODE_JOBS:-3} files at a time)"
fi

wait "$rust_pid" || true
cat "$logs/rust.log"
rust_status=$(cat "$logs/rust.status" 2>/dev/null || echo 1)
clippy_status=0
if [ "$lint" = 1 ]; then
  cat "$logs/clippy.log" 2>/dev/null || true
  clippy_status=$(cat "$logs/clippy.status" 2>/dev/null || echo 1)
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
  if [ "$lint" = 1 ]; then
    if [ "$clippy_status" -eq 0 ]; then echo "Clippy:              no warnings"; else echo "Clippy:              FAILED (status $clippy_status): see $logs/clippy.log"; fi
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

[ "$rust_status" -eq 0 ] && [ "$node_status" -eq 0 ] && [ "$clippy_status" -eq 0 ] && [ "$((r_failed + n_failed))" -eq 0 ]
