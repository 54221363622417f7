// One wasm build step, shared by scripts/build.mjs (the package) and scripts/size.mjs --map (the
// same client wasm with its function names kept): wasm-pack, then npm's binaryen wasm-opt.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')

export function run(cmd, args, env = {}) {
  try {
    execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  } catch {
    console.error(`build: failed: ${cmd} ${args.join(' ')}`)
    process.exit(1)
  }
}

// Every feature wasm-opt must allow for what rustc and wasm-bindgen emit (TOOLCHAIN.md), and
// what holds for both wasm: --zero-filled-memory lets wasm-opt drop zero bytes from data segments
// (each module defines its own memory, which starts zeroed); the target_features section is
// metadata no runtime reads.
export const WASM_OPT_FLAGS = [
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-multivalue',
  '--enable-reference-types',
  '--zero-filled-memory',
  '--strip-debug',
  '--strip-producers',
  '--strip-target-features',
]

// The client wasm is built for size (browsers download it; --converge repeats -Oz while it still
// shrinks). --low-memory-unused lets wasm-opt fold constant offsets into loads and stores: it
// holds because rustc lays the 1 MiB stack out first, so nothing lives in the lowest 1 KiB unless
// the stack is already overflowing (-931 raw, -374 gzip).
// The server wasm adds signature crypto (~6x the size; only wasm-auth/server loads it) and is built
// for speed (Cargo.toml's `server` profile, wasm-opt -O3): RSA arithmetic built for size is ~2.5x
// slower.
// Its memory is capped at 2 GiB (32,768 pages), so that every address and length its exports
// answer fits a signed 32-bit integer: js/wasm/wasm.js reads them without the glue's `>>> 0`. An
// allocation beyond the cap fails (a trap, which the JS layer survives) where memory would
// otherwise have grown towards 4 GiB.
export const CLIENT = {
  name: 'wasm_auth',
  features: [],
  optimize: ['--low-memory-unused', '-Oz', '--converge'],
  nightly: true,
  rustflags: ['-Clink-arg=--max-memory=2147483648'],
}
// The server glue can replace a trapped instance (`__wbg_reset_state`, js/wasm/wasm.js):
// wasm-bindgen's
// --experimental-reset-state-function, which wasm-pack has no way to pass, so this build runs
// cargo and wasm-bindgen itself, as wasm-pack would. The client build needs no glue at all (its
// exports take and return numbers: js/wasm/wasm.js instantiates it), so wasm-pack builds it.
export const SERVER = {
  name: 'wasm_auth_server',
  features: ['verify'],
  profile: 'server',
  optimize: ['-O3'],
  resetState: true,
}

/** The pinned nightly, from Cargo.toml's [package.metadata.nightly] (the one place it is written). */
export const NIGHTLY = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^toolchain = "(nightly-[\d-]+)"$/m)[1]

// The client's production build on the pinned nightly:
// - std rebuilt (-Z build-std) with panic=immediate-abort, so a panic is a bare `unreachable` trap
//   and no panic path formats a message (core::fmt, the panic hook: -10.7 KB raw, -4 KB gzip). A
//   stable build traps the same way (panic=abort) after formatting a message nobody reads, so
//   behaviour is the same.
// - no file, line or column in panic locations (-Z location-detail=none): nothing reads them once
//   panics cannot print (-1.3 KB raw, -0.4 KB gzip).
// - std built with optimize_for_size: its smaller implementations (sorting, integer printing),
//   -1.2 KB raw, -0.4 KB gzip.
// - legacy symbol mangling, as stable uses: nightly's v0 names lengthen the glue's exports.
// - no reference types (nor multivalue, which they bring along): wasm-bindgen then keeps JS
//   values in a JS array instead of a wasm externref table, whose export shims (one per export
//   taking or returning a JS value) and table glue cost more (-0.9 KB raw, -0.4 KB gzip of wasm
//   and glue together).
// - std's crates at opt-level 3, as the prebuilt std that stable links: at the profile's level
//   ("s" for dependencies), memcmp, UTF-8 checks and the like made has() ~5% slower in Chromium;
//   at 3 it is as fast as before and the wasm 78 bytes of gzip smaller still (LTO at "z" decides).
// Its own target dir keeps the stable builds' cache warm. WASM_AUTH_STABLE=1 builds it on stable.
const STD_CRATES = ['core', 'alloc', 'std', 'compiler_builtins']

function nightlyBuild() {
  if (process.env.WASM_AUTH_STABLE === '1') return { env: {}, cargo: [] }
  let installed = ''
  try {
    installed = execFileSync('rustup', ['toolchain', 'list'], { encoding: 'utf8' })
  } catch {}
  if (!installed.split('\n').some((line) => line.startsWith(NIGHTLY))) {
    console.error(`build: ${NIGHTLY} is not installed: run scripts/setup.sh (or WASM_AUTH_STABLE=1 to build on stable)`)
    process.exit(1)
  }
  const rustflags = [
    '-Zunstable-options',
    '-Cpanic=immediate-abort',
    '-Zlocation-detail=none',
    '-Csymbol-mangling-version=legacy',
    '-Ctarget-feature=-reference-types,-multivalue',
  ]
  return {
    env: {
      RUSTUP_TOOLCHAIN: NIGHTLY,
      CARGO_TARGET_DIR: join(root, 'target', 'nightly'),
      RUSTFLAGS: rustflags.join(' '),
    },
    cargo: [
      ...['-Z', 'build-std=std,panic_abort', '-Z', 'build-std-features=optimize_for_size'],
      ...STD_CRATES.flatMap((crate) => ['--config', `profile.release.package.${crate}.opt-level=3`]),
    ],
  }
}

/**
 * Builds one of the wasm above (CLIENT, SERVER) and its glue into `out`, and optimises the wasm in
 * place; returns the wasm's path. `keepNames` keeps the function names (wasm-opt -g) for size
 * maps: the passes are the same, so the code is the one shipped, give or take a few hundred bytes
 * of encoding.
 */
export function buildWasm(
  { name, features, profile = 'release', optimize, nightly, resetState = false, rustflags = [] },
  { out, keepNames = false },
) {
  const toolchain = nightly ? nightlyBuild() : { env: {}, cargo: [] }
  if (rustflags.length) toolchain.env.RUSTFLAGS = [toolchain.env.RUSTFLAGS, ...rustflags].filter(Boolean).join(' ')
  const cargoArgs = [...(features.length ? ['--features', features.join(',')] : []), ...toolchain.cargo]
  const profileArgs = profile === 'release' ? ['--release'] : ['--profile', profile]
  if (resetState) {
    run('cargo', ['build', '--lib', '--target', 'wasm32-unknown-unknown', ...profileArgs, ...cargoArgs], toolchain.env)
    const targetDir = toolchain.env.CARGO_TARGET_DIR ?? process.env.CARGO_TARGET_DIR ?? join(root, 'target')
    run('wasm-bindgen', [
      ...['--target', 'web', '--weak-refs', '--no-typescript', '--experimental-reset-state-function'],
      ...['--out-dir', out, '--out-name', name],
      join(targetDir, 'wasm32-unknown-unknown', profile, 'wasm_auth.wasm'),
    ])
  } else {
    wasmPack(name, profileArgs, cargoArgs, out, toolchain.env)
  }
  const wasm = join(out, `${name}_bg.wasm`)
  const names = keepNames ? ['--debuginfo'] : []
  run(join(root, 'node_modules', 'binaryen', 'bin', 'wasm-opt'), [
    ...optimize,
    ...WASM_OPT_FLAGS,
    ...names,
    wasm,
    '-o',
    wasm,
  ])
  return wasm
}

function wasmPack(name, profileArgs, cargoArgs, out, env) {
  run(
    'wasm-pack',
    [
      'build',
      ...profileArgs,
      '--mode',
      'no-install',
      '--target',
      'web',
      '--weak-refs',
      '--no-typescript',
      '--no-pack',
      '--out-dir',
      out,
      '--out-name',
      name,
      '.',
      ...cargoArgs,
    ],
    env,
  )
}

/** The crate's version, from Cargo.toml. */
export const crateVersion = () => readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "(.+)"$/m)[1]
