#!/usr/bin/env bash
# The full test suite, as the README gives it: installs what it needs (Chromium via apt-get,
# the browser test driver via npm), then runs Rust unit + integration tests and the browser
# and JavaScript tests under Node's built-in test runner.
set -euo pipefail
cd "$(dirname "$0")/.."

need_chromium=1
for c in chromium chromium-browser; do command -v "$c" >/dev/null 2>&1 && need_chromium=0; done
if [ "$need_chromium" = 1 ]; then
  echo "== installing Chromium (Debian package) for the browser tests"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
if ! command -v node >/dev/null 2>&1; then
  echo "== installing Node.js (Debian package) for the browser tests"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi

echo "== installing the browser test driver (playwright-core; uses the system Chromium)"
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

echo "== Rust: unit and integration tests"
# A first build (a fresh checkout, as in CI) compiles handbook ~30 % faster without incremental
# compilation's bookkeeping (70 s instead of 98 on two cores); later runs keep it, to rebuild
# only what an edit touched.
if [ ! -d target/debug ] && [ -z "${CARGO_INCREMENTAL:-}" ]; then export CARGO_INCREMENTAL=0; fi
cargo test --all-targets

echo "== Browser and JavaScript tests (node --test)"
# Two test files at a time where Node can (20.10+): most of a browser test is waiting on
# Chromium, so the pair takes ~30 % less time on two cores (CI must stay under 15 minutes).
# tests/browser/run.mjs does that with the slowest files first, so both cores finish together.
runner=(node --test tests/browser/*.test.mjs)
if node --help 2>/dev/null | grep -q -- "--test-concurrency"; then runner=(node tests/browser/run.mjs); fi
# The bundled handbook built once, for the test files that only read it (each copies it).
built="$(mktemp -d)"
trap 'rm -rf "$built"' EXIT
mkdir -p "$built/book"
cp -r book.toml content themes "$built/book/"
target/debug/handbook --root "$built/book" build >/dev/null
HANDBOOK_BUILT_BUNDLED="$built/book" HANDBOOK_BIN="$PWD/target/debug/handbook" "${runner[@]}"
