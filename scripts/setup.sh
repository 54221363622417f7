#!/usr/bin/env bash
# Installs what the build, or the build and the tests, need, each piece only when it is missing or
# at the wrong version, so a warm run costs a few version checks. Facts behind each step:
# TOOLCHAIN.md.
#
#   scripts/setup.sh build   what building the package needs (npm run build, npm run demo): the
#                            wasm32 target, wasm-pack, wasm-bindgen-cli, the pinned nightly, the
#                            npm dev dependencies (binaryen's wasm-opt among them)
#   scripts/setup.sh         all of that and what only the tests need (npm test, npm run bench):
#                            Chromium and its driver, Firefox and geckodriver, cargo-fuzz, twiggy
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-test}" in
  build) tests=false ;;
  test) tests=true ;;
  *)
    echo "usage: scripts/setup.sh [build|test]" >&2
    exit 2
    ;;
esac

WASM_PACK_VERSION=0.15.1
CARGO_FUZZ_VERSION=0.13.2
TWIGGY_VERSION=0.8.0
GECKODRIVER_VERSION=0.37.1
# The pinned nightly, written once in Cargo.toml ([package.metadata.nightly]).
NIGHTLY=$(sed -n 's/^toolchain = "\(nightly-[0-9-]*\)"$/\1/p' Cargo.toml)
say() { printf 'setup: %s\n' "$*" >&2; }
# "has_version cmd text": cmd is on PATH and its --version output contains text.
# The output is read whole first: grep -q closing the pipe early makes some tools (geckodriver)
# die of a broken pipe, which pipefail would count as a failed check.
has_version() { command -v "$1" >/dev/null 2>&1 && grep -qF "$2" <<<"$("$1" --version 2>/dev/null)"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! has_version wasm-pack "wasm-pack $WASM_PACK_VERSION"; then
  say "installing wasm-pack $WASM_PACK_VERSION (cargo, ~2.5 min)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked
fi

# wasm-pack only uses a wasm-bindgen whose version equals the one in Cargo.lock.
bindgen=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! has_version wasm-bindgen "wasm-bindgen $bindgen"; then
  say "installing wasm-bindgen-cli $bindgen (cargo, ~2.5 min)"
  # --locked fails for some releases (a pinned dependency was yanked); a plain install works.
  cargo install wasm-bindgen-cli --version "=$bindgen" --force
fi

# The pinned nightly builds the client wasm (-Z build-std needs rust-src, and its wasm32 target)
# and, for the tests, runs the fuzz target (sanitizer flags).
if ! rustup toolchain list | grep -q "^$NIGHTLY" ||
  ! rustup component list --toolchain "$NIGHTLY" --installed | grep -q '^rust-src' ||
  ! rustup target list --toolchain "$NIGHTLY" --installed | grep -qx wasm32-unknown-unknown; then
  say "installing the pinned $NIGHTLY (with rust-src and wasm32)"
  rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src --target wasm32-unknown-unknown
fi
# npm ci only when package-lock.json changed since the last install here.
stamp=node_modules/.setup-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing npm dev dependencies"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

[ "$tests" = true ] || exit 0

if ! has_version cargo-fuzz "cargo-fuzz $CARGO_FUZZ_VERSION"; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION (cargo, ~30 s)"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

# twiggy reads the call graph for `node scripts/size.mjs --map` (who calls core::fmt).
if ! has_version twiggy "twiggy-opt $TWIGGY_VERSION"; then
  say "installing twiggy $TWIGGY_VERSION (cargo, ~2 min)"
  cargo install twiggy --version "$TWIGGY_VERSION" --locked
fi

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  say "installing Debian's chromium and chromium-driver"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# Firefox for the wasm tests (wasm-pack test --firefox): Debian's ESR and geckodriver from
# crates.io (the npm package of that name downloads a binary from outside the registries).
if ! command -v firefox-esr >/dev/null 2>&1; then
  say "installing Debian's firefox-esr"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null
fi
if ! has_version geckodriver "geckodriver $GECKODRIVER_VERSION"; then
  say "installing geckodriver $GECKODRIVER_VERSION (cargo, ~2 min)"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
fi
