#!/usr/bin/env bash
# Installs everything the build and the tests need, each piece only when it is missing or at the
# wrong version, so a warm run costs a few version checks. Facts behind each step: TOOLCHAIN.md.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_PACK_VERSION=0.15.1
CARGO_FUZZ_VERSION=0.13.2
TWIGGY_VERSION=0.8.0
say() { printf 'setup: %s\n' "$*" >&2; }
# "has_version cmd text": cmd is on PATH and its --version output contains text.
has_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"; }
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

# The fuzz target (fuzz/) needs nightly (sanitizer flags) and cargo-fuzz.
if ! rustup toolchain list | grep -q '^nightly'; then
  say "installing the nightly toolchain (for cargo-fuzz)"
  rustup toolchain install nightly --profile minimal
fi
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

# npm ci only when package-lock.json changed since the last install here.
stamp=node_modules/.setup-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing npm dev dependencies"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
