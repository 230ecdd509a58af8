#!/usr/bin/env bash
# Sets up what the tests need on a Debian machine, installing only what is missing:
#   - the Debian packages in APT_PACKAGES below (as root with apt-get, otherwise through
#     `sudo -n` when that works without a password), `apt-get update` only when one is missing;
#   - rustfmt and clippy (rustup), for `cargo fmt` and `cargo clippy` in .ci/run;
#   - the npm packages of package-lock.json (`npm ci`), when node_modules/ is missing or older
#     than package.json or package-lock.json.
# Whatever is still missing afterwards is named, with the command that installs it, and the
# script exits with status 1 — unless --skip-missing (or LINXUAN_SKIP_MISSING=1) is given, in
# which case it only warns and the tests that need it skip.
#
# Usage: scripts/setup.sh [--skip-missing]
# LINXUAN_NO_INSTALL=1 checks without installing anything, as on a machine where it cannot.
#
# Programs are looked up where the tests look for them: on PATH; Chromium at $CHROMIUM_PATH,
# else /usr/bin/chromium (tests/browser/harness.mjs); nginx at $NGINX, else on PATH, else
# /usr/sbin/nginx (tests/browser/nginx.mjs). To see what a machine without them gets, run with
# a PATH that lacks them and CHROMIUM_PATH=/nonexistent NGINX=/nonexistent.
#
# scripts/test.sh sources this file and calls `setup_run`, then reads SETUP_MISSING (the
# programs and packages still missing) to know what to leave out.

# The Debian packages the tests need, one per entry: package | the programs the tests run
# from it ("-": none, the package itself is checked) | what needs it.
APT_PACKAGES=(
  "chromium|chromium|the browser tests (tests/browser/, playwright-core drives it)"
  "fonts-noto-cjk|-|Chinese text in browser screenshots and PDFs (boxes without it)"
  "fonts-liberation2|-|Times New Roman's metric twin: the printed fill pages and LibreOffice set Latin text alike (tests/browser/print.test.mjs)"
  "libreoffice-writer-nogui|soffice|tests/it/docx.rs: LibreOffice opens the Word forms"
  "poppler-utils|pdftotext pdftoppm pdfinfo|tests/it/docx.rs: reads the PDFs LibreOffice writes"
  "python3-icalendar|-|tests/it/calendar.rs: a real calendar library reads downloads/deadline.ics"
  "nginx|nginx|tests/browser/nginx.test.mjs: the site served with deploy/nginx.conf"
  "default-jre-headless|java|tests/browser/a11y.test.mjs: the Nu HTML checker (npm vnu-jar)"
  "nodejs|node|the JS and browser tests (node --test)"
  "npm|npm|the npm packages of package.json (playwright-core, axe-core, vnu-jar)"
)
# import.meta.dirname and recursive readdirSync in the node tests.
NODE_MAJOR_NEEDED=20

# Whether a program is where the tests will look for it.
setup_program_found() {
  case "$1" in
    chromium) [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] ;;
    nginx)
      if [ -n "${NGINX:-}" ]; then
        [ -x "$NGINX" ]
      else
        command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]
      fi
      ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

setup_package_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

# Prints, one per line, "package|missing programs|why" for every package of APT_PACKAGES
# that is missing (for "-" entries, the package name stands for the program).
setup_missing_packages() {
  local entry package programs why program absent
  for entry in "${APT_PACKAGES[@]}"; do
    IFS="|" read -r package programs why <<<"$entry"
    absent=""
    if [ "$programs" = "-" ]; then
      setup_package_installed "$package" || absent="$package"
    else
      for program in $programs; do
        setup_program_found "$program" || absent="${absent:+$absent }$program"
      done
    fi
    [ -z "$absent" ] || echo "$package|$absent|$why"
  done
}

# How this machine can install Debian packages: "" as root, "sudo -n" when sudo works without
# a password; returns 1 when it cannot.
setup_apt_prefix() {
  command -v apt-get >/dev/null 2>&1 || return 1
  if [ "$(id -u)" -eq 0 ]; then
    echo ""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "sudo -n"
  else
    return 1
  fi
}

# Whether node_modules/ matches package.json and package-lock.json (npm ci writes
# node_modules/.package-lock.json last, so it is newer than both after a complete install).
setup_node_modules_current() {
  local stamp=node_modules/.package-lock.json
  [ -f "$stamp" ] && [ ! package-lock.json -nt "$stamp" ] && [ ! package.json -nt "$stamp" ]
}

# Installs rustfmt and clippy with rustup when they are missing, and nothing else: .ci/run
# calls it first, so that compiling can start while the slower apt-get and npm set-up runs.
# setup_run checks them again and names them if they are still missing.
setup_rust_components() {
  [ "${LINXUAN_NO_INSTALL:-0}" != 1 ] && command -v cargo >/dev/null 2>&1 && command -v rustup >/dev/null 2>&1 || return 0
  local -a components=()
  cargo fmt --version >/dev/null 2>&1 || components+=(rustfmt)
  cargo clippy --version >/dev/null 2>&1 || components+=(clippy)
  [ ${#components[@]} -eq 0 ] && return 0
  echo "setup: installing ${components[*]} (rustup)"
  rustup component add "${components[@]}" || true
}

# Runs the set-up. $1 = 1 to warn about what is missing instead of failing. Sets SETUP_MISSING
# (space-separated programs and packages still missing) and returns 1 when something is missing
# and skipping was not asked for.
setup_run() {
  local skip=${1:-0} no_install=${LINXUAN_NO_INSTALL:-0}
  local prefix="" can_install=0 why_not="" package absent why
  local -a to_install=() problems=() commands=()
  SETUP_MISSING=""

  if [ "$no_install" = 1 ]; then
    why_not="LINXUAN_NO_INSTALL=1"
  elif prefix=$(setup_apt_prefix); then
    can_install=1
  elif ! command -v apt-get >/dev/null 2>&1; then
    why_not="no apt-get on this machine"
  elif ! command -v sudo >/dev/null 2>&1; then
    why_not="not root, and no sudo"
  else
    why_not="not root, and sudo asks for a password"
  fi

  # Debian packages.
  while IFS="|" read -r package absent why; do
    to_install+=("$package")
  done < <(setup_missing_packages)
  if [ ${#to_install[@]} -gt 0 ] && [ "$can_install" = 1 ]; then
    echo "setup: installing ${to_install[*]} (apt-get)"
    # Any failure (no network, unknown package) shows in the check that follows.
    $prefix apt-get update -qq || true
    $prefix env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${to_install[@]}" >/dev/null || true
  fi
  to_install=()
  while IFS="|" read -r package absent why; do
    to_install+=("$package")
    SETUP_MISSING="${SETUP_MISSING:+$SETUP_MISSING }$absent"
    problems+=("$(printf '%-26s (Debian package %s) — %s' "$absent" "$package" "$why")")
  done < <(setup_missing_packages)
  if [ ${#to_install[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then prefix=""; else prefix="sudo "; fi
    commands+=("${prefix}apt-get update && ${prefix}apt-get install -y --no-install-recommends ${to_install[*]}")
  fi

  # Node.js: new enough, and the npm packages installed.
  if setup_program_found node; then
    local major
    major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
    if [ "$major" -lt "$NODE_MAJOR_NEEDED" ]; then
      SETUP_MISSING="${SETUP_MISSING:+$SETUP_MISSING }node$NODE_MAJOR_NEEDED"
      problems+=("$(printf '%-26s — node %s is installed; the JS and browser tests need %s or newer' "node>=$NODE_MAJOR_NEEDED" "$major" "$NODE_MAJOR_NEEDED")")
      commands+=("install Node.js $NODE_MAJOR_NEEDED or newer (Debian 13's nodejs, or https://nodejs.org)")
    fi
  fi
  if [ -f package.json ] && setup_program_found npm && ! setup_node_modules_current; then
    if [ "$no_install" != 1 ]; then
      echo "setup: installing the npm packages (npm ci)"
      npm ci --no-audit --no-fund --loglevel=error || true
    fi
    if ! setup_node_modules_current; then
      SETUP_MISSING="${SETUP_MISSING:+$SETUP_MISSING }node_modules"
      problems+=("$(printf '%-26s — the npm packages of package-lock.json (playwright-core, axe-core, vnu-jar)' node_modules)")
      commands+=("npm ci --no-audit --no-fund")
    fi
  fi

  # Rust: cargo to build and test, rustfmt and clippy for .ci/run.
  if ! command -v cargo >/dev/null 2>&1; then
    SETUP_MISSING="${SETUP_MISSING:+$SETUP_MISSING }cargo"
    problems+=("$(printf '%-26s — the Rust toolchain (edition 2024)' cargo)")
    commands+=("curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh")
  else
    local -a components=()
    cargo fmt --version >/dev/null 2>&1 || components+=(rustfmt)
    cargo clippy --version >/dev/null 2>&1 || components+=(clippy)
    if [ ${#components[@]} -gt 0 ] && [ "$no_install" != 1 ] && command -v rustup >/dev/null 2>&1; then
      echo "setup: installing ${components[*]} (rustup)"
      rustup component add "${components[@]}" || true
      components=()
      cargo fmt --version >/dev/null 2>&1 || components+=(rustfmt)
      cargo clippy --version >/dev/null 2>&1 || components+=(clippy)
    fi
    if [ ${#components[@]} -gt 0 ]; then
      SETUP_MISSING="${SETUP_MISSING:+$SETUP_MISSING }${components[*]}"
      problems+=("$(printf '%-26s — cargo fmt / cargo clippy, run by .ci/run' "${components[*]}")")
      commands+=("rustup component add ${components[*]}")
    fi
  fi

  [ ${#problems[@]} -eq 0 ] && return 0

  local title
  if [ "$skip" = 1 ]; then
    title="setup: WARNING: not installed, so the tests that need it will be SKIPPED:"
  else
    title="setup: ERROR: the tests need what is not installed here, so none were run:"
  fi
  {
    echo
    echo "$title"
    printf '  %s\n' "${problems[@]}"
    if [ ${#to_install[@]} -gt 0 ]; then
      if [ -n "$why_not" ]; then
        echo "Debian packages were not installed: $why_not."
      else
        echo "apt-get did not make them available where the tests look (see its messages above)."
      fi
    fi
    echo "Install with:"
    printf '  %s\n' "${commands[@]}"
    if [ "$skip" != 1 ]; then
      echo "then run scripts/test.sh again — or run \`scripts/test.sh --skip-missing\` to run the"
      echo "other tests and list at the end what was skipped."
    fi
    echo
  } >&2
  [ "$skip" = 1 ]
}

# The options of setup.sh and test.sh: sets skip_missing from --skip-missing (or
# LINXUAN_SKIP_MISSING=1), and for test.sh lint from --lint; --help prints lines HELP_LINES
# (sed's `2,21`) of SCRIPT's header.
read_options() {
  local script=$1 help_lines=$2 arg
  shift 2
  skip_missing=${LINXUAN_SKIP_MISSING:-0}
  lint=0
  for arg in "$@"; do
    case "$arg" in
      --skip-missing) skip_missing=1 ;;
      --lint) [ "${script##*/}" = test.sh ] || { echo "${script##*/}: unknown argument $arg (see --help)" >&2; exit 2; }; lint=1 ;;
      -h | --help) sed -n "${help_lines}s/^# \{0,1\}//p" "$script"; exit 0 ;;
      *) echo "${script##*/}: unknown argument $arg (see --help)" >&2; exit 2 ;;
    esac
  done
}

# Exports CARGO_TARGET_DIR as cargo's target folder, absolute: the one `cargo metadata` names
# ($CARGO_TARGET_DIR, or build.target-dir of a cargo config), else target/. The JS and browser
# tests (tests/fixtures/sites.mjs) read it to find the binaries cargo built.
setup_target_dir() {
  local dir=""
  if command -v cargo >/dev/null 2>&1; then
    dir=$(cargo metadata --no-deps --format-version 1 2>/dev/null | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
  fi
  CARGO_TARGET_DIR=${dir:-${CARGO_TARGET_DIR:-$PWD/target}}
  export CARGO_TARGET_DIR
}

# Run directly (not sourced): set up, from the repository root.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  cd "$(dirname "$0")/.."
  read_options "$0" 2,21 "$@"
  setup_run "$skip_missing"
fi
