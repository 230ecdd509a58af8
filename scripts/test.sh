#!/usr/bin/env bash
# Runs every test: Rust unit and integration tests, then the browser tests in headless
# Chromium against a freshly built site. Needs cargo, node/npm and /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --all-targets

if [ -f package.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
  cargo build --quiet
  node --test --test-concurrency=1 tests/js/ tests/browser/
fi
