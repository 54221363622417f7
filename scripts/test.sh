#!/usr/bin/env bash
# `npm test`: set-up, build (the client wasm on the pinned nightly: what ships), the browser
# payload's size, the formatters' checks, then every suite: Rust natively (the client build, and
# the server's `verify` feature), the same Rust tests as wasm (stable) in Node, headless Chromium
# and headless Firefox, a bounded fuzzing pass, the TypeScript declarations, then the JS suites
# against the built package (Node, an edge runtime, Chromium), the packaging tests (the packed
# tarball in consumer projects), the demo, and the Next.js example (packed, installed, built,
# served).
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

scripts/setup.sh
node scripts/build.mjs
# The pinned nightly (Cargo.toml, [package.metadata.nightly]): the client wasm and the fuzzing.
NIGHTLY=$(sed -n 's/^toolchain = "\(nightly-[0-9-]*\)"$/\1/p' Cargo.toml)

# Each browser run leaves ~26 MB of profiles in TMPDIR, and fuzzing grows a corpus: both go into
# folders removed on exit.
browser_tmp=$(mktemp -d)
fuzz_corpus=$(mktemp -d)
trap 'rm -rf "$browser_tmp" "$fuzz_corpus"' EXIT

section "Browser payload of wasm-auth/react: within the 40 KB budget (scripts/size.mjs; --map shows where the bytes go)"
node scripts/size.mjs --check

section "Formatting (rustfmt, Prettier): npm run format fixes what this reports"
cargo fmt --check
(cd fuzz && cargo fmt --check)
npx prettier --check .

section "Rust, native (cargo test, client build)"
cargo test --quiet

section "Rust, native (cargo test --features verify)"
cargo test --quiet --features verify

# The wasm runs take the superset of tests (--features verify); the client-only build is the one
# the JS suites below load. Each run's output is kept to count the tests it passed: a browser run
# that skipped suites would still exit 0, so Chromium and Firefox must pass as many as Node.
wasm_log=$(mktemp -d)
trap 'rm -rf "$browser_tmp" "$fuzz_corpus" "$wasm_log"' EXIT
passed() { grep -o 'test result: ok\. [0-9]* passed' "$wasm_log/$1" | awk '{ n += $4 } END { print n + 0 }'; }
properties_note() {
  echo "tests/properties.rs: 0 tests in wasm by design (proptest does not build for wasm32; cargo test ran it natively)"
}

section "Rust as wasm in Node (wasm-pack test --node --features verify)"
wasm-pack test --node --mode no-install --features verify 2>&1 | tee "$wasm_log/node"
properties_note

section "Rust as wasm in headless Chromium (wasm-pack test --chrome --features verify)"
# Without WASM_BINDGEN_USE_BROWSER the Chrome run skips every suite and still exits 0.
WASM_BINDGEN_USE_BROWSER=1 TMPDIR="$browser_tmp" wasm-pack test --headless --chrome --mode no-install \
  --chromedriver "$(command -v chromedriver)" --features verify 2>&1 | tee "$wasm_log/chromium"
properties_note

section "Rust as wasm in headless Firefox (wasm-pack test --firefox --features verify)"
# Debian's firefox-esr through geckodriver (webdriver.json: moz:firefoxOptions); the same switch
# as for Chrome makes every suite run in the browser instead of being skipped.
WASM_BINDGEN_USE_BROWSER=1 TMPDIR="$browser_tmp" wasm-pack test --headless --firefox --mode no-install \
  --geckodriver "$(command -v geckodriver)" --features verify 2>&1 | tee "$wasm_log/firefox"
properties_note

for browser in chromium firefox; do
  if [ "$(passed "$browser")" != "$(passed node)" ]; then
    echo "wasm tests: $browser passed $(passed "$browser"), Node $(passed node): suites were skipped" >&2
    exit 1
  fi
done
echo "wasm tests passed: $(passed node) in Node, $(passed chromium) in Chromium, $(passed firefox) in Firefox"

section "Fuzzing: decode, verify, claims (and their shapes' cost), has() and the RSA arithmetic (30 s)"
# New inputs go to the throwaway first corpus; fuzz/seeds/verify stays as committed. A crash
# fails the run and leaves its input in fuzz/artifacts/verify/ (see fuzz/README.md). An input
# taking over 10 s is a crash too: a claims shape whose cost is not linear shows there, or in the
# target's heap check.
cargo "+$NIGHTLY" fuzz run verify "$fuzz_corpus" fuzz/seeds/verify -- -max_total_time=30 -max_len=16384 -timeout=10

section "TypeScript declarations (tsc on tests/types)"
npx tsc -p tests/types && echo "types: ok"

section "JS against the built package (node --test)"
# tests/conformance checks the repo's Frontend API schemas against Clerk's spec (../shared/clerk/)
# and the validator every dev-server exchange of these suites is held to.
node --expose-gc --test --test-reporter=spec tests/js/ tests/dev-server/ tests/conformance/ tests/client/

# The packed tarball installed into consumer projects (kept under target/consumers/ between runs):
# Node ESM and CJS, Vite dev and build, webpack, esbuild (IIFE and ESM), Rollup, Parcel (build and
# serve), a plain page, Jest with jsdom, the edge-runtime package, TypeScript, React 18 and 19 (the
# browser ones in Chromium), and publint and attw on the tarball.
section "Packaging: the tarball in Node, Vite, webpack, esbuild, Rollup, Parcel, Jest, edge-runtime, a plain page, TypeScript, React 18/19"
node --test --test-reporter=spec tests/consumers/

section "JS in headless Chromium (Playwright)"
node --test --test-reporter=spec tests/browser/ tests/demo/

section "Clerk's own SDKs against the dev server: @clerk/clerk-js in Chromium, @clerk/backend reading wasm-auth's cookies"
node --test --test-reporter=spec tests/oracle/

section "Next.js example: npm pack, install, next build, next start, in Chromium"
# examples/next-app in a temp folder with the packed tarball; prints the first-load cost.
node --test --test-reporter=spec tests/next/
