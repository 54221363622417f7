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
// shrinks). The server wasm adds signature crypto (~6x the size; only wasm-auth/server loads it)
// and is built for speed (Cargo.toml's `server` profile, wasm-opt -O3): RSA arithmetic built for
// size is ~2.5x slower.
export const CLIENT = { name: 'wasm_auth', features: [], optimize: ['-Oz', '--converge'] }
export const SERVER = { name: 'wasm_auth_server', features: ['verify'], profile: 'server', optimize: ['-O3'] }

/**
 * Builds one of the wasm above (CLIENT, SERVER) and its glue into `out`, and optimises the wasm in
 * place; returns the wasm's path. `keepNames` keeps the function names (wasm-opt -g) for size
 * maps: the passes are the same, so the code is the one shipped, give or take a few hundred bytes
 * of encoding.
 */
export function buildWasm({ name, features, profile = 'release', optimize }, { out, keepNames = false }) {
  const cargoArgs = features.length ? ['--features', features.join(',')] : []
  const profileArgs = profile === 'release' ? ['--release'] : ['--profile', profile]
  run('wasm-pack', [
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
  ])
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

/** The crate's version, from Cargo.toml. */
export const crateVersion = () => readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "(.+)"$/m)[1]
