#!/usr/bin/env bash
# `npm test`: set-up, build, then every suite: Rust natively, the same Rust tests as wasm in Node
# and in headless Chromium, then the JS suites against the built package (Node and Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

scripts/setup.sh
node scripts/build.mjs

section "Rust, native (cargo test)"
cargo test --quiet

section "Rust as wasm in Node (wasm-pack test --node)"
wasm-pack test --node --mode no-install

section "Rust as wasm in headless Chromium (wasm-pack test --chrome)"
# Without WASM_BINDGEN_USE_BROWSER the Chrome run skips every suite and still exits 0.
# Each run leaves ~26 MB of Chrome profiles in TMPDIR: keep them in a folder we remove.
chrome_tmp=$(mktemp -d)
trap 'rm -rf "$chrome_tmp"' EXIT
WASM_BINDGEN_USE_BROWSER=1 TMPDIR="$chrome_tmp" wasm-pack test --headless --chrome --mode no-install \
  --chromedriver "$(command -v chromedriver)"

section "TypeScript declarations (tsc on tests/types)"
npx tsc -p tests/types && echo "types: ok"

section "JS against the built package (node --test)"
node --expose-gc --test --test-reporter=spec tests/js/ tests/dev-server/

section "JS in headless Chromium (Playwright)"
node --test --test-reporter=spec tests/browser/
