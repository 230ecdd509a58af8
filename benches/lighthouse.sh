#!/usr/bin/env bash
# Lighthouse 12 on the shipped site (benches/lighthouse.mjs), installing the lighthouse CLI
# into target/lighthouse first when it is missing (npm; it is not a dependency of the tests).
#
#   benches/lighthouse.sh [--runs N] [--json FILE]
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
LH=target/lighthouse
if [ ! -x "$LH/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$LH"
  npm install --prefix "$LH" --no-audit --no-fund --no-save lighthouse@12 >/dev/null
fi
cargo build --quiet
node benches/lighthouse.mjs "$@"
