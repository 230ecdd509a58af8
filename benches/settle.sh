#!/usr/bin/env bash
# Waits for a quiet machine before a timed browser benchmark, and says how long that took:
#
#   benches/settle.sh [MAX_SECONDS]    (default 180)
#
# The builds that run before the browser benchmarks leave gigabytes of written files for the
# kernel to flush and deleted blocks to discard; on two cores that work took CPU from Chromium
# and made the filter's and the preview's figures wander by up to 2× between runs. So: `sync`,
# then wait until the CPUs were at least 90 % idle (iowait not counted as idle) for 3 seconds in
# a row, or MAX_SECONDS have passed. Prints one line for the report, e.g.
#   "quiet after 14 s (3 s at 97 % idle)"  or  "not quiet after 180 s (last 3 s at 41 % idle)".
set -euo pipefail
max=${1:-180}
start=$SECONDS
sync

# idle and total jiffies of all CPUs, from the first line of /proc/stat
sample() { awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print $5, t; exit }' /proc/stat; }

read -r idle0 total0 < <(sample)
quiet=0 window_idle=0 window_total=0
while :; do
  sleep 1
  read -r idle1 total1 < <(sample)
  d_idle=$((idle1 - idle0)) d_total=$((total1 - total0))
  idle0=$idle1 total0=$total1
  if ((d_total > 0 && d_idle * 100 >= d_total * 90)); then
    quiet=$((quiet + 1)) window_idle=$((window_idle + d_idle)) window_total=$((window_total + d_total))
  else
    quiet=0 window_idle=$d_idle window_total=$d_total
  fi
  waited=$((SECONDS - start))
  pct=$((window_total > 0 ? window_idle * 100 / window_total : 0))
  if ((quiet >= 3)); then
    echo "quiet after ${waited} s (3 s at ${pct} % idle)"
    exit 0
  fi
  if ((waited >= max)); then
    echo "not quiet after ${waited} s (last second at $((d_total > 0 ? d_idle * 100 / d_total : 0)) % idle)"
    exit 0
  fi
done
