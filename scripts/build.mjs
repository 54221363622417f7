// Assembles the publishable package in pkg/: the wasm (built by wasm-pack, shrunk by npm's
// binaryen wasm-opt), the JS layer from js/, a CommonJS bundle for require(), and package.json and
// README from pkg-template/. Run through `npm run build`, which runs scripts/setup.sh first.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const pkg = join(root, 'pkg')
const staging = join(root, 'target', 'wasm-pack')
function run(cmd, args) {
  try {
    execFileSync(cmd, args, { cwd: root, stdio: 'inherit' })
  } catch {
    console.error(`build: failed: ${cmd} ${args.join(' ')}`)
    process.exit(1)
  }
}

// Every feature wasm-opt must allow for what rustc and wasm-bindgen emit (TOOLCHAIN.md).
const WASM_OPT_FLAGS = [
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-multivalue', '--enable-reference-types',
  '--strip-debug', '--strip-producers',
]

// The client wasm is built for size (browsers download it). The server wasm is built for speed
// (Cargo.toml's `server` profile, wasm-opt -O3): RSA arithmetic built for size is ~2.5x slower.
function buildWasm(name, features, { profile = 'release', optimize = '-Oz' } = {}) {
  const out = join(staging, name)
  const cargoArgs = features.length ? ['--features', features.join(',')] : []
  const profileArgs = profile === 'release' ? ['--release'] : ['--profile', profile]
  run('wasm-pack', [
    'build', ...profileArgs, '--mode', 'no-install', '--target', 'web', '--weak-refs',
    '--no-typescript', '--no-pack', '--out-dir', out, '--out-name', name, '.', ...cargoArgs,
  ])
  const wasm = join(out, `${name}_bg.wasm`)
  run(join(root, 'node_modules', 'binaryen', 'bin', 'wasm-opt'), [optimize, ...WASM_OPT_FLAGS, wasm, '-o', wasm])
  for (const file of [`${name}.js`, `${name}_bg.wasm`]) cpSync(join(out, file), join(pkg, file))
}

function copyJs() {
  for (const file of readdirSync(join(root, 'js'))) cpSync(join(root, 'js', file), join(pkg, file))
}

// TypeScript reads a .d.ts beside a "type": "module" package as ESM, so require('wasm-auth') needs
// declarations of its own: each .d.ts again as .d.cts, importing its siblings' .cjs (whose
// declarations are the .d.cts). The exports map gives them under node/require.
function writeCommonJsDeclarations() {
  for (const file of readdirSync(join(root, 'js')).filter((f) => f.endsWith('.d.ts'))) {
    const source = readFileSync(join(root, 'js', file), 'utf8')
    const cjs = source.replace(/(from\s+['"]\.\/[\w.-]+)\.js(['"])/g, '$1.cjs$2')
    writeFileSync(join(pkg, file.replace(/\.d\.ts$/, '.d.cts')), cjs)
  }
}

// require('wasm-auth') gets one CommonJS file bundling the Node entry. The Node loader finds the
// wasm relative to import.meta.url, which CommonJS spells from __filename.
async function bundleCommonJs(entry, outfile, { plugins = [], banner = '' } = {}) {
  await build({
    entryPoints: [join(pkg, entry)],
    outfile: join(pkg, outfile),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['react', 'react-dom'],
    define: { 'import.meta.url': '__import_meta_url' },
    banner: { js: `${banner}const __import_meta_url = require('node:url').pathToFileURL(__filename).href;` },
    plugins,
    logLevel: 'warning',
  })
}

// react.cjs and server.cjs take the core (its wasm instance, client, claims, has(), the error
// classes) from index.cjs instead of bundling a second copy: one core instance per process, and
// `instanceof AuthError` holds across require('wasm-auth'), '/react' and '/server'.
const coreFromIndexCjs = {
  name: 'core-from-index-cjs',
  setup(build) {
    build.onResolve({ filter: /^\.\/(core|client|errors|load\.node)\.js$/ }, () => ({ path: './index.cjs', external: true }))
  },
}

function writeManifest() {
  const version = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "(.+)"$/m)[1]
  const template = JSON.parse(readFileSync(join(root, 'pkg-template', 'package.json'), 'utf8'))
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ ...template, version }, null, 2) + '\n')
  cpSync(join(root, 'pkg-template', 'README.md'), join(pkg, 'README.md'))
}

// Tests and examples in this repo import the package by its name, as users do.
function linkIntoNodeModules() {
  const link = join(root, 'node_modules', 'wasm-auth')
  rmSync(link, { recursive: true, force: true })
  symlinkSync('../pkg', link, 'dir')
}

rmSync(pkg, { recursive: true, force: true })
mkdirSync(pkg)
buildWasm('wasm_auth', [])
// The server build adds signature crypto (~6x the size); only wasm-auth/server loads it.
buildWasm('wasm_auth_server', ['verify'], { profile: 'server', optimize: '-O3' })
copyJs()
writeCommonJsDeclarations()
await bundleCommonJs('index.node.js', 'index.cjs')
// 'use client' must stay the first statement for React Server Components to see it.
await bundleCommonJs('react.node.js', 'react.cjs', { plugins: [coreFromIndexCjs], banner: "'use client';\n" })
await bundleCommonJs('server.node.js', 'server.cjs', { plugins: [coreFromIndexCjs] })
writeManifest()
linkIntoNodeModules()
console.log('build: pkg/ is ready (npm pack ./pkg gives the tarball)')
