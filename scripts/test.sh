#!/usr/bin/env bash
# `npm test`: set-up, build, then every suite: Rust natively, the same Rust tests as wasm in Node
# and in headless Chromium (without and with the server's `verify` feature), a bounded fuzzing
# pass, then the JS suites against the built package (Node, an edge runtime, Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

scripts/setup.sh
node scripts/build.mjs

# Each Chrome run leaves ~26 MB of profiles in TMPDIR, and fuzzing grows a corpus: both go into
# folders removed on exit.
chrome_tmp=$(mktemp -d)
fuzz_corpus=$(mktemp -d)
trap 'rm -rf "$chrome_tmp" "$fuzz_corpus"' EXIT

for features in "" verify; do
  label=${features:+ --features $features}
  section "Rust, native (cargo test$label)"
  cargo test --quiet ${features:+--features $features}

  section "Rust as wasm in Node (wasm-pack test --node$label)"
  wasm-pack test --node --mode no-install ${features:+--features $features}

  section "Rust as wasm in headless Chromium (wasm-pack test --chrome$label)"
  # Without WASM_BINDGEN_USE_BROWSER the Chrome run skips every suite and still exits 0.
  WASM_BINDGEN_USE_BROWSER=1 TMPDIR="$chrome_tmp" wasm-pack test --headless --chrome --mode no-install \
    --chromedriver "$(command -v chromedriver)" ${features:+--features $features}
done

section "Fuzzing: decode, verify, claims, has() and the RSA arithmetic (30 s)"
# New inputs go to the throwaway first corpus; fuzz/seeds/verify stays as committed. A crash
# fails the run and leaves its input in fuzz/artifacts/verify/ (see fuzz/README.md).
cargo +nightly fuzz run verify "$fuzz_corpus" fuzz/seeds/verify -- -max_total_time=30 -max_len=16384

section "JS against the built package (node --test)"
# tests/dev-server/ arrives with the dev-server issue; node --test fails on a missing path.
node --test --test-reporter=spec tests/js/ $(test -d tests/dev-server && echo tests/dev-server/)

section "JS in headless Chromium (Playwright)"
node --test --test-reporter=spec tests/browser/
